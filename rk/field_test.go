package rk

import (
	"math"
	"testing"

	"github.com/nde-go/nde/autodiff"
)

// funcField is a Field from a function, for tests.
type funcField struct {
	n     int
	f     func(t float64, y, out []float64)
	calls int
}

func (f *funcField) InDim() int        { return f.n }
func (f *funcField) OutDim() int       { return f.n }
func (f *funcField) Params() []float64 { return nil }
func (f *funcField) Eval(t float64, y, out []float64) {
	f.calls++
	f.f(t, y, out)
}

var _ autodiff.Field = (*funcField)(nil)

// expField is y' = y.
func expField() *funcField {
	return &funcField{n: 1, f: func(_ float64, y, out []float64) { out[0] = y[0] }}
}

// hnwField is the test problem of Hairer, Nørsett and Wanner (Solving ODEs
// I, 1993, eq. (II.10.8)): y1' = 2t·y1·log(max(y2, 1e-3)),
// y2' = −2t·y2·log(max(y1, 1e-3)), with y(0) = (1, e) and exact solution
// y1 = exp(sin t²), y2 = exp(cos t²). It is nonlinear and non-autonomous.
func hnwField() *funcField {
	return &funcField{n: 2, f: func(t float64, y, out []float64) {
		out[0] = 2 * t * y[0] * math.Log(math.Max(y[1], 1e-3))
		out[1] = -2 * t * y[1] * math.Log(math.Max(y[0], 1e-3))
	}}
}

func hnwExact(t float64, y []float64) {
	y[0] = math.Exp(math.Sin(t * t))
	y[1] = math.Exp(math.Cos(t * t))
}

var hnwY0 = []float64{1, math.E}

// arenstorfField is T1a of ../shared/TASKS.md (HNW I, p. 129): one period
// of a closed orbit, so the exact y(T) is y0.
func arenstorfField() *funcField {
	const m = 0.012277471
	const mp = 1 - m
	return &funcField{n: 4, f: func(_ float64, y, dy []float64) {
		a, b := y[0]+m, y[0]-mp
		y22 := y[1] * y[1]
		r1, r2 := a*a+y22, b*b+y22
		d1, d2 := r1*math.Sqrt(r1), r2*math.Sqrt(r2)
		dy[0] = y[2]
		dy[1] = y[3]
		dy[2] = y[0] + 2*y[3] - mp*a/d1 - m*b/d2
		dy[3] = y[1] - 2*y[2] - mp*y[1]/d1 - m*y[1]/d2
	}}
}

var arenstorfY0 = []float64{0.994, 0, 0, -2.00158510637908252240537862224}

const arenstorfT = 17.0652165601579625588917206249

func maxAbsDiff(a, b []float64) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

// solveOK solves and fails the test on an error.
func solveOK(t *testing.T, s *Solver, t0, t1 float64, y0 []float64, opt *Options, sol *Solution) {
	t.Helper()
	if err := s.Solve(t0, t1, y0, opt, sol); err != nil {
		t.Fatal(err)
	}
}

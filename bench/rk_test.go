package bench

import (
	"fmt"
	"math"
	"testing"

	"github.com/nde-go/nde/rk"
)

// The T1 problems of ../shared/TASKS.md, written operation for operation as
// bench/cmd/tasks and the peers' harnesses write them.

const arenstorfMu = 0.012277471

type arenstorf struct{}

func (arenstorf) InDim() int        { return 4 }
func (arenstorf) OutDim() int       { return 4 }
func (arenstorf) Params() []float64 { return nil }
func (arenstorf) Eval(_ float64, y, dy []float64) {
	const m = arenstorfMu
	const mp = 1 - arenstorfMu
	y, dy = y[:4], dy[:4]
	a, b := y[0]+m, y[0]-mp
	y22 := y[1] * y[1]
	r1, r2 := a*a+y22, b*b+y22
	d1, d2 := r1*math.Sqrt(r1), r2*math.Sqrt(r2)
	dy[0] = y[2]
	dy[1] = y[3]
	dy[2] = y[0] + 2*y[3] - mp*a/d1 - m*b/d2
	dy[3] = y[1] - 2*y[2] - mp*y[1]/d1 - m*y[1]/d2
}

type lorenz struct{}

func (lorenz) InDim() int        { return 3 }
func (lorenz) OutDim() int       { return 3 }
func (lorenz) Params() []float64 { return nil }
func (lorenz) Eval(_ float64, y, dy []float64) {
	const sigma, rho, beta = 10.0, 28.0, 8.0 / 3.0
	y, dy = y[:3], dy[:3]
	dy[0] = sigma * (y[1] - y[0])
	dy[1] = y[0]*(rho-y[2]) - y[1]
	dy[2] = y[0]*y[1] - beta*y[2]
}

type pleiades struct{}

func (pleiades) InDim() int        { return 28 }
func (pleiades) OutDim() int       { return 28 }
func (pleiades) Params() []float64 { return nil }
func (pleiades) Eval(_ float64, y, dy []float64) {
	y, dy = y[:28], dy[:28]
	x, yy := y[0:7], y[7:14]
	var ax, ay [7]float64
	for i := 0; i < 7; i++ {
		mi := float64(i + 1)
		for j := i + 1; j < 7; j++ {
			mj := float64(j + 1)
			dx, dyy := x[j]-x[i], yy[j]-yy[i]
			r2 := dx*dx + dyy*dyy
			inv := 1 / (r2 * math.Sqrt(r2))
			ax[i] += mj * dx * inv
			ay[i] += mj * dyy * inv
			ax[j] -= mi * dx * inv
			ay[j] -= mi * dyy * inv
		}
	}
	copy(dy[0:14], y[14:28])
	copy(dy[14:21], ax[:])
	copy(dy[21:28], ay[:])
}

type t1Problem struct {
	task string
	f    interface {
		InDim() int
		OutDim() int
		Params() []float64
		Eval(t float64, y, out []float64)
	}
	y0 []float64
	t1 float64
}

func t1Problems() []t1Problem {
	py := make([]float64, 28)
	copy(py[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(py[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	py[14+5], py[14+6] = 1.75, -1.5
	py[21+3], py[21+4] = -1.25, 1
	return []t1Problem{
		{"T1a", arenstorf{}, []float64{0.994, 0, 0, -2.00158510637908252240537862224}, 17.0652165601579625588917206249},
		{"T1b", lorenz{}, []float64{1, 1, 1}, 10},
		{"T1c", pleiades{}, py, 3},
	}
}

// BenchmarkT1 times one whole solve of each T1 problem (../shared/TASKS.md)
// per iteration, with the Solver and Solution made outside the loop, and
// reports the time per function evaluation.
func BenchmarkT1(b *testing.B) {
	for _, p := range t1Problems() {
		for _, tab := range []*rk.Tableau{rk.Dopri5, rk.Tsit5, rk.Dop853} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				b.Run(fmt.Sprintf("%s/%s/tol=%g", p.task, tab.Name, tol), func(b *testing.B) {
					s, err := rk.New(tab, p.f)
					if err != nil {
						b.Fatal(err)
					}
					opt := rk.Options{RTol: tol, ATol: tol}
					var sol rk.Solution
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						if err := s.Solve(0, p.t1, p.y0, &opt, &sol); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sol.Stats.NFev), "ns/fev")
					b.ReportMetric(float64(sol.Stats.NFev), "nfev")
				})
			}
		}
	}
}

// linearField is y' = A y for a fixed n×n matrix with entries of size
// 1/n, a stand-in for a field whose cost grows with n like a small dense
// layer's.
type linearField struct {
	n int
	a []float64
}

func newLinearField(n int) *linearField {
	f := &linearField{n: n, a: make([]float64, n*n)}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			f.a[i*n+j] = math.Sin(float64(i*n+j)) / float64(n)
		}
		f.a[i*n+i] -= 0.5
	}
	return f
}

func (f *linearField) InDim() int        { return f.n }
func (f *linearField) OutDim() int       { return f.n }
func (f *linearField) Params() []float64 { return nil }
func (f *linearField) Eval(_ float64, y, out []float64) {
	n := f.n
	for i := 0; i < n; i++ {
		row := f.a[i*n : (i+1)*n]
		var s float64
		for j, v := range row {
			s += v * y[j]
		}
		out[i] = s
	}
}

// BenchmarkStep times whole adaptive solves of y' = A y over [0, 10] with
// Dopri5 at tol 1e-8 for states of length n, and reports the time per step
// attempt: the overhead of the stepping loop (stage combinations, error
// norm, controller) beside the field's own cost, which grows as n².
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{3, 4, 8, 16, 32, 64} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := newLinearField(n)
			s, err := rk.New(rk.Dopri5, f)
			if err != nil {
				b.Fatal(err)
			}
			y0 := make([]float64, n)
			for i := range y0 {
				y0[i] = math.Cos(float64(i))
			}
			opt := rk.Options{RTol: 1e-8, ATol: 1e-8}
			var sol rk.Solution
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := s.Solve(0, 10, y0, &opt, &sol); err != nil {
					b.Fatal(err)
				}
			}
			attempts := sol.Stats.Steps + sol.Stats.Rejected
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(attempts), "ns/step")
		})
	}
}

// BenchmarkDenseAt times queries of the dense output of a Dopri5 solve at
// random times (a binary search over the steps and a degree-4 polynomial).
func BenchmarkDenseAt(b *testing.B) {
	p := t1Problems()[0]
	s, _ := rk.New(rk.Dopri5, p.f)
	var sol rk.Solution
	if err := s.Solve(0, p.t1, p.y0, &rk.Options{RTol: 1e-8, ATol: 1e-8, Dense: true}, &sol); err != nil {
		b.Fatal(err)
	}
	out := make([]float64, 4)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := p.t1 * float64((i*7919)%10007) / 10007
		if err := sol.Dense.At(t, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvent times an Arenstorf solve that ends at the first crossing
// of y2 = 0 from above (an event located on the dense output).
func BenchmarkEvent(b *testing.B) {
	p := t1Problems()[0]
	s, _ := rk.New(rk.Dopri5, p.f)
	var sol rk.Solution
	opt := rk.Options{RTol: 1e-8, ATol: 1e-8, EventDirection: -1,
		Event: func(_ float64, y []float64) float64 { return y[1] }}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := s.Solve(0, p.t1, p.y0, &opt, &sol); err != nil || !sol.Event {
			b.Fatal(err, sol.Event)
		}
	}
}

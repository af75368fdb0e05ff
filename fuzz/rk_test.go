package fuzz

import (
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/rk"
)

// linear is y' = A y + b·sin(t) for a 2×2 matrix A: cheap, smooth, and
// stiff or fast enough, for some A, to make the controller work.
type linear struct {
	a [4]float64
	b [2]float64
}

func (l *linear) InDim() int        { return 2 }
func (l *linear) OutDim() int       { return 2 }
func (l *linear) Params() []float64 { return nil }
func (l *linear) Eval(t float64, y, out []float64) {
	s := math.Sin(t)
	out[0] = l.a[0]*y[0] + l.a[1]*y[1] + l.b[0]*s
	out[1] = l.a[2]*y[0] + l.a[3]*y[1] + l.b[1]*s
}

var methods = []*rk.Tableau{rk.Euler, rk.Midpoint, rk.Heun, rk.Ralston, rk.RK4, rk.Bosh3, rk.Dopri5, rk.Tsit5, rk.Dop853}

var sentinels = []error{rk.ErrDimension, rk.ErrInput, rk.ErrTolerance, rk.ErrOptions, rk.ErrNoErrorEstimate,
	rk.ErrNonFinite, rk.ErrStepSize, rk.ErrTooManySteps}

// FuzzSolve feeds arbitrary problems and options to Solve. A solve must
// not panic; it either succeeds, with a finite state at t1 (or at an event)
// and consistent statistics (and a dense output that ends exactly at the
// final state), or returns one of the package's errors — the numerical
// ones as a *SolveError whose place agrees with the Solution.
func FuzzSolve(f *testing.F) {
	f.Add(uint8(6), 0.0, 1.0, 1.0, 0.5, -1.0, 0.3, -0.2, -2.0, 1e-6, 1e-6, 0.0, 0.0, 0.0, 0.0, 0.5, 0.7, uint8(0))
	f.Add(uint8(8), 2.0, -1.0, 1.0, 0.0, 0.0, 1.0, -1.0, 0.0, 1e-9, 1e-12, 0.0, 1e-3, 0.0, 0.1, 0.4, -0.5, uint8(7))
	f.Add(uint8(4), 0.0, 3.0, 1.0, 1.0, -50.0, 0.0, 0.0, -50.0, 0.0, 0.0, 0.01, 0.0, 0.0, 0.0, 1.0, 2.0, uint8(3))
	f.Add(uint8(7), 0.0, 1e3, 1.0, 0.0, 0.0, 100.0, -100.0, 0.0, 1e-3, 1e-3, 0.0, 0.0, 1e-2, 0.0, 5.0, 500.0, uint8(15))
	f.Add(uint8(5), 0.0, 1.0, math.NaN(), 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 1e-6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, uint8(0))
	f.Fuzz(func(t *testing.T, mi uint8, t0, t1, y0a, y0b, a0, a1, a2, a3, rtol, atol, dt, h0, hmin, hmax, save, jump float64, flags uint8) {
		tab := methods[int(mi)%len(methods)]
		field := &linear{a: [4]float64{a0, a1, a2, a3}, b: [2]float64{1, -0.5}}
		s, err := rk.New(tab, field)
		if err != nil {
			t.Fatal(err)
		}
		opt := rk.Options{
			RTol: rtol, ATol: atol, Dt: dt, H0: h0, HMin: hmin, HMax: hmax,
			MaxSteps:  2000,
			SaveAt:    []float64{save},
			Jumps:     []float64{jump},
			Dense:     flags&1 != 0,
			SaveSteps: flags&2 != 0,
			Hermite:   flags&4 != 0,
			ForceHMin: flags&8 != 0,
		}
		if flags&16 != 0 {
			opt.Event = func(_ float64, y []float64) float64 { return y[0] - 0.5 }
		}
		var sol rk.Solution
		y0 := []float64{y0a, y0b}
		err = s.Solve(t0, t1, y0, &opt, &sol)
		if err != nil {
			known := false
			for _, e := range sentinels {
				if errors.Is(err, e) {
					known = true
				}
			}
			if !known {
				t.Fatalf("unknown error %v", err)
			}
			var se *rk.SolveError
			if errors.As(err, &se) {
				if se.T != sol.T || se.Step != sol.Stats.Steps {
					t.Fatalf("%v: solution at %g after %d steps", err, sol.T, sol.Stats.Steps)
				}
				if errors.Is(err, rk.ErrTooManySteps) && sol.Stats.Steps+sol.Stats.Rejected != opt.MaxSteps {
					t.Fatalf("%v with %+v", err, sol.Stats)
				}
			}
			return
		}
		if !sol.Event && sol.T != t1 {
			t.Fatalf("solve ended at %g, not t1 = %g", sol.T, t1)
		}
		if sol.Event && !((sol.T-t0)*(t1-t0) > 0 && (sol.T-t1)*(t1-t0) <= 0) {
			t.Fatalf("event at %g outside (%g, %g]", sol.T, t0, t1)
		}
		for i, v := range sol.Y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("component %d of the final state is %g", i, v)
			}
		}
		if sol.Stats.NFev < 1 || sol.Stats.Steps < 1 {
			t.Fatalf("statistics %+v", sol.Stats)
		}
		if opt.SaveSteps && (len(sol.StepT) != sol.Stats.Steps+1 || len(sol.StepY) != 2*len(sol.StepT)) {
			t.Fatalf("%d step times, %d states for %d steps", len(sol.StepT), len(sol.StepY), sol.Stats.Steps)
		}
		if opt.Dense {
			out := make([]float64, 2)
			a, b := sol.Dense.Span()
			if a != t0 || b != sol.T {
				t.Fatalf("dense span [%g, %g], solve [%g, %g]", a, b, t0, sol.T)
			}
			if err := sol.Dense.At(sol.T, out); err != nil {
				t.Fatal(err)
			}
			if out[0] != sol.Y[0] || out[1] != sol.Y[1] {
				t.Fatalf("dense output at the end %v, final state %v", out, sol.Y)
			}
		}
	})
}

// FuzzMirror checks that integrating backwards equals, bit for bit,
// integrating the mirrored field g(s, z) = −f(−s, z) forwards, for random
// linear problems, tolerances and methods.
func FuzzMirror(f *testing.F) {
	f.Add(uint8(6), 1.0, 0.3, -2.0, 0.5, -0.7, 2.0, 1e-8)
	f.Add(uint8(8), 0.0, 5.0, -5.0, 0.0, 1.0, 7.5, 1e-11)
	f.Add(uint8(5), -3.0, 1.0, 0.2, 0.1, -0.4, 0.3, 1e-4)
	f.Fuzz(func(t *testing.T, mi uint8, a0, a1, a2, a3, y0, span, tol float64) {
		tab := []*rk.Tableau{rk.Bosh3, rk.Dopri5, rk.Tsit5, rk.Dop853}[int(mi)%4]
		for _, v := range []float64{a0, a1, a2, a3, y0, span} {
			if math.IsNaN(v) || math.Abs(v) > 100 {
				return
			}
		}
		if !(span > 1e-3) || !(tol >= 1e-12 && tol <= 1e-2) {
			return
		}
		fw := &linear{a: [4]float64{a0, a1, a2, a3}, b: [2]float64{1, -0.5}}
		back, _ := rk.New(tab, fw)
		mir, _ := rk.New(tab, &mirror{f: fw})
		opt := rk.Options{RTol: tol, ATol: tol, SaveSteps: true, MaxSteps: 3000}
		var b, m rk.Solution
		eb := back.Solve(span, 0, []float64{y0, 1}, &opt, &b)
		em := mir.Solve(-span, 0, []float64{y0, 1}, &opt, &m)
		if (eb == nil) != (em == nil) || b.Stats != m.Stats {
			t.Fatalf("backward %v %+v, mirrored %v %+v", eb, b.Stats, em, m.Stats)
		}
		for i := range b.StepT {
			if b.StepT[i] != -m.StepT[i] {
				t.Fatalf("step %d: t = %v, mirrored −s = %v", i, b.StepT[i], -m.StepT[i])
			}
		}
		for i := range b.StepY {
			if b.StepY[i] != m.StepY[i] && !(math.IsNaN(b.StepY[i]) && math.IsNaN(m.StepY[i])) {
				t.Fatalf("state %d: %v, mirrored %v", i, b.StepY[i], m.StepY[i])
			}
		}
	})
}

type mirror struct {
	f   *linear
	tmp [2]float64
}

func (m *mirror) InDim() int        { return 2 }
func (m *mirror) OutDim() int       { return 2 }
func (m *mirror) Params() []float64 { return nil }
func (m *mirror) Eval(s float64, z, out []float64) {
	m.f.Eval(-s, z, m.tmp[:])
	out[0], out[1] = -m.tmp[0], -m.tmp[1]
}

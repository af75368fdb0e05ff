package rk

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/nde-go/nde/linalg"
)

// The fast paths — the fused stage code of seven-stage FSAL pairs (fsal7)
// and Solve's loop for solves with no output but the final state
// (plainLoop) — promise the same steps as the general code, bit for bit.
// These tests set each against the general code on the same problems: a
// Solver with its fused stage code removed, and Solve with SaveSteps set,
// which records the steps without changing them and takes the general
// loop.

// generalStages returns a Solver for tab and f that takes the general
// stage code.
func generalStages(t *testing.T, tab *Tableau, f *funcField) *Solver {
	t.Helper()
	s, err := New(tab, f)
	if err != nil {
		t.Fatal(err)
	}
	s.f7 = nil
	return s
}

// sameSolve reports how two solves differ, bit for bit: the error, the end
// time and state, the proposed next step and the statistics.
func sameSolve(errA, errB error, a, b *Solution) string {
	var sa, sb *SolveError
	if errors.As(errA, &sa) != errors.As(errB, &sb) || (sa != nil && *sa != *sb) || (errA == nil) != (errB == nil) {
		return fmt.Sprintf("errors %v and %v", errA, errB)
	}
	if math.Float64bits(a.T) != math.Float64bits(b.T) || math.Float64bits(a.HNext) != math.Float64bits(b.HNext) {
		return fmt.Sprintf("end at %v (next step %v) and at %v (%v)", a.T, a.HNext, b.T, b.HNext)
	}
	if a.Stats != b.Stats {
		return fmt.Sprintf("statistics %+v and %+v", a.Stats, b.Stats)
	}
	for i := range a.Y {
		if math.Float64bits(a.Y[i]) != math.Float64bits(b.Y[i]) {
			return fmt.Sprintf("y[%d] = %v and %v", i, a.Y[i], b.Y[i])
		}
	}
	return ""
}

func TestFsal7Shapes(t *testing.T) {
	for _, c := range []struct {
		tab  *Tableau
		want bool
	}{{Dopri5, true}, {Tsit5, true}, {Dop853, false}, {Bosh3, false}, {Heun, false}, {RK4, false}} {
		s, err := New(c.tab, arenstorfField())
		if err != nil {
			t.Fatal(err)
		}
		if got := s.f7 != nil; got != c.want {
			t.Errorf("%s: fused stage code %v, want %v", c.tab.Name, got, c.want)
		}
	}
	// A Dopri5 whose last row has a nonzero where its error weights have a
	// zero, or a zero elsewhere, is not of the shape: the general code
	// takes it.
	odd := *Dopri5
	odd.BErr = append([]float64(nil), Dopri5.BErr...)
	odd.BErr[1] = 1e-3
	if newFsal7(&odd) != nil {
		t.Error("Dopri5 with BErr[1] ≠ 0 and A[6][1] = 0: fused stage code chosen")
	}
	odd = *Tsit5
	odd.A = append([][]float64(nil), Tsit5.A...)
	odd.A[3] = []float64{Tsit5.A[3][0], 0, Tsit5.A[3][2]}
	if newFsal7(&odd) != nil {
		t.Error("Tsit5 with A[3][1] = 0: fused stage code chosen")
	}
}

// TestFastPathsMatch solves T1-like problems forwards and backwards, with
// scalar, per-component and relative-only tolerances and a custom norm,
// on every adaptive method, four ways: fast loop and fused stages, fast
// loop and general stages, general loop and fused stages, and general
// loop and general stages. All four must agree bit for bit.
func TestFastPathsMatch(t *testing.T) {
	type problem struct {
		name   string
		f      func() *funcField
		y0     []float64
		t0, t1 float64
	}
	lorenz := func() *funcField { return lorenzField() }
	problems := []problem{
		{"arenstorf", arenstorfField, arenstorfY0, 0, arenstorfT},
		{"lorenz", lorenz, []float64{1, 1, 1}, 0, 10},
		{"lorenz backwards", lorenz, []float64{1, 1, 1}, 0, -0.5},
		{"hnw", hnwField, hnwY0, 0, 5},
		{"pleiades", pleiadesField, pleiadesY0(), 0, 3},
	}
	n := func(p problem) int { return len(p.y0) }
	opts := []struct {
		name string
		opt  func(n int) Options
	}{
		{"tol 1e-6", func(int) Options { return Options{RTol: 1e-6, ATol: 1e-6} }},
		{"tol 1e-10", func(int) Options { return Options{RTol: 1e-10, ATol: 1e-10} }},
		{"rtol only", func(int) Options { return Options{RTol: 1e-8} }},
		{"per component", func(n int) Options {
			o := Options{RTols: make([]float64, n), ATol: 1e-9}
			for i := range o.RTols {
				o.RTols[i] = 1e-8 * float64(i+1)
			}
			return o
		}},
		{"max norm, HMax, H0", func(int) Options {
			return Options{RTol: 1e-7, ATol: 1e-7, Norm: MaxNorm, HMax: 0.05, H0: 1e-3}
		}},
		{"seminorm", func(int) Options {
			return Options{RTol: 1e-7, ATol: 1e-7, Norm: func(tol linalg.Tol, e, y0, y1 []float64) float64 {
				return tol.ScaledRMS(e[:1], y0[:1], y1[:1])
			}}
		}},
		{"max steps", func(int) Options { return Options{RTol: 1e-9, ATol: 1e-9, MaxSteps: 37} }},
	}
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3} {
		for _, p := range problems {
			for _, o := range opts {
				fused, err := New(tab, p.f())
				if err != nil {
					t.Fatal(err)
				}
				general := generalStages(t, tab, p.f())
				var ref Solution
				opt := o.opt(n(p))
				opt.SaveSteps = true // the general loop
				errRef := general.Solve(p.t0, p.t1, p.y0, &opt, &ref)
				if general.plain {
					t.Fatalf("%s, %s, %s: the reference solve took the fast loop", tab.Name, p.name, o.name)
				}
				for _, way := range []struct {
					name  string
					s     *Solver
					steps bool
				}{{"fast loop, fused stages", fused, false}, {"fast loop, general stages", general, false},
					{"general loop, fused stages", fused, true}, {"general loop, general stages", general, true}} {
					var sol Solution
					opt := o.opt(n(p))
					opt.SaveSteps = way.steps
					err := way.s.Solve(p.t0, p.t1, p.y0, &opt, &sol)
					if way.s.plain == way.steps {
						t.Errorf("%s, %s, %s: %s: fast loop taken %v", tab.Name, p.name, o.name, way.name, way.s.plain)
					}
					if d := sameSolve(err, errRef, &sol, &ref); d != "" {
						t.Errorf("%s, %s, %s: %s and the general code differ: %s", tab.Name, p.name, o.name, way.name, d)
					}
				}
				if o.name == "max steps" && !errors.Is(errRef, ErrTooManySteps) {
					t.Errorf("%s, %s, MaxSteps 37: %v, want ErrTooManySteps", tab.Name, p.name, errRef)
				}
			}
		}
	}
}

// TestFastPathsFailures sets the fast paths against the general code on
// solves that fail: a blow-up, a field that turns NaN, a state that
// overflows while its error estimate stays finite.
func TestFastPathsFailures(t *testing.T) {
	fields := []struct {
		name   string
		f      func() *funcField
		y0     []float64
		t1     float64
		opt    Options
		expect error
	}{
		{"blow-up", func() *funcField {
			return &funcField{n: 1, f: func(_ float64, y, out []float64) { out[0] = y[0] * y[0] }}
		}, []float64{1}, 2, Options{}, nil},
		{"NaN after 0.5", func() *funcField {
			return &funcField{n: 2, f: func(t float64, _, out []float64) {
				out[0], out[1] = 1, 1
				if t > 0.5 {
					out[1] = math.NaN()
				}
			}}
		}, []float64{0, 0}, 1, Options{}, ErrNonFinite},
		{"overflow", func() *funcField {
			return &funcField{n: 2, f: func(t float64, _, out []float64) { out[0], out[1] = 1, 1e300*(1+t/1e9) }}
		}, []float64{0, 1e308}, 1e9, Options{RTol: 1e-6, ATol: 1e-6}, ErrNonFinite},
	}
	for _, tab := range []*Tableau{Dopri5, Tsit5} {
		for _, c := range fields {
			fused, err := New(tab, c.f())
			if err != nil {
				t.Fatal(err)
			}
			general := generalStages(t, tab, c.f())
			var ref Solution
			opt := c.opt
			opt.SaveSteps = true
			errRef := general.Solve(0, c.t1, c.y0, &opt, &ref)
			if errRef == nil || (c.expect != nil && !errors.Is(errRef, c.expect)) {
				t.Fatalf("%s, %s: general code returned %v", tab.Name, c.name, errRef)
			}
			for _, s := range []*Solver{fused, general} {
				var sol Solution
				opt := c.opt
				err := s.Solve(0, c.t1, c.y0, &opt, &sol)
				if !s.plain {
					t.Errorf("%s, %s (fused %v): the fast loop was not taken", tab.Name, c.name, s.f7 != nil)
				}
				if d := sameSolve(err, errRef, &sol, &ref); d != "" {
					t.Errorf("%s, %s (fused %v): fast loop and general code differ: %s", tab.Name, c.name, s.f7 != nil, d)
				}
			}
		}
	}
}

// TestFsal7Outputs checks the fused stage code where the general loop uses
// it with outputs: dense coefficients, saved states, events and jumps
// (whose stages are moved to just before the jump) must be those of the
// general stage code, bit for bit, as must Step and its error estimate.
func TestFsal7Outputs(t *testing.T) {
	for _, tab := range []*Tableau{Dopri5, Tsit5} {
		fused, err := New(tab, arenstorfField())
		if err != nil {
			t.Fatal(err)
		}
		general := generalStages(t, tab, arenstorfField())
		opt := func() Options {
			return Options{RTol: 1e-8, ATol: 1e-8, Dense: true, SaveAt: []float64{0.5, 1, 7.25},
				StepTo: []float64{2}, Jumps: []float64{3.5, 6}, EventDirection: -1,
				Event: func(_ float64, y []float64) float64 { return y[1] + 0.5 }}
		}
		var a, b Solution
		oa, ob := opt(), opt()
		errA := fused.Solve(0, arenstorfT, arenstorfY0, &oa, &a)
		errB := general.Solve(0, arenstorfT, arenstorfY0, &ob, &b)
		if d := sameSolve(errA, errB, &a, &b); d != "" {
			t.Errorf("%s with outputs: fused and general stage code differ: %s", tab.Name, d)
		}
		if !a.Event {
			t.Errorf("%s: the event was not found", tab.Name)
		}
		if len(a.Ys) != len(b.Ys) || len(a.Dense.coef) != len(b.Dense.coef) || len(a.Dense.coef) == 0 {
			t.Fatalf("%s: %d and %d saved values, %d and %d dense coefficients", tab.Name, len(a.Ys), len(b.Ys), len(a.Dense.coef), len(b.Dense.coef))
		}
		for i := range a.Ys {
			if math.Float64bits(a.Ys[i]) != math.Float64bits(b.Ys[i]) {
				t.Errorf("%s: saved value %d is %v and %v", tab.Name, i, a.Ys[i], b.Ys[i])
			}
		}
		for i := range a.Dense.coef {
			if math.Float64bits(a.Dense.coef[i]) != math.Float64bits(b.Dense.coef[i]) {
				t.Fatalf("%s: dense coefficient %d is %v and %v", tab.Name, i, a.Dense.coef[i], b.Dense.coef[i])
			}
		}

		y1a, y1b, ea, eb := make([]float64, 4), make([]float64, 4), make([]float64, 4), make([]float64, 4)
		if err := fused.Step(0.25, 0.3, arenstorfY0, nil, y1a, ea); err != nil {
			t.Fatal(err)
		}
		if err := general.Step(0.25, 0.3, arenstorfY0, nil, y1b, eb); err != nil {
			t.Fatal(err)
		}
		for i := range y1a {
			if math.Float64bits(y1a[i]) != math.Float64bits(y1b[i]) || ea[i] != eb[i] {
				t.Errorf("%s: Step gives y1[%d] = %v, error %v; general %v, %v", tab.Name, i, y1a[i], ea[i], y1b[i], eb[i])
			}
		}
	}
}

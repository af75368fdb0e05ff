package rk

import (
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/linalg"
)

// mirrored returns the field g(s, z) = −f(−s, z): solving it forwards from
// −t0 is solving f backwards from t0, with every operation mirrored.
func mirrored(f *funcField) *funcField {
	tmp := make([]float64, f.n)
	return &funcField{n: f.n, f: func(s float64, z, out []float64) {
		f.f(-s, z, tmp)
		for i, v := range tmp {
			out[i] = -v
		}
	}}
}

// TestBackwardMirror checks integration backwards in time: solving f from
// t1 down to t0 must equal, bit for bit, solving the mirrored field
// g(s, z) = −f(−s, z) forwards from −t1 to −t0. Every step size, stage
// and error estimate is then the negation of the other's, so the accepted
// steps and the states agree exactly; any asymmetry in the stepping loop
// (a test on h that ignores the direction, a rounding of t + h) shows up
// as a difference. It also checks that the backward solve returns to
// within the tolerance's reach of the starting state.
func TestBackwardMirror(t *testing.T) {
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3, RK4} {
		t.Run(tab.Name, func(t *testing.T) {
			f := hnwField()
			fwd, _ := New(tab, f)
			bwd, _ := New(tab, f)
			mir, _ := New(tab, mirrored(hnwField()))
			opt := Options{RTol: 1e-9, ATol: 1e-9, SaveSteps: true}
			if !tab.Adaptive() {
				opt = Options{Dt: 0.01, SaveSteps: true}
			}
			const T = 2.5
			var a, b, m Solution
			if err := fwd.Solve(0, T, hnwY0, &opt, &a); err != nil {
				t.Fatal(err)
			}
			yT := append([]float64(nil), a.Y...)
			if err := bwd.Solve(T, 0, yT, &opt, &b); err != nil {
				t.Fatal(err)
			}
			if err := mir.Solve(-T, 0, yT, &opt, &m); err != nil {
				t.Fatal(err)
			}
			if b.Stats != m.Stats {
				t.Fatalf("backward %+v, mirrored %+v", b.Stats, m.Stats)
			}
			for i := range b.StepT {
				if b.StepT[i] != -m.StepT[i] {
					t.Fatalf("step %d: backward t = %v, mirrored −s = %v", i, b.StepT[i], -m.StepT[i])
				}
			}
			for i := range b.StepY {
				if b.StepY[i] != m.StepY[i] {
					t.Fatalf("state %d: backward %v, mirrored %v", i, b.StepY[i], m.StepY[i])
				}
			}
			back := maxAbsDiff(b.Y, hnwY0)
			t.Logf("%d steps back, round trip error %.3g", b.Stats.Steps, back)
			if back > 1e-6 {
				t.Errorf("forward then backward misses y0 by %.3g", back)
			}
		})
	}
}

// TestDenseMidStep checks each method's own continuous extension at the
// middle of every step against the exact solution: the error there must be
// within 10× the global error at the neighbouring step ends, or of the
// tolerance where the global error is still smaller than that (on the
// first steps). The dense error at θ = ½ is the global error carried in
// plus the interpolant's own error, O(h^(q+1)) for an extension of order q
// = p − 1, which the error estimate does not control; it stays within
// these bounds at tolerances 1e-6 … 1e-10. (At 1e-12 Dop853's order-7
// extension reaches 15× on the first steps of hnwField.) The interpolant
// must also pass through the accepted states.
func TestDenseMidStep(t *testing.T) {
	problems := []struct {
		name  string
		f     func() *funcField
		exact func(float64, []float64)
		T     float64
	}{{"hnw", hnwField, hnwExact, 3}, {"kepler", keplerField, keplerExact, 2 * math.Pi}}
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853} {
		for _, pr := range problems {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				f := pr.f()
				n := f.n
				s, _ := New(tab, f)
				y0 := make([]float64, n)
				pr.exact(0, y0)
				var sol Solution
				opt := Options{RTol: tol, ATol: tol, SaveSteps: true, Dense: true}
				if err := s.Solve(0, pr.T, y0, &opt, &sol); err != nil {
					t.Fatal(err)
				}
				y, w, wl, wr := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
				worst := 0.0
				for k := 0; k+1 < len(sol.StepT); k++ {
					tl, tr := sol.StepT[k], sol.StepT[k+1]
					tm := tl + (tr-tl)/2
					if err := sol.Dense.At(tm, y); err != nil {
						t.Fatal(err)
					}
					pr.exact(tm, w)
					pr.exact(tl, wl)
					pr.exact(tr, wr)
					em := maxAbsDiff(y, w)
					eEnds := math.Max(maxAbsDiff(sol.StepY[n*k:n*k+n], wl), maxAbsDiff(sol.StepY[n*k+n:n*k+2*n], wr))
					scale := 0.0
					for _, v := range w {
						scale = math.Max(scale, math.Abs(v))
					}
					ref := math.Max(eEnds, tol*math.Max(1, scale))
					worst = math.Max(worst, em/ref)
					if em > 10*ref {
						t.Errorf("%s %s tol %g: step %d [%g, %g]: dense error %.3g at mid-step, %.3g at the ends",
							tab.Name, pr.name, tol, k, tl, tr, em, eEnds)
					}
					if err := sol.Dense.At(tr, y); err != nil || maxAbsDiff(y, sol.StepY[n*k+n:n*k+2*n]) > 4e-16*scale {
						t.Errorf("%s: step %d: interpolant at the step end %v, state %v (%v)", tab.Name, k, y, sol.StepY[n*k+n:n*k+2*n], err)
					}
				}
				t.Logf("%s %s tol %g: %d steps, degree %d; largest mid-step error / reference = %.3g",
					tab.Name, pr.name, tol, sol.Stats.Steps, sol.Dense.Degree(), worst)
			}
		}
	}
}

// TestHermiteOrder measures the order of the cubic Hermite interpolant: with
// Dop853's fixed steps the states at the step ends are exact to ~1e-14 and
// the mid-step error is the interpolant's own, C·h⁴ (HNW I, Sec. II.6);
// the slope must be 4 ± 0.2.
func TestHermiteOrder(t *testing.T) {
	s, _ := New(Dop853, oscField())
	y0 := make([]float64, 2)
	oscExact(0, y0)
	var hs, errs []float64
	var sol Solution
	y, w := make([]float64, 2), make([]float64, 2)
	for _, n := range []int{20, 28, 40, 56, 80, 113, 160} {
		opt := Options{Dt: 10 / float64(n), Dense: true, Hermite: true, SaveSteps: true}
		if err := s.Solve(0, 10, y0, &opt, &sol); err != nil {
			t.Fatal(err)
		}
		var e float64
		for k := 0; k+1 < len(sol.StepT); k++ {
			tm := (sol.StepT[k] + sol.StepT[k+1]) / 2
			if err := sol.Dense.At(tm, y); err != nil {
				t.Fatal(err)
			}
			oscExact(tm, w)
			e = math.Max(e, maxAbsDiff(y, w))
		}
		hs = append(hs, 10/float64(n))
		errs = append(errs, e)
	}
	p := slope(hs, errs)
	t.Logf("Hermite interpolant: order %.3f (errors %.3g … %.3g)", p, errs[0], errs[len(errs)-1])
	if math.Abs(p-4) > 0.2 {
		t.Errorf("Hermite interpolant order %.3f, want 4 ± 0.2", p)
	}
}

// TestEvent locates the time where y1 = exp(sin t²) of hnwField first
// reaches 2, t* = sqrt(asin(ln 2)), to 1e-10, and checks that the solve
// ends there with the state on the event surface; with each method's own
// dense output, with the cubic Hermite interpolant of Bosh3, and with RK4's
// fixed steps.
func TestEvent(t *testing.T) {
	want := math.Sqrt(math.Asin(math.Ln2))
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3, RK4} {
		s, _ := New(tab, hnwField())
		var sol Solution
		opt := Options{RTol: 1e-12, ATol: 1e-12, SaveAt: []float64{0.5, 0.8, 1.5},
			Event: func(_ float64, y []float64) float64 { return y[0] - 2 }}
		if !tab.Adaptive() {
			opt.RTol, opt.ATol, opt.Dt = 0, 0, 1e-3
		}
		if err := s.Solve(0, 2, hnwY0, &opt, &sol); err != nil {
			t.Fatal(err)
		}
		if !sol.Event {
			t.Fatalf("%s: no event", tab.Name)
		}
		t.Logf("%s: event at %.15f, error %.3g, y1 − 2 = %.3g, %d steps", tab.Name, sol.T, sol.T-want, sol.Y[0]-2, sol.Stats.Steps)
		if math.Abs(sol.T-want) > 1e-10 {
			t.Errorf("%s: event at %.15g, want %.15g", tab.Name, sol.T, want)
		}
		if math.Abs(sol.Y[0]-2) > 1e-10 {
			t.Errorf("%s: y1 = %.15g at the event, want 2", tab.Name, sol.Y[0])
		}
		if sol.NSaved != 2 || !math.IsNaN(sol.Ys[4]) {
			t.Errorf("%s: NSaved = %d, Ys = %v: want the two save times before the event", tab.Name, sol.NSaved, sol.Ys)
		}
	}
	// A falling-only event skips the rising crossing and finds the next,
	// where sin t² comes back down through ln 2: t² = π − asin(ln 2).
	s, _ := New(Dop853, hnwField())
	var sol Solution
	opt := Options{RTol: 1e-12, ATol: 1e-12, EventDirection: -1,
		Event: func(_ float64, y []float64) float64 { return y[0] - 2 }}
	if err := s.Solve(0, 2, hnwY0, &opt, &sol); err != nil {
		t.Fatal(err)
	}
	if want := math.Sqrt(math.Pi - math.Asin(math.Ln2)); !sol.Event || math.Abs(sol.T-want) > 1e-10 {
		t.Errorf("falling event at %.15g (event %v), want %.15g", sol.T, sol.Event, want)
	}
	// An event function that never changes sign lets the solve finish.
	opt.Event = func(_ float64, y []float64) float64 { return y[0] + 1 }
	if err := s.Solve(0, 2, hnwY0, &opt, &sol); err != nil || sol.Event || sol.T != 2 {
		t.Errorf("no crossing: event %v at %g (%v)", sol.Event, sol.T, err)
	}
}

// TestSaveAt checks outputs at requested times against the exact solution
// and against the dense interpolant, forwards and backwards.
func TestSaveAt(t *testing.T) {
	for _, dir := range []float64{1, -1} {
		s, _ := New(Dopri5, hnwField())
		var sol Solution
		t0, t1 := 0.0, 2.0
		y0 := hnwY0
		times := []float64{0, 0.3, 0.3, 1.1, 1.7, 2}
		if dir < 0 {
			t0, t1 = 2, 0
			y0 = make([]float64, 2)
			hnwExact(2, y0)
			times = []float64{2, 1.7, 1.1, 0.3, 0}
		}
		opt := Options{RTol: 1e-10, ATol: 1e-10, SaveAt: times, Dense: true}
		if err := s.Solve(t0, t1, y0, &opt, &sol); err != nil {
			t.Fatal(err)
		}
		if sol.NSaved != len(times) {
			t.Fatalf("NSaved = %d, want %d", sol.NSaved, len(times))
		}
		w, d := make([]float64, 2), make([]float64, 2)
		for i, ti := range times {
			hnwExact(ti, w)
			got := sol.Ys[2*i : 2*i+2]
			if e := maxAbsDiff(got, w); e > 1e-7 {
				t.Errorf("dir %g: y(%g) = %v, exact %v", dir, ti, got, w)
			}
			if err := sol.Dense.At(ti, d); err != nil {
				t.Fatal(err)
			}
			if e := maxAbsDiff(got, d); e > 1e-15 {
				t.Errorf("dir %g: SaveAt %v and Dense.At %v differ at %g", dir, got, d, ti)
			}
		}
		if e := maxAbsDiff(sol.Ys[len(sol.Ys)-2:], sol.Y); e != 0 {
			t.Errorf("the save at t1 %v differs from the final state %v", sol.Ys[len(sol.Ys)-2:], sol.Y)
		}
		if a, b := sol.Dense.Span(); a != t0 || b != t1 {
			t.Errorf("dense span [%g, %g], want [%g, %g]", a, b, t0, t1)
		}
		if err := sol.Dense.At(t1+dir*1e-9, d); !errors.Is(err, ErrOutsideSpan) {
			t.Errorf("query past the end: %v", err)
		}
	}
}

// TestDenseNotKept checks that a solve without Options.Dense into a
// Solution that holds the interpolant of an earlier solve empties it:
// Solution.Dense describes the solve just done, and a stale interpolant of
// another problem must not answer queries.
func TestDenseNotKept(t *testing.T) {
	s, _ := New(Dopri5, hnwField())
	var sol Solution
	if err := s.Solve(0, 2, hnwY0, &Options{Dense: true}, &sol); err != nil || sol.Dense.Steps() == 0 {
		t.Fatalf("dense solve: %v, %d steps", err, sol.Dense.Steps())
	}
	if err := s.Solve(0, 1, []float64{3, 4}, nil, &sol); err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 2)
	if err := sol.Dense.At(0.5, out); !errors.Is(err, ErrOutsideSpan) || sol.Dense.Steps() != 0 {
		t.Errorf("after a solve without Dense: At(0.5) = %v (%v), %d steps", out, err, sol.Dense.Steps())
	}
}

// TestFixedSteps checks that fixed steps land on t0 + k·dt, computed from k
// (bit for bit), that a remainder shorter than 1e-9·dt is absorbed, and that
// grids are followed exactly.
func TestFixedSteps(t *testing.T) {
	s, _ := New(RK4, expField())
	var sol Solution
	opt := Options{Dt: 0.01, SaveSteps: true}
	if err := s.Solve(0, 1, []float64{1}, &opt, &sol); err != nil {
		t.Fatal(err)
	}
	if len(sol.StepT) != 101 {
		t.Fatalf("%d step times, want 101", len(sol.StepT))
	}
	for k, tk := range sol.StepT[:100] {
		if tk != float64(k)*0.01 {
			t.Errorf("t_%d = %v, want %v", k, tk, float64(k)*0.01)
		}
	}
	if sol.StepT[100] != 1 || sol.T != 1 {
		t.Errorf("last time %v, T = %v, want 1", sol.StepT[100], sol.T)
	}
	if sol.Stats.NFev != 4*100 {
		t.Errorf("RK4, 100 steps: %d evaluations, want 400", sol.Stats.NFev)
	}
	// RK4's global error on y' = y is e·h⁴/120 ≈ 2.3e-10 at h = 0.01.
	if e := math.Abs(sol.Y[0] - math.E); e > 3e-10 {
		t.Errorf("y(1) = %.15g, e = %.15g", sol.Y[0], math.E)
	}
	// A step that does not divide the span: the last step is short.
	dt := 0.3
	opt.Dt = dt
	solveOK(t, s, 0, 1, []float64{1}, &opt, &sol)
	if got := sol.StepT; len(got) != 5 || got[3] != 3*dt || got[4] != 1 {
		t.Errorf("dt 0.3 over [0, 1]: times %v", got)
	}
	// A grid.
	grid := []float64{0, 0.1, 0.5, 0.55, 1}
	opt = Options{Grid: grid, SaveSteps: true}
	solveOK(t, s, 0, 1, []float64{1}, &opt, &sol)
	for i, g := range grid {
		if sol.StepT[i] != g {
			t.Errorf("grid step %d at %v, want %v", i, sol.StepT[i], g)
		}
	}
	// StepTo inside fixed steps splits a step.
	opt = Options{Dt: 0.25, StepTo: []float64{0.6}, SaveSteps: true}
	solveOK(t, s, 0, 1, []float64{1}, &opt, &sol)
	want := []float64{0, 0.25, 0.5, 0.6, 0.75, 1}
	if len(sol.StepT) != len(want) {
		t.Fatalf("times %v, want %v", sol.StepT, want)
	}
	for i := range want {
		if sol.StepT[i] != want[i] {
			t.Errorf("times %v, want %v", sol.StepT, want)
			break
		}
	}
}

// TestStepToAndJumps checks that adaptive steps end on StepTo and Jumps
// times, and that a jump in the field is handled: with the jump given, the
// solution of a piecewise-constant field is exact and the controller does
// not have to find the discontinuity by rejections.
func TestStepToAndJumps(t *testing.T) {
	// y' = 1 before t = 1, −2 from t = 1 on; y(3) = y0 + 1 − 4.
	f := &funcField{n: 1, f: func(t float64, _, out []float64) {
		if t < 1 {
			out[0] = 1
		} else {
			out[0] = -2
		}
	}}
	s, _ := New(Dopri5, f)
	var with, without Solution
	opt := Options{RTol: 1e-10, ATol: 1e-10, SaveSteps: true, Jumps: []float64{1}, StepTo: []float64{2.5}}
	if err := s.Solve(0, 3, []float64{0}, &opt, &with); err != nil {
		t.Fatal(err)
	}
	if e := math.Abs(with.Y[0] - (-3)); e > 1e-13 {
		t.Errorf("with the jump: y(3) = %.17g, want −3", with.Y[0])
	}
	hit := map[float64]bool{}
	for _, tk := range with.StepT {
		hit[tk] = true
	}
	if !hit[1] || !hit[2.5] {
		t.Errorf("steps %v miss the jump at 1 or the stop at 2.5", with.StepT)
	}
	opt.Jumps, opt.StepTo = nil, nil
	if err := s.Solve(0, 3, []float64{0}, &opt, &without); err != nil {
		t.Fatal(err)
	}
	t.Logf("with the jump: %+v, error %.3g; without: %+v, error %.3g",
		with.Stats, with.Y[0]+3, without.Stats, without.Y[0]+3)
	if with.Stats.Rejected != 0 || without.Stats.Rejected == 0 {
		t.Errorf("rejections with the jump %d (want 0), without %d (want > 0)", with.Stats.Rejected, without.Stats.Rejected)
	}
	// The step that ends at the jump sees the field's left limit: its
	// stages at t = 1 are evaluated just before it. A StepTo at the same
	// time ends a step there too, but its last stage sees f(1) = −2, so the
	// error estimate is polluted and the controller rejects steps.
	var plain, jumped Solution
	solveOK(t, s, 0, 3, []float64{0}, &Options{RTol: 1e-10, ATol: 1e-10, StepTo: []float64{1}}, &plain)
	solveOK(t, s, 0, 3, []float64{0}, &Options{RTol: 1e-10, ATol: 1e-10, Jumps: []float64{1}}, &jumped)
	t.Logf("StepTo at the discontinuity: %+v; Jumps: %+v", plain.Stats, jumped.Stats)
	if jumped.Stats.Rejected != 0 || plain.Stats.Rejected == 0 {
		t.Errorf("StepTo: %+v; Jumps: %+v: want rejections only without the jump", plain.Stats, jumped.Stats)
	}
}

// TestCloseStops checks stops that are close together or to t0: a step
// shortened to land on a StepTo or Jumps time may be far shorter than the
// step the controller chose, and the steps after it must not stay that
// short (the controller's growth limit FacMax applies to the step it chose,
// not to one cut short by a stop). Stop times one ulp apart must not make
// the solve fail, and stops 1e-10 apart cost no more than a few extra
// steps. A span of a few ulps at a large t is solved in one step rather
// than failing the step-size resolution test, which is for steps that do
// not reach their stop.
func TestCloseStops(t *testing.T) {
	s, _ := New(Dopri5, hnwField())
	var sol Solution
	if err := s.Solve(0, 2, hnwY0, &Options{}, &sol); err != nil {
		t.Fatal(err)
	}
	plain := sol.Stats.Steps
	for _, gap := range []float64{0x1p-52, 1e-10} {
		for _, opt := range []Options{
			{StepTo: []float64{1, 1 + gap}},
			{Jumps: []float64{1, 1 + gap}},
			{StepTo: []float64{1}, Jumps: []float64{1 + gap}},
		} {
			err := s.Solve(0, 2, hnwY0, &opt, &sol)
			t.Logf("stops %v %v: %+v (%d steps without) %v", opt.StepTo, opt.Jumps, sol.Stats, plain, err)
			if err != nil {
				t.Errorf("stops %v, jumps %v: %v", opt.StepTo, opt.Jumps, err)
				continue
			}
			if sol.Stats.Steps > plain+4 {
				t.Errorf("stops %v, jumps %v: %d steps, %d without them", opt.StepTo, opt.Jumps, sol.Stats.Steps, plain)
			}
		}
	}
	// y' = y over 4 ulps of t = 1e10 and over 32 ulps of t = 1 (where
	// t + 1.01·h rounds to t + h = t1, which must still count as reaching
	// t1 rather than leave a step of length zero to take).
	e, _ := New(Dopri5, expField())
	for _, span := range [][2]float64{{1e10, 1e10 + 4*0x1p-52*0x1p33}, {1, 1 + 32*0x1p-52}} {
		t0, t1 := span[0], span[1]
		err := e.Solve(t0, t1, []float64{1}, &Options{SaveSteps: true}, &sol)
		if err != nil || sol.T != t1 || sol.Stats.Steps != 1 || len(sol.StepT) != 2 {
			t.Errorf("span [%v, %v]: %v, T = %v, steps at %v", t0, t1, err, sol.T, sol.StepT)
		} else if want := math.Exp(t1 - t0); math.Abs(sol.Y[0]-want) > 1e-15 {
			t.Errorf("span [%v, %v]: y = %.17g, want %.17g", t0, t1, sol.Y[0], want)
		}
	}
}

// TestStepReplay checks that Solver.Step between recorded step times
// reproduces the accepted states of a Solve bit for bit, the contract that
// backpropagation by replay from checkpoints relies on.
func TestStepReplay(t *testing.T) {
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3} {
		s, _ := New(tab, arenstorfField())
		r, _ := New(tab, arenstorfField())
		var sol Solution
		if err := s.Solve(0, 3, arenstorfY0, &Options{RTol: 1e-7, ATol: 1e-7, SaveSteps: true}, &sol); err != nil {
			t.Fatal(err)
		}
		y1 := make([]float64, 4)
		for k := 0; k+1 < len(sol.StepT); k++ {
			if err := r.Step(sol.StepT[k], sol.StepT[k+1], sol.StepY[4*k:4*k+4], nil, y1, nil); err != nil {
				t.Fatal(err)
			}
			for i := range y1 {
				if y1[i] != sol.StepY[4*(k+1)+i] {
					t.Fatalf("%s: step %d replays to %v, solve had %v", tab.Name, k, y1, sol.StepY[4*(k+1):4*k+8])
				}
			}
		}
	}
	// Step's error estimate is h·Σ BErr_i k_i, the difference between the
	// fifth- and the fourth-order solutions. As quadrature rules they
	// integrate polynomials of degree 4 and 3 exactly: for y' = t³ both are
	// exact and the estimate vanishes, for y' = t⁴ only the solution is.
	s, _ := New(Dopri5, &funcField{n: 1, f: func(t float64, _, out []float64) { out[0] = t * t * t }})
	y1, e := make([]float64, 1), make([]float64, 1)
	if err := s.Step(0, 1, []float64{0}, nil, y1, e); err != nil {
		t.Fatal(err)
	}
	if math.Abs(y1[0]-0.25) > 1e-15 || math.Abs(e[0]) > 1e-15 {
		t.Errorf("y' = t³ over [0, 1]: y1 = %.17g (want 1/4), error estimate %.3g (want 0)", y1[0], e[0])
	}
	s, _ = New(Dopri5, &funcField{n: 1, f: func(t float64, _, out []float64) { out[0] = t * t * t * t }})
	if err := s.Step(0, 1, []float64{0}, nil, y1, e); err != nil {
		t.Fatal(err)
	}
	if math.Abs(y1[0]-0.2) > 1e-15 || math.Abs(e[0]) < 1e-5 {
		t.Errorf("y' = t⁴ over [0, 1]: y1 = %.17g (want 1/5), error estimate %.3g (want ≠ 0)", y1[0], e[0])
	}
}

// TestTolerances checks per-component tolerances and norms: equal
// per-component values behave as the scalars, a max norm is stricter than
// the RMS norm, and a seminorm that leaves a component out of error
// control lets its error grow.
func TestTolerances(t *testing.T) {
	s, _ := New(Dopri5, arenstorfField())
	var a, b, c Solution
	solveOK(t, s, 0, arenstorfT, arenstorfY0, &Options{RTol: 1e-8, ATol: 1e-9}, &a)
	solveOK(t, s, 0, arenstorfT, arenstorfY0, &Options{RTols: []float64{1e-8, 1e-8, 1e-8, 1e-8}, ATols: []float64{1e-9, 1e-9, 1e-9, 1e-9}}, &b)
	// The per-component path rounds the norm differently (a square root
	// and a square), so step sizes differ in their last bits, which the
	// orbit amplifies some 10⁶-fold: far below the solution's own error
	// (7e-5 here), but not zero.
	if d := maxAbsDiff(a.Y, b.Y); d > 1e-8 || a.Stats.Steps != b.Stats.Steps {
		t.Errorf("scalar %+v and per-component %+v tolerances differ by %.3g", a.Stats, b.Stats, d)
	}
	solveOK(t, s, 0, arenstorfT, arenstorfY0, &Options{RTol: 1e-8, ATol: 1e-9, Norm: MaxNorm}, &c)
	if c.Stats.Steps <= a.Stats.Steps {
		t.Errorf("max norm %d steps, RMS norm %d: want more", c.Stats.Steps, a.Stats.Steps)
	}
	// Loose tolerance on the velocities (components 2, 3) through ATols.
	var d Solution
	solveOK(t, s, 0, arenstorfT, arenstorfY0, &Options{RTol: 1e-8, ATols: []float64{1e-9, 1e-9, 1, 1}}, &d)
	if d.Stats.Steps >= a.Stats.Steps {
		t.Errorf("looser velocity tolerances: %d steps, want fewer than %d", d.Stats.Steps, a.Stats.Steps)
	}
	// A seminorm over the positions only.
	var e Solution
	semi := func(tol linalg.Tol, e, y0, y1 []float64) float64 { return tol.ScaledRMS(e[:2], y0[:2], y1[:2]) }
	solveOK(t, s, 0, arenstorfT, arenstorfY0, &Options{RTol: 1e-8, ATol: 1e-9, Norm: semi}, &e)
	t.Logf("steps: RMS %d, max %d, loose velocities %d, seminorm %d", a.Stats.Steps, c.Stats.Steps, d.Stats.Steps, e.Stats.Steps)
	if e.Stats.Steps >= a.Stats.Steps {
		t.Errorf("seminorm: %d steps, want fewer than %d", e.Stats.Steps, a.Stats.Steps)
	}
}

// TestController checks the controller options: HMax bounds the steps,
// H0 sets the first, a PID with other coefficients changes the step
// sequence, HMin fails or forces, and Hairer's defaults are the zero value.
func TestController(t *testing.T) {
	s, _ := New(Dopri5, arenstorfField())
	var a, b Solution
	solveOK(t, s, 0, 5, arenstorfY0, &Options{RTol: 1e-6, ATol: 1e-6, HMax: 0.01, SaveSteps: true}, &a)
	for k := 0; k+1 < len(a.StepT); k++ {
		if h := a.StepT[k+1] - a.StepT[k]; h > 0.01*(1+1e-12) {
			t.Fatalf("step %d of size %g > HMax", k, h)
		}
	}
	solveOK(t, s, 0, 5, arenstorfY0, &Options{RTol: 1e-6, ATol: 1e-6, H0: 1e-5, SaveSteps: true}, &b)
	if h := b.StepT[1] - b.StepT[0]; h != 1e-5 || b.Stats.NFev%6 != 1 {
		t.Errorf("first step %g (want 1e-5); nfev %d should be 1 + 6 per attempt without the heuristic", h, b.Stats.NFev)
	}
	var def, hairer, pi Solution
	solveOK(t, s, 0, 5, arenstorfY0, &Options{RTol: 1e-6, ATol: 1e-6}, &def)
	solveOK(t, s, 0, 5, arenstorfY0, &Options{RTol: 1e-6, ATol: 1e-6, Controller: hairerDOPRI5}, &hairer)
	solveOK(t, s, 0, 5, arenstorfY0, &Options{RTol: 1e-6, ATol: 1e-6, Controller: PID{I: 1}}, &pi)
	if def.Stats != hairer.Stats || def.Y[0] != hairer.Y[0] {
		t.Errorf("zero controller %+v differs from Hairer's %+v", def.Stats, hairer.Stats)
	}
	if pi.Stats == def.Stats {
		t.Errorf("an integral controller gives the same statistics %+v as the PI one", pi.Stats)
	}
	// hnwField's steps shrink as t grows (its frequency is 2t): an HMin
	// above what late steps need fails there, or is forced.
	h, _ := New(Dopri5, hnwField())
	var c Solution
	err := h.Solve(0, 3, hnwY0, &Options{RTol: 1e-8, ATol: 1e-8, H0: 0.1, HMin: 0.04}, &c)
	var se *SolveError
	if !errors.Is(err, ErrStepSize) || !errors.As(err, &se) {
		t.Errorf("HMin above the needed step: %v", err)
	} else if c.T != se.T || c.T <= 0.5 || math.Abs(se.H) >= 0.04 {
		t.Errorf("failure at %g with h = %g, solution at %g", se.T, se.H, c.T)
	}
	if err := h.Solve(0, 3, hnwY0, &Options{RTol: 1e-8, ATol: 1e-8, H0: 0.1, HMin: 0.04, ForceHMin: true}, &c); err != nil || c.T != 3 {
		t.Errorf("ForceHMin: %v, T = %g", err, c.T)
	}
	// The heuristic proposes 1e-4 here (f(0, y0) = 0): the first step is
	// raised to HMin.
	if err := h.Solve(0, 1, hnwY0, &Options{RTol: 1e-8, ATol: 1e-8, HMin: 1e-3, SaveSteps: true}, &c); err != nil || len(c.StepT) < 2 || c.StepT[1] != 1e-3 {
		t.Errorf("heuristic step below HMin: %v, steps at %v", err, c.StepT)
	}
}

// TestFailures checks the numerical failures: each returns its error with
// the place it happened and the solution so far.
func TestFailures(t *testing.T) {
	// y' = y², y(0) = 1: y = 1/(1−t) blows up at t = 1.
	blow := &funcField{n: 1, f: func(_ float64, y, out []float64) { out[0] = y[0] * y[0] }}
	s, _ := New(Dopri5, blow)
	var sol Solution
	err := s.Solve(0, 2, []float64{1}, nil, &sol)
	var se *SolveError
	if !errors.As(err, &se) || !(errors.Is(err, ErrStepSize) || errors.Is(err, ErrNonFinite)) {
		t.Fatalf("blow-up: %v", err)
	}
	t.Logf("blow-up: %v; %+v", err, sol.Stats)
	if math.Abs(se.T-1) > 1e-3 || sol.T != se.T || sol.Stats.Steps != se.Step || sol.Stats.NFev == 0 {
		t.Errorf("blow-up failed at t = %g (want ≈ 1), solution at %g, stats %+v, step %d", se.T, sol.T, sol.Stats, se.Step)
	}
	if sol.Y[0] < 1e6 {
		t.Errorf("state at failure %g, want the blow-up", sol.Y[0])
	}

	// A field that turns NaN in component 1 after t = 0.5, with fixed steps.
	nan := &funcField{n: 2, f: func(t float64, y, out []float64) {
		out[0] = 1
		out[1] = 1
		if t > 0.5 {
			out[1] = math.NaN()
		}
	}}
	s, _ = New(RK4, nan)
	err = s.Solve(0, 1, []float64{0, 0}, &Options{Dt: 0.1}, &sol)
	if !errors.Is(err, ErrNonFinite) || !errors.As(err, &se) || se.Component != 1 {
		t.Fatalf("NaN field: %v", err)
	}
	if se.T != sol.T || sol.T != 0.5 || math.Abs(sol.Y[0]-0.5) > 1e-15 {
		t.Errorf("NaN field: failure at %g, solution (%g, %v), want t = 0.5", se.T, sol.T, sol.Y)
	}
	// The same adaptively: the trial steps beyond 0.5 are rejected down to
	// the smallest step, which is reported as non-finite.
	s, _ = New(Dopri5, nan)
	err = s.Solve(0, 1, []float64{0, 0}, nil, &sol)
	if !errors.Is(err, ErrNonFinite) || !errors.As(err, &se) || se.Component != 1 || math.Abs(se.T-0.5) > 1e-6 {
		t.Errorf("NaN field, adaptive: %v", err)
	}
	// ForceHMin does not accept a non-finite step.
	err = s.Solve(0, 1, []float64{0, 0}, &Options{HMin: 0.05, ForceHMin: true}, &sol)
	if !errors.Is(err, ErrNonFinite) || !errors.As(err, &se) || se.Component != 1 || sol.T > 0.5 {
		t.Errorf("NaN field, forced steps: %v, solution at %g", err, sol.T)
	}
	// NaN at the initial state.
	s, _ = New(Dopri5, &funcField{n: 1, f: func(_ float64, _, out []float64) { out[0] = math.Inf(1) }})
	if err := s.Solve(0, 1, []float64{0}, nil, &sol); !errors.Is(err, ErrNonFinite) || sol.T != 0 {
		t.Errorf("infinite f(t0, y0): %v at %g", err, sol.T)
	}

	// Too many steps.
	s, _ = New(Dopri5, arenstorfField())
	err = s.Solve(0, arenstorfT, arenstorfY0, &Options{MaxSteps: 50}, &sol)
	if !errors.Is(err, ErrTooManySteps) || !errors.As(err, &se) {
		t.Fatalf("MaxSteps: %v", err)
	}
	if sol.Stats.Steps+sol.Stats.Rejected != 50 || sol.T <= 0 || sol.T >= arenstorfT {
		t.Errorf("MaxSteps 50: %+v, stopped at %g", sol.Stats, sol.T)
	}
}

// TestNonFiniteStateRejected checks that an adaptive step whose new state
// is not finite is never accepted, even where its error estimate is finite
// and small: y2' = 1e300·(1 + t/1e9) from y2 = 1e308 overflows near
// t = 8e7 while every stage stays finite, so that the error estimate is
// finite and Hairer's norm divides it by an infinite scale; a seminorm
// that leaves y2 out of error control does not look at it at all. The
// solve must fail with ErrNonFinite, naming the component, with the finite
// state before the overflow, rather than return an infinite or NaN state
// without an error.
func TestNonFiniteStateRejected(t *testing.T) {
	f := &funcField{n: 2, f: func(t float64, _, out []float64) { out[0], out[1] = 1, 1e300*(1+t/1e9) }}
	first := func(_ linalg.Tol, e, y0, y1 []float64) float64 {
		return math.Abs(e[0]) / (1e-6 + 1e-6*math.Max(math.Abs(y0[0]), math.Abs(y1[0])))
	}
	for _, norm := range []Norm{nil, first} {
		for _, tab := range []*Tableau{Heun, Bosh3, Dopri5, Tsit5, Dop853} {
			s, _ := New(tab, f)
			var sol Solution
			err := s.Solve(0, 1e9, []float64{0, 1e308}, &Options{Norm: norm}, &sol)
			var se *SolveError
			if !errors.Is(err, ErrNonFinite) || !errors.As(err, &se) || se.Component != 1 {
				t.Errorf("%s (seminorm %v): got %v with y = %v at t = %g, want ErrNonFinite in component 1",
					tab.Name, norm != nil, err, sol.Y, sol.T)
				continue
			}
			if ok, _ := linalg.AllFinite(sol.Y); !ok || sol.T != se.T || !(sol.T < 8e7) {
				t.Errorf("%s (seminorm %v): solution y = %v at t = %g, failure at %g", tab.Name, norm != nil, sol.Y, sol.T, se.T)
			}
		}
	}
	// Steps forced to HMin are accepted whatever their error, but not
	// with a non-finite state.
	for _, tab := range []*Tableau{Heun, Dopri5, Dop853} {
		s, _ := New(tab, f)
		var sol Solution
		err := s.Solve(0, 1e9, []float64{0, 1e308}, &Options{HMin: 2e7, HMax: 2e7, ForceHMin: true}, &sol)
		var se *SolveError
		if !errors.Is(err, ErrNonFinite) || !errors.As(err, &se) || se.Component != 1 {
			t.Errorf("%s, forced steps: got %v with y = %v at t = %g, want ErrNonFinite in component 1", tab.Name, err, sol.Y, sol.T)
		} else if ok, _ := linalg.AllFinite(sol.Y); !ok || !(sol.T < 8e7) {
			t.Errorf("%s, forced steps: solution y = %v at t = %g", tab.Name, sol.Y, sol.T)
		}
	}
}

// TestBadInput checks that each kind of bad input returns its error before
// any evaluation of the field.
func TestBadInput(t *testing.T) {
	f := hnwField()
	s, err := New(Dopri5, f)
	if err != nil {
		t.Fatal(err)
	}
	y0 := []float64{1, 2}
	nan := math.NaN()
	cases := []struct {
		name   string
		t0, t1 float64
		y0     []float64
		opt    Options
		want   error
	}{
		{"short y0", 0, 1, []float64{1}, Options{}, ErrDimension},
		{"NaN in y0", 0, 1, []float64{1, nan}, Options{}, ErrInput},
		{"Inf in y0", 0, 1, []float64{math.Inf(-1), 1}, Options{}, ErrInput},
		{"t0 == t1", 1, 1, y0, Options{}, ErrInput},
		{"NaN t1", 0, nan, y0, Options{}, ErrInput},
		{"Inf t0", math.Inf(-1), 1, y0, Options{}, ErrInput},
		{"negative rtol", 0, 1, y0, Options{RTol: -1e-6, ATol: 1e-6}, ErrTolerance},
		{"NaN atol", 0, 1, y0, Options{RTol: 1e-6, ATol: nan}, ErrTolerance},
		{"short RTols", 0, 1, y0, Options{RTols: []float64{1e-6}}, ErrTolerance},
		{"zero tolerances in a component", 0, 1, y0, Options{RTols: []float64{1e-6, 0}, ATols: []float64{1e-6, 0}}, ErrTolerance},
		{"negative Dt", 0, 1, y0, Options{Dt: -0.1}, ErrOptions},
		{"NaN Dt", 0, 1, y0, Options{Dt: nan}, ErrOptions},
		{"Inf Dt", 0, 1, y0, Options{Dt: math.Inf(1)}, ErrOptions},
		{"tiny Dt", 0, 1, y0, Options{Dt: 1e-300}, ErrOptions},
		{"Dt and Grid", 0, 1, y0, Options{Dt: 0.1, Grid: []float64{0, 1}}, ErrOptions},
		{"grid off t0", 0, 1, y0, Options{Grid: []float64{0.1, 1}}, ErrOptions},
		{"unsorted grid", 0, 1, y0, Options{Grid: []float64{0, 0.5, 0.4, 1}}, ErrOptions},
		{"repeated grid time", 0, 1, y0, Options{Grid: []float64{0, 0.5, 0.5, 1}}, ErrOptions},
		{"grid against the direction", 1, 0, y0, Options{Grid: []float64{1, 0.2, 0.5, 0}}, ErrOptions},
		{"StepTo outside", 0, 1, y0, Options{StepTo: []float64{1.5}}, ErrOptions},
		{"unsorted Jumps", 0, 1, y0, Options{Jumps: []float64{0.5, 0.2}}, ErrOptions},
		{"NaN SaveAt", 0, 1, y0, Options{SaveAt: []float64{nan}}, ErrOptions},
		{"SaveAt before t0", 0, 1, y0, Options{SaveAt: []float64{-0.1}}, ErrOptions},
		{"negative H0", 0, 1, y0, Options{H0: -1}, ErrOptions},
		{"NaN HMax", 0, 1, y0, Options{HMax: nan}, ErrOptions},
		{"HMin > HMax", 0, 1, y0, Options{HMin: 0.5, HMax: 0.1}, ErrOptions},
		{"H0 < HMin", 0, 1, y0, Options{H0: 1e-3, HMin: 1e-2}, ErrOptions},
		{"H0 < HMin, forced", 0, 1, y0, Options{H0: 1e-3, HMin: 1e-2, ForceHMin: true}, ErrOptions},
		{"negative MaxSteps", 0, 1, y0, Options{MaxSteps: -1}, ErrOptions},
		{"safety > 1", 0, 1, y0, Options{Controller: PID{I: 1, Safety: 1.5}}, ErrOptions},
		{"FacMax < 1", 0, 1, y0, Options{Controller: PID{I: 1, FacMax: 0.5}}, ErrOptions},
		{"NaN P", 0, 1, y0, Options{Controller: PID{P: nan, I: 1}}, ErrOptions},
	}
	var sol Solution
	for _, c := range cases {
		f.calls = 0
		opt := c.opt
		err := s.Solve(c.t0, c.t1, c.y0, &opt, &sol)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
		if f.calls != 0 {
			t.Errorf("%s: %d evaluations before the error", c.name, f.calls)
		}
	}
	if err := s.Solve(0, 1, y0, nil, nil); !errors.Is(err, ErrInput) {
		t.Errorf("nil Solution: %v", err)
	}
	// Adaptive stepping with a method without an error estimate.
	r, _ := New(RK4, f)
	if err := r.Solve(0, 1, y0, nil, &sol); !errors.Is(err, ErrNoErrorEstimate) {
		t.Errorf("RK4 adaptive: %v", err)
	}
	// New.
	if _, err := New(Dopri5, nil); !errors.Is(err, ErrDimension) {
		t.Errorf("nil field: %v", err)
	}
	if _, err := New(Dopri5, &rectField{}); !errors.Is(err, ErrDimension) {
		t.Errorf("non-square field: %v", err)
	}
	if _, err := New(Dopri5, &funcField{n: 0}); !errors.Is(err, ErrDimension) {
		t.Errorf("empty field: %v", err)
	}
	if _, err := New(&Tableau{Name: "empty"}, f); !errors.Is(err, ErrTableau) {
		t.Errorf("empty tableau: %v", err)
	}
	// Step.
	if err := s.Step(0, 1, []float64{1}, nil, make([]float64, 2), nil); !errors.Is(err, ErrDimension) {
		t.Errorf("Step with a short y0: %v", err)
	}
	if err := s.Step(0, 0, y0, nil, make([]float64, 2), nil); !errors.Is(err, ErrInput) {
		t.Errorf("Step of size 0: %v", err)
	}
	// Dense output.
	var d Dense
	if err := d.At(0, y0); !errors.Is(err, ErrOutsideSpan) {
		t.Errorf("empty Dense: %v", err)
	}
	solveOK(t, s, 0, 1, y0, &Options{Dense: true}, &sol)
	if err := sol.Dense.At(0.5, []float64{0}); !errors.Is(err, ErrDimension) {
		t.Errorf("Dense.At with a short out: %v", err)
	}
	if err := sol.Dense.At(nan, y0); !errors.Is(err, ErrOutsideSpan) {
		t.Errorf("Dense.At(NaN): %v", err)
	}
}

type rectField struct{}

func (rectField) InDim() int                     { return 2 }
func (rectField) OutDim() int                    { return 3 }
func (rectField) Params() []float64              { return nil }
func (rectField) Eval(_ float64, _, _ []float64) {}

// TestAllocs asserts that solving allocates nothing once the Solution's
// slices have their size: adaptive and fixed steps, every output kind,
// events, and the dense output's queries.
func TestAllocs(t *testing.T) {
	for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3, RK4} {
		s, err := New(tab, hnwField())
		if err != nil {
			t.Fatal(err)
		}
		var sol Solution
		opt := Options{RTol: 1e-8, ATol: 1e-8, SaveAt: []float64{0.5, 1, 1.5}, SaveSteps: true, Dense: true,
			Jumps: []float64{0.7}, StepTo: []float64{1.2},
			Event: func(_ float64, y []float64) float64 { return y[0] - 2.5 }}
		if !tab.Adaptive() {
			opt.RTol, opt.ATol, opt.Dt = 0, 0, 0.01
		}
		out := make([]float64, 2)
		run := func() {
			if err := s.Solve(0, 3, hnwY0, &opt, &sol); err != nil {
				t.Fatal(err)
			}
			if err := sol.Dense.At(0.9, out); err != nil {
				t.Fatal(err)
			}
		}
		run()
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Errorf("%s: %g allocations per solve", tab.Name, n)
		}
		y1 := make([]float64, 2)
		if n := testing.AllocsPerRun(20, func() { s.Step(0, 0.1, hnwY0, nil, y1, out) }); n != 0 {
			t.Errorf("%s: %g allocations per Step", tab.Name, n)
		}
		if !tab.Adaptive() {
			continue
		}
		// The lean loop of solves with no output but the final state, with
		// the default and with a custom norm.
		for _, norm := range []Norm{nil, MaxNorm} {
			plain := Options{RTol: 1e-8, ATol: 1e-8, Norm: norm}
			run := func() {
				if err := s.Solve(0, 3, hnwY0, &plain, &sol); err != nil {
					t.Fatal(err)
				}
			}
			run()
			if !s.plain {
				t.Fatalf("%s: the solve without outputs did not take the lean loop", tab.Name)
			}
			if n := testing.AllocsPerRun(20, run); n != 0 {
				t.Errorf("%s, custom norm %v: %g allocations per solve without outputs", tab.Name, norm != nil, n)
			}
		}
	}
}

// TestNFevCounts checks that Stats.NFev counts every call of the field,
// for every method and output kind.
func TestNFevCounts(t *testing.T) {
	for _, tab := range allTableaux {
		for _, dense := range []bool{false, true} {
			f := hnwField()
			s, _ := New(tab, f)
			opt := Options{RTol: 1e-6, ATol: 1e-6, Dense: dense, SaveAt: []float64{0.25}, Jumps: []float64{1}}
			if !tab.Adaptive() {
				opt.Dt = 0.01
			}
			var sol Solution
			if err := s.Solve(0, 2, hnwY0, &opt, &sol); err != nil {
				t.Fatal(err)
			}
			if sol.Stats.NFev != f.calls {
				t.Errorf("%s dense=%v: NFev %d, %d calls", tab.Name, dense, sol.Stats.NFev, f.calls)
			}
		}
	}
}

// TestRelativeToleranceOnly solves with atol = 0, where a component that
// starts at zero has a zero error scale: the harmonic oscillator from
// (1, 0) (its second component moves away from 0 at once), and a third
// component that stays exactly 0 (zero error over zero scale counts as
// exact). Hairer's norm would divide 0 by 0 there; the solve must instead
// succeed and be accurate to a small multiple of rtol, with scalar and with
// per-component tolerances.
func TestRelativeToleranceOnly(t *testing.T) {
	osc := &funcField{n: 3, f: func(_ float64, y, out []float64) {
		out[0], out[1], out[2] = y[1], -y[0], 0
	}}
	for _, opt := range []*Options{
		{RTol: 1e-7},
		{RTols: []float64{1e-7, 1e-7, 1e-7}},
	} {
		for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853, Bosh3} {
			s, err := New(tab, osc)
			if err != nil {
				t.Fatal(err)
			}
			var sol Solution
			if err := s.Solve(0, 5, []float64{1, 0, 0}, opt, &sol); err != nil {
				t.Fatalf("%s %+v: %v", tab.Name, opt, err)
			}
			want := []float64{math.Cos(5), -math.Sin(5), 0}
			if d := maxAbsDiff(sol.Y, want); !(d <= 1e-5) || sol.Y[2] != 0 {
				t.Errorf("%s %+v: y(5) = %v, want %v (error %.2g)", tab.Name, opt, sol.Y, want, d)
			}
			if sol.Stats.Steps > 2000 {
				t.Errorf("%s: %d steps for a smooth problem", tab.Name, sol.Stats.Steps)
			}
		}
	}
}

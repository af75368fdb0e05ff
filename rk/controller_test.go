package rk

import (
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/linalg"
)

// pidReference computes, from the step-size law as PID's documentation
// states it and without the solver's code, the step sizes that a PID
// controller attempts for a scripted sequence of error norms: the first
// attempt is h0; after an accepted step with error ε_n the next is
//
//	h · clamp(Safety · ε_n^(−β1/q) · ε_{n−1}^(−β2/q) · ε_{n−2}^(−β3/q), FacMin, FacMax)
//
// with β1 = P+I+D, β2 = −(P+2D), β3 = D, past errors floored at (and
// starting from) 1e-4, FacMax for ε_n = 0, no growth right after a
// rejection, and then at most hmax; after a rejection the step is
// h · max(FacMin, Safety · ε_n^(−β1/q)). It returns the attempted step
// sizes (one more than the errors: the last is the step proposed after
// them) and counts how often each rule decided a factor.
func pidReference(c PID, q, h0, hmax float64, errs []float64) (hs []float64, hits map[string]int) {
	hits = map[string]int{}
	b1, b2, b3 := c.P+c.I+c.D, -(c.P + 2*c.D), c.D
	prev1, prev2 := 1e-4, 1e-4
	rejected := false
	h := h0
	hs = append(hs, h)
	for _, e := range errs {
		if e > 1 {
			fac := c.Safety * math.Pow(e, -b1/q)
			if fac < c.FacMin {
				fac = c.FacMin
				hits["reject at FacMin"]++
			} else {
				hits["reject by the law"]++
			}
			h *= fac
			rejected = true
			hs = append(hs, h)
			continue
		}
		var fac float64
		switch raw := c.Safety * math.Pow(e, -b1/q) * math.Pow(prev1, -b2/q) * math.Pow(prev2, -b3/q); {
		case e == 0:
			fac = c.FacMax
			hits["zero error"]++
		case raw > c.FacMax:
			fac = c.FacMax
			hits["FacMax"]++
		case raw < c.FacMin:
			fac = c.FacMin
			hits["FacMin"]++
		default:
			fac = raw
			hits["law"]++
		}
		if rejected && fac > 1 {
			fac = 1
			hits["no growth after a rejection"]++
		}
		rejected = false
		prev2, prev1 = prev1, math.Max(e, 1e-4)
		h *= fac
		if h > hmax {
			h = hmax
			hits["HMax"]++
		}
		hs = append(hs, h)
	}
	return hs, hits
}

// TestPIDSteps drives the step-size controller with a scripted sequence of
// error norms (an Options.Norm that ignores the error estimate) on
// y' = 1, y(0) = 0, where every attempt from y0 to y1 has h = y1 − y0, and
// checks each attempted step size, rejected ones included, against
// pidReference: a PID with all of P, I and D, a Safety, FacMin and FacMax
// of its own, and an HMax. The script makes every rule of the controller
// decide some step (checked below), and changing any one of D, Safety,
// FacMin, FacMax or HMax in the reference changes the sequence by far more
// than the tolerance, so that a solver that ignored it would fail.
func TestPIDSteps(t *testing.T) {
	pid := PID{P: 0.3, I: 0.5, D: 0.15, Safety: 0.8, FacMin: 0.4, FacMax: 3}
	const q = 5 // Dopri5's control order: its embedded order 4, plus 1
	const h0, hmax = 0.01, 0.05
	errs := []float64{
		0.5, 0.02, 0, 1e-6, 1, // growth up to FacMax, then FacMin after tiny errors
		4, 1000, 0.3, 0.1, 0.7, // rejections, no growth right after them
		1e-3, 1e-3, 1e-3, 0.2, // growth to HMax
		0.9, 0.05, 0.6, 0.02, 0.95, 0.3, // the law, with D weighing three errors
	}
	want, hits := pidReference(pid, q, h0, hmax, errs)
	for _, rule := range []string{"law", "FacMax", "FacMin", "zero error", "reject by the law", "reject at FacMin",
		"no growth after a rejection", "HMax"} {
		if hits[rule] == 0 {
			t.Errorf("the script never exercises %q (%v)", rule, hits)
		}
	}
	for _, alt := range []struct {
		name string
		c    PID
		hmax float64
	}{
		{"D = 0", PID{P: 0.3, I: 0.5, Safety: 0.8, FacMin: 0.4, FacMax: 3}, hmax},
		{"Safety 0.9", PID{P: 0.3, I: 0.5, D: 0.15, Safety: 0.9, FacMin: 0.4, FacMax: 3}, hmax},
		{"FacMin 0.2", PID{P: 0.3, I: 0.5, D: 0.15, Safety: 0.8, FacMin: 0.2, FacMax: 3}, hmax},
		{"FacMax 10", PID{P: 0.3, I: 0.5, D: 0.15, Safety: 0.8, FacMin: 0.4, FacMax: 10}, hmax},
		{"no HMax", pid, 1e3},
	} {
		other, _ := pidReference(alt.c, q, h0, alt.hmax, errs)
		d := 0.0
		for i := range want {
			d = math.Max(d, math.Abs(other[i]/want[i]-1))
		}
		if d < 1e-3 {
			t.Errorf("with %s the reference steps differ by only %.2g: the script does not test it", alt.name, d)
		}
	}

	f := &funcField{n: 1, f: func(_ float64, _, out []float64) { out[0] = 1 }}
	s, _ := New(Dopri5, f)
	var got []float64
	norm := func(_ linalg.Tol, _, y0, y1 []float64) float64 {
		got = append(got, y1[0]-y0[0])
		return errs[len(got)-1]
	}
	var sol Solution
	opt := Options{Controller: pid, H0: h0, HMax: hmax, Norm: norm, MaxSteps: len(errs), SaveSteps: true}
	err := s.Solve(0, 1e3, []float64{0}, &opt, &sol)
	var se *SolveError
	if !errors.Is(err, ErrTooManySteps) || !errors.As(err, &se) || len(got) != len(errs) {
		t.Fatalf("%v after %d error norms, want ErrTooManySteps after %d", err, len(got), len(errs))
	}
	got = append(got, se.H) // the step proposed after the last attempt
	for i := range want {
		if math.Abs(got[i]/want[i]-1) > 1e-10 {
			t.Errorf("attempt %d: h = %.17g, want %.17g", i, got[i], want[i])
		}
	}
	// The accepted steps are the attempts with ε ≤ 1.
	k := 0
	for i, e := range errs {
		if e > 1 {
			continue
		}
		k++
		if k >= len(sol.StepT) {
			break
		}
		if h := sol.StepT[k] - sol.StepT[k-1]; math.Abs(h/want[i]-1) > 1e-10 {
			t.Errorf("accepted step %d: h = %.17g, want %.17g", k, h, want[i])
		}
	}
	if sol.Stats.Steps != k || len(sol.StepT) != k+1 {
		t.Errorf("%d accepted steps, %d step times; want %d", sol.Stats.Steps, len(sol.StepT), k)
	}
	t.Logf("rules: %v", hits)
}

// TestGrowthLimit checks on the Arenstorf orbit that no accepted step
// exceeds FacMax times the one before it or HMax, and that both limits
// decide some steps: from a first step of 1e-6, far below what the
// tolerance allows, the steps grow by FacMax until they reach their size.
func TestGrowthLimit(t *testing.T) {
	for _, c := range []struct {
		pid  PID
		hmax float64
	}{
		{PID{P: 0.2, I: 0.65, FacMax: 1.5}, 0},
		{PID{I: 1, FacMax: 2}, 0},
		{PID{}, 0.05},
	} {
		s, _ := New(Dopri5, arenstorfField())
		var sol Solution
		opt := Options{RTol: 1e-8, ATol: 1e-8, Controller: c.pid, H0: 1e-6, HMax: c.hmax, SaveSteps: true}
		if err := s.Solve(0, arenstorfT, arenstorfY0, &opt, &sol); err != nil {
			t.Fatal(err)
		}
		facMax, hmax := c.pid.FacMax, c.hmax
		if facMax == 0 {
			facMax = 10 // DOPRI5's
		}
		if hmax == 0 {
			hmax = arenstorfT
		}
		ratio, hBig := 0.0, 0.0
		// The last step ends at T, stretched by up to 1% or cut short.
		for k := 1; k+2 < len(sol.StepT); k++ {
			h0, h1 := sol.StepT[k]-sol.StepT[k-1], sol.StepT[k+1]-sol.StepT[k]
			ratio = math.Max(ratio, h1/h0)
			hBig = math.Max(hBig, h1)
		}
		t.Logf("%+v, HMax %g: %d steps, largest growth %.6f, largest step %.6g", c.pid, c.hmax, sol.Stats.Steps, ratio, hBig)
		if ratio > facMax*(1+1e-12) || hBig > hmax*(1+1e-12) {
			t.Errorf("%+v: a step grew %.6g-fold (FacMax %g) to %g (HMax %g)", c.pid, ratio, facMax, hBig, hmax)
		}
		if c.hmax == 0 && ratio < facMax*(1-1e-9) {
			t.Errorf("%+v: largest growth %.6g: FacMax %g never limits a step", c.pid, ratio, facMax)
		}
		if c.hmax > 0 && hBig < hmax*(1-1e-9) {
			t.Errorf("largest step %g: HMax %g never limits a step", hBig, hmax)
		}
	}
}

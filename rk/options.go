package rk

import (
	"fmt"
	"math"

	"github.com/nde-go/nde/linalg"
)

// Options configures one solve. The zero value solves adaptively with
// rtol = atol = 1e-6, Hairer's RMS error norm, the method's default step
// size controller and initial-step heuristic, and keeps only the final
// state. A Solve does not retain Options or anything it points to.
type Options struct {
	// RTol and ATol are the relative and absolute tolerances of adaptive
	// stepping. RTols and ATols, when not nil, give them per component and
	// replace the scalar of the same kind. When all four are zero or nil,
	// rtol = atol = 1e-6.
	RTol, ATol   float64
	RTols, ATols []float64
	// Norm, when not nil, measures a step's error estimate e in place of
	// the RMS norm of Hairer, Nørsett and Wanner (Solving ODEs I, 1993,
	// eq. (II.4.11)); a step is accepted when the result is at most 1. It
	// also measures y0 and f(t0, y0) in the initial-step heuristic. Give
	// a seminorm here to leave some components out of error control.
	Norm Norm

	// Controller sets the PID step-size controller of adaptive stepping;
	// its zero value means the method's default (Tableau.Controller). It,
	// the tolerances, H0, HMin, HMax and ForceHMin are not used (nor
	// checked) with fixed steps.
	Controller PID
	// H0 is the magnitude of the first step; zero chooses it with the
	// heuristic of Hairer, Nørsett and Wanner (Solving ODEs I, Sec. II.4),
	// which costs one evaluation of f. A nonzero H0 below HMin is an
	// ErrOptions error; a step from the heuristic below HMin is raised to
	// HMin.
	H0 float64
	// HMin and HMax bound the magnitude of adaptive steps. A step size
	// below HMin is an ErrStepSize failure unless ForceHMin is set, in which
	// case a step of size HMin is taken and accepted whatever its error.
	// HMax zero means |t1 − t0|.
	HMin, HMax float64
	ForceHMin  bool
	// MaxSteps bounds the number of step attempts, accepted and rejected.
	// Zero means 100000 (as Hairer's codes) for adaptive stepping and no
	// bound for fixed steps.
	MaxSteps int

	// Dt, when positive, selects fixed steps of size Dt (in the direction
	// of integration) at the times t0 + k·Dt, computed from k so that they
	// do not drift; the last step ends at t1 and is shorter unless
	// (t1−t0)/Dt is within 1e-9 of an integer.
	Dt float64
	// Grid, when not nil, selects fixed steps between consecutive grid
	// times; Grid[0] must be t0 and the last element t1.
	Grid []float64

	// StepTo lists times that steps must end at exactly (without dense
	// interpolation), in the order of integration.
	StepTo []float64
	// Jumps lists times where the field may be discontinuous, in the order
	// of integration: steps end there, stages of the step that ends at a
	// jump are evaluated at times before it (the float just below the jump
	// stands in for the jump itself), and the next step evaluates f anew at
	// the jump instead of reusing the last stage (FSAL).
	Jumps []float64

	// SaveAt lists times at which to record the state into Solution.Ys, in
	// the order of integration; they do not affect the steps (the state
	// between steps comes from the dense interpolant).
	SaveAt []float64
	// SaveSteps records t0 and every accepted step in Solution.StepT and
	// Solution.StepY.
	SaveSteps bool
	// Dense records the interpolant over the whole solve in
	// Solution.Dense.
	Dense bool
	// Hermite uses the cubic Hermite interpolant for dense output, SaveAt
	// and events even when the method has its own continuous extension.
	Hermite bool

	// Event, when not nil, is a condition g(t, y) whose change of sign ends
	// the solve: after each accepted step g is evaluated at its end, and
	// where g has changed sign (from non-zero to zero or the opposite sign)
	// the crossing is located by root finding on the dense interpolant.
	// The solution then ends at the crossing (Solution.Event is true). A
	// zero of g at t0 does not count.
	Event func(t float64, y []float64) float64
	// EventDirection restricts events to rising (> 0: g goes from negative
	// to non-negative) or falling (< 0) crossings; zero accepts both.
	EventDirection int
}

// Norm measures the error estimate e of a step from y0 to y1 against the
// tolerances tol; a step is accepted when it returns at most 1. It must not
// retain its arguments. tol.ScaledRMS is the default. tol carries per-component
// tolerances for the whole state: a norm that measures only some components
// passes tol.Slice of them to tol's methods, as the example below does.
type Norm func(tol linalg.Tol, e, y0, y1 []float64) float64

// MaxNorm measures e with the max norm: max_i |e_i| / (atol_i +
// rtol_i·max(|y0_i|, |y1_i|)).
func MaxNorm(tol linalg.Tol, e, y0, y1 []float64) float64 { return tol.ScaledMax(e, y0, y1) }

// PID is a proportional–integral–derivative step-size controller in the
// form of Söderlind (Digital filters in adaptive time-stepping, ACM TOMS 29,
// 2003) as Diffrax parametrises it: after an accepted step with scaled error
// ε_n the next step is
//
//	h_{n+1} = h_n · clamp(Safety · ε_n^(−β1/q) · ε_{n−1}^(−β2/q) · ε_{n−2}^(−β3/q), FacMin, FacMax)
//
// with β1 = P + I + D, β2 = −(P + 2D), β3 = D and q the method's
// ControlOrder. Past errors are floored at 1e-4 and start at 1e-4, and a
// step that follows a rejection may not grow, as in Hairer's codes. After a
// rejection the step shrinks by max(FacMin, Safety·ε_n^(−β1/q)). After a
// step cut short to end on a StepTo or Jumps time, whose error would allow
// more than FacMax, the next step is the one chosen before the cut.
//
// Hairer's DOPRI5 stabilised controller (β = 0.04, HNW I, Sec. II.4) is
// P = 0.2, I = 0.65, D = 0; a pure integral controller is I = 1.
type PID struct {
	// P, I and D are the coefficients; all three zero selects the method's
	// default controller, and with it the defaults of the other fields.
	P, I, D float64
	// Safety is the factor on the step-size law; zero means 0.9.
	Safety float64
	// FacMin and FacMax bound h_{n+1}/h_n; zero means the method's
	// defaults (0.2 and 10 for DOPRI5's, 0.333 and 6 for DOP853's).
	FacMin, FacMax float64
}

// hairerDOPRI5 is DOPRI5's default controller: safety 0.9, factors in
// [0.2, 10], beta 0.04 (Hairer's dopri5.f, WORK(2..5)), written as a PID.
var hairerDOPRI5 = PID{P: 0.2, I: 0.65, Safety: 0.9, FacMin: 0.2, FacMax: 10}

// hairerDOP853 is DOP853's default controller: safety 0.9, factors in
// [0.333, 6], beta 0 (Hairer's dop853.f, WORK(2..5)).
var hairerDOP853 = PID{I: 1, Safety: 0.9, FacMin: 0.333, FacMax: 6}

func (tab *Tableau) defaultPID() PID {
	if tab.Controller == (PID{}) {
		return hairerDOPRI5
	}
	return tab.Controller.resolve(hairerDOPRI5)
}

// resolve fills the zero fields of c from the method's default.
func (c PID) resolve(def PID) PID {
	if c.P == 0 && c.I == 0 && c.D == 0 {
		c.P, c.I, c.D = def.P, def.I, def.D
		if c.Safety == 0 {
			c.Safety = def.Safety
		}
		if c.FacMin == 0 {
			c.FacMin = def.FacMin
		}
		if c.FacMax == 0 {
			c.FacMax = def.FacMax
		}
		return c
	}
	if c.Safety == 0 {
		c.Safety = 0.9
	}
	if c.FacMin == 0 {
		c.FacMin = def.FacMin
	}
	if c.FacMax == 0 {
		c.FacMax = def.FacMax
	}
	return c
}

func (c PID) validate() error {
	for _, v := range []float64{c.P, c.I, c.D, c.Safety, c.FacMin, c.FacMax} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: controller %+v is not finite", ErrOptions, c)
		}
	}
	if !(c.Safety > 0 && c.Safety <= 1) {
		return fmt.Errorf("%w: controller safety %g outside (0, 1]", ErrOptions, c.Safety)
	}
	if !(c.FacMin > 0 && c.FacMin <= 1) || !(c.FacMax >= 1) {
		return fmt.Errorf("%w: controller factors [%g, %g] do not contain 1", ErrOptions, c.FacMin, c.FacMax)
	}
	return nil
}

// monotone checks that x is finite, ordered in direction dir (repeats
// allowed unless strict) and inside the closed span between t0 and t1.
func monotone(name string, x []float64, t0, t1, dir float64, strict bool) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s[%d] = %g", ErrOptions, name, i, v)
		}
		if (v-t0)*dir < 0 || (v-t1)*dir > 0 {
			return fmt.Errorf("%w: %s[%d] = %g outside [%g, %g]", ErrOptions, name, i, v, t0, t1)
		}
		if i > 0 {
			d := (v - x[i-1]) * dir
			if d < 0 || (strict && d == 0) {
				return fmt.Errorf("%w: %s is not ordered from t0 to t1 at index %d", ErrOptions, name, i)
			}
		}
	}
	return nil
}

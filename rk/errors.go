package rk

import (
	"errors"
	"fmt"
)

// Errors for bad input. They are returned, wrapped with context, before any
// work is done.
var (
	// ErrTableau reports a malformed tableau.
	ErrTableau = errors.New("rk: invalid tableau")
	// ErrDimension reports a nil field, a field whose output length
	// differs from its input length (or is zero), or a state-sized slice
	// (y0, Step's f0, y1 and yErr, Dense.At's out) whose length does not
	// match the state. Per-component tolerances of the wrong length are
	// ErrTolerance.
	ErrDimension = errors.New("rk: length mismatch")
	// ErrInput reports a non-finite initial state or time, or t0 == t1.
	ErrInput = errors.New("rk: invalid initial value problem")
	// ErrTolerance reports unusable tolerances.
	ErrTolerance = errors.New("rk: invalid tolerances")
	// ErrOptions reports an invalid option: a step size, a grid or a list
	// of times that is not finite, not strictly monotone in the direction of
	// integration, or outside [t0, t1]; or controller parameters out of range.
	ErrOptions = errors.New("rk: invalid options")
	// ErrNoErrorEstimate reports adaptive stepping asked of a method without
	// an embedded error estimate: give Options.Dt or Options.Grid.
	ErrNoErrorEstimate = errors.New("rk: adaptive stepping needs a method with an error estimate")
	// ErrOutsideSpan reports a dense-output query outside the solved span.
	ErrOutsideSpan = errors.New("rk: time outside the solved span")
)

// Errors for numerical failures during a solve. They come wrapped in a
// *SolveError that says where the failure happened; the Solution then holds
// the results up to the last accepted step.
var (
	// ErrNonFinite reports a state or derivative that is NaN or ±Inf at an
	// accepted point, or trial steps that stayed non-finite down to the
	// smallest step size.
	ErrNonFinite = errors.New("rk: non-finite state")
	// ErrStepSize reports that the step size fell below Options.HMin, or
	// below the resolution of the time variable.
	ErrStepSize = errors.New("rk: step size underflow")
	// ErrTooManySteps reports that Options.MaxSteps step attempts were used.
	ErrTooManySteps = errors.New("rk: too many steps")
)

// SolveError is a numerical failure during a solve: Err is ErrNonFinite,
// ErrStepSize or ErrTooManySteps.
type SolveError struct {
	Err error
	// Step is the number of accepted steps before the failure.
	Step int
	// T is the time of the last accepted state, H the step size being
	// attempted from it.
	T, H float64
	// Component is the index of the first non-finite component of the
	// state or derivative for ErrNonFinite, and −1 otherwise.
	Component int
}

// Error describes the failure: its kind, the non-finite component if
// there is one, the number of accepted steps, and the time and step size
// where it happened.
func (e *SolveError) Error() string {
	if e.Component >= 0 {
		return fmt.Sprintf("%v: component %d, after %d steps, at t = %g (h = %g)", e.Err, e.Component, e.Step, e.T, e.H)
	}
	return fmt.Sprintf("%v: after %d steps, at t = %g (h = %g)", e.Err, e.Step, e.T, e.H)
}

// Unwrap returns Err, so that errors.Is(err, ErrStepSize) works.
func (e *SolveError) Unwrap() error { return e.Err }

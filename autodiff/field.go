package autodiff

import "errors"

// ErrNoDerivative is returned when a derivative is asked of a field that
// does not provide it. nde never approximates a derivative silently.
var ErrNoDerivative = errors.New("autodiff: the field provides no such derivative")

// Field is a vector field f(t, y; θ) with fixed input and output lengths:
// the right-hand side of an ODE, the drift or diffusion of an SDE, or the
// matrix-valued field of a CDE (flattened row-major).
//
// A Field owns scratch space for its evaluation, so one value is not safe
// for concurrent use; give each goroutine its own (see MLP.Clone).
type Field interface {
	// InDim returns len(y).
	InDim() int
	// OutDim returns len(f(t, y)).
	OutDim() int
	// Params returns the flat parameter vector θ. It aliases the field's
	// storage: an optimiser updates the field by writing to it. It is empty
	// for a field without parameters.
	Params() []float64
	// Eval writes f(t, y; θ) into out. It must not retain y or out.
	Eval(t float64, y, out []float64)
}

// VJPField is a Field with reverse-mode derivatives.
type VJPField interface {
	Field
	// VJP accumulates the vector–Jacobian products aᵀ ∂f/∂y into gy and
	// aᵀ ∂f/∂θ into gtheta, for a cotangent a of length OutDim. Either
	// destination may be nil to skip it. VJP adds to its destinations, so
	// that the contributions of several evaluations sum without copies.
	VJP(t float64, y, a, gy, gtheta []float64)
}

// JVPField is a Field with forward-mode derivatives.
type JVPField interface {
	Field
	// JVP writes the Jacobian–vector product ∂f/∂y v + ∂f/∂θ w into jv, and
	// f(t, y; θ) into out when out is not nil (forward mode yields it for
	// free). w may be nil for no parameter tangent; v has length InDim.
	JVP(t float64, y, v, w, out, jv []float64)
}

// DiffField is a Field with both modes of differentiation: every solver's
// gradient accepts it.
type DiffField interface {
	VJPField
	JVPField
}

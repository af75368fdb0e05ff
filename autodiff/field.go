package autodiff

import (
	"errors"
	"fmt"

	"github.com/nde-go/nde/linalg"
)

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
	// The destinations must not overlap y, a or each other.
	VJP(t float64, y, a, gy, gtheta []float64)
}

// JVPField is a Field with forward-mode derivatives.
type JVPField interface {
	Field
	// JVP writes the Jacobian–vector product ∂f/∂y v + ∂f/∂θ w into jv, and
	// f(t, y; θ) into out when out is not nil (forward mode yields it for
	// free). w may be nil for no parameter tangent; v has length InDim.
	// jv and out must not overlap each other or the inputs.
	JVP(t float64, y, v, w, out, jv []float64)
}

// DiffField is a Field with both modes of differentiation: the contract
// meant for gradient solvers, which need VJPs for reverse-mode and adjoint
// gradients and JVPs for forward sensitivities.
type DiffField interface {
	VJPField
	JVPField
}

// EvalVJPField is a VJPField that evaluates and differentiates at one
// point with a single forward pass. The continuous adjoint needs f(t, y)
// and the vector–Jacobian products at the same point at every stage of its
// backward solve; this method lets it have both for one forward pass.
type EvalVJPField interface {
	VJPField
	// EvalVJP writes f(t, y; θ) into out and adds aᵀ ∂f/∂y to gy and
	// aᵀ ∂f/∂θ to gtheta, with the conventions of Eval and VJP.
	EvalVJP(t float64, y, a, out, gy, gtheta []float64)
}

// Shaped is implemented by fields whose output is a matrix stored
// row-major: the n×c field of a CDE or the n×m diffusion of an SDE with
// general noise. A field that does not implement it has a vector output.
type Shaped interface {
	// OutShape returns the output's rows and columns (rows·cols = OutDim).
	OutShape() (rows, cols int)
}

// OutMatrix returns out, an output of f, as the matrix it represents:
// OutShape for a Shaped field, a single column otherwise. It panics if
// len(out) ≠ f.OutDim().
func OutMatrix(f Field, out []float64) linalg.Matrix {
	if len(out) != f.OutDim() {
		panic(fmt.Sprintf("autodiff: OutMatrix: len(out) = %d, OutDim = %d", len(out), f.OutDim()))
	}
	if s, ok := f.(Shaped); ok {
		r, c := s.OutShape()
		return linalg.NewMatrix(r, c, out)
	}
	return linalg.NewMatrix(len(out), 1, out)
}

// AsVJP returns f as a VJPField, or an error wrapping ErrNoDerivative when
// f has no reverse-mode derivative.
func AsVJP(f Field) (VJPField, error) {
	if g, ok := f.(VJPField); ok {
		return g, nil
	}
	return nil, fmt.Errorf("autodiff: %T has no vector–Jacobian product: %w", f, ErrNoDerivative)
}

// AsJVP returns f as a JVPField, or an error wrapping ErrNoDerivative when
// f has no forward-mode derivative. It never substitutes finite
// differences; FiniteDifferenceJVP does, when asked for by name.
func AsJVP(f Field) (JVPField, error) {
	if g, ok := f.(JVPField); ok {
		return g, nil
	}
	return nil, fmt.Errorf("autodiff: %T has no Jacobian–vector product: %w", f, ErrNoDerivative)
}

// AsDiff returns f as a DiffField, or an error wrapping ErrNoDerivative
// when f lacks either mode.
func AsDiff(f Field) (DiffField, error) {
	if g, ok := f.(DiffField); ok {
		return g, nil
	}
	_, errV := AsVJP(f)
	_, errJ := AsJVP(f)
	if errV != nil {
		return nil, errV
	}
	return nil, errJ
}

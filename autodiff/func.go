package autodiff

import (
	"fmt"
	"math"
)

// Func describes a field by plain Go functions. Eval is required; VJP and
// JVP are optional, and NewFunc returns a field that offers exactly the
// derivatives given: asking an evaluation-only field for a derivative
// (AsVJP, AsJVP, AsDiff) fails with ErrNoDerivative.
//
// The functions receive θ (Params) explicitly and follow the conventions of
// the Field, VJPField and JVPField methods: VJP adds to gy and gtheta and
// must accept either being nil; JVP writes jv, writes out unless it is nil,
// and must accept a nil w (no parameter tangent). The field checks every
// length before calling them.
type Func struct {
	In, Out int       // len(y) ≥ 0 and len(f(t, y)) ≥ 1
	Params  []float64 // θ, aliased by the field; may be nil

	// OutRows and OutCols, when set, say that the output is a row-major
	// OutRows×OutCols matrix (the n×c field of a CDE, the n×m diffusion
	// of general noise); their product must be Out. Zero means a vector.
	OutRows, OutCols int

	// Eval writes f(t, y; theta) into out. Required.
	Eval func(t float64, y, theta, out []float64)
	// VJP adds aᵀ∂f/∂y to gy and aᵀ∂f/∂θ to gtheta, skipping a nil one.
	// Optional: without it the field has no reverse mode.
	VJP func(t float64, y, theta, a, gy, gtheta []float64)
	// JVP writes ∂f/∂y v + ∂f/∂θ w (w may be nil) into jv and f into out
	// unless out is nil. Optional: without it the field has no forward
	// mode.
	JVP func(t float64, y, theta, v, w, out, jv []float64)
}

// NewFunc returns the field fn describes: a Field, VJPField, JVPField or
// DiffField as fn has neither, VJP, JVP or both derivatives. It returns an
// error wrapping ErrConfig for negative sizes or a missing Eval.
func NewFunc(fn Func) (Field, error) {
	if fn.In < 0 || fn.Out < 1 {
		return nil, fmt.Errorf("%w: Func with In = %d, Out = %d", ErrConfig, fn.In, fn.Out)
	}
	if fn.Eval == nil {
		return nil, fmt.Errorf("%w: Func without Eval", ErrConfig)
	}
	if fn.OutRows != 0 || fn.OutCols != 0 {
		if fn.OutRows < 1 || fn.OutCols < 1 || fn.Out/fn.OutRows != fn.OutCols || fn.Out%fn.OutRows != 0 {
			return nil, fmt.Errorf("%w: Func output shape %d×%d for Out = %d", ErrConfig, fn.OutRows, fn.OutCols, fn.Out)
		}
	}
	base := funcField{fn: fn}
	switch {
	case fn.VJP != nil && fn.JVP != nil:
		return &funcDiff{funcVJP{base}}, nil
	case fn.VJP != nil:
		return &funcVJP{base}, nil
	case fn.JVP != nil:
		return &funcJVP{base}, nil
	}
	return &base, nil
}

// funcField has only an evaluation, so it implements Field and nothing
// more: a type assertion to VJPField or JVPField fails.
type funcField struct{ fn Func }

func (f *funcField) InDim() int        { return f.fn.In }
func (f *funcField) OutDim() int       { return f.fn.Out }
func (f *funcField) Params() []float64 { return f.fn.Params }

// OutShape returns the output's matrix shape: OutRows×OutCols when the Func
// set them, Out×1 otherwise.
func (f *funcField) OutShape() (rows, cols int) {
	if f.fn.OutRows > 0 {
		return f.fn.OutRows, f.fn.OutCols
	}
	return f.fn.Out, 1
}

func (f *funcField) check(op, name string, got, want int) {
	if got != want {
		panic(fmt.Sprintf("autodiff: Func.%s: len(%s) = %d, want %d", op, name, got, want))
	}
}

func (f *funcField) Eval(t float64, y, out []float64) {
	f.check("Eval", "y", len(y), f.fn.In)
	f.check("Eval", "out", len(out), f.fn.Out)
	f.fn.Eval(t, y, f.fn.Params, out)
}

type funcVJP struct{ funcField }

func (f *funcVJP) VJP(t float64, y, a, gy, gtheta []float64) {
	f.check("VJP", "y", len(y), f.fn.In)
	f.check("VJP", "a", len(a), f.fn.Out)
	if gy != nil {
		f.check("VJP", "gy", len(gy), f.fn.In)
	}
	if gtheta != nil {
		f.check("VJP", "gtheta", len(gtheta), len(f.fn.Params))
	}
	f.fn.VJP(t, y, f.fn.Params, a, gy, gtheta)
}

type funcJVP struct{ funcField }

func (f *funcJVP) JVP(t float64, y, v, w, out, jv []float64) { f.jvp(t, y, v, w, out, jv) }

func (f *funcField) jvp(t float64, y, v, w, out, jv []float64) {
	f.check("JVP", "y", len(y), f.fn.In)
	f.check("JVP", "v", len(v), f.fn.In)
	if w != nil {
		f.check("JVP", "w", len(w), len(f.fn.Params))
	}
	if out != nil {
		f.check("JVP", "out", len(out), f.fn.Out)
	}
	f.check("JVP", "jv", len(jv), f.fn.Out)
	f.fn.JVP(t, y, f.fn.Params, v, w, out, jv)
}

type funcDiff struct{ funcVJP }

func (f *funcDiff) JVP(t float64, y, v, w, out, jv []float64) { f.jvp(t, y, v, w, out, jv) }

// FiniteDifferenceJVP returns a JVPField that approximates the
// Jacobian–vector product of f by central differences,
//
//	J·(v, w) ≈ [f(t, y + h v; θ + h w) − f(t, y − h v; θ − h w)] / 2h,
//
// with h = ε^(1/3)·max(1, ‖y‖∞, ‖θ‖∞)/‖(v, w)‖∞ (ε the float64 machine
// epsilon): the step that balances the O(h²) truncation error against the
// O(ε/h) rounding error of the central difference (Nocedal and Wright,
// Numerical Optimization, 2nd ed., 2006, §8.1). Expect about 10⁻¹⁰
// relative accuracy on smooth, well-scaled fields, and nothing at a kink.
// It costs two evaluations per JVP (three when out is asked for).
//
// nde never substitutes this for a missing derivative: call it by name
// when an approximation will do. The returned field implements VJPField
// too when f does, forwarding VJP to it, and Shaped with f's output shape.
//
// Concurrency: a Field evaluates at its own parameters (Params aliases
// them, and there is no way to hand Eval others), so a JVP with a
// parameter tangent w ≠ nil writes θ ± h·w into f.Params() and restores
// the original bits before it returns. While it runs, everything that
// reads that storage sees the shifted θ: f itself, every Clone of f (a
// clone shares θ) and an optimiser holding it. Running such a JVP
// concurrently with any of them is a data race and gives wrong results
// there; give the goroutine its own field with its own parameters
// instead. With w = nil the JVP only reads θ and, like Eval, may run
// beside clones of f on other goroutines. The returned field holds
// scratch space and is itself not safe for concurrent use.
func FiniteDifferenceJVP(f Field) (JVPField, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: FiniteDifferenceJVP of a nil field", ErrConfig)
	}
	n, p := f.InDim(), len(f.Params())
	fd := &fdJVP{
		Field: f,
		y:     make([]float64, n),
		fp:    make([]float64, f.OutDim()),
		fm:    make([]float64, f.OutDim()),
		theta: make([]float64, p),
	}
	if g, ok := f.(VJPField); ok {
		return &fdJVPWithVJP{fd, g}, nil
	}
	return fd, nil
}

type fdJVP struct {
	Field
	y, fp, fm, theta []float64
}

type fdJVPWithVJP struct {
	*fdJVP
	g VJPField
}

func (f *fdJVPWithVJP) VJP(t float64, y, a, gy, gtheta []float64) { f.g.VJP(t, y, a, gy, gtheta) }

// OutShape keeps the output shape of a Shaped f (the n×c field of a CDE),
// which embedding the Field interface alone would hide from OutMatrix.
func (f *fdJVP) OutShape() (rows, cols int) {
	if s, ok := f.Field.(Shaped); ok {
		return s.OutShape()
	}
	return f.OutDim(), 1
}

func (f *fdJVP) JVP(t float64, y, v, w, out, jv []float64) {
	n, m := f.InDim(), f.OutDim()
	theta := f.Params()
	check := func(name string, got, want int) {
		if got != want {
			panic(fmt.Sprintf("autodiff: FiniteDifferenceJVP: len(%s) = %d, want %d", name, got, want))
		}
	}
	check("y", len(y), n)
	check("v", len(v), n)
	if w != nil {
		check("w", len(w), len(theta))
	}
	if out != nil {
		check("out", len(out), m)
	}
	check("jv", len(jv), m)
	if out != nil {
		f.Eval(t, y, out)
	}

	scale, dir := 1.0, 0.0
	for _, x := range y {
		scale = math.Max(scale, math.Abs(x))
	}
	for _, x := range v {
		dir = math.Max(dir, math.Abs(x))
	}
	if w != nil {
		for _, x := range theta {
			scale = math.Max(scale, math.Abs(x))
		}
		for _, x := range w {
			dir = math.Max(dir, math.Abs(x))
		}
	}
	if dir == 0 {
		clear(jv)
		return
	}
	const cbrtEps = 6.055454452393343e-06 // (2⁻⁵²)^(1/3)
	h := cbrtEps * scale / dir

	if w != nil {
		copy(f.theta, theta)
	}
	for _, sign := range [2]float64{1, -1} {
		for i := range f.y {
			f.y[i] = y[i] + sign*h*v[i]
		}
		if w != nil {
			for i := range theta {
				theta[i] = f.theta[i] + sign*h*w[i]
			}
		}
		dst := f.fp
		if sign < 0 {
			dst = f.fm
		}
		f.Eval(t, f.y, dst)
	}
	if w != nil {
		copy(theta, f.theta) // the original bits; without w θ is never written
	}
	for i := range jv {
		jv[i] = (f.fp[i] - f.fm[i]) / (2 * h)
	}
}

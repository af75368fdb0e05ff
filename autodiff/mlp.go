package autodiff

import (
	"errors"
	"fmt"
	"math"

	"github.com/nde-go/nde/linalg"
)

// ErrConfig is returned (wrapped with the reason) for a field built from an
// unusable description: an MLP with no layers or a non-positive width, an
// invalid activation, a tape operation on operands of mismatched shapes.
var ErrConfig = errors.New("autodiff: invalid field description")

// MLPConfig describes a multilayer perceptron
//
//	h₀ = y            (or (y, t) with Time)
//	hₗ = σₗ(Wₗ hₗ₋₁ + bₗ),  l = 1 … L
//	f(t, y) = h_L
//
// The zero value of an Activation is Identity, so a config that names no
// activations builds an affine network.
type MLPConfig struct {
	// Sizes lists the widths from input to output: Sizes[0] = len(y),
	// Sizes[1:L] the hidden widths, Sizes[L] = OutDim. It has at least two
	// entries, all positive.
	Sizes []int
	// Act is the activation of every hidden layer and Final that of the
	// last layer (Identity for a drift, Sigmoid or Tanh for a bounded
	// diffusion).
	Act, Final Activation
	// Acts, when not nil, gives every layer's activation, len(Sizes)-1 of
	// them, last layer included; it replaces Act and Final.
	Acts []Activation
	// Time makes t an input: it is appended to y, so layer 1 has
	// Sizes[0]+1 columns and its last column multiplies t.
	Time bool
	// Seed selects the deterministic initialisation: every weight and bias
	// of a layer with fan-in n is uniform on [−1/√n, 1/√n), the default of
	// PyTorch's nn.Linear (its reset_parameters), drawn layer by layer in
	// the order of the parameter layout from a SplitMix64 stream.
	Seed uint64
	// OutRows and OutCols, when set, give the output the shape of an
	// OutRows×OutCols matrix stored row-major (OutRows·OutCols = OutDim):
	// the n×c field of a CDE or the n×m diffusion of an SDE with general
	// noise. Both zero means OutDim×1.
	OutRows, OutCols int
}

// MLP is a multilayer perceptron field with hand-written derivatives that
// allocate nothing. Per layer, Eval costs one matrix–vector product (W h);
// VJP three of that size (W h in the forward pass, Wᵀδ, and the outer
// product δhᵀ added to the weight gradient), two without gtheta; JVP two
// (W h and W dh), three with a parameter tangent (dW h).
//
// Its parameters θ are one flat slice, layer after layer; each layer holds
// its weight matrix W (rows = output width, cols = input width, row-major)
// and then its bias b:
//
//	θ = W₁ (row-major), b₁, W₂, b₂, …, W_L, b_L
//
// A gradient from VJP has the same layout; LayerOf cuts any such vector
// into per-layer views.
//
// An MLP is not safe for concurrent use (it holds scratch space); Clone
// gives each goroutine its own value over the same parameters.
type MLP struct {
	in, out    int
	time       bool
	rows, cols int // output shape
	layers     []mlpLayer
	theta      []float64

	// Scratch. x is the network input (y, t); z[l] and h[l] hold the
	// pre-activation and activation of layer l; dz[l], dh[l] the tangents
	// (JVP) or cotangents (VJP); gx the input cotangent with time.
	x, dx, gx []float64
	z, h      [][]float64
	dz, dh    [][]float64
}

type mlpLayer struct {
	rows, cols int // W is rows×cols
	w, b       int // offsets of W and b in θ
	act        Activation
}

// NewMLP returns the MLP that cfg describes, its parameters initialised
// from cfg.Seed. It returns an error wrapping ErrConfig for an unusable
// config, sizes whose parameters or workspace are too large to allocate
// included.
func NewMLP(cfg MLPConfig) (*MLP, error) {
	nl := len(cfg.Sizes) - 1
	if nl < 1 {
		return nil, fmt.Errorf("%w: MLP needs at least an input and an output size, got Sizes = %v", ErrConfig, cfg.Sizes)
	}
	for i, s := range cfg.Sizes {
		if s <= 0 {
			return nil, fmt.Errorf("%w: MLP Sizes[%d] = %d is not positive", ErrConfig, i, s)
		}
	}
	acts := cfg.Acts
	if acts == nil {
		acts = make([]Activation, nl)
		for l := range acts {
			acts[l] = cfg.Act
		}
		acts[nl-1] = cfg.Final
	} else if len(acts) != nl {
		return nil, fmt.Errorf("%w: MLP has %d layers but %d activations", ErrConfig, nl, len(acts))
	}
	for l, a := range acts {
		if !a.Valid() {
			return nil, fmt.Errorf("%w: MLP layer %d has an invalid %v", ErrConfig, l, a)
		}
	}
	out := cfg.Sizes[nl]
	rows, cols := cfg.OutRows, cfg.OutCols
	if rows == 0 && cols == 0 {
		rows, cols = out, 1
	}
	if rows <= 0 || cols <= 0 || out%cols != 0 || out/cols != rows { // rows·cols might wrap around
		return nil, fmt.Errorf("%w: MLP output shape %d×%d for an output of length %d", ErrConfig, cfg.OutRows, cfg.OutCols, out)
	}

	m := &MLP{in: cfg.Sizes[0], out: out, time: cfg.Time, rows: rows, cols: cols}
	m.layers = make([]mlpLayer, nl)
	// p counts the parameters and ws the workspace of allocScratch, both
	// bounded by maxLen and checked before each addition, so that neither
	// wraps around int; makeFloats then refuses what the platform cannot
	// allocate.
	p, ws := 0, 0
	for l := range m.layers {
		c, r := cfg.Sizes[l], cfg.Sizes[l+1]
		if c > maxLen || r > maxLen {
			return nil, fmt.Errorf("%w: MLP Sizes %v are too large", ErrConfig, cfg.Sizes)
		}
		if l == 0 && cfg.Time {
			c++
		}
		off := p
		if !addLen(&p, r, c+1) {
			return nil, fmt.Errorf("%w: MLP Sizes %v give too many parameters", ErrConfig, cfg.Sizes)
		}
		if l == 0 && !addLen(&ws, 3, c) || !addLen(&ws, 4, r) {
			return nil, fmt.Errorf("%w: MLP Sizes %v need too large a workspace", ErrConfig, cfg.Sizes)
		}
		m.layers[l] = mlpLayer{rows: r, cols: c, w: off, b: off + r*c, act: acts[l]}
	}
	var err error
	if m.theta, err = makeFloats("MLP parameters", p); err != nil {
		return nil, err
	}
	if err := m.allocScratch(); err != nil {
		return nil, err
	}
	m.InitUniform(cfg.Seed)
	return m, nil
}

// allocScratch makes the scratch space in one slab: 3 vectors of the
// input's length, 4 of each layer's.
func (m *MLP) allocScratch() error {
	nl := len(m.layers)
	n := 3 * m.layers[0].cols
	for _, L := range m.layers {
		n += 4 * L.rows
	}
	slab, err := makeFloats("MLP workspace", n)
	if err != nil {
		return err
	}
	take := func(k int) []float64 {
		s := slab[:k:k]
		slab = slab[k:]
		return s
	}
	// dx is written only by JVP's copy of v, so a time slot stays 0.
	m.x, m.dx, m.gx = take(m.layers[0].cols), take(m.layers[0].cols), take(m.layers[0].cols)
	m.z, m.h = make([][]float64, nl), make([][]float64, nl)
	m.dz, m.dh = make([][]float64, nl), make([][]float64, nl)
	for l, L := range m.layers {
		m.z[l], m.h[l], m.dz[l], m.dh[l] = take(L.rows), take(L.rows), take(L.rows), take(L.rows)
	}
	return nil
}

// InitUniform sets every weight and bias of a layer with fan-in n
// (its number of columns) uniform on [−1/√n, 1/√n), deterministically from
// seed. The values are bit-identical on every architecture: they use only
// integer arithmetic, one multiplication and a correctly rounded square
// root.
func (m *MLP) InitUniform(seed uint64) {
	r := splitMix64{state: seed}
	for _, L := range m.layers {
		bound := 1 / math.Sqrt(float64(L.cols))
		for i := L.w; i < L.b+L.rows; i++ {
			m.theta[i] = r.symmetric() * bound
		}
	}
}

// splitMix64 is Steele, Lea and Flood's SplitMix64 generator ("Fast
// splittable pseudorandom number generators", OOPSLA 2014), with the
// constants of Vigna's reference implementation.
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// symmetric returns a uniform value in [−1, 1) on the grid k·2⁻⁵²; the
// subtraction is exact.
func (r *splitMix64) symmetric() float64 {
	return float64(r.next()>>11)*0x1p-52 - 1
}

// InDim returns len(y).
func (m *MLP) InDim() int { return m.in }

// OutDim returns the output length, OutRows·OutCols.
func (m *MLP) OutDim() int { return m.out }

// OutShape returns the matrix shape of the output (OutDim×1 unless the
// config set one).
func (m *MLP) OutShape() (rows, cols int) { return m.rows, m.cols }

// Params returns the flat parameter vector θ (see MLP for the layout). It
// aliases the MLP's storage.
func (m *MLP) Params() []float64 { return m.theta }

// TimeInput reports whether t is an input of the network.
func (m *MLP) TimeInput() bool { return m.time }

// NumLayers returns the number of dense layers L.
func (m *MLP) NumLayers() int { return len(m.layers) }

// Layer is a view of one dense layer's parameters, or of the same entries
// of a gradient: W is Rows×Cols row-major (Cols counts the time column of
// layer 0 when t is an input; it is the last column), B has Rows entries,
// and both alias the vector they were cut from.
type Layer struct {
	W linalg.Matrix // the weights, Rows×Cols
	B []float64     // the bias, Rows entries
	// Act is the layer's activation, applied after W h + b; it describes
	// the MLP and is not part of the vector the view was cut from.
	Act Activation
}

// Layer returns the view of layer l (0 ≤ l < NumLayers) of the MLP's own
// parameters: writing to it sets the weights.
func (m *MLP) Layer(l int) Layer { return m.LayerOf(m.theta, l) }

// LayerOf returns the view of layer l inside theta, any vector with the
// parameter layout (len(theta) = len(Params())), such as a gradient from
// VJP. It panics when l or len(theta) is out of range.
func (m *MLP) LayerOf(theta []float64, l int) Layer {
	if len(theta) != len(m.theta) {
		panic(fmt.Sprintf("autodiff: MLP.LayerOf: len(theta) = %d, %d parameters", len(theta), len(m.theta)))
	}
	if uint(l) >= uint(len(m.layers)) {
		panic(fmt.Sprintf("autodiff: MLP.LayerOf: layer %d of %d", l, len(m.layers)))
	}
	L := m.layers[l]
	return Layer{
		W:   linalg.NewMatrix(L.rows, L.cols, theta[L.w:L.b:L.b]),
		B:   theta[L.b : L.b+L.rows : L.b+L.rows],
		Act: L.act,
	}
}

// OutMatrix returns out, an output of the field, as the OutRows×OutCols
// matrix it represents.
func (m *MLP) OutMatrix(out []float64) linalg.Matrix { return linalg.NewMatrix(m.rows, m.cols, out) }

// Clone returns an MLP over the same parameter storage with its own
// scratch space, for use on another goroutine. Writing parameters while a
// clone evaluates is a data race, as for any shared slice.
func (m *MLP) Clone() *MLP {
	c := &MLP{in: m.in, out: m.out, time: m.time, rows: m.rows, cols: m.cols, layers: m.layers, theta: m.theta}
	if err := c.allocScratch(); err != nil {
		// m's workspace of the same length exists, so make accepted it.
		panic("autodiff: MLP.Clone: " + err.Error())
	}
	return c
}

func (m *MLP) w(l int) linalg.Matrix {
	L := m.layers[l]
	return linalg.Matrix{Rows: L.rows, Cols: L.cols, Data: m.theta[L.w:L.b:L.b]}
}

func (m *MLP) b(l int) []float64 {
	L := m.layers[l]
	return m.theta[L.b : L.b+L.rows : L.b+L.rows]
}

func (m *MLP) checkY(op string, y []float64) {
	if len(y) != m.in {
		panic(fmt.Sprintf("autodiff: MLP.%s: len(y) = %d, InDim = %d", op, len(y), m.in))
	}
}

func (m *MLP) checkOut(op, name string, n int) {
	if n != m.out {
		panic(fmt.Sprintf("autodiff: MLP.%s: len(%s) = %d, OutDim = %d", op, name, n, m.out))
	}
}

// input loads the network input x = (y, t).
func (m *MLP) input(t float64, y []float64) {
	copy(m.x, y)
	if m.time {
		m.x[m.in] = t
	}
}

// affine sets z = W_l x + b_l. Adding b after the product keeps the
// result identical to a Tape's Affine, which does the same.
func (m *MLP) affine(l int, z, x []float64) {
	m.w(l).MulVec(z, x)
	for i, v := range m.b(l) {
		z[i] += v
	}
}

// Eval writes f(t, y) into out. It panics if len(y) ≠ InDim or
// len(out) ≠ OutDim.
func (m *MLP) Eval(t float64, y, out []float64) {
	m.checkY("Eval", y)
	m.checkOut("Eval", "out", len(out))
	m.input(t, y)
	x := m.x
	last := len(m.layers) - 1
	for l, L := range m.layers {
		h := m.h[l]
		if l == last {
			h = out
		}
		m.affine(l, h, x)
		L.act.apply(h, h)
		x = h
	}
}

// forward runs the network storing every pre-activation and activation,
// as the backward pass needs them.
func (m *MLP) forward(t float64, y []float64) {
	m.input(t, y)
	x := m.x
	for l, L := range m.layers {
		m.affine(l, m.z[l], x)
		L.act.apply(m.h[l], m.z[l])
		x = m.h[l]
	}
}

// VJP adds aᵀ∂f/∂y to gy and aᵀ∂f/∂θ to gtheta (either may be nil). It
// evaluates the network again first: a backward pass asks for VJPs at
// states it did not just evaluate. It panics on mismatched lengths.
func (m *MLP) VJP(t float64, y, a, gy, gtheta []float64) {
	m.checkY("VJP", y)
	m.checkOut("VJP", "a", len(a))
	m.checkGrads("VJP", gy, gtheta)
	if gy == nil && gtheta == nil {
		return
	}
	m.forward(t, y)
	m.backward(a, gy, gtheta)
}

// EvalVJP does Eval and VJP at one point with one forward pass: it writes
// f(t, y) into out and adds aᵀ∂f/∂y to gy and aᵀ∂f/∂θ to gtheta. The
// continuous adjoint needs exactly this pair at every stage of its
// backward solve, where it saves a third of the work.
func (m *MLP) EvalVJP(t float64, y, a, out, gy, gtheta []float64) {
	m.checkY("EvalVJP", y)
	m.checkOut("EvalVJP", "a", len(a))
	m.checkOut("EvalVJP", "out", len(out))
	m.checkGrads("EvalVJP", gy, gtheta)
	m.forward(t, y)
	if gy != nil || gtheta != nil {
		m.backward(a, gy, gtheta)
	}
	copy(out, m.h[len(m.layers)-1]) // after backward, which reads a: out may alias it
}

func (m *MLP) checkGrads(op string, gy, gtheta []float64) {
	if gy != nil && len(gy) != m.in {
		panic(fmt.Sprintf("autodiff: MLP.%s: len(gy) = %d, InDim = %d", op, len(gy), m.in))
	}
	if gtheta != nil && len(gtheta) != len(m.theta) {
		panic(fmt.Sprintf("autodiff: MLP.%s: len(gtheta) = %d, %d parameters", op, len(gtheta), len(m.theta)))
	}
}

// backward propagates the cotangent a from the output to the input after
// forward. With δₗ = gₗ ⊙ σₗ'(zₗ) for the cotangent gₗ of hₗ:
// ∂/∂Wₗ += δₗ hₗ₋₁ᵀ, ∂/∂bₗ += δₗ and gₗ₋₁ = Wₗᵀ δₗ.
func (m *MLP) backward(a, gy, gtheta []float64) {
	g := a
	for l := len(m.layers) - 1; l >= 0; l-- {
		L := m.layers[l]
		delta := g
		if L.act != Identity {
			delta = m.dz[l]
			L.act.mulDeriv(delta, g, m.z[l], m.h[l], false)
		}
		x := m.x
		if l > 0 {
			x = m.h[l-1]
		}
		if gtheta != nil {
			gw := linalg.Matrix{Rows: L.rows, Cols: L.cols, Data: gtheta[L.w:L.b:L.b]}
			gw.AddOuter(1, delta, x)
			gb := gtheta[L.b : L.b+L.rows]
			for i, v := range delta {
				gb[i] += v
			}
		}
		switch {
		case l > 0:
			g = m.dh[l-1]
			m.w(l).MulTVec(g, delta)
		case gy == nil:
		case m.time:
			m.w(0).MulTVec(m.gx, delta)
			for i := range gy {
				gy[i] += m.gx[i]
			}
		default:
			m.w(0).MulTVecAdd(gy, delta)
		}
	}
}

// JVP writes ∂f/∂y v + ∂f/∂θ w into jv and f(t, y) into out when out is
// not nil; w may be nil for no parameter tangent. Each layer carries the
// tangent beside the value: dzₗ = Wₗ dhₗ₋₁ + dWₗ hₗ₋₁ + dbₗ and
// dhₗ = σₗ'(zₗ) ⊙ dzₗ. It panics on mismatched lengths.
func (m *MLP) JVP(t float64, y, v, w, out, jv []float64) {
	m.checkY("JVP", y)
	if len(v) != m.in {
		panic(fmt.Sprintf("autodiff: MLP.JVP: len(v) = %d, InDim = %d", len(v), m.in))
	}
	if w != nil && len(w) != len(m.theta) {
		panic(fmt.Sprintf("autodiff: MLP.JVP: len(w) = %d, %d parameters", len(w), len(m.theta)))
	}
	if out != nil {
		m.checkOut("JVP", "out", len(out))
	}
	m.checkOut("JVP", "jv", len(jv))
	m.input(t, y)
	// With a time input, dx[in] is t's tangent, always 0 (the contract has
	// no tangent of t): nothing writes it after allocation.
	copy(m.dx, v)
	x, dx := m.x, m.dx
	last := len(m.layers) - 1
	for l, L := range m.layers {
		z, dz := m.z[l], m.dz[l]
		h, dh := m.h[l], m.dh[l]
		if l == last {
			dh = jv
			if out != nil {
				h = out
			}
		}
		m.affine(l, z, x)
		m.w(l).MulVec(dz, dx)
		if w != nil {
			dW := linalg.Matrix{Rows: L.rows, Cols: L.cols, Data: w[L.w:L.b:L.b]}
			dW.MulVecAdd(dz, x)
			for i, v := range w[L.b : L.b+L.rows] {
				dz[i] += v
			}
		}
		L.act.apply(h, z)
		L.act.mulDeriv(dh, dz, z, h, false)
		x, dx = h, dh
	}
}

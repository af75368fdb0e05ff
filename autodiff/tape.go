package autodiff

import (
	"fmt"
	"math"
)

// Tape records a vector field as a sequence of operations on flat vectors,
// so that it can be replayed forwards (values and tangents: JVP) and
// backwards (cotangents: VJP). Build it once, compile it with Field, and
// use the TapeField like any other field: building allocates, replaying
// does not.
//
// Every Var has a shape rows×cols; a vector of length n is n×1 and a
// scalar is 1×1. Only Affine and MatVec read the shape of their matrix
// operand; every other operation sees its operands as flat row-major
// vectors. Add, Sub, Mul, Scale and the activations give their result the
// shape of their first (or only) vector operand, ScaleBy the shape of x,
// the vector it scales; Sum and Dot give scalars, Affine, MatVec, Concat
// and Slice give vectors, and Reshape gives the shape it is asked for.
//
// A Tape keeps the first error of its building (a shape mismatch, a Var
// from another tape, …): the operations after it return invalid Vars, and
// Field and Err report it. So a field is built without checking each step:
//
//	tp := new(autodiff.Tape)
//	y := tp.Input(2)
//	w, b := tp.ParamMatrix(16, 2), tp.Param(16)
//	h := tp.Tanh(tp.Affine(w, y, b))
//	…
//	f, err := tp.Field(out)
//
// The zero Tape is empty and ready to use. A Tape is not safe for
// concurrent use.
type Tape struct {
	nodes   []node
	args    []int32   // operand lists of Concat
	consts  []float64 // values of Const
	inputID int32     // the Input node, -1 for none
	timeID  int32     // the Time node, -1 for none
	started bool      // inputID and timeID are set
	nparams int
	err     error
}

// Var is a value of a Tape: an input, a parameter, a constant or the
// result of an operation. The zero Var is invalid; operations given it
// record an error.
type Var struct {
	t  *Tape
	id int32
}

type opcode uint8

const (
	opInput opcode = iota
	opParam
	opTime
	opConst
	opAffine // val = W x (+ b): a = W, b = x, c = bias or -1
	opAdd
	opSub
	opMul
	opScale   // val = k·x
	opScaleBy // val = s·x for a scalar Var s: a = s, b = x
	opAct     // val = σ(x), σ = act
	opSum
	opDot
	opConcat  // operands args[lo:hi]
	opSlice   // val = x[lo:hi]
	opReshape // same values, new shape
)

var opNames = [...]string{"Input", "Param", "Time", "Const", "Affine", "Add", "Sub", "Mul", "Scale", "ScaleBy", "Activation", "Sum", "Dot", "Concat", "Slice", "Reshape"}

type node struct {
	op         opcode
	act        Activation
	rows, cols int
	a, b, c    int32 // operands, -1 for none
	lo, hi     int   // Slice range; Concat operands in args; Const values in consts
	k          float64
	off        int // Param: offset in θ
}

func (nd *node) len() int { return nd.rows * nd.cols }

func (t *Tape) start() {
	if !t.started {
		t.inputID, t.timeID, t.started = -1, -1, true
	}
}

// Err returns the first error recorded while building, or nil.
func (t *Tape) Err() error { return t.err }

func (t *Tape) fail(format string, args ...any) Var {
	if t.err == nil {
		t.err = fmt.Errorf("%w: tape: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
	return Var{}
}

// ok reports whether every v is a valid Var of t, recording an error for
// op otherwise. After an earlier error it returns false without a new one.
func (t *Tape) ok(op string, vs ...Var) bool {
	t.start()
	if t.err != nil {
		return false
	}
	for i, v := range vs {
		if v.t == nil {
			t.fail("%s: operand %d is the zero Var", op, i)
			return false
		}
		if v.t != t {
			t.fail("%s: operand %d belongs to another tape", op, i)
			return false
		}
	}
	return true
}

func (t *Tape) push(nd node) Var {
	if len(t.nodes) >= math.MaxInt32 {
		return t.fail("more than %d operations", math.MaxInt32)
	}
	t.nodes = append(t.nodes, nd)
	return Var{t, int32(len(t.nodes) - 1)}
}

func (t *Tape) nd(v Var) *node { return &t.nodes[v.id] }

// Len returns the number of elements of v, and 0 for an invalid Var.
func (v Var) Len() int {
	if v.t == nil {
		return 0
	}
	return v.t.nd(v).len()
}

// Shape returns the shape of v, and (0, 0) for an invalid Var.
func (v Var) Shape() (rows, cols int) {
	if v.t == nil {
		return 0, 0
	}
	nd := v.t.nd(v)
	return nd.rows, nd.cols
}

// Valid reports whether v is a Var of some tape (not the zero Var).
func (v Var) Valid() bool { return v.t != nil }

// Input returns the state y, a vector of length n ≥ 1. A tape has at most
// one input; a field without one has InDim 0.
func (t *Tape) Input(n int) Var {
	if !t.ok("Input") {
		return Var{}
	}
	if t.inputID >= 0 {
		return t.fail("Input called twice")
	}
	if n < 1 || n > maxLen {
		return t.fail("Input(%d): length must be positive", n)
	}
	v := t.push(node{op: opInput, rows: n, cols: 1, a: -1, b: -1, c: -1})
	if v.t != nil {
		t.inputID = v.id
	}
	return v
}

// Time returns the scalar time t. Every call returns the same Var. Time is
// not differentiated: the field contract has no tangent or cotangent of t.
func (t *Tape) Time() Var {
	if !t.ok("Time") {
		return Var{}
	}
	if t.timeID >= 0 {
		return Var{t, t.timeID}
	}
	v := t.push(node{op: opTime, rows: 1, cols: 1, a: -1, b: -1, c: -1})
	if v.t != nil {
		t.timeID = v.id
	}
	return v
}

// Param returns a parameter vector of length n ≥ 1.
func (t *Tape) Param(n int) Var { return t.ParamMatrix(n, 1) }

// ParamMatrix returns a rows×cols parameter matrix. Parameters occupy the
// field's flat θ in the order they are declared, each row-major; a
// compiled TapeField's ParamOf returns the view of one.
func (t *Tape) ParamMatrix(rows, cols int) Var {
	if !t.ok("ParamMatrix") {
		return Var{}
	}
	if rows < 1 || cols < 1 || rows > maxLen/cols || t.nparams > maxLen-rows*cols {
		return t.fail("ParamMatrix(%d, %d): shape must be positive and not huge", rows, cols)
	}
	v := t.push(node{op: opParam, rows: rows, cols: cols, a: -1, b: -1, c: -1, off: t.nparams})
	if v.t != nil {
		t.nparams += rows * cols
	}
	return v
}

// Const returns a constant vector holding a copy of values (at least one).
func (t *Tape) Const(values ...float64) Var {
	if !t.ok("Const") {
		return Var{}
	}
	if len(values) == 0 {
		return t.fail("Const of no values")
	}
	lo := len(t.consts)
	t.consts = append(t.consts, values...)
	return t.push(node{op: opConst, rows: len(values), cols: 1, a: -1, b: -1, c: -1, lo: lo, hi: len(t.consts)})
}

// Affine returns W x + b for a matrix W (rows×cols), a vector x of length
// cols and a vector b of length rows: a dense layer before its activation.
func (t *Tape) Affine(W, x, b Var) Var {
	if !t.ok("Affine", W, x, b) {
		return Var{}
	}
	return t.affine("Affine", W, x, b.id)
}

// MatVec returns W x for a matrix W (rows×cols) and a vector x of length
// cols.
func (t *Tape) MatVec(W, x Var) Var {
	if !t.ok("MatVec", W, x) {
		return Var{}
	}
	return t.affine("MatVec", W, x, -1)
}

func (t *Tape) affine(op string, W, x Var, b int32) Var {
	w, xn := t.nd(W), t.nd(x)
	if xn.len() != w.cols {
		return t.fail("%s: W is %d×%d but x has length %d", op, w.rows, w.cols, xn.len())
	}
	if b >= 0 && t.nodes[b].len() != w.rows {
		return t.fail("%s: W is %d×%d but b has length %d", op, w.rows, w.cols, t.nodes[b].len())
	}
	return t.push(node{op: opAffine, rows: w.rows, cols: 1, a: W.id, b: x.id, c: b})
}

func (t *Tape) binary(op opcode, x, y Var) Var {
	name := opNames[op]
	if !t.ok(name, x, y) {
		return Var{}
	}
	nx, ny := t.nd(x), t.nd(y)
	if nx.len() != ny.len() {
		return t.fail("%s: operands of lengths %d and %d", name, nx.len(), ny.len())
	}
	return t.push(node{op: op, rows: nx.rows, cols: nx.cols, a: x.id, b: y.id, c: -1})
}

// Add returns x + y elementwise.
func (t *Tape) Add(x, y Var) Var { return t.binary(opAdd, x, y) }

// Sub returns x − y elementwise.
func (t *Tape) Sub(x, y Var) Var { return t.binary(opSub, x, y) }

// Mul returns x ⊙ y, the elementwise product.
func (t *Tape) Mul(x, y Var) Var { return t.binary(opMul, x, y) }

// Scale returns k·x for a constant k.
func (t *Tape) Scale(k float64, x Var) Var {
	if !t.ok("Scale", x) {
		return Var{}
	}
	nx := t.nd(x)
	return t.push(node{op: opScale, rows: nx.rows, cols: nx.cols, a: x.id, b: -1, c: -1, k: k})
}

// ScaleBy returns s·x for a scalar Var s (length 1), such as Time or a Sum.
func (t *Tape) ScaleBy(s, x Var) Var {
	if !t.ok("ScaleBy", s, x) {
		return Var{}
	}
	if n := t.nd(s).len(); n != 1 {
		return t.fail("ScaleBy: s has length %d, not 1", n)
	}
	nx := t.nd(x)
	return t.push(node{op: opScaleBy, rows: nx.rows, cols: nx.cols, a: s.id, b: x.id, c: -1})
}

// Activate returns σ(x) elementwise.
func (t *Tape) Activate(act Activation, x Var) Var {
	if !t.ok("Activate", x) {
		return Var{}
	}
	if !act.Valid() {
		return t.fail("Activate: invalid %v", act)
	}
	nx := t.nd(x)
	return t.push(node{op: opAct, act: act, rows: nx.rows, cols: nx.cols, a: x.id, b: -1, c: -1})
}

// Tanh returns tanh(x) elementwise.
func (t *Tape) Tanh(x Var) Var { return t.Activate(Tanh, x) }

// Sigmoid returns 1/(1+e⁻ˣ) elementwise.
func (t *Tape) Sigmoid(x Var) Var { return t.Activate(Sigmoid, x) }

// Softplus returns log(1+eˣ) elementwise.
func (t *Tape) Softplus(x Var) Var { return t.Activate(Softplus, x) }

// ReLU returns max(x, 0) elementwise (derivative 0 at 0).
func (t *Tape) ReLU(x Var) Var { return t.Activate(ReLU, x) }

// LipSwish returns x·sigmoid(x)/1.1 elementwise (see the Activation).
func (t *Tape) LipSwish(x Var) Var { return t.Activate(LipSwish, x) }

// Sin returns sin(x) elementwise.
func (t *Tape) Sin(x Var) Var { return t.Activate(Sin, x) }

// Cos returns cos(x) elementwise.
func (t *Tape) Cos(x Var) Var { return t.Activate(Cos, x) }

// Exp returns eˣ elementwise.
func (t *Tape) Exp(x Var) Var { return t.Activate(Exp, x) }

// Sum returns the scalar Σᵢ xᵢ.
func (t *Tape) Sum(x Var) Var {
	if !t.ok("Sum", x) {
		return Var{}
	}
	return t.push(node{op: opSum, rows: 1, cols: 1, a: x.id, b: -1, c: -1})
}

// Dot returns the scalar Σᵢ xᵢyᵢ.
func (t *Tape) Dot(x, y Var) Var {
	if !t.ok("Dot", x, y) {
		return Var{}
	}
	if nx, ny := t.nd(x).len(), t.nd(y).len(); nx != ny {
		return t.fail("Dot: operands of lengths %d and %d", nx, ny)
	}
	return t.push(node{op: opDot, rows: 1, cols: 1, a: x.id, b: y.id, c: -1})
}

// Concat returns the vector of the elements of xs, one after another (at
// least one operand).
func (t *Tape) Concat(xs ...Var) Var {
	if !t.ok("Concat", xs...) {
		return Var{}
	}
	if len(xs) == 0 {
		return t.fail("Concat of no operands")
	}
	n := 0
	lo := len(t.args)
	for _, x := range xs {
		if n += t.nd(x).len(); n > maxLen {
			t.args = t.args[:lo]
			return t.fail("Concat: result too long")
		}
		t.args = append(t.args, x.id)
	}
	return t.push(node{op: opConcat, rows: n, cols: 1, a: -1, b: -1, c: -1, lo: lo, hi: len(t.args)})
}

// Slice returns the vector x[lo:hi] (0 ≤ lo < hi ≤ x.Len()).
func (t *Tape) Slice(x Var, lo, hi int) Var {
	if !t.ok("Slice", x) {
		return Var{}
	}
	if n := t.nd(x).len(); lo < 0 || hi <= lo || hi > n {
		return t.fail("Slice [%d:%d] of a vector of length %d", lo, hi, n)
	}
	return t.push(node{op: opSlice, rows: hi - lo, cols: 1, a: x.id, b: -1, c: -1, lo: lo, hi: hi})
}

// Reshape returns x seen as a rows×cols matrix (row-major), to use as the
// matrix of MatVec or Affine, or to give a field's output its shape.
func (t *Tape) Reshape(x Var, rows, cols int) Var {
	if !t.ok("Reshape", x) {
		return Var{}
	}
	// Compared by division: rows·cols may wrap around int even for rows,
	// cols ≤ n (n = 2⁶⁰ as (17·2³⁰)×2³⁰).
	if n := t.nd(x).len(); rows < 1 || cols < 1 || n%cols != 0 || n/cols != rows {
		return t.fail("Reshape of %d elements as %d×%d", n, rows, cols)
	}
	return t.push(node{op: opReshape, rows: rows, cols: cols, a: x.id, b: -1, c: -1})
}

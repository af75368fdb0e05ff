package autodiff

import (
	"fmt"

	"github.com/nde-go/nde/linalg"
)

// TapeField is a field compiled from a Tape. Eval replays the operations
// forwards; JVP replays them forwards carrying tangents beside values
// (dual vectors); VJP replays them forwards and then backwards,
// accumulating cotangents. None of them allocates.
//
// Its parameters θ are zero when compiled; set them through Params or
// ParamOf. A TapeField is not safe for concurrent use; Clone gives each
// goroutine its own value over the same parameters.
type TapeField struct {
	p     *program
	theta []float64

	// val[i] is node i's value: a view of θ for a parameter, of vslab
	// otherwise. tan[i] and adj[i] are bound for each call: the node's
	// view of tslab or aslab when it carries a tangent or cotangent in
	// that call, a view of the caller's v, w, gy or gtheta for the leaves,
	// or nil for zero.
	val, tan, adj       [][]float64
	tslot, aslot        [][]float64
	vslab, tslab, aslab []float64
}

// program is the immutable part of a compiled tape, shared by clones.
type program struct {
	tape    *Tape // identifies the Vars that ParamOf accepts
	nodes   []node
	args    []int32
	consts  []float64
	order   []int32 // reachable operations (not leaves), in tape order
	params  []int32 // reachable parameters
	depIn   []bool  // node depends on y
	depPar  []bool  // node depends on θ
	slot    []int   // offset of the node's value in the slabs, -1 for none
	slabLen int

	input, time, out int32 // node ids, -1 for none (input, time)
	inDim, nparams   int
}

// Field compiles the tape with output out into a field. InDim is the
// length of the tape's Input (0 without one), OutDim is out.Len(), and
// OutShape is out's shape. Operations that out does not depend on are left
// out of the replay; the parameters keep their layout regardless. The tape
// may be extended and compiled again afterwards; fields compiled earlier
// do not change.
//
// Field returns the tape's first building error, if any, or an error
// wrapping ErrConfig for an invalid out or for values or parameters too
// large to allocate.
func (t *Tape) Field(out Var) (*TapeField, error) {
	if !t.ok("Field", out) {
		return nil, t.err
	}
	n := int(out.id) + 1
	p := &program{
		tape:    t,
		nodes:   append([]node(nil), t.nodes[:n]...),
		args:    append([]int32(nil), t.args...),
		consts:  append([]float64(nil), t.consts...),
		input:   t.inputID,
		time:    t.timeID,
		out:     out.id,
		nparams: t.nparams,
		depIn:   make([]bool, n),
		depPar:  make([]bool, n),
		slot:    make([]int, n),
	}
	if p.input >= 0 {
		p.inDim = t.nodes[p.input].len()
	}
	if int(p.input) >= n {
		p.input = -1
	}
	if int(p.time) >= n {
		p.time = -1
	}

	reach := make([]bool, n)
	reach[out.id] = true
	for i := n - 1; i >= 0; i-- {
		if !reach[i] {
			continue
		}
		p.operands(int32(i), func(j int32) { reach[j] = true })
	}
	for i := range p.nodes {
		nd := &p.nodes[i]
		p.slot[i] = -1
		if !reach[i] {
			continue
		}
		switch nd.op {
		case opInput:
			p.depIn[i] = true
		case opParam:
			p.depPar[i] = true
			p.params = append(p.params, int32(i))
		case opTime, opConst:
		default:
			p.operands(int32(i), func(j int32) {
				p.depIn[i] = p.depIn[i] || p.depIn[j]
				p.depPar[i] = p.depPar[i] || p.depPar[j]
			})
			p.order = append(p.order, int32(i))
		}
		if nd.op != opParam {
			// Each length is at most maxLen, so the test cannot overflow;
			// the sum unchecked could wrap around to a short slab.
			if p.slabLen > maxLen-nd.len() {
				return nil, fmt.Errorf("%w: tape: the values of the operations total more than %d elements", ErrConfig, maxLen)
			}
			p.slot[i] = p.slabLen
			p.slabLen += nd.len()
		}
	}
	if p.input >= 0 && !reach[p.input] {
		p.input = -1 // y does not matter; InDim stays its length
	}
	if p.time >= 0 && !reach[p.time] {
		p.time = -1
	}
	theta, err := makeFloats("tape parameters", p.nparams)
	if err != nil {
		return nil, err
	}
	f := &TapeField{p: p, theta: theta}
	if err := f.alloc(); err != nil {
		return nil, err
	}
	return f, nil
}

// operands calls fn for each operand of node i.
func (p *program) operands(i int32, fn func(j int32)) {
	nd := &p.nodes[i]
	if nd.op == opConcat {
		for _, j := range p.args[nd.lo:nd.hi] {
			fn(j)
		}
		return
	}
	for _, j := range [3]int32{nd.a, nd.b, nd.c} {
		if j >= 0 {
			fn(j)
		}
	}
}

// alloc makes the scratch space: three slabs of slabLen elements (values,
// tangents, cotangents) and the per-node views into them.
func (f *TapeField) alloc() error {
	p := f.p
	n := len(p.nodes)
	for _, s := range [...]*[]float64{&f.vslab, &f.tslab, &f.aslab} {
		var err error
		if *s, err = makeFloats("tape workspace", p.slabLen); err != nil {
			return err
		}
	}
	f.val = make([][]float64, n)
	f.tan = make([][]float64, n)
	f.adj = make([][]float64, n)
	f.tslot = make([][]float64, n)
	f.aslot = make([][]float64, n)
	for i := range p.nodes {
		nd := &p.nodes[i]
		k := nd.len()
		switch {
		case nd.op == opParam:
			f.val[i] = f.theta[nd.off : nd.off+k : nd.off+k]
		case p.slot[i] >= 0:
			s := p.slot[i]
			f.val[i] = f.vslab[s : s+k : s+k]
			f.tslot[i] = f.tslab[s : s+k : s+k]
			f.aslot[i] = f.aslab[s : s+k : s+k]
			if nd.op == opConst {
				copy(f.val[i], p.consts[nd.lo:nd.hi])
			}
		}
	}
	return nil
}

// Clone returns a TapeField over the same program and parameter storage
// with its own scratch space, for use on another goroutine.
func (f *TapeField) Clone() *TapeField {
	c := &TapeField{p: f.p, theta: f.theta}
	if err := c.alloc(); err != nil {
		// f's slabs of the same length exist, so make accepted the length.
		panic("autodiff: TapeField.Clone: " + err.Error())
	}
	return c
}

// InDim returns the length of the tape's Input, 0 if it has none.
func (f *TapeField) InDim() int { return f.p.inDim }

// OutDim returns the length of the output Var.
func (f *TapeField) OutDim() int { return f.p.nodes[f.p.out].len() }

// OutShape returns the shape of the output Var.
func (f *TapeField) OutShape() (rows, cols int) {
	nd := &f.p.nodes[f.p.out]
	return nd.rows, nd.cols
}

// Params returns the flat parameter vector θ: the tape's parameters in the
// order they were declared, each row-major. It aliases the field's storage.
func (f *TapeField) Params() []float64 { return f.theta }

// ParamOf returns the view inside θ of the parameter v (a Var from Param or
// ParamMatrix of the tape this field was compiled from), or an error
// wrapping ErrConfig for any other Var.
func (f *TapeField) ParamOf(v Var) ([]float64, error) {
	// A parameter declared after this field was compiled lies beyond its θ.
	if v.t != f.p.tape || int(v.id) >= len(v.t.nodes) || v.t.nodes[v.id].op != opParam ||
		v.t.nodes[v.id].off+v.t.nodes[v.id].len() > len(f.theta) {
		return nil, fmt.Errorf("%w: TapeField.ParamOf: the Var is not a parameter of this field's tape", ErrConfig)
	}
	nd := &v.t.nodes[v.id]
	return f.theta[nd.off : nd.off+nd.len() : nd.off+nd.len()], nil
}

// ParamOffset returns the position of parameter v inside θ and its length,
// to cut a gradient (which has θ's layout) into parameters. It returns an
// error wrapping ErrConfig for a Var that is not a parameter of this
// field's tape.
func (f *TapeField) ParamOffset(v Var) (off, n int, err error) {
	if _, err := f.ParamOf(v); err != nil {
		return 0, 0, err
	}
	nd := &v.t.nodes[v.id]
	return nd.off, nd.len(), nil
}

func (f *TapeField) checkLen(op, name string, got, want int, what string) {
	if got != want {
		panic(fmt.Sprintf("autodiff: TapeField.%s: len(%s) = %d, %s = %d", op, name, got, what, want))
	}
}

// Eval writes f(t, y) into out. It panics on mismatched lengths.
func (f *TapeField) Eval(t float64, y, out []float64) {
	f.checkLen("Eval", "y", len(y), f.p.inDim, "InDim")
	f.checkLen("Eval", "out", len(out), f.OutDim(), "OutDim")
	f.forward(t, y)
	copy(out, f.val[f.p.out])
}

// VJP adds aᵀ∂f/∂y to gy and aᵀ∂f/∂θ to gtheta (either may be nil),
// replaying the tape forwards and then backwards. It panics on mismatched
// lengths.
func (f *TapeField) VJP(t float64, y, a, gy, gtheta []float64) {
	f.checkVJP("VJP", y, a, gy, gtheta)
	if gy == nil && gtheta == nil {
		return
	}
	f.forward(t, y)
	f.backward(a, gy, gtheta)
}

// EvalVJP does Eval and VJP with one forward replay: it writes f(t, y)
// into out and adds aᵀ∂f/∂y to gy and aᵀ∂f/∂θ to gtheta.
func (f *TapeField) EvalVJP(t float64, y, a, out, gy, gtheta []float64) {
	f.checkVJP("EvalVJP", y, a, gy, gtheta)
	f.checkLen("EvalVJP", "out", len(out), f.OutDim(), "OutDim")
	f.forward(t, y)
	if gy != nil || gtheta != nil {
		f.backward(a, gy, gtheta)
	}
	copy(out, f.val[f.p.out]) // after backward, which reads a: out may alias it
}

func (f *TapeField) checkVJP(op string, y, a, gy, gtheta []float64) {
	f.checkLen(op, "y", len(y), f.p.inDim, "InDim")
	f.checkLen(op, "a", len(a), f.OutDim(), "OutDim")
	if gy != nil {
		f.checkLen(op, "gy", len(gy), f.p.inDim, "InDim")
	}
	if gtheta != nil {
		f.checkLen(op, "gtheta", len(gtheta), f.p.nparams, "len(Params())")
	}
}

// JVP writes ∂f/∂y v + ∂f/∂θ w into jv and f(t, y) into out when out is
// not nil; w may be nil for no parameter tangent. It panics on mismatched
// lengths.
func (f *TapeField) JVP(t float64, y, v, w, out, jv []float64) {
	p := f.p
	f.checkLen("JVP", "y", len(y), p.inDim, "InDim")
	f.checkLen("JVP", "v", len(v), p.inDim, "InDim")
	if w != nil {
		f.checkLen("JVP", "w", len(w), p.nparams, "len(Params())")
	}
	if out != nil {
		f.checkLen("JVP", "out", len(out), f.OutDim(), "OutDim")
	}
	f.checkLen("JVP", "jv", len(jv), f.OutDim(), "OutDim")

	f.loadLeaves(t, y)
	if p.input >= 0 {
		f.tan[p.input] = f.tslot[p.input]
		copy(f.tan[p.input], v)
	}
	for _, i := range p.params {
		if w != nil {
			nd := &p.nodes[i]
			f.tan[i] = w[nd.off : nd.off+nd.len()]
		} else {
			f.tan[i] = nil
		}
	}
	for _, i := range p.order {
		if p.depIn[i] || (w != nil && p.depPar[i]) {
			f.tan[i] = f.tslot[i]
		} else {
			f.tan[i] = nil
		}
		f.evalNode(i)
		if f.tan[i] != nil {
			f.tangentNode(i)
		}
	}
	if out != nil {
		copy(out, f.val[p.out])
	}
	if dt := f.tan[p.out]; dt != nil {
		copy(jv, dt)
	} else {
		clear(jv)
	}
	for _, i := range p.params {
		f.tan[i] = nil // do not retain w
	}
}

func (f *TapeField) loadLeaves(t float64, y []float64) {
	if f.p.input >= 0 {
		copy(f.val[f.p.input], y)
	}
	if f.p.time >= 0 {
		f.val[f.p.time][0] = t
	}
}

func (f *TapeField) forward(t float64, y []float64) {
	f.loadLeaves(t, y)
	for _, i := range f.p.order {
		f.evalNode(i)
	}
}

// mat returns node j's value as the matrix its shape says.
func (f *TapeField) mat(j int32, data []float64) linalg.Matrix {
	nd := &f.p.nodes[j]
	return linalg.Matrix{Rows: nd.rows, Cols: nd.cols, Data: data}
}

func (f *TapeField) evalNode(i int32) {
	nd := &f.p.nodes[i]
	dst := f.val[i]
	switch nd.op {
	case opAffine:
		f.mat(nd.a, f.val[nd.a]).MulVec(dst, f.val[nd.b])
		if nd.c >= 0 {
			for k, v := range f.val[nd.c] {
				dst[k] += v
			}
		}
	case opAdd:
		linalg.Add(dst, f.val[nd.a], f.val[nd.b])
	case opSub:
		linalg.Sub(dst, f.val[nd.a], f.val[nd.b])
	case opMul:
		linalg.Mul(dst, f.val[nd.a], f.val[nd.b])
	case opScale:
		x := f.val[nd.a]
		for k := range dst {
			dst[k] = nd.k * x[k]
		}
	case opScaleBy:
		s, x := f.val[nd.a][0], f.val[nd.b]
		for k := range dst {
			dst[k] = s * x[k]
		}
	case opAct:
		nd.act.apply(dst, f.val[nd.a])
	case opSum:
		var s float64
		for _, v := range f.val[nd.a] {
			s += v
		}
		dst[0] = s
	case opDot:
		dst[0] = linalg.Dot(f.val[nd.a], f.val[nd.b])
	case opConcat:
		k := 0
		for _, j := range f.p.args[nd.lo:nd.hi] {
			k += copy(dst[k:], f.val[j])
		}
	case opSlice:
		copy(dst, f.val[nd.a][nd.lo:nd.hi])
	case opReshape:
		copy(dst, f.val[nd.a])
	}
}

// tangentNode computes node i's tangent from its operands' (nil meaning
// zero) after its value. At least one operand's tangent is not nil.
func (f *TapeField) tangentNode(i int32) {
	nd := &f.p.nodes[i]
	dt := f.tan[i]
	switch nd.op {
	case opAffine:
		x := f.val[nd.b]
		dW, dx := f.tan[nd.a], f.tan[nd.b]
		if dx != nil {
			f.mat(nd.a, f.val[nd.a]).MulVec(dt, dx)
		} else {
			clear(dt)
		}
		if dW != nil {
			f.mat(nd.a, dW).MulVecAdd(dt, x)
		}
		if nd.c >= 0 {
			addTo(dt, f.tan[nd.c])
		}
	case opAdd, opSub:
		clear(dt)
		addTo(dt, f.tan[nd.a])
		if db := f.tan[nd.b]; db != nil {
			if nd.op == opAdd {
				addTo(dt, db)
			} else {
				for k, v := range db {
					dt[k] -= v
				}
			}
		}
	case opMul:
		clear(dt)
		if da := f.tan[nd.a]; da != nil {
			mulAddTo(dt, da, f.val[nd.b])
		}
		if db := f.tan[nd.b]; db != nil {
			mulAddTo(dt, db, f.val[nd.a])
		}
	case opScale:
		dx := f.tan[nd.a]
		for k := range dt {
			dt[k] = nd.k * dx[k]
		}
	case opScaleBy:
		clear(dt)
		if ds := f.tan[nd.a]; ds != nil {
			linalg.Axpy(ds[0], f.val[nd.b], dt)
		}
		if dx := f.tan[nd.b]; dx != nil {
			linalg.Axpy(f.val[nd.a][0], dx, dt)
		}
	case opAct:
		nd.act.mulDeriv(dt, f.tan[nd.a], f.val[nd.a], f.val[i], false)
	case opSum:
		var s float64
		for _, v := range f.tan[nd.a] {
			s += v
		}
		dt[0] = s
	case opDot:
		var s float64
		if da := f.tan[nd.a]; da != nil {
			s = linalg.Dot(da, f.val[nd.b])
		}
		if db := f.tan[nd.b]; db != nil {
			s += linalg.Dot(f.val[nd.a], db)
		}
		dt[0] = s
	case opConcat:
		k := 0
		for _, j := range f.p.args[nd.lo:nd.hi] {
			n := f.p.nodes[j].len()
			if dj := f.tan[j]; dj != nil {
				copy(dt[k:k+n], dj)
			} else {
				clear(dt[k : k+n])
			}
			k += n
		}
	case opSlice:
		copy(dt, f.tan[nd.a][nd.lo:nd.hi])
	case opReshape:
		copy(dt, f.tan[nd.a])
	}
}

// addTo adds src to dst; a nil src is zero.
func addTo(dst, src []float64) {
	if src == nil {
		return
	}
	src = src[:len(dst)]
	for k, v := range src {
		dst[k] += v
	}
}

// mulAddTo adds x ⊙ y to dst.
func mulAddTo(dst, x, y []float64) {
	x, y = x[:len(dst)], y[:len(dst)]
	for k := range dst {
		dst[k] += x[k] * y[k]
	}
}

// backward binds the cotangents for this call (gy for y, views of gtheta
// for the parameters, zeroed scratch for the operations that lead to a
// requested one, nil for zero) and replays the operations in reverse.
func (f *TapeField) backward(a, gy, gtheta []float64) {
	p := f.p
	if p.input >= 0 {
		f.adj[p.input] = gy
	}
	for _, i := range p.params {
		if gtheta != nil {
			nd := &p.nodes[i]
			f.adj[i] = gtheta[nd.off : nd.off+nd.len()]
		} else {
			f.adj[i] = nil
		}
	}
	for _, i := range p.order {
		if (gy != nil && p.depIn[i]) || (gtheta != nil && p.depPar[i]) {
			f.adj[i] = f.aslot[i]
			clear(f.adj[i])
		} else {
			f.adj[i] = nil
		}
	}
	// The output's cotangent is a: nothing else adds to it, as no
	// operation the output depends on comes after it.
	switch o := p.out; p.nodes[o].op {
	case opInput, opParam:
		addTo(f.adj[o], a)
	case opTime, opConst:
	default:
		if f.adj[o] != nil {
			f.adj[o] = a
		}
	}
	for k := len(p.order) - 1; k >= 0; k-- {
		i := p.order[k]
		if f.adj[i] != nil {
			f.backNode(i)
		}
	}
	// Do not retain the caller's slices.
	if p.input >= 0 {
		f.adj[p.input] = nil
	}
	for _, i := range p.params {
		f.adj[i] = nil
	}
	f.adj[p.out] = nil
}

// backNode adds node i's cotangent, pulled back through its operation, to
// its operands' cotangents that are bound.
func (f *TapeField) backNode(i int32) {
	nd := &f.p.nodes[i]
	g := f.adj[i]
	switch nd.op {
	case opAffine:
		if gx := f.adj[nd.b]; gx != nil {
			f.mat(nd.a, f.val[nd.a]).MulTVecAdd(gx, g)
		}
		if gW := f.adj[nd.a]; gW != nil {
			f.mat(nd.a, gW).AddOuter(1, g, f.val[nd.b])
		}
		if nd.c >= 0 {
			if gb := f.adj[nd.c]; gb != nil {
				addTo(gb, g)
			}
		}
	case opAdd:
		if ga := f.adj[nd.a]; ga != nil {
			addTo(ga, g)
		}
		if gb := f.adj[nd.b]; gb != nil {
			addTo(gb, g)
		}
	case opSub:
		if ga := f.adj[nd.a]; ga != nil {
			addTo(ga, g)
		}
		if gb := f.adj[nd.b]; gb != nil {
			for k, v := range g {
				gb[k] -= v
			}
		}
	case opMul:
		if ga := f.adj[nd.a]; ga != nil {
			mulAddTo(ga, g, f.val[nd.b])
		}
		if gb := f.adj[nd.b]; gb != nil {
			mulAddTo(gb, g, f.val[nd.a])
		}
	case opScale:
		if ga := f.adj[nd.a]; ga != nil {
			linalg.Axpy(nd.k, g, ga)
		}
	case opScaleBy:
		if gs := f.adj[nd.a]; gs != nil {
			gs[0] += linalg.Dot(g, f.val[nd.b])
		}
		if gx := f.adj[nd.b]; gx != nil {
			linalg.Axpy(f.val[nd.a][0], g, gx)
		}
	case opAct:
		if ga := f.adj[nd.a]; ga != nil {
			nd.act.mulDeriv(ga, g, f.val[nd.a], f.val[i], true)
		}
	case opSum:
		if ga := f.adj[nd.a]; ga != nil {
			for k := range ga {
				ga[k] += g[0]
			}
		}
	case opDot:
		if ga := f.adj[nd.a]; ga != nil {
			linalg.Axpy(g[0], f.val[nd.b], ga)
		}
		if gb := f.adj[nd.b]; gb != nil {
			linalg.Axpy(g[0], f.val[nd.a], gb)
		}
	case opConcat:
		k := 0
		for _, j := range f.p.args[nd.lo:nd.hi] {
			n := f.p.nodes[j].len()
			if gj := f.adj[j]; gj != nil {
				addTo(gj, g[k:k+n])
			}
			k += n
		}
	case opSlice:
		if ga := f.adj[nd.a]; ga != nil {
			addTo(ga[nd.lo:nd.hi], g)
		}
	case opReshape:
		if ga := f.adj[nd.a]; ga != nil {
			addTo(ga, g)
		}
	}
}

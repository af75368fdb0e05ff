package fuzz

import (
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/autodiff"
	"github.com/nde-go/nde/linalg"
)

// The autodiff fuzz targets decode a random program from the fuzzer's
// bytes, record it on a Tape (or build an MLP), and check that nothing
// panics, that bad programs are refused with ErrConfig, that replays are
// deterministic, and that forward and reverse mode are adjoint:
//
//	⟨a, J·(v, w)⟩ = ⟨aᵀ∂f/∂y, v⟩ + ⟨aᵀ∂f/∂θ, w⟩.
//
// Both sides sum the same products of local derivatives along the paths of
// the program, in different orders, so they differ by at most a few units
// of rounding per operation times S = Σ over paths of |a·Π(local
// derivatives)·(v, w)|, not times the size of either side (which may
// cancel). The harness computes S itself with a shadow interpreter of the
// program (|local derivative| bounds written here, independently of the
// package), and requires |lhs − rhs| ≤ 1e-12·S. With at most fzMaxOps
// operations and vectors of at most fzMaxLen elements, the bound has a
// margin of more than ten.
//
// The shadow takes its bounds at the points where the field takes its
// derivatives, so it computes the values as the package does, with the
// same linalg kernels and summation order: sin or exp of a sum of terms
// near 10¹⁷ that cancel depends on the sum's last bit, and a sum made in
// another order would put the bound at an unrelated point.

const (
	fzMaxOps = 24
	fzMaxLen = 24
	fzTol    = 1e-12
)

// fzSrc hands out the fuzzer's bytes, then a SplitMix64 stream seeded from
// them, so every input decodes to a complete program.
type fzSrc struct {
	data []byte
	i    int
	s    uint64
}

func newFzSrc(data []byte) *fzSrc {
	s := &fzSrc{data: data, s: 0x243f6a8885a308d3}
	for _, b := range data {
		s.s = (s.s ^ uint64(b)) * 0x100000001b3
	}
	return s
}

func (s *fzSrc) byte() byte {
	if s.i < len(s.data) {
		s.i++
		return s.data[s.i-1]
	}
	s.s += 0x9e3779b97f4a7c15
	z := s.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return byte(z ^ (z >> 31))
}

func (s *fzSrc) intn(n int) int { return int(s.byte()) % n }

// value is a number on the grid k/32, |k| ≤ 128: moderate, so that
// programs mostly stay finite, and sometimes exactly 0.
func (s *fzSrc) value() float64 { return float64(int(s.byte())-128) / 32 }

func (s *fzSrc) values(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = s.value()
	}
	return x
}

const (
	fzInput = iota
	fzParam
	fzTime
	fzConst
	fzAffine
	fzAdd
	fzSub
	fzMul
	fzScale
	fzScaleBy
	fzAct
	fzSum
	fzDot
	fzConcat
	fzSlice
	fzReshape
)

// fzNode mirrors one tape operation for the shadow interpreter.
type fzNode struct {
	op         int
	act        autodiff.Activation
	a, b, c    int // operands, -1 for none
	args       []int
	lo, hi     int
	k          float64
	rows, cols int
	off        int // parameter offset in θ
	consts     []float64
}

func (nd *fzNode) len() int { return nd.rows * nd.cols }

type fzProg struct {
	tp     *autodiff.Tape
	vars   []autodiff.Var
	nodes  []fzNode
	nparam int
	timeID int
}

func (p *fzProg) add(nd fzNode, v autodiff.Var) int {
	p.nodes = append(p.nodes, nd)
	p.vars = append(p.vars, v)
	return len(p.nodes) - 1
}

func (p *fzProg) param(rows, cols int) int {
	i := p.add(fzNode{op: fzParam, a: -1, b: -1, c: -1, rows: rows, cols: cols, off: p.nparam}, p.tp.ParamMatrix(rows, cols))
	p.nparam += rows * cols
	return i
}

func (p *fzProg) time() int {
	if p.timeID < 0 {
		p.timeID = p.add(fzNode{op: fzTime, a: -1, b: -1, c: -1, rows: 1, cols: 1}, p.tp.Time())
	}
	return p.timeID
}

// sameLen returns a node of length n, chosen among those that exist, or a
// new parameter.
func (p *fzProg) sameLen(s *fzSrc, n int) int {
	var cands []int
	for i := range p.nodes {
		if p.nodes[i].len() == n {
			cands = append(cands, i)
		}
	}
	if k := s.intn(len(cands) + 1); k < len(cands) {
		return cands[k]
	}
	return p.param(n, 1)
}

// build decodes one operation. It returns false, after checking that the
// tape refused it properly, when it decoded a deliberately bad one.
func (p *fzProg) build(t *testing.T, s *fzSrc) bool {
	tp := p.tp
	x := s.intn(len(p.nodes))
	nx := p.nodes[x].len()
	op := s.intn(20)
	if op == 0 && s.byte()%4 != 0 {
		op = 1 // keep most programs well-formed
	}
	switch {
	case op == 0: // a bad operation: mismatched lengths
		bad := p.param(nx+1, 1)
		if v := tp.Add(p.vars[x], p.vars[bad]); v.Valid() || !errors.Is(tp.Err(), autodiff.ErrConfig) {
			t.Fatalf("Add of lengths %d and %d: valid %v, error %v", nx, nx+1, v.Valid(), tp.Err())
		}
		return false
	case op == 1:
		p.param(1+s.intn(4), 1)
	case op == 2:
		c := s.values(1 + s.intn(3))
		p.add(fzNode{op: fzConst, a: -1, b: -1, c: -1, rows: len(c), cols: 1, consts: c}, tp.Const(c...))
	case op == 3 || op == 4: // Affine or MatVec, the matrix a parameter or computed
		r := 1 + s.intn(5)
		w := -1
		if s.byte()%2 == 0 {
			for i := range p.nodes {
				if p.nodes[i].len() == r*nx {
					w = i
					break
				}
			}
		}
		var W autodiff.Var
		if w >= 0 {
			W = tp.Reshape(p.vars[w], r, nx)
			w = p.add(fzNode{op: fzReshape, a: w, b: -1, c: -1, rows: r, cols: nx}, W)
		} else {
			w = p.param(r, nx)
			W = p.vars[w]
		}
		if op == 3 {
			b := p.sameLen(s, r)
			p.add(fzNode{op: fzAffine, a: w, b: x, c: b, rows: r, cols: 1}, tp.Affine(W, p.vars[x], p.vars[b]))
		} else {
			p.add(fzNode{op: fzAffine, a: w, b: x, c: -1, rows: r, cols: 1}, tp.MatVec(W, p.vars[x]))
		}
	case op <= 7: // Add, Sub, Mul
		y := p.sameLen(s, nx)
		code := fzAdd + op - 5
		var v autodiff.Var
		switch code {
		case fzAdd:
			v = tp.Add(p.vars[x], p.vars[y])
		case fzSub:
			v = tp.Sub(p.vars[x], p.vars[y])
		default:
			v = tp.Mul(p.vars[x], p.vars[y])
		}
		r, c := p.nodes[x].rows, p.nodes[x].cols
		p.add(fzNode{op: code, a: x, b: y, c: -1, rows: r, cols: c}, v)
	case op == 8:
		k := s.value()
		p.add(fzNode{op: fzScale, a: x, b: -1, c: -1, k: k, rows: p.nodes[x].rows, cols: p.nodes[x].cols}, tp.Scale(k, p.vars[x]))
	case op == 9: // ScaleBy time, a sum or an existing scalar
		var sc int
		switch s.intn(3) {
		case 0:
			sc = p.time()
		case 1:
			y := s.intn(len(p.nodes))
			sc = p.add(fzNode{op: fzSum, a: y, b: -1, c: -1, rows: 1, cols: 1}, tp.Sum(p.vars[y]))
		default:
			sc = p.sameLen(s, 1)
		}
		p.add(fzNode{op: fzScaleBy, a: sc, b: x, c: -1, rows: p.nodes[x].rows, cols: p.nodes[x].cols}, tp.ScaleBy(p.vars[sc], p.vars[x]))
	case op <= 13:
		act := autodiff.Activation(s.intn(9))
		p.add(fzNode{op: fzAct, act: act, a: x, b: -1, c: -1, rows: p.nodes[x].rows, cols: p.nodes[x].cols}, tp.Activate(act, p.vars[x]))
	case op == 14:
		p.add(fzNode{op: fzSum, a: x, b: -1, c: -1, rows: 1, cols: 1}, tp.Sum(p.vars[x]))
	case op == 15:
		y := p.sameLen(s, nx)
		p.add(fzNode{op: fzDot, a: x, b: y, c: -1, rows: 1, cols: 1}, tp.Dot(p.vars[x], p.vars[y]))
	case op == 16:
		args := []int{x}
		n := nx
		for k := s.intn(3); k > 0; k-- {
			y := s.intn(len(p.nodes))
			if n+p.nodes[y].len() <= fzMaxLen {
				args = append(args, y)
				n += p.nodes[y].len()
			}
		}
		vs := make([]autodiff.Var, len(args))
		for i, a := range args {
			vs[i] = p.vars[a]
		}
		p.add(fzNode{op: fzConcat, a: -1, b: -1, c: -1, args: args, rows: n, cols: 1}, tp.Concat(vs...))
	case op == 17:
		lo := s.intn(nx)
		hi := lo + 1 + s.intn(nx-lo)
		p.add(fzNode{op: fzSlice, a: x, b: -1, c: -1, lo: lo, hi: hi, rows: hi - lo, cols: 1}, tp.Slice(p.vars[x], lo, hi))
	default: // Reshape into some divisor of the length
		r := 1 + s.intn(nx)
		for nx%r != 0 {
			r--
		}
		p.add(fzNode{op: fzReshape, a: x, b: -1, c: -1, rows: r, cols: nx / r}, tp.Reshape(p.vars[x], r, nx/r))
	}
	if err := tp.Err(); err != nil {
		t.Fatalf("a well-formed operation (%d) was refused: %v", op, err)
	}
	return true
}

// absDeriv bounds |σ'(x)|, from the definitions (ReLU by 1 everywhere, so
// that the bound holds on both sides of the kink whatever rounding does).
func absDeriv(act autodiff.Activation, x float64) float64 {
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	switch act {
	case autodiff.Identity, autodiff.ReLU:
		return 1
	case autodiff.Tanh:
		th := math.Tanh(x)
		return 1 - th*th
	case autodiff.Sigmoid:
		return sig(x) * (1 - sig(x))
	case autodiff.Softplus:
		return sig(x)
	case autodiff.LipSwish:
		return math.Abs(sig(x)+x*sig(x)*(1-sig(x))) / 1.1
	case autodiff.Sin:
		return math.Abs(math.Cos(x))
	case autodiff.Cos:
		return math.Abs(math.Sin(x))
	case autodiff.Exp:
		return math.Exp(x)
	}
	panic("unknown activation")
}

// shadow returns, for the output node, the path-absolute tangent
// Σ_paths |Π local derivatives|·|(v, w)|, running the program on its own,
// and whether some value or path sum on the way was tiny (see tiny).
func (p *fzProg) shadow(out int, tm float64, y, theta, v, w []float64) ([]float64, bool) {
	small := false
	val := make([][]float64, len(p.nodes))
	at := make([][]float64, len(p.nodes))
	abs := func(x []float64) []float64 {
		r := make([]float64, len(x))
		for i, e := range x {
			r[i] = math.Abs(e)
		}
		return r
	}
	for i := 0; i <= out; i++ {
		nd := &p.nodes[i]
		n := nd.len()
		vv, aa := make([]float64, n), make([]float64, n)
		switch nd.op {
		case fzInput:
			copy(vv, y)
			aa = abs(v)
		case fzParam:
			copy(vv, theta[nd.off:nd.off+n])
			aa = abs(w[nd.off : nd.off+n])
		case fzTime:
			vv[0] = tm
		case fzConst:
			copy(vv, nd.consts)
		case fzAffine:
			W, Wa := val[nd.a], at[nd.a]
			cols := p.nodes[nd.a].cols
			x, xa := val[nd.b], at[nd.b]
			linalg.NewMatrix(n, cols, W).MulVec(vv, x)
			for r := 0; r < n; r++ {
				for j := 0; j < cols; j++ {
					aa[r] += math.Abs(W[r*cols+j])*xa[j] + Wa[r*cols+j]*math.Abs(x[j])
				}
				if nd.c >= 0 {
					vv[r] += val[nd.c][r]
					aa[r] += at[nd.c][r]
				}
			}
		case fzAdd, fzSub, fzMul:
			x, y := val[nd.a], val[nd.b]
			for k := range vv {
				switch nd.op {
				case fzAdd:
					vv[k] = x[k] + y[k]
					aa[k] = at[nd.a][k] + at[nd.b][k]
				case fzSub:
					vv[k] = x[k] - y[k]
					aa[k] = at[nd.a][k] + at[nd.b][k]
				default:
					vv[k] = x[k] * y[k]
					aa[k] = at[nd.a][k]*math.Abs(y[k]) + math.Abs(x[k])*at[nd.b][k]
				}
			}
		case fzScale:
			for k := range vv {
				vv[k] = nd.k * val[nd.a][k]
				aa[k] = math.Abs(nd.k) * at[nd.a][k]
			}
		case fzScaleBy:
			sc, sa := val[nd.a][0], at[nd.a][0]
			for k := range vv {
				vv[k] = sc * val[nd.b][k]
				aa[k] = sa*math.Abs(val[nd.b][k]) + math.Abs(sc)*at[nd.b][k]
			}
		case fzAct:
			nd.act.Apply(vv, val[nd.a])
			for k, x := range val[nd.a] {
				aa[k] = absDeriv(nd.act, x) * at[nd.a][k]
			}
		case fzSum:
			for k := range val[nd.a] {
				vv[0] += val[nd.a][k]
				aa[0] += at[nd.a][k]
			}
		case fzDot:
			x, y := val[nd.a], val[nd.b]
			vv[0] = linalg.Dot(x, y)
			for k := range x {
				aa[0] += at[nd.a][k]*math.Abs(y[k]) + math.Abs(x[k])*at[nd.b][k]
			}
		case fzConcat:
			k := 0
			for _, j := range nd.args {
				copy(vv[k:], val[j])
				copy(aa[k:], at[j])
				k += len(val[j])
			}
		case fzSlice:
			copy(vv, val[nd.a][nd.lo:nd.hi])
			copy(aa, at[nd.a][nd.lo:nd.hi])
		case fzReshape:
			copy(vv, val[nd.a])
			copy(aa, at[nd.a])
		}
		val[i], at[i] = vv, aa
		small = small || tiny(vv, aa)
	}
	return at[out], small
}

// tiny reports whether some element is nonzero and below 1e-200 in
// magnitude. Products that deep in the exponent range may underflow into
// subnormals, whose relative rounding error grows without bound, and later
// operations may scale that error back up: the rounding model behind the
// dot-product tolerance no longer holds, so such programs skip the check.
// Exact zeros are harmless (both modes then multiply by the same 0).
func tiny(xs ...[]float64) bool {
	for _, x := range xs {
		for _, v := range x {
			if v != 0 && math.Abs(v) < 1e-200 {
				return true
			}
		}
	}
	return false
}

func finite(xs ...[]float64) bool {
	for _, x := range xs {
		for _, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

func dotF(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func sameBits(t *testing.T, what string, x, y []float64) {
	t.Helper()
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			t.Fatalf("%s[%d]: %v then %v", what, i, x[i], y[i])
		}
	}
}

// checkAdjoint runs the field's three products and checks determinism and
// the dot-product identity against the path-absolute scale S (computed by
// scale, or skipped when scale is nil).
func checkAdjoint(t *testing.T, f autodiff.DiffField, s *fzSrc, scale func(tm float64, y, v, w []float64) ([]float64, bool)) {
	n, m, np := f.InDim(), f.OutDim(), len(f.Params())
	copy(f.Params(), s.values(np))
	tm := s.value()
	y, v, w, a := s.values(n), s.values(n), s.values(np), s.values(m)

	out, out2, jv, jout := make([]float64, m), make([]float64, m), make([]float64, m), make([]float64, m)
	f.Eval(tm, y, out)
	f.Eval(tm, y, out2)
	sameBits(t, "Eval twice", out, out2)
	f.JVP(tm, y, v, w, jout, jv)
	sameBits(t, "JVP's out against Eval", jout, out)
	gy, gth := make([]float64, n), make([]float64, np)
	f.VJP(tm, y, a, gy, gth)
	gy2, gth2 := make([]float64, n), make([]float64, np)
	f.VJP(tm, y, a, gy2, gth2)
	sameBits(t, "VJP gy twice", gy, gy2)
	sameBits(t, "VJP gtheta twice", gth, gth2)
	checkNilArgs(t, f, s, tm, y, v, a, out, gy, gth)

	if scale == nil || !finite(out, jv, gy, gth) {
		return
	}
	at, small := scale(tm, y, v, w)
	if small {
		return
	}
	var S float64
	for i := range a {
		S += math.Abs(a[i]) * at[i]
	}
	if math.IsNaN(S) || math.IsInf(S, 0) {
		return
	}
	lhs := dotF(a, jv)
	rhs := dotF(gy, v) + dotF(gth, w)
	if e := math.Abs(lhs - rhs); !(e <= fzTol*S) {
		t.Fatalf("dot-product test: ⟨a, Jv⟩ = %v, ⟨Jᵀa, v⟩ = %v, error %.3g > %.0e·S, S = %.3g", lhs, rhs, e, fzTol, S)
	}
}

// checkNilArgs calls the variants with nil arguments that the contract
// allows, chosen by the input, and compares them with the full calls
// whose results checkAdjoint computed (out, gy and gth):
//
//   - JVP with w = nil is JVP with a zero parameter tangent. Where the
//     zero tangent meets an infinite intermediate value (0·∞ = NaN) the
//     two legitimately differ, so only elements finite with w = 0 are
//     compared, by value (a skipped term 0·x may turn −0 into +0).
//   - VJP or EvalVJP with gy or gtheta nil skips that destination and
//     computes the other with the same operations in the same order, so
//     bit for bit as the full call; with both nil VJP does nothing, and
//     EvalVJP still evaluates.
func checkNilArgs(t *testing.T, f autodiff.DiffField, s *fzSrc, tm float64, y, v, a, out, gy, gth []float64) {
	n, m, np := f.InDim(), f.OutDim(), len(f.Params())
	variant := s.byte()
	if variant&1 != 0 {
		jz, jn := make([]float64, m), make([]float64, m)
		outn := make([]float64, m)
		f.JVP(tm, y, v, make([]float64, np), nil, jz)
		f.JVP(tm, y, v, nil, outn, jn)
		sameBits(t, "JVP's out with w = nil against Eval", outn, out)
		for i := range jz {
			if finite(jz[i:i+1]) && jn[i] != jz[i] {
				t.Fatalf("JVP with w = nil: jv[%d] = %v, with w = 0: %v", i, jn[i], jz[i])
			}
		}
	}
	// The destinations a variant keeps, and the full call's results.
	dests := func(bits byte) (gy2, gth2 []float64) {
		if bits&1 != 0 {
			gy2 = make([]float64, n)
		}
		if bits&2 != 0 {
			gth2 = make([]float64, np)
		}
		return gy2, gth2
	}
	compare := func(what string, gy2, gth2 []float64) {
		if gy2 != nil {
			sameBits(t, what+" gy", gy2, gy)
		}
		if gth2 != nil {
			sameBits(t, what+" gtheta", gth2, gth)
		}
	}
	if variant&2 != 0 {
		gy2, gth2 := dests(variant >> 2)
		f.VJP(tm, y, a, gy2, gth2)
		compare("VJP with a nil destination", gy2, gth2)
	}
	if ev, ok := f.(autodiff.EvalVJPField); ok && variant&16 != 0 {
		gy2, gth2 := dests(variant >> 5)
		out2 := make([]float64, m)
		ev.EvalVJP(tm, y, a, out2, gy2, gth2)
		sameBits(t, "EvalVJP's out against Eval", out2, out)
		compare("EvalVJP", gy2, gth2)
	}
}

// FuzzTape decodes a random program (fzProg.build: up to fzMaxOps
// operations of every kind, vectors of at most fzMaxLen elements, now and
// then a deliberately bad operation that the tape must refuse with
// ErrConfig), compiles it with Tape.Field and checks the field as
// checkAdjoint says, against the shadow interpreter's path-absolute scale,
// and that a clone replays the same bits.
func FuzzTape(f *testing.F) {
	f.Add([]byte{3, 12, 4, 0, 9, 3, 1, 7})
	f.Add([]byte{1, 24, 3, 1, 0, 3, 2, 10, 0, 6, 0, 15, 0, 16, 0, 2, 17, 1, 18, 2})
	f.Add([]byte{5, 8, 0, 4, 2, 1, 0, 9, 1, 0, 12, 0, 13, 0, 14, 0, 19, 0, 0})
	f.Add([]byte("a tape of bytes"))
	f.Fuzz(fuzzTape)
}

func fuzzTape(t *testing.T, data []byte) {
	s := newFzSrc(data)
	p := &fzProg{tp: new(autodiff.Tape), timeID: -1}
	n := 1 + s.intn(6)
	p.add(fzNode{op: fzInput, a: -1, b: -1, c: -1, rows: n, cols: 1}, p.tp.Input(n))
	for k := 1 + s.intn(fzMaxOps); k > 0; k-- {
		if len(p.nodes) > 3*fzMaxOps {
			break
		}
		if !p.build(t, s) {
			if _, err := p.tp.Field(p.vars[len(p.vars)-1]); !errors.Is(err, autodiff.ErrConfig) {
				t.Fatalf("Field after a bad operation: %v", err)
			}
			return
		}
		if p.nodes[len(p.nodes)-1].len() > fzMaxLen {
			return // keep the vectors short; the program is still valid
		}
	}
	out := len(p.nodes) - 1
	fld, err := p.tp.Field(p.vars[out])
	if err != nil {
		t.Fatalf("Field of a well-formed program: %v", err)
	}
	if fld.InDim() != n || fld.OutDim() != p.nodes[out].len() || len(fld.Params()) != p.nparam {
		t.Fatalf("field %d → %d with %d parameters; program %d → %d with %d", fld.InDim(), fld.OutDim(), len(fld.Params()), n, p.nodes[out].len(), p.nparam)
	}
	checkAdjoint(t, fld, s, func(tm float64, y, v, w []float64) ([]float64, bool) {
		return p.shadow(out, tm, y, fld.Params(), v, w)
	})
	// A clone replays the same bits.
	c := fld.Clone()
	y := s.values(n)
	o1, o2 := make([]float64, fld.OutDim()), make([]float64, fld.OutDim())
	fld.Eval(0.5, y, o1)
	c.Eval(0.5, y, o2)
	sameBits(t, "clone Eval", o1, o2)
}

// FuzzMLP builds MLPs from random configs (bad ones must be refused with
// ErrConfig) and checks them as FuzzTape checks tapes, the path-absolute
// scale from the layers: |σ'(z)| ⊙ (|W| at + |dW| |h| + |db|).
func FuzzMLP(f *testing.F) {
	f.Add([]byte{2, 3, 1, 1, 0, 0, 0})
	f.Add([]byte{4, 8, 8, 3, 2, 5, 1, 9})
	f.Add([]byte{1, 1, 0, 7, 7})
	f.Fuzz(fuzzMLP)
}

func fuzzMLP(t *testing.T, data []byte) {
	s := newFzSrc(data)
	nl := 1 + s.intn(4)
	sizes := make([]int, nl+1)
	for i := range sizes {
		sizes[i] = 1 + s.intn(8)
	}
	acts := make([]autodiff.Activation, nl)
	for i := range acts {
		acts[i] = autodiff.Activation(s.intn(10)) // 9 is invalid
	}
	cfg := autodiff.MLPConfig{Sizes: sizes, Acts: acts, Time: s.byte()%2 == 0, Seed: uint64(s.byte())}
	if s.byte()%4 == 0 {
		cfg.OutRows, cfg.OutCols = s.intn(4), s.intn(4)
	}
	m, err := autodiff.NewMLP(cfg)
	badAct := false
	for _, a := range acts {
		badAct = badAct || !a.Valid()
	}
	out := sizes[nl]
	badShape := !(cfg.OutRows == 0 && cfg.OutCols == 0) && cfg.OutRows*cfg.OutCols != out
	if badAct || badShape {
		if !errors.Is(err, autodiff.ErrConfig) {
			t.Fatalf("NewMLP(%+v): error %v, want ErrConfig", cfg, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("NewMLP(%+v): %v", cfg, err)
	}
	checkAdjoint(t, m, s, func(tm float64, y, v, w []float64) ([]float64, bool) {
		small := false
		h := append([]float64(nil), y...)
		at := make([]float64, len(v))
		for i := range v {
			at[i] = math.Abs(v[i])
		}
		if m.TimeInput() {
			h, at = append(h, tm), append(at, 0)
		}
		for l := 0; l < m.NumLayers(); l++ {
			L, dL := m.Layer(l), m.LayerOf(w, l)
			z, za := make([]float64, L.W.Rows), make([]float64, L.W.Rows)
			L.W.MulVec(z, h) // as the MLP computes it (see the top of the file)
			for r := range z {
				for j := 0; j < L.W.Cols; j++ {
					za[r] += math.Abs(L.W.At(r, j))*at[j] + math.Abs(dL.W.At(r, j)*h[j])
				}
				z[r] += L.B[r]
				za[r] += math.Abs(dL.B[r])
			}
			h = make([]float64, len(z))
			L.Act.Apply(h, z)
			for r := range za {
				za[r] *= absDeriv(L.Act, z[r])
			}
			at = za
			small = small || tiny(z, h, za)
		}
		return at, small
	})
}

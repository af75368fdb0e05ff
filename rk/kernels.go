package rk

import (
	"math"

	"github.com/nde-go/nde/asm"
)

// row is one linear combination of stage slots, with its zero coefficients
// dropped: the slots it reads are pre-sliced once, when the Solver is made.
type row struct {
	c  []float64   // nonzero coefficients
	ks [][]float64 // the stage slots they multiply, each of the state's length

	// kern is the kernel for this row's number of terms, chosen once by
	// bind: a step calls it directly rather than through a switch, which
	// for the small states of neural ODEs costs as much as the sum itself.
	kern func(r *row, out, base []float64, h float64)

	// For long states the row calls asm.Combine instead, over the slots
	// 0 … len(dense)−1 stored one after another in kAll, with the
	// coefficients (zeros included: the kernel skips them) scaled by h
	// into hc.
	dense, hc []float64
	kAll      []float64
}

// asmCombineMin is the state length from which asm.Combine, where it runs
// vector code, beats the kernels below: measured with BenchmarkStageCombine
// on AVX2 (AMD EPYC), where it is 1.2–2.5× slower below 28 components and
// 1.2–3× faster from 48 on.
const asmCombineMin = 32

// bind chooses the row's kernel from its fields; it must be called after
// they are set, and before apply.
func (r *row) bind() {
	switch {
	case r.kAll != nil:
		r.kern = combAsm
	case len(r.c) > 8:
		r.kern = combLong
	default:
		r.kern = combKernels[len(r.c)]
	}
}

var combKernels = [...]func(r *row, out, base []float64, h float64){
	comb0, comb1, comb2, comb3, comb4, comb5, comb6, comb7, comb8,
}

// apply sets out = base + Σ_t (h·c[t])·ks[t], reading base before writing
// out so that out may alias base.
//
// The sum runs from base through the terms in order, within blocks of up to
// eight; longer rows add one block after another. Each block is one pass
// over the components with every term in registers, which for the small
// states of neural ODEs beats a pass per term. The order puts the newest
// stage last: when a stage's field evaluation returns, only one multiply
// and one add stand between it and the next stage's input, the rest of the
// sum having been formed while the field was being evaluated. (Hairer's
// codes form y + h·(Σ a_ij k_j), which puts two more operations on that
// path.)
func (r *row) apply(out, base []float64, h float64) { r.kern(r, out, base, h) }

func combAsm(r *row, out, base []float64, h float64) {
	hc := r.hc
	for i, v := range r.dense {
		hc[i] = h * v
	}
	asm.Combine(out, base, r.kAll, hc)
}

func combLong(r *row, out, base []float64, h float64) {
	c, ks := r.c, r.ks
	for len(c) > 8 {
		comb8(&row{c: c[:8], ks: ks[:8]}, out, base, h)
		c, ks, base = c[8:], ks[8:], out
	}
	// Static calls, so that sub stays on the stack.
	sub := row{c: c, ks: ks}
	switch len(c) {
	case 1:
		comb1(&sub, out, base, h)
	case 2:
		comb2(&sub, out, base, h)
	case 3:
		comb3(&sub, out, base, h)
	case 4:
		comb4(&sub, out, base, h)
	case 5:
		comb5(&sub, out, base, h)
	case 6:
		comb6(&sub, out, base, h)
	case 7:
		comb7(&sub, out, base, h)
	case 8:
		comb8(&sub, out, base, h)
	}
}

func comb0(_ *row, out, y []float64, _ float64) { copy(out, y) }

func comb1(r *row, out, y []float64, h float64) {
	n := len(out)
	c0 := h * r.c[0]
	y, k0 := y[:n], r.ks[0][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j]
	}
}

func comb2(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:2]
	c0, c1 := h*c[0], h*c[1]
	ks := r.ks[:2]
	y, k0, k1 := y[:n], ks[0][:n], ks[1][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j]
	}
}

func comb3(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:3]
	c0, c1, c2 := h*c[0], h*c[1], h*c[2]
	ks := r.ks[:3]
	y, k0, k1, k2 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j]
	}
}

func comb4(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:4]
	c0, c1, c2, c3 := h*c[0], h*c[1], h*c[2], h*c[3]
	ks := r.ks[:4]
	y, k0, k1, k2, k3 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n], ks[3][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j] + c3*k3[j]
	}
}

func comb5(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:5]
	c0, c1, c2, c3, c4 := h*c[0], h*c[1], h*c[2], h*c[3], h*c[4]
	ks := r.ks[:5]
	y, k0, k1, k2, k3, k4 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n], ks[3][:n], ks[4][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j] + c3*k3[j] + c4*k4[j]
	}
}

func comb6(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:6]
	c0, c1, c2, c3, c4, c5 := h*c[0], h*c[1], h*c[2], h*c[3], h*c[4], h*c[5]
	ks := r.ks[:6]
	y, k0, k1, k2, k3, k4, k5 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n], ks[3][:n], ks[4][:n], ks[5][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j] + c3*k3[j] + c4*k4[j] + c5*k5[j]
	}
}

func comb7(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:7]
	c0, c1, c2, c3, c4, c5, c6 := h*c[0], h*c[1], h*c[2], h*c[3], h*c[4], h*c[5], h*c[6]
	ks := r.ks[:7]
	y, k0, k1, k2, k3, k4, k5, k6 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n], ks[3][:n], ks[4][:n], ks[5][:n], ks[6][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j] + c3*k3[j] + c4*k4[j] + c5*k5[j] + c6*k6[j]
	}
}

func comb8(r *row, out, y []float64, h float64) {
	n := len(out)
	c := r.c[:8]
	c0, c1, c2, c3, c4, c5, c6, c7 := h*c[0], h*c[1], h*c[2], h*c[3], h*c[4], h*c[5], h*c[6], h*c[7]
	ks := r.ks[:8]
	y, k0, k1, k2, k3, k4, k5, k6, k7 := y[:n], ks[0][:n], ks[1][:n], ks[2][:n], ks[3][:n], ks[4][:n], ks[5][:n], ks[6][:n], ks[7][:n]
	for j := range out {
		out[j] = y[j] + c0*k0[j] + c1*k1[j] + c2*k2[j] + c3*k3[j] + c4*k4[j] + c5*k5[j] + c6*k6[j] + c7*k7[j]
	}
}

// fsal7 is the stage code of a seven-stage FSAL pair (Dopri5, Tsit5),
// chosen when the Solver is made for a tableau of that shape whose rows
// have no zeros, but for column 1 of the last row and of the error weights
// (Dopri5's b_2 = 0), and whose last two nodes, and only those, are 1.
// The coefficients are the tableau's, copied into fixed arrays, and every
// sum runs in the order of the row kernels (base
// first, then the terms by slot), so that a step is the same, bit for bit,
// as the general one. What it saves, for the small states of neural ODEs,
// is the per-stage work around the arithmetic: a kernel call and a field
// call per stage become one function whose only calls are the field's, and
// no slice header is loaded per term.
type fsal7 struct {
	a     [21]float64 // A[1] … A[6], row after row
	c     [7]float64  // C
	be    [7]float64  // BErr
	skip1 bool        // A[6][1] = BErr[1] = 0

	// The Solver's stage slots 0 … 6, its stage input and error estimate,
	// each of the state's length: the stages find them at constant offsets.
	k     [7][]float64
	yt, e []float64
}

// newFsal7 returns the fused stage code for tab, or nil when tab does not
// have the shape fsal7 handles.
func newFsal7(tab *Tableau) *fsal7 {
	if len(tab.B) != 7 || !tab.FSAL || tab.BErr == nil || tab.BErr3 != nil {
		return nil
	}
	p := &fsal7{skip1: tab.A[6][1] == 0}
	if p.skip1 != (tab.BErr[1] == 0) {
		return nil
	}
	i := 0
	for r := 1; r < 7; r++ {
		for j, v := range tab.A[r] {
			if v == 0 && !(r == 6 && j == 1) {
				return nil
			}
			p.a[i] = v
			i++
		}
	}
	for j, v := range tab.BErr {
		if v == 0 && j != 1 {
			return nil
		}
		p.be[j] = v
	}
	// The last two stages are at t + h, the others before it.
	for i, c := range tab.C {
		if (c == 1) != (i >= 5) {
			return nil
		}
	}
	copy(p.c[:], tab.C)
	return p
}

// clampJump moves a stage time ti at or beyond before, the float just
// before the end of a step that ends at a jump, back to it, as stageLoop
// does.
func clampJump(ti, before, h float64) float64 {
	if (ti-before)*h > 0 {
		return before
	}
	return ti
}

// fsal7Stages is stageLoop for a Solver with fsal7 stage code. The slots
// are sliced to the state's length once, so that after each field call
// a stage reloads only their pointers, and the loops need no bounds checks.
func (s *Solver) fsal7Stages(t, t1, h float64, y, y1 []float64, jump bool) {
	p := s.f7
	// The stage times, as stageLoop computes them: c_5 = c_6 = 1 put the
	// last two at t1.
	t1s, t2s, t3s, t4s, t5s := t+float64(p.c[1]*h), t+float64(p.c[2]*h), t+float64(p.c[3]*h), t+float64(p.c[4]*h), t1
	if jump {
		before := math.Nextafter(t1, t)
		t1s, t2s, t3s = clampJump(t1s, before, h), clampJump(t2s, before, h), clampJump(t3s, before, h)
		t4s, t5s = clampJump(t4s, before, h), clampJump(t5s, before, h)
	}
	k := &p.k
	yt := p.yt
	n := len(yt)
	y = y[:n]

	k0, k1, k2, k3 := k[0][:n], k[1][:n], k[2][:n], k[3][:n]
	k4, k5, k6 := k[4][:n], k[5][:n], k[6][:n]
	a10 := h * p.a[0]
	for j := range yt {
		yt[j] = y[j] + a10*k0[j]
	}
	s.f.Eval(t1s, yt, k1)

	a20, a21 := h*p.a[1], h*p.a[2]
	for j := range yt {
		yt[j] = y[j] + a20*k0[j] + a21*k1[j]
	}
	s.f.Eval(t2s, yt, k2)

	a30, a31, a32 := h*p.a[3], h*p.a[4], h*p.a[5]
	for j := range yt {
		yt[j] = y[j] + a30*k0[j] + a31*k1[j] + a32*k2[j]
	}
	s.f.Eval(t3s, yt, k3)

	a40, a41, a42, a43 := h*p.a[6], h*p.a[7], h*p.a[8], h*p.a[9]
	for j := range yt {
		yt[j] = y[j] + a40*k0[j] + a41*k1[j] + a42*k2[j] + a43*k3[j]
	}
	s.f.Eval(t4s, yt, k4)

	a50, a51, a52, a53, a54 := h*p.a[10], h*p.a[11], h*p.a[12], h*p.a[13], h*p.a[14]
	for j := range yt {
		yt[j] = y[j] + a50*k0[j] + a51*k1[j] + a52*k2[j] + a53*k3[j] + a54*k4[j]
	}
	s.f.Eval(t5s, yt, k5)

	y1 = y1[:n]
	a60, a62, a63, a64, a65 := h*p.a[15], h*p.a[17], h*p.a[18], h*p.a[19], h*p.a[20]
	if p.skip1 {
		for j := range y1 {
			y1[j] = y[j] + a60*k0[j] + a62*k2[j] + a63*k3[j] + a64*k4[j] + a65*k5[j]
		}
	} else {
		a61 := h * p.a[16]
		for j := range y1 {
			y1[j] = y[j] + a60*k0[j] + a61*k1[j] + a62*k2[j] + a63*k3[j] + a64*k4[j] + a65*k5[j]
		}
	}
	s.f.Eval(t5s, y1, k6)
}

// fsal7Err2 is errNorm2 for fsal7 stage code with scalar tolerances, atol
// > 0 and the default norm: one pass forms the error estimate (into s.e)
// and sums Hairer's norm, in the operations and order of the row kernel
// and measure2. It also reports whether y1 is finite, which an accepted
// step must check and which costs little here, where y1 is loaded anyway.
func (s *Solver) fsal7Err2(h float64, y, y1 []float64, rt, at float64) (e2 float64, finiteY1 bool) {
	p := s.f7
	k, e := &p.k, p.e
	n := len(e)
	y, y1 = y[:n], y1[:n]
	k0, k1, k2, k3 := k[0][:n], k[1][:n], k[2][:n], k[3][:n]
	k4, k5, k6 := k[4][:n], k[5][:n], k[6][:n]
	b := &p.be
	// The row kernel adds the first term to a zero base, which leaves the
	// rounded product: float64(·) keeps it from being fused.
	b0, b2, b3, b4, b5, b6 := h*b[0], h*b[2], h*b[3], h*b[4], h*b[5], h*b[6]
	var sum, fin float64
	if p.skip1 {
		for j := range e {
			v := float64(b0*k0[j]) + b2*k2[j] + b3*k3[j] + b4*k4[j] + b5*k5[j] + b6*k6[j]
			e[j] = v
			u, w := math.Abs(y[j]), math.Abs(y1[j])
			if w > u {
				u = w
			}
			r := v / (at + rt*u)
			sum += r * r
			fin += y1[j] - y1[j]
		}
	} else {
		b1 := h * b[1]
		for j := range e {
			v := float64(b0*k0[j]) + b1*k1[j] + b2*k2[j] + b3*k3[j] + b4*k4[j] + b5*k5[j] + b6*k6[j]
			e[j] = v
			u, w := math.Abs(y[j]), math.Abs(y1[j])
			if w > u {
				u = w
			}
			r := v / (at + rt*u)
			sum += r * r
			fin += y1[j] - y1[j]
		}
	}
	// fin is NaN exactly when some y1[j] is ±Inf or NaN.
	return sum / float64(n), fin == 0
}

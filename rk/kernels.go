package rk

import "github.com/nde-go/nde/asm"

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

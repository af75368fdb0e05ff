package asm

import (
	"math/rand"
	"testing"
)

// TestNoAllocs asserts that no kernel allocates, under every implementation:
// Combine's gathered stages live on the stack, and the assembly stubs are
// //go:noescape so their slice arguments stay where they are.
func TestNoAllocs(t *testing.T) {
	const m, n, s = 9, 37, 7
	w, x, y := make([]float64, m*n), make([]float64, n), make([]float64, m)
	k, c, out := make([]float64, s*n), make([]float64, s), make([]float64, n)
	for i := range c {
		c[i] = float64(i % 2)
	}
	saved := Impl()
	defer SetImpl(saved)
	for _, name := range Impls() {
		if err := SetImpl(name); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(50, func() {
			Dot(x, x)
			Axpy(0.5, x, x)
			Gemv(m, n, w, x, y)
			GemvAdd(m, n, w, x, y)
			GemvT(m, n, w, y, x)
			GemvTAdd(m, n, w, y, x)
			Ger(m, n, 0.5, y, x, w)
			Combine(out, x, k, c)
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per run of all kernels, want 0", name, allocs)
		}
	}
}

// TestGenericValues checks the generic twins, which every other test takes
// as the reference, against results worked out by hand.
func TestGenericValues(t *testing.T) {
	if got := dotGeneric([]float64{1, 2, 3}, []float64{4, -5, 6}); got != 12 {
		t.Errorf("dot = %v, want 4-10+18 = 12", got)
	}
	y := []float64{1, 1, 1}
	axpyGeneric(2, []float64{1, 2, 3}, y)
	if y[0] != 3 || y[1] != 5 || y[2] != 7 {
		t.Errorf("axpy = %v, want [3 5 7]", y)
	}
	w := []float64{1, 2, 3, 4, 5, 6} // [[1 2 3] [4 5 6]]
	y2 := []float64{10, 20}
	gemvGeneric(2, 3, w, []float64{1, 0, -1}, y2, false)
	if y2[0] != -2 || y2[1] != -2 {
		t.Errorf("W x = %v, want [-2 -2]", y2)
	}
	y2 = []float64{10, 20}
	gemvGeneric(2, 3, w, []float64{1, 0, -1}, y2, true)
	if y2[0] != 8 || y2[1] != 18 {
		t.Errorf("y + W x = %v, want [8 18]", y2)
	}
	y3 := []float64{1, 1, 1}
	gemvTGeneric(2, 3, w, []float64{1, 2}, y3, false)
	if y3[0] != 9 || y3[1] != 12 || y3[2] != 15 {
		t.Errorf("Wᵀ x = %v, want [9 12 15]", y3)
	}
	gemvTGeneric(2, 3, w, []float64{1, 2}, y3, true)
	if y3[0] != 18 || y3[1] != 24 || y3[2] != 30 {
		t.Errorf("y + Wᵀ x = %v, want [18 24 30]", y3)
	}
	gerGeneric(2, 3, 2, []float64{1, -1}, []float64{1, 2, 3}, w)
	if want := []float64{3, 6, 9, 2, 1, 0}; !equal(w, want) {
		t.Errorf("W + 2 a xᵀ = %v, want %v", w, want)
	}
	out := make([]float64, 2)
	combineGeneric(out, []float64{1, 2}, []float64{1, 1, 5, 7, 2, 4}, []float64{1, 0, 0.5})
	if out[0] != 3 || out[1] != 5 {
		t.Errorf("combine = %v, want [1+1+1 2+1+2] = [3 5]", out)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGenericNotFused checks that the generic twins round every product
// before adding it, on every architecture and GOAMD64 level: with
// c = 1+2⁻³⁰, c·c = 1+2⁻²⁹+2⁻⁶⁰ rounds to 1+2⁻²⁹, so adding −(1+2⁻²⁹) gives
// exactly 0, where a fused multiply–add would keep 2⁻⁶⁰.
func TestGenericNotFused(t *testing.T) {
	c := 1 + 0x1p-30
	d := -(1 + 0x1p-29)
	if got := dotGeneric([]float64{d, c}, []float64{1, c}); got != 0 {
		t.Errorf("dotGeneric = %g, want 0 (the product was fused)", got)
	}
	y := []float64{d}
	axpyGeneric(c, []float64{c}, y)
	if y[0] != 0 {
		t.Errorf("axpyGeneric gives %g, want 0 (the product was fused)", y[0])
	}
	saved := Impl()
	defer SetImpl(saved)
	SetImpl("generic")
	out := []float64{0}
	Combine(out, []float64{d}, []float64{c}, []float64{c})
	if out[0] != 0 {
		t.Errorf("Combine under generic gives %g, want 0 (the product was fused)", out[0])
	}
}

// TestAlignmentInvariance checks the package's determinism promise: the same
// values at another address give the same bits, under every implementation,
// on data where summation order does change the result.
func TestAlignmentInvariance(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(11))
		const m, n = 13, 301
		w0, x0, y0 := make([]float64, m*n), make([]float64, n), make([]float64, m)
		normal(r, w0)
		normal(r, x0)
		normal(r, y0)
		var dot0 float64
		var gemv0, gemvT0 []float64
		for off := 0; off < 8; off++ {
			w, _ := guarded(m*n, off)
			x, _ := guarded(n, (off+3)%8)
			y, _ := guarded(m, (off+5)%8)
			yt, _ := guarded(n, (off+1)%8)
			copy(w, w0)
			copy(x, x0)
			copy(y, y0)
			copy(yt, x0)
			d := k.dot(x, x)
			k.gemv(m, n, w, x, y, true)
			k.gemvT(m, n, w, y0, yt, true)
			if off == 0 {
				dot0, gemv0, gemvT0 = d, append([]float64(nil), y...), append([]float64(nil), yt...)
				continue
			}
			if !sameBits(d, dot0) || !equal(y, gemv0) || !equal(yt, gemvT0) {
				t.Fatalf("offset %d: results differ from offset 0", off)
			}
		}
	})
}

package asm

import "testing"

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

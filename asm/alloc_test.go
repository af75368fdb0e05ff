package asm

import "testing"

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

package asm

import "testing"

// TestNoAllocs asserts that no kernel allocates: every assembly and generic
// kernel called directly (combineStagesAVX512 included, which the dispatch
// reaches only from 64 columns on), and the exported functions under every
// implementation at sizes on both sides of each dispatch cut-off. Combine's
// gathered stages live on the stack, and the assembly stubs are
// //go:noescape so their slice arguments stay where they are.
func TestNoAllocs(t *testing.T) {
	const s = 7
	for _, n := range []int{3, 12, 37, 130} {
		m := n/4 + 1
		w, x, y := make([]float64, m*n), make([]float64, n), make([]float64, m)
		k, c, out := make([]float64, s*n), make([]float64, s), make([]float64, n)
		for i := range c {
			c[i] = float64(i % 2)
		}
		for _, ks := range append(asmSets(), genericSet) {
			allocs := testing.AllocsPerRun(20, func() {
				ks.dot(x, x)
				ks.axpy(0.5, x, x)
				ks.gemv(m, n, w, x, y, false)
				ks.gemv(m, n, w, x, y, true)
				ks.gemvT(m, n, w, y, x, false)
				ks.gemvT(m, n, w, y, x, true)
				ks.ger(m, n, 0.5, y, x, w)
				ks.combine(out, x, k, c)
			})
			if allocs != 0 {
				t.Errorf("n=%d raw %s: %v allocations per run of all kernels, want 0", n, ks.name, allocs)
			}
		}
		saved := Impl()
		for _, name := range Impls() {
			if err := SetImpl(name); err != nil {
				t.Fatal(err)
			}
			allocs := testing.AllocsPerRun(20, func() {
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
				t.Errorf("n=%d %s: %v allocations per run of all kernels, want 0", n, name, allocs)
			}
		}
		if err := SetImpl(saved); err != nil {
			t.Fatal(err)
		}
	}
}

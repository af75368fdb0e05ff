package asm

import (
	"fmt"
	"testing"
)

// Benchmarks of the exported functions under each implementation of the
// machine (SetImpl), named size first so that -bench '/n=64/' sets every
// implementation of a size side by side:
//
//	go test -run '^$' -bench 'Gemv/n=64/' ./asm
//
// GFLOP/s counts a multiply–add as two flops. Compare implementations as
// ratios within one run: the clock of a shared machine drifts.

var benchSizes = []int{8, 16, 32, 64, 128, 256, 512}

func benchImpls(b *testing.B, flops func(n int) float64, run func(b *testing.B, n int)) {
	saved := Impl()
	defer SetImpl(saved)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for _, name := range Impls() {
				b.Run("impl="+name, func(b *testing.B) {
					if err := SetImpl(name); err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					run(b, n)
					b.ReportMetric(flops(n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFLOP/s")
				})
			}
		})
	}
}

// benchData returns n values in [-1, 1), different for each seed.
func benchData(n, seed int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64((i*7919+seed*104729)%2003)/1001.5 - 1
	}
	return s
}

func BenchmarkDot(b *testing.B) {
	var sink float64
	benchImpls(b, func(n int) float64 { return 2 * float64(n) }, func(b *testing.B, n int) {
		x, y := benchData(n, 1), benchData(n, 2)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sink += Dot(x, y)
		}
	})
	_ = sink
}

func BenchmarkAxpy(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) }, func(b *testing.B, n int) {
		x, y := benchData(n, 1), benchData(n, 2)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Axpy(1e-9, x, y)
		}
	})
}

func BenchmarkGemv(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) * float64(n) }, func(b *testing.B, n int) {
		w, x, y := benchData(n*n, 1), benchData(n, 2), make([]float64, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Gemv(n, n, w, x, y)
		}
	})
}

func BenchmarkGemvAdd(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) * float64(n) }, func(b *testing.B, n int) {
		w, x, y := benchData(n*n, 1), benchData(n, 2), make([]float64, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			GemvAdd(n, n, w, x, y)
		}
	})
}

func BenchmarkGemvT(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) * float64(n) }, func(b *testing.B, n int) {
		w, x, y := benchData(n*n, 1), benchData(n, 2), make([]float64, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			GemvT(n, n, w, x, y)
		}
	})
}

func BenchmarkGemvTAdd(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) * float64(n) }, func(b *testing.B, n int) {
		w, x, y := benchData(n*n, 1), benchData(n, 2), make([]float64, n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			GemvTAdd(n, n, w, x, y)
		}
	})
}

func BenchmarkGer(b *testing.B) {
	benchImpls(b, func(n int) float64 { return 2 * float64(n) * float64(n) }, func(b *testing.B, n int) {
		w, a, x := benchData(n*n, 1), benchData(n, 2), benchData(n, 3)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Ger(n, n, 1e-9, a, x, w)
		}
	})
}

// BenchmarkCombine combines the seven stages of a Dormand–Prince step, one
// of whose coefficients is zero (b₂ of DOPRI5 is 0).
func BenchmarkCombine(b *testing.B) {
	const s = 7
	benchImpls(b, func(n int) float64 { return 2 * float64(s-1) * float64(n) }, func(b *testing.B, n int) {
		y, k, out := benchData(n, 1), benchData(s*n, 2), make([]float64, n)
		c := []float64{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.01}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Combine(out, y, k, c)
		}
	})
}

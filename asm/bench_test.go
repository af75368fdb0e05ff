package asm

import (
	"fmt"
	"testing"
)

// Two sets of benchmarks, both named size first so that one size of every
// implementation sits side by side:
//
//   - BenchmarkDot, BenchmarkGemv and the others time the exported
//     functions under each SetImpl of the machine: what a caller gets. They
//     include the dispatch, which may run another kernel than the name says
//     (impl=avx512 runs the AVX2 Axpy and Ger, Dot from 128 elements and
//     Combine below 64; small sizes run the Go code).
//   - BenchmarkKernel times every kernel variant called directly, the
//     lengths already checked, at every size: each assembly kernel is
//     measurable on its own.
//
//	go test -run '^$' -bench 'Gemv/n=64/' ./asm
//	go test -run '^$' -bench 'Kernel/Gemv/n=64/' ./asm
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

// combineStages and dopri5B are the Combine benchmarks' problem: the seven
// stages of a Dormand–Prince step, one of whose coefficients is zero (b₂ of
// DOPRI5 is 0).
const combineStages = 7

func dopri5B() []float64 {
	return []float64{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.01}
}

// BenchmarkCombine combines the stages of dopri5B.
func BenchmarkCombine(b *testing.B) {
	const s = combineStages
	benchImpls(b, func(n int) float64 { return 2 * float64(s-1) * float64(n) }, func(b *testing.B, n int) {
		y, k, out := benchData(n, 1), benchData(s*n, 2), make([]float64, n)
		c := dopri5B()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Combine(out, y, k, c)
		}
	})
}

// kernelOps are the operations of BenchmarkKernel: flops per call of size
// n, and a benchmark loop over one kernel set's variant.
var kernelOps = []struct {
	name  string
	flops func(n int) float64
	run   func(b *testing.B, k kernelSet, n int)
}{
	{"Dot", func(n int) float64 { return 2 * float64(n) }, func(b *testing.B, k kernelSet, n int) {
		x, y := benchData(n, 1), benchData(n, 2)
		var sink float64
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sink += k.dot(x, y)
		}
		_ = sink
	}},
	{"Axpy", func(n int) float64 { return 2 * float64(n) }, func(b *testing.B, k kernelSet, n int) {
		x, y := benchData(n, 1), benchData(n, 2)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k.axpy(1e-9, x, y)
		}
	}},
	{"Gemv", square, func(b *testing.B, k kernelSet, n int) { benchKernelGemv(b, k.gemv, n, false) }},
	{"GemvAdd", square, func(b *testing.B, k kernelSet, n int) { benchKernelGemv(b, k.gemv, n, true) }},
	{"GemvT", square, func(b *testing.B, k kernelSet, n int) { benchKernelGemv(b, k.gemvT, n, false) }},
	{"GemvTAdd", square, func(b *testing.B, k kernelSet, n int) { benchKernelGemv(b, k.gemvT, n, true) }},
	{"Ger", square, func(b *testing.B, k kernelSet, n int) {
		w, a, x := benchData(n*n, 1), benchData(n, 2), benchData(n, 3)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k.ger(n, n, 1e-9, a, x, w)
		}
	}},
	{"Combine", func(n int) float64 { return 2 * float64(combineStages-1) * float64(n) }, func(b *testing.B, k kernelSet, n int) {
		y, kk, out := benchData(n, 1), benchData(combineStages*n, 2), make([]float64, n)
		c := dopri5B()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k.combine(out, y, kk, c)
		}
	}},
}

func square(n int) float64 { return 2 * float64(n) * float64(n) }

func benchKernelGemv(b *testing.B, f func(m, n int, w, x, y []float64, add bool), n int, add bool) {
	w, x, y := benchData(n*n, 1), benchData(n, 2), make([]float64, n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(n, n, w, x, y, add)
	}
}

// BenchmarkKernel times each kernel of every implementation the machine
// has, assembly and generic, called directly: Kernel/<op>/n=<n>/kernel=<impl>.
func BenchmarkKernel(b *testing.B) {
	sets := append(asmSets(), genericSet)
	for _, op := range kernelOps {
		b.Run(op.name, func(b *testing.B) {
			for _, n := range benchSizes {
				b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
					for _, k := range sets {
						b.Run("kernel="+k.name, func(b *testing.B) {
							b.ReportAllocs()
							op.run(b, k, n)
							b.ReportMetric(op.flops(n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFLOP/s")
						})
					}
				})
			}
		})
	}
}

// Package asm holds the few floating-point kernels where nde spends its time:
//
//	Dot      Σᵢ xᵢ yᵢ
//	Axpy     y ← y + a x
//	Gemv     y ← W x          GemvAdd   y ← y + W x
//	GemvT    y ← Wᵀ x         GemvTAdd  y ← y + Wᵀ x
//	Ger      W ← W + α a xᵀ   (the weight gradient of a dense layer)
//	Combine  out ← y + Σᵢ cᵢ kᵢ  (the stage combination of a Runge–Kutta step)
//
// Matrices are row-major and contiguous: element (i, j) of an m×n matrix w
// is w[i*n+j]. Every exported function checks its arguments' lengths and
// panics with a message naming both before any assembly runs; lengths that
// do not match are programming errors, as in the standard library.
//
// # Implementations
//
// Each kernel has a generic Go twin with the same contract, and assembly
// versions: AVX-512 (F and VL) and AVX2 with FMA on amd64, NEON (ASIMD) on
// arm64. Which one runs is decided once, at start-up, from the CPU features
// that golang.org/x/sys/cpu reports (so GODEBUG=cpu.avx512f=off,
// cpu.avx2=off or cpu.asimd=off steps down); the generic code runs on other
// architectures and everywhere under the purego build tag. Impl names the
// implementation in use, Impls lists those the machine supports, and
// SetImpl changes it, for instance to "generic" for results that are the
// same on every machine.
//
// Within an implementation, each kernel and size goes where it measured
// fastest: the smallest problems stay in Go, where a call into assembly
// costs more than it saves, and on an AVX-512 machine a few kernels use
// their AVX2 version where that is faster (see asm_amd64.go for the
// figures).
//
// The matrix–vector kernels follow the shapes that make the most of one
// core. W x takes eight rows at a time, so that one load of x feeds eight
// independent FMA chains, and reduces the eight partial sums together.
// Wᵀ x keeps a block of y in registers for the whole pass over the rows,
// so that y is loaded and stored once. Both switch to fewer, longer memory
// streams when W is larger than 1 MiB and has to come from L3. Every tail
// is read with masked loads or element by element, so nothing past the end
// of a slice is touched.
//
// # Accuracy and reproducibility
//
// The assembly kernels fuse each multiply–add and sum with several
// accumulators, so their results may differ from the generic loops in the
// last bits. Both are within the usual bound of recursive summation: a
// result made of k terms tᵢ (products and the initial value) is within
// γₖ·Σ|tᵢ| of the exact sum, γₖ = k·u/(1−k·u), u = 2⁻⁵³ (Higham, Accuracy
// and Stability of Numerical Algorithms, 2nd ed., §3.1), so two
// implementations differ by at most 2γₖ·Σ|tᵢ|. Where every partial sum is
// exact (small integers, or multiples of a power of two that fit in 53
// bits) all implementations agree bit for bit.
//
// Every kernel is deterministic: the same inputs on the same implementation
// give the same bits, whatever the alignment of the slices. The generic
// code rounds each product before adding it (the compiler may not fuse it),
// so it gives the same bits on every architecture.
//
// Axpy and Combine add the terms of each element in the documented order.
// Dot and Gemv sum in blocks; GemvT sums the rows in order where it keeps a
// block of eight vectors and splits even and odd rows in the narrower
// column blocks.
package asm

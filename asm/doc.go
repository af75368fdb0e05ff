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
// Within an implementation the smallest problems stay in Go, where a call
// into assembly costs more than it saves. On amd64 each kernel and size goes
// where it measured fastest, and on an AVX-512 machine a few kernels use
// their AVX2 version where that is faster (see asm_amd64.go for the
// figures). The arm64 cut-offs are copied from amd64 and have not been
// measured on arm64 hardware (see asm_arm64.go).
//
// The matrix–vector kernels follow the shapes that make the most of one
// core. W x takes several rows at a time, so that one load of x feeds
// several independent FMA chains: eight rows with one accumulator each on
// amd64, four rows with four accumulators each on arm64. Wᵀ x keeps a block
// of y in registers for the whole pass over the rows (eight vectors on
// amd64, sixteen on arm64), so that y is loaded and stored once per block.
// On amd64 both also change their memory pattern with the size of W: the
// AVX2 Wᵀ x takes the rows in strips of eight beyond 32 KiB (L2), and both
// kernels of both instruction sets switch to fewer, longer memory streams
// beyond 1 MiB (L3); the NEON kernels keep one pattern at every size. No
// tail touches anything past the end of a slice: on amd64 Dot and the
// matrix–vector kernels read their tails with masked loads and the other
// kernels element by element; the NEON kernels, two elements wide, take a
// last odd element on its own.
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
// Dot and Gemv sum in blocks. GemvT sums the rows in order on arm64; on
// amd64 it does so in its widest column blocks (and its strips and streams),
// and sums even and odd rows apart in the narrower blocks of the last
// columns.
package asm

// Package asm holds the few floating-point kernels where nde spends its time:
// dot products, axpy, dense matrix–vector products (W x and Wᵀ x), the
// rank-1 update that forms a dense layer's weight gradient, and the stage
// combination of a Runge–Kutta step.
//
// Each kernel has a generic Go twin with the same contract. Which one runs
// is decided once, at start-up, from the CPU's features (golang.org/x/sys/cpu):
// AVX-512 or AVX2+FMA on amd64, NEON on arm64, the generic code elsewhere and
// everywhere under the purego build tag.
//
// Matrices are row-major and contiguous: element (i, j) of an m×n matrix w
// is w[i*n+j]. Every exported function checks its arguments' lengths and
// panics with a message naming both before any assembly runs; lengths that
// do not match are programming errors, as in the standard library.
//
// Results of the vector kernels may differ from the plain loops in their
// documentation in the last bits, because the kernels sum in a different
// order (several accumulators) and fuse multiply–add. Bitwise equality holds
// where every partial sum is exact.
package asm

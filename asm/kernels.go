package asm

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxStages is the largest number of stages Combine accepts.
const MaxStages = 16

// The checks are split so that their fast paths inline into the exported
// functions and the message formatting stays out of line, and the matrix
// check multiplies rather than divides: a 16×16 W x takes about 26 ns
// (Zen 3), and an integer division and a call would add 2.5 ns to it.

func checkLen(op, xn string, x int, yn string, y int) {
	if x != y {
		badLen(op, xn, x, yn, y)
	}
}

//go:noinline
func badLen(op, xn string, x int, yn string, y int) {
	panic(fmt.Sprintf("asm.%s: len(%s) = %d, len(%s) = %d", op, xn, x, yn, y))
}

// checkDim checks a slice's length against a dimension argument.
func checkDim(op, xn string, x int, dn string, d int) {
	if x != d {
		badDim(op, xn, x, dn, d)
	}
}

//go:noinline
func badDim(op, xn string, x int, dn string, d int) {
	panic(fmt.Sprintf("asm.%s: len(%s) = %d, %s = %d", op, xn, x, dn, d))
}

// isMatLen reports whether lw = m·n with m, n ≥ 0, the check of a matrix
// argument (the caller panics through badMat, so that isMatLen stays small
// enough to inline). The product is formed with bits.Mul, so that an m·n
// that wraps around int (easily reached on 32-bit platforms) cannot match a
// short w; lw is a length, so a product beyond math.MaxInt cannot equal it.
func isMatLen(m, n, lw int) bool {
	hi, lo := bits.Mul(uint(m), uint(n))
	return m|n >= 0 && hi == 0 && lo == uint(lw)
}

// overflows reports whether m·n, for m, n ≥ 0, exceeds math.MaxInt.
func overflows(m, n int) bool {
	hi, lo := bits.Mul(uint(m), uint(n))
	return hi != 0 || lo > math.MaxInt
}

//go:noinline
func badMat(op string, m, n, lw int) {
	if m < 0 || n < 0 {
		panic(fmt.Sprintf("asm.%s: negative dimension %d×%d", op, m, n))
	}
	if overflows(m, n) {
		panic(fmt.Sprintf("asm.%s: %d×%d matrix too large", op, m, n))
	}
	panic(fmt.Sprintf("asm.%s: len(w) = %d, m*n = %d×%d = %d", op, lw, m, n, m*n))
}

// Dot returns Σ x[i]*y[i].
//
//	for i := range x {
//		sum += x[i] * y[i]
//	}
//
// The assembly kernels sum in another order, with fused multiply–adds;
// the package documentation bounds the difference.
func Dot(x, y []float64) float64 {
	checkLen("Dot", "x", len(x), "y", len(y))
	return dot(x, y)
}

// Axpy adds a*x to y. y may be x itself; slices that overlap otherwise
// give unspecified results.
//
//	for i := range x {
//		y[i] += a * x[i]
//	}
//
// The assembly kernels fuse each multiply–add.
func Axpy(a float64, x, y []float64) {
	checkLen("Axpy", "x", len(x), "y", len(y))
	axpy(a, x, y)
}

// Gemv sets y = W x for the m×n row-major matrix w.
//
//	for i := 0; i < m; i++ {
//		y[i] = Dot(w[i*n:(i+1)*n], x)
//	}
//
// The assembly kernels sum each row in their own order, which need not be
// Dot's (see the package documentation), so y[i] may differ from Dot of
// row i in the last bits. y must not overlap w or x.
func Gemv(m, n int, w, x, y []float64) {
	if !isMatLen(m, n, len(w)) {
		badMat("Gemv", m, n, len(w))
	}
	checkDim("Gemv", "x", len(x), "n", n)
	checkDim("Gemv", "y", len(y), "m", m)
	gemv(m, n, w, x, y, false)
}

// GemvAdd adds W x to y for the m×n row-major matrix w.
//
//	for i := 0; i < m; i++ {
//		y[i] += Dot(w[i*n:(i+1)*n], x)
//	}
//
// The rows are summed as by Gemv, and y must not overlap w or x.
func GemvAdd(m, n int, w, x, y []float64) {
	if !isMatLen(m, n, len(w)) {
		badMat("GemvAdd", m, n, len(w))
	}
	checkDim("GemvAdd", "x", len(x), "n", n)
	checkDim("GemvAdd", "y", len(y), "m", m)
	gemv(m, n, w, x, y, true)
}

// GemvT sets y = Wᵀ x for the m×n row-major matrix w: len(x) = m and
// len(y) = n.
//
//	clear(y)
//	for i := 0; i < m; i++ {
//		Axpy(x[i], w[i*n:(i+1)*n], y)
//	}
//
// The assembly kernels may sum the rows in another order (see the package
// documentation), and y must not overlap w or x.
func GemvT(m, n int, w, x, y []float64) {
	if !isMatLen(m, n, len(w)) {
		badMat("GemvT", m, n, len(w))
	}
	checkDim("GemvT", "x", len(x), "m", m)
	checkDim("GemvT", "y", len(y), "n", n)
	gemvT(m, n, w, x, y, false)
}

// GemvTAdd adds Wᵀ x to y for the m×n row-major matrix w: len(x) = m and
// len(y) = n. It accumulates the input cotangent of a dense layer.
//
//	for i := 0; i < m; i++ {
//		Axpy(x[i], w[i*n:(i+1)*n], y)
//	}
//
// The assembly kernels may sum the rows in another order (see the package
// documentation), and y must not overlap w or x.
func GemvTAdd(m, n int, w, x, y []float64) {
	if !isMatLen(m, n, len(w)) {
		badMat("GemvTAdd", m, n, len(w))
	}
	checkDim("GemvTAdd", "x", len(x), "m", m)
	checkDim("GemvTAdd", "y", len(y), "n", n)
	gemvT(m, n, w, x, y, true)
}

// Ger adds alpha·a·xᵀ to the m×n row-major matrix w: len(a) = m and
// len(x) = n. It accumulates the weight gradient of a dense layer.
//
//	for i := 0; i < m; i++ {
//		Axpy(alpha*a[i], x, w[i*n:(i+1)*n])
//	}
//
// w must not overlap a or x.
func Ger(m, n int, alpha float64, a, x, w []float64) {
	if !isMatLen(m, n, len(w)) {
		badMat("Ger", m, n, len(w))
	}
	checkDim("Ger", "a", len(a), "m", m)
	checkDim("Ger", "x", len(x), "n", n)
	ger(m, n, alpha, a, x, w)
}

// Combine sets out = y + Σᵢ c[i]·k[i*n:(i+1)*n] with n = len(out): the
// stage combination of a Runge–Kutta step, whose s = len(c) ≤ MaxStages
// stages are stored one after another in k. Stages whose coefficient is zero
// are skipped and never read, so they may hold anything, NaN included.
// out may be y itself; it must not overlap k or c, nor overlap y in any
// other way (the results are then unspecified).
//
//	for j := range out {
//		s := y[j]
//		for i, ci := range c {
//			if ci != 0 {
//				s += ci * k[i*n+j]
//			}
//		}
//		out[j] = s
//	}
//
// The kernels add the terms in the order of the stages, as the loop does,
// but may fuse each multiply–add.
func Combine(out, y, k, c []float64) {
	n := len(out)
	checkLen("Combine", "out", n, "y", len(y))
	if len(c) > MaxStages {
		panic(fmt.Sprintf("asm.Combine: len(c) = %d stages, more than MaxStages = %d", len(c), MaxStages))
	}
	if !isMatLen(len(c), n, len(k)) {
		// The product is checked as a matrix's is: on 32-bit platforms
		// 16·len(out) can wrap around to a short len(k).
		if overflows(len(c), n) {
			panic(fmt.Sprintf("asm.Combine: len(c)·len(out) = %d·%d overflows int", len(c), n))
		}
		panic(fmt.Sprintf("asm.Combine: len(k) = %d, len(c)·len(out) = %d·%d = %d", len(k), len(c), n, len(c)*n))
	}
	combine(out, y, k, c)
}

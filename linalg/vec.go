package linalg

import (
	"fmt"

	"github.com/nde-go/nde/asm"
)

func checkLen(op string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("linalg.%s: length mismatch %d != %d", op, a, b))
	}
}

// Dot returns Σ x[i]·y[i].
func Dot(x, y []float64) float64 { return asm.Dot(x, y) }

// Axpy adds a·x to y.
func Axpy(a float64, x, y []float64) { asm.Axpy(a, x, y) }

// Combine sets out = y + Σᵢ c[i]·k[i·n:(i+1)·n], n = len(out), skipping zero
// coefficients: a Runge–Kutta stage combination. out may alias y.
func Combine(out, y, k, c []float64) { asm.Combine(out, y, k, c) }

// Copy copies src into dst, which must have the same length.
func Copy(dst, src []float64) {
	checkLen("Copy", len(dst), len(src))
	copy(dst, src)
}

// Fill sets every element of x to v.
func Fill(x []float64, v float64) {
	for i := range x {
		x[i] = v
	}
}

// Zero sets every element of x to 0.
func Zero(x []float64) { Fill(x, 0) }

// Scale multiplies x by a in place.
func Scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

// Add sets dst = a + b.
func Add(dst, a, b []float64) {
	checkLen("Add", len(dst), len(a))
	checkLen("Add", len(dst), len(b))
	for i := range dst {
		dst[i] = a[i] + b[i]
	}
}

// Sub sets dst = a − b.
func Sub(dst, a, b []float64) {
	checkLen("Sub", len(dst), len(a))
	checkLen("Sub", len(dst), len(b))
	for i := range dst {
		dst[i] = a[i] - b[i]
	}
}

// Mul sets dst = a ⊙ b, the elementwise product.
func Mul(dst, a, b []float64) {
	checkLen("Mul", len(dst), len(a))
	checkLen("Mul", len(dst), len(b))
	for i := range dst {
		dst[i] = a[i] * b[i]
	}
}

// AddScaled sets dst = a + alpha·b. dst may alias a or b.
func AddScaled(dst, a []float64, alpha float64, b []float64) {
	checkLen("AddScaled", len(dst), len(a))
	checkLen("AddScaled", len(dst), len(b))
	for i := range dst {
		dst[i] = a[i] + alpha*b[i]
	}
}

// AllFinite reports whether every element of x is finite, and otherwise the
// index of the first one that is not.
func AllFinite(x []float64) (ok bool, first int) {
	for i, v := range x {
		// v-v is NaN exactly when v is ±Inf or NaN.
		if v-v != 0 {
			return false, i
		}
	}
	return true, -1
}

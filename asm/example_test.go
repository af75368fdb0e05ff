package asm_test

import (
	"fmt"

	"github.com/nde-go/nde/asm"
)

// A dense layer's forward product and the input cotangent of its backward
// pass: y = W x, then g = Wᵀ a for a cotangent a of y.
func Example() {
	w := []float64{ // 2×3, row-major
		1, 2, 3,
		4, 5, 6,
	}
	x := []float64{1, 0, -1}
	y := make([]float64, 2)
	asm.Gemv(2, 3, w, x, y)
	fmt.Println("W x =", y)

	a := []float64{1, 2}
	g := make([]float64, 3)
	asm.GemvT(2, 3, w, a, g)
	fmt.Println("Wᵀ a =", g)

	// The weight gradient a xᵀ, accumulated into a zero matrix.
	dw := make([]float64, 6)
	asm.Ger(2, 3, 1, a, x, dw)
	fmt.Println("a xᵀ =", dw)
	// Output:
	// W x = [-2 -2]
	// Wᵀ a = [9 12 15]
	// a xᵀ = [1 0 -1 2 0 -2]
}

// Forcing the portable Go code makes results bit-identical on every
// machine, at the cost of speed.
func ExampleSetImpl() {
	saved := asm.Impl()
	if err := asm.SetImpl("generic"); err != nil {
		panic(err)
	}
	fmt.Println(asm.Impl(), asm.Dot([]float64{0.1, 0.2, 0.3}, []float64{1, 1, 1}))
	if err := asm.SetImpl("sse9"); err != nil {
		fmt.Println("sse9 is not supported")
	}
	asm.SetImpl(saved)
	// Output:
	// generic 0.6000000000000001
	// sse9 is not supported
}

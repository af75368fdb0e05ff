package linalg_test

import (
	"fmt"

	"github.com/nde-go/nde/linalg"
)

// The error norm of an adaptive step: the RMS of each component's error
// measured against atol + rtol·max(|y0|, |y1|).
func ExampleTol_ScaledRMS() {
	tol := linalg.Tol{RTol: 1e-3, ATol: 1e-6}
	y0 := []float64{1, 10}
	y1 := []float64{1.1, 10.5}
	errEst := []float64{1e-4, -2e-3}
	fmt.Printf("%.3f\n", tol.ScaledRMS(errEst, y0, y1))
	// Output: 0.149
}

func ExampleMatrix_MulVec() {
	w := linalg.NewMatrix(2, 3, []float64{
		1, 2, 3,
		4, 5, 6,
	})
	y := make([]float64, 2)
	w.MulVec(y, []float64{1, 1, 1})
	fmt.Println(y)
	// Output: [6 15]
}

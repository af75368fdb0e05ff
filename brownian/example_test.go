package brownian_test

import (
	"fmt"
	"math"

	"github.com/nde-go/nde/brownian"
)

// noise is what an SDE solver needs of its driving path; it is declared by
// the solver, and a Brownian path satisfies it.
type noise interface {
	Increment(s, t float64, dw []float64) error
}

// eulerMaruyama solves dX = −X dt + σ dW on [0, 1] in n steps.
func eulerMaruyama(w noise, x, sigma float64, n int) (float64, error) {
	dw := make([]float64, 1)
	h := 1 / float64(n)
	for k := 0; k < n; k++ {
		if err := w.Increment(float64(k)*h, float64(k+1)*h, dw); err != nil {
			return 0, err
		}
		x += -x*h + sigma*dw[0]
	}
	return x, nil
}

func Example() {
	p, err := brownian.NewInterval(0, 1, 1, 42, brownian.Options{})
	if err != nil {
		panic(err)
	}
	x, err := eulerMaruyama(p, 1, 0.5, 1000)
	if err != nil {
		panic(err)
	}
	fmt.Printf("X(1) ≈ %.4f\n", x)

	// The same path, asked in another order, is the same path: the steps
	// add up to the increment over the whole span.
	total, step := make([]float64, 1), make([]float64, 1)
	p.Increment(1, 0, total) // W(0) − W(1)
	sum := 0.0
	for k := 999; k >= 0; k-- {
		p.Increment(float64(k)/1000, float64(k+1)/1000, step)
		sum += step[0]
	}
	fmt.Println("steps add up to W(1) − W(0):", math.Abs(sum+total[0]) < 1e-12)
	// Output:
	// X(1) ≈ 0.5105
	// steps add up to W(1) − W(0): true
}

// With Lévy area the path also gives H over each step, the area that
// high-order SDE solvers use; H(s,t) ~ N(0, (t−s)/12).
func ExampleInterval_IncrementLevy() {
	p, err := brownian.NewInterval(0, 2, 3, 7, brownian.Options{Levy: true})
	if err != nil {
		panic(err)
	}
	dw, h := make([]float64, 3), make([]float64, 3)
	if err := p.IncrementLevy(0.5, 0.75, dw, h); err != nil {
		panic(err)
	}
	fmt.Printf("W: %.4f\nH: %.4f\n", dw, h)
	// A query outside the span is an error, not a panic.
	fmt.Println(p.Increment(0.5, 2.5, dw))
	// Output:
	// W: [-0.0724 -0.0302 0.2970]
	// H: [-0.0089 0.2247 -0.0852]
	// brownian: time outside the span of the path: query time 2.5, span [0, 2]
}

// A virtual Brownian tree with leaves no longer than 2⁻¹⁰ of the span
// agrees bit for bit with the Interval of the same seed at the leaves'
// ends.
func ExampleTree() {
	tr, _ := brownian.NewTree(0, 1, 1, 9, 0x1p-10, brownian.Options{})
	in, _ := brownian.NewInterval(0, 1, 1, 9, brownian.Options{})
	a, b := make([]float64, 1), make([]float64, 1)
	tr.Increment(0.25, 0.5+0x1p-10, a)
	in.Increment(0.25, 0.5+0x1p-10, b)
	fmt.Println(tr.Depth(), a[0] == b[0])
	// Output: 10 true
}

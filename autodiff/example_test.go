package autodiff_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/nde-go/nde/autodiff"
)

// A field recorded on a tape, f(t, y) = p ⊙ y ⊙ y + t, with its two
// derivatives: ∂f/∂y = diag(2 p ⊙ y) and ∂f/∂p = diag(y ⊙ y).
func Example() {
	tp := new(autodiff.Tape)
	y := tp.Input(2)
	p := tp.Param(2)
	out := tp.Add(tp.Mul(p, tp.Mul(y, y)), tp.ScaleBy(tp.Time(), tp.Const(1, 1)))
	f, err := tp.Field(out)
	if err != nil {
		fmt.Println(err)
		return
	}
	copy(f.Params(), []float64{3, 0.5})

	yv := []float64{1, 2}
	val := make([]float64, 2)
	f.Eval(2, yv, val)
	fmt.Println("f:", val)

	gy, gp := make([]float64, 2), make([]float64, 2)
	f.VJP(2, yv, []float64{1, 1}, gy, gp) // aᵀJ for a = (1, 1)
	fmt.Println("aᵀ∂f/∂y:", gy, "aᵀ∂f/∂p:", gp)

	jv := make([]float64, 2)
	f.JVP(2, yv, []float64{1, 0}, nil, nil, jv) // J v for v = e₁
	fmt.Println("∂f/∂y e₁:", jv)
	// Output:
	// f: [5 4]
	// aᵀ∂f/∂y: [6 2] aᵀ∂f/∂p: [1 4]
	// ∂f/∂y e₁: [6 0]
}

// The neural ODE field of benchmark task T3, f(y) = W₂ tanh(W₁ y + b₁) + b₂,
// here with d = 1, H = 2 and weights set through the layer views, and the
// gradient of ⟨a, f⟩ cut back into layers.
func ExampleMLP() {
	m, err := autodiff.NewMLP(autodiff.MLPConfig{Sizes: []int{1, 2, 1}, Act: autodiff.Tanh})
	if err != nil {
		fmt.Println(err)
		return
	}
	l1, l2 := m.Layer(0), m.Layer(1)
	copy(l1.W.Data, []float64{1, -1}) // W₁ = (1, −1)ᵀ
	copy(l1.B, []float64{0, 0})
	copy(l2.W.Data, []float64{2, 1}) // W₂ = (2, 1)
	l2.B[0] = 0.5

	y := []float64{0.5}
	out := make([]float64, 1)
	m.Eval(0, y, out) // 2 tanh(0.5) + tanh(−0.5) + 0.5 = tanh(0.5) + 0.5
	fmt.Printf("f(0.5) = %.6f (tanh(0.5) + 0.5 = %.6f)\n", out[0], math.Tanh(0.5)+0.5)

	gy, g := make([]float64, 1), make([]float64, len(m.Params()))
	m.VJP(0, y, []float64{1}, gy, g)
	// df/dy = 2 sech²(0.5) − sech²(−0.5) = 1/cosh²(0.5)
	fmt.Printf("df/dy = %.6f (1/cosh²(0.5) = %.6f)\n", gy[0], 1/math.Pow(math.Cosh(0.5), 2))
	fmt.Printf("df/db₂ = %v, %d parameters\n", m.LayerOf(g, 1).B[0], len(g))
	// Output:
	// f(0.5) = 0.962117 (tanh(0.5) + 0.5 = 0.962117)
	// df/dy = 0.786448 (1/cosh²(0.5) = 0.786448)
	// df/db₂ = 1, 7 parameters
}

// A field from a Go function with no derivative refuses to be
// differentiated rather than approximating silently.
func ExampleNewFunc() {
	f, err := autodiff.NewFunc(autodiff.Func{
		In: 2, Out: 2,
		Eval: func(t float64, y, theta, out []float64) {
			out[0], out[1] = y[1], -y[0]
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = autodiff.AsVJP(f)
	fmt.Println(errors.Is(err, autodiff.ErrNoDerivative))

	// Finite differences only when asked for by name.
	fd, _ := autodiff.FiniteDifferenceJVP(f)
	jv := make([]float64, 2)
	fd.JVP(0, []float64{1, 1}, []float64{1, 0}, nil, nil, jv)
	fmt.Printf("%.6f %.6f\n", jv[0], jv[1])
	// Output:
	// true
	// 0.000000 -1.000000
}

// Adam minimising (θ − 3)².
func ExampleAdam() {
	theta, grad := []float64{0}, []float64{0}
	opt, _ := autodiff.NewAdam(1, 0.1)
	for k := 0; k < 500; k++ {
		grad[0] = 2 * (theta[0] - 3)
		if err := opt.Step(theta, grad); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Printf("θ = %.2f\n", theta[0])
	// Output: θ = 3.00
}

package rk_test

import (
	"fmt"
	"math"

	"github.com/nde-go/nde/linalg"
	"github.com/nde-go/nde/rk"
)

// oscillator is y″ = −y as a first-order system: a Field without
// parameters.
type oscillator struct{}

func (oscillator) InDim() int        { return 2 }
func (oscillator) OutDim() int       { return 2 }
func (oscillator) Params() []float64 { return nil }
func (oscillator) Eval(_ float64, y, dy []float64) {
	dy[0] = y[1]
	dy[1] = -y[0]
}

// Solve the harmonic oscillator adaptively with Dopri5, record the state
// at two times, and stop at the first time the position crosses zero
// downwards: t = π/2.
func Example() {
	s, err := rk.New(rk.Dopri5, oscillator{})
	if err != nil {
		panic(err)
	}
	opt := rk.Options{
		RTol:           1e-10,
		ATol:           1e-10,
		SaveAt:         []float64{0.5, 1},
		Event:          func(_ float64, y []float64) float64 { return y[0] },
		EventDirection: -1,
	}
	var sol rk.Solution
	if err := s.Solve(0, 10, []float64{1, 0}, &opt, &sol); err != nil {
		panic(err)
	}
	fmt.Printf("y(0.5) = %.8f (cos 0.5 = %.8f)\n", sol.Ys[0], math.Cos(0.5))
	fmt.Printf("y(1)   = %.8f (cos 1   = %.8f)\n", sol.Ys[2], math.Cos(1))
	fmt.Printf("event: %v at t = %.8f (π/2 = %.8f)\n", sol.Event, sol.T, math.Pi/2)
	// Output:
	// y(0.5) = 0.87758256 (cos 0.5 = 0.87758256)
	// y(1)   = 0.54030231 (cos 1   = 0.54030231)
	// event: true at t = 1.57079633 (π/2 = 1.57079633)
}

// Fixed steps of the classical RK4 on the grid t_k = k/100, keeping every
// step.
func ExampleOptions_fixed() {
	s, _ := rk.New(rk.RK4, oscillator{})
	var sol rk.Solution
	if err := s.Solve(0, 1, []float64{1, 0}, &rk.Options{Dt: 0.01, SaveSteps: true}, &sol); err != nil {
		panic(err)
	}
	fmt.Println(len(sol.StepT)-1, "steps,", sol.Stats.NFev, "evaluations")
	fmt.Printf("t_37 = %g, y(1) = %.10f\n", sol.StepT[37], sol.Y[0])
	// Output:
	// 100 steps, 400 evaluations
	// t_37 = 0.37, y(1) = 0.5403023059
}

// decayQuad is y′ = −y with the quadrature q′ = y² beside it.
type decayQuad struct{}

func (decayQuad) InDim() int        { return 2 }
func (decayQuad) OutDim() int       { return 2 }
func (decayQuad) Params() []float64 { return nil }
func (decayQuad) Eval(_ float64, y, dy []float64) {
	dy[0] = -y[0]
	dy[1] = y[0] * y[0]
}

// A seminorm: the step size is controlled by y alone, the quadrature q
// rides along. With per-component tolerances, the norm passes the slice of
// them that matches the components it measures.
func ExampleNorm() {
	s, err := rk.New(rk.Dopri5, decayQuad{})
	if err != nil {
		panic(err)
	}
	opt := rk.Options{
		RTols: []float64{1e-9, 1e-9},
		ATols: []float64{1e-12, 1e-12},
		Norm: func(tol linalg.Tol, e, y0, y1 []float64) float64 {
			return tol.Slice(0, 1).ScaledRMS(e[:1], y0[:1], y1[:1])
		},
	}
	var sol rk.Solution
	if err := s.Solve(0, 1, []float64{1, 0}, &opt, &sol); err != nil {
		panic(err)
	}
	fmt.Printf("y(1) = %.8f (e⁻¹ = %.8f)\n", sol.Y[0], math.Exp(-1))
	fmt.Printf("q(1) = %.8f ((1 − e⁻²)/2 = %.8f)\n", sol.Y[1], (1-math.Exp(-2))/2)
	// Output:
	// y(1) = 0.36787944 (e⁻¹ = 0.36787944)
	// q(1) = 0.43233236 ((1 − e⁻²)/2 = 0.43233236)
}

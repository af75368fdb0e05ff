// Command spiral trains a neural ODE vector field on observations of a
// damped nonlinear spiral and then integrates the learned field with an
// adaptive Dormand–Prince solver, comparing the trajectory with the truth.
//
//	go run ./examples/spiral [-iters 2000] [-seed 1]
//
// The data are the torchdiffeq demonstration's spiral, y' = A·y³ with
// A = [[−0.1, 2], [−2, −0.1]] (cubes taken elementwise, y a row vector),
// observed at 400 times on [0, 10]. Training matches the field to the
// derivatives estimated from the observations by central differences
// (gradient matching, also called collocation): the loss is the mean of
// ½‖f_θ(y_k) − ẏ_k‖², its gradient comes from the MLP's hand-written
// vector–Jacobian product, and Adam takes the steps. The learned field is
// then integrated from y(0) alone, so the printed trajectory error measures
// how well the neural ODE reproduces the dynamics, not just the slopes.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"

	"github.com/nde-go/nde/autodiff"
	"github.com/nde-go/nde/rk"
)

// spiralA is the matrix of the torchdiffeq demonstration (ode_demo.py).
var spiralA = [2][2]float64{{-0.1, 2}, {-2, -0.1}}

// truth is y' = A·y³ with y a row vector: y'_j = Σ_i y_i³ A[i][j].
func truth(_ float64, y, out []float64) {
	c0, c1 := y[0]*y[0]*y[0], y[1]*y[1]*y[1]
	out[0] = c0*spiralA[0][0] + c1*spiralA[1][0]
	out[1] = c0*spiralA[0][1] + c1*spiralA[1][1]
}

func main() {
	iters := flag.Int("iters", 2000, "Adam steps")
	seed := flag.Uint64("seed", 1, "seed of the network's initial weights")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*iters, *seed); err != nil {
		log.Fatal(err)
	}
}

func run(iters int, seed uint64) error {
	const (
		nObs = 400
		t1   = 10.0
	)
	y0 := []float64{2, 0}
	times := make([]float64, nObs)
	for k := range times {
		times[k] = t1 * float64(k) / float64(nObs-1)
	}

	// Observations: the true system solved tightly.
	trueField, err := autodiff.NewFunc(autodiff.Func{In: 2, Out: 2,
		Eval: func(t float64, y, _, out []float64) { truth(t, y, out) }})
	if err != nil {
		return err
	}
	obs, err := solveAt(trueField, y0, times, 1e-10)
	if err != nil {
		return fmt.Errorf("observations: %w", err)
	}

	// Slopes from the observations alone: second-order differences on the
	// uniform grid (one-sided at the ends).
	h := times[1] - times[0]
	slope := make([]float64, 2*nObs)
	for k := 0; k < nObs; k++ {
		for j := 0; j < 2; j++ {
			switch k {
			case 0:
				slope[j] = (-3*obs[j] + 4*obs[2+j] - obs[4+j]) / (2 * h)
			case nObs - 1:
				slope[2*k+j] = (3*obs[2*k+j] - 4*obs[2*(k-1)+j] + obs[2*(k-2)+j]) / (2 * h)
			default:
				slope[2*k+j] = (obs[2*(k+1)+j] - obs[2*(k-1)+j]) / (2 * h)
			}
		}
	}

	// The model: an MLP 2 → 50 → 50 → 2 with tanh hidden layers, which has
	// to learn the cubic nonlinearity from the data.
	net, err := autodiff.NewMLP(autodiff.MLPConfig{
		Sizes: []int{2, 50, 50, 2}, Act: autodiff.Tanh, Seed: seed,
	})
	if err != nil {
		return err
	}
	theta := net.Params()
	grad := make([]float64, len(theta))
	opt, err := autodiff.NewAdam(len(theta), 3e-3)
	if err != nil {
		return err
	}
	out := make([]float64, 2)
	resid := make([]float64, 2)

	before, err := trajectoryError(net, y0, times, obs)
	if err != nil {
		return err
	}
	fmt.Printf("untrained network: max trajectory error %.4f\n", before)
	for it := 1; it <= iters; it++ {
		clear(grad)
		var loss float64
		for k := 0; k < nObs; k++ {
			yk := obs[2*k : 2*k+2]
			net.Eval(0, yk, out)
			for j := range resid {
				resid[j] = (out[j] - slope[2*k+j]) / nObs
				loss += 0.5 * (out[j] - slope[2*k+j]) * (out[j] - slope[2*k+j]) / nObs
			}
			net.VJP(0, yk, resid, nil, grad)
		}
		// Cosine decay of the step size, 3e-3 down to 3e-5, settles the fit.
		opt.LR = 3e-5 + 0.5*(3e-3-3e-5)*(1+math.Cos(math.Pi*float64(it-1)/float64(iters)))
		if err := opt.Step(theta, grad); err != nil {
			return err
		}
		if it == 1 || it%500 == 0 || it == iters {
			fmt.Printf("iter %5d  loss %.3e\n", it, loss)
		}
	}

	after, err := trajectoryError(net, y0, times, obs)
	if err != nil {
		return err
	}
	learned, err := solveAt(net, y0, times, 1e-6)
	if err != nil {
		return err
	}
	fmt.Println("     t   true y                learned y")
	for _, k := range []int{0, nObs / 4, nObs / 2, 3 * nObs / 4, nObs - 1} {
		fmt.Printf("%6.2f  (%7.4f, %7.4f)   (%7.4f, %7.4f)\n", times[k],
			obs[2*k], obs[2*k+1], learned[2*k], learned[2*k+1])
	}
	fmt.Printf("trained network:   max trajectory error %.4f (from y(0) alone, dopri5 rtol = atol = 1e-6)\n", after)
	if !(after < before/4) {
		return fmt.Errorf("training did not reduce the trajectory error enough: %.4f before, %.4f after", before, after)
	}
	return nil
}

// solveAt integrates f from y0 at times[0] and returns the states at every
// time, row by row.
func solveAt(f autodiff.Field, y0, times []float64, tol float64) ([]float64, error) {
	s, err := rk.New(rk.Dopri5, f)
	if err != nil {
		return nil, err
	}
	var sol rk.Solution
	err = s.Solve(times[0], times[len(times)-1], y0,
		&rk.Options{RTol: tol, ATol: tol, SaveAt: times}, &sol)
	return sol.Ys, err
}

// trajectoryError is max_k ‖y_θ(t_k) − y_k‖∞ for the learned field solved
// from the first observation.
func trajectoryError(f autodiff.Field, y0, times, obs []float64) (float64, error) {
	ys, err := solveAt(f, y0, times, 1e-6)
	if err != nil {
		return math.Inf(1), err
	}
	var worst float64
	for i := range ys {
		worst = math.Max(worst, math.Abs(ys[i]-obs[i]))
	}
	return worst, nil
}

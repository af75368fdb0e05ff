package autodiff

import (
	"errors"
	"fmt"
	"math"
)

// ErrLength is returned by an optimiser step given slices whose lengths do
// not match the optimiser's.
var ErrLength = errors.New("autodiff: length mismatch")

// Adam is the optimiser of Kingma and Ba ("Adam: A Method for Stochastic
// Optimization", ICLR 2015, Algorithm 1) over a flat parameter vector. With
// the gradient g of step k = 1, 2, …:
//
//	m ← β₁ m + (1 − β₁) g
//	v ← β₂ v + (1 − β₂) g²
//	θ ← θ − α (m / (1 − β₁ᵏ)) / (√(v / (1 − β₂ᵏ)) + ε)
//
// Its fields may be changed between steps (a learning-rate schedule sets
// LR). Step allocates nothing.
type Adam struct {
	LR           float64 // step size α
	Beta1, Beta2 float64 // decay rates of the moment estimates
	Eps          float64 // ε, keeps the division finite

	m, v  []float64
	steps int
}

// NewAdam returns an Adam optimiser for n parameters with step size lr and
// the defaults of Kingma and Ba (2015, Algorithm 1): β₁ = 0.9, β₂ = 0.999,
// ε = 10⁻⁸. It returns an error wrapping ErrConfig for n < 0 or a step
// size that is not finite and positive.
func NewAdam(n int, lr float64) (*Adam, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: Adam for %d parameters", ErrConfig, n)
	}
	if !(lr > 0) || math.IsInf(lr, 1) {
		return nil, fmt.Errorf("%w: Adam step size %g is not finite and positive", ErrConfig, lr)
	}
	return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, m: make([]float64, n), v: make([]float64, n)}, nil
}

// Steps returns the number of steps taken since creation or Reset.
func (o *Adam) Steps() int { return o.steps }

// Reset forgets the moment estimates and the step count.
func (o *Adam) Reset() {
	clear(o.m)
	clear(o.v)
	o.steps = 0
}

// Step updates theta by one Adam step down the gradient grad. It returns an
// error wrapping ErrLength, and changes nothing, unless both have the
// optimiser's length, and an error wrapping ErrConfig for hyperparameters
// outside β₁, β₂ ∈ [0, 1), ε > 0, LR finite and positive (as NewAdam
// requires).
func (o *Adam) Step(theta, grad []float64) error {
	if len(theta) != len(o.m) || len(grad) != len(o.m) {
		return fmt.Errorf("autodiff: Adam.Step: len(theta) = %d, len(grad) = %d for %d parameters: %w", len(theta), len(grad), len(o.m), ErrLength)
	}
	if !(o.Beta1 >= 0 && o.Beta1 < 1 && o.Beta2 >= 0 && o.Beta2 < 1 && o.Eps > 0 && o.LR > 0 && !math.IsInf(o.LR, 1)) {
		return fmt.Errorf("%w: Adam with β₁ = %g, β₂ = %g, ε = %g, LR = %g", ErrConfig, o.Beta1, o.Beta2, o.Eps, o.LR)
	}
	o.steps++
	b1, b2 := o.Beta1, o.Beta2
	k := float64(o.steps)
	c1, c2 := 1/(1-math.Pow(b1, k)), 1/(1-math.Pow(b2, k))
	lr, eps := o.LR, o.Eps
	m, v := o.m, o.v[:len(o.m)]
	theta, grad = theta[:len(m)], grad[:len(m)]
	for i, g := range grad {
		m[i] = b1*m[i] + (1-b1)*g
		v[i] = b2*v[i] + (1-b2)*(g*g)
		theta[i] -= lr * (m[i] * c1) / (math.Sqrt(v[i]*c2) + eps)
	}
	return nil
}

// SGD is gradient descent with optional momentum over a flat parameter
// vector, in the form of PyTorch's torch.optim.SGD (the momentum of
// Sutskever et al., "On the importance of initialization and momentum in
// deep learning", ICML 2013, with the learning rate outside the buffer):
//
//	b ← μ b + g   (b = g at the first step)
//	θ ← θ − α b
//
// With Momentum 0 it is plain θ ← θ − α g. Step allocates nothing.
type SGD struct {
	LR       float64 // step size α
	Momentum float64 // μ ∈ [0, 1)

	buf   []float64
	steps int
}

// NewSGD returns gradient descent for n parameters with step size lr and
// momentum mu (0 for none). It returns an error wrapping ErrConfig for
// n < 0, lr not finite and positive, or mu outside [0, 1).
func NewSGD(n int, lr, mu float64) (*SGD, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: SGD for %d parameters", ErrConfig, n)
	}
	if !(lr > 0) || math.IsInf(lr, 1) {
		return nil, fmt.Errorf("%w: SGD step size %g is not finite and positive", ErrConfig, lr)
	}
	if !(mu >= 0 && mu < 1) {
		return nil, fmt.Errorf("%w: SGD momentum %g outside [0, 1)", ErrConfig, mu)
	}
	return &SGD{LR: lr, Momentum: mu, buf: make([]float64, n)}, nil
}

// Steps returns the number of steps taken since creation or Reset.
func (o *SGD) Steps() int { return o.steps }

// Reset forgets the momentum and the step count.
func (o *SGD) Reset() {
	clear(o.buf)
	o.steps = 0
}

// Step updates theta by one step down the gradient grad. It returns an
// error wrapping ErrLength, and changes nothing, unless both have the
// optimiser's length, and an error wrapping ErrConfig for LR not finite
// and positive or Momentum outside [0, 1), as NewSGD does.
func (o *SGD) Step(theta, grad []float64) error {
	if len(theta) != len(o.buf) || len(grad) != len(o.buf) {
		return fmt.Errorf("autodiff: SGD.Step: len(theta) = %d, len(grad) = %d for %d parameters: %w", len(theta), len(grad), len(o.buf), ErrLength)
	}
	if !(o.LR > 0) || math.IsInf(o.LR, 1) || !(o.Momentum >= 0 && o.Momentum < 1) {
		return fmt.Errorf("%w: SGD with LR = %g, momentum = %g", ErrConfig, o.LR, o.Momentum)
	}
	lr, mu, b := o.LR, o.Momentum, o.buf
	theta, grad = theta[:len(b)], grad[:len(b)]
	switch {
	case mu == 0:
		for i, g := range grad {
			theta[i] -= lr * g
		}
	case o.steps == 0:
		for i, g := range grad {
			b[i] = g
			theta[i] -= lr * g
		}
	default:
		for i, g := range grad {
			b[i] = mu*b[i] + g
			theta[i] -= lr * b[i]
		}
	}
	o.steps++
	return nil
}

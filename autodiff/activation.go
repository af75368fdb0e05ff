package autodiff

import (
	"fmt"
	"math"
)

// Activation is an elementwise function σ applied after a dense layer or as
// a unary operation of a Tape. The zero value is Identity.
type Activation uint8

const (
	// Identity is σ(x) = x: no activation (a linear output layer).
	Identity Activation = iota
	// Tanh is σ(x) = tanh x.
	Tanh
	// Sigmoid is σ(x) = 1/(1 + e⁻ˣ), the usual last activation of a
	// diffusion, which keeps the noise bounded.
	Sigmoid
	// Softplus is σ(x) = log(1 + eˣ).
	Softplus
	// ReLU is σ(x) = max(x, 0). Its derivative at 0 is taken as 0, as
	// PyTorch and JAX do.
	ReLU
	// LipSwish is σ(x) = x·sigmoid(x)/1.1, the swish function scaled to be
	// 1-Lipschitz (Chen et al., "Residual Flows for Invertible Generative
	// Modeling", NeurIPS 2019, §4), used for the drift and diffusion of
	// neural SDEs (Kidger et al., "Efficient and Accurate Gradients for
	// Neural SDEs", NeurIPS 2021, §4).
	LipSwish
	// Sin is σ(x) = sin x.
	Sin
	// Cos is σ(x) = cos x.
	Cos
	// Exp is σ(x) = eˣ.
	Exp
	numActivations
)

var activationNames = [...]string{"identity", "tanh", "sigmoid", "softplus", "relu", "lipswish", "sin", "cos", "exp"}

// String returns the activation's lower-case name, e.g. "tanh".
func (a Activation) String() string {
	if a < numActivations {
		return activationNames[a]
	}
	return fmt.Sprintf("Activation(%d)", uint8(a))
}

// Valid reports whether a is one of the declared activations.
func (a Activation) Valid() bool { return a < numActivations }

// sigmoid is 1/(1+e⁻ˣ) written so that e^|x| never overflows into the
// division.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// softplus is log(1+eˣ) = max(x, 0) + log1p(e^−|x|), which neither
// overflows for large x nor loses the tiny value for very negative x.
func softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// Apply writes σ(x) into dst elementwise. dst may alias x.
func (a Activation) Apply(dst, x []float64) {
	if len(dst) != len(x) {
		panic(fmt.Sprintf("autodiff: Activation.Apply: len(dst) = %d, len(x) = %d", len(dst), len(x)))
	}
	a.apply(dst, x)
}

func (a Activation) apply(dst, x []float64) {
	x = x[:len(dst)]
	switch a {
	case Identity:
		copy(dst, x)
	case Tanh:
		for i, v := range x {
			dst[i] = math.Tanh(v)
		}
	case Sigmoid:
		for i, v := range x {
			dst[i] = sigmoid(v)
		}
	case Softplus:
		for i, v := range x {
			dst[i] = softplus(v)
		}
	case ReLU:
		for i, v := range x {
			// max(v, 0) by comparison keeps NaN as NaN, like v·1(v>0) would not.
			if v > 0 || v != v {
				dst[i] = v
			} else {
				dst[i] = 0
			}
		}
	case LipSwish:
		for i, v := range x {
			dst[i] = v * sigmoid(v) / 1.1
		}
	case Sin:
		for i, v := range x {
			dst[i] = math.Sin(v)
		}
	case Cos:
		for i, v := range x {
			dst[i] = math.Cos(v)
		}
	case Exp:
		for i, v := range x {
			dst[i] = math.Exp(v)
		}
	default:
		panic("autodiff: invalid " + a.String())
	}
}

// mulDeriv sets dst[i] = g[i]·σ'(x[i]), or adds it when add is true, where
// y = σ(x) has already been computed (tanh, sigmoid and exp differentiate
// cheaply from their output). dst may alias g when add is false. It serves
// both modes: g is a cotangent (reverse) or a tangent (forward), since the
// Jacobian of an elementwise map is diagonal.
func (a Activation) mulDeriv(dst, g, x, y []float64, add bool) {
	n := len(dst)
	g, x, y = g[:n], x[:n], y[:n]
	switch a {
	case Identity:
		if add {
			for i, v := range g {
				dst[i] += v
			}
		} else {
			copy(dst, g)
		}
	case Tanh:
		if add {
			for i, v := range g {
				dst[i] += v * (1 - y[i]*y[i])
			}
		} else {
			for i, v := range g {
				dst[i] = v * (1 - y[i]*y[i])
			}
		}
	case Sigmoid:
		if add {
			for i, v := range g {
				dst[i] += v * (y[i] * (1 - y[i]))
			}
		} else {
			for i, v := range g {
				dst[i] = v * (y[i] * (1 - y[i]))
			}
		}
	case Softplus:
		if add {
			for i, v := range g {
				dst[i] += v * sigmoid(x[i])
			}
		} else {
			for i, v := range g {
				dst[i] = v * sigmoid(x[i])
			}
		}
	case ReLU:
		for i, v := range g {
			d := v
			if !(x[i] > 0) {
				d = 0
			}
			if add {
				dst[i] += d
			} else {
				dst[i] = d
			}
		}
	case LipSwish:
		for i, v := range g {
			s := sigmoid(x[i])
			d := v * ((s + x[i]*s*(1-s)) / 1.1)
			if add {
				dst[i] += d
			} else {
				dst[i] = d
			}
		}
	case Sin:
		if add {
			for i, v := range g {
				dst[i] += v * math.Cos(x[i])
			}
		} else {
			for i, v := range g {
				dst[i] = v * math.Cos(x[i])
			}
		}
	case Cos:
		if add {
			for i, v := range g {
				dst[i] -= v * math.Sin(x[i])
			}
		} else {
			for i, v := range g {
				dst[i] = -(v * math.Sin(x[i]))
			}
		}
	case Exp:
		if add {
			for i, v := range g {
				dst[i] += v * y[i]
			}
		} else {
			for i, v := range g {
				dst[i] = v * y[i]
			}
		}
	default:
		panic("autodiff: invalid " + a.String())
	}
}

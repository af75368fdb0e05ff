package autodiff

import (
	"math"
	"testing"
)

var allActivations = []Activation{Identity, Tanh, Sigmoid, Softplus, ReLU, LipSwish, Sin, Cos, Exp}

// Each activation's value against its definition written independently,
// and its derivative, in both the overwrite and the accumulate form,
// against central differences (tolerance as in check_test.go).
func TestActivationValuesAndDerivatives(t *testing.T) {
	defs := map[Activation]func(x float64) float64{
		Identity: func(x float64) float64 { return x },
		Tanh:     math.Tanh,
		Sigmoid:  func(x float64) float64 { return 1 / (1 + math.Exp(-x)) },
		Softplus: func(x float64) float64 { return math.Log(1 + math.Exp(x)) },
		ReLU:     func(x float64) float64 { return math.Max(x, 0) },
		LipSwish: func(x float64) float64 { return x / (1 + math.Exp(-x)) / 1.1 },
		Sin:      math.Sin,
		Cos:      math.Cos,
		Exp:      math.Exp,
	}
	var xs []float64
	for k := -40; k <= 40; k++ {
		xs = append(xs, float64(k)/8+0.01) // skips ReLU's kink at 0
	}
	n := len(xs)
	y, d, acc := make([]float64, n), make([]float64, n), make([]float64, n)
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	for _, act := range allActivations {
		act.Apply(y, xs)
		for i, x := range xs {
			if want := defs[act](x); !(math.Abs(y[i]-want) <= 1e-15*math.Max(1, math.Abs(want))) {
				t.Errorf("%v(%v) = %v, want %v", act, x, y[i], want)
			}
		}
		act.mulDeriv(d, ones, xs, y, false)
		for i := range acc {
			acc[i] = 3
		}
		act.mulDeriv(acc, ones, xs, y, true)
		for i, x := range xs {
			f := defs[act]
			fd := (f(x+fdStep) - f(x-fdStep)) / (2 * fdStep)
			if e := math.Abs(d[i] - fd); !(e <= fdTol*(1+math.Abs(y[i])+math.Abs(fd))) {
				t.Errorf("%v'(%v) = %v, finite difference %v", act, x, d[i], fd)
			}
			if acc[i] != 3+d[i] {
				t.Errorf("%v: accumulated derivative at %v is %v, want 3 + %v", act, x, acc[i], d[i])
			}
		}
	}
}

// Far in the tails the stable forms must neither overflow into NaN nor
// lose the small values a naive formula loses.
func TestActivationTails(t *testing.T) {
	cases := []struct {
		act     Activation
		x, want float64
	}{
		{Sigmoid, 800, 1},
		{Sigmoid, -800, 0},
		{Sigmoid, -40, 4.248354255291589e-18}, // e⁻⁴⁰/(1+e⁻⁴⁰), e⁻⁴⁰ to 16 digits
		{Softplus, 800, 800},
		{Softplus, -40, 4.248354255291589e-18}, // log1p(e⁻⁴⁰) = e⁻⁴⁰ to 1e-18 relative
		{Softplus, 40, 40},
		{LipSwish, -800, 0},
		{LipSwish, 800, 800 / 1.1},
		{Tanh, 400, 1},
		{ReLU, -3, 0},
	}
	for _, c := range cases {
		var y [1]float64
		c.act.Apply(y[:], []float64{c.x})
		if !(math.Abs(y[0]-c.want) <= 1e-15*math.Abs(c.want)) {
			t.Errorf("%v(%v) = %v, want %v", c.act, c.x, y[0], c.want)
		}
		var d [1]float64
		c.act.mulDeriv(d[:], []float64{1}, []float64{c.x}, y[:], false)
		if math.IsNaN(d[0]) || math.IsInf(d[0], 0) {
			t.Errorf("%v'(%v) = %v", c.act, c.x, d[0])
		}
	}
	var y [1]float64
	ReLU.Apply(y[:], []float64{math.NaN()})
	if !math.IsNaN(y[0]) {
		t.Errorf("ReLU(NaN) = %v, want NaN", y[0])
	}
}

func TestActivationString(t *testing.T) {
	if s := LipSwish.String(); s != "lipswish" {
		t.Errorf("LipSwish.String() = %q", s)
	}
	if s := Activation(200).String(); s != "Activation(200)" {
		t.Errorf("Activation(200).String() = %q", s)
	}
	if Activation(200).Valid() || !Exp.Valid() {
		t.Error("Valid is wrong")
	}
}

package autodiff

import (
	"errors"
	"math"
	"testing"
)

// Two Adam steps against Algorithm 1 of Kingma and Ba, written out.
func TestAdamAlgorithm(t *testing.T) {
	const lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
	o, err := NewAdam(3, lr)
	if err != nil {
		t.Fatal(err)
	}
	if o.Beta1 != b1 || o.Beta2 != b2 || o.Eps != eps {
		t.Fatalf("defaults β₁ = %v, β₂ = %v, ε = %v", o.Beta1, o.Beta2, o.Eps)
	}
	theta := []float64{1, -2, 0.5}
	g1, g2 := []float64{0.3, -4, 1e-9}, []float64{-0.1, -2, 5}
	want := append([]float64(nil), theta...)
	var m, v [3]float64
	for k, g := range [][]float64{g1, g2} {
		for i := range want {
			m[i] = b1*m[i] + (1-b1)*g[i]
			v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
			mhat := m[i] / (1 - math.Pow(b1, float64(k+1)))
			vhat := v[i] / (1 - math.Pow(b2, float64(k+1)))
			want[i] -= lr * mhat / (math.Sqrt(vhat) + eps)
		}
		if err := o.Step(theta, g); err != nil {
			t.Fatal(err)
		}
		closeTo(t, "Adam step", theta, want, 1e-15)
	}
	if o.Steps() != 2 {
		t.Errorf("Steps() = %d", o.Steps())
	}
}

// Adam's step does not depend on the gradient's scale (up to ε).
func TestAdamScaleInvariance(t *testing.T) {
	a, _ := NewAdam(2, 0.05)
	b, _ := NewAdam(2, 0.05)
	ta, tb := []float64{1, 2}, []float64{1, 2}
	for k := 0; k < 50; k++ {
		g := []float64{ta[0] - 0.3, 2 * (ta[1] + 1)}
		a.Step(ta, g)
		g2 := []float64{1e4 * (tb[0] - 0.3), 2e4 * (tb[1] + 1)}
		b.Step(tb, g2)
	}
	// ε/|g| ≤ 1e-8/1e-3 relative per step, over 50 steps.
	closeTo(t, "scaled gradients", tb, ta, 1e-6)
}

// Adam and SGD minimise a quadratic.
func TestOptimisersConverge(t *testing.T) {
	target := []float64{0.5, -1, 2, 0}
	curv := []float64{1, 4, 0.5, 2}
	grad := func(th, g []float64) {
		for i := range th {
			g[i] = curv[i] * (th[i] - target[i])
		}
	}
	adam, _ := NewAdam(4, 0.02)
	sgd, _ := NewSGD(4, 0.1, 0.9)
	for name, step := range map[string]func(th, g []float64) error{"adam": adam.Step, "sgd": sgd.Step} {
		th, g := make([]float64, 4), make([]float64, 4)
		for k := 0; k < 3000; k++ {
			grad(th, g)
			if err := step(th, g); err != nil {
				t.Fatal(err)
			}
		}
		// Adam with a constant step size settles within a few step sizes
		// of the minimum; heavy-ball SGD converges linearly (its rate here
		// is at most √0.9 per step, 0.9^1500 ≈ 1e-69).
		tol := map[string]float64{"adam": 0.05, "sgd": 1e-12}[name]
		for i := range th {
			if !(math.Abs(th[i]-target[i]) <= tol) {
				t.Errorf("%s: θ[%d] = %v, minimum at %v", name, i, th[i], target[i])
			}
		}
	}
}

func TestSGD(t *testing.T) {
	o, err := NewSGD(2, 0.1, 0)
	if err != nil {
		t.Fatal(err)
	}
	th := []float64{1, 2}
	o.Step(th, []float64{3, -4})
	if th[0] != 1-0.1*3 || th[1] != 2+0.1*4 {
		t.Errorf("plain step gave %v", th)
	}
	// Heavy ball on f(θ) = aθ²/2: with b_k = (θ_{k-1} − θ_k)/α the update
	// is the recurrence θ_{k+1} = (1 + μ − αa)θ_k − μθ_{k−1} for k ≥ 1.
	const a, lr, mu = 3.0, 0.05, 0.8
	h, _ := NewSGD(1, lr, mu)
	x := []float64{1}
	xs := []float64{1}
	for k := 0; k < 40; k++ {
		h.Step(x, []float64{a * x[0]})
		xs = append(xs, x[0])
	}
	if xs[1] != 1-lr*a {
		t.Errorf("first momentum step %v, want %v", xs[1], 1-lr*a)
	}
	for k := 1; k+1 < len(xs); k++ {
		want := (1+mu-lr*a)*xs[k] - mu*xs[k-1]
		if !(math.Abs(xs[k+1]-want) <= 1e-14*math.Max(math.Abs(xs[k]), math.Abs(xs[k-1]))) {
			t.Fatalf("θ_%d = %v, recurrence gives %v", k+1, xs[k+1], want)
		}
	}
	h.Reset()
	if h.Steps() != 0 {
		t.Error("Reset kept the step count")
	}
	x[0] = 1
	h.Step(x, []float64{a})
	if x[0] != 1-lr*a {
		t.Errorf("step after Reset used old momentum: %v", x[0])
	}
}

func TestOptimiserErrors(t *testing.T) {
	for _, lr := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := NewAdam(2, lr); !errors.Is(err, ErrConfig) {
			t.Errorf("NewAdam lr=%v: %v", lr, err)
		}
		if _, err := NewSGD(2, lr, 0); !errors.Is(err, ErrConfig) {
			t.Errorf("NewSGD lr=%v: %v", lr, err)
		}
	}
	if _, err := NewAdam(-1, 1); !errors.Is(err, ErrConfig) {
		t.Error("NewAdam n=-1")
	}
	for _, mu := range []float64{-0.1, 1, math.NaN()} {
		if _, err := NewSGD(2, 0.1, mu); !errors.Is(err, ErrConfig) {
			t.Errorf("NewSGD mu=%v: %v", mu, err)
		}
	}
	if _, err := NewSGD(-1, 0.1, 0); !errors.Is(err, ErrConfig) {
		t.Error("NewSGD n=-1")
	}
	adam, _ := NewAdam(2, 0.1)
	sgd, _ := NewSGD(2, 0.1, 0.5)
	th := []float64{1, 2}
	for name, step := range map[string]func(th, g []float64) error{"adam": adam.Step, "sgd": sgd.Step} {
		for _, c := range [][2][]float64{{th, {1}}, {th[:1], {1, 1}}} {
			if err := step(c[0], c[1]); !errors.Is(err, ErrLength) {
				t.Errorf("%s: lengths %d, %d: %v", name, len(c[0]), len(c[1]), err)
			}
		}
		if th[0] != 1 || th[1] != 2 {
			t.Errorf("%s changed θ on error", name)
		}
	}
	adam.Beta2 = 1
	if err := adam.Step(th, []float64{1, 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("Adam β₂ = 1: %v", err)
	}
	sgd.LR = math.NaN()
	if err := sgd.Step(th, []float64{1, 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("SGD LR = NaN: %v", err)
	}
	// The step size a schedule sets is held to what the constructors
	// require: an infinite one would turn θ into ±Inf and NaN.
	adam.Beta2, adam.LR = 0.999, math.Inf(1)
	if err := adam.Step(th, []float64{1, 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("Adam LR = +Inf: %v", err)
	}
	sgd.LR = math.Inf(1)
	if err := sgd.Step(th, []float64{1, 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("SGD LR = +Inf: %v", err)
	}
	if th[0] != 1 || th[1] != 2 {
		t.Error("bad hyperparameters changed θ")
	}
}

func TestAdamReset(t *testing.T) {
	a, _ := NewAdam(1, 0.1)
	x := []float64{0}
	a.Step(x, []float64{1})
	a.Step(x, []float64{1})
	a.Reset()
	x[0] = 0
	a.Step(x, []float64{-5})
	// A fresh first step moves by lr·g/(|g|+ε) = +0.1.
	if !(math.Abs(x[0]-0.1) <= 1e-9) {
		t.Errorf("first step after Reset: %v", x[0])
	}
}

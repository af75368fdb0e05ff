package autodiff

import (
	"math"
	"sync"
	"testing"
)

// Clones on separate goroutines, as an ensemble uses them, give the bits
// of the original evaluated alone: they share only the parameters and the
// compiled program, which no call writes (-race checks that too).
func TestClonesConcurrent(t *testing.T) {
	type cloner interface {
		DiffField
		EvalVJPField
	}
	m, err := NewMLP(MLPConfig{Sizes: []int{3, 64, 64, 3}, Act: Tanh, Final: Sigmoid, Time: true, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	tf := mlpTape(t, m)
	for name, orig := range map[string]cloner{"MLP": m, "tape": tf} {
		clone := func() cloner {
			if name == "MLP" {
				return m.Clone()
			}
			return tf.Clone()
		}
		// Enough calls that goroutines sharing scratch space would collide
		// without the race detector too.
		workers, calls := 4, 200
		if testing.Short() {
			calls = 50
		}
		n, o, p := orig.InDim(), orig.OutDim(), len(orig.Params())
		// The results of call k: Eval, JVP and VJP at a point of its own.
		point := func(k int) (tm float64, y, v, w, a []float64) {
			y, v, w, a = make([]float64, n), make([]float64, n), make([]float64, p), make([]float64, o)
			for i := range y {
				y[i], v[i] = math.Sin(float64(k+i)), math.Cos(float64(k*i))
			}
			for i := range w {
				w[i] = math.Sin(float64(k + 3*i))
			}
			for i := range a {
				a[i] = math.Cos(float64(k + i))
			}
			return 0.1 * float64(k), y, v, w, a
		}
		run := func(f cloner, k int) []float64 {
			tm, y, v, w, a := point(k)
			out, jv, gy, gth := make([]float64, o), make([]float64, o), make([]float64, n), make([]float64, p)
			f.Eval(tm, y, out)
			f.JVP(tm, y, v, w, nil, jv)
			f.EvalVJP(tm, y, a, make([]float64, o), gy, gth)
			return append(append(append(out, jv...), gy...), gth...)
		}
		want := make([][]float64, workers*calls)
		for k := range want {
			want[k] = run(orig, k)
		}
		got := make([][]float64, workers*calls)
		var wg sync.WaitGroup
		for g := 0; g < workers; g++ {
			f := clone()
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for k := g; k < len(got); k += workers {
					got[k] = run(f, k)
				}
			}(g)
		}
		wg.Wait()
		for k := range want {
			for i := range want[k] {
				if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
					t.Fatalf("%s: call %d, result %d: %v on a clone, %v on the original", name, k, i, got[k][i], want[k][i])
				}
			}
		}
	}
}

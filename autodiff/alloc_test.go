package autodiff

import "testing"

func assertNoAllocs(t *testing.T, name string, fn func()) {
	t.Helper()
	if n := testing.AllocsPerRun(20, fn); n != 0 {
		t.Errorf("%s: %v allocations per run, want 0", name, n)
	}
}

func TestNoAllocs(t *testing.T) {
	type field interface {
		DiffField
		EvalVJPField
	}
	fields := map[string]field{}
	for _, cfg := range []MLPConfig{
		{Sizes: []int{32, 128, 32}, Act: Tanh},
		{Sizes: []int{3, 6, 6, 3}, Acts: []Activation{Softplus, LipSwish, Sigmoid}, Time: true},
	} {
		m, _ := NewMLP(cfg)
		fields["MLP "+cfg.String()] = m
		fields["tape "+cfg.String()] = mlpTape(t, m)
	}
	tp := new(Tape)
	y := tp.Input(4)
	p := tp.Param(4)
	h := tp.Concat(tp.Slice(tp.Mul(y, p), 1, 3), tp.ScaleBy(tp.Time(), tp.Sum(y)), tp.Const(1))
	tf, err := tp.Field(tp.Add(h, tp.Exp(tp.Scale(0.5, tp.Sub(h, tp.ScaleBy(tp.Dot(y, p), h))))))
	if err != nil {
		t.Fatal(err)
	}
	fields["tape of every kind of operation"] = tf

	for name, f := range fields {
		n, m, np := f.InDim(), f.OutDim(), len(f.Params())
		y, v, out, jv, a := make([]float64, n), make([]float64, n), make([]float64, m), make([]float64, m), make([]float64, m)
		w, gy, gth := make([]float64, np), make([]float64, n), make([]float64, np)
		for i := range y {
			y[i], v[i] = 0.1*float64(i), 1
		}
		for i := range a {
			a[i] = 1
		}
		assertNoAllocs(t, name+" Eval", func() { f.Eval(0.5, y, out) })
		assertNoAllocs(t, name+" VJP", func() { f.VJP(0.5, y, a, gy, gth) })
		assertNoAllocs(t, name+" VJP (gy only)", func() { f.VJP(0.5, y, a, gy, nil) })
		assertNoAllocs(t, name+" EvalVJP", func() { f.EvalVJP(0.5, y, a, out, gy, gth) })
		assertNoAllocs(t, name+" JVP", func() { f.JVP(0.5, y, v, w, out, jv) })
		assertNoAllocs(t, name+" JVP (no w, no out)", func() { f.JVP(0.5, y, v, nil, nil, jv) })
	}

	ff, _ := NewFunc(sinField())
	fd, _ := FiniteDifferenceJVP(ff)
	d, _ := AsDiff(ff)
	y3, v3, o3, jv3 := []float64{1, 2, 3}, []float64{1, 0, 1}, make([]float64, 3), make([]float64, 3)
	w2, g2 := []float64{1, 1}, make([]float64, 2)
	assertNoAllocs(t, "Func Eval", func() { d.Eval(0, y3, o3) })
	assertNoAllocs(t, "Func VJP", func() { d.VJP(0, y3, v3, o3, g2) })
	assertNoAllocs(t, "Func JVP", func() { d.JVP(0, y3, v3, w2, nil, o3) })
	assertNoAllocs(t, "FiniteDifferenceJVP", func() { fd.JVP(0, y3, v3, w2, o3, jv3) })
	assertNoAllocs(t, "FiniteDifferenceJVP (no w, no out)", func() { fd.JVP(0, y3, v3, nil, nil, jv3) })

	th, g := make([]float64, 1000), make([]float64, 1000)
	adam, _ := NewAdam(1000, 1e-3)
	sgd, _ := NewSGD(1000, 1e-3, 0.9)
	assertNoAllocs(t, "Adam.Step", func() { adam.Step(th, g) })
	assertNoAllocs(t, "SGD.Step", func() { sgd.Step(th, g) })
}

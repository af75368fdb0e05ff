package autodiff

import (
	"errors"
	"math"
	"math/bits"
	"strings"
	"testing"
)

// opCase builds one tape around an operation. Inputs are y ∈ ℝ⁴ and
// whatever parameters build declares; the checks run at random y in
// [lo, hi) and parameters in [plo, phi).
type opCase struct {
	name     string
	build    func(tp *Tape, y Var) Var
	lo, hi   float64
	plo, phi float64
}

func opCases() []opCase {
	def := func(name string, build func(tp *Tape, y Var) Var) opCase {
		return opCase{name, build, -1, 1, -1, 1}
	}
	cases := []opCase{
		def("Affine", func(tp *Tape, y Var) Var { return tp.Affine(tp.ParamMatrix(3, 4), y, tp.Param(3)) }),
		def("MatVec", func(tp *Tape, y Var) Var { return tp.MatVec(tp.ParamMatrix(5, 4), y) }),
		def("Affine of a computed matrix", func(tp *Tape, y Var) Var {
			p := tp.Param(4)
			W := tp.Reshape(tp.Concat(tp.Mul(y, p), y, tp.Sin(p)), 3, 4)
			return tp.Affine(W, tp.Tanh(y), tp.Slice(tp.Add(y, p), 1, 4))
		}),
		def("Affine 1×n of itself", func(tp *Tape, y Var) Var { return tp.MatVec(tp.Reshape(y, 1, 4), y) }),
		def("Add", func(tp *Tape, y Var) Var { return tp.Add(y, tp.Param(4)) }),
		def("Sub", func(tp *Tape, y Var) Var { return tp.Sub(tp.Param(4), y) }),
		def("Mul", func(tp *Tape, y Var) Var { return tp.Mul(y, tp.Param(4)) }),
		def("Mul of itself", func(tp *Tape, y Var) Var { return tp.Mul(y, y) }),
		def("Add of itself", func(tp *Tape, y Var) Var { return tp.Add(y, y) }),
		def("Sub of itself", func(tp *Tape, y Var) Var { return tp.Sub(tp.Exp(y), tp.Scale(2, tp.Exp(y))) }),
		def("Scale", func(tp *Tape, y Var) Var { return tp.Scale(-2.5, tp.Add(y, tp.Param(4))) }),
		def("ScaleBy time", func(tp *Tape, y Var) Var { return tp.ScaleBy(tp.Time(), tp.Mul(y, tp.Param(4))) }),
		def("ScaleBy Sum", func(tp *Tape, y Var) Var { return tp.ScaleBy(tp.Sum(y), tp.Param(3)) }),
		def("ScaleBy Dot", func(tp *Tape, y Var) Var { p := tp.Param(4); return tp.ScaleBy(tp.Dot(y, p), y) }),
		def("Sum", func(tp *Tape, y Var) Var { return tp.Sum(tp.Mul(y, tp.Param(4))) }),
		def("Dot", func(tp *Tape, y Var) Var { return tp.Dot(y, tp.Param(4)) }),
		def("Dot of itself", func(tp *Tape, y Var) Var { return tp.Dot(y, y) }),
		def("Concat", func(tp *Tape, y Var) Var {
			return tp.Concat(y, tp.Param(2), tp.Const(1.5, -2), tp.Time(), y, tp.Sum(y))
		}),
		def("Slice", func(tp *Tape, y Var) Var { return tp.Slice(tp.Add(y, tp.Param(4)), 1, 3) }),
		def("Reshape output", func(tp *Tape, y Var) Var {
			return tp.Reshape(tp.Concat(y, tp.Param(2)), 2, 3)
		}),
		def("Const", func(tp *Tape, y Var) Var { return tp.Mul(tp.Const(1, 2, 3, 4), tp.Sub(y, tp.Param(4))) }),
		def("fan-out", func(tp *Tape, y Var) Var {
			h := tp.Tanh(tp.Affine(tp.ParamMatrix(4, 4), y, tp.Param(4)))
			return tp.Add(tp.Mul(h, h), tp.Concat(tp.Slice(h, 0, 2), tp.Slice(y, 2, 4)))
		}),
		def("time only", func(tp *Tape, y Var) Var { return tp.Sin(tp.Concat(tp.Time(), tp.Time())) }),
		def("time and params", func(tp *Tape, y Var) Var { return tp.ScaleBy(tp.Time(), tp.Param(3)) }),
		def("identity", func(tp *Tape, y Var) Var { return y }),
		def("parameter", func(tp *Tape, y Var) Var { return tp.Param(3) }),
		def("constant", func(tp *Tape, y Var) Var { return tp.Const(1, 2) }),
	}
	for _, act := range allActivations {
		act := act
		c := def(act.String(), func(tp *Tape, y Var) Var { return tp.Activate(act, tp.Mul(y, tp.Param(4))) })
		if act == ReLU {
			// Keep the products at least 0.09 from the kink at 0.
			c.lo, c.hi, c.plo, c.phi = 0.3, 1, -1, -0.3
		}
		cases = append(cases, c)
	}
	return cases
}

func TestTapeOpDerivatives(t *testing.T) {
	r := newRand(4)
	for _, c := range opCases() {
		t.Run(c.name, func(t *testing.T) {
			tp := new(Tape)
			y := tp.Input(4)
			f, err := tp.Field(c.build(tp, y))
			if err != nil {
				t.Fatal(err)
			}
			copy(f.Params(), randVec(r, len(f.Params()), c.plo, c.phi))
			yv := randVec(r, 4, c.lo, c.hi)
			if c.name == "ReLU" {
				for i := range yv {
					if i%2 == 1 {
						yv[i] = -yv[i] // both sides of the kink
					}
				}
			}
			checkDiff(t, f, 0.7, yv, r)
		})
	}
}

// Each operation's value against a direct computation.
func TestTapeOpValues(t *testing.T) {
	tp := new(Tape)
	y := tp.Input(3)
	p := tp.Param(3)
	W := tp.ParamMatrix(2, 3)
	outs := []Var{
		tp.Affine(W, y, tp.Slice(p, 0, 2)),
		tp.Sub(tp.Mul(y, p), tp.Scale(3, y)),
		tp.ScaleBy(tp.Time(), tp.Concat(tp.Sum(y), tp.Dot(y, p))),
		tp.MatVec(tp.Reshape(p, 1, 3), tp.Exp(y)),
	}
	f, err := tp.Field(tp.Concat(outs...))
	if err != nil {
		t.Fatal(err)
	}
	th := f.Params()
	copy(th, []float64{0.5, -1, 2, 1, 2, 3, 4, 5, 6})
	yv := []float64{1, -2, 0.25}
	got := make([]float64, f.OutDim())
	f.Eval(2, yv, got)
	want := []float64{
		1*1 + 2*-2 + 3*0.25 + 0.5, 4*1 + 5*-2 + 6*0.25 - 1,
		1*0.5 - 3, -2*-1 + 6, 0.25*2 - 0.75,
		2 * (1 - 2 + 0.25), 2 * (0.5 + 2 + 0.5),
		0.5*math.Exp(1) - math.Exp(-2) + 2*math.Exp(0.25),
	}
	for i := range want {
		if !(math.Abs(got[i]-want[i]) <= 1e-15*math.Max(1, math.Abs(want[i]))) {
			t.Errorf("output %d = %v, want %v", i, got[i], want[i])
		}
	}
	if f.InDim() != 3 || f.OutDim() != 8 || len(th) != 9 {
		t.Errorf("dims %d → %d, %d params", f.InDim(), f.OutDim(), len(th))
	}
}

// mlpTape records the network of m on a tape with m's parameters copied:
// the same operations the hand-written MLP performs.
func mlpTape(tb testing.TB, m *MLP) *TapeField {
	tb.Helper()
	tp := new(Tape)
	x := tp.Input(m.InDim())
	if m.TimeInput() {
		x = tp.Concat(x, tp.Time())
	}
	var ps []Var
	for l := 0; l < m.NumLayers(); l++ {
		L := m.Layer(l)
		W, b := tp.ParamMatrix(L.W.Rows, L.W.Cols), tp.Param(L.W.Rows)
		ps = append(ps, W, b)
		x = tp.Activate(L.Act, tp.Affine(W, x, b))
	}
	r, c := m.OutShape()
	if c != 1 {
		x = tp.Reshape(x, r, c)
	}
	f, err := tp.Field(x)
	if err != nil {
		tb.Fatal(err)
	}
	for l := 0; l < m.NumLayers(); l++ {
		L := m.Layer(l)
		w, _ := f.ParamOf(ps[2*l])
		b, _ := f.ParamOf(ps[2*l+1])
		copy(w, L.W.Data)
		copy(b, L.B)
	}
	return f
}

func closeTo(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: lengths %d and %d", what, len(got), len(want))
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol*math.Max(1, math.Abs(want[i]))) {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

// The tape replays the same operations as the hand-written MLP, so the
// two agree to rounding: 1e-14 relative (in fact to the bit).
func TestTapeMatchesMLP(t *testing.T) {
	r := newRand(5)
	cfgs := append([]MLPConfig{{Sizes: []int{32, 128, 32}, Act: Tanh}}, mlpCases...)
	for _, cfg := range cfgs {
		m, _ := NewMLP(cfg)
		f := mlpTape(t, m)
		if f.InDim() != m.InDim() || f.OutDim() != m.OutDim() || len(f.Params()) != len(m.Params()) {
			t.Fatalf("%v: tape field %d → %d with %d params", cfg, f.InDim(), f.OutDim(), len(f.Params()))
		}
		for i, v := range m.Params() {
			if f.Params()[i] != v {
				t.Fatalf("%v: the tape's parameter layout differs from the MLP's at %d", cfg, i)
			}
		}
		r1, c1 := f.OutShape()
		if r2, c2 := m.OutShape(); r1 != r2 || c1 != c2 {
			t.Fatalf("%v: OutShape %d×%d, MLP %d×%d", cfg, r1, c1, r2, c2)
		}
		n, o, p := m.InDim(), m.OutDim(), len(m.Params())
		y, v, w, a := randVec(r, n, -1, 1), randVec(r, n, -1, 1), randVec(r, p, -1, 1), randVec(r, o, -1, 1)
		tm := 0.4
		o1, o2 := make([]float64, o), make([]float64, o)
		m.Eval(tm, y, o1)
		f.Eval(tm, y, o2)
		closeTo(t, cfg.String()+" Eval", o2, o1, 1e-14)
		for _, ww := range [][]float64{w, nil} {
			j1, j2 := make([]float64, o), make([]float64, o)
			m.JVP(tm, y, v, ww, o1, j1)
			f.JVP(tm, y, v, ww, o2, j2)
			closeTo(t, cfg.String()+" JVP out", o2, o1, 1e-14)
			closeTo(t, cfg.String()+" JVP", j2, j1, 1e-14)
		}
		gy1, gy2 := make([]float64, n), make([]float64, n)
		gt1, gt2 := make([]float64, p), make([]float64, p)
		m.VJP(tm, y, a, gy1, gt1)
		f.VJP(tm, y, a, gy2, gt2)
		closeTo(t, cfg.String()+" VJP gy", gy2, gy1, 1e-14)
		closeTo(t, cfg.String()+" VJP gtheta", gt2, gt1, 1e-14)
	}
}

func TestTapeErrors(t *testing.T) {
	other := new(Tape)
	ov := other.Input(2)
	cases := map[string]func(tp *Tape) Var{
		"zero Var":           func(tp *Tape) Var { return tp.Tanh(Var{}) },
		"other tape":         func(tp *Tape) Var { return tp.Add(tp.Input(2), ov) },
		"Input twice":        func(tp *Tape) Var { tp.Input(2); return tp.Input(2) },
		"Input(0)":           func(tp *Tape) Var { return tp.Input(0) },
		"Param(0)":           func(tp *Tape) Var { return tp.Param(0) },
		"ParamMatrix(-1, 2)": func(tp *Tape) Var { return tp.ParamMatrix(-1, 2) },
		"huge ParamMatrix":   func(tp *Tape) Var { return tp.ParamMatrix(math.MaxInt/2, 4) },
		"Const()":            func(tp *Tape) Var { return tp.Const() },
		"Affine x":           func(tp *Tape) Var { return tp.Affine(tp.ParamMatrix(2, 3), tp.Input(2), tp.Param(2)) },
		"Affine b":           func(tp *Tape) Var { return tp.Affine(tp.ParamMatrix(2, 3), tp.Input(3), tp.Param(3)) },
		"MatVec":             func(tp *Tape) Var { return tp.MatVec(tp.ParamMatrix(2, 3), tp.Input(2)) },
		"Add":                func(tp *Tape) Var { return tp.Add(tp.Input(2), tp.Param(3)) },
		"Sub":                func(tp *Tape) Var { return tp.Sub(tp.Input(2), tp.Param(3)) },
		"Mul":                func(tp *Tape) Var { return tp.Mul(tp.Input(2), tp.Param(3)) },
		"Dot":                func(tp *Tape) Var { return tp.Dot(tp.Input(2), tp.Param(3)) },
		"ScaleBy":            func(tp *Tape) Var { return tp.ScaleBy(tp.Input(2), tp.Param(3)) },
		"Activate":           func(tp *Tape) Var { return tp.Activate(Activation(77), tp.Input(2)) },
		"Concat()":           func(tp *Tape) Var { return tp.Concat() },
		"Slice empty":        func(tp *Tape) Var { return tp.Slice(tp.Input(3), 2, 2) },
		"Slice past end":     func(tp *Tape) Var { return tp.Slice(tp.Input(3), 1, 4) },
		"Slice negative":     func(tp *Tape) Var { return tp.Slice(tp.Input(3), -1, 2) },
		"Reshape":            func(tp *Tape) Var { return tp.Reshape(tp.Input(6), 4, 2) },
		"Reshape zero":       func(tp *Tape) Var { return tp.Reshape(tp.Input(6), 0, 0) },
		"Reshape overflow":   func(tp *Tape) Var { return tp.Reshape(tp.Input(4), 4, math.MaxInt/2+2) /* 4·cols wraps to 4 */ },
		"Reshape overflow 2": func(tp *Tape) Var {
			n := 1 << (bits.UintSize - 4)
			return tp.Reshape(tp.Input(n), 17<<(bits.UintSize/2-2), 1<<(bits.UintSize/2-2)) /* rows, cols ≤ n, rows·cols = 17n wraps to n */
		},
	}
	for name, build := range cases {
		tp := new(Tape)
		v := build(tp)
		if v.Valid() {
			t.Errorf("%s: returned a valid Var", name)
		}
		err := tp.Err()
		if !errors.Is(err, ErrConfig) {
			t.Errorf("%s: Err() = %v, want ErrConfig", name, err)
			continue
		}
		// Later operations keep the first error and return invalid Vars.
		if w := tp.Tanh(tp.Param(2)); w.Valid() {
			t.Errorf("%s: an operation after the error returned a valid Var", name)
		}
		if _, ferr := tp.Field(v); ferr != err {
			t.Errorf("%s: Field returned %v, want the first error %v", name, ferr, err)
		}
	}
	if v := (Var{}); v.Len() != 0 || v.Valid() {
		t.Error("zero Var has a length")
	}
	if r, c := (Var{}).Shape(); r != 0 || c != 0 {
		t.Error("zero Var has a shape")
	}
	if _, err := new(Tape).Field(Var{}); !errors.Is(err, ErrConfig) {
		t.Errorf("Field of the zero Var: %v", err)
	}
	if _, err := new(Tape).Field(ov); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "another tape") {
		t.Errorf("Field of another tape's Var: %v", err)
	}
}

func TestTapeParamOf(t *testing.T) {
	tp := new(Tape)
	y := tp.Input(2)
	a := tp.ParamMatrix(3, 2)
	b := tp.Param(3)
	unused := tp.Param(5) // keeps its place in θ though the output ignores it
	c := tp.Param(1)
	f, err := tp.Field(tp.ScaleBy(c, tp.Affine(a, y, b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Params()) != 6+3+5+1 {
		t.Fatalf("%d params, want 15", len(f.Params()))
	}
	for _, want := range []struct {
		v       Var
		off, n  int
		shapeOK bool
	}{{a, 0, 6, true}, {b, 6, 3, true}, {unused, 9, 5, true}, {c, 14, 1, true}} {
		off, n, err := f.ParamOffset(want.v)
		if err != nil || off != want.off || n != want.n {
			t.Errorf("ParamOffset = %d, %d, %v; want %d, %d", off, n, err, want.off, want.n)
		}
		s, _ := f.ParamOf(want.v)
		if len(s) != want.n || cap(s) != want.n || &s[0] != &f.Params()[want.off] {
			t.Errorf("ParamOf view wrong for offset %d", want.off)
		}
	}
	for _, v := range []Var{y, tp.Tanh(y), {}} {
		if _, err := f.ParamOf(v); !errors.Is(err, ErrConfig) {
			t.Errorf("ParamOf(non-parameter): %v", err)
		}
	}
	tp2 := new(Tape)
	if _, err := f.ParamOf(tp2.Param(6)); !errors.Is(err, ErrConfig) {
		t.Errorf("ParamOf(another tape's parameter): %v", err)
	}
	// A parameter declared after compiling belongs to later fields only.
	late := tp.Param(2)
	if _, err := f.ParamOf(late); !errors.Is(err, ErrConfig) {
		t.Errorf("ParamOf(a parameter declared after Field): %v", err)
	}
	if _, _, err := f.ParamOffset(late); !errors.Is(err, ErrConfig) {
		t.Errorf("ParamOffset(a parameter declared after Field): %v", err)
	}
	if f2, err := tp.Field(tp.Add(late, tp.Slice(b, 0, 2))); err != nil {
		t.Error(err)
	} else if off, n, err := f2.ParamOffset(late); err != nil || off != 15 || n != 2 {
		t.Errorf("later field: ParamOffset = %d, %d, %v; want 15, 2", off, n, err)
	}
	// The unused parameter's gradient is zero; the others are not.
	g := make([]float64, len(f.Params()))
	for i := range f.Params() {
		f.Params()[i] = 1
	}
	f.VJP(0, []float64{1, 2}, []float64{1, 1, 1}, nil, g)
	for i, v := range g {
		if (i >= 9 && i < 14) != (v == 0) {
			t.Errorf("gradient[%d] = %v", i, v)
		}
	}
}

// A field compiled earlier does not change when the tape grows, and the
// tape can be compiled again with another output.
func TestTapeCompileTwice(t *testing.T) {
	tp := new(Tape)
	y := tp.Input(2)
	h := tp.Sin(y)
	f1, _ := tp.Field(h)
	g := tp.Scale(2, tp.Add(h, tp.Param(2)))
	f2, err := tp.Field(g)
	if err != nil {
		t.Fatal(err)
	}
	if len(f1.Params()) != 0 || len(f2.Params()) != 2 {
		t.Fatalf("params %d and %d", len(f1.Params()), len(f2.Params()))
	}
	o1, o2 := make([]float64, 2), make([]float64, 2)
	f1.Eval(0, []float64{1, 2}, o1)
	f2.Eval(0, []float64{1, 2}, o2)
	if o1[0] != math.Sin(1) || o2[1] != 2*math.Sin(2) {
		t.Errorf("outputs %v, %v", o1, o2)
	}
}

func TestTapeNoInput(t *testing.T) {
	tp := new(Tape)
	f, err := tp.Field(tp.Exp(tp.ScaleBy(tp.Time(), tp.Param(2))))
	if err != nil {
		t.Fatal(err)
	}
	if f.InDim() != 0 {
		t.Fatalf("InDim = %d", f.InDim())
	}
	checkDiff(t, f, 0.5, nil, newRand(6))
}

// An input the output ignores still fixes InDim, and its cotangent is 0.
func TestTapeUnusedInput(t *testing.T) {
	tp := new(Tape)
	tp.Input(3)
	f, err := tp.Field(tp.Param(2))
	if err != nil {
		t.Fatal(err)
	}
	if f.InDim() != 3 {
		t.Fatalf("InDim = %d", f.InDim())
	}
	gy := []float64{1, 1, 1}
	f.VJP(0, []float64{1, 2, 3}, []float64{1, 1}, gy, nil)
	if gy[0] != 1 || gy[1] != 1 || gy[2] != 1 {
		t.Errorf("gy = %v", gy)
	}
	checkDiff(t, f, 0, []float64{1, 2, 3}, newRand(7))
}

func TestTapeClone(t *testing.T) {
	m, y := newT3(t, 2, 64)
	f := mlpTape(t, m)
	c := f.Clone()
	a, b, a2 := make([]float64, 2), make([]float64, 2), make([]float64, 2)
	f.Eval(0, y, a)
	c.Eval(0, y, b)
	if a[0] != b[0] || a[1] != b[1] {
		t.Fatal("clone evaluates differently")
	}
	f.Params()[len(f.Params())-1] += 1
	c.Eval(0, y, b)
	// The bias enters last, so the output moves by 1 up to one rounding
	// of the sum, and the original agrees with its clone bit for bit.
	f.Eval(0, y, a2)
	if !(math.Abs(b[1]-(a[1]+1)) <= 1e-15*math.Abs(a[1]+1)) || a2[1] != b[1] {
		t.Errorf("clone does not share parameters: clone %v, original %v, want %v", b[1], a2[1], a[1]+1)
	}
}

func TestTapeLengthPanics(t *testing.T) {
	tp := new(Tape)
	y := tp.Input(2)
	f, _ := tp.Field(tp.Tanh(tp.Affine(tp.ParamMatrix(3, 2), y, tp.Param(3))))
	p := make([]float64, len(f.Params()))
	y2, o3 := make([]float64, 2), make([]float64, 3)
	calls := map[string]func(){
		"Eval y":       func() { f.Eval(0, y2[:1], o3) },
		"Eval out":     func() { f.Eval(0, y2, o3[:2]) },
		"VJP a":        func() { f.VJP(0, y2, o3[:2], y2, p) },
		"VJP gy":       func() { f.VJP(0, y2, o3, o3, p) },
		"VJP gtheta":   func() { f.VJP(0, y2, o3, y2, p[1:]) },
		"JVP v":        func() { f.JVP(0, y2, o3, nil, nil, o3) },
		"JVP w":        func() { f.JVP(0, y2, y2, p[1:], nil, o3) },
		"JVP out":      func() { f.JVP(0, y2, y2, nil, y2, o3) },
		"JVP jv":       func() { f.JVP(0, y2, y2, nil, nil, y2) },
		"EvalVJP out":  func() { f.EvalVJP(0, y2, o3, y2, nil, nil) },
		"OutMatrix":    func() { OutMatrix(f, y2) },
		"Apply length": func() { Tanh.Apply(y2, o3) },
	}
	for name, call := range calls {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			call()
		}()
	}
}

// TestTapeFieldTooLarge checks that Field refuses, with ErrConfig rather
// than a panic, a tape whose values are legal one by one but too many
// together, or too large for the runtime to allocate.
func TestTapeFieldTooLarge(t *testing.T) {
	// 16 values of 2⁶⁰ elements (2²⁸ on 32-bit platforms): the sum of
	// their lengths wraps around int to 0.
	n := 1 << (bits.UintSize - 4)
	tp := new(Tape)
	y := tp.Input(n)
	x := y
	for k := 0; k < 15; k++ {
		x = tp.Add(x, y)
	}
	if err := tp.Err(); err != nil {
		t.Fatalf("building: %v", err)
	}
	if f, err := tp.Field(x); f != nil || !errors.Is(err, ErrConfig) {
		t.Errorf("Field of 16 values of %d elements: %v, want ErrConfig", n, err)
	}
	if bits.UintSize == 32 {
		return // what fits int there may still be allocated, or run out of memory
	}
	// Lengths that fit int but not the runtime's limit on one allocation
	// (2⁴⁸ bytes on amd64 and arm64): a value of 2⁵⁸ elements, and 2⁶⁰
	// parameters.
	tp = new(Tape)
	if f, err := tp.Field(tp.Tanh(tp.Input(n >> 2))); f != nil || !errors.Is(err, ErrConfig) {
		t.Errorf("Field of a value of %d elements: %v, want ErrConfig", n>>2, err)
	}
	tp = new(Tape)
	if f, err := tp.Field(tp.Sum(tp.ParamMatrix(1<<(bits.UintSize/2-2), 1<<(bits.UintSize/2-2)))); f != nil || !errors.Is(err, ErrConfig) {
		t.Errorf("Field with %d parameters: %v, want ErrConfig", n, err)
	}
}

package autodiff

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// sinField is f(y) = θ₀·sin(y) + θ₁·y² (elementwise) with its derivatives
// written by hand.
func sinField() Func {
	return Func{
		In: 3, Out: 3, Params: []float64{0.7, -0.4},
		Eval: func(t float64, y, th, out []float64) {
			for i, v := range y {
				out[i] = th[0]*math.Sin(v) + th[1]*v*v
			}
		},
		VJP: func(t float64, y, th, a, gy, gth []float64) {
			for i, v := range y {
				if gy != nil {
					gy[i] += a[i] * (th[0]*math.Cos(v) + 2*th[1]*v)
				}
				if gth != nil {
					gth[0] += a[i] * math.Sin(v)
					gth[1] += a[i] * v * v
				}
			}
		},
		JVP: func(t float64, y, th, v, w, out, jv []float64) {
			for i, x := range y {
				jv[i] = (th[0]*math.Cos(x) + 2*th[1]*x) * v[i]
				if w != nil {
					jv[i] += w[0]*math.Sin(x) + w[1]*x*x
				}
				if out != nil {
					out[i] = th[0]*math.Sin(x) + th[1]*x*x
				}
			}
		},
	}
}

func TestFuncDerivativesOffered(t *testing.T) {
	full := sinField()
	evalOnly, vjpOnly, jvpOnly := full, full, full
	evalOnly.VJP, evalOnly.JVP = nil, nil
	vjpOnly.JVP = nil
	jvpOnly.VJP = nil
	for _, c := range []struct {
		name     string
		fn       Func
		vjp, jvp bool
	}{{"eval only", evalOnly, false, false}, {"VJP only", vjpOnly, true, false}, {"JVP only", jvpOnly, false, true}, {"both", full, true, true}} {
		f, err := NewFunc(c.fn)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := f.(VJPField); ok != c.vjp {
			t.Errorf("%s: implements VJPField = %v", c.name, ok)
		}
		if _, ok := f.(JVPField); ok != c.jvp {
			t.Errorf("%s: implements JVPField = %v", c.name, ok)
		}
		if _, err := AsVJP(f); (err == nil) != c.vjp || (err != nil && !errors.Is(err, ErrNoDerivative)) {
			t.Errorf("%s: AsVJP error %v", c.name, err)
		}
		if _, err := AsJVP(f); (err == nil) != c.jvp || (err != nil && !errors.Is(err, ErrNoDerivative)) {
			t.Errorf("%s: AsJVP error %v", c.name, err)
		}
		if _, err := AsDiff(f); (err == nil) != (c.vjp && c.jvp) || (err != nil && !errors.Is(err, ErrNoDerivative)) {
			t.Errorf("%s: AsDiff error %v", c.name, err)
		}
		// An evaluation-only field says what is missing, not just "no".
		if _, err := AsVJP(f); err != nil && !strings.Contains(err.Error(), "vector–Jacobian") {
			t.Errorf("%s: AsVJP error %q does not name the derivative", c.name, err)
		}
	}
}

func TestFuncField(t *testing.T) {
	f, err := NewFunc(sinField())
	if err != nil {
		t.Fatal(err)
	}
	d, err := AsDiff(f)
	if err != nil {
		t.Fatal(err)
	}
	checkDiff(t, d, 0, []float64{0.3, -1.2, 2}, newRand(8))
	if d.InDim() != 3 || d.OutDim() != 3 || len(d.Params()) != 2 {
		t.Error("dimensions")
	}
}

func TestFuncErrors(t *testing.T) {
	ok := sinField()
	for name, fn := range map[string]Func{
		"no Eval":  {In: 1, Out: 1},
		"Out = 0":  {In: 1, Out: 0, Eval: ok.Eval},
		"In < 0":   {In: -1, Out: 1, Eval: ok.Eval},
		"negative": {In: -3, Out: -3, Eval: ok.Eval},
	} {
		if _, err := NewFunc(fn); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
	if _, err := FiniteDifferenceJVP(nil); !errors.Is(err, ErrConfig) {
		t.Errorf("FiniteDifferenceJVP(nil): %v", err)
	}
	f, _ := NewFunc(ok)
	d, _ := AsDiff(f)
	y3 := make([]float64, 3)
	for name, call := range map[string]func(){
		"Eval":       func() { d.Eval(0, y3[:2], y3) },
		"VJP gtheta": func() { d.VJP(0, y3, y3, y3, y3) },
		"VJP gy":     func() { d.VJP(0, y3, y3, y3[:1], nil) },
		"JVP w":      func() { d.JVP(0, y3, y3, y3, nil, y3) },
		"JVP out":    func() { d.JVP(0, y3, y3, nil, y3[:2], y3) },
	} {
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

// The finite-difference JVP reaches the accuracy its step is chosen for
// (about ε^(2/3) ≈ 4e-11 relative on this smooth field; the bound allows
// 25×), and restores the parameters to the bit.
func TestFiniteDifferenceJVP(t *testing.T) {
	exact, _ := NewFunc(sinField())
	fn := sinField()
	fn.VJP, fn.JVP = nil, nil
	evalOnly, _ := NewFunc(fn)
	fd, err := FiniteDifferenceJVP(evalOnly)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fd.(VJPField); ok {
		t.Error("finite differences of an evaluation-only field offer a VJP")
	}
	r := newRand(9)
	y, v, w := randVec(r, 3, -2, 2), randVec(r, 3, -1, 1), randVec(r, 2, -1, 1)
	saved := append([]float64(nil), fd.Params()...)
	for _, ww := range [][]float64{w, nil} {
		want, got := make([]float64, 3), make([]float64, 3)
		out, wantOut := make([]float64, 3), make([]float64, 3)
		exact.(JVPField).JVP(0, y, v, ww, wantOut, want)
		fd.JVP(0, y, v, ww, out, got)
		closeTo(t, "finite-difference JVP", got, want, 1e-9)
		closeTo(t, "finite-difference JVP out", out, wantOut, 0)
		for i, p := range fd.Params() {
			if p != saved[i] {
				t.Fatalf("θ[%d] = %v after the JVP, was %v", i, p, saved[i])
			}
		}
	}
	zero := []float64{7, 7, 7}
	fd.JVP(0, y, make([]float64, 3), nil, nil, zero)
	if zero[0] != 0 || zero[1] != 0 || zero[2] != 0 {
		t.Errorf("JVP along 0 = %v", zero)
	}
	fdv, _ := FiniteDifferenceJVP(exact)
	g, ok := fdv.(VJPField)
	if !ok {
		t.Fatal("finite differences of a VJPField lose its VJP")
	}
	gy1, gy2 := make([]float64, 3), make([]float64, 3)
	g.VJP(0, y, v, gy1, nil)
	exact.(VJPField).VJP(0, y, v, gy2, nil)
	closeTo(t, "forwarded VJP", gy1, gy2, 0)

	// A matrix-valued field keeps its shape through the wrapper.
	m, err := NewMLP(MLPConfig{Sizes: []int{2, 12}, OutRows: 4, OutCols: 3})
	if err != nil {
		t.Fatal(err)
	}
	fm, _ := FiniteDifferenceJVP(m)
	if M := OutMatrix(fm, make([]float64, 12)); M.Rows != 4 || M.Cols != 3 {
		t.Errorf("OutMatrix of FiniteDifferenceJVP(4×3 MLP) is %d×%d", M.Rows, M.Cols)
	}
	if M := OutMatrix(fd, make([]float64, 3)); M.Rows != 3 || M.Cols != 1 {
		t.Errorf("OutMatrix of FiniteDifferenceJVP(vector field) is %d×%d", M.Rows, M.Cols)
	}
}

func TestFuncOutShape(t *testing.T) {
	eval := func(_ float64, y, _, out []float64) {
		for i := range out {
			out[i] = float64(i) * y[0]
		}
	}
	f, err := NewFunc(Func{In: 1, Out: 6, OutRows: 2, OutCols: 3, Eval: eval})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 6)
	f.Eval(0, []float64{1}, out)
	m := OutMatrix(f, out)
	if m.Rows != 2 || m.Cols != 3 || m.At(1, 0) != 3 {
		t.Fatalf("OutMatrix = %d×%d %v", m.Rows, m.Cols, m.Data)
	}
	g, err := NewFunc(Func{In: 1, Out: 6, Eval: eval})
	if err != nil {
		t.Fatal(err)
	}
	if r, c := g.(Shaped).OutShape(); r != 6 || c != 1 {
		t.Fatalf("vector Func has shape %d×%d", r, c)
	}
	for _, bad := range [][2]int{{4, 2}, {2, 0}, {0, 6}, {-2, -3}, {4, 1}} {
		if _, err := NewFunc(Func{In: 1, Out: 6, OutRows: bad[0], OutCols: bad[1], Eval: eval}); !errors.Is(err, ErrConfig) {
			t.Errorf("shape %d×%d for Out = 6: err = %v", bad[0], bad[1], err)
		}
	}
}

// TestFiniteDifferenceJVPChecksFirst checks that the finite-difference JVP
// checks every length before it evaluates anything: a wrong jv panics
// before f is evaluated into out.
func TestFiniteDifferenceJVPChecksFirst(t *testing.T) {
	fn := sinField()
	fn.VJP, fn.JVP = nil, nil
	evals := 0
	eval := fn.Eval
	fn.Eval = func(t float64, y, th, out []float64) { evals++; eval(t, y, th, out) }
	f, _ := NewFunc(fn)
	fd, _ := FiniteDifferenceJVP(f)
	y, out := []float64{1, 2, 3}, []float64{7, 7, 7}
	for name, call := range map[string]func(){
		"jv":  func() { fd.JVP(0, y, y, nil, out, make([]float64, 2)) },
		"w":   func() { fd.JVP(0, y, y, []float64{1}, out, make([]float64, 3)) },
		"out": func() { fd.JVP(0, y, y, nil, out[:2], make([]float64, 3)) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, "FiniteDifferenceJVP: len("+name+")") {
					t.Errorf("%s: panic %q, want one naming len(%s)", name, r, name)
				}
			}()
			call()
		}()
		if evals != 0 || out[0] != 7 {
			t.Fatalf("%s: %d evaluations before the length check, out = %v", name, evals, out)
		}
	}
}

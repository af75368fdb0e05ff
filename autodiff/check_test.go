package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tolerances of the derivative checks.
//
// Central differences with step h have truncation error h²/6·|f‴| and
// rounding error about ε·|f|/h (ε = 2.2e-16). With h = 1e-5 on inputs of
// size O(1) the two are 1.7e-11·|f‴| and 2.2e-11·|f|, so a bound of
// fdTol·(1 + |f| + |J·v|) with fdTol = 1e-8 leaves a margin of several
// hundred for third derivatives f‴ up to O(10), while any wrong derivative
// term (an error of the size of the derivative itself) fails it by orders
// of magnitude.
const (
	fdStep = 1e-5
	fdTol  = 1e-8
	// dotTol bounds |⟨a, Jv⟩ − ⟨Jᵀa, v⟩| relative to Σ|aᵢ(Jv)ᵢ| + Σ|(Jᵀa)ⱼvⱼ|:
	// both sides sum the same products in different orders, so they differ
	// by a few units of rounding per operation on the path, far below 1e-12
	// for the depths here.
	dotTol = 1e-12
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6e6465)) }

// randVec returns n values uniform on [lo, hi).
func randVec(r *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*r.Float64()
	}
	return x
}

func dot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func absDot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += math.Abs(x[i] * y[i])
	}
	return s
}

func normInf(x []float64) float64 {
	var m float64
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// fdDirectional returns the central difference of f along (v, w) at
// (t, y, θ), restoring θ afterwards exactly.
func fdDirectional(f Field, t float64, y, v, w []float64) []float64 {
	theta := f.Params()
	saved := append([]float64(nil), theta...)
	yp := make([]float64, len(y))
	fp, fm := make([]float64, f.OutDim()), make([]float64, f.OutDim())
	for _, s := range []float64{1, -1} {
		for i := range y {
			yp[i] = y[i] + s*fdStep*v[i]
		}
		for i := range w {
			theta[i] = saved[i] + s*fdStep*w[i]
		}
		if s > 0 {
			f.Eval(t, yp, fp)
		} else {
			f.Eval(t, yp, fm)
		}
	}
	copy(theta, saved)
	d := make([]float64, len(fp))
	for i := range d {
		d[i] = (fp[i] - fm[i]) / (2 * fdStep)
	}
	return d
}

// checkDiff checks a DiffField at (t, y) with its current parameters:
//   - JVP along random (v, w), along (v, nil), and its out, against Eval
//     and central differences;
//   - every component of the VJP (with respect to each yⱼ and each θₖ)
//     against the central difference of ⟨a, f⟩ along that coordinate;
//   - the dot-product identity ⟨a, J(v, w)⟩ = ⟨Jᵀa, (v, w)⟩ to dotTol;
//   - that VJP accumulates and that nil destinations are skipped.
func checkDiff(t *testing.T, f DiffField, tm float64, y []float64, r *rand.Rand) {
	t.Helper()
	n, m, p := f.InDim(), f.OutDim(), len(f.Params())
	v, w, a := randVec(r, n, -1, 1), randVec(r, p, -1, 1), randVec(r, m, -1, 1)

	want := make([]float64, m)
	f.Eval(tm, y, want)
	out, jv := make([]float64, m), make([]float64, m)
	for _, ww := range [][]float64{w, nil} {
		for i := range out {
			out[i], jv[i] = math.NaN(), math.NaN()
		}
		f.JVP(tm, y, v, ww, out, jv)
		for i := range out {
			if out[i] != want[i] {
				t.Fatalf("JVP out[%d] = %v, Eval gives %v", i, out[i], want[i])
			}
		}
		fd := fdDirectional(f, tm, y, v, ww)
		scale := 1 + normInf(want) + normInf(fd)
		for i := range jv {
			if e := math.Abs(jv[i] - fd[i]); !(e <= fdTol*scale) {
				t.Fatalf("JVP (w nil: %v) [%d] = %v, finite difference %v (error %.3g, allowed %.3g)", ww == nil, i, jv[i], fd[i], e, fdTol*scale)
			}
		}
	}
	// JVP without out gives the same tangent.
	jv2 := make([]float64, m)
	f.JVP(tm, y, v, nil, nil, jv2)
	for i := range jv {
		if jv2[i] != jv[i] {
			t.Fatalf("JVP with out = nil: jv[%d] = %v, with out %v", i, jv2[i], jv[i])
		}
	}

	// VJP, componentwise against finite differences of ⟨a, f⟩.
	gy, gth := make([]float64, n), make([]float64, p)
	f.VJP(tm, y, a, gy, gth)
	unit := func(k, size int) []float64 {
		e := make([]float64, size)
		e[k] = 1
		return e
	}
	scale := 1 + normInf(want)*normInf(a)*float64(m)
	for j := 0; j < n; j++ {
		d := dot(a, fdDirectional(f, tm, y, unit(j, n), nil))
		if e := math.Abs(gy[j] - d); !(e <= fdTol*(scale+math.Abs(d))) {
			t.Fatalf("VJP gy[%d] = %v, finite difference %v (error %.3g)", j, gy[j], d, e)
		}
	}
	zeroY := make([]float64, n)
	for k := 0; k < p; k++ {
		d := dot(a, fdDirectional(f, tm, y, zeroY, unit(k, p)))
		if e := math.Abs(gth[k] - d); !(e <= fdTol*(scale+math.Abs(d))) {
			t.Fatalf("VJP gtheta[%d] = %v, finite difference %v (error %.3g)", k, gth[k], d, e)
		}
	}

	// The dot-product test.
	f.JVP(tm, y, v, w, nil, jv)
	lhs := dot(a, jv)
	rhs := dot(gy, v) + dot(gth, w)
	s := absDot(a, jv) + absDot(gy, v) + absDot(gth, w)
	if e := math.Abs(lhs - rhs); !(e <= dotTol*s) {
		t.Fatalf("dot-product test: ⟨a, Jv⟩ = %v, ⟨Jᵀa, v⟩ = %v, relative error %.3g", lhs, rhs, e/s)
	}

	// VJP adds to what its destinations hold: start them at c_j = j+1,
	// which an overwrite would lose (an error ≥ 1 against a bound ≤ 1e-9).
	for which, pair := range [][2][]float64{{gy, make([]float64, n)}, {gth, make([]float64, p)}} {
		g, acc := pair[0], pair[1]
		for j := range acc {
			acc[j] = float64(j + 1)
		}
		if which == 0 {
			f.VJP(tm, y, a, acc, nil)
		} else {
			f.VJP(tm, y, a, nil, acc)
		}
		for j := range acc {
			c := float64(j + 1)
			if e := math.Abs(acc[j] - c - g[j]); !(e <= 1e-12*(c+math.Abs(g[j]))) {
				t.Fatalf("VJP onto %v: %v, want %v + %v", c, acc[j], c, g[j])
			}
		}
	}
	gyOnly, gthOnly := make([]float64, n), make([]float64, p)
	f.VJP(tm, y, a, gyOnly, nil)
	f.VJP(tm, y, a, nil, gthOnly)
	for j := range gy {
		if gyOnly[j] != gy[j] {
			t.Fatalf("VJP with gtheta = nil: gy[%d] = %v, want %v", j, gyOnly[j], gy[j])
		}
	}
	for k := range gth {
		if gthOnly[k] != gth[k] {
			t.Fatalf("VJP with gy = nil: gtheta[%d] = %v, want %v", k, gthOnly[k], gth[k])
		}
	}

	// EvalVJP, when offered, agrees with Eval and VJP.
	if ev, ok := f.(EvalVJPField); ok {
		gy3, gth3 := make([]float64, n), make([]float64, p)
		for i := range out {
			out[i] = math.NaN()
		}
		ev.EvalVJP(tm, y, a, out, gy3, gth3)
		for i := range out {
			if out[i] != want[i] {
				t.Fatalf("EvalVJP out[%d] = %v, Eval gives %v", i, out[i], want[i])
			}
		}
		for j := range gy {
			if gy3[j] != gy[j] {
				t.Fatalf("EvalVJP gy[%d] = %v, VJP gives %v", j, gy3[j], gy[j])
			}
		}
		for k := range gth {
			if gth3[k] != gth[k] {
				t.Fatalf("EvalVJP gtheta[%d] = %v, VJP gives %v", k, gth3[k], gth[k])
			}
		}
	}
}

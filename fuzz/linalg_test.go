package fuzz

import (
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/linalg"
)

// FuzzNorms decodes vectors, index sets and tolerances from the fuzzer's
// bytes and checks linalg's norms and AllFinite against shadow
// computations written here:
//
//   - the RMS norms against the two-pass sqrt(m²·Σ(x_i/m)²/n) with
//     m = max |x_i|, and NormMax against max |x_i| exactly;
//   - the scaled norms against the plain sums of their definitions over
//     the ratios e_i/sc_i (with the package's 0 for e_i = sc_i = 0);
//   - the non-finite rule of the package doc (NaN if any element, or
//     ratio, is NaN, else +Inf if any is infinite) on the input and on a
//     permutation of it, which must give the same class of result;
//   - that nothing panics for input of valid lengths, and that Validate
//     accepts exactly the tolerances the doc describes.
//
// Both RMS computations round each of n terms a few times and the sum
// once per term, so they agree to a relative error of a few n·ε (ε =
// 2⁻⁵²); the harness allows fzNormTol(n) = 4(n+2)·ε, and 2⁻¹⁰⁷⁴ more for
// the rounding of a subnormal result, whose relative precision is lower.
// The largest error seen in 3·10⁵ inputs was 0.26·(n+2)·ε. The corpus in
// testdata holds an RMS near MaxFloat64, which must not overflow.
func FuzzNorms(f *testing.F) {
	f.Add([]byte{0, 8, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{1, 5, 0xff, 0xf0, 0, 0, 0, 0, 0, 0, 2, 0x7f, 0xef})
	f.Add([]byte{2, 12, 5, 5, 5, 6, 6, 6, 7, 7})
	f.Add([]byte{3, 3, 0, 1, 2, 3})
	f.Add([]byte("norms of bytes"))
	f.Fuzz(fuzzNorms)
}

const fzNormMaxLen = 64

func fzNormTol(n int, want float64) float64 {
	const eps = 0x1p-52
	return 4*float64(n+2)*eps*want + 0x1p-1074
}

// fzFloat returns a value of the class mode selects: 0 moderate values on
// a grid (often exactly 0), 1 any finite bit pattern (subnormals and
// values near MaxFloat64 included), 2 moderate values with NaN and ±Inf
// mixed in, 3 values at the two ends of the range.
func (s *fzSrc) fzFloat(mode int) float64 {
	switch mode {
	case 0:
		return float64(int(s.byte())-128) / 32
	case 1:
		var b uint64
		for k := 0; k < 8; k++ {
			b = b<<8 | uint64(s.byte())
		}
		v := math.Float64frombits(b)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return math.Copysign(math.MaxFloat64, v)
		}
		return v
	case 2:
		switch s.intn(8) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1)
		case 2:
			return math.Inf(-1)
		}
		return float64(int(s.byte())-128) / 32
	default:
		k := float64(int(s.byte()) - 128)
		if s.byte()%2 == 0 {
			return k / 128 * math.MaxFloat64
		}
		return k * 0x1p-1074
	}
}

func (s *fzSrc) fzFloats(n, mode int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = s.fzFloat(mode)
	}
	return x
}

// fzClass is the class of a norm's result under the non-finite rule.
func fzClass(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1) || v < 0:
		return "negative"
	}
	return "finite"
}

// fzRule returns the result the non-finite rule demands of elements x, and
// whether it is decided (some element is not finite).
func fzRule(x []float64) (float64, bool) {
	inf := false
	for _, v := range x {
		if math.IsNaN(v) {
			return math.NaN(), true
		}
		inf = inf || math.IsInf(v, 0)
	}
	return math.Inf(1), inf
}

// shadowRMS is the two-pass RMS of x, for finite x.
func shadowRMS(x []float64) float64 {
	var m float64
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	if m == 0 {
		return 0
	}
	var s float64
	for _, v := range x {
		q := v / m
		s += q * q
	}
	return m * math.Sqrt(s/float64(len(x)))
}

// checkRMS compares a norm of the elements x with the rule, or with the
// shadow for finite x.
func checkRMS(t *testing.T, name string, x []float64, got float64) {
	t.Helper()
	if want, decided := fzRule(x); decided {
		if fzClass(got) != fzClass(want) {
			t.Fatalf("%s of %v = %v, want %v by the non-finite rule", name, x, got, want)
		}
		return
	}
	want := shadowRMS(x)
	if e := math.Abs(got - want); !(e <= fzNormTol(len(x), want)) {
		t.Fatalf("%s of %d elements = %v, shadow %v: error %.3g > %.3g\nx = %v", name, len(x), got, want, e, fzNormTol(len(x), want), x)
	}
}

// shadowRatios returns e_i/sc_i as the scaled norms define them, and
// whether some ratio is ambiguous: its class (finite, infinite, NaN)
// depends on whether sc_i = atol_i + rtol_i·m_i is rounded once (a fused
// multiply–add, which the compiler may emit on arm64 or with GOAMD64=v3)
// or twice, at the edge of overflow.
func shadowRatios(tol linalg.Tol, e, y0, y1 []float64) ([]float64, bool) {
	r := make([]float64, len(e))
	ambiguous := false
	for i := range e {
		rt, at := tol.RTol, tol.ATol
		if tol.RTols != nil {
			rt = tol.RTols[i]
		}
		if tol.ATols != nil {
			at = tol.ATols[i]
		}
		m := math.Max(math.Abs(y0[i]), math.Abs(y1[i]))
		sc := at + float64(rt*m)
		ratio := func(sc float64) float64 {
			if e[i] == 0 && sc == 0 {
				return 0
			}
			return e[i] / sc
		}
		r[i] = ratio(sc)
		ambiguous = ambiguous || fzClass(r[i]) != fzClass(ratio(math.FMA(rt, m, at)))
	}
	return r, ambiguous
}

// fzTol decodes tolerances: mostly valid ones (Validate's rule), scalar
// or per component, sometimes zero, negative, NaN or infinite ones.
func (s *fzSrc) fzTol(n int) (tol linalg.Tol, valid bool) {
	one := func() float64 {
		switch s.intn(16) {
		case 0:
			return 0
		case 1:
			return -1e-6
		case 2:
			return math.NaN()
		case 3:
			return math.Inf(1)
		}
		return math.Ldexp(1, -s.intn(40))
	}
	tol.RTol, tol.ATol = one(), one()
	if s.byte()%2 == 0 {
		tol.RTols = make([]float64, n)
		for i := range tol.RTols {
			tol.RTols[i] = one()
		}
	}
	if s.byte()%2 == 0 {
		tol.ATols = make([]float64, n)
		for i := range tol.ATols {
			tol.ATols[i] = one()
		}
	}
	valid = true
	for i := 0; i < n; i++ {
		r, a := tol.RTol, tol.ATol
		if tol.RTols != nil {
			r = tol.RTols[i]
		}
		if tol.ATols != nil {
			a = tol.ATols[i]
		}
		ok := r >= 0 && a >= 0 && !math.IsInf(r, 0) && !math.IsInf(a, 0) && (r > 0 || a > 0)
		valid = valid && ok
	}
	return tol, valid
}

func fuzzNorms(t *testing.T, data []byte) {
	s := newFzSrc(data)
	mode := s.intn(4)
	n := s.intn(fzNormMaxLen + 1)
	x := s.fzFloats(n, mode)

	// A permutation of x, for the order independence of every norm.
	perm := append([]float64(nil), x...)
	for i := len(perm) - 1; i > 0; i-- {
		j := s.intn(i + 1)
		perm[i], perm[j] = perm[j], perm[i]
	}

	// AllFinite against a plain loop.
	first := -1
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			first = i
			break
		}
	}
	if ok, at := linalg.AllFinite(x); ok != (first < 0) || at != first {
		t.Fatalf("AllFinite(%v) = %v, %d; want first non-finite at %d", x, ok, at, first)
	}

	for _, v := range [][]float64{x, perm} {
		checkRMS(t, "NormRMS", v, linalg.NormRMS(v))
		// NormMax: the rule, else the largest magnitude exactly.
		got := linalg.NormMax(v)
		if want, decided := fzRule(v); decided {
			if fzClass(got) != fzClass(want) {
				t.Fatalf("NormMax(%v) = %v, want %v by the non-finite rule", v, got, want)
			}
		} else {
			var m float64
			for _, e := range v {
				m = math.Max(m, math.Abs(e))
			}
			if got != m {
				t.Fatalf("NormMax(%v) = %v, want %v", v, got, m)
			}
		}
	}
	if a, b := linalg.NormRMS(x), linalg.NormRMS(perm); fzClass(a) != fzClass(b) {
		t.Fatalf("NormRMS of a permutation: %v, then %v", a, b)
	}

	// NormRMSRange over a random range, NormRMSSubset over random indices
	// (repeats allowed: each counts once per listing).
	lo := s.intn(n + 1)
	hi := lo + s.intn(n-lo+1)
	checkRMS(t, "NormRMSRange", x[lo:hi], linalg.NormRMSRange(x, lo, hi))
	if n > 0 {
		idx := make([]int, s.intn(2*n+1))
		sub := make([]float64, len(idx))
		for k := range idx {
			idx[k] = s.intn(n)
			sub[k] = x[idx[k]]
		}
		checkRMS(t, "NormRMSSubset", sub, linalg.NormRMSSubset(x, idx))
	}

	// The scaled norms, with x as the error estimate.
	y0, y1 := s.fzFloats(n, s.intn(4)), s.fzFloats(n, s.intn(4))
	tol, valid := s.fzTol(n)
	if err := tol.Validate(n); (err == nil) != valid || err != nil && !errors.Is(err, linalg.ErrTolerance) {
		t.Fatalf("Validate(%d) of %+v = %v, want valid = %v", n, tol, err, valid)
	}
	ratios, ambiguous := shadowRatios(tol, x, y0, y1)
	rms, max := tol.ScaledRMS(x, y0, y1), tol.ScaledMax(x, y0, y1)
	if want, decided := fzRule(ratios); ambiguous {
	} else if decided {
		if fzClass(rms) != fzClass(want) || fzClass(max) != fzClass(want) {
			t.Fatalf("ScaledRMS, ScaledMax = %v, %v; want %v by the rule over the ratios %v", rms, max, want, ratios)
		}
	} else {
		var m float64
		for _, r := range ratios {
			m = math.Max(m, math.Abs(r))
		}
		// One rounding of sc_i more or less (see shadowRatios) moves a
		// ratio by 2ε relative.
		if e := math.Abs(max - m); !(e <= 0x1p-51*m) {
			t.Fatalf("ScaledMax = %v, want %v (ratios %v)", max, m, ratios)
		}
		// The doc allows the unscaled squares to overflow to +Inf, which
		// needs Σ r² > MaxFloat64 and so an RMS above √(MaxFloat64/n) >
		// 1e153, and to underflow, which costs at most 2⁻¹⁰⁷⁵ per square
		// and so at most √(2⁻¹⁰⁷⁵) < 2⁻⁵³⁷ on the RMS.
		want := shadowRMS(ratios)
		overflow := math.IsInf(rms, 1) && want > 1e153
		if e := math.Abs(rms - want); !overflow && !(e <= fzNormTol(n, want)+0x1p-537) {
			t.Fatalf("ScaledRMS = %v, shadow %v: error %.3g > %.3g (ratios %v)", rms, want, e, fzNormTol(n, want)+0x1p-537, ratios)
		}
	}
	// The same on the permuted components gives the same class of result.
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := s.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	pe, p0, p1 := make([]float64, n), make([]float64, n), make([]float64, n)
	ptol := tol
	if tol.RTols != nil {
		ptol.RTols = make([]float64, n)
	}
	if tol.ATols != nil {
		ptol.ATols = make([]float64, n)
	}
	for i, j := range p {
		pe[i], p0[i], p1[i] = x[j], y0[j], y1[j]
		if tol.RTols != nil {
			ptol.RTols[i] = tol.RTols[j]
		}
		if tol.ATols != nil {
			ptol.ATols[i] = tol.ATols[j]
		}
	}
	if a := ptol.ScaledRMS(pe, p0, p1); fzClass(a) != fzClass(rms) {
		t.Fatalf("ScaledRMS of permuted components = %v, of the original %v", a, rms)
	}
	if a := ptol.ScaledMax(pe, p0, p1); fzClass(a) != fzClass(max) || fzClass(a) == "finite" && a != max {
		t.Fatalf("ScaledMax of permuted components = %v, of the original %v", a, max)
	}
}

package linalg

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatalf("no panic, want one containing %q", want)
		}
		if s, _ := r.(string); !strings.Contains(s, want) {
			t.Fatalf("panic %v, want one containing %q", r, want)
		}
	}()
	f()
}

func TestVectorOps(t *testing.T) {
	a := []float64{1, -2, 3.5}
	b := []float64{0.5, 4, -1}
	dst := make([]float64, 3)
	Add(dst, a, b)
	if dst[0] != 1.5 || dst[1] != 2 || dst[2] != 2.5 {
		t.Fatalf("Add = %v", dst)
	}
	Sub(dst, a, b)
	if dst[0] != 0.5 || dst[1] != -6 || dst[2] != 4.5 {
		t.Fatalf("Sub = %v", dst)
	}
	Mul(dst, a, b)
	if dst[0] != 0.5 || dst[1] != -8 || dst[2] != -3.5 {
		t.Fatalf("Mul = %v", dst)
	}
	AddScaled(dst, a, -2, b)
	if dst[0] != 0 || dst[1] != -10 || dst[2] != 5.5 {
		t.Fatalf("AddScaled = %v", dst)
	}
	Copy(dst, a)
	Scale(2, dst)
	if dst[0] != 2 || dst[1] != -4 || dst[2] != 7 {
		t.Fatalf("Scale = %v", dst)
	}
	if d := Dot(a, b); d != 0.5-8-3.5 {
		t.Fatalf("Dot = %v", d)
	}
	Zero(dst)
	if dst[0] != 0 || dst[1] != 0 || dst[2] != 0 {
		t.Fatalf("Zero = %v", dst)
	}
	mustPanic(t, "3 != 2", func() { Add(dst, a, b[:2]) })
	mustPanic(t, "3 != 2", func() { Copy(dst, a[:2]) })
}

func TestAllFinite(t *testing.T) {
	for _, tc := range []struct {
		x     []float64
		ok    bool
		first int
	}{
		{nil, true, -1},
		{[]float64{1, 2, math.MaxFloat64}, true, -1},
		{[]float64{1, math.Inf(-1), math.NaN()}, false, 1},
		{[]float64{math.NaN()}, false, 0},
	} {
		ok, first := AllFinite(tc.x)
		if ok != tc.ok || first != tc.first {
			t.Errorf("AllFinite(%v) = %v, %d; want %v, %d", tc.x, ok, first, tc.ok, tc.first)
		}
	}
}

func TestMatrix(t *testing.T) {
	// M = [1 2 3; 4 5 6]
	m := NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6})
	y := make([]float64, 2)
	m.MulVec(y, []float64{1, 0, -1})
	if y[0] != -2 || y[1] != -2 {
		t.Fatalf("MulVec = %v", y)
	}
	m.MulVecAdd(y, []float64{0, 1, 0})
	if y[0] != 0 || y[1] != 3 {
		t.Fatalf("MulVecAdd = %v", y)
	}
	z := make([]float64, 3)
	m.MulTVec(z, []float64{1, -1})
	if z[0] != -3 || z[1] != -3 || z[2] != -3 {
		t.Fatalf("MulTVec = %v", z)
	}
	m.MulTVecAdd(z, []float64{0, 1})
	if z[0] != 1 || z[1] != 2 || z[2] != 3 {
		t.Fatalf("MulTVecAdd = %v", z)
	}
	m.AddOuter(2, []float64{1, 0}, []float64{1, 1, 1})
	if m.At(0, 0) != 3 || m.At(0, 2) != 5 || m.At(1, 0) != 4 {
		t.Fatalf("AddOuter = %v", m.Data)
	}
	m.Set(1, 2, -1)
	if r := m.Row(1); r[2] != -1 || len(r) != 3 || cap(r) != 3 {
		t.Fatalf("Row(1) = %v (cap %d)", r, cap(r))
	}
	mustPanic(t, "2×3 matrix over 5", func() { NewMatrix(2, 3, make([]float64, 5)) })
	// 3·cols wraps around to 2 in int arithmetic (on 32 and 64 bits alike).
	wrap := int(uint(math.MaxUint)/3 + 1)
	mustPanic(t, "matrix over 2", func() { NewMatrix(3, wrap, make([]float64, 2)) })
	mustPanic(t, "0×2 matrix over 1", func() { NewMatrix(0, 2, make([]float64, 1)) })
	mustPanic(t, "2×0 matrix over 1", func() { NewMatrix(2, 0, make([]float64, 1)) })
	if e := NewMatrix(3, 0, nil); e.Rows != 3 || e.Cols != 0 {
		t.Errorf("NewMatrix(3, 0, nil) = %d×%d", e.Rows, e.Cols)
	}
	mustPanic(t, "outside 2×3", func() { m.At(2, 0) })
	mustPanic(t, "outside 2×3", func() { m.Set(0, -1, 0) })
	mustPanic(t, "row 2", func() { m.Row(2) })
}

func TestNorms(t *testing.T) {
	x := []float64{3, -4}
	if got, want := NormRMS(x), math.Sqrt(12.5); !(math.Abs(got-want) <= 1e-15*want) {
		t.Errorf("NormRMS = %v, want %v", got, want)
	}
	if NormRMS(nil) != 0 || NormMax(nil) != 0 || NormRMSSubset(x, nil) != 0 {
		t.Error("norms of empty vectors are not 0")
	}
	if got := NormMax(x); got != 4 {
		t.Errorf("NormMax = %v", got)
	}
	if !math.IsNaN(NormMax([]float64{1, math.NaN(), 5})) {
		t.Error("NormMax ignores NaN")
	}
	if !math.IsNaN(NormRMS([]float64{1, math.NaN()})) || !math.IsInf(NormRMS([]float64{1, math.Inf(-1)}), 1) {
		t.Error("NormRMS ignores a non-finite element")
	}
	// No overflow or underflow where the result is representable.
	big := []float64{1e300, 1e300}
	if got := NormRMS(big); !(math.Abs(got-1e300) <= 1e285) {
		t.Errorf("NormRMS(1e300, 1e300) = %v", got)
	}
	tiny := []float64{3e-310, 4e-310}
	if got, want := NormRMS(tiny), 5e-310/math.Sqrt2; !(math.Abs(got-want) <= 1e-15*want+1e-323) {
		t.Errorf("NormRMS(subnormals) = %v, want %v", got, want)
	}
	y := []float64{1, 100, 2, 100}
	if got, want := NormRMSSubset(y, []int{0, 2}), math.Sqrt(2.5); !(math.Abs(got-want) <= 1e-15) {
		t.Errorf("NormRMSSubset = %v, want %v", got, want)
	}
	if got, want := NormRMSRange(y, 0, 1), 1.0; got != want {
		t.Errorf("NormRMSRange = %v, want %v", got, want)
	}
	mustPanic(t, "outside length 4", func() { NormRMSRange(y, 2, 5) })
}

func TestScaledNorms(t *testing.T) {
	e := []float64{1e-6, -2e-6}
	y0 := []float64{1, -3}
	y1 := []float64{2, 0.5}
	tol := Tol{RTol: 1e-3, ATol: 1e-6}
	// sc = (1e-6 + 2e-3, 1e-6 + 3e-3), computed by hand.
	r0, r1 := 1e-6/(1e-6+2e-3), 2e-6/(1e-6+3e-3)
	want := math.Sqrt((r0*r0 + r1*r1) / 2)
	if got := tol.ScaledRMS(e, y0, y1); !(math.Abs(got-want) <= 1e-15*want) {
		t.Errorf("ScaledRMS = %v, want %v", got, want)
	}
	if got := tol.ScaledMax(e, y0, y1); !(math.Abs(got-math.Max(r0, r1)) <= 1e-15) {
		t.Errorf("ScaledMax = %v, want %v", got, math.Max(r0, r1))
	}
	// Per-component tolerances replace the scalars.
	vec := Tol{RTols: []float64{1e-3, 0}, ATols: []float64{1e-6, 1e-6}}
	r1v := 2e-6 / 1e-6
	wantv := math.Sqrt((r0*r0 + r1v*r1v) / 2)
	if got := vec.ScaledRMS(e, y0, y1); !(math.Abs(got-wantv) <= 1e-15*wantv) {
		t.Errorf("ScaledRMS (vector tol) = %v, want %v", got, wantv)
	}
	if !math.IsNaN(tol.ScaledRMS([]float64{math.NaN(), 0}, y0, y1)) {
		t.Error("ScaledRMS hides a NaN error estimate")
	}
	mustPanic(t, "2 != 1", func() { tol.ScaledRMS(e, y0[:1], y1) })

	// A purely relative tolerance (atol = 0, which Validate accepts) and a
	// component that is 0 at both ends with no error: sc = 0, and the
	// component must count as 0, not as 0/0 = NaN. A nonzero error there
	// is infinitely too large, and a NaN state still shows.
	rel := []Tol{{RTol: 1e-3}, {RTols: []float64{1e-3, 1e-3}, ATols: []float64{0, 0}}}
	for _, tol := range rel {
		if err := tol.Validate(2); err != nil {
			t.Fatalf("%+v: %v", tol, err)
		}
		e, y0, y1 := []float64{0, 1e-6}, []float64{0, 1}, []float64{0, 1}
		if got, want := tol.ScaledRMS(e, y0, y1), math.Sqrt(0.5)*1e-3; !(math.Abs(got-want) <= 1e-15*want) {
			t.Errorf("%+v: ScaledRMS with a zero component = %v, want %v", tol, got, want)
		}
		if got, want := tol.ScaledMax(e, y0, y1), 1e-3; !(math.Abs(got-want) <= 1e-15*want) {
			t.Errorf("%+v: ScaledMax with a zero component = %v, want %v", tol, got, want)
		}
		e[0] = 1e-300
		if got := tol.ScaledRMS(e, y0, y1); !math.IsInf(got, 1) {
			t.Errorf("%+v: ScaledRMS of an error over a zero scale = %v, want +Inf", tol, got)
		}
		e[0], y1[0] = 0, math.NaN()
		if got := tol.ScaledMax(e, y0, y1); !math.IsNaN(got) {
			t.Errorf("%+v: ScaledMax with a NaN state = %v, want NaN", tol, got)
		}
	}
}

func TestTolValidate(t *testing.T) {
	good := []Tol{{RTol: 1e-6, ATol: 1e-9}, {RTol: 0, ATol: 1e-9}, {RTols: []float64{1, 0}, ATol: 1}}
	for _, tol := range good {
		if err := tol.Validate(2); err != nil {
			t.Errorf("%+v: %v", tol, err)
		}
	}
	bad := []Tol{
		{}, {RTol: -1, ATol: 1}, {RTol: math.NaN(), ATol: 1}, {RTol: 1, ATol: math.Inf(1)},
		{RTols: []float64{1}, ATol: 1}, {RTol: 1, ATols: []float64{1, 2, 3}},
		{RTols: []float64{0, 1}, ATols: []float64{0, 1}},
	}
	for _, tol := range bad {
		if err := tol.Validate(2); !errors.Is(err, ErrTolerance) {
			t.Errorf("%+v: err = %v, want ErrTolerance", tol, err)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	x := make([]float64, 64)
	w := make([]float64, 64*64)
	y := make([]float64, 64)
	m := NewMatrix(64, 64, w)
	tol := Tol{RTol: 1e-6, ATol: 1e-6}
	if n := testing.AllocsPerRun(100, func() {
		m.MulVec(y, x)
		m.MulTVecAdd(y, x)
		_ = NormRMS(x) + tol.ScaledRMS(x, y, y)
		AddScaled(y, y, 0.5, x)
	}); n != 0 {
		t.Fatalf("%v allocations per run", n)
	}
}

// permutations calls fn with every ordering of x (x is permuted in place
// and restored).
func permutations(x []float64, fn func([]float64)) {
	var rec func(k int)
	rec = func(k int) {
		if k == len(x) {
			fn(x)
			return
		}
		for i := k; i < len(x); i++ {
			x[k], x[i] = x[i], x[k]
			rec(k + 1)
			x[k], x[i] = x[i], x[k]
		}
	}
	rec(0)
}

// TestNormsNonFinite checks the rule of the package doc, whatever the
// order of the elements: NaN if any element is NaN, otherwise +Inf if any
// is ±Inf. For the scaled norms the elements are the ratios e_i/sc_i; the
// scales here are finite and positive, so a ratio is non-finite exactly
// when e_i is.
func TestNormsNonFinite(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	tol := Tol{RTol: 1e-3, ATol: 1e-6}
	vec := Tol{RTols: []float64{1e-3, 1e-3, 1e-3, 1e-3}, ATols: []float64{1e-6, 1e-6, 1e-6, 1e-6}}
	norms := map[string]func(x []float64) float64{
		"NormRMS":       NormRMS,
		"NormMax":       NormMax,
		"NormRMSRange":  func(x []float64) float64 { return NormRMSRange(append([]float64{7}, x...), 1, len(x)+1) },
		"NormRMSSubset": func(x []float64) float64 { return NormRMSSubset(x, []int{0, 1, 2, 3}[:len(x)]) },
		"ScaledRMS": func(x []float64) float64 {
			return tol.ScaledRMS(x, []float64{1, 1, 1, 1}[:len(x)], []float64{2, 2, 2, 2}[:len(x)])
		},
		"ScaledMax": func(x []float64) float64 {
			return tol.ScaledMax(x, []float64{1, 1, 1, 1}[:len(x)], []float64{2, 2, 2, 2}[:len(x)])
		},
		"ScaledRMS per component": func(x []float64) float64 {
			v := Tol{RTols: vec.RTols[:len(x)], ATols: vec.ATols[:len(x)]}
			return v.ScaledRMS(x, []float64{1, 1, 1, 1}[:len(x)], []float64{2, 2, 2, 2}[:len(x)])
		},
		"ScaledMax per component": func(x []float64) float64 {
			v := Tol{RTols: vec.RTols[:len(x)], ATols: vec.ATols[:len(x)]}
			return v.ScaledMax(x, []float64{1, 1, 1, 1}[:len(x)], []float64{2, 2, 2, 2}[:len(x)])
		},
	}
	cases := []struct {
		x    []float64
		want float64
	}{
		{[]float64{inf, nan}, nan},
		{[]float64{-inf, nan, 1}, nan},
		{[]float64{inf, -inf, 2, nan}, nan},
		{[]float64{0, nan}, nan},
		{[]float64{inf, 3}, inf},
		{[]float64{-inf, 0, 1e300}, inf},
		{[]float64{-inf, inf}, inf},
		{[]float64{0, -inf}, inf},
	}
	for name, norm := range norms {
		for _, tc := range cases {
			permutations(tc.x, func(x []float64) {
				got := norm(x)
				if math.IsNaN(tc.want) && !math.IsNaN(got) || !math.IsNaN(tc.want) && got != tc.want {
					t.Errorf("%s(%v) = %v, want %v", name, x, got, tc.want)
				}
			})
		}
	}
}

// TestScaledNormTolLengths checks that per-component tolerances of the
// wrong length, longer or shorter, are refused by the norms with a panic
// naming both lengths, and by Validate with an error.
func TestScaledNormTolLengths(t *testing.T) {
	e, y := []float64{1e-6, 2e-6}, []float64{1, 1}
	for _, tc := range []struct {
		tol  Tol
		want string
	}{
		{Tol{RTol: 1e-3, ATols: []float64{1, 1, 1}}, "3 absolute tolerances for 2 components"},
		{Tol{RTol: 1e-3, ATols: []float64{1}}, "1 absolute tolerances for 2 components"},
		{Tol{RTols: []float64{1, 1, 1}, ATol: 1e-6}, "3 relative tolerances for 2 components"},
		{Tol{RTols: []float64{}, ATols: []float64{1, 1}}, "0 relative tolerances for 2 components"},
	} {
		mustPanic(t, "linalg.Tol.ScaledRMS: "+tc.want, func() { tc.tol.ScaledRMS(e, y, y) })
		mustPanic(t, "linalg.Tol.ScaledMax: "+tc.want, func() { tc.tol.ScaledMax(e, y, y) })
		if err := tc.tol.Validate(2); !errors.Is(err, ErrTolerance) {
			t.Errorf("%+v: Validate(2) = %v, want ErrTolerance", tc.tol, err)
		}
	}
	// Empty vectors with empty per-component tolerances are consistent.
	if got := (Tol{RTols: []float64{}, ATols: []float64{}}).ScaledMax(nil, nil, nil); got != 0 {
		t.Errorf("ScaledMax of nothing = %v", got)
	}
}

// TestNormRMSSubsetIndex checks that an index outside x panics with a
// message naming it, the position in idx and len(x), not a bare runtime
// error.
func TestNormRMSSubsetIndex(t *testing.T) {
	x := []float64{1, 2, 3}
	mustPanic(t, "linalg.NormRMSSubset: idx[1] = 3 outside length 3", func() { NormRMSSubset(x, []int{0, 3}) })
	mustPanic(t, "linalg.NormRMSSubset: idx[0] = -1 outside length 3", func() { NormRMSSubset(x, []int{-1}) })
	mustPanic(t, "linalg.NormRMSSubset: idx[0] = 0 outside length 0", func() { NormRMSSubset(nil, []int{0}) })
}

// TestNormRMSNearOverflow checks the promise of NormRMS's doc at the top
// of the range: an RMS near MaxFloat64 is representable and must not
// overflow, though the Euclidean norm √n·RMS does.
func TestNormRMSNearOverflow(t *testing.T) {
	m := math.MaxFloat64
	for _, tc := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{m, m}, m},
		{[]float64{m, -m, m}, m},
		{[]float64{m, m / 2}, m * math.Sqrt(0.625)}, // (1 + 1/4)/2 = 0.625
	} {
		idx := make([]int, len(tc.x))
		for i := range idx {
			idx[i] = i
		}
		for name, got := range map[string]float64{"NormRMS": NormRMS(tc.x), "NormRMSSubset": NormRMSSubset(tc.x, idx)} {
			if !(math.Abs(got-tc.want) <= 1e-15*tc.want) {
				t.Errorf("%s(%v) = %v, want %v", name, tc.x, got, tc.want)
			}
		}
	}
}

// TestTolSlice: the tolerances of a slice of the state measure that slice
// as the whole-state tolerances measure the same components.
func TestTolSlice(t *testing.T) {
	tol := Tol{RTol: 1e-3, ATols: []float64{1, 2, 4, 8}}
	e, y := []float64{1, 1, 1, 1}, []float64{0, 0, 0, 0}
	s := tol.Slice(1, 3)
	if len(s.ATols) != 2 || s.ATols[0] != 2 || s.ATols[1] != 4 || s.RTols != nil || s.RTol != 1e-3 {
		t.Fatalf("Slice(1, 3) = %+v", s)
	}
	// |e|/atol = 1/2 and 1/4: RMS √((1/4 + 1/16)/2), max 1/2.
	if got, want := s.ScaledRMS(e[1:3], y[1:3], y[1:3]), math.Sqrt((0.25+0.0625)/2); math.Abs(got-want) > 1e-15 {
		t.Errorf("ScaledRMS over components 1, 2 = %v, want %v", got, want)
	}
	if got := s.ScaledMax(e[1:3], y[1:3], y[1:3]); got != 0.5 {
		t.Errorf("ScaledMax over components 1, 2 = %v, want 0.5", got)
	}
	if sc := (Tol{RTol: 1, ATol: 2}).Slice(0, 0); sc.RTol != 1 || sc.ATol != 2 {
		t.Errorf("scalar tolerances sliced to %+v", sc)
	}
}

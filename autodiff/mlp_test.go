package autodiff

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// newT3 returns the T3 benchmark field f(y) = W2 tanh(W1 y + b1) + b2 with
// the weights of ../shared/TASKS.md, and T3's y0.
func newT3(tb testing.TB, d, H int) (*MLP, []float64) {
	tb.Helper()
	m, err := NewMLP(MLPConfig{Sizes: []int{d, H, d}, Act: Tanh})
	if err != nil {
		tb.Fatal(err)
	}
	l1, l2 := m.Layer(0), m.Layer(1)
	for i := 0; i < H; i++ {
		for j := 0; j < d; j++ {
			l1.W.Set(i, j, math.Sin(0.37*float64(i+1)+0.73*float64(j+1))/math.Sqrt(float64(d)))
		}
		l1.B[i] = 0.1 * math.Cos(float64(i+1))
	}
	for i := 0; i < d; i++ {
		for j := 0; j < H; j++ {
			l2.W.Set(i, j, math.Sin(0.53*float64(i+1)-0.29*float64(j+1))/math.Sqrt(float64(H)))
		}
		l2.B[i] = 0.05 * math.Sin(float64(i+1))
	}
	y0 := make([]float64, d)
	for i := range y0 {
		y0[i] = math.Cos(0.7 * float64(i+1))
	}
	return m, y0
}

// refMLP evaluates the network from the documented parameter layout alone,
// with plain loops: θ = W₁ (row-major), b₁, W₂, b₂, …; time is the last
// input column.
func refMLP(cfg MLPConfig, acts []Activation, theta []float64, t float64, y []float64) []float64 {
	x := append([]float64(nil), y...)
	if cfg.Time {
		x = append(x, t)
	}
	off := 0
	for l := 1; l < len(cfg.Sizes); l++ {
		rows, cols := cfg.Sizes[l], len(x)
		z := make([]float64, rows)
		for i := range z {
			for j := 0; j < cols; j++ {
				z[i] += theta[off+i*cols+j] * x[j]
			}
		}
		off += rows * cols
		for i := range z {
			z[i] += theta[off+i]
		}
		off += rows
		acts[l-1].Apply(z, z)
		x = z
	}
	if off != len(theta) {
		panic("refMLP: layout does not cover θ")
	}
	return x
}

var mlpCases = []MLPConfig{
	{Sizes: []int{2, 64, 2}, Act: Tanh},
	{Sizes: []int{3, 5, 4, 2}, Act: Tanh, Final: Sigmoid, Time: true, Seed: 1},
	{Sizes: []int{3, 6, 6, 3}, Acts: []Activation{Softplus, LipSwish, Tanh}, Time: true, Seed: 2},
	{Sizes: []int{4, 7, 12}, Act: LipSwish, Final: Identity, Seed: 3, OutRows: 4, OutCols: 3},
	{Sizes: []int{3, 2}, Act: Tanh, Final: Sin, Time: true, Seed: 4},
	{Sizes: []int{2, 8, 8, 8, 2}, Act: ReLU, Final: Softplus, Seed: 5},
	{Sizes: []int{2, 4, 3}, Acts: []Activation{Exp, Cos}, Seed: 6},
	{Sizes: []int{1, 1}, Seed: 7},
}

func (c MLPConfig) String() string {
	return fmt.Sprintf("sizes=%v/time=%v/seed=%d", c.Sizes, c.Time, c.Seed)
}

func TestMLPEvalMatchesLayout(t *testing.T) {
	r := newRand(1)
	for _, cfg := range mlpCases {
		m, err := NewMLP(cfg)
		if err != nil {
			t.Fatal(err)
		}
		acts := make([]Activation, m.NumLayers())
		for l := range acts {
			acts[l] = m.Layer(l).Act
		}
		for trial := 0; trial < 3; trial++ {
			y := randVec(r, m.InDim(), -1.5, 1.5)
			tm := r.Float64()
			got := make([]float64, m.OutDim())
			m.Eval(tm, y, got)
			want := refMLP(cfg, acts, m.Params(), tm, y)
			for i := range got {
				// The kernels may sum in another order: a few ulps of the
				// sum of |terms|, which is O(1) for these widths.
				if !(math.Abs(got[i]-want[i]) <= 1e-14*math.Max(1, math.Abs(want[i]))) {
					t.Fatalf("%v: Eval[%d] = %v, reference %v", cfg, i, got[i], want[i])
				}
			}
		}
	}
}

func TestMLPDerivatives(t *testing.T) {
	r := newRand(2)
	for _, cfg := range mlpCases {
		t.Run(cfg.String(), func(t *testing.T) {
			m, err := NewMLP(cfg)
			if err != nil {
				t.Fatal(err)
			}
			checkDiff(t, m, 0.3, randVec(r, m.InDim(), -1, 1), r)
		})
	}
}

func TestMLPDerivativesT3(t *testing.T) {
	for _, s := range [][2]int{{2, 64}, {32, 128}} {
		if testing.Short() && s[0] == 32 {
			continue // 8352 parameters: 17k evaluations for the VJP check
		}
		m, y0 := newT3(t, s[0], s[1])
		checkDiff(t, m, 0, y0, newRand(3))
	}
}

func TestMLPActivationsFollowConfig(t *testing.T) {
	m, err := NewMLP(MLPConfig{Sizes: []int{2, 3, 3, 1}, Act: Softplus, Final: Sigmoid})
	if err != nil {
		t.Fatal(err)
	}
	for l, want := range []Activation{Softplus, Softplus, Sigmoid} {
		if got := m.Layer(l).Act; got != want {
			t.Errorf("layer %d: %v, want %v", l, got, want)
		}
	}
	if m.TimeInput() {
		t.Error("TimeInput without Time")
	}
}

func TestMLPLayout(t *testing.T) {
	m, err := NewMLP(MLPConfig{Sizes: []int{3, 4, 2}, Time: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := len(m.Params()); p != 4*4+4+2*4+2 {
		t.Fatalf("%d parameters, want %d", p, 4*4+4+2*4+2)
	}
	g := make([]float64, len(m.Params()))
	for i := range g {
		g[i] = float64(i)
	}
	l0, l1 := m.LayerOf(g, 0), m.LayerOf(g, 1)
	if l0.W.Rows != 4 || l0.W.Cols != 4 || l0.W.At(1, 2) != 6 || l0.B[0] != 16 || len(l0.B) != 4 {
		t.Errorf("layer 0 view: %+v", l0)
	}
	if l1.W.Rows != 2 || l1.W.Cols != 4 || l1.W.At(1, 3) != 20+7 || l1.B[1] != 29 || len(l1.B) != 2 {
		t.Errorf("layer 1 view: %+v", l1)
	}
	// Views must not reach past their layer.
	if cap(l0.B) != 4 || cap(l0.W.Data) != 16 {
		t.Errorf("layer 0 views have capacities %d and %d", cap(l0.B), cap(l0.W.Data))
	}
}

func TestMLPInit(t *testing.T) {
	cfg := MLPConfig{Sizes: []int{5, 400, 3}, Act: Tanh, Time: true, Seed: 42}
	m, _ := NewMLP(cfg)
	m2, _ := NewMLP(cfg)
	for i, v := range m.Params() {
		if m2.Params()[i] != v {
			t.Fatalf("same seed, different θ[%d]", i)
		}
	}
	cfg.Seed = 43
	m3, _ := NewMLP(cfg)
	same := 0
	for i, v := range m.Params() {
		if m3.Params()[i] == v {
			same++
		}
	}
	if same > 2 {
		t.Errorf("seeds 42 and 43 share %d parameters", same)
	}
	// Each layer uniform on [−1/√n, 1/√n): every value inside, and the
	// sample variance near bound²/3. For N uniform values the variance of
	// the sample second moment is bound⁴(1/5 − 1/9)/N; the test allows
	// 6 standard deviations.
	for l := 0; l < m.NumLayers(); l++ {
		L := m.Layer(l)
		bound := 1 / math.Sqrt(float64(L.W.Cols))
		vals := append(append([]float64(nil), L.W.Data...), L.B...)
		var s2 float64
		for _, v := range vals {
			if !(v >= -bound && v < bound) {
				t.Fatalf("layer %d: %v outside ±%v", l, v, bound)
			}
			s2 += v * v
		}
		N := float64(len(vals))
		got, want := s2/N, bound*bound/3
		sd := bound * bound * math.Sqrt((1.0/5-1.0/9)/N)
		if !(math.Abs(got-want) <= 6*sd) {
			t.Errorf("layer %d: mean square %v, want %v ± %v", l, got, want, 6*sd)
		}
	}
	if L := m.Layer(0); L.W.Cols != 6 {
		t.Errorf("layer 0 fan-in %d, want 5 + time", L.W.Cols)
	}
}

// The SplitMix64 stream against the reference implementation's outputs
// for seed 1234567 (Vigna, splitmix64.c, as listed by many ports).
func TestSplitMix64(t *testing.T) {
	r := splitMix64{state: 1234567}
	for i, want := range []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821} {
		if got := r.next(); got != want {
			t.Fatalf("output %d = %d, want %d", i, got, want)
		}
	}
}

func TestMLPOutMatrix(t *testing.T) {
	m, err := NewMLP(MLPConfig{Sizes: []int{4, 8, 12}, Act: Tanh, OutRows: 4, OutCols: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.OutShape(); r != 4 || c != 3 {
		t.Fatalf("OutShape = %d×%d", r, c)
	}
	out := make([]float64, 12)
	m.Eval(0, []float64{1, 2, 3, 4}, out)
	M := OutMatrix(m, out)
	if M.At(2, 1) != out[2*3+1] {
		t.Error("OutMatrix is not row-major")
	}
	if M2 := m.OutMatrix(out); M2.Rows != 4 || M2.Cols != 3 {
		t.Errorf("MLP.OutMatrix %d×%d", M2.Rows, M2.Cols)
	}
	m1, _ := NewMLP(MLPConfig{Sizes: []int{2, 3}})
	if r, c := m1.OutShape(); r != 3 || c != 1 {
		t.Errorf("default OutShape %d×%d", r, c)
	}
}

func TestMLPConfigErrors(t *testing.T) {
	bad := []MLPConfig{
		{},
		{Sizes: []int{3}},
		{Sizes: []int{3, 0, 2}},
		{Sizes: []int{-1, 2}},
		{Sizes: []int{2, 3}, Acts: []Activation{Tanh, Tanh}},
		{Sizes: []int{2, 3}, Final: Activation(99)},
		{Sizes: []int{2, 6}, OutRows: 4, OutCols: 2},
		{Sizes: []int{2, 6}, OutRows: 6},
		{Sizes: []int{2, 6}, OutRows: -2, OutCols: -3},
		{Sizes: []int{2, 2}, OutRows: 3, OutCols: int(uint(math.MaxUint)/3 + 1)}, // 3·cols wraps to 2
		{Sizes: []int{math.MaxInt / 2, math.MaxInt / 2}},
		{Sizes: []int{2, math.MaxInt / 3, 2}},
	}
	for _, cfg := range bad {
		if _, err := NewMLP(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("NewMLP(%+v): error %v, want ErrConfig", cfg, err)
		}
	}
}

// TestMLPTooLarge checks that sizes legal one by one but too large
// together are refused with ErrConfig rather than a panic in make: 2⁶⁰
// parameters (beyond every platform's allocation limit; on 32-bit
// platforms 2³⁰ is itself too large), and parameters that fit but a
// workspace (3 input-sized and 4 layer-sized vectors) whose length does
// not fit the bound on sums.
func TestMLPTooLarge(t *testing.T) {
	for _, tc := range []struct {
		cfg  MLPConfig
		want string
	}{
		{MLPConfig{Sizes: []int{1 << 30, 1 << 30}}, ""},
		{MLPConfig{Sizes: []int{maxLen / 2, 1}}, "workspace"},
	} {
		m, err := NewMLP(tc.cfg)
		if m != nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewMLP(Sizes %v): %v, want ErrConfig (%q)", tc.cfg.Sizes, err, tc.want)
		}
	}
}

func TestMLPClone(t *testing.T) {
	m, y := newT3(t, 2, 64)
	c := m.Clone()
	a, b, a2 := make([]float64, 2), make([]float64, 2), make([]float64, 2)
	m.Eval(0, y, a)
	c.Eval(0, y, b)
	if a[0] != b[0] || a[1] != b[1] {
		t.Fatal("clone evaluates differently")
	}
	m.Params()[len(m.Params())-1] += 1 // b2[1]
	c.Eval(0, y, b)
	// The bias enters last, so the output moves by 1 up to one rounding
	// of the sum, and the original agrees with its clone bit for bit.
	m.Eval(0, y, a2)
	if !(math.Abs(b[1]-(a[1]+1)) <= 1e-15*math.Abs(a[1]+1)) || a2[1] != b[1] {
		t.Errorf("clone does not share parameters: clone %v, original %v, want %v", b[1], a2[1], a[1]+1)
	}
}

func TestMLPLengthPanics(t *testing.T) {
	m, _ := NewMLP(MLPConfig{Sizes: []int{2, 3, 2}, Act: Tanh})
	y, out := make([]float64, 2), make([]float64, 2)
	p := make([]float64, len(m.Params()))
	calls := map[string]func(){
		"Eval y":      func() { m.Eval(0, y[:1], out) },
		"Eval out":    func() { m.Eval(0, y, make([]float64, 3)) },
		"VJP a":       func() { m.VJP(0, y, y[:1], y, p) },
		"VJP gy":      func() { m.VJP(0, y, out, y[:1], p) },
		"VJP gtheta":  func() { m.VJP(0, y, out, y, p[1:]) },
		"JVP v":       func() { m.JVP(0, y, y[:1], nil, nil, out) },
		"JVP w":       func() { m.JVP(0, y, y, p[1:], nil, out) },
		"JVP jv":      func() { m.JVP(0, y, y, nil, nil, out[:1]) },
		"EvalVJP out": func() { m.EvalVJP(0, y, out, out[:1], nil, nil) },
		"LayerOf":     func() { m.LayerOf(p, 2) },
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

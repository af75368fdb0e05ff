package asm

import (
	"errors"
	"math"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
)

// kernelSet holds one implementation of every kernel, in the unexported
// calling convention (lengths already checked).
type kernelSet struct {
	name    string
	dot     func(x, y []float64) float64
	axpy    func(a float64, x, y []float64)
	gemv    func(m, n int, w, x, y []float64, add bool)
	gemvT   func(m, n int, w, x, y []float64, add bool)
	ger     func(m, n int, alpha float64, a, x, w []float64)
	combine func(out, y, k, c []float64)
}

var genericSet = kernelSet{
	name:    "generic",
	dot:     dotGeneric,
	axpy:    axpyGeneric,
	gemv:    gemvGeneric,
	gemvT:   gemvTGeneric,
	ger:     gerGeneric,
	combine: combineGeneric,
}

// apiSet is the exported API, as dispatched under the current SetImpl.
var apiSet = kernelSet{
	name: "api",
	dot:  Dot,
	axpy: Axpy,
	gemv: func(m, n int, w, x, y []float64, add bool) {
		if add {
			GemvAdd(m, n, w, x, y)
		} else {
			Gemv(m, n, w, x, y)
		}
	},
	gemvT: func(m, n int, w, x, y []float64, add bool) {
		if add {
			GemvTAdd(m, n, w, x, y)
		} else {
			GemvT(m, n, w, x, y)
		}
	},
	ger:     Ger,
	combine: Combine,
}

// forEachImpl runs f on every implementation this machine supports: each
// assembly kernel set called directly (so that every length reaches the
// assembly, whatever the dispatch does with small sizes), and the exported
// API under SetImpl of each name in Impls(), "generic" included. The
// selection is restored when the test ends.
func forEachImpl(t *testing.T, f func(t *testing.T, k kernelSet)) {
	t.Helper()
	saved := Impl()
	t.Cleanup(func() {
		if err := SetImpl(saved); err != nil {
			t.Errorf("restoring %s: %v", saved, err)
		}
	})
	for _, k := range asmSets() {
		t.Run("raw="+k.name, func(t *testing.T) { f(t, k) })
	}
	for _, name := range Impls() {
		if err := SetImpl(name); err != nil {
			t.Fatal(err)
		}
		k := apiSet
		k.name = "api=" + name
		t.Run(k.name, func(t *testing.T) { f(t, k) })
	}
}

// TestImplsCoverMachine checks that the kernel sets under test are the ones
// Impls() names. Both come from the same feature bools, so this alone cannot
// see a broken feature check; TestImplsMatchCPUInfo holds Impls() against
// the CPU's own flags.
func TestImplsCoverMachine(t *testing.T) {
	names := Impls()
	if names[len(names)-1] != "generic" {
		t.Errorf("Impls() = %q, want generic last", names)
	}
	var raw []string
	for _, k := range asmSets() {
		raw = append(raw, k.name)
	}
	if got, want := strings.Join(raw, ","), strings.Join(names[:len(names)-1], ","); got != want {
		t.Errorf("assembly sets %q, Impls() %q", got, want)
	}
	t.Logf("Impls() = %q", names)
}

// TestImplsMatchCPUInfo derives the implementations the machine should have
// from the kernel's own account of the CPU's features, /proc/cpuinfo, rather
// than from golang.org/x/sys/cpu and the bools that Impls reads, so that a
// broken feature check fails here. GODEBUG's cpu.<feature>=off settings
// are applied to the flags, as x/sys/cpu applies them to its own.
func TestImplsMatchCPUInfo(t *testing.T) {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no CPU flags to compare with: %v", err)
	}
	key, flags := cpuinfoFlags(string(b))
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		name, ok := strings.CutPrefix(kv, "cpu.")
		if !ok {
			continue
		}
		if f, ok := strings.CutSuffix(name, "=off"); ok {
			if f == "all" {
				flags = map[string]bool{}
			}
			delete(flags, f)
		}
	}
	want, ok := implsFromCPUInfo(key, flags)
	if !ok {
		// qemu-user, for one, shows the host's /proc/cpuinfo.
		t.Skipf("/proc/cpuinfo's feature line %q is not this architecture's", key)
	}
	if got := Impls(); !slices.Equal(got, want) {
		t.Errorf("Impls() = %q, but /proc/cpuinfo's %s (GODEBUG=%q) say %q", got, key, os.Getenv("GODEBUG"), want)
	}
}

// cpuinfoFlags returns the first feature line of a /proc/cpuinfo text,
// "flags" on x86 and "Features" on arm64: its key, and its words as a set.
func cpuinfoFlags(info string) (key string, flags map[string]bool) {
	for _, line := range strings.Split(info, "\n") {
		k, v, ok := strings.Cut(line, ":")
		k = strings.TrimSpace(k)
		if !ok || (k != "flags" && k != "Features") {
			continue
		}
		flags = map[string]bool{}
		for _, f := range strings.Fields(v) {
			flags[f] = true
		}
		return k, flags
	}
	return "", nil
}

func TestSetImpl(t *testing.T) {
	saved := Impl()
	defer SetImpl(saved)
	for _, name := range Impls() {
		if err := SetImpl(name); err != nil {
			t.Fatalf("SetImpl(%q): %v", name, err)
		}
		if got := Impl(); got != name {
			t.Errorf("after SetImpl(%q), Impl() = %q", name, got)
		}
	}
	before := Impl()
	for _, bad := range []string{"", "sse2", "AVX2", "neon-fp16"} {
		err := SetImpl(bad)
		if err == nil || !errors.Is(err, ErrUnsupported) {
			t.Errorf("SetImpl(%q) = %v, want an ErrUnsupported error", bad, err)
		}
		if Impl() != before {
			t.Errorf("failed SetImpl(%q) changed Impl() to %q", bad, Impl())
		}
	}
}

// Sizes: every length up to 80 covers each unrolled loop, step and masked
// tail of every kernel with its neighbours; the large ones straddle the
// block widths (32, 64, 128 columns) and a length that is none of them.
var lengths = func() []int {
	var l []int
	for n := 0; n <= 80; n++ {
		l = append(l, n)
	}
	return append(l, 127, 128, 129, 255, 256, 257, 512, 1000)
}()

// Row counts for the matrix kernels: every count up to 17 reaches each row
// block (8, 4, 1) with every remainder; the larger ones repeat blocks.
var rowCounts = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 64}

// matShapes lists (m, n) pairs: every row count with every length up to 80,
// and a few large shapes.
func matShapes(short bool) [][2]int {
	var s [][2]int
	for _, m := range rowCounts {
		for _, n := range lengths {
			if n > 80 && m > 3 && m != 17 {
				continue
			}
			if short && n > 40 && n%8 != 1 && n%8 != 7 && n <= 80 {
				continue
			}
			s = append(s, [2]int{m, n})
		}
	}
	// Beyond 32 KiB (4096 elements), with more than 64 rows or n a power of
	// two, the AVX2 GemvT cuts the rows into strips of eight: these reach
	// every height of the last strip (1..8) with leftover columns of every
	// narrow block, and the power-of-two widths with few rows.
	for m := 65; m <= 72; m++ {
		for _, n := range []int{64, 65, 79, 95, 96, 100} {
			s = append(s, [2]int{m, n})
		}
	}
	s = append(s, [2]int{9, 512}, [2]int{15, 512}, [2]int{16, 1024}, [2]int{200, 32}, [2]int{131, 64})
	// Beyond 1 MiB (131072 elements) the matrix kernels change strategy;
	// the last three shapes reach every column step of those paths (n mod 16
	// = 7, 12 and 10; n mod 4 = 3, 0, 2, and 131×1001 has 1) with one, three
	// and one leftover rows.
	return append(s, [2]int{127, 129}, [2]int{129, 127}, [2]int{256, 257}, [2]int{64, 1000}, [2]int{300, 5},
		[2]int{131, 1001}, [2]int{1001, 131}, [2]int{363, 363}, [2]int{7, 18731},
		[2]int{5, 26215}, [2]int{131, 1004}, [2]int{9, 14570})
}

// The guard value: a NaN with a payload no arithmetic produces, so that a
// store into the guard band changes its bits, and a load of it turns any
// result it touches into NaN.
var guardBits = uint64(0x7ff8_dead_beef_0001)
var guard = math.Float64frombits(guardBits)

const guardLen = 24 // elements of guard on each side, more than a zmm register and a bit

// guarded returns a slice of length n at element offset off inside a larger
// buffer filled with guard values, with its capacity cut at n. buf is the
// whole buffer, for checkGuards.
func guarded(n, off int) (s, buf []float64) {
	buf = make([]float64, guardLen+off+n+guardLen)
	for i := range buf {
		buf[i] = guard
	}
	s = buf[guardLen+off : guardLen+off+n : guardLen+off+n]
	return s, buf
}

// checkGuards reports any guard value of buf, around s, that changed.
func checkGuards(t *testing.T, what string, s, buf []float64) {
	t.Helper()
	start := len(buf) - guardLen - len(s) // guardLen + the slice's offset
	for i, v := range buf {
		if i >= start && i < start+len(s) {
			continue
		}
		if math.Float64bits(v) != guardBits {
			t.Fatalf("%s: guard element %d (slice at %d..%d) overwritten with %v", what, i, start, start+len(s), v)
		}
	}
}

// exact fills s with k/256, |k| < 2¹⁵. Products of two such values are
// multiples of 2⁻¹⁶ below 2¹⁴ in magnitude, so sums of fewer than 2²³ of
// them are exact in float64 whatever the order and with or without fused
// multiply–add: every implementation must then agree bit for bit.
func exact(r *rand.Rand, s []float64) {
	for i := range s {
		s[i] = float64(r.Intn(1<<15)-(1<<14)) / 256
	}
}

func normal(r *rand.Rand, s []float64) {
	for i := range s {
		s[i] = r.NormFloat64()
	}
}

func sameBits(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
}

// gamma is Higham's γₖ = k·u/(1−k·u), u = 2⁻⁵³: a sum of k terms computed
// in any order, each product with or without its own rounding, is within
// γₖ·Σ|terms| of the exact sum (Higham, Accuracy and Stability of Numerical
// Algorithms, 2nd ed., §3.1, eq. (3.5)). Two such results differ by at most
// twice that.
func gamma(k int) float64 {
	const u = 0x1p-53
	return float64(k) * u / (1 - float64(k)*u)
}

// offsets returns the element offsets at which the i-th argument of a kernel
// is placed for alignment round a: distinct arguments get different offsets
// so that their relative alignment varies too.
func offsets(a int) (o0, o1, o2, o3 int) {
	return a % 8, (3*a + 1) % 8, (5*a + 2) % 8, (7*a + 5) % 8
}

func TestDot(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(1))
		for _, n := range lengths {
			for a := 0; a < 8; a++ {
				o0, o1, _, _ := offsets(a)
				x, bx := guarded(n, o0)
				y, by := guarded(n, o1)
				exact(r, x)
				exact(r, y)
				got, want := k.dot(x, y), dotGeneric(x, y)
				if !sameBits(got, want) {
					t.Fatalf("n=%d offsets %d,%d: Dot = %v, want %v", n, o0, o1, got, want)
				}
				checkGuards(t, "x", x, bx)
				checkGuards(t, "y", y, by)
			}
		}
	})
}

func TestAxpy(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(2))
		for _, n := range lengths {
			for a := 0; a < 8; a++ {
				o0, o1, _, _ := offsets(a)
				x, bx := guarded(n, o0)
				y, by := guarded(n, o1)
				exact(r, x)
				exact(r, y)
				alpha := float64(r.Intn(1<<10)-(1<<9)) / 64
				want := append([]float64(nil), y...)
				axpyGeneric(alpha, x, want)
				k.axpy(alpha, x, y)
				for i := range y {
					if !sameBits(y[i], want[i]) {
						t.Fatalf("n=%d offsets %d,%d: y[%d] = %v, want %v", n, o0, o1, i, y[i], want[i])
					}
				}
				checkGuards(t, "x", x, bx)
				checkGuards(t, "y", y, by)
			}
		}
		// y may be x itself.
		x := make([]float64, 37)
		exact(r, x)
		want := append([]float64(nil), x...)
		for i := range want {
			want[i] += 3 * want[i]
		}
		k.axpy(3, x, x)
		for i := range x {
			if x[i] != want[i] {
				t.Fatalf("aliased: x[%d] = %v, want %v", i, x[i], want[i])
			}
		}
	})
}

func testGemv(t *testing.T, trans bool) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		kern, ref := k.gemv, gemvGeneric
		if trans {
			kern, ref = k.gemvT, gemvTGeneric
		}
		r := rand.New(rand.NewSource(3))
		for _, mn := range matShapes(testing.Short()) {
			m, n := mn[0], mn[1]
			lx, ly := n, m
			if trans {
				lx, ly = m, n
			}
			for a := 0; a < 8; a++ {
				for _, add := range []bool{false, true} {
					o0, o1, o2, _ := offsets(a)
					w, bw := guarded(m*n, o0)
					x, bx := guarded(lx, o1)
					y, by := guarded(ly, o2)
					exact(r, w)
					exact(r, x)
					exact(r, y)
					want := append([]float64(nil), y...)
					ref(m, n, w, x, want, add)
					kern(m, n, w, x, y, add)
					for i := range y {
						if !sameBits(y[i], want[i]) {
							t.Fatalf("m=%d n=%d add=%v offsets %d,%d,%d: y[%d] = %v, want %v", m, n, add, o0, o1, o2, i, y[i], want[i])
						}
					}
					checkGuards(t, "w", w, bw)
					checkGuards(t, "x", x, bx)
					checkGuards(t, "y", y, by)
				}
			}
		}
	})
}

func TestGemv(t *testing.T)  { testGemv(t, false) }
func TestGemvT(t *testing.T) { testGemv(t, true) }

func TestGer(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(4))
		for _, mn := range matShapes(testing.Short()) {
			m, n := mn[0], mn[1]
			for a := 0; a < 8; a++ {
				o0, o1, o2, _ := offsets(a)
				w, bw := guarded(m*n, o0)
				av, ba := guarded(m, o1)
				x, bx := guarded(n, o2)
				exact(r, w)
				exact(r, av)
				exact(r, x)
				alpha := float64(r.Intn(64)-32) / 8
				want := append([]float64(nil), w...)
				gerGeneric(m, n, alpha, av, x, want)
				k.ger(m, n, alpha, av, x, w)
				for i := range w {
					if !sameBits(w[i], want[i]) {
						t.Fatalf("m=%d n=%d offsets %d,%d,%d: w[%d] = %v, want %v", m, n, o0, o1, o2, i, w[i], want[i])
					}
				}
				checkGuards(t, "w", w, bw)
				checkGuards(t, "a", av, ba)
				checkGuards(t, "x", x, bx)
			}
		}
	})
}

func TestCombine(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(5))
		for _, s := range []int{0, 1, 2, 3, 4, 7, 13, MaxStages} {
			for _, n := range lengths {
				if testing.Short() && n > 40 && n%8 != 1 && n <= 80 {
					continue
				}
				for a := 0; a < 8; a++ {
					o0, o1, o2, o3 := offsets(a)
					out, bo := guarded(n, o0)
					y, by := guarded(n, o1)
					kk, bk := guarded(s*n, o2)
					c, bc := guarded(s, o3)
					exact(r, y)
					exact(r, kk)
					exact(r, c)
					for i := range c {
						if r.Intn(3) == 0 {
							c[i] = 0
							for j := i * n; j < (i+1)*n; j++ {
								kk[j] = math.NaN() // never read
							}
						}
					}
					want := make([]float64, n)
					combineGeneric(want, y, kk, c)
					k.combine(out, y, kk, c)
					for i := range out {
						if !sameBits(out[i], want[i]) {
							t.Fatalf("s=%d n=%d c=%v offsets %d,%d,%d,%d: out[%d] = %v, want %v", s, n, c, o0, o1, o2, o3, i, out[i], want[i])
						}
						if math.IsNaN(out[i]) {
							t.Fatalf("s=%d n=%d c=%v: out[%d] is NaN: a stage with c = 0 was read", s, n, c, i)
						}
					}
					checkGuards(t, "out", out, bo)
					checkGuards(t, "y", y, by)
					checkGuards(t, "k", kk, bk)
					checkGuards(t, "c", c, bc)
					// out may alias y.
					k.combine(y, y, kk, c)
					for i := range y {
						if !sameBits(y[i], want[i]) {
							t.Fatalf("aliased s=%d n=%d: out[%d] = %v, want %v", s, n, i, y[i], want[i])
						}
					}
				}
			}
		}
	})
}

// TestGemvRowIsolation fills every row but one with +Inf: the one row's
// result must be finite and exact. A kernel that reads past the end of a row
// into the next one (an unmasked tail) or mixes lanes of two rows in its
// reduction gets Inf or NaN, which the guard bands cannot see because the
// bytes it read belong to the matrix.
func TestGemvRowIsolation(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(6))
		// Beyond 1 MiB, where W x reads four rows at a time.
		shapes := [][2]int{{5, 30011}, {9, 14567}}
		for _, m := range []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17} {
			for n := 1; n <= 41; n++ {
				shapes = append(shapes, [2]int{m, n})
			}
		}
		for _, mn := range shapes {
			m, n := mn[0], mn[1]
			w := make([]float64, m*n)
			x := make([]float64, n)
			y := make([]float64, m)
			exact(r, x)
			for row := 0; row < m; row++ {
				for i := range w {
					w[i] = math.Inf(1)
				}
				exact(r, w[row*n:(row+1)*n])
				for _, add := range []bool{false, true} {
					for i := range y {
						y[i] = 1
					}
					want := dotGeneric(w[row*n:(row+1)*n], x)
					if add {
						want++
					}
					k.gemv(m, n, w, x, y, add)
					if y[row] != want {
						t.Fatalf("m=%d n=%d add=%v: y[%d] = %v, want %v", m, n, add, row, y[row], want)
					}
				}
			}
		}
	})
}

// TestGemvTColumnIsolation is the transposed counterpart: every column but
// one is +Inf, and that column's result must be finite and exact, which
// catches lanes of y that pick up a neighbour's column.
func TestGemvTColumnIsolation(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(7))
		shapes := [][2]int{{72, 64}, {70, 100}, {9, 512}} // GemvT's strips
		for _, m := range []int{1, 2, 3, 5, 8, 9} {
			for n := 1; n <= 80; n++ {
				shapes = append(shapes, [2]int{m, n})
			}
		}
		for _, mn := range shapes {
			m, n := mn[0], mn[1]
			w := make([]float64, m*n)
			x := make([]float64, m)
			y := make([]float64, n)
			exact(r, x)
			for col := 0; col < n; col++ {
				for i := range w {
					w[i] = math.Inf(1)
				}
				want := 0.0
				for i := 0; i < m; i++ {
					w[i*n+col] = float64(r.Intn(512)-256) / 16
					want += x[i] * w[i*n+col]
				}
				for i := range y {
					y[i] = 0
				}
				k.gemvT(m, n, w, x, y, false)
				if y[col] != want {
					t.Fatalf("m=%d n=%d: y[%d] = %v, want %v", m, n, col, y[col], want)
				}
			}
		}
	})
}

// TestRandomBounds compares every kernel with its generic twin on
// random-normal data, where summation order and fusion do change the last
// bits, against the rounding-error bound 2γₖ·Σ|terms| (see gamma) for the k
// terms that make up each result.
func TestRandomBounds(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(8))
		check := func(what string, got, want, bound float64) {
			t.Helper()
			if d := math.Abs(got - want); !(d <= bound) {
				t.Fatalf("%s: got %v, want %v: |difference| %g > bound %g", what, got, want, d, bound)
			}
		}
		for _, n := range []int{1, 7, 33, 64, 100, 257, 1000, 4099} {
			x := make([]float64, n)
			y := make([]float64, n)
			normal(r, x)
			normal(r, y)
			var s float64
			for i := range x {
				s += math.Abs(x[i] * y[i])
			}
			check("Dot", k.dot(x, y), dotGeneric(x, y), 2*gamma(n)*s)

			// Axpy and Ger round a product and a sum where the kernels fuse
			// them: each result is within γ₂(|y| + |a·x|) of the exact one.
			y0 := append([]float64(nil), y...)
			want := append([]float64(nil), y...)
			axpyGeneric(0.7, x, want)
			k.axpy(0.7, x, y)
			for i := range y {
				check("Axpy", y[i], want[i], 2*gamma(2)*(math.Abs(y0[i])+math.Abs(0.7*x[i])))
			}
		}
		for _, mn := range [][2]int{{1, 1}, {9, 33}, {64, 64}, {17, 257}, {130, 70}} {
			m, n := mn[0], mn[1]
			w := make([]float64, m*n)
			normal(r, w)
			x, y := make([]float64, n), make([]float64, m)
			normal(r, x)
			normal(r, y)
			y0 := append([]float64(nil), y...)
			want := append([]float64(nil), y...)
			gemvGeneric(m, n, w, x, want, true)
			k.gemv(m, n, w, x, y, true)
			for i := 0; i < m; i++ {
				s := math.Abs(y0[i]) // y[i] + Σⱼ w[i][j]·x[j]: n+1 terms
				for j := 0; j < n; j++ {
					s += math.Abs(w[i*n+j] * x[j])
				}
				check("GemvAdd", y[i], want[i], 2*gamma(n+1)*s)
			}
			xt, yt := make([]float64, m), make([]float64, n)
			normal(r, xt)
			normal(r, yt)
			y0 = append([]float64(nil), yt...)
			want = append([]float64(nil), yt...)
			gemvTGeneric(m, n, w, xt, want, true)
			k.gemvT(m, n, w, xt, yt, true)
			for j := 0; j < n; j++ {
				s := math.Abs(y0[j]) // y[j] + Σᵢ x[i]·w[i][j]: m+1 terms
				for i := 0; i < m; i++ {
					s += math.Abs(w[i*n+j] * xt[i])
				}
				check("GemvTAdd", yt[j], want[j], 2*gamma(m+1)*s)
			}
			a := make([]float64, m)
			normal(r, a)
			w0 := append([]float64(nil), w...)
			want = append([]float64(nil), w...)
			gerGeneric(m, n, 1.3, a, x, want)
			k.ger(m, n, 1.3, a, x, w)
			for i := 0; i < m; i++ {
				c := 1.3 * a[i] // rounded alike by every implementation
				for j := 0; j < n; j++ {
					s := math.Abs(w0[i*n+j]) + math.Abs(c*x[j])
					check("Ger", w[i*n+j], want[i*n+j], 2*gamma(2)*s)
				}
			}
		}
		// Combine: s products and s sums in the generic loop, so at most 2s
		// roundings reach any term: γ₂ₛ bounds each result's error.
		for _, s := range []int{1, 4, 7, 13} {
			n := 61
			y, kk, c := make([]float64, n), make([]float64, s*n), make([]float64, s)
			normal(r, y)
			normal(r, kk)
			normal(r, c)
			out, want := make([]float64, n), make([]float64, n)
			combineGeneric(want, y, kk, c)
			k.combine(out, y, kk, c)
			for j := 0; j < n; j++ {
				sum := math.Abs(y[j])
				for i := 0; i < s; i++ {
					sum += math.Abs(c[i] * kk[i*n+j])
				}
				check("Combine", out[j], want[j], 2*gamma(2*s)*sum)
			}
		}
	})
}

// TestAlignmentInvariance checks the package's determinism promise: the same
// values at another address give the same bits, under every implementation,
// on data where summation order does change the result.
func TestAlignmentInvariance(t *testing.T) {
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		r := rand.New(rand.NewSource(11))
		const m, n = 13, 301
		w0, x0, y0 := make([]float64, m*n), make([]float64, n), make([]float64, m)
		normal(r, w0)
		normal(r, x0)
		normal(r, y0)
		var dot0 float64
		var gemv0, gemvT0 []float64
		for off := 0; off < 8; off++ {
			w, _ := guarded(m*n, off)
			x, _ := guarded(n, (off+3)%8)
			y, _ := guarded(m, (off+5)%8)
			yt, _ := guarded(n, (off+1)%8)
			copy(w, w0)
			copy(x, x0)
			copy(y, y0)
			copy(yt, x0)
			d := k.dot(x, x)
			k.gemv(m, n, w, x, y, true)
			k.gemvT(m, n, w, y0, yt, true)
			if off == 0 {
				dot0, gemv0, gemvT0 = d, append([]float64(nil), y...), append([]float64(nil), yt...)
				continue
			}
			if !sameBits(d, dot0) || !equal(y, gemv0) || !equal(yt, gemvT0) {
				t.Fatalf("offset %d: results differ from offset 0", off)
			}
		}
	})
}

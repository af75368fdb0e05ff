package brownian

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// The exactness tests use the span [−2, 2] and times on its grid,
// −2 + k·2⁻⁵¹ for integer k in [0, 2⁵³]: such times are exact floats, their
// differences are exact, and the path is evaluated at exactly them, so
// identities between lengths and values hold to the rounding of the values
// alone.
const (
	gridT0 = -2
	gridT1 = 2
)

func gridTime(k uint64) float64 { return gridT0 + math.Ldexp(float64(k), -51) }

// gridTimes returns n grid times: uniform ones, the ends, and clusters a
// few grid steps or 1e-9 apart, so that short intervals and shared nodes
// are exercised.
func gridTimes(r *rand.Rand, n int) []float64 {
	ks := make([]uint64, n)
	for i := range ks {
		switch r.Intn(8) {
		case 0:
			ks[i] = 0
		case 1:
			ks[i] = gridN
		case 2, 3:
			if i > 0 {
				d := uint64(r.Int63n(1 << 20))
				if r.Intn(2) == 0 {
					d = uint64(r.Intn(5))
				}
				ks[i] = min(gridN, ks[i-1]+d)
				continue
			}
			fallthrough
		default:
			ks[i] = uint64(r.Int63n(int64(gridN) + 1))
		}
	}
	ts := make([]float64, n)
	for i, k := range ks {
		ts[i] = gridTime(k)
	}
	return ts
}

// near reports whether a and b agree to rounding at the given scale: the
// values are sums of at most about 110 rounded terms no larger than the
// scale, so 1e-13 (450 ulps) leaves a margin, while an error of the
// mathematics shows at the size of the scale itself.
func near(a, b, scale float64) bool {
	return math.Abs(a-b) <= 1e-13*scale
}

// TestAdditivity checks W(a,c) = W(a,b) + W(b,c) and the additivity of
// space-time Lévy area, (c−a)·H(a,c) = (b−a)·H(a,b) + (c−b)·H(b,c) +
// ((c−b)·W(a,b) − (b−a)·W(b,c))/2, to rounding, for ordered and unordered
// triples (s > t queries are negated increments, H unchanged, so the
// relation holds with signed lengths). Inside a Tree's leaf the values are
// independent bridges, not increments of one Brownian path, but they are
// values of one function of time, so the identities hold there too.
func TestAdditivity(t *testing.T) {
	for _, k := range kinds {
		for _, levy := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/levy=%v", k.name, levy), func(t *testing.T) {
				r := rand.New(rand.NewSource(3))
				p := build(t, k, gridT0, gridT1, 2, 99, Options{Levy: levy})
				for j := 0; j < samples(20000); j++ {
					ts := gridTimes(r, 3)
					a, b, c := ts[0], ts[1], ts[2]
					l1, l2, l := b-a, c-b, c-a
					wab, hab := inc(t, p, a, b)
					wbc, hbc := inc(t, p, b, c)
					wac, hac := inc(t, p, a, c)
					for i := range wac {
						scale := math.Sqrt(math.Abs(l1)) + math.Sqrt(math.Abs(l2)) + math.Sqrt(math.Abs(l)) +
							math.Abs(wab[i]) + math.Abs(wbc[i]) + math.Abs(wac[i])
						if !near(wac[i], wab[i]+wbc[i], scale) {
							t.Fatalf("W(%v,%v) = %v, W(%v,%v) + W(%v,%v) = %v", a, c, wac[i], a, b, b, c, wab[i]+wbc[i])
						}
						if !levy {
							continue
						}
						lhs := l * hac[i]
						rhs := l1*hab[i] + l2*hbc[i] + (l2*wab[i]-l1*wbc[i])/2
						p15 := func(x float64) float64 { return math.Pow(math.Abs(x), 1.5) }
						sc := p15(l1) + p15(l2) + p15(l) + math.Abs(l1*hab[i]) + math.Abs(l2*hbc[i]) +
							math.Abs(l2*wab[i]) + math.Abs(l1*wbc[i]) + math.Abs(lhs)
						if !near(lhs, rhs, sc) {
							t.Fatalf("H over (%v, %v, %v): (c−a)H = %v, additivity gives %v", a, b, c, lhs, rhs)
						}
					}
				}
			})
		}
	}
}

// TestAreaOfPieces checks that H over [s, t] is the space-time area of the
// path's own values: cut into n pieces at grid times uⱼ, the exact identity
//
//	h·H = Σ hⱼ·Hⱼ + Σ hⱼ·(W(s,uⱼ) + W(s,uⱼ₊₁))/2 − h·W(s,t)/2
//
// (the trapezoidal rule on the path plus the pieces' own areas) holds to
// rounding.
func TestAreaOfPieces(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(8))
			p := build(t, k, gridT0, gridT1, 1, 5, Options{Levy: true})
			for j := 0; j < samples(200); j++ {
				ka, kb := uint64(r.Int63n(int64(gridN)+1)), uint64(r.Int63n(int64(gridN)+1))
				if r.Intn(3) == 0 {
					kb = min(gridN, ka+uint64(r.Int63n(1<<30)))
				}
				ka, kb = min(ka, kb), max(ka, kb)
				if kb-ka < 64 {
					continue
				}
				n := 2 + r.Intn(60)
				cuts := make([]float64, n+1)
				for i := range cuts {
					cuts[i] = gridTime(ka + (kb-ka)*uint64(i)/uint64(n))
				}
				s, u := cuts[0], cuts[n]
				w, h := inc(t, p, s, u)
				sum, scale := 0.0, math.Pow(u-s, 1.5)
				for i := 0; i < n; i++ {
					a, b := cuts[i], cuts[i+1]
					_, hj := inc(t, p, a, b)
					wa, _ := inc(t, p, s, a)
					wb, _ := inc(t, p, s, b)
					term := (b-a)*hj[0] + (b-a)*(wa[0]+wb[0])/2
					sum += term
					scale += math.Abs((b-a)*hj[0]) + math.Abs((b-a)*(wa[0]+wb[0])/2)
				}
				sum -= (u - s) * w[0] / 2
				if lhs := (u - s) * h[0]; !near(lhs, sum, scale+math.Abs(lhs)) {
					t.Fatalf("[%v, %v] in %d pieces: h·H = %v, pieces give %v", s, u, n, lhs, sum)
				}
			}
		})
	}
}

// query is one call: an increment, or with Lévy area both.
type query struct{ s, t float64 }

// answers returns the bits of the answers to qs, in the order of qs,
// asking them in the order perm.
func answers(t *testing.T, p path, qs []query, perm []int) [][]uint64 {
	out := make([][]uint64, len(qs))
	for _, i := range perm {
		w, h := inc(t, p, qs[i].s, qs[i].t)
		b := make([]uint64, 0, 2*len(w))
		for j := range w {
			b = append(b, math.Float64bits(w[j]))
			if h != nil {
				b = append(b, math.Float64bits(h[j]))
			}
		}
		out[i] = b
	}
	return out
}

// TestOrderAndCacheInvariance asks one set of queries — random intervals,
// forward and backward sequences of steps, repeats, reversed and empty
// intervals, the ends — in order and in random permutations, on paths with
// from 2 to 16 cursors and with no cache, a one-entry cache and the
// default, and requires the same bits throughout.
func TestOrderAndCacheInvariance(t *testing.T) {
	for _, k := range kinds {
		for _, levy := range []bool{false, true} {
			for _, dim := range []int{1, 5} {
				t.Run(fmt.Sprintf("%s/levy=%v/dim=%d", k.name, levy, dim), func(t *testing.T) {
					r := rand.New(rand.NewSource(int64(dim)))
					var qs []query
					ts := randTimes(r, samples(600))
					for i := 0; i+1 < len(ts); i++ {
						qs = append(qs, query{ts[i], ts[i+1]})
					}
					for i := 0; i < 200; i++ {
						a := spanT0 + (spanT1-spanT0)*float64(i)/200
						b := spanT0 + (spanT1-spanT0)*float64(i+1)/200
						qs = append(qs, query{a, b}, query{b, a}, query{a, a})
					}
					qs = append(qs, query{spanT0, spanT1}, query{spanT1, spanT0})
					id := make([]int, len(qs))
					for i := range id {
						id[i] = i
					}
					want := answers(t, build(t, k, spanT0, spanT1, dim, 1234, Options{Levy: levy}), qs, id)
					for _, o := range []Options{
						{Levy: levy, Cursors: 2, Cache: -1},
						{Levy: levy, Cursors: 3, Cache: 1},
						{Levy: levy, Cursors: 16},
						{Levy: levy, Cache: 64},
					} {
						perm := r.Perm(len(qs))
						got := answers(t, build(t, k, spanT0, spanT1, dim, 1234, o), qs, perm)
						for i := range qs {
							for j := range want[i] {
								if got[i][j] != want[i][j] {
									t.Fatalf("options %+v: query [%v, %v] value %d: %x, in order %x", o, qs[i].s, qs[i].t, j, got[i][j], want[i][j])
								}
							}
						}
					}
				})
			}
		}
	}
}

// TestComponentsIndependentOfDim: component c of a path is the same for
// every dimension above c, so that widening a model keeps its noise.
func TestComponentsIndependentOfDim(t *testing.T) {
	for _, k := range kinds {
		for _, levy := range []bool{false, true} {
			r := rand.New(rand.NewSource(2))
			p1 := build(t, k, spanT0, spanT1, 1, 7, Options{Levy: levy})
			p4 := build(t, k, spanT0, spanT1, 4, 7, Options{Levy: levy})
			for j := 0; j < 200; j++ {
				ts := randTimes(r, 2)
				w1, h1 := inc(t, p1, ts[0], ts[1])
				w4, h4 := inc(t, p4, ts[0], ts[1])
				if w1[0] != w4[0] || (levy && h1[0] != h4[0]) {
					t.Fatalf("%s levy=%v [%v, %v]: dim 1 (%v, %v), dim 4 (%v, %v)", k.name, levy, ts[0], ts[1], w1, h1, w4, h4)
				}
			}
		}
	}
}

// TestReversedAndEmpty: s > t negates the increment and keeps H; s == t
// gives zeros.
func TestReversedAndEmpty(t *testing.T) {
	for _, k := range kinds {
		p := build(t, k, spanT0, spanT1, 3, 17, Options{Levy: true, Cache: -1})
		w, h := inc(t, p, 0.3, -0.7)
		w2, h2 := inc(t, p, -0.7, 0.3)
		for i := range w {
			if w[i] != -w2[i] || h[i] != h2[i] {
				t.Errorf("%s: [0.3, −0.7] gives (%v, %v), [−0.7, 0.3] gives (%v, %v)", k.name, w, h, w2, h2)
			}
		}
		w, h = inc(t, p, 0.25, 0.25)
		for i := range w {
			if w[i] != 0 || h[i] != 0 {
				t.Errorf("%s: empty interval gives (%v, %v)", k.name, w, h)
			}
		}
	}
}

// TestErrors: bad arguments return the documented sentinel errors.
func TestErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		t0, t1, tol float64
		dim         int
		o           Options
	}{
		{1, 1, 0.1, 1, Options{}},
		{2, 1, 0.1, 1, Options{}},
		{nan, 1, 0.1, 1, Options{}},
		{0, inf, 0.1, 1, Options{}},
		{-1e308, 1e308, 0.1, 1, Options{}},
		{0, 1, 0.1, 0, Options{}},
		{0, 1, 0.1, 1<<20 + 1, Options{}},
		{0, 1, 0.1, 1, Options{Cursors: 65}},
		{0, 1, 0.1, 1, Options{Cursors: 1}},
		{0, 1, 0.1, 1, Options{Cursors: -3}},
		{0, 1, 0.1, 1, Options{Cache: 1 << 30}},
	} {
		if _, err := NewInterval(c.t0, c.t1, c.dim, 1, c.o); !errors.Is(err, ErrArgument) {
			t.Errorf("NewInterval(%v, %v, %d, %+v): %v, want ErrArgument", c.t0, c.t1, c.dim, c.o, err)
		} else {
			checkMessage(t, err)
		}
		if _, err := NewTree(c.t0, c.t1, c.dim, 1, c.tol, c.o); !errors.Is(err, ErrArgument) {
			t.Errorf("NewTree(%v, %v, %d, %+v): %v, want ErrArgument", c.t0, c.t1, c.dim, c.o, err)
		} else {
			checkMessage(t, err)
		}
	}
	for _, tol := range []float64{0, -1, nan, inf} {
		if _, err := NewTree(0, 1, 1, 1, tol, Options{}); !errors.Is(err, ErrArgument) {
			t.Errorf("NewTree with tol %v: %v, want ErrArgument", tol, err)
		} else {
			checkMessage(t, err)
		}
	}
	for _, k := range kinds {
		p := build(t, k, 0, 1, 2, 1, Options{Levy: true})
		q := build(t, k, 0, 1, 2, 1, Options{})
		two, three := make([]float64, 2), make([]float64, 3)
		for _, c := range []struct {
			err  error
			call func() error
		}{
			{ErrOutOfSpan, func() error { return p.Increment(-0.1, 0.5, two) }},
			{ErrOutOfSpan, func() error { return p.Increment(0.5, 1.0000001, two) }},
			{ErrNotFinite, func() error { return p.Increment(nan, 0.5, two) }},
			{ErrNotFinite, func() error { return p.IncrementLevy(0.5, inf, two, two) }},
			{ErrLength, func() error { return p.Increment(0, 0.5, three) }},
			{ErrLength, func() error { return p.IncrementLevy(0, 0.5, two, three) }},
			{ErrLength, func() error { return p.IncrementLevy(0, 0.5, nil, two) }},
			{ErrNoLevy, func() error { return q.IncrementLevy(0, 0.5, two, two) }},
		} {
			if err := c.call(); !errors.Is(err, c.err) {
				t.Errorf("%s: got %v, want %v", k.name, err, c.err)
			} else {
				checkMessage(t, err)
			}
		}
		// A failed query leaves the path usable and unchanged.
		w, _ := inc(t, p, 0.2, 0.9)
		p2 := build(t, k, 0, 1, 2, 1, Options{Levy: true})
		w2, _ := inc(t, p2, 0.2, 0.9)
		if w[0] != w2[0] || w[1] != w2[1] {
			t.Errorf("%s: after errors %v, fresh %v", k.name, w, w2)
		}
	}
}

// checkMessage: an error names the package once, at its start, followed
// by its sentinel's text and then the details.
func checkMessage(t *testing.T, err error) {
	t.Helper()
	m := err.Error()
	if strings.Count(m, "brownian:") != 1 || !strings.HasPrefix(m, "brownian: ") {
		t.Errorf("error message %q: want one \"brownian:\" prefix", m)
	}
	for _, s := range []error{ErrArgument, ErrNotFinite, ErrOutOfSpan, ErrLength, ErrNoLevy} {
		if errors.Is(err, s) && (!strings.HasPrefix(m, s.Error()+": ") || len(m) == len(s.Error())+2) {
			t.Errorf("error message %q: want %q and the details", m, s.Error()+": ")
		}
	}
}

// TestCacheSize: a cache is a power of two no smaller than asked for, its
// hash shift addresses exactly its entries, its size in bytes is at most
// 2 GiB and fits in an int (a larger request is an ErrArgument, not a
// fatal out-of-memory or a panic in make), and the default stays within
// about 1 MiB with at least 64 entries. The expected sizes are computed in
// float64, so that the test cannot overflow where the code under test
// might.
func TestCacheSize(t *testing.T) {
	const limit = 1 << 31 // bytes
	for _, dim := range []int{1, 3, 100, 1 << 12, 1 << 16, maxDim} {
		for _, levy := range []bool{false, true} {
			stride := float64(dim)
			if levy {
				stride *= 2
			}
			per := 16 + 8*stride
			for _, c := range []int{-1, 0, 1, 1000, 1 << 17, 1 << 24, 1<<24 + 1} {
				n, shift, err := cacheSize(c, dim, levy)
				if c > 0 {
					up := math.Exp2(math.Ceil(math.Log2(float64(c))))
					tooBig := c > 1<<24 || up*per > limit || up*stride*8 > float64(math.MaxInt)
					if tooBig != (err != nil) || (err != nil && !errors.Is(err, ErrArgument)) {
						t.Errorf("cacheSize(%d, %d, %v) = %d entries, %v; %g bytes", c, dim, levy, n, err, up*per)
					}
				} else if err != nil {
					t.Errorf("cacheSize(%d, %d, %v): %v", c, dim, levy, err)
				}
				if err != nil {
					continue
				}
				switch {
				case c < 0:
					if n != 0 {
						t.Errorf("cacheSize(%d, %d, %v) = %d entries, want none", c, dim, levy, n)
					}
					continue
				case n&(n-1) != 0 || n < c || (c > 0 && n >= 2*c):
					t.Errorf("cacheSize(%d, %d, %v) = %d entries", c, dim, levy, n)
				case float64(n)*per > limit || float64(n)*stride*8 > float64(math.MaxInt):
					t.Errorf("cacheSize(%d, %d, %v) = %d entries: %g bytes", c, dim, levy, n, float64(n)*per)
				case ^uint64(0)>>shift != uint64(n-1):
					t.Errorf("cacheSize(%d, %d, %v): shift %d for %d entries", c, dim, levy, shift, n)
				case c == 0 && (n < 64 || n > defaultCache || (n > 64 && float64(n)*per > 1<<20)):
					t.Errorf("default cache for dim %d, levy %v: %d entries of %g bytes", dim, levy, n, per)
				}
			}
		}
	}
	// The constructors refuse such a cache before allocating anything: a
	// cache of 2²⁴ entries of 16 MiB would be 256 TiB.
	if _, err := NewInterval(0, 1, maxDim, 1, Options{Levy: true, Cache: 1 << 24}); !errors.Is(err, ErrArgument) {
		t.Errorf("NewInterval with a 256 TiB cache: %v, want ErrArgument", err)
	}
}

// TestTreeDepth: the leaves are the first dyadic length not above tol.
func TestTreeDepth(t *testing.T) {
	for _, c := range []struct {
		t0, t1, tol float64
		want        int
	}{
		{0, 1, 0x1p-16, 16}, {0, 3, 0.01, 9}, {0, 1, 2, 0}, {0, 1, 1, 0}, {5, 6, 1e-300, 53},
	} {
		p, err := NewTree(c.t0, c.t1, 1, 1, c.tol, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Depth() != c.want {
			t.Errorf("NewTree(%v, %v, tol %v).Depth() = %d, want %d", c.t0, c.t1, c.tol, p.Depth(), c.want)
		}
	}
}

// TestZeroAllocs: queries allocate nothing, random or sequential, with and
// without the cache.
func TestZeroAllocs(t *testing.T) {
	for _, k := range kinds {
		for _, o := range []Options{{}, {Levy: true}, {Levy: true, Cache: -1, Cursors: 2}} {
			p := build(t, k, 0, 1, 4, 3, o)
			w, h := make([]float64, 4), make([]float64, 4)
			r := rand.New(rand.NewSource(1))
			i := 0
			call := func() {
				var err error
				s, u := r.Float64(), float64(i%1000)*1e-3
				if o.Levy {
					err = p.IncrementLevy(s, u, w, h)
					if err == nil {
						err = p.IncrementLevy(u, u+1e-3, w, h)
					}
				} else {
					err = p.Increment(s, u, w)
				}
				if err != nil {
					t.Fatal(err)
				}
				i++
			}
			if a := testing.AllocsPerRun(500, call); a != 0 {
				t.Errorf("%s %+v: %v allocations per query", k.name, o, a)
			}
		}
	}
}

// randTimes returns times in [spanT0, spanT1], not on any grid: uniform
// ones, the ends, and clusters 1e-9·span apart.
func randTimes(r *rand.Rand, n int) []float64 {
	ts := make([]float64, n)
	for i := range ts {
		switch r.Intn(8) {
		case 0:
			ts[i] = spanT0
		case 1:
			ts[i] = spanT1
		case 2:
			if i > 0 {
				ts[i] = math.Min(spanT1, ts[i-1]+1e-9*r.Float64())
				continue
			}
			fallthrough
		default:
			ts[i] = spanT0 + (spanT1-spanT0)*r.Float64()
		}
	}
	return ts
}

// TestParallelPaths: paths of one seed built and queried in separate
// goroutines (one per worker, as an ensemble runs) give the same bits; the
// package has no shared mutable state (run with -race).
func TestParallelPaths(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	var qs []query
	ts := randTimes(r, 200)
	for i := 0; i+1 < len(ts); i++ {
		qs = append(qs, query{ts[i], ts[i+1]})
	}
	id := make([]int, len(qs))
	for i := range id {
		id[i] = i
	}
	for _, k := range kinds {
		want := answers(t, build(t, k, spanT0, spanT1, 3, 5, Options{Levy: true}), qs, id)
		const workers = 4
		got := make([][][]uint64, workers)
		errs := make(chan error, workers)
		for w := 0; w < workers; w++ {
			go func(w int) {
				var p path
				var err error
				if k.leaves >= 0 {
					p, err = NewTree(spanT0, spanT1, 3, 5, math.Ldexp(spanT1-spanT0, -k.leaves), Options{Levy: true})
				} else {
					p, err = NewInterval(spanT0, spanT1, 3, 5, Options{Levy: true})
				}
				if err == nil {
					got[w], err = answerAll(p, qs)
				}
				errs <- err
			}(w)
		}
		for w := 0; w < workers; w++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		for w := range got {
			for i := range qs {
				for j := range want[i] {
					if got[w][i][j] != want[i][j] {
						t.Fatalf("%s: worker %d query %d differs", k.name, w, i)
					}
				}
			}
		}
	}
}

// answerAll is answers for a goroutine other than the test's: it reports
// an error instead of failing the test.
func answerAll(p path, qs []query) ([][]uint64, error) {
	out := make([][]uint64, len(qs))
	w, h := make([]float64, p.Dim()), make([]float64, p.Dim())
	for i, q := range qs {
		if err := p.IncrementLevy(q.s, q.t, w, h); err != nil {
			return nil, err
		}
		for j := range w {
			out[i] = append(out[i], math.Float64bits(w[j]), math.Float64bits(h[j]))
		}
	}
	return out, nil
}

// TestGridResolution: an Interval resolves times to the grid
// t0 + k·(t1−t0)·2⁻⁵³, as documented. On [0, 1] the grid times k·2⁻⁵³
// are floats and map to themselves, so one step has a non-zero increment
// and 0.6 of a step rounds to it, while 1e-17 and 2e-17 (0.09 and 0.18 of
// a step) both round to 0, and their increment is 0.
func TestGridResolution(t *testing.T) {
	const step = 0x1p-53
	for _, levy := range []bool{false, true} {
		p := build(t, interval, 0, 1, 2, 7, Options{Levy: levy})
		one, _ := inc(t, p, 0, step)
		near, _ := inc(t, p, 0, 0.6*step)
		tiny, _ := inc(t, p, 1e-17, 2e-17)
		next, _ := inc(t, p, 3*step, 4*step)
		for i := range one {
			if one[i] == 0 || next[i] == 0 || one[i] == next[i] {
				t.Errorf("levy %v: increments over single grid steps %v, %v", levy, one, next)
			}
			if math.Float64bits(near[i]) != math.Float64bits(one[i]) {
				t.Errorf("levy %v: W(0, 0.6 step) = %v, W(0, step) = %v", levy, near, one)
			}
			if tiny[i] != 0 {
				t.Errorf("levy %v: W(1e-17, 2e-17) = %v, want 0", levy, tiny)
			}
		}
	}
}

// TestCursorBytes: the kept paths of an Interval, 16·54·dim bytes per cursor
// (twice that with Lévy area), may hold at most 4 GiB together; more is an
// ErrArgument, not a fatal out-of-memory. The refused cases would need
// 4.2–7.2 GiB; the accepted one needs 11 MiB.
func TestCursorBytes(t *testing.T) {
	for _, c := range []struct {
		dim, cursors int
		levy         bool
	}{
		{maxDim, 4, true}, {maxDim, 5, false}, {1 << 16, 64, true}, {1 << 17, 64, false},
	} {
		bytes := float64(c.cursors) * 16 * 54 * float64(c.dim)
		if c.levy {
			bytes *= 2
		}
		if bytes <= 1<<32 {
			t.Fatalf("case %+v needs only %g bytes", c, bytes)
		}
		if _, err := NewInterval(0, 1, c.dim, 1, Options{Cursors: c.cursors, Levy: c.levy}); !errors.Is(err, ErrArgument) {
			t.Errorf("NewInterval(dim %d, %d cursors, levy %v), %g bytes: err = %v, want ErrArgument", c.dim, c.cursors, c.levy, bytes, err)
		}
	}
	if _, err := NewInterval(0, 1, 100, 1, Options{Cursors: 64, Levy: true}); err != nil {
		t.Errorf("64 cursors at dimension 100: %v", err)
	}
}

package fuzz

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/nde-go/nde/brownian"
)

type brownianPath interface {
	Increment(s, t float64, dw []float64) error
	IncrementLevy(s, t float64, dw, h []float64) error
}

// FuzzBrownian issues arbitrary sequences of queries to a Tree or an
// Interval of arbitrary seed, dimension, cursors and cache, and checks
// that nothing panics, that times outside the span or not finite are
// reported with the documented errors, and that every triple of times
// keeps the additivity of the increment and of space-time Lévy area to
// rounding. Times are grid points −2 + k·2⁻⁵¹ of the span [−2, 2], exact
// floats whose differences are exact, so the identities involve no
// rounding of lengths.
func FuzzBrownian(f *testing.F) {
	f.Add(uint64(1), byte(0), []byte{})
	f.Add(uint64(20), byte(3), []byte("\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x08\x00")) // a Tree of one leaf
	f.Add(uint64(7), byte(3), []byte("\x00\x00\x00\x00\x00\x00\x10\x00\xff\xff\xff\xff\xff\xff\x1f\x00\x01\x02\x03\x04\x05\x06\x07\x08"))
	f.Add(uint64(1<<63), byte(0xff), []byte("\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(uint64(42), byte(0x56), []byte("\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x10\x00"))
	f.Fuzz(func(t *testing.T, seed uint64, flags byte, data []byte) {
		tree, levy := flags&1 != 0, flags&2 != 0
		dim := 1 + int(flags>>2)%3
		o := brownian.Options{Levy: levy, Cursors: 2 + int(flags>>4)%3, Cache: []int{-1, 1, 0, 16}[flags>>6]}
		var p brownianPath
		var err error
		if tree {
			p, err = brownian.NewTree(-2, 2, dim, seed, math.Ldexp(4, -int(seed%20)), o)
		} else {
			p, err = brownian.NewInterval(-2, 2, dim, seed, o)
		}
		if err != nil {
			t.Fatal(err)
		}
		ask := func(s, u float64) (w, h []float64, err error) {
			w = make([]float64, dim)
			if levy {
				h = make([]float64, dim)
				return w, h, p.IncrementLevy(s, u, w, h)
			}
			return w, nil, p.Increment(s, u, w)
		}
		// time decodes 8 bytes: mostly a grid time; a few patterns give
		// a time outside the span or not finite.
		time := func(b []byte) (float64, error) {
			v := binary.LittleEndian.Uint64(b)
			switch v >> 58 {
			case 63:
				return math.NaN(), brownian.ErrNotFinite
			case 62:
				return math.Inf(-1), brownian.ErrNotFinite
			case 61:
				return 2 + math.Ldexp(float64(v&0xffff)+1, -40), brownian.ErrOutOfSpan
			}
			k := (v & (1<<54 - 1)) % (1<<53 + 1)
			return -2 + math.Ldexp(float64(k), -51), nil
		}
		for len(data) >= 24 {
			var ts [3]float64
			var bad [3]error
			for i := range ts {
				ts[i], bad[i] = time(data[8*i:])
			}
			data = data[24:]
			if bad[0] != nil || bad[1] != nil || bad[2] != nil {
				// The query [ts[i], ts[i+1]] must fail with the error
				// of its first bad time, s being checked first.
				for i := 0; i < 2; i++ {
					want := bad[i]
					if want == nil {
						want = bad[i+1]
					}
					_, _, err := ask(ts[i], ts[i+1])
					if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
						t.Fatalf("[%v, %v]: error %v, want %v", ts[i], ts[i+1], err, want)
					}
				}
				continue
			}
			a, b, c := ts[0], ts[1], ts[2]
			wab, hab, err1 := ask(a, b)
			wbc, hbc, err2 := ask(b, c)
			wac, hac, err3 := ask(a, c)
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Fatal(err)
			}
			l1, l2, l := b-a, c-b, c-a
			for i := 0; i < dim; i++ {
				for _, v := range []float64{wab[i], wbc[i], wac[i]} {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("non-finite value over (%v, %v, %v)", a, b, c)
					}
				}
				scale := math.Sqrt(math.Abs(l1)) + math.Sqrt(math.Abs(l2)) + math.Sqrt(math.Abs(l)) +
					math.Abs(wab[i]) + math.Abs(wbc[i]) + math.Abs(wac[i])
				if math.Abs(wac[i]-(wab[i]+wbc[i])) > 1e-13*scale {
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
				if math.IsNaN(lhs) || math.Abs(lhs-rhs) > 1e-13*sc {
					t.Fatalf("H over (%v, %v, %v): (c−a)H = %v, additivity gives %v", a, b, c, lhs, rhs)
				}
			}
		}
	})
}

// FuzzBrownianOrder answers an arbitrary list of queries on two paths of
// the same seed — one in order with the default cursors and cache, the
// other backwards with two cursors and no cache — and requires the same
// bits: a path's answers depend on the seed and the times alone.
func FuzzBrownianOrder(f *testing.F) {
	f.Add(uint64(3), byte(0), []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"))
	f.Add(uint64(9), byte(3), []byte("\xff\xfe\xfd\xfc\x80\x81\x82\x83\x10\x20\x30\x40\x50\x60\x70\x80\x90\xa0"))
	f.Fuzz(func(t *testing.T, seed uint64, flags byte, data []byte) {
		tree, levy := flags&1 != 0, flags&2 != 0
		dim := 1 + int(flags>>2)%3
		build := func(o brownian.Options) brownianPath {
			o.Levy = levy
			var p brownianPath
			var err error
			if tree {
				p, err = brownian.NewTree(0, 1, dim, seed, math.Ldexp(1, -int(flags>>4)), o)
			} else {
				p, err = brownian.NewInterval(0, 1, dim, seed, o)
			}
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		var qs [][2]float64
		for ; len(data) >= 4; data = data[4:] {
			s := float64(binary.LittleEndian.Uint16(data)) / 65535
			u := float64(binary.LittleEndian.Uint16(data[2:])) / 65535
			qs = append(qs, [2]float64{s, u})
		}
		answer := func(p brownianPath, q [2]float64) []float64 {
			w, h := make([]float64, dim), make([]float64, dim)
			var err error
			if levy {
				err = p.IncrementLevy(q[0], q[1], w, h)
			} else {
				err = p.Increment(q[0], q[1], w)
			}
			if err != nil {
				t.Fatal(err)
			}
			return append(w, h...)
		}
		a, b := build(brownian.Options{}), build(brownian.Options{Cursors: 2, Cache: -1})
		want := make([][]float64, len(qs))
		for i, q := range qs {
			want[i] = answer(a, q)
		}
		for i := len(qs) - 1; i >= 0; i-- {
			got := answer(b, qs[i])
			for j := range got {
				if math.Float64bits(got[j]) != math.Float64bits(want[i][j]) {
					t.Fatalf("query %d [%v, %v] value %d: %v backwards, %v in order", i, qs[i][0], qs[i][1], j, got[j], want[i][j])
				}
			}
		}
	})
}

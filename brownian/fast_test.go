package brownian

import (
	"math"
	"math/rand"
	"testing"
)

// TestBlockMainIsBlock checks that the main-sequence blocks, which reuse
// the parts of the first rounds that prime shares, are Philox4x64-10's
// blocks (block itself is checked against known answers).
func TestBlockMainIsBlock(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var s stream
	for i := 0; i < 2000; i++ {
		s.setKey(r.Uint64(), r.Uint64())
		s.reset(r.Uint64(), r.Uint64())
		c1 := r.Uint64()
		if i%3 == 0 {
			c1 = uint64(i % 7) // the small block numbers the tree uses
		}
		a0, a1, a2, a3 := s.blockMain(c1)
		b0, b1, b2, b3 := s.block(c1, 0)
		if [4]uint64{a0, a1, a2, a3} != [4]uint64{b0, b1, b2, b3} {
			t.Fatalf("key %x, counter (%x, %x, %x, 0): blockMain %x, block %x", s.rk[:2], s.c0, c1, s.c2,
				[4]uint64{a0, a1, a2, a3}, [4]uint64{b0, b1, b2, b3})
		}
	}
}

// TestZigguratThresholds checks that the integer test u < zigU[i] of the
// fast path is the floating-point test fl(u·zigX[i]·2⁻⁵³) < zigX[i+1] it
// replaces: at the threshold and on either side of it, and at random u.
func TestZigguratThresholds(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	under := func(i int, u uint64) bool {
		return float64(float64(int64(u))*0x1p-53)*zigX[i] < zigX[i+1]
	}
	for i := 0; i < zigLayers; i++ {
		us := []uint64{0, 1<<53 - 1}
		for d := uint64(0); d < 3; d++ {
			us = append(us, zigU[i]+d, zigU[i]-1-d)
		}
		for j := 0; j < 20; j++ {
			us = append(us, r.Uint64()>>11)
		}
		for _, u := range us {
			if u >= 1<<53 {
				continue
			}
			if got, want := u < zigU[i], under(i, u); got != want {
				t.Fatalf("layer %d, u = %d: threshold %d says %v, the product %v", i, u, zigU[i], got, want)
			}
			// The signed table gives the magnitude and the sign bit.
			for _, sign := range []int{0, 1} {
				x := float64(int64(u)) * zigT[i+sign*zigLayers]
				want := float64(float64(int64(u))*0x1p-53) * zigX[i]
				if math.Abs(x) != want || math.Signbit(x) != (sign == 1) {
					t.Fatalf("layer %d, u = %d, sign %d: %v, want magnitude %v", i, u, sign, x, want)
				}
			}
		}
	}
	if zigU[zigLayers-1] != 0 {
		t.Errorf("the top layer's threshold is %d: it has no rectangle under the next layer", zigU[zigLayers-1])
	}
}

// TestDescentIsSplit rebuilds the path of every slot, level by level, with
// split (the general midpoint rule that TestMidpointSplit checks) and
// requires the same bits as the specialised descent stored there.
func TestDescentIsSplit(t *testing.T) {
	for _, levy := range []bool{false, true} {
		for _, dim := range []int{1, 3} {
			p, err := NewInterval(0, 1, dim, 99, Options{Levy: levy, Cache: -1})
			if err != nil {
				t.Fatal(err)
			}
			e := p.e
			r := rand.New(rand.NewSource(5))
			dw, h := make([]float64, dim), make([]float64, dim)
			for q := 0; q < 50; q++ {
				s, u := r.Float64(), r.Float64()
				if levy {
					err = p.IncrementLevy(s, u, dw, h)
				} else {
					err = p.Increment(s, u, dw)
				}
				if err != nil {
					t.Fatal(err)
				}
				for si := range e.slots {
					checkSlot(t, e, &e.slots[si])
				}
			}
		}
	}
}

func checkSlot(t *testing.T, e *engine, v *slot) {
	t.Helper()
	if v.dk < 0 {
		return
	}
	dim := e.dim
	pW, pB := append([]float64(nil), e.rootW...), append([]float64(nil), e.rootB...)
	lW, lB, rW, rB := make([]float64, dim), make([]float64, dim), make([]float64, dim), make([]float64, dim)
	same := func(what string, d int, a, b []float64) {
		t.Helper()
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				t.Fatalf("levy %v, k = %d, depth %d: %s[%d] = %v, split gives %v", e.levy, v.k, d, what, i, b[i], a[i])
			}
		}
	}
	for d := 0; d <= v.dk; d++ {
		same("node W", d, pW, v.nodeW[d*dim:(d+1)*dim])
		if e.levy {
			same("node B", d, pB, v.nodeB[d*dim:(d+1)*dim])
		}
		e.split(d, uint64(1)<<d|v.k>>(gridBits-d), pW, pB, lW, lB, rW, rB)
		if d == v.dk {
			same("low child W", d, lW, v.loW)
			same("high child W", d, rW, v.hiW)
			if e.levy {
				same("low child B", d, lB, v.loB)
				same("high child B", d, rB, v.hiB)
			}
			break
		}
		onW, onB, offW, offB := lW, lB, rW, rB
		if bit(v.k, d) == 1 {
			onW, onB, offW, offB = rW, rB, lW, lB
		}
		same("sibling W", d, offW, v.sibW[d*dim:(d+1)*dim])
		if e.levy {
			same("sibling B", d, offB, v.sibB[d*dim:(d+1)*dim])
		}
		copy(pW, onW)
		if e.levy {
			copy(pB, onB)
		} else {
			pB = nil
		}
	}
}

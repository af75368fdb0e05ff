package brownian

import (
	"fmt"
	"math"
	"testing"
)

// gauss2 collects standardised residuals of a pair (X, Y) with known
// conditional means, variances and covariance: X's residual, and Y's with
// X's part removed, which must be independent N(0, 1).
type gauss2 struct{ rx, ry []float64 }

func (g *gauss2) add(x, mx, vx, y, my, vy, cov float64) {
	dx, dy := x-mx, y-my
	g.rx = append(g.rx, dx/math.Sqrt(vx))
	g.ry = append(g.ry, (dy-cov/vx*dx)/math.Sqrt(vy-cov*cov/vx))
}

func (g *gauss2) check(t *testing.T, what string) {
	t.Helper()
	checkUncorrelated(t, what+": the two residuals", g.rx, g.ry)
	checkNormal(t, what+": residual of W", g.rx)
	checkNormal(t, what+": residual of B", g.ry)
}

// TestMidpointSplit checks the midpoint rule directly, one split per seed
// from a fixed parent: given (W, B = h·H) over [0, h], the first half has
// (Foster's thesis, Theorem 6.1.6, in B = length·H)
//
//	W₁ ~ N(W/2 + 3B/(2h), h/16),  B₁ ~ N(B/8, 7h³/768),  Cov = −h²/64,
//
// and the halves satisfy W₁ + W₂ = W and B = B₁ + B₂ + (h/2)(W₁ − W₂)/2
// to rounding. Without Lévy area W₁ ~ N(W/2, h/4).
func TestMidpointSplit(t *testing.T) {
	n := samples(300000)
	for _, d := range []int{0, 7, 52} {
		for _, levy := range []bool{false, true} {
			t.Run(fmt.Sprintf("depth=%d/levy=%v", d, levy), func(t *testing.T) {
				e, err := newEngine(0, 1, 1, 0, gridBits, Options{Levy: levy, Cache: -1})
				if err != nil {
					t.Fatal(err)
				}
				h := math.Ldexp(1, -d)
				pW, pB := []float64{0.7 * math.Sqrt(h)}, []float64{-0.2 * h * math.Sqrt(h)}
				lW, lB, rW, rB := make([]float64, 1), make([]float64, 1), make([]float64, 1), make([]float64, 1)
				var g gauss2
				var rx []float64
				for seed := 0; seed < n; seed++ {
					e.st.setKey(uint64(seed), keyDomain)
					e.split(d, uint64(1)<<d+uint64(seed)%(uint64(1)<<d), pW, pB, lW, lB, rW, rB)
					if !near(lW[0]+rW[0], pW[0], math.Sqrt(h)) {
						t.Fatalf("W₁ + W₂ = %v, W = %v", lW[0]+rW[0], pW[0])
					}
					if !levy {
						rx = append(rx, (lW[0]-pW[0]/2)/math.Sqrt(h/4))
						continue
					}
					if b := lB[0] + rB[0] + h/4*(lW[0]-rW[0]); !near(b, pB[0], h*math.Sqrt(h)) {
						t.Fatalf("additivity: %v, B = %v", b, pB[0])
					}
					g.add(lW[0], pW[0]/2+1.5*pB[0]/h, h/16, lB[0], pB[0]/8, 7*h*h*h/768, -h*h/64)
				}
				if levy {
					g.check(t, "first half")
				} else {
					checkNormal(t, "residual of W₁", rx)
				}
			})
		}
	}
}

// TestPointBridge checks a Tree's bridge at an interior point directly,
// one draw per seed from a fixed leaf state: for the first piece, of
// fraction u = 1 − v of the leaf (length h),
//
//	W₁ ~ N(u·W + 6uv·B/h, h·uv(1 − 3uv)),  B₁ ~ N(u³·B, h³u³(1 − u³)/12),
//	Cov(W₁, B₁) = −h²u⁴v/2,
//
// (Foster's thesis, Theorem 6.1.4, with B₁ = uh·H₁) whichever piece is
// drawn and which is the rest; by time reversal, which maps (W, B) to
// (−W, B), the second piece's (−W₂, B₂) has the same law with u and v
// exchanged. The pieces satisfy W₁ + W₂ = W and
// B = B₁ + B₂ + (h₂W₁ − h₁W₂)/2 to rounding. Without Lévy area
// W₁ ~ N(u·W, h·uv). The fractions include one grid step from either end,
// where only drawing the short piece keeps the other accurate.
func TestPointBridge(t *testing.T) {
	n := samples(200000)
	const depth = 10
	leaf := uint64(1) << (gridBits - depth)
	a := 37 * leaf
	for _, u := range []float64{0x1p-43, 1.0 / 1024, 0.1, 0.3, 0.45, 0.5, 0.55, 0.7, 0.9, 1 - 1.0/1024, 1 - 0x1p-43} {
		for _, levy := range []bool{false, true} {
			t.Run(fmt.Sprintf("u=%.4f/levy=%v", u, levy), func(t *testing.T) {
				e, err := newEngine(0, 1, 1, 0, depth, Options{Levy: levy, Cache: -1})
				if err != nil {
					t.Fatal(err)
				}
				h := math.Ldexp(1, -depth)
				k := a + uint64(math.Round(u*float64(leaf)))
				u := float64(k-a) / float64(leaf)
				v := 1 - u
				pW, pB := []float64{-1.3 * math.Sqrt(h)}, []float64{0.25 * h * math.Sqrt(h)}
				lW, lB, rW, rB := make([]float64, 1), make([]float64, 1), make([]float64, 1), make([]float64, 1)
				var g, g2 gauss2
				var rx []float64
				for seed := 0; seed < n; seed++ {
					e.st.setKey(uint64(seed), keyDomain)
					e.bridge(k, a, pW, pB, lW, lB, rW, rB)
					if !near(lW[0]+rW[0], pW[0], math.Sqrt(h)) {
						t.Fatalf("W₁ + W₂ = %v, W = %v", lW[0]+rW[0], pW[0])
					}
					if !levy {
						rx = append(rx, (lW[0]-u*pW[0])/math.Sqrt(h*u*v))
						continue
					}
					if b := lB[0] + rB[0] + (v*h*lW[0]-u*h*rW[0])/2; !near(b, pB[0], h*math.Sqrt(h)) {
						t.Fatalf("additivity: %v, B = %v", b, pB[0])
					}
					g.add(lW[0], u*pW[0]+6*u*v*pB[0]/h, h*u*v*(1-3*u*v),
						lB[0], u*u*u*pB[0], h*h*h*u*u*u*(1-u*u*u)/12, -h*h*u*u*u*u*v/2)
					g2.add(-rW[0], -v*pW[0]+6*u*v*pB[0]/h, h*u*v*(1-3*u*v),
						rB[0], v*v*v*pB[0], h*h*h*v*v*v*(1-v*v*v)/12, -h*h*v*v*v*v*u/2)
				}
				// The conditional law of a long piece given its W is that
				// of a tiny difference of large terms, which this test
				// cannot evaluate in floating point; it follows from the
				// short piece's law and additivity, both checked.
				if levy {
					if u <= 0.5 || v > 1e-6 {
						g.check(t, "first piece")
					}
					if v <= 0.5 || u > 1e-6 {
						g2.check(t, "second piece, reversed")
					}
				} else {
					checkNormal(t, "residual of W₁", rx)
				}
			})
		}
	}
}

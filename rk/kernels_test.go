package rk

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nde-go/nde/asm"
)

// TestRowApply checks the stage-combination kernels against a plain loop
// for every number of terms up to 20 (so across the eight-term blocks) and
// every length up to 33, on data k/256 with |k| < 2¹⁰ and h = 1/2, for
// which every product and partial sum is exact: the kernels must agree
// bit for bit whatever the order or fusion of their operations. Guard
// values around the output must survive, and out may alias the base.
func TestRowApply(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	exact := func() float64 { return float64(rng.Intn(2047)-1023) / 256 }
	for m := 0; m <= 20; m++ {
		for n := 1; n <= 33; n++ {
			slots := m + 1
			k := make([]float64, slots*n)
			for i := range k {
				k[i] = exact()
			}
			var c []float64
			var ks [][]float64
			for j := 0; j < m; j++ {
				c = append(c, exact())
				ks = append(ks, k[j*n:(j+1)*n:(j+1)*n])
			}
			r := row{c: c, ks: ks}
			y := make([]float64, n)
			for i := range y {
				y[i] = exact()
			}
			const h = 0.5
			want := make([]float64, n)
			for i := range want {
				s := y[i]
				for j := range c {
					s += (h * c[j]) * ks[j][i]
				}
				want[i] = s
			}
			buf := make([]float64, n+2)
			buf[0], buf[n+1] = math.NaN(), math.Inf(1)
			out := buf[1 : n+1 : n+1]
			r.apply(out, y, h)
			for i := range want {
				if out[i] != want[i] {
					t.Fatalf("m = %d, n = %d: out[%d] = %v, want %v", m, n, i, out[i], want[i])
				}
			}
			if !math.IsNaN(buf[0]) || !math.IsInf(buf[n+1], 1) {
				t.Fatalf("m = %d, n = %d: guard overwritten", m, n)
			}
			r.apply(y, y, h) // aliasing
			for i := range want {
				if y[i] != want[i] {
					t.Fatalf("m = %d, n = %d, aliased: out[%d] = %v, want %v", m, n, i, y[i], want[i])
				}
			}
		}
	}
}

// BenchmarkStageCombine compares the package's kernels with asm.Combine
// (the kernel of package asm, run-time dispatched) on one stage
// combination out = y + Σ h·a_j·k_j with m terms over states of length n:
// the work of one stage of a Runge–Kutta step.
func BenchmarkStageCombine(b *testing.B) {
	for _, n := range []int{3, 4, 8, 16, 28, 32} {
		for _, m := range []int{1, 3, 6} {
			k := make([]float64, (m+1)*n)
			for i := range k {
				k[i] = float64(i%7) * 0.1
			}
			c := make([]float64, m)
			var ks [][]float64
			for j := range c {
				c[j] = 0.1 * float64(j+1)
				ks = append(ks, k[j*n:(j+1)*n:(j+1)*n])
			}
			r := row{c: c, ks: ks}
			y, out := make([]float64, n), make([]float64, n)
			hc := make([]float64, m)
			b.Run(fmt.Sprintf("n=%d/m=%d/impl=rk", n, m), func(b *testing.B) {
				h := 1e-3
				for i := 0; i < b.N; i++ {
					r.apply(out, y, h)
				}
				b.ReportMetric(float64(2*n*m)/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "GFLOP/s")
			})
			b.Run(fmt.Sprintf("n=%d/m=%d/impl=asm", n, m), func(b *testing.B) {
				h := 1e-3
				for i := 0; i < b.N; i++ {
					for j := range hc { // the step scales the coefficients
						hc[j] = h * c[j]
					}
					asm.Combine(out, y, k[:m*n], hc)
				}
				b.ReportMetric(float64(2*n*m)/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "GFLOP/s")
			})
		}
	}
}

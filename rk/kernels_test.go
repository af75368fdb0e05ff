package rk

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nde-go/nde/asm"
)

// TestRowApply checks the stage-combination kernels, and the rows that
// call asm.Combine instead, against a plain loop for every number of terms
// up to 15 (so across the eight-term blocks) and every length up to 70, on
// data k/256 with |k| < 2¹⁰ and h = 1/2, for which every product and
// partial sum is exact: the kernels must agree bit for bit whatever the
// order or fusion of their operations. Guard values around the output must
// survive, and out may alias the base.
func TestRowApply(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	exact := func() float64 { return float64(rng.Intn(2047)-1023) / 256 }
	for m := 0; m <= 15; m++ {
		for n := 1; n <= 70; n++ {
			slots := m + 1
			k := make([]float64, slots*n)
			for i := range k {
				k[i] = exact()
			}
			var c []float64
			var ks [][]float64
			// Every third slot is left out, as zeros of a tableau are.
			dense := make([]float64, 0, slots)
			for j := 0; j < m; j++ {
				if j%3 == 2 {
					dense = append(dense, 0)
					continue
				}
				v := exact()
				dense = append(dense, v)
				c = append(c, v)
				ks = append(ks, k[j*n:(j+1)*n:(j+1)*n])
			}
			rows := map[string]row{"go": {c: c, ks: ks}}
			if m > 0 {
				rows["asm"] = row{c: c, ks: ks, dense: dense, hc: make([]float64, len(dense)), kAll: k[:len(dense)*n]}
			}
			for name, r := range rows {
				r.bind()
				rows[name] = r
			}
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
			for name, r := range rows {
				buf := make([]float64, n+2)
				buf[0], buf[n+1] = math.NaN(), math.Inf(1)
				out := buf[1 : n+1 : n+1]
				r.apply(out, y, h)
				for i := range want {
					if out[i] != want[i] {
						t.Fatalf("%s, m = %d, n = %d: out[%d] = %v, want %v", name, m, n, i, out[i], want[i])
					}
				}
				if !math.IsNaN(buf[0]) || !math.IsInf(buf[n+1], 1) {
					t.Fatalf("%s, m = %d, n = %d: guard overwritten", name, m, n)
				}
				yy := append([]float64(nil), y...)
				r.apply(yy, yy, h) // aliasing
				for i := range want {
					if yy[i] != want[i] {
						t.Fatalf("%s, m = %d, n = %d, aliased: out[%d] = %v, want %v", name, m, n, i, yy[i], want[i])
					}
				}
			}
		}
	}
}

// TestLongStates solves a problem with 40 components, for which the rows
// call asm.Combine, and compares with the same solve on the generic
// kernels: the two differ only in rounding (fused multiply–adds, order).
func TestLongStates(t *testing.T) {
	const n = 40
	f := &funcField{n: n, f: func(tt float64, y, out []float64) {
		for i := 0; i < n; i += 2 { // uncoupled oscillators of frequencies 1 + i/n
			w := 1 + float64(i)/n
			out[i], out[i+1] = w*y[i+1], -w*y[i]
		}
	}}
	y0 := make([]float64, n)
	for i := 0; i < n; i += 2 {
		y0[i] = 1
	}
	var a, b Solution
	for _, tab := range []*Tableau{Dopri5, Dop853} {
		s, _ := New(tab, f)
		if asm.Impl() != "generic" && !s.useAsm {
			t.Fatalf("%s: n = %d does not use asm.Combine", tab.Name, n)
		}
		opt := Options{RTol: 1e-10, ATol: 1e-10, Dense: true, SaveAt: []float64{1.3}}
		if err := s.Solve(0, 5, y0, &opt, &a); err != nil {
			t.Fatal(err)
		}
		// A Solver made while asm runs its generic code uses the package's
		// own kernels.
		impl := asm.Impl()
		if err := asm.SetImpl("generic"); err != nil {
			t.Fatal(err)
		}
		g, _ := New(tab, f)
		if err := asm.SetImpl(impl); err != nil {
			t.Fatal(err)
		}
		if g.useAsm {
			t.Fatal("a Solver made with generic asm kernels uses them")
		}
		if err := g.Solve(0, 5, y0, &opt, &b); err != nil {
			t.Fatal(err)
		}
		var errA float64
		for i := 0; i < n; i += 2 {
			w := 1 + float64(i)/n
			errA = math.Max(errA, math.Abs(a.Y[i]-math.Cos(5*w)))
		}
		d := maxAbsDiff(a.Y, b.Y)
		t.Logf("%s: error %.3g, asm and generic kernels differ by %.3g, %+v / %+v", tab.Name, errA, d, a.Stats, b.Stats)
		if errA > 1e-8 || d > 1e-9 || maxAbsDiff(a.Ys, b.Ys) > 1e-9 {
			t.Errorf("%s: error %.3g, difference %.3g", tab.Name, errA, d)
		}
	}
}

// BenchmarkStageCombine compares the package's kernels with asm.Combine
// (the kernel of package asm, run-time dispatched) on one stage
// combination out = y + Σ h·a_j·k_j with m terms over states of length n:
// the work of one stage of a Runge–Kutta step.
func BenchmarkStageCombine(b *testing.B) {
	for _, n := range []int{3, 4, 8, 16, 28, 32, 48, 64, 128, 256} {
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
			r.bind()
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

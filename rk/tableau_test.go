package rk

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
)

// rooted trees for the order conditions of Butcher (HNW I, Sec. II.2): a
// method has order p when Σ_i b_i Φ_i(t) = 1/γ(t) for every rooted tree t
// with at most p vertices, where Φ_i is the elementary weight and γ the
// density of t.
type rtree struct {
	kids  []int // indices of the subtrees in the list of all trees
	order int
	gamma float64
}

// treesUpTo returns every rooted tree with at most maxOrder vertices, each
// once, ordered by order; subtrees come before the trees that hold them.
func treesUpTo(maxOrder int) []rtree {
	all := []rtree{{order: 1, gamma: 1}}
	for p := 2; p <= maxOrder; p++ {
		// Multisets of earlier trees (non-increasing indices) whose orders
		// sum to p−1: the subtrees of the root.
		var rec func(rem, maxIdx int, kids []int)
		rec = func(rem, maxIdx int, kids []int) {
			if rem == 0 {
				g := float64(p)
				for _, k := range kids {
					g *= all[k].gamma
				}
				all = append(all, rtree{kids: append([]int(nil), kids...), order: p, gamma: g})
				return
			}
			for i := maxIdx; i >= 0; i-- {
				if all[i].order <= rem {
					rec(rem-all[i].order, i, append(kids, i))
				}
			}
		}
		rec(p-1, len(all)-1, nil)
	}
	return all
}

func TestTreeCounts(t *testing.T) {
	// The numbers of rooted trees with 1…9 vertices (OEIS A000081).
	want := []int{1, 1, 2, 4, 9, 20, 48, 115, 286}
	count := make([]int, 10)
	for _, tr := range treesUpTo(9) {
		count[tr.order]++
	}
	for p, w := range want {
		if count[p+1] != w {
			t.Errorf("%d trees of order %d, want %d", count[p+1], p+1, w)
		}
	}
}

// elementaryWeights returns Φ_i(t) for every tree (rows) and stage (columns)
// of the strictly lower triangular matrix a.
func elementaryWeights(trees []rtree, a [][]float64) [][]float64 {
	s := len(a)
	phi := make([][]float64, len(trees))
	aphi := make([][]float64, len(trees)) // (A Φ(t))_i
	for ti, tr := range trees {
		p := make([]float64, s)
		for i := range p {
			p[i] = 1
			for _, k := range tr.kids {
				p[i] *= aphi[k][i]
			}
		}
		phi[ti] = p
		ap := make([]float64, s)
		for i := range ap {
			for j, v := range a[i] {
				ap[i] += v * p[j]
			}
		}
		aphi[ti] = ap
	}
	return phi
}

// orderResiduals returns, per order, the largest |Σ w_i Φ_i(t) − θ^|t|/γ(t)|.
func orderResiduals(trees []rtree, phi [][]float64, w []float64, theta float64, maxOrder int) []float64 {
	res := make([]float64, maxOrder+1)
	for ti, tr := range trees {
		if tr.order > maxOrder {
			continue
		}
		var sum float64
		for i, v := range w {
			sum += v * phi[ti][i]
		}
		r := math.Abs(sum - math.Pow(theta, float64(tr.order))/tr.gamma)
		res[tr.order] = math.Max(res[tr.order], r)
	}
	return res
}

func sub(a, b []float64) []float64 {
	c := make([]float64, len(a))
	for i := range a {
		c[i] = a[i] - b[i]
	}
	return c
}

var allTableaux = []*Tableau{Euler, Midpoint, Heun, Ralston, RK4, Bosh3, Dopri5, Tsit5, Dop853}

// checkOrder asserts that the weights w satisfy the conditions up to order
// p and violate one of order p+1. The coefficients are float64 roundings of
// exact values (DOP853's reach 45 in magnitude), so a satisfied condition
// holds to ~1e-14; the violated ones miss by more than 1e-6·θ^(p+1) (the
// scale of the terms at that order) for all the methods here, so the two
// thresholds cannot be confused.
func checkOrder(t *testing.T, what string, trees []rtree, phi [][]float64, w []float64, theta float64, p int) {
	t.Helper()
	res := orderResiduals(trees, phi, w, theta, p+1)
	for q := 1; q <= p; q++ {
		if res[q] > 1e-12 {
			t.Errorf("%s: order-%d conditions miss by %.3g", what, q, res[q])
		}
	}
	if res[p+1] < 1e-6*math.Pow(theta, float64(p+1)) {
		t.Errorf("%s: order-%d conditions hold to %.3g: the order is higher than %d", what, p+1, res[p+1], p)
	}
}

// TestOrderConditions checks each tableau's solution, embedded solutions
// and continuous extensions against Butcher's order conditions: exactly
// the stated order, not one less and not one more.
func TestOrderConditions(t *testing.T) {
	trees := treesUpTo(9)
	for _, tab := range allTableaux {
		t.Run(tab.Name, func(t *testing.T) {
			if err := tab.Validate(); err != nil {
				t.Fatal(err)
			}
			phi := elementaryWeights(trees, tab.A)
			checkOrder(t, "solution", trees, phi, tab.B, 1, tab.Order)
			if tab.BErr != nil {
				checkOrder(t, "embedded solution", trees, phi, sub(tab.B, tab.BErr), 1, tab.EmbeddedOrder)
			}
			if tab.BErr3 != nil {
				checkOrder(t, "third-order estimate", trees, phi, sub(tab.B, tab.BErr3), 1, 3)
			}
			// Row sums: c_i = Σ_j a_ij, which the conditions above assume.
			for i, r := range tab.A {
				var sum float64
				for _, v := range r {
					sum += v
				}
				if math.Abs(sum-tab.C[i]) > 1e-14 {
					t.Errorf("row %d sums to %.17g, c = %.17g", i, sum, tab.C[i])
				}
			}
			// The continuous extensions, over all stage slots: the stages,
			// f(t+h, y1) (a stage with row B and node 1), the extra stages.
			ext, cext := extendedTableau(tab)
			for i, r := range ext {
				var sum float64
				for _, v := range r {
					sum += v
				}
				if math.Abs(sum-cext[i]) > 1e-13 {
					t.Errorf("extended row %d sums to %.17g, c = %.17g", i, sum, cext[i])
				}
			}
			phiX := elementaryWeights(trees, ext)
			forms := map[string]*Interp{"hermite": hermiteInterp(tab)}
			if tab.Interp != nil {
				forms["own"] = tab.Interp
			}
			for name, in := range forms {
				for _, theta := range []float64{0.1, 0.37, 0.5, 0.82} {
					checkOrder(t, fmt.Sprintf("%s interpolant at θ = %g", name, theta), trees, phiX,
						interpWeights(tab, in, theta), theta, in.Order)
				}
				// At θ = 1 every extension reproduces the step.
				w1 := interpWeights(tab, in, 1)
				for i := range w1 {
					want := 0.0
					if i < len(tab.B) {
						want = tab.B[i]
					}
					if math.Abs(w1[i]-want) > 1e-13 {
						t.Errorf("%s interpolant at θ = 1: weight %d = %.17g, want %.17g", name, i, w1[i], want)
					}
				}
			}
		})
	}
}

// extendedTableau returns the matrix and nodes over all stage slots.
func extendedTableau(tab *Tableau) ([][]float64, []float64) {
	s := len(tab.B)
	var a [][]float64
	var c []float64
	for i := 0; i < s; i++ {
		a = append(a, tab.A[i])
		c = append(c, tab.C[i])
	}
	if !tab.FSAL {
		a = append(a, tab.B)
		c = append(c, 1)
	}
	if tab.Interp != nil {
		a = append(a, tab.Interp.AExtra...)
		c = append(c, tab.Interp.CExtra...)
	}
	// Pad rows to strictly lower triangular full length.
	for i := range a {
		r := make([]float64, i)
		copy(r, a[i])
		a[i] = r
	}
	return a, c
}

// hermiteInterp is the cubic Hermite interpolant the solver builds for any
// method, over the method's stage slots.
func hermiteInterp(tab *Tableau) *Interp {
	in := hermite(tab.slots(), tab.nextSlot())
	// Its order is that of the cubic, or of the method where that is lower.
	in.Order = min(3, tab.Order)
	return in
}

// interpWeights returns the weights w_i(θ) over the slots with
// y(θ) = y0 + h·Σ w_i(θ)·k_i, with y1 − y0 = h·Σ B_i k_i: the nested form
// θ(c_1 + (1−θ)(c_2 + θ(c_3 + …))) makes c_j's factor
// φ_j = θ·Π_{l<j} (1−θ or θ, alternating from 1−θ).
func interpWeights(tab *Tableau, in *Interp, theta float64) []float64 {
	w := make([]float64, tab.slots())
	phi := theta
	for j := range in.Delta {
		for i := range w {
			v := in.R[j][i]
			if i < len(tab.B) {
				v += in.Delta[j] * tab.B[i]
			}
			w[i] += phi * v
		}
		if j%2 == 0 {
			phi *= 1 - theta
		} else {
			phi *= theta
		}
	}
	return w
}

// TestMonomialInterp checks the conversion of Tsit5's interpolant from
// the monomial weights OrdinaryDiffEq.jl prints to the nested form.
func TestMonomialInterp(t *testing.T) {
	r := [4][]float64{{0.3, -1.2, 0.7}, {1.1, 0.4, -0.5}, {-0.25, 0.6, 0.9}, {0.05, -0.3, 0.2}}
	b := make([]float64, 3)
	for i := range b {
		b[i] = r[0][i] + r[1][i] + r[2][i] + r[3][i]
	}
	tab := &Tableau{B: b, FSAL: true}
	in := monomialInterp(4, r)
	for _, theta := range []float64{0, 0.25, 0.5, 0.9, 1} {
		w := interpWeights(tab, in, theta)
		for i := range b {
			want := r[0][i]*theta + r[1][i]*theta*theta + r[2][i]*theta*theta*theta + r[3][i]*theta*theta*theta*theta
			if math.Abs(w[i]-want) > 1e-15 {
				t.Errorf("θ = %g, weight %d: nested %.17g, monomial %.17g", theta, i, w[i], want)
			}
		}
	}
}

func TestTableauValidate(t *testing.T) {
	for _, tab := range allTableaux {
		if err := tab.Validate(); err != nil {
			t.Errorf("%s: %v", tab.Name, err)
		}
	}
	clone := func() *Tableau {
		c := *Bosh3
		c.A = append([][]float64(nil), Bosh3.A...)
		c.B = append([]float64(nil), Bosh3.B...)
		c.C = append([]float64(nil), Bosh3.C...)
		return &c
	}
	bad := map[string]func(*Tableau){
		"no stages":        func(c *Tableau) { c.B = nil },
		"short C":          func(c *Tableau) { c.C = c.C[:3] },
		"C[0] != 0":        func(c *Tableau) { c.C[0] = 0.1 },
		"ragged A":         func(c *Tableau) { c.A[2] = []float64{1} },
		"NaN in B":         func(c *Tableau) { c.B[1] = math.NaN() },
		"order 0":          func(c *Tableau) { c.Order = 0 },
		"BErr length":      func(c *Tableau) { c.BErr = c.BErr[:2] },
		"no embedded ord":  func(c *Tableau) { c.EmbeddedOrder = 0 },
		"FSAL row != B":    func(c *Tableau) { c.B[0] += 1e-3 },
		"BErr3 alone":      func(c *Tableau) { c.BErr = nil; c.BErr3 = []float64{1, 0, 0, 0} },
		"bad controller":   func(c *Tableau) { c.Controller = PID{I: 1, Safety: 2} },
		"interp R length":  func(c *Tableau) { c.Interp = &Interp{Order: 1, Delta: []float64{1}, R: [][]float64{{0}}} },
		"interp no powers": func(c *Tableau) { c.Interp = &Interp{Order: 1} },
	}
	names := make([]string, 0, len(bad))
	for k := range bad {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		c := clone()
		bad[name](c)
		err := c.Validate()
		if !errors.Is(err, ErrTableau) {
			t.Errorf("%s: got %v, want ErrTableau", name, err)
		} else if !strings.Contains(err.Error(), "bosh3") {
			t.Errorf("%s: error %q does not name the tableau", name, err)
		}
	}
	if err := (*Tableau)(nil).Validate(); !errors.Is(err, ErrTableau) {
		t.Errorf("nil tableau: %v", err)
	}
}

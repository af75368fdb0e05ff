package rk

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// t1Reference reads the high-precision y(T) of the T1 problems from
// ../testdata/t1_ref.json, written by ../testdata/gen (a Taylor series
// integrator in math/big that shares no code with this package).
func t1Reference(t *testing.T) map[string][]float64 {
	t.Helper()
	b, err := os.ReadFile("../testdata/t1_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	ref := map[string][]float64{}
	for _, name := range []string{"arenstorf", "lorenz", "pleiades"} {
		var e struct {
			Y         []float64 `json:"y"`
			Agreement float64   `json:"agreement"`
		}
		if err := json.Unmarshal(raw[name], &e); err != nil {
			t.Fatal(err)
		}
		if !(e.Agreement < 1e-28) {
			t.Fatalf("%s: reference agreement %g", name, e.Agreement)
		}
		ref[name] = e.Y
	}
	return ref
}

// pleiadesField is T1c of ../shared/TASKS.md (HNW I, p. 245): seven bodies
// in the plane with masses m_i = i, state (x_1…x_7, y_1…y_7, x_1'…x_7',
// y_1'…y_7'), x_i″ = Σ_{j≠i} m_j (x_j − x_i)/r_ij³ and likewise for y_i″,
// from pleiadesY0 at t = 0 to t = 3.
func pleiadesField() *funcField {
	return &funcField{n: 28, f: func(_ float64, y, dy []float64) {
		x, yy := y[0:7], y[7:14]
		var ax, ay [7]float64
		for i := 0; i < 7; i++ {
			mi := float64(i + 1)
			for j := i + 1; j < 7; j++ {
				mj := float64(j + 1)
				dx, dyy := x[j]-x[i], yy[j]-yy[i]
				r2 := dx*dx + dyy*dyy
				inv := 1 / (r2 * math.Sqrt(r2))
				ax[i] += mj * dx * inv
				ay[i] += mj * dyy * inv
				ax[j] -= mi * dx * inv
				ay[j] -= mi * dyy * inv
			}
		}
		copy(dy[0:14], y[14:28])
		copy(dy[14:21], ax[:])
		copy(dy[21:28], ay[:])
	}}
}

func pleiadesY0() []float64 {
	y := make([]float64, 28)
	copy(y[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(y[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	y[14+5], y[14+6] = 1.75, -1.5
	y[21+3], y[21+4] = -1.25, 1
	return y
}

// TestT1Reference solves the T1 problems with every adaptive method at
// tightening tolerances and checks the error at T against the independent
// reference: it must fall with the tolerance, and at tol = 1e-13 be below
// 1e-8 on Arenstorf (whose orbit amplifies local errors some 10⁴-fold),
// 1e-9 on Lorenz and 1e-10 on Pleiades, for the fifth- and eighth-order
// pairs (measured: 4e-9, 1e-10, 2e-11 at worst). The Arenstorf reference
// is the exact y(T) of the float64 problem, which differs from y0 by
// 4.9e-11 (the rounding of y0, T and mu to float64).
func TestT1Reference(t *testing.T) {
	ref := t1Reference(t)
	if d := maxAbsDiff(ref["arenstorf"], arenstorfY0); d > 1e-10 || d < 1e-13 {
		t.Errorf("reference Arenstorf y(T) differs from y0 by %.3g, want about 1e-11", d)
	}
	problems := []struct {
		name  string
		f     func() *funcField
		y0    []float64
		T     float64
		bound float64
	}{
		{"arenstorf", arenstorfField, arenstorfY0, arenstorfT, 1e-8},
		{"lorenz", lorenzField, []float64{1, 1, 1}, 10, 1e-9},
		{"pleiades", pleiadesField, pleiadesY0(), 3, 1e-10},
	}
	for _, p := range problems {
		for _, tab := range []*Tableau{Dopri5, Tsit5, Dop853} {
			s, _ := New(tab, p.f())
			var sol Solution
			prev := math.Inf(1)
			for _, tol := range []float64{1e-7, 1e-10, 1e-13} {
				if err := s.Solve(0, p.T, p.y0, &Options{RTol: tol, ATol: tol, MaxSteps: 1e6}, &sol); err != nil {
					t.Fatal(err)
				}
				e := maxAbsDiff(sol.Y, ref[p.name])
				t.Logf("%s %s tol %g: error %.3g, nfev %d", p.name, tab.Name, tol, e, sol.Stats.NFev)
				if !(e < prev) {
					t.Errorf("%s %s: error %.3g at tol %g does not fall", p.name, tab.Name, e, tol)
				}
				prev = e
			}
			if prev > p.bound {
				t.Errorf("%s %s: error %.3g at tol 1e-13, want below %g", p.name, tab.Name, prev, p.bound)
			}
		}
	}
}

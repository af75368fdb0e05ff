package rk

import (
	"math"
	"testing"
)

// TestReserve checks that after Solver.Reserve the first solve into a
// Solution allocates nothing, with every output kind, for methods with
// their own dense output (with and without extra stages), with the Hermite
// interpolant and with fixed steps; that without Reserve that first solve
// does allocate (so that the check can fail); and that reserving changes
// no result, keeps what the Solution holds, and, when too small, only lets
// the solve grow the storage.
func TestReserve(t *testing.T) {
	for _, c := range []struct {
		tab     *Tableau
		hermite bool
	}{{Dopri5, false}, {Dopri5, true}, {Tsit5, false}, {Dop853, false}, {Bosh3, false}, {RK4, false}} {
		s, _ := New(c.tab, hnwField())
		opt := Options{RTol: 1e-8, ATol: 1e-8, SaveAt: []float64{0.5, 1, 1.5}, SaveSteps: true, Dense: true,
			Hermite: c.hermite, Jumps: []float64{0.7}, StepTo: []float64{1.2},
			Event: func(_ float64, y []float64) float64 { return y[0] - 2.5 }}
		if !c.tab.Adaptive() {
			opt.RTol, opt.ATol, opt.Dt = 0, 0, 0.01
		}
		name := c.tab.Name
		if c.hermite {
			name += "/hermite"
		}
		var first Solution
		solveOK(t, s, 0, 3, hnwY0, &opt, &first)
		steps := first.Stats.Steps
		want := make([]float64, 2)
		if err := first.Dense.At(0.9, want); err != nil {
			t.Fatal(err)
		}

		const runs = 10
		sols := make([]Solution, runs+1) // AllocsPerRun runs once more to warm up
		for i := range sols {
			s.Reserve(&sols[i], &opt, steps)
		}
		i := 0
		out := make([]float64, 2)
		allocs := testing.AllocsPerRun(runs, func() {
			sol := &sols[i]
			i++
			if err := s.Solve(0, 3, hnwY0, &opt, sol); err != nil {
				t.Fatal(err)
			}
			if err := sol.Dense.At(0.9, out); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%s: %g allocations in a first solve after Reserve", name, allocs)
		}
		same := func(what string, sol *Solution) {
			t.Helper()
			got := make([]float64, 2)
			if err := sol.Dense.At(0.9, got); err != nil {
				t.Fatal(err)
			}
			if sol.Stats != first.Stats || sol.T != first.T || !equalBits(sol.Y, first.Y) || !equalBits(got, want) ||
				!equalBits(sol.StepT, first.StepT) || !equalBits(sol.StepY, first.StepY) || !equalBits(sol.Ys, first.Ys) {
				t.Errorf("%s, %s: results differ from the solve without it", name, what)
			}
		}
		same("after Reserve", &sols[0])

		fresh := make([]Solution, runs+1)
		j := 0
		if n := testing.AllocsPerRun(runs, func() {
			if err := s.Solve(0, 3, hnwY0, &opt, &fresh[j]); err != nil {
				t.Fatal(err)
			}
			j++
		}); n == 0 {
			t.Errorf("%s: a first solve without Reserve allocates nothing, so the check above proves nothing", name)
		}

		// Reserving more keeps the results held; too few steps grow.
		s.Reserve(&first, &opt, 10*steps)
		same("reserved after solving", &first)
		var small Solution
		s.Reserve(&small, &opt, steps/2)
		solveOK(t, s, 0, 3, hnwY0, &opt, &small)
		same("with half the steps reserved", &small)
	}
	// nil options reserve the final state, and negative steps count as 0.
	s, _ := New(Dopri5, hnwField())
	var sol Solution
	s.Reserve(&sol, nil, -1)
	if len(sol.Y) != 0 || cap(sol.Y) < 2 {
		t.Errorf("Reserve(nil options): len %d, cap %d, want 0 and at least 2", len(sol.Y), cap(sol.Y))
	}
}

// equalBits reports whether a and b hold the same values, bit for bit.
func equalBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

package main

import (
	"encoding/json"
	"math"
	"testing"
)

// TestT1Lines runs T1 once (-quick) and checks its lines against the output
// contract: every (problem, solver, tol) configuration exactly once, with
// every field present, a positive time, evaluation and step counts, and a
// finite y(T) of the problem's dimension.
func TestT1Lines(t *testing.T) {
	dims := map[string]int{"arenstorf": 4, "lorenz": 3, "pleiades": 28}
	tasks := map[string]string{"arenstorf": "T1a", "lorenz": "T1b", "pleiades": "T1c"}
	type key struct {
		problem, solver string
		tol             float64
	}
	seen := map[key]int{}
	for _, line := range quickLines(t, runT1) {
		var raw map[string]any
		if err := json.Unmarshal(line, &raw); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"task", "problem", "solver", "tol", "median_s", "min_s", "cpu_median_s", "cpu_min_s",
			"reps", "nfev", "steps", "rejected", "y"} {
			if _, ok := raw[f]; !ok {
				t.Errorf("line %v: no %q", raw, f)
			}
		}
		var l t1Line
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatalf("line %v: %v", raw, err)
		}
		seen[key{l.Problem, l.Solver, l.Tol}]++
		if l.Task != tasks[l.Problem] || !(l.MedianS > 0) || !(l.MinS > 0) || l.MinS > l.MedianS || l.Reps < 1 ||
			l.NFev <= 0 || l.Steps <= 0 || l.Rejected < 0 || l.NFev < l.Steps {
			t.Errorf("bad line %+v", l)
		}
		if len(l.Y) != dims[l.Problem] {
			t.Errorf("%s %s %g: y has %d values, want %d", l.Problem, l.Solver, l.Tol, len(l.Y), dims[l.Problem])
		}
		for _, v := range l.Y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s %s %g: y = %v", l.Problem, l.Solver, l.Tol, l.Y)
				break
			}
		}
	}
	for _, p := range []string{"arenstorf", "lorenz", "pleiades"} {
		for _, s := range []string{"dopri5", "tsit5", "dop853"} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				if k := (key{p, s, tol}); seen[k] != 1 {
					t.Errorf("%+v: %d lines, want 1", k, seen[k])
				}
			}
		}
	}
	if len(seen) != 27 {
		t.Errorf("%d configurations, want 27", len(seen))
	}
}

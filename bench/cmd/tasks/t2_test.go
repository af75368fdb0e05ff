package main

import (
	"encoding/json"
	"testing"

	"github.com/nde-go/nde/asm"
)

// TestT2Lines runs the peak and T2 tasks once (-quick) and checks their
// lines: every size and op for "asm", "generic" and each assembly variant,
// positive rates, and results that match the plain loop to rounding
// (|y − naive| ≤ 2γₙ·Σ|wᵢⱼ xⱼ| with Σ ≤ n, as |w| ≤ 1/√n and |x| ≤ 1).
func TestT2Lines(t *testing.T) {
	seen := map[string]int{}
	for _, line := range quickLines(t, runPeak, runT2) {
		var l map[string]any
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatal(err)
		}
		switch l["task"] {
		case "peak":
			if g, _ := l["gflops"].(float64); !(g > 0) {
				t.Errorf("peak line %v: no rate", l)
			}
		case "T2":
			impl, _ := l["impl"].(string)
			n, _ := l["n"].(float64)
			seen[impl]++
			for _, k := range []string{"gflops", "gflops_best", "gflops_cpu"} {
				if g, ok := l[k].(float64); !ok || g < 0 || (k != "gflops_cpu" && !(g > 0)) {
					t.Errorf("%v: bad %s", l, k)
				}
			}
			u := 0x1p-53
			bound := 2 * n * u / (1 - n*u) * n
			if d, _ := l["maxdiff_vs_naive"].(float64); !(d <= bound) {
				t.Errorf("%v: differs from the plain loop by %g > %g", l, d, bound)
			}
		default:
			t.Errorf("unexpected line %v", l)
		}
	}
	want := 14 // 7 sizes × 2 ops
	for _, name := range append([]string{"asm"}, asm.Impls()...) {
		if seen[name] != want {
			t.Errorf("impl %q: %d T2 lines, want %d", name, seen[name], want)
		}
	}
}

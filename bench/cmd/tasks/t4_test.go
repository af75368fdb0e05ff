package main

import (
	"encoding/json"
	"testing"
)

// TestT4Lines runs T4 once (-quick) and checks its lines against the output
// contract: every (impl, dim, levy, pattern) configuration exactly once,
// with a positive time per query and the bytes the path holds.
func TestT4Lines(t *testing.T) {
	if testing.Short() {
		t.Skip("T4 queries about 100 000 increments")
	}
	seen := map[t4Line]int{}
	for _, line := range quickLines(t, runT4) {
		var l t4Line
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatal(err)
		}
		if l.Task != "T4" || !(l.USPerQuery > 0) || l.BytesHeld <= 0 {
			t.Errorf("bad line %+v", l)
		}
		seen[t4Line{Impl: l.Impl, Dim: l.Dim, Levy: l.Levy, Pattern: l.Pattern}]++
	}
	for _, impl := range []string{"tree", "interval"} {
		for _, dim := range []int{1, 8} {
			for _, levy := range []bool{false, true} {
				for _, p := range []string{"random", "sequential", "warm"} {
					k := t4Line{Impl: impl, Dim: dim, Levy: levy, Pattern: p}
					if seen[k] != 1 {
						t.Errorf("%+v: %d lines, want 1", k, seen[k])
					}
				}
			}
		}
	}
	if len(seen) != 24 {
		t.Errorf("%d configurations, want 24", len(seen))
	}
}

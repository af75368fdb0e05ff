package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// quickLines runs the given tasks once each (-quick), in order, and returns
// the JSON lines they print.
func quickLines(t *testing.T, run ...func(*config)) []json.RawMessage {
	t.Helper()
	var buf bytes.Buffer
	c := &config{quick: true, minTotal: 0.2, out: json.NewEncoder(&buf)}
	for _, r := range run {
		r(c)
	}
	var lines []json.RawMessage
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var l json.RawMessage
		if err := dec.Decode(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	return lines
}

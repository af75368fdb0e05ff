package main

import "testing"

// A short training run must already cut the untrained network's trajectory
// error fourfold; run returns an error when it does not.
func TestShortTraining(t *testing.T) {
	if err := run(400, 1); err != nil {
		t.Fatal(err)
	}
}

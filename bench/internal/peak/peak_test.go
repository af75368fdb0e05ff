package peak

import (
	"runtime"
	"testing"
)

// TestMeasure checks that the loops run and give a plausible rate: positive
// (an emulator such as qemu-user may be very slow, so no higher floor) and
// below 1000 GFLOP/s, which no single core comes near and which would mean
// that the flop count or the timing is wrong.
func TestMeasure(t *testing.T) {
	res := Measure(0.01)
	for _, r := range res {
		t.Logf("%s: %.1f GFLOP/s (%s)", r.Impl, r.GFLOPS, r.Note)
		if !(r.GFLOPS > 0 && r.GFLOPS < 1000) {
			t.Errorf("%s: %v GFLOP/s is not plausible", r.Impl, r.GFLOPS)
		}
	}
	if len(res) == 0 && (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64") {
		t.Logf("no FMA loop for this CPU or build")
	}
}

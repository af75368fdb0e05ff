package rk

import (
	"math"
	"math/rand"
	"testing"
)

// TestFastLogExp compares the controller's logarithm and exponential with
// the standard library's over the whole range the controller uses and at
// the table's seams. The bound, 4 units of round-off of the result (plus 4
// of log's natural absolute scale near x = 1), is what a table-driven
// routine with a polynomial error below 2^-58 and a handful of rounded
// operations can guarantee; a wrong table entry or coefficient misses it
// by orders of magnitude.
func TestFastLogExp(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const eps = 0x1p-52
	check := func(x float64) {
		t.Helper()
		if got, want := fastLog(x), math.Log(x); math.Abs(got-want) > 4*eps*math.Abs(want)+4*eps {
			t.Fatalf("fastLog(%g) = %.17g, math.Log = %.17g", x, got, want)
		}
	}
	for i := 0; i < 200000; i++ {
		check(math.Exp(rng.Float64()*1400 - 700))
		check(1 + (rng.Float64()-0.5)*1e-3)
	}
	for j := 0; j <= tabN; j++ {
		x := 1 + float64(j)/tabN
		check(x)
		check(math.Nextafter(x, 0))
		check(math.Nextafter(x, 2))
	}
	for _, x := range []float64{0, -1, math.Inf(1), math.NaN(), 5e-324, math.SmallestNonzeroFloat64 * 3} {
		got, want := fastLog(x), math.Log(x)
		if !(got == want || (math.IsNaN(got) && math.IsNaN(want))) {
			t.Errorf("fastLog(%g) = %g, want %g", x, got, want)
		}
	}
	checkExp := func(x float64) {
		t.Helper()
		if got, want := fastExp(x), math.Exp(x); math.Abs(got-want) > 4*eps*want {
			t.Fatalf("fastExp(%g) = %.17g, math.Exp = %.17g", x, got, want)
		}
	}
	for i := 0; i < 200000; i++ {
		checkExp(rng.Float64()*1398 - 699)
		checkExp((rng.Float64() - 0.5) * 1e-2)
	}
	for k := -1000; k <= 1000; k++ {
		x := float64(k) * math.Ln2 / tabN
		checkExp(x)
		checkExp(math.Nextafter(x, 1000))
	}
	for _, x := range []float64{-800, 800, math.Inf(1), math.Inf(-1), math.NaN()} {
		got, want := fastExp(x), math.Exp(x)
		if !(got == want || (math.IsNaN(got) && math.IsNaN(want))) {
			t.Errorf("fastExp(%g) = %g, want %g", x, got, want)
		}
	}
}

var sinkF float64

// BenchmarkFastChain2 and BenchmarkStdChain2 time a dependent log→exp
// chain, the controller's pow, whose iterate stays near 0.45 (a fixed
// point), so that neither times NaN or denormal inputs.
func BenchmarkFastChain2(b *testing.B) {
	x := 0.3
	for i := 0; i < b.N; i++ {
		x = fastExp(-0.17*fastLog(x)+0.1*x) * 0.5
	}
	sinkF = x
}

func BenchmarkStdChain2(b *testing.B) {
	x := 0.3
	for i := 0; i < b.N; i++ {
		x = math.Exp(-0.17*math.Log(x)+0.1*x) * 0.5
	}
	sinkF = x
}

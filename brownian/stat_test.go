package brownian

import (
	"fmt"
	"math"
	"sort"
	"testing"
)

// Statistical thresholds. Every test that looks at random numbers compares
// a statistic with a bound that a correct implementation exceeds with
// probability at most alpha, for any seed, by a non-asymptotic inequality
// stated with the bound. The seeds are fixed, so the tests are
// deterministic; alpha makes them sound: a failure is a defect, not bad
// luck, at odds of a million to one per check.
const alpha = 1e-6

// logTerm is ln(2/alpha), the exponent of every two-sided bound below.
var logTerm = math.Log(2 / alpha)

// samples returns n, or n/16 under -short (qemu). The bounds are derived
// for whatever n is used, so they stay sound; they only lose power.
func samples(n int) int {
	if testing.Short() {
		return max(n/16, 512)
	}
	return n
}

// phi is the standard normal distribution function.
func phi(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// ksStat returns sup |F_n − F| for the sample x, which it sorts.
func ksStat(x []float64, cdf func(float64) float64) float64 {
	sort.Float64s(x)
	n := float64(len(x))
	d := 0.0
	for i, v := range x {
		f := cdf(v)
		d = math.Max(d, math.Max(f-float64(i)/n, float64(i+1)/n-f))
	}
	return d
}

// ksFail is the Kolmogorov–Smirnov test with the Dvoretzky–Kiefer–Wolfowitz
// inequality, Massart's constant (Ann. Probab. 18, 1990):
// P(sup |F_n − F| > ε) ≤ 2·exp(−2nε²) for every n and continuous F, so
// ε = √(ln(2/α)/(2n)).
func ksFail(x []float64, cdf func(float64) float64) string {
	return ksFailAt(x, cdf, logTerm)
}

// ksFailAt is ksFail at the level α' with lt = ln(2/α'), for a test that
// makes several checks and splits α between them (Bonferroni).
func ksFailAt(x []float64, cdf func(float64) float64, lt float64) string {
	n := len(x)
	if d, lim := ksStat(x, cdf), math.Sqrt(lt/(2*float64(n))); d > lim {
		return fmt.Sprintf("Kolmogorov–Smirnov D = %.5f > %.5f (n = %d)", d, lim, n)
	}
	return ""
}

// meanFail: for independent N(0, 1), Σx ~ N(0, n), and
// P(|N(0,1)| ≥ y) ≤ 2·exp(−y²/2) (Chernoff).
func meanFail(x []float64) string {
	s := 0.0
	for _, v := range x {
		s += v
	}
	if lim := math.Sqrt(2 * float64(len(x)) * logTerm); math.Abs(s) > lim {
		return fmt.Sprintf("|Σx| = %.4g > %.4g (n = %d)", math.Abs(s), lim, len(x))
	}
	return ""
}

// chi2Fail tests q as a draw of χ² with k degrees of freedom, by Laurent and
// Massart (Ann. Statist. 28, 2000, Lemma 1): for X ~ χ²_k,
// P(X − k ≥ 2√(kx) + 2x) ≤ e^{−x} and P(k − X ≥ 2√(kx)) ≤ e^{−x}; with
// x = ln(2/α) the two tails together are below α. For independent N(0, σ²)
// of known mean 0, Σx²/σ² is such a draw: the variance-ratio test.
func chi2Fail(q float64, k int) string {
	kf := float64(k)
	hi := kf + 2*math.Sqrt(kf*logTerm) + 2*logTerm
	lo := kf - 2*math.Sqrt(kf*logTerm)
	if !(q <= hi && q >= lo) {
		return fmt.Sprintf("Σx² = %.6g outside [%.6g, %.6g] for χ²(%d) (variance ratio %.4f)", q, lo, hi, k, q/kf)
	}
	return ""
}

func sumSquares(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

// normalFail runs the mean, variance-ratio and Kolmogorov–Smirnov tests of
// a sample of N(0, 1) (x is sorted on return).
func normalFail(x []float64) string {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("non-finite sample %v", v)
		}
	}
	if m := meanFail(x); m != "" {
		return m
	}
	if m := chi2Fail(sumSquares(x), len(x)); m != "" {
		return m
	}
	return ksFail(x, phi)
}

func checkNormal(t *testing.T, what string, x []float64) {
	t.Helper()
	n := float64(len(x))
	s := 0.0
	for _, v := range x {
		s += v
	}
	ss := sumSquares(x)
	if m := normalFail(x); m != "" {
		t.Errorf("%s: %s", what, m)
		return
	}
	// For the record (go test -v): each statistic as a fraction of its
	// bound.
	t.Logf("%s: n = %d, |Σx| at %.2f of its bound, variance ratio %.4f (bound ±%.4f), KS D at %.2f of its bound",
		what, len(x), math.Abs(s)/math.Sqrt(2*n*logTerm), ss/n, 2*math.Sqrt(logTerm/n),
		ksStat(x, phi)/math.Sqrt(logTerm/(2*n)))
}

// uncorrelatedFail tests Σ xᵢyᵢ over n pairs of N(0, 1) values against
// τ = √(4n·ln(2/α)), a bound at level α in the two cases the tests use.
// Independent pairs with x ⊥ y: E exp(λxy) = (1−λ²)^{−½} ≤ exp(λ²) for
// λ² ≤ ½, so by Chernoff P(|Σ xᵢyᵢ| ≥ τ) ≤ 2·exp(−τ²/(4n)) for τ ≤ √2·n.
// A chain yᵢ = xᵢ₊₁ (neighbouring pieces of one path, each value in two
// pairs): Σ xᵢxᵢ₊₁ = wᵀAw with A symmetric, trace A = 0, trace A² = n/2,
// eigenvalues μ in (−1, 1), and −½ln(1−u) ≤ u/2 + u²/2 for |u| ≤ ½ gives
// ln E exp(λwᵀAw) = Σ −½ln(1 − 2λμ) ≤ nλ² for |λ| ≤ ¼: the same bound for
// τ ≤ n/2. The check requires τ ≤ n/2, which covers both.
func uncorrelatedFail(x, y []float64) string {
	n := len(x)
	s := 0.0
	for i := range x {
		s += x[i] * y[i]
	}
	lim := math.Sqrt(4 * float64(n) * logTerm)
	if lim > float64(n)/2 {
		return fmt.Sprintf("n = %d too small for the bound", n)
	}
	if math.Abs(s) > lim {
		return fmt.Sprintf("|Σxy| = %.4g > %.4g (n = %d, correlation %.4f)", math.Abs(s), lim, n, s/float64(n))
	}
	return ""
}

func checkUncorrelated(t *testing.T, what string, x, y []float64) {
	t.Helper()
	if m := uncorrelatedFail(x, y); m != "" {
		t.Errorf("%s: %s", what, m)
	}
}

// countFail tests a count c of n independent events of probability p by
// Bernstein's inequality, P(|C − np| ≥ τ) ≤ 2·exp(−τ²/(2(σ² + τ/3))) with
// σ² = np(1−p), solved for τ at probability α.
func countFail(c, n int, p float64) string {
	return countFailAt(c, n, p, logTerm)
}

// countFailAt is countFail at the level α' with lt = ln(2/α').
func countFailAt(c, n int, p, lt float64) string {
	s2 := float64(n) * p * (1 - p)
	tau := lt/3 + math.Sqrt(lt*lt/9+2*s2*lt)
	if d := math.Abs(float64(c) - float64(n)*p); d > tau {
		return fmt.Sprintf("count %d, expected %.1f ± %.1f (n = %d, p = %.4g)", c, float64(n)*p, tau, n, p)
	}
	return ""
}

func checkCount(t *testing.T, what string, c, n int, p float64) {
	t.Helper()
	if m := countFail(c, n, p); m != "" {
		t.Errorf("%s: %s", what, m)
	}
}

// TestBoundsHavePower checks that the tests above reject plainly wrong
// samples, so that a pass means something.
func TestBoundsHavePower(t *testing.T) {
	const n = 20000
	x := make([]float64, n)
	var s stream
	s.setKey(1, keyDomain)
	s.reset(42, tagNode)
	s.fill(x)
	alter := map[string]func(v float64, i int) float64{
		"scaled by 1.05":  func(v float64, _ int) float64 { return 1.05 * v },
		"shifted by 0.05": func(v float64, _ int) float64 { return v + 0.05 },
		"uniform":         func(_ float64, i int) float64 { return math.Sqrt(3) * (2*(float64(i)+0.5)/n - 1) },
		"scale mixture":   func(v float64, i int) float64 { return v * (1 + 0.8*math.Cos(float64(i))) / math.Sqrt(1.32) },
	}
	for name, f := range alter {
		y := make([]float64, n)
		for i, v := range x {
			y[i] = f(v, i)
		}
		if normalFail(y) == "" {
			t.Errorf("%s: not rejected", name)
		}
	}
	y := append([]float64(nil), x...)
	if m := normalFail(y); m != "" {
		t.Errorf("a sample of the generator is rejected: %s", m)
	}
	if uncorrelatedFail(x[:n/2], x[:n/2]) == "" {
		t.Errorf("perfect correlation not rejected")
	}
	if countFail(200, 10000, 0.01) == "" {
		t.Errorf("count 200 of 10000 at p = 0.01 not rejected")
	}
}

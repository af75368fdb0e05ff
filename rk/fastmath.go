package rk

import "math"

// The step-size controller needs one logarithm and one exponential per
// step, and both sit on the critical path: the next step's stages wait for
// h. The standard library's versions take about 30 ns of latency each on
// amd64; these table-driven ones (the scheme of Tang, ACM TOMS 15, 1989:
// a table of 2^(j/N) or log c_j and a short polynomial on a small
// remainder) take a third of that and agree with them to a few units in the
// last place, which is all a step-size factor needs. They are pure Go, so
// the step sequence is the same on every architecture (up to the compiler's
// fusion of multiply–adds).

const (
	tabBits = 7
	tabN    = 1 << tabBits
)

var (
	logInvC [tabN]float64 // 1/c_j, c_j = 1 + (j+½)/N
	logC    [tabN]float64 // log c_j = −log(1/c_j), consistent with the rounded 1/c_j
	exp2Tab [tabN]uint64  // bits of 2^(j/N)
)

func init() {
	for j := range logInvC {
		c := 1 + (float64(j)+0.5)/tabN
		logInvC[j] = 1 / c
		logC[j] = -math.Log(logInvC[j])
		exp2Tab[j] = math.Float64bits(math.Exp2(float64(j) / tabN))
	}
}

// fastLog returns log x for x > 0.
func fastLog(x float64) float64 {
	b := math.Float64bits(x)
	// Zero, subnormal, negative, Inf and NaN go to the standard library.
	if b-(1<<52) >= (0x7ff-1)<<52 {
		return math.Log(x)
	}
	e := int64(b>>52) - 1023
	j := (b >> (52 - tabBits)) & (tabN - 1)
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52) // in [1, 2)
	r := m*logInvC[j] - 1                             // |r| < 1/255
	r2 := r * r
	// log(1+r) = r − r²/2 + r³/3 − r⁴/4 + r⁵/5 − r⁶/6 + O(r⁷), |r⁷/7| < 2^-58.
	p := r + r2*(-0.5+r*(1.0/3)) + (r2*r2)*(-0.25+r*(0.2)+r2*(-1.0/6))
	return float64(e)*math.Ln2 + logC[j] + p
}

// fastExp returns e^x.
func fastExp(x float64) float64 {
	if !(x > -700 && x < 700) {
		return math.Exp(x)
	}
	const shift = 0x1.8p52
	const invLn2N = tabN / math.Ln2
	// ln2/N split in a part with trailing zeros and the rest, so that
	// k·ln2hi is exact for |k| < 2^24.
	const ln2hiN = 0x1.62e42fep-1 / tabN
	const ln2loN = (math.Ln2 - 0x1.62e42fep-1) / tabN
	kd := x*invLn2N + shift
	ki := math.Float64bits(kd)
	kd -= shift
	r := (x - kd*ln2hiN) - kd*ln2loN // |r| ≤ ln2/(2N)
	// kd+shift lies in [2^52, 2^53): its low 52 bits are 2^51 + k.
	k := int64(ki&(1<<52-1)) - 1<<51
	scale := math.Float64frombits(exp2Tab[k&(tabN-1)] + uint64(k>>tabBits)<<52)
	r2 := r * r
	// e^r = 1 + r + r²/2 + r³/6 + r⁴/24 + r⁵/120 + O(r⁶), |r⁶/720| < 2^-62.
	p := r + r2*(0.5+r*(1.0/6)) + (r2*r2)*(1.0/24+r*(1.0/120))
	return scale + scale*p
}

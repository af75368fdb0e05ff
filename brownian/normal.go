package brownian

import "math"

// This file turns Philox words into standard normal deviates with correctly
// rounded operations only (+ − × ÷ and math.Sqrt) and portable functions of
// its own, so that the deviates are bit-identical on every architecture:
// math.Exp and math.Log run assembly on some platforms and not on others.
// Every product that is added to something is wrapped in float64(…), which
// forbids the compiler to fuse it into an FMA (Go may fuse x*y + z on arm64
// and on amd64 with GOAMD64=v3).
//
// The method is the ziggurat of Marsaglia and Tsang, "The ziggurat method
// for generating random variables", J. Stat. Software 5(8), 2000, on the
// half-normal density f(x) = exp(−x²/2) with 1024 layers and a sign bit, with
// Doornik's remedy ("An improved ziggurat method to generate normal random
// samples", 2005): the layer, the sign and the uniform come from disjoint
// bits of the word. It is exact — the accepted points are uniform under the
// density — and 99.57% of attempts cost one word, one product and one
// comparison; the wedges need exp and the tail (beyond r ≈ 4.04, one
// deviate in 18600) needs log. 1024 layers rather than the usual 256
// make the slow cases 3.5 times rarer, for 16 KiB of tables.

const (
	zigLayers = 1024
	zigBits   = 10 // log2(zigLayers)
	// zigR is the right edge of the base layer and zigV the area of each
	// layer (rectangle plus, for the base, the tail), for 1024 layers,
	// solved in 60-digit decimal arithmetic so that the layers close at
	// f = 1. (The same computation for 256 layers gives Marsaglia and
	// Tsang's r = 3.6541528853610088.)
	zigR = 4.038849846109504
	zigV = 0.001226324646353088
)

// zigX[i] is the width of layer i (zigX[0] = v/f(r) the base's virtual
// width, zigX[1] = r, zigX[1024] = 0) and zigF[i] = f(zigX[i]).
var zigX, zigF [zigLayers + 1]float64

// The fast path reads two tables. zigT[i] is zigX[i&1023]·2⁻⁵³ (an exact
// scaling: for the 53-bit integer uniform u, u·zigT[i] is the correctly
// rounded u·2⁻⁵³·zigX[i]) with the sign of bit 10 of i, so that one product
// gives the signed deviate: rounding is symmetric, so the bits are those of
// the unsigned product with the sign bit set. zigU[i] is the least u with
// fl(u·zigT[i]) ≥ zigX[i+1]: since rounding is monotone, the attempt lies
// under the next layer exactly when u < zigU[i], an integer comparison
// with the same outcome as the floating-point one.
var (
	zigT [2 * zigLayers]float64
	zigU [zigLayers]uint64
)

func init() {
	fr := pexp(-0.5 * zigR * zigR)
	zigX[0] = zigV / fr
	zigX[1] = zigR
	zigF[1] = fr
	for i := 1; i < zigLayers-1; i++ {
		// f(x_{i+1}) = f(x_i) + v/x_i: each layer has area v.
		y := zigF[i] + zigV/zigX[i]
		zigX[i+1] = math.Sqrt(-2 * plog(y))
		zigF[i+1] = y
	}
	zigX[zigLayers] = 0
	zigF[zigLayers] = 1
	for i := 0; i < zigLayers; i++ {
		c := zigX[i] * 0x1p-53
		zigT[i], zigT[i+zigLayers] = c, -c
		// Binary search for the least u in [0, 2⁵³) that fails, or 2⁵³.
		lo, hi := uint64(0), uint64(1)<<53
		for lo < hi {
			m := lo + (hi-lo)/2
			if float64(int64(m))*c < zigX[i+1] {
				lo = m + 1
			} else {
				hi = m
			}
		}
		zigU[i] = lo
	}
}

// stream draws the normal deviates of one counter prefix (c0, ·, c2, ·).
// Word j of the main sequence, word j%4 of Philox block (c0, j/4, c2, 0),
// is the j-th attempt of the ziggurat; the few extra words that wedges and
// the tail need come in order from the side sequence (c0, ·, c2, 1). So the
// words are a fixed function of the key, and the fast path reads whole
// blocks.
type stream struct {
	c0, c2 uint64
	rk     [20]uint64 // the round keys of Philox, (k0, k1) bumped per round
	blk    uint64     // next main block
	aux    uint64     // next side block
	apos   int
	abuf   [4]uint64

	// The parts of Philox's first rounds that the blocks share (prime).
	r0, r1, r2, r3, m1, m3, mg0, mg1 uint64
}

// setKey sets the Philox key (k0, k1). The primed parts of the first
// rounds depend on the key, so a reset must follow before the next block.
func (s *stream) setKey(k0, k1 uint64) {
	for i := 0; i < 10; i++ {
		s.rk[2*i], s.rk[2*i+1] = k0, k1
		k0 += philoxW0
		k1 += philoxW1
	}
}

func (s *stream) reset(c0, c2 uint64) {
	s.c0, s.c2, s.blk, s.aux, s.apos = c0, c2, 0, 0, 4
	s.prime()
}

// side returns the next word of the side sequence.
func (s *stream) side() uint64 {
	if s.apos == 4 {
		s.abuf[0], s.abuf[1], s.abuf[2], s.abuf[3] = s.block(s.aux, 1)
		s.aux++
		s.apos = 0
	}
	w := s.abuf[s.apos&3]
	s.apos++
	return w
}

// fill writes the next len(z) standard normal deviates of the stream into
// z. Word layout: bits 0–9 the layer, bit 10 the sign, bits 11–63 the
// uniform; words left in the last block are not used.
func (s *stream) fill(z []float64) {
	j, n := 0, len(z)
	U, T := &zigU, &zigT
	for j < n {
		w0, w1, w2, w3 := s.blockMain(s.blk)
		s.blk++
		// The ziggurat's first try, accepted if the point lies under the
		// next layer (zigU, zigT: see there). All four words of a block
		// pass it 98.3% of the time: then they are four deviates at once.
		u0, u1, u2, u3 := w0>>11, w1>>11, w2>>11, w3>>11
		if n-j >= 4 && u0 < U[w0&(zigLayers-1)] && u1 < U[w1&(zigLayers-1)] &&
			u2 < U[w2&(zigLayers-1)] && u3 < U[w3&(zigLayers-1)] {
			zz := z[j : j+4 : j+4]
			zz[0] = float64(int64(u0)) * T[w0&(2*zigLayers-1)]
			zz[1] = float64(int64(u1)) * T[w1&(2*zigLayers-1)]
			zz[2] = float64(int64(u2)) * T[w2&(2*zigLayers-1)]
			zz[3] = float64(int64(u3)) * T[w3&(2*zigLayers-1)]
			j += 4
			continue
		}
		// The last one or two deviates (a path of dimension 1, or the
		// rest of an odd one), likewise.
		switch {
		case n-j == 1 && u0 < U[w0&(zigLayers-1)]:
			z[j] = float64(int64(u0)) * T[w0&(2*zigLayers-1)]
			return
		case n-j == 2 && u0 < U[w0&(zigLayers-1)] && u1 < U[w1&(zigLayers-1)]:
			zz := z[j : j+2 : j+2]
			zz[0] = float64(int64(u0)) * T[w0&(2*zigLayers-1)]
			zz[1] = float64(int64(u1)) * T[w1&(2*zigLayers-1)]
			return
		}
		j = s.fillWords(z, j, &[4]uint64{w0, w1, w2, w3})
	}
}

// fillWords is fill's path for a block with a rejection or near the end:
// the words one at a time, into z from z[j] on, and returns the new j.
func (s *stream) fillWords(z []float64, j int, ws *[4]uint64) int {
	for _, w := range ws {
		var x float64
		if u := w >> 11; u < zigU[w&(zigLayers-1)] {
			x = float64(int64(u)) * zigT[w&(2*zigLayers-1)]
		} else {
			var ok bool
			if x, ok = s.retry(w); !ok {
				continue
			}
		}
		z[j] = x
		j++
		if j == len(z) {
			break
		}
	}
	return j
}

// retry finishes an attempt with word w that fell outside the rectangles.
func (s *stream) retry(w uint64) (float64, bool) {
	i := w & (zigLayers - 1)
	x, ok := s.slow(i, float64(int64(w>>11))*zigT[i])
	// The sign by xor, as the fast path's signed table gives it.
	return math.Float64frombits(math.Float64bits(x) ^ (w>>zigBits&1)<<63), ok
}

// slow finishes an attempt that fell outside the rectangles: the tail for
// the base layer, else the wedge test against f.
func (s *stream) slow(i uint64, x float64) (float64, bool) {
	if i == 0 {
		// Marsaglia's tail method (1964): for x = −ln(u₁)/r and
		// y = −ln(u₂), accept r + x when 2y > x².
		for {
			a := -plog(uniform(s.side())) / zigR
			b := -plog(uniform(s.side()))
			if b+b > float64(a*a) {
				return zigR + a, true
			}
		}
	}
	y := zigF[i] + float64(uniform(s.side())*(zigF[i+1]-zigF[i]))
	return x, y < pexp(-float64(0.5*x)*x)
}

// uniform maps a word to the midpoint grid {(m + ½)·2⁻⁵²: 0 ≤ m < 2⁵²}, in
// (0, 1): never 0, so its logarithm is finite.
func uniform(w uint64) float64 {
	return (float64(int64(w>>12)) + 0.5) * 0x1p-52
}

const (
	ln2Hi = 6.93147180369123816490e-01 // fdlibm's split of ln 2
	ln2Lo = 1.90821492927058770002e-10
)

// plog returns ln x for a positive, finite, normal x. It follows the
// reduction and the minimax polynomial of fdlibm's e_log.c (Sun
// Microsystems, 1993; the coefficients Lg1…Lg7 are fdlibm's): x = 2ᵏ·(1+f)
// with √½ ≤ 1+f < √2, s = f/(2+f), and ln(1+f) = f − hfsq + s·(hfsq + R(s²))
// with hfsq = f²/2. Its error is below one ulp.
func plog(x float64) float64 {
	const (
		lg1 = 6.666666666666735130e-01
		lg2 = 3.999999999940941908e-01
		lg3 = 2.857142874366239149e-01
		lg4 = 2.222219843214978396e-01
		lg5 = 1.818357216161805012e-01
		lg6 = 1.531383769920937332e-01
		lg7 = 1.479819860511658591e-01
	)
	m, e := math.Frexp(x) // exact: x = m·2ᵉ, m in [½, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	f := m - 1 // exact (Sterbenz)
	k := float64(e)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := float64(s2 * (lg1 + float64(s4*(lg3+float64(s4*(lg5+float64(s4*lg7)))))))
	t2 := float64(s4 * (lg2 + float64(s4*(lg4+float64(s4*lg6)))))
	r := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}

// pexp returns eˣ for x in [−700, 0]. It follows fdlibm's e_exp.c (the
// coefficients P1…P5 are fdlibm's): x = k·ln2 + r with |r| ≤ ln2/2, and
// eʳ = 1 + 2r/(2 − c), c = r − r²·P(r²), a Remez fit. Its error is below
// one ulp.
func pexp(x float64) float64 {
	const (
		log2e = 1.44269504088896338700e+00
		p1    = 1.66666666666666657415e-01
		p2    = -2.77777777770155933842e-03
		p3    = 6.61375632143793436117e-05
		p4    = -1.65339022054652515390e-06
		p5    = 4.13813679705723846039e-08
	)
	k := int(float64(log2e*x) - 0.5) // round to nearest, x ≤ 0
	fk := float64(k)
	hi := x - float64(fk*ln2Hi)
	lo := float64(fk * ln2Lo)
	r := hi - lo
	t := float64(r * r)
	c := r - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	// Times 2ᵏ, exact: y is in [½, 2] and k ≥ −1010, so the result is a
	// normal number.
	return y * math.Float64frombits(uint64(k+1023)<<52)
}

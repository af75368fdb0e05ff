package brownian

import "math/bits"

// Philox4x64-10, the counter-based generator of Salmon, Moraes, Dror and
// Shaw, "Parallel random numbers: as easy as 1, 2, 3" (SC'11). It is a keyed
// bijection of a 256-bit counter: the multipliers and Weyl key increments
// below are the paper's (and Random123's philox.h) constants for 4×64 bits,
// and ten rounds is the authors' recommended default, a safety margin over
// the fewest rounds that passed TestU01's BigCrush in their tests. Only
// integer multiplication, xor and addition are used, so the words are the
// same on every architecture.
const (
	philoxM0 = 0xD2E7470EE14C6C93
	philoxM1 = 0xCA5A826395121157
	philoxW0 = 0x9E3779B97F4A7C15 // golden ratio
	philoxW1 = 0xBB67AE8584CAA73B // sqrt(3) - 1
)

// round is one Philox round with round key (k0, k1):
//
//	(c0, c1, c2, c3) ↦ (hi(M1·c2) ^ c1 ^ k0, lo(M1·c2), hi(M0·c0) ^ c3 ^ k1, lo(M0·c0)).
func round(c0, c1, c2, c3, k0, k1 uint64) (uint64, uint64, uint64, uint64) {
	hi0, lo0 := bits.Mul64(philoxM0, c0)
	hi1, lo1 := bits.Mul64(philoxM1, c2)
	return hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
}

// The 128-bit multiplies are the cost of a block (they dominate the
// generator's time), and a stream's blocks share some: the counters of one
// stream differ only in c1 (the block) and c3 (0 for the main sequence, 1
// for the side one), and a round multiplies only c0 and c2. So round 1
// (numbered from 1) depends on (c0, c2) alone, round 2 multiplies one word
// that depends on c1 and one that depends on c3 only, and round 3 one word
// that depends on c1 and c3 and one that, for the main sequence, depends
// on neither. prime computes the shared parts once per stream; a block of
// the main sequence then costs 16 multiplies instead of 20, with the same
// words.

// prime precomputes the parts of the first rounds that the blocks of the
// stream (s.c0, ·, s.c2, ·) share.
func (s *stream) prime() {
	rk := &s.rk
	hi0, lo0 := bits.Mul64(philoxM0, s.c0)
	hi1, lo1 := bits.Mul64(philoxM1, s.c2)
	// After round 1: (r0 ^ c1, r1, r2 ^ c3, r3).
	r0, r1, r2, r3 := hi1^rk[0], lo1, hi0^rk[1], lo0
	s.r0, s.r1, s.r2, s.r3 = r0, r1, r2, r3
	// Main sequence, c3 = 0. Round 2 multiplies c2 = r2 (shared) and
	// c0 = r0 ^ c1: after it (hi(M1·r2) ^ r1 ^ k2, lo(M1·r2), h ^ r3 ^ k3, l)
	// with (h, l) = M0·(r0 ^ c1). Round 3 multiplies its c0, which is
	// shared.
	h2, l2 := bits.Mul64(philoxM1, r2)
	u0 := h2 ^ r1 ^ rk[2]
	s.m3 = r3 ^ rk[3]
	s.m1 = l2 ^ rk[4]
	g1, g0 := bits.Mul64(philoxM0, u0)
	s.mg1, s.mg0 = g1^rk[5], g0
}

// block returns the four words of Philox4x64-10 for the counter
// (s.c0, c1, s.c2, c3) under the key set by setKey, the stream primed.
func (s *stream) block(c1, c3 uint64) (uint64, uint64, uint64, uint64) {
	rk := &s.rk
	c0, c1, c2, c3 := s.r0^c1, s.r1, s.r2^c3, s.r3
	for i := 2; i < 20; i += 2 {
		c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[i], rk[i+1])
	}
	return c0, c1, c2, c3
}

// blockMain returns the words of block (s.c0, c1, s.c2, 0), the same as
// block(c1, 0), from the parts that prime shared.
func (s *stream) blockMain(c1 uint64) (uint64, uint64, uint64, uint64) {
	rk := &s.rk
	h, l := bits.Mul64(philoxM0, s.r0^c1)  // round 2
	h3, l3 := bits.Mul64(philoxM1, h^s.m3) // round 3
	c0, c1, c2, c3 := h3^s.m1, l3, s.mg1^l, s.mg0
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[6], rk[7])
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[8], rk[9])
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[10], rk[11])
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[12], rk[13])
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[14], rk[15])
	c0, c1, c2, c3 = round(c0, c1, c2, c3, rk[16], rk[17])
	return round(c0, c1, c2, c3, rk[18], rk[19])
}

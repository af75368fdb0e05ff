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

// block returns the four words of Philox4x64-10 for the counter
// (s.c0, c1, s.c2, c3) under the key set by setKey.
func (s *stream) block(c1, c3 uint64) (uint64, uint64, uint64, uint64) {
	c0, c2 := s.c0, s.c2
	rk := &s.rk
	for i := 0; i < 20; i += 2 {
		hi0, lo0 := bits.Mul64(philoxM0, c0)
		hi1, lo1 := bits.Mul64(philoxM1, c2)
		c0, c1, c2, c3 = hi1^c1^rk[i], lo1, hi0^c3^rk[i+1], lo0
	}
	return c0, c1, c2, c3
}

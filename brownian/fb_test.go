package brownian

import "testing"

var fsink float64

func BenchmarkFill16(b *testing.B) {
	var s stream
	s.setKey(1, keyDomain)
	z := make([]float64, 16)
	for i := 0; i < b.N; i++ {
		s.reset(uint64(i), 0)
		s.fill(z)
	}
	fsink = z[3]
}

package brownian

import (
	"testing"
)

var benchSink float64

// BenchmarkDeviates measures the generator as the tree uses it: a fresh
// stream per node, 16 deviates (a node of an 8-dimensional path with Lévy
// area).
func BenchmarkDeviates(b *testing.B) {
	var s stream
	s.setKey(1, keyDomain)
	z := make([]float64, 16)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.reset(uint64(i), tagNode)
		s.fill(z)
	}
	benchSink = z[3]
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(16*b.N), "ns/deviate")
}

// BenchmarkPhilox measures one Philox4x64-10 block (four words).
func BenchmarkPhilox(b *testing.B) {
	var s stream
	s.setKey(1, keyDomain)
	var acc uint64
	for i := 0; i < b.N; i++ {
		s.reset(uint64(i), tagNode)
		w0, w1, w2, w3 := s.block(0, 0)
		acc += w0 ^ w1 ^ w2 ^ w3
	}
	benchSink = float64(acc)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(4*b.N), "ns/word")
}

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

// BenchmarkPhilox measures one Philox4x64-10 block (four words), in full
// (block) and as the main sequence computes it from a primed stream
// (blockMain), the stream primed once outside the loop.
func BenchmarkPhilox(b *testing.B) {
	for _, main := range []bool{false, true} {
		b.Run(map[bool]string{false: "block", true: "blockMain"}[main], func(b *testing.B) {
			var s stream
			s.setKey(1, keyDomain)
			s.reset(7, tagNode)
			var acc uint64
			for i := 0; i < b.N; i++ {
				var w0, w1, w2, w3 uint64
				if main {
					w0, w1, w2, w3 = s.blockMain(uint64(i))
				} else {
					w0, w1, w2, w3 = s.block(uint64(i), 0)
				}
				acc += w0 ^ w1 ^ w2 ^ w3
			}
			benchSink = float64(acc)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(4*b.N), "ns/word")
		})
	}
}

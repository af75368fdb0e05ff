package brownian

import "testing"

func BenchmarkProfSeq(b *testing.B) {
	p, _ := NewInterval(0, 1, 8, 1, Options{Levy: true, Cache: -1})
	dw, h := make([]float64, 8), make([]float64, 8)
	n := 0
	for i := 0; i < b.N; i++ {
		if n == 1000 {
			n = 0
		}
		p.IncrementLevy(float64(n)*1e-3, float64(n+1)*1e-3, dw, h)
		n++
	}
}

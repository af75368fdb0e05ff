package bench

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/nde-go/nde/brownian"
)

type brownianPath interface {
	Increment(s, t float64, dw []float64) error
	IncrementLevy(s, t float64, dw, h []float64) error
}

func newBrownian(b *testing.B, impl string, dim int, levy bool, seed uint64) brownianPath {
	o := brownian.Options{Levy: levy}
	var p brownianPath
	var err error
	if impl == "tree" {
		p, err = brownian.NewTree(0, 1, dim, seed, 0x1p-16, o)
	} else {
		p, err = brownian.NewInterval(0, 1, dim, seed, o)
	}
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func ask(b *testing.B, p brownianPath, levy bool, s, t float64, dw, h []float64) {
	var err error
	if levy {
		err = p.IncrementLevy(s, t, dw, h)
	} else {
		err = p.Increment(s, t, dw)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBrownian measures the query patterns of TASKS.md T4 on [0, 1]
// (trees at tolerance 2⁻¹⁶), one query per iteration: random intervals on
// one path; the steps of the grid k·1e-3 in order, a fresh path every 1000
// steps (created with the timer stopped); and the same steps again on a
// path that has answered them once (warm).
func BenchmarkBrownian(b *testing.B) {
	for _, dim := range []int{1, 8} {
		for _, impl := range []string{"tree", "interval"} {
			for _, levy := range []bool{false, true} {
				name := fmt.Sprintf("dim=%d/impl=%s/levy=%v", dim, impl, levy)
				dw, h := make([]float64, dim), make([]float64, dim)
				b.Run(name+"/pattern=random", func(b *testing.B) {
					p := newBrownian(b, impl, dim, levy, 1)
					r := rand.New(rand.NewSource(1))
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						s, t := r.Float64(), r.Float64()
						if s > t {
							s, t = t, s
						}
						ask(b, p, levy, s, t, dw, h)
					}
				})
				b.Run(name+"/pattern=sequential", func(b *testing.B) {
					var p brownianPath
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						k := i % 1000
						if k == 0 {
							b.StopTimer()
							p = newBrownian(b, impl, dim, levy, uint64(i))
							b.StartTimer()
						}
						ask(b, p, levy, float64(k)*1e-3, float64(k+1)*1e-3, dw, h)
					}
				})
				b.Run(name+"/pattern=warm", func(b *testing.B) {
					p := newBrownian(b, impl, dim, levy, 1)
					for k := 0; k < 1000; k++ {
						ask(b, p, levy, float64(k)*1e-3, float64(k+1)*1e-3, dw, h)
					}
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						k := i % 1000
						ask(b, p, levy, float64(k)*1e-3, float64(k+1)*1e-3, dw, h)
					}
				})
			}
		}
	}
}

// BenchmarkBrownianSteps shows that a solver's steps cost O(1) each on an
// Interval whatever their number: n steps of 1/n over [0, 1], forward
// (a fresh path for each pass, made with the timer stopped) and then
// backward over the same steps with the cache of increments off, so that
// every step is computed. The figure of merit is ns/step, which should not
// grow from n = 10³ to 10⁶.
func BenchmarkBrownianSteps(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000, 1000000} {
		for _, cfg := range []struct {
			dim  int
			levy bool
		}{{1, false}, {8, true}} {
			for _, dir := range []string{"forward", "backward"} {
				b.Run(fmt.Sprintf("n=%d/dim=%d/levy=%v/%s", n, cfg.dim, cfg.levy, dir), func(b *testing.B) {
					dw, h := make([]float64, cfg.dim), make([]float64, cfg.dim)
					step := 1 / float64(n)
					var p *brownian.Interval
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						k := i % n
						if k == 0 {
							b.StopTimer()
							var err error
							p, err = brownian.NewInterval(0, 1, cfg.dim, uint64(i), brownian.Options{Levy: cfg.levy, Cache: -1})
							if err != nil {
								b.Fatal(err)
							}
							b.StartTimer()
						}
						if dir == "backward" {
							k = n - 1 - k
						}
						ask(b, p, cfg.levy, float64(k)*step, float64(k+1)*step, dw, h)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/step")
				})
			}
		}
	}
}

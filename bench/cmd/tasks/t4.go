package main

import (
	"math/rand"
	"runtime"
	"time"

	"github.com/nde-go/nde/brownian"
)

// T4 (TASKS.md): Brownian motion on [0, 1], dims 1 and 8, trees at
// tolerance 2⁻¹⁶, with and without space-time Lévy area; random intervals
// on one path, a sequential pass over t_k = k·1e-3 on a fresh path, and the
// same pass again (warm).
func init() { register("T4", 40, runT4) }

type t4Line struct {
	Task       string  `json:"task"`
	Impl       string  `json:"impl"`
	Dim        int     `json:"dim"`
	Levy       bool    `json:"levy"`
	Pattern    string  `json:"pattern"`
	USPerQuery float64 `json:"us_per_query"`
	USMin      float64 `json:"us_per_query_min"`
	CPUUS      float64 `json:"cpu_us_per_query"`
	BytesHeld  int64   `json:"bytes_held"`
	Queries    int     `json:"n_queries"`
	Reps       int     `json:"reps"`
}

type t4Path interface {
	Increment(s, t float64, dw []float64) error
	IncrementLevy(s, t float64, dw, h []float64) error
}

const (
	t4Random     = 10000
	t4Sequential = 1000
)

func newT4Path(impl string, dim int, levy bool, seed uint64) t4Path {
	o := brownian.Options{Levy: levy}
	var p t4Path
	var err error
	if impl == "tree" {
		p, err = brownian.NewTree(0, 1, dim, seed, 0x1p-16, o)
	} else {
		p, err = brownian.NewInterval(0, 1, dim, seed, o)
	}
	if err != nil {
		panic(err) // the arguments are constants
	}
	return p
}

// t4Run asks p the queries qs (pairs of times).
func t4Run(p t4Path, levy bool, qs [][2]float64, dw, h []float64) {
	for _, q := range qs {
		var err error
		if levy {
			err = p.IncrementLevy(q[0], q[1], dw, h)
		} else {
			err = p.Increment(q[0], q[1], dw)
		}
		if err != nil {
			panic(err)
		}
	}
}

// t4Time times run after an untimed prepare, repeating until the timed runs
// total c.minTotal seconds and number at least five (one with -quick),
// after one untimed warm-up, and returns the timing per run.
func (c *config) t4Time(prepare func(), run func()) timing {
	prepare()
	run()
	var wall, cpu []float64
	var total float64
	for {
		prepare()
		c0 := cpuSeconds()
		t0 := time.Now()
		run()
		w := time.Since(t0).Seconds()
		cpu = append(cpu, cpuSeconds()-c0)
		wall = append(wall, w)
		total += w
		if c.quick || (total >= c.minTotal && len(wall) >= 5) {
			break
		}
	}
	t := timing{Reps: len(wall)}
	t.Median, t.Min = medianMin(wall)
	t.CPUMedian, t.CPUMin = medianMin(cpu)
	return t
}

// heapHeld returns the live heap bytes that build's result holds. Two
// collections on either side: garbage left from a collection's own cycle
// is only freed by the next.
func heapHeld(build func() t4Path) int64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m0)
	p := build()
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(p)
	return int64(m1.HeapAlloc) - int64(m0.HeapAlloc)
}

func runT4(c *config) {
	seqQs := make([][2]float64, t4Sequential)
	for k := range seqQs {
		seqQs[k] = [2]float64{float64(k) * 1e-3, float64(k+1) * 1e-3}
	}
	rng := rand.New(rand.NewSource(1))
	rq := make([][2]float64, t4Random)
	newRandom := func() {
		for i := range rq {
			s, t := rng.Float64(), rng.Float64()
			if s > t {
				s, t = t, s
			}
			rq[i] = [2]float64{s, t}
		}
	}
	for _, impl := range []string{"tree", "interval"} {
		for _, dim := range []int{1, 8} {
			for _, levy := range []bool{false, true} {
				dw, h := make([]float64, dim), make([]float64, dim)
				// The memory held, measured first, while nothing else
				// of this configuration is live: after the random
				// queries, and after a sequential pass (which warm
				// repeats without allocating).
				newRandom()
				heldRandom := heapHeld(func() t4Path {
					q := newT4Path(impl, dim, levy, 2)
					t4Run(q, levy, rq, dw, h)
					return q
				})
				heldSeq := heapHeld(func() t4Path {
					q := newT4Path(impl, dim, levy, 3)
					t4Run(q, levy, seqQs, dw, h)
					return q
				})
				emit := func(pattern string, n int, t timing, held int64) {
					c.emit(t4Line{Task: "T4", Impl: impl, Dim: dim, Levy: levy, Pattern: pattern,
						USPerQuery: t.Median / float64(n) * 1e6, USMin: t.Min / float64(n) * 1e6,
						CPUUS: t.CPUMedian / float64(n) * 1e6, BytesHeld: held, Queries: n, Reps: t.Reps})
				}

				// (a) random: fresh random intervals on one path each
				// run, so that no answer is remembered from a previous
				// run.
				p := newT4Path(impl, dim, levy, 1)
				ta := c.t4Time(newRandom, func() { t4Run(p, levy, rq, dw, h) })
				emit("random", t4Random, ta, heldRandom)

				// (b) sequential, a fresh path each run.
				seed := uint64(10)
				var ps t4Path
				tb := c.t4Time(func() { seed++; ps = newT4Path(impl, dim, levy, seed) },
					func() { t4Run(ps, levy, seqQs, dw, h) })
				emit("sequential", t4Sequential, tb, heldSeq)

				// (c) warm: the same pass again on the path that (b)
				// has just queried.
				tc := c.t4Time(func() {
					seed++
					ps = newT4Path(impl, dim, levy, seed)
					t4Run(ps, levy, seqQs, dw, h)
				}, func() { t4Run(ps, levy, seqQs, dw, h) })
				emit("warm", t4Sequential, tc, heldSeq)
			}
		}
	}
}

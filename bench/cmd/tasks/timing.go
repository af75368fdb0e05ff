package main

import (
	"sort"
	"time"
)

// timing summarises repeated runs of one configuration.
type timing struct {
	Median, Min       float64 // wall seconds per run
	CPUMedian, CPUMin float64 // process CPU seconds per run, where the OS reports it
	Reps              int
}

// measure runs f repeatedly until the repeats total c.minTotal seconds of
// wall time (once with -quick, after one untimed warm-up run) and returns
// the median and minimum per run. A run that is too short to time on its
// own is batched: each sample times enough calls to last about 1 ms.
func (c *config) measure(f func()) timing {
	f() // warm caches, and let lazily built state settle
	batch := 1
	if !c.quick {
		for {
			t0 := time.Now()
			for i := 0; i < batch; i++ {
				f()
			}
			if time.Since(t0) >= time.Millisecond || batch >= 1<<20 {
				break
			}
			batch *= 2
		}
	}
	var wall, cpu []float64
	var total float64
	for {
		c0 := cpuSeconds()
		t0 := time.Now()
		for i := 0; i < batch; i++ {
			f()
		}
		w := time.Since(t0).Seconds()
		c1 := cpuSeconds()
		wall = append(wall, w/float64(batch))
		cpu = append(cpu, (c1-c0)/float64(batch))
		total += w
		if c.quick || (total >= c.minTotal && len(wall) >= 5) {
			break
		}
	}
	t := timing{Reps: len(wall) * batch}
	t.Median, t.Min = medianMin(wall)
	t.CPUMedian, t.CPUMin = medianMin(cpu)
	return t
}

func medianMin(x []float64) (median, min float64) {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		median = s[n/2]
	} else {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return median, s[0]
}

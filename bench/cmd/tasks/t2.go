package main

import (
	"math"

	"github.com/nde-go/nde/asm"
	"github.com/nde-go/nde/bench/internal/peak"
)

// peak and T2 (../shared/TASKS.md): one core's FMA peak per instruction set,
// and y = W x, y = Wᵀ x for n×n row-major W in GFLOP/s, for the kernel the
// run-time dispatch picks ("asm"), the generic Go code, and each assembly
// variant the machine has by name.

func init() {
	register("peak", 10, runPeak)
	register("T2", 30, runT2)
}

type peakLine struct {
	Task   string  `json:"task"`
	Impl   string  `json:"impl"`
	GFLOPS float64 `json:"gflops"`
	Note   string  `json:"note"`
}

func runPeak(c *config) {
	sec := 0.05
	if c.quick {
		sec = 0.01
	}
	res := peak.Measure(sec)
	if len(res) == 0 {
		logf("peak: no FMA loop for this CPU or build")
	}
	for _, r := range res {
		c.emit(peakLine{"peak", r.Impl, r.GFLOPS, r.Note})
	}
}

type t2Line struct {
	Task       string  `json:"task"`
	Op         string  `json:"op"`
	N          int     `json:"n"`
	Impl       string  `json:"impl"`
	Kernel     string  `json:"kernel"` // the implementation that ran (for "asm": the dispatch's choice)
	GFLOPS     float64 `json:"gflops"` // from the median wall time per call
	GFLOPSBest float64 `json:"gflops_best"`
	GFLOPSCPU  float64 `json:"gflops_cpu"` // from the median process CPU time per call
	MedianS    float64 `json:"median_s"`
	MinS       float64 `json:"min_s"`
	CPUMedianS float64 `json:"cpu_median_s"`
	Reps       int     `json:"reps"`
	MaxDiff    float64 `json:"maxdiff_vs_naive"`
}

func runT2(c *config) {
	dispatch := asm.Impl() // the start-up choice
	defer asm.SetImpl(dispatch)
	impls := []string{"asm", "generic"}
	for _, name := range asm.Impls() {
		if name != "generic" {
			impls = append(impls, name)
		}
	}
	for _, n := range []int{8, 16, 32, 64, 128, 256, 512} {
		w, x := make([]float64, n*n), make([]float64, n)
		// The data of the peers' harnesses (../shared/peers/cpp/t2_common.hpp).
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				w[i*n+j] = math.Sin(0.37*float64(i+1)+0.73*float64(j+1)) / math.Sqrt(float64(n))
			}
		}
		for j := range x {
			x[j] = math.Cos(0.7 * float64(j+1))
		}
		for _, op := range []string{"Wx", "WTx"} {
			naive := naiveT2(n, w, x, op == "WTx")
			y := make([]float64, n)
			for _, impl := range impls {
				kernel := impl
				if impl == "asm" {
					kernel = dispatch
				}
				if err := asm.SetImpl(kernel); err != nil {
					logf("T2: %v", err)
					continue
				}
				f := func() { asm.Gemv(n, n, w, x, y) }
				if op == "WTx" {
					f = func() { asm.GemvT(n, n, w, x, y) }
				}
				t := c.measure(f)
				var diff float64
				for i := range y {
					diff = math.Max(diff, math.Abs(y[i]-naive[i]))
				}
				flops := 2 * float64(n) * float64(n)
				c.emit(t2Line{
					Task: "T2", Op: op, N: n, Impl: impl, Kernel: kernel,
					GFLOPS: flops / t.Median * 1e-9, GFLOPSBest: flops / t.Min * 1e-9, GFLOPSCPU: gflopsOf(flops, t.CPUMedian),
					MedianS: t.Median, MinS: t.Min, CPUMedianS: t.CPUMedian, Reps: t.Reps, MaxDiff: diff,
				})
			}
		}
	}
}

// gflopsOf is flops/seconds in GFLOP/s, or 0 where the OS gave no CPU time.
func gflopsOf(flops, seconds float64) float64 {
	if seconds <= 0 {
		return 0
	}
	return flops / seconds * 1e-9
}

// naiveT2 is the plain loop the peers check against.
func naiveT2(n int, w, x []float64, trans bool) []float64 {
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if trans {
				y[j] += w[i*n+j] * x[i]
			} else {
				y[i] += w[i*n+j] * x[j]
			}
		}
	}
	return y
}

// Package peak measures one core's float64 fused multiply–add throughput for
// each vector instruction set the machine has: the ceiling against which
// nde's kernels are read (bench/cmd/tasks prints it as the "peak" lines).
//
// Each measurement is a small assembly loop of twelve independent FMA
// chains, acc = acc·a + b, with nothing else in it: twelve chains cover an
// FMA latency of four cycles on two pipes (eight would do) with room to
// spare, the loop branch is one instruction in fourteen, and no memory is
// touched. The figure is the best of several timed runs on a locked OS
// thread, because preemption on a shared machine can only make a run
// slower. Where there is no such loop (other architectures, or the purego
// build tag) Measure returns nothing.
package peak

import (
	"runtime"
	"time"
)

// Result is one instruction set's peak.
type Result struct {
	Impl   string  // "fma-avx512", "fma-avx2" or "fma-neon"
	GFLOPS float64 // 10⁹ floating-point operations per second, an FMA counting two
	Note   string  // how it was measured
}

// kernel is one instruction set's FMA loop: iters iterations of chains
// vector FMAs of lanes float64 lanes each.
type kernel struct {
	impl          string
	chains, lanes int
	run           func(iters int)
}

// Measure times each available kernel for about seconds per run, over
// five runs, and returns the best rate of each.
func Measure(seconds float64) []Result {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var out []Result
	for _, k := range kernels() {
		iters := 1 << 12
		for { // calibrate to the requested run length
			t := timeRun(k, iters)
			if t >= seconds || iters >= 1<<30 {
				break
			}
			if t < seconds/16 {
				iters *= 8
			} else {
				iters *= 2
			}
		}
		best := 0.0
		for r := 0; r < 5; r++ {
			t := timeRun(k, iters)
			flops := 2 * float64(k.chains*k.lanes) * float64(iters)
			if g := flops / t * 1e-9; g > best {
				best = g
			}
		}
		out = append(out, Result{
			Impl:   k.impl,
			GFLOPS: best,
			Note:   note(k),
		})
	}
	return out
}

func timeRun(k kernel, iters int) float64 {
	t0 := clock()
	k.run(iters)
	return clock() - t0
}

var start = time.Now()

func wallClock() float64 { return time.Since(start).Seconds() }

func note(k kernel) string {
	return itoa(k.chains) + " chains of " + itoa(k.lanes) + "-lane FMA in assembly, 1 core, best of 5 runs by " + clockName
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

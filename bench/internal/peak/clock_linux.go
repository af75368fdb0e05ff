package peak

import "golang.org/x/sys/unix"

// clock returns the calling thread's CPU time in seconds: time the thread
// spent descheduled on a busy machine does not count against the loop.
// (Measure locks the goroutine to its thread.)
func clock() float64 {
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts) != nil {
		return wallClock()
	}
	return float64(ts.Nano()) * 1e-9
}

const clockName = "thread CPU time"

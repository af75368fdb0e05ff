//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

// cpuSeconds is unavailable here; CPU-time figures read 0.
func cpuSeconds() float64 { return 0 }

//go:build !linux

package peak

func clock() float64 { return wallClock() }

const clockName = "wall time"

//go:build !purego

package asm

import "golang.org/x/sys/cpu"

// ASIMD (NEON) is part of every ARMv8-A core that Go supports, but the
// feature bit is still consulted, so that GODEBUG=cpu.asimd=off selects the
// generic code.
var hasNEON = cpu.ARM64.HasASIMD

// useNEON selects the kernels; it is set once, here, and changed only by
// SetImpl (and by tests).
var useNEON = hasNEON

func impl() string {
	if useNEON {
		return "neon"
	}
	return "generic"
}

func supported() []string {
	if hasNEON {
		return []string{"neon", "generic"}
	}
	return []string{"generic"}
}

func setImpl(name string) bool {
	switch {
	case name == "neon" && hasNEON:
		useNEON = true
	case name == "generic":
		useNEON = false
	default:
		return false
	}
	return true
}

// The assembly kernels. They trust their caller: lengths are checked by the
// exported functions.

//go:noescape
func dotNEON(x, y []float64) float64

//go:noescape
func axpyNEON(a float64, x, y []float64)

//go:noescape
func gemvNEON(m, n int, w, x, y []float64, add bool)

//go:noescape
func gemvTNEON(m, n int, w, x, y []float64, add bool)

//go:noescape
func gerNEON(m, n int, alpha float64, a, x, w []float64)

//go:noescape
func combineNEON(out, y, k, c []float64, off []int)

// combineStagesNEON gathers the nonzero stages, so that the assembly never
// reads a stage whose coefficient is zero, and calls the kernel.
func combineStagesNEON(out, y, k, c []float64) {
	var cs [MaxStages]float64
	var off [MaxStages]int
	s := gatherStages(len(out), c, &cs, &off)
	combineNEON(out, y, k, cs[:s], off[:s])
}

// The dispatch keeps the smallest problems in Go. Its cut-offs are copied
// from amd64 (see asm_amd64.go) and have not been measured on arm64
// hardware: none was at hand, and the tests' qemu emulation says nothing
// about the cost of a call or a loop on a real core. They are placeholders
// until someone measures them there. The amd64 rule that sends W x with
// four or more rows to assembly whatever n was measured later, on Zen 3,
// and is not applied here.

func dot(x, y []float64) float64 {
	if useNEON && len(x) >= 8 {
		return dotNEON(x, y)
	}
	return dotGeneric(x, y)
}

func axpy(a float64, x, y []float64) {
	if useNEON && len(x) >= 6 {
		axpyNEON(a, x, y)
		return
	}
	axpyGeneric(a, x, y)
}

func gemv(m, n int, w, x, y []float64, add bool) {
	if useNEON && m*n >= 16 {
		gemvNEON(m, n, w, x, y, add)
		return
	}
	gemvGeneric(m, n, w, x, y, add)
}

func gemvT(m, n int, w, x, y []float64, add bool) {
	if useNEON && m*n >= 4 {
		gemvTNEON(m, n, w, x, y, add)
		return
	}
	gemvTGeneric(m, n, w, x, y, add)
}

func ger(m, n int, alpha float64, a, x, w []float64) {
	if useNEON && m*n >= 16 {
		gerNEON(m, n, alpha, a, x, w)
		return
	}
	gerGeneric(m, n, alpha, a, x, w)
}

func combine(out, y, k, c []float64) {
	if useNEON && len(out) >= 4 {
		combineStagesNEON(out, y, k, c)
		return
	}
	combineGeneric(out, y, k, c)
}

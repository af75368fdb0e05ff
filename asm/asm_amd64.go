//go:build !purego

package asm

import "golang.org/x/sys/cpu"

// The AVX-512 kernels also use AVX2 and FMA instructions (VHADDPD,
// VMASKMOVPD-free tails aside), so they require everything AVX2 does.
var (
	hasAVX2   = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512 = hasAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
)

// useAVX2 and useAVX512 select the kernels; they are set once, here, and
// changed only by SetImpl (and by tests). Package-level bools rather than
// function variables: the dispatch is a predictable branch and the calls
// stay direct.
var (
	useAVX512 = hasAVX512
	useAVX2   = hasAVX2 && !useAVX512
)

func impl() string {
	switch {
	case useAVX512:
		return "avx512"
	case useAVX2:
		return "avx2"
	}
	return "generic"
}

func supported() []string {
	var s []string
	if hasAVX512 {
		s = append(s, "avx512")
	}
	if hasAVX2 {
		s = append(s, "avx2")
	}
	return append(s, "generic")
}

func setImpl(name string) bool {
	switch {
	case name == "avx512" && hasAVX512:
		useAVX512, useAVX2 = true, false
	case name == "avx2" && hasAVX2:
		useAVX512, useAVX2 = false, true
	case name == "generic":
		useAVX512, useAVX2 = false, false
	default:
		return false
	}
	return true
}

// The assembly kernels. They trust their caller: lengths are checked by the
// exported functions.

//go:noescape
func dotAVX2(x, y []float64) float64

//go:noescape
func dotAVX512(x, y []float64) float64

//go:noescape
func axpyAVX2(a float64, x, y []float64)

//go:noescape
func axpyAVX512(a float64, x, y []float64)

//go:noescape
func gemvAVX2(m, n int, w, x, y []float64, add bool)

//go:noescape
func gemvAVX512(m, n int, w, x, y []float64, add bool)

//go:noescape
func gemvTAVX2(m, n int, w, x, y []float64, add bool)

//go:noescape
func gemvTAVX512(m, n int, w, x, y []float64, add bool)

//go:noescape
func gerAVX2(m, n int, alpha float64, a, x, w []float64)

//go:noescape
func gerAVX512(m, n int, alpha float64, a, x, w []float64)

//go:noescape
func combineAVX2(out, y, k, c []float64, off []int)

//go:noescape
func combineAVX512(out, y, k, c []float64, off []int)

// combineStagesAVX2 and combineStagesAVX512 gather the nonzero stages, so
// that the assembly never reads a stage whose coefficient is zero, and call
// the kernel.
func combineStagesAVX2(out, y, k, c []float64) {
	var cs [MaxStages]float64
	var off [MaxStages]int
	s := gatherStages(len(out), c, &cs, &off)
	combineAVX2(out, y, k, cs[:s], off[:s])
}

func combineStagesAVX512(out, y, k, c []float64) {
	var cs [MaxStages]float64
	var off [MaxStages]int
	s := gatherStages(len(out), c, &cs, &off)
	combineAVX512(out, y, k, cs[:s], off[:s])
}

func dot(x, y []float64) float64 {
	switch {
	case useAVX512:
		return dotAVX512(x, y)
	case useAVX2:
		return dotAVX2(x, y)
	}
	return dotGeneric(x, y)
}

func axpy(a float64, x, y []float64) {
	switch {
	case useAVX512:
		axpyAVX512(a, x, y)
	case useAVX2:
		axpyAVX2(a, x, y)
	default:
		axpyGeneric(a, x, y)
	}
}

func gemv(m, n int, w, x, y []float64, add bool) {
	switch {
	case useAVX512:
		gemvAVX512(m, n, w, x, y, add)
	case useAVX2:
		gemvAVX2(m, n, w, x, y, add)
	default:
		gemvGeneric(m, n, w, x, y, add)
	}
}

func gemvT(m, n int, w, x, y []float64, add bool) {
	switch {
	case useAVX512:
		gemvTAVX512(m, n, w, x, y, add)
	case useAVX2:
		gemvTAVX2(m, n, w, x, y, add)
	default:
		gemvTGeneric(m, n, w, x, y, add)
	}
}

func ger(m, n int, alpha float64, a, x, w []float64) {
	switch {
	case useAVX512:
		gerAVX512(m, n, alpha, a, x, w)
	case useAVX2:
		gerAVX2(m, n, alpha, a, x, w)
	default:
		gerGeneric(m, n, alpha, a, x, w)
	}
}

func combine(out, y, k, c []float64) {
	switch {
	case useAVX512:
		combineStagesAVX512(out, y, k, c)
	case useAVX2:
		combineStagesAVX2(out, y, k, c)
	default:
		combineGeneric(out, y, k, c)
	}
}

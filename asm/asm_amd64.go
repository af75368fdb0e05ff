//go:build !purego

package asm

import "golang.org/x/sys/cpu"

// The AVX-512 kernels also use VEX-encoded AVX and FMA instructions
// (VHADDPD, the scalar tails), and the AVX-512 mode runs AVX2 kernels for
// some sizes, so it requires everything the AVX2 mode does.
var (
	hasAVX2   = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512 = hasAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
)

// useAVX2 and useAVX512 say which kernels may run: AVX2 ones, and also
// AVX-512 ones. They are set once, here, and changed only by SetImpl (and by
// tests). Package-level bools rather than function variables: the dispatch
// is a predictable branch and the calls stay direct.
var (
	useAVX2   = hasAVX2
	useAVX512 = hasAVX512
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
		useAVX512, useAVX2 = true, true
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

// The dispatch. Which kernel runs for which size was measured on AMD EPYC
// cores, Zen 4 (AVX-512 FMA as fast as AVX2's there: 58 GFLOP/s each)
// unless a figure says Zen 3 (AVX2 only), timing each candidate by thread
// CPU time in alternating rounds:
//
//   - Below a few dozen flops the Go code wins: a call into assembly costs
//     about 6 ns (the ABI0 wrapper, the setup, VZEROUPPER), the Go loop
//     1–3 ns. The cut-offs are where the assembly first matches it. W x
//     also goes to assembly from four rows on, whatever n: the Go code
//     pays a reduction per row, which the assembly shares among four or
//     eight (Zen 3, AVX2: 4×1, 10.1 against 11.7 ns; 4×3, 9.9 against
//     14.2; 8×1, 11.1 against 20.4; below four rows the cut-off at 16
//     elements holds: 3×5, 15.1 against 13.4).
//   - Gemv and GemvT use AVX-512 when n is a multiple of 8 or at least 32;
//     otherwise the masked tail of AVX-512 costs more than AVX2's (n = 12:
//     AVX2 23 against 14 GFLOP/s for W x).
//   - Axpy and Ger, bound by one store per FMA, are 5–10% faster with AVX2
//     (Ger, n = 128: 25.4 against 22.2 GFLOP/s); they use it everywhere.
//   - Dot, bound by two loads per FMA, is faster with AVX-512 below 128
//     elements (n = 64: 15.5 against 14.5) and with AVX2 above.
//   - Combine is faster with AVX-512 from 64 columns on (n = 256: 33.6
//     against 30.1) and with AVX2 below.
//
// On Zen 5, whose AVX-512 FMA is twice as wide, AVX-512 would win more
// often; these rules keep AVX2 only where it measured faster here.

func dot(x, y []float64) float64 {
	if n := len(x); useAVX2 && n >= 8 {
		if useAVX512 && n < 128 {
			return dotAVX512(x, y)
		}
		return dotAVX2(x, y)
	}
	return dotGeneric(x, y)
}

func axpy(a float64, x, y []float64) {
	if useAVX2 && len(x) >= 6 {
		axpyAVX2(a, x, y)
		return
	}
	axpyGeneric(a, x, y)
}

func gemv(m, n int, w, x, y []float64, add bool) {
	if useAVX2 && n > 0 && (m*n >= 16 || m >= 4) {
		if useAVX512 && (n&7 == 0 || n >= 32) {
			gemvAVX512(m, n, w, x, y, add)
			return
		}
		gemvAVX2(m, n, w, x, y, add)
		return
	}
	gemvGeneric(m, n, w, x, y, add)
}

func gemvT(m, n int, w, x, y []float64, add bool) {
	if useAVX2 && m*n >= 4 {
		if useAVX512 && (n&7 == 0 || n >= 32) {
			gemvTAVX512(m, n, w, x, y, add)
			return
		}
		gemvTAVX2(m, n, w, x, y, add)
		return
	}
	gemvTGeneric(m, n, w, x, y, add)
}

func ger(m, n int, alpha float64, a, x, w []float64) {
	if useAVX2 && m*n >= 16 {
		gerAVX2(m, n, alpha, a, x, w)
		return
	}
	gerGeneric(m, n, alpha, a, x, w)
}

func combine(out, y, k, c []float64) {
	if n := len(out); useAVX2 && n >= 4 {
		if useAVX512 && n >= 64 {
			combineStagesAVX512(out, y, k, c)
			return
		}
		combineStagesAVX2(out, y, k, c)
		return
	}
	combineGeneric(out, y, k, c)
}

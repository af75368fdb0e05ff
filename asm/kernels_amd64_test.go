//go:build !purego

package asm

// asmSets returns the assembly kernel sets this CPU can run, in the order of
// Impls().
func asmSets() []kernelSet {
	var s []kernelSet
	if hasAVX512 {
		s = append(s, kernelSet{"avx512", dotAVX512, axpyAVX512, gemvAVX512, gemvTAVX512, gerAVX512, combineStagesAVX512})
	}
	if hasAVX2 {
		s = append(s, kernelSet{"avx2", dotAVX2, axpyAVX2, gemvAVX2, gemvTAVX2, gerAVX2, combineStagesAVX2})
	}
	return s
}

// implsFromCPUInfo is what Impls() must be on a CPU with these
// /proc/cpuinfo flags: the AVX2 kernels need AVX, AVX2 and FMA, the AVX-512
// ones all that and AVX-512 F and VL (see asm_amd64.go).
func implsFromCPUInfo(key string, f map[string]bool) ([]string, bool) {
	if key != "flags" {
		return nil, false
	}
	switch {
	case f["avx"] && f["avx2"] && f["fma"] && f["avx512f"] && f["avx512vl"]:
		return []string{"avx512", "avx2", "generic"}, true
	case f["avx"] && f["avx2"] && f["fma"]:
		return []string{"avx2", "generic"}, true
	}
	return []string{"generic"}, true
}

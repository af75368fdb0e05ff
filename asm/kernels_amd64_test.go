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

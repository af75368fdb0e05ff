//go:build !purego

package asm

// asmSets returns the assembly kernel sets this CPU can run, in the order of
// Impls().
func asmSets() []kernelSet {
	if !hasNEON {
		return nil
	}
	return []kernelSet{{"neon", dotNEON, axpyNEON, gemvNEON, gemvTNEON, gerNEON, combineStagesNEON}}
}

// implsFromCPUInfo is what Impls() must be on a CPU with these
// /proc/cpuinfo features: NEON where ASIMD is listed.
func implsFromCPUInfo(key string, f map[string]bool) ([]string, bool) {
	if key != "Features" {
		return nil, false
	}
	if f["asimd"] {
		return []string{"neon", "generic"}, true
	}
	return []string{"generic"}, true
}

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

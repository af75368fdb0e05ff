//go:build (!amd64 && !arm64) || purego

package asm

// asmSets returns nothing: this build has no assembly.
func asmSets() []kernelSet { return nil }

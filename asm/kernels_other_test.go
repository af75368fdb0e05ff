//go:build (!amd64 && !arm64) || purego

package asm

// asmSets returns nothing: this build has no assembly.
func asmSets() []kernelSet { return nil }

// implsFromCPUInfo is "generic" alone, whatever the CPU: this build has no
// assembly.
func implsFromCPUInfo(key string, f map[string]bool) ([]string, bool) {
	return []string{"generic"}, true
}

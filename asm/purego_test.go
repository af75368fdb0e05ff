package asm

import (
	"go/build"
	"testing"
)

// TestPureGoTag checks with go/build, for every architecture, that the
// purego tag leaves no assembly in the package and selects the portable
// dispatch, after src/crypto/purego_test.go. A .s file that lost its build
// constraint would otherwise only show up on a machine that links it.
func TestPureGoTag(t *testing.T) {
	arches := []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle",
		"ppc64", "ppc64le", "riscv64", "s390x", "wasm"}
	for _, arch := range arches {
		for _, purego := range []bool{false, true} {
			ctx := build.Default
			ctx.GOARCH = arch
			ctx.GOOS = "linux"
			if arch == "wasm" {
				ctx.GOOS = "js"
			}
			ctx.CgoEnabled = false
			if purego {
				ctx.BuildTags = []string{"purego"}
			}
			pkg, err := ctx.ImportDir(".", 0)
			if err != nil {
				t.Fatalf("GOARCH=%s purego=%v: %v", arch, purego, err)
			}
			hasAsm := arch == "amd64" || arch == "arm64"
			noasm := contains(pkg.GoFiles, "asm_noasm.go")
			switch {
			case purego && len(pkg.SFiles) > 0:
				t.Errorf("GOARCH=%s -tags purego selects assembly: %v", arch, pkg.SFiles)
			case !purego && hasAsm && len(pkg.SFiles) == 0:
				t.Errorf("GOARCH=%s selects no assembly", arch)
			case !purego && !hasAsm && len(pkg.SFiles) > 0:
				t.Errorf("GOARCH=%s selects assembly it cannot have: %v", arch, pkg.SFiles)
			case noasm != (purego || !hasAsm):
				t.Errorf("GOARCH=%s purego=%v: asm_noasm.go selected = %v; Go files %v", arch, purego, noasm, pkg.GoFiles)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

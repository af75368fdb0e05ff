//go:build !purego

package peak

import "golang.org/x/sys/cpu"

//go:noescape
func fmaAVX512(iters int)

//go:noescape
func fmaAVX2(iters int)

func kernels() []kernel {
	var k []kernel
	if cpu.X86.HasAVX512F && cpu.X86.HasFMA {
		k = append(k, kernel{"fma-avx512", 12, 8, fmaAVX512})
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		k = append(k, kernel{"fma-avx2", 12, 4, fmaAVX2})
	}
	return k
}

//go:build !purego

package peak

import "golang.org/x/sys/cpu"

//go:noescape
func fmaNEON(iters int)

func kernels() []kernel {
	if !cpu.ARM64.HasASIMD {
		return nil
	}
	return []kernel{{"fma-neon", 12, 2, fmaNEON}}
}

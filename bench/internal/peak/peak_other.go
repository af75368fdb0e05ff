//go:build (!amd64 && !arm64) || purego

package peak

func kernels() []kernel { return nil }

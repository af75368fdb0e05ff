//go:build (!amd64 && !arm64) || purego

package asm

func impl() string          { return "generic" }
func supported() []string   { return []string{"generic"} }
func setImpl(s string) bool { return s == "generic" }

func dot(x, y []float64) float64                     { return dotGeneric(x, y) }
func axpy(a float64, x, y []float64)                 { axpyGeneric(a, x, y) }
func gemv(m, n int, w, x, y []float64, add bool)     { gemvGeneric(m, n, w, x, y, add) }
func gemvT(m, n int, w, x, y []float64, add bool)    { gemvTGeneric(m, n, w, x, y, add) }
func ger(m, n int, alpha float64, a, x, w []float64) { gerGeneric(m, n, alpha, a, x, w) }
func combine(out, y, k, c []float64)                 { combineGeneric(out, y, k, c) }

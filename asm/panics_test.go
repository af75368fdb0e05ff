package asm

import (
	"math"
	"math/bits"
	"strings"
	"testing"
	"unsafe"
)

const halfWord = 1 << (bits.UintSize / 2)

// TestPanics checks that every exported function rejects mismatched lengths
// before any kernel runs, with a message that names both lengths.
func TestPanics(t *testing.T) {
	v := func(n int) []float64 { return make([]float64, n) }
	cases := []struct {
		name  string
		f     func()
		wants []string
	}{
		{"Dot", func() { Dot(v(3), v(4)) }, []string{"asm.Dot", "len(x) = 3", "len(y) = 4"}},
		{"Axpy", func() { Axpy(1, v(5), v(4)) }, []string{"asm.Axpy", "len(x) = 5", "len(y) = 4"}},
		{"Gemv w", func() { Gemv(2, 3, v(5), v(3), v(2)) }, []string{"asm.Gemv", "len(w) = 5", "= 6"}},
		{"Gemv x", func() { Gemv(2, 3, v(6), v(2), v(2)) }, []string{"asm.Gemv", "len(x) = 2", "n = 3"}},
		{"Gemv y", func() { Gemv(2, 3, v(6), v(3), v(3)) }, []string{"asm.Gemv", "len(y) = 3", "m = 2"}},
		{"Gemv neg", func() { Gemv(-1, 3, v(0), v(3), v(0)) }, []string{"asm.Gemv", "-1"}},
		{"Gemv wrap", func() { Gemv(math.MaxInt/2+1, 2, nil, nil, nil) }, []string{"asm.Gemv", "too large"}},
		// m·n = 2^UintSize wraps around to exactly len(nil).
		{"GemvT wrap to 0", func() { GemvT(halfWord, halfWord, nil, nil, nil) }, []string{"asm.GemvT", "too large"}},
		{"GemvAdd y", func() { GemvAdd(2, 3, v(6), v(3), v(1)) }, []string{"asm.GemvAdd", "len(y) = 1", "m = 2"}},
		{"GemvT x", func() { GemvT(2, 3, v(6), v(3), v(3)) }, []string{"asm.GemvT", "len(x) = 3", "m = 2"}},
		{"GemvT y", func() { GemvT(2, 3, v(6), v(2), v(2)) }, []string{"asm.GemvT", "len(y) = 2", "n = 3"}},
		{"GemvTAdd w", func() { GemvTAdd(2, 3, v(7), v(2), v(3)) }, []string{"asm.GemvTAdd", "len(w) = 7", "= 6"}},
		{"Ger a", func() { Ger(2, 3, 1, v(3), v(3), v(6)) }, []string{"asm.Ger", "len(a) = 3", "m = 2"}},
		{"Ger x", func() { Ger(2, 3, 1, v(2), v(4), v(6)) }, []string{"asm.Ger", "len(x) = 4", "n = 3"}},
		{"Ger w", func() { Ger(2, 3, 1, v(2), v(3), v(8)) }, []string{"asm.Ger", "len(w) = 8", "= 6"}},
		{"Combine y", func() { Combine(v(3), v(4), v(6), v(2)) }, []string{"asm.Combine", "len(out) = 3", "len(y) = 4"}},
		{"Combine k", func() { Combine(v(3), v(3), v(7), v(2)) }, []string{"asm.Combine", "len(k) = 7", "= 6"}},
		{"Combine s", func() { Combine(v(1), v(1), v(17), v(17)) }, []string{"asm.Combine", "17", "MaxStages = 16"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, ok := r.(string)
				if !ok {
					t.Fatalf("recovered %v (%T), want a string panic", r, r)
				}
				for _, w := range c.wants {
					if !strings.Contains(msg, w) {
						t.Errorf("panic %q does not mention %q", msg, w)
					}
				}
			}()
			c.f()
		})
	}
}

// TestCombineStagesOverflow checks that len(c)·len(out) is not allowed to
// wrap around int to match a short k. Only a 32-bit int can wrap with at
// most MaxStages stages, and a slice of 2²⁸+1 float64s must be made without
// memory behind it: unsafe.Slice over one element, never read, since the
// check must panic first.
func TestCombineStagesOverflow(t *testing.T) {
	if bits.UintSize != 32 {
		t.Skip("len(c)·len(out) cannot wrap a 64-bit int")
	}
	const n = 1<<28 + 1 // 16·n = 2³² + 16 wraps to 16
	var cell [1]float64
	var out []float64
	func() {
		defer func() {
			if recover() != nil {
				t.Skip("no room in the address space for a 2 GiB slice header")
			}
		}()
		out = unsafe.Slice(&cell[0], n)
	}()
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "asm.Combine") || !strings.Contains(msg, "overflows int") {
			t.Fatalf("recovered %q, want an overflow panic from asm.Combine", msg)
		}
	}()
	Combine(out, out, make([]float64, 16), make([]float64, 16))
}

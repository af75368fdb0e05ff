package asm

import (
	"math/rand"
	"syscall"
	"testing"
	"unsafe"
)

// fence is a mapping of pages whose first and last are inaccessible,
// after crypto/subtle's dangerousSlice: a slice placed against either
// protected page faults on any access beyond its ends, even one that a
// masked or guarded read would hide.
type fence struct {
	data []byte // the accessible part
	page int
}

// newFence maps a fence with room for size bytes between its guard pages.
func newFence(t *testing.T, size int) *fence {
	t.Helper()
	page := syscall.Getpagesize()
	size = (size + page - 1) / page * page
	mem, err := syscall.Mmap(-1, 0, size+2*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	t.Cleanup(func() { syscall.Munmap(mem) })
	if err := syscall.Mprotect(mem[:page], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	if err := syscall.Mprotect(mem[page+size:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	return &fence{mem[page : page+size], page}
}

// slice returns n float64s that end at the upper protected page (atEnd) or
// start at the lower one.
func (f *fence) slice(n int, atEnd bool) []float64 {
	if 8*n > len(f.data) {
		panic("fence: slice larger than the fence")
	}
	if n == 0 {
		return nil
	}
	off := 0
	if atEnd {
		off = len(f.data) - 8*n
	}
	return unsafe.Slice((*float64)(unsafe.Pointer(&f.data[off])), n)
}

// TestGuardPages runs every kernel with each argument, in turn, against a
// protected page at either end: an access one element beyond a slice
// crashes the test.
func TestGuardPages(t *testing.T) {
	fs := make([]*fence, 4)
	for i := range fs {
		fs[i] = newFence(t, 4096)
	}
	r := rand.New(rand.NewSource(9))
	fill := func(s []float64) []float64 { exact(r, s); return s }
	ns := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 129}
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		for _, atEnd := range []bool{true, false} {
			for _, n := range ns {
				x, y := fill(fs[0].slice(n, atEnd)), fill(fs[1].slice(n, !atEnd))
				k.dot(x, y)
				k.axpy(1.5, x, y)
				for _, m := range []int{1, 2, 3, 5, 9} {
					if m*n > 512 {
						continue
					}
					w := fill(fs[2].slice(m*n, atEnd))
					xm := fill(fs[3].slice(m, !atEnd))
					for _, add := range []bool{false, true} {
						k.gemv(m, n, w, x, xm, add)
						k.gemvT(m, n, w, xm, y, add)
					}
					k.ger(m, n, 0.5, xm, x, w)
					// The same with the other arguments against a fence.
					w = fill(fs[2].slice(m*n, !atEnd))
					xm = fill(fs[3].slice(m, atEnd))
					x2 := fill(fs[0].slice(n, !atEnd))
					k.gemv(m, n, w, x2, xm, true)
					k.gemvT(m, n, w, xm, x2, true)
					k.ger(m, n, 0.5, xm, x2, w)
				}
				for _, s := range []int{1, 3} {
					if s*n > 512 {
						continue
					}
					kk := fill(fs[2].slice(s*n, atEnd))
					c := fill(fs[3].slice(s, atEnd))
					k.combine(x, y, kk, c)
					kk = fill(fs[2].slice(s*n, !atEnd))
					k.combine(y, x, kk, c)
				}
			}
		}
	})
}

// TestGuardPagesLarge is TestGuardPages for matrices beyond 32 KiB and
// 1 MiB, where the matrix kernels take other paths (GemvT's strips, the
// streaming paths).
func TestGuardPagesLarge(t *testing.T) {
	shapes := [][2]int{{131, 1001}, {1001, 131}, {5, 26215}, {67, 97}, {9, 512}}
	fw, fx, fy := newFence(t, 8*131131), newFence(t, 8*26215), newFence(t, 8*26215)
	r := rand.New(rand.NewSource(10))
	fill := func(s []float64) []float64 { exact(r, s); return s }
	forEachImpl(t, func(t *testing.T, k kernelSet) {
		for _, mn := range shapes {
			m, n := mn[0], mn[1]
			for _, atEnd := range []bool{true, false} {
				w := fill(fw.slice(m*n, atEnd))
				x, y := fill(fx.slice(n, atEnd)), fill(fy.slice(m, atEnd))
				k.gemv(m, n, w, x, y, true)
				xt, yt := fill(fx.slice(m, atEnd)), fill(fy.slice(n, atEnd))
				k.gemvT(m, n, w, xt, yt, false)
				k.gemvT(m, n, w, xt, yt, true)
			}
		}
	})
}

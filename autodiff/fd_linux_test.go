package autodiff

import (
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"unsafe"
)

// TestFiniteDifferenceJVPReadsTheta checks the concurrency promise of
// FiniteDifferenceJVP's doc deterministically, where the race detector
// would need a lucky schedule: θ lies on a read-only page, so any write
// to it, even of the same bits, faults. A JVP without a parameter tangent
// must not fault; one with a tangent must (it shifts θ in place), which
// shows the test can see a write.
func TestFiniteDifferenceJVPReadsTheta(t *testing.T) {
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mem)
	theta := unsafe.Slice((*float64)(unsafe.Pointer(&mem[0])), 2)
	theta[0], theta[1] = 0.7, -0.4
	if err := syscall.Mprotect(mem, syscall.PROT_READ); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))

	fn := sinField()
	fn.VJP, fn.JVP = nil, nil
	fn.Params = theta
	f, _ := NewFunc(fn)
	fd, _ := FiniteDifferenceJVP(f)
	y, v, out, jv := []float64{1, 2, 3}, []float64{1, 0, -1}, make([]float64, 3), make([]float64, 3)
	// With SetPanicOnFault the write becomes a runtime.Error panic.
	faults := func(w []float64) (fault bool) {
		defer func() {
			_, fault = recover().(runtime.Error)
		}()
		fd.JVP(0, y, v, w, out, jv)
		return false
	}
	if faults(nil) {
		t.Error("JVP without a parameter tangent wrote to θ")
	}
	if !faults([]float64{1, 1}) {
		t.Error("JVP with a parameter tangent did not fault on a read-only θ: the test sees no writes")
	}
}

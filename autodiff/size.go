package autodiff

import (
	"fmt"
	"math"
)

// maxLen bounds every length, and every sum of lengths, that building a
// field computes, so that no sum of two of them overflows int.
const maxLen = math.MaxInt >> 2

// addLen adds k·n (k, n ≥ 0) to *sum and reports true when the result is
// at most maxLen; otherwise it leaves *sum alone and reports false. No
// step of the test overflows.
func addLen(sum *int, k, n int) bool {
	if k != 0 && n > (maxLen-*sum)/k {
		return false
	}
	*sum += k * n
	return true
}

// makeFloats returns make([]float64, n) (0 ≤ n ≤ maxLen), or an error
// wrapping ErrConfig where make refuses n as larger than any allocation
// the platform allows. That limit is the runtime's (2⁴⁸ bytes on amd64 and
// arm64, 2³² on wasm, 2³¹ − 1 on 32-bit MIPS) and make panics beyond it;
// turning that panic into an error, as bytes.Buffer turns it into
// ErrTooLarge, keeps the limit exact on every platform. Below the limit a
// request the machine cannot meet still ends the program, as any
// allocation does.
func makeFloats(what string, n int) (s []float64, err error) {
	defer func() {
		if recover() != nil {
			s, err = nil, fmt.Errorf("%w: %s: %d float64s are more than this platform can allocate", ErrConfig, what, n)
		}
	}()
	return make([]float64, n), nil
}

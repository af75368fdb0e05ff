package asm

import (
	"errors"
	"fmt"
)

// ErrUnsupported is returned by SetImpl for an implementation that this
// machine or build does not have.
var ErrUnsupported = errors.New("asm: implementation not supported here")

// Impl returns the name of the implementation the kernels use now:
// "avx512", "avx2", "neon" or "generic".
func Impl() string { return impl() }

// Impls returns the names of the implementations this machine and build
// support, the one chosen at start-up first and "generic" last.
func Impls() []string { return supported() }

// SetImpl makes every kernel use the named implementation, one of Impls().
// "generic" selects the portable Go code, whose results are bit-identical
// on every machine (see the package documentation). It returns an error
// wrapping ErrUnsupported, and changes nothing, for any other name.
//
// SetImpl is not safe to call concurrently with the kernels or with itself:
// call it before starting work, for instance at the top of main or in
// TestMain.
func SetImpl(name string) error {
	if !setImpl(name) {
		return fmt.Errorf("asm.SetImpl(%q): %w (this machine has %q)", name, ErrUnsupported, supported())
	}
	return nil
}

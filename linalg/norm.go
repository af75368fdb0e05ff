package linalg

import (
	"errors"
	"fmt"
	"math"
)

// ErrTolerance is returned (wrapped with the reason) by Tol.Validate for
// tolerances that error control cannot use.
var ErrTolerance = errors.New("linalg: invalid tolerances")

// NormRMS returns sqrt(Σ x[i]² / len(x)), and 0 for an empty x. It scales
// by the largest magnitude as it goes, so it neither overflows nor
// underflows where the result is representable. Non-finite elements follow
// the package's rule: NaN if any is NaN, else +Inf if any is ±Inf.
func NormRMS(x []float64) float64 {
	var r rmsAcc
	for _, v := range x {
		r.add(v)
	}
	return r.rms(len(x))
}

// NormMax returns max |x[i]|, and 0 for an empty x. A NaN element makes the
// result NaN, wherever it is.
func NormMax(x []float64) float64 {
	var m float64
	for _, v := range x {
		a := math.Abs(v)
		if a > m || a != a {
			if a != a {
				return a
			}
			m = a
		}
	}
	return m
}

// NormRMSRange returns the RMS norm of x[lo:hi], the seminorm over a
// contiguous block of an augmented state (an adjoint solve's state and
// state cotangent, leaving out the parameter cotangent).
func NormRMSRange(x []float64, lo, hi int) float64 {
	if lo < 0 || hi < lo || hi > len(x) {
		panic(fmt.Sprintf("linalg.NormRMSRange: range [%d, %d) outside length %d", lo, hi, len(x)))
	}
	return NormRMS(x[lo:hi])
}

// NormRMSSubset returns the RMS norm of the components of x listed in idx
// (0 for an empty idx), with NormRMS's scaling and non-finite rule. It
// panics when an index is outside x.
func NormRMSSubset(x []float64, idx []int) float64 {
	var r rmsAcc
	for k, i := range idx {
		if uint(i) >= uint(len(x)) {
			panic(fmt.Sprintf("linalg.NormRMSSubset: idx[%d] = %d outside length %d", k, i, len(x)))
		}
		r.add(x[i])
	}
	return r.rms(len(idx))
}

// rmsAcc accumulates Σ v² as scale²·ssq with a running scale (the one-pass
// method of the reference BLAS dnrm2), so that it is safe for any
// magnitudes, and keeps non-finite elements out of the sum as flags, so
// that the result does not depend on where they are.
type rmsAcc struct {
	scale, ssq float64
	nan, inf   bool
}

func (r *rmsAcc) add(v float64) {
	a := math.Abs(v)
	switch {
	case a != a:
		r.nan = true
	case a > math.MaxFloat64:
		r.inf = true
	case a == 0:
	case r.scale < a:
		q := r.scale / a
		r.ssq = 1 + r.ssq*q*q
		r.scale = a
	default:
		q := a / r.scale
		r.ssq += q * q
	}
}

// rms returns the RMS of the n values added.
func (r *rmsAcc) rms(n int) float64 {
	switch {
	case r.nan:
		return math.NaN()
	case r.inf:
		return math.Inf(1)
	case r.scale == 0:
		return 0
	}
	// ssq ≤ n, so dividing inside the root cannot overflow where the
	// RMS itself is representable, as √ssq·scale (the 2-norm) can.
	return r.scale * math.Sqrt(r.ssq/float64(n))
}

// Tol holds the relative and absolute tolerances of error control. A
// per-component slice, when non-nil, replaces the scalar of the same kind
// and must have the state's length.
type Tol struct {
	RTol, ATol   float64
	RTols, ATols []float64
}

// Validate reports whether the tolerances are usable for a state of length
// n: finite, non-negative, not both zero in any component, and per-component
// slices of length n.
func (tol Tol) Validate(n int) error {
	if tol.RTols != nil && len(tol.RTols) != n {
		return fmt.Errorf("%w: %d relative tolerances for a state of length %d", ErrTolerance, len(tol.RTols), n)
	}
	if tol.ATols != nil && len(tol.ATols) != n {
		return fmt.Errorf("%w: %d absolute tolerances for a state of length %d", ErrTolerance, len(tol.ATols), n)
	}
	for i := 0; i < n; i++ {
		r, a := tol.r(i), tol.a(i)
		if !(r >= 0) || !(a >= 0) || math.IsInf(r, 0) || math.IsInf(a, 0) {
			return fmt.Errorf("%w: tolerances rtol = %g, atol = %g of component %d are not finite and non-negative", ErrTolerance, r, a, i)
		}
		if r == 0 && a == 0 {
			return fmt.Errorf("%w: rtol and atol of component %d are both zero", ErrTolerance, i)
		}
	}
	return nil
}

// checkLens panics unless the per-component tolerances that are set have
// length n: a longer slice would be read only in part without a word, a
// shorter one past its end.
// Slice returns the tolerances of components lo … hi−1, for a norm that
// measures part of a state (a seminorm): the per-component slices are
// sliced, the scalars kept. It panics, as slicing does, where lo or hi is
// outside a per-component slice.
func (tol Tol) Slice(lo, hi int) Tol {
	if tol.RTols != nil {
		tol.RTols = tol.RTols[lo:hi]
	}
	if tol.ATols != nil {
		tol.ATols = tol.ATols[lo:hi]
	}
	return tol
}

func (tol Tol) checkLens(op string, n int) {
	if tol.RTols != nil && len(tol.RTols) != n {
		panic(fmt.Sprintf("linalg.%s: %d relative tolerances for %d components", op, len(tol.RTols), n))
	}
	if tol.ATols != nil && len(tol.ATols) != n {
		panic(fmt.Sprintf("linalg.%s: %d absolute tolerances for %d components", op, len(tol.ATols), n))
	}
}

func (tol Tol) r(i int) float64 {
	if tol.RTols != nil {
		return tol.RTols[i]
	}
	return tol.RTol
}

func (tol Tol) a(i int) float64 {
	if tol.ATols != nil {
		return tol.ATols[i]
	}
	return tol.ATol
}

// ScaledRMS returns sqrt(1/n Σ (e_i/sc_i)²) with sc_i = atol_i +
// rtol_i·max(|y0_i|, |y1_i|): the error norm of Hairer's DOPRI5. All
// slices, RTols and ATols too when set, have the same length n (it panics
// otherwise, naming both lengths); the result is 0 for n = 0. A component
// with e_i = 0 contributes 0 even where sc_i = 0 (atol_i = 0, which
// Validate allows, and a component that is 0 at both ends), where the
// division alone would give NaN. The ratios follow the package's
// non-finite rule (a NaN state makes its ratio NaN; an infinite one makes
// sc_i infinite, and the ratio 0 for a finite e_i). The squares are not
// rescaled: a ratio above about 1e154 makes the result +Inf, and ratios
// below about 1e-154 lose relative precision (the result is off by at most
// 2⁻⁵³⁷ absolute), where a step is rejected or accepted whatever the exact
// value.
func (tol Tol) ScaledRMS(e, y0, y1 []float64) float64 {
	n := len(e)
	checkLen("Tol.ScaledRMS", n, len(y0))
	checkLen("Tol.ScaledRMS", n, len(y1))
	tol.checkLens("Tol.ScaledRMS", n)
	if n == 0 {
		return 0
	}
	var s float64
	if tol.RTols == nil && tol.ATols == nil {
		rt, at := tol.RTol, tol.ATol
		for i := range e {
			sc := at + rt*math.Max(math.Abs(y0[i]), math.Abs(y1[i]))
			v := scaled(e[i], sc)
			s += v * v
		}
	} else {
		for i := range e {
			sc := tol.a(i) + tol.r(i)*math.Max(math.Abs(y0[i]), math.Abs(y1[i]))
			v := scaled(e[i], sc)
			s += v * v
		}
	}
	return math.Sqrt(s / float64(n))
}

// ScaledMax returns max |e_i|/sc_i with sc_i as in ScaledRMS, a component
// with e_i = 0 counting as 0 and non-finite ratios following the rule as
// there.
func (tol Tol) ScaledMax(e, y0, y1 []float64) float64 {
	n := len(e)
	checkLen("Tol.ScaledMax", n, len(y0))
	checkLen("Tol.ScaledMax", n, len(y1))
	tol.checkLens("Tol.ScaledMax", n)
	var m float64
	for i := range e {
		sc := tol.a(i) + tol.r(i)*math.Max(math.Abs(y0[i]), math.Abs(y1[i]))
		v := math.Abs(scaled(e[i], sc))
		if v > m || v != v {
			if v != v {
				return v
			}
			m = v
		}
	}
	return m
}

// scaled returns e/sc, and 0 for e = sc = 0: a zero error is within any
// tolerance, including the zero scale of a component that is 0 under a
// purely relative tolerance, where the division would give NaN. A NaN
// scale (from a NaN state) still gives NaN.
func scaled(e, sc float64) float64 {
	if e == 0 && sc == 0 {
		return 0
	}
	return e / sc
}

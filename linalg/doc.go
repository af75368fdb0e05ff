// Package linalg is the vector and matrix API the rest of nde calls:
// vectors are []float64, matrices are row-major flat slices with an explicit
// shape, and the norms an adaptive solver's error control needs are here.
//
// The heavy operations forward to package asm, which picks an assembly
// kernel for the CPU at start-up. Mismatched lengths are programming errors
// and panic with a message naming both lengths, as the standard library and
// gonum do; nothing is ever written out of bounds.
//
// Error norms follow Hairer, Nørsett and Wanner, Solving Ordinary
// Differential Equations I (2nd ed., 1993), eq. (II.4.11): the error
// estimate e of a step from y0 to y1 is measured componentwise against
// sc_i = atol_i + rtol_i·max(|y0_i|, |y1_i|), and the step is accepted when
// the RMS (or max) of e_i/sc_i is at most 1.
//
// Every norm here treats non-finite elements by one rule, whatever their
// order: the result is NaN if any element is NaN, and otherwise +Inf if
// any is ±Inf. For the scaled norms the elements are the ratios e_i/sc_i.
// So a step whose error estimate went NaN is never accepted by comparing
// the norm with 1, and never mistaken for one that merely overflowed.
package linalg

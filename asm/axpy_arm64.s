//go:build !purego

#include "textflag.h"

// y += a·x with y[i] = fma(a, x[i], y[i]), eight elements per iteration,
// then two, then a last odd one with the scalar FMADD.
//
// Registers: R0 x, R1 y, R2 elements left, V0 a in both lanes.

// func axpyNEON(a float64, x, y []float64)
// Requires: ASIMD
TEXT ·axpyNEON(SB), NOSPLIT, $0-56
	FMOVD a+0(FP), F0
	VDUP  V0.D[0], V0.D2
	MOVD  x_base+8(FP), R0
	MOVD  x_len+16(FP), R2
	MOVD  y_base+32(FP), R1
	CMP   $8, R2
	BLT   step

loop:
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1   (R1), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V0.D2, V16.D2, V20.D2
	VFMLA  V0.D2, V17.D2, V21.D2
	VFMLA  V0.D2, V18.D2, V22.D2
	VFMLA  V0.D2, V19.D2, V23.D2
	VST1.P [V20.D2, V21.D2, V22.D2, V23.D2], 64(R1)
	SUB    $8, R2
	CMP    $8, R2
	BGE    loop

step:
	CMP    $2, R2
	BLT    tail
	VLD1.P 16(R0), [V16.D2]
	VLD1   (R1), [V20.D2]
	VFMLA  V0.D2, V16.D2, V20.D2
	VST1.P [V20.D2], 16(R1)
	SUB    $2, R2
	B      step

tail:
	CBZ    R2, done
	FMOVD  (R0), F16
	FMOVD  (R1), F20
	FMADDD F0, F20, F16, F20
	FMOVD  F20, (R1)

done:
	RET

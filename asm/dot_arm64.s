//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// Σ x[i]·y[i] with eight two-lane accumulators (V0–V7), sixteen elements per
// iteration, so that eight FMLAs are in flight; then two elements at a time
// into V0, and a last odd element, loaded into lane 0 of a zeroed register,
// into V1. The accumulators are added pairwise and the two lanes at the
// end.
//
// Registers: R0 x, R1 y, R2 elements left.

// func dotNEON(x, y []float64) float64
// Requires: ASIMD
TEXT ·dotNEON(SB), NOSPLIT, $0-56
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	MOVD y_base+24(FP), R1
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	CMP  $16, R2
	BLT  step

loop:
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R1), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R0), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1.P 64(R1), [V28.D2, V29.D2, V30.D2, V31.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	VFMLA  V24.D2, V28.D2, V4.D2
	VFMLA  V25.D2, V29.D2, V5.D2
	VFMLA  V26.D2, V30.D2, V6.D2
	VFMLA  V27.D2, V31.D2, V7.D2
	SUB    $16, R2
	CMP    $16, R2
	BGE    loop

step:
	CMP    $2, R2
	BLT    tail
	VLD1.P 16(R0), [V16.D2]
	VLD1.P 16(R1), [V20.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	SUB    $2, R2
	B      step

tail:
	CBZ   R2, sum
	FMOVD (R0), F16 // lane 1 of V16 and V20 cleared
	FMOVD (R1), F20
	VFMLA V16.D2, V20.D2, V1.D2

sum:
	VFADD2D(4, 0, 0)
	VFADD2D(5, 1, 1)
	VFADD2D(6, 2, 2)
	VFADD2D(7, 3, 3)
	VFADD2D(1, 0, 0)
	VFADD2D(3, 2, 2)
	VFADD2D(2, 0, 0)
	FADDPD(0, 0)
	FMOVD F0, ret+48(FP)
	RET

//go:build !purego

#include "textflag.h"

// W += alpha·a·xᵀ: row i gets w[i][j] = fma(s, x[j], w[i][j]) with
// s = alpha·a[i] rounded first, as the generic code does; eight elements
// per iteration, then two, then a last odd one with the scalar FMADD.
//
// Registers: R0 rows left, R1 n, R2 row pointer, R3 x, R4 a, R6 x pointer,
// R7 columns left, F1 alpha, V0 s in both lanes.

// func gerNEON(m, n int, alpha float64, a, x, w []float64)
// Requires: ASIMD
TEXT ·gerNEON(SB), NOSPLIT, $0-96
	MOVD  m+0(FP), R0
	MOVD  n+8(FP), R1
	FMOVD alpha+16(FP), F1
	MOVD  a_base+24(FP), R4
	MOVD  x_base+48(FP), R3
	MOVD  w_base+72(FP), R2

row:
	CBZ     R0, done
	FMOVD.P 8(R4), F2
	FMULD   F1, F2, F0
	VDUP    V0.D[0], V0.D2
	MOVD    R3, R6
	MOVD    R1, R7
	CMP     $8, R7
	BLT     step

loop:
	VLD1.P 64(R6), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1   (R2), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V0.D2, V16.D2, V20.D2
	VFMLA  V0.D2, V17.D2, V21.D2
	VFMLA  V0.D2, V18.D2, V22.D2
	VFMLA  V0.D2, V19.D2, V23.D2
	VST1.P [V20.D2, V21.D2, V22.D2, V23.D2], 64(R2)
	SUB    $8, R7
	CMP    $8, R7
	BGE    loop

step:
	CMP    $2, R7
	BLT    tail
	VLD1.P 16(R6), [V16.D2]
	VLD1   (R2), [V20.D2]
	VFMLA  V0.D2, V16.D2, V20.D2
	VST1.P [V20.D2], 16(R2)
	SUB    $2, R7
	B      step

tail:
	CBZ     R7, next
	FMOVD   (R6), F16
	FMOVD   (R2), F20
	FMADDD  F0, F20, F16, F20
	FMOVD.P F20, 8(R2)

next:
	SUB $1, R0
	B   row

done:
	RET

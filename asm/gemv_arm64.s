//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// y = W x (or y += W x) for a row-major m×n matrix W. Four rows at a time,
// four accumulators each: sixteen FMLAs in flight, what cores with four
// vector pipes of latency four need (Apple M-series, Neoverse V1/V2), and
// one load of x feeds four FMLAs. The pairwise FADDP then leaves [Σrow0,
// Σrow1] and [Σrow2, Σrow3] in two registers, stored with one instruction. An odd last
// column is loaded into lane 0 of zeroed registers. Leftover rows go one at
// a time with four accumulators.
//
// Registers: R0 rows left, R1 n, R2 next row, R3 x, R4 y, R5 add,
// R6–R9 the block's rows, R10 x pointer, R11 columns left, R12 row stride.

// func gemvNEON(m, n int, w, x, y []float64, add bool)
// Requires: ASIMD
TEXT ·gemvNEON(SB), NOSPLIT, $0-89
	MOVD  m+0(FP), R0
	MOVD  n+8(FP), R1
	MOVD  w_base+16(FP), R2
	MOVD  x_base+40(FP), R3
	MOVD  y_base+64(FP), R4
	MOVBU add+88(FP), R5
	LSL   $3, R1, R12

rows4:
	CMP  $4, R0
	BLT  rows1
	MOVD R2, R6
	ADD  R12, R6, R7
	ADD  R12, R7, R8
	ADD  R12, R8, R9
	ADD  R12, R9, R2
	MOVD R3, R10
	MOVD R1, R11
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	CMP  $8, R11
	BLT  step4

loop4:
	VLD1.P 64(R10), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R7), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V4.D2
	VFMLA  V18.D2, V22.D2, V8.D2
	VFMLA  V19.D2, V23.D2, V12.D2
	VFMLA  V16.D2, V24.D2, V1.D2
	VFMLA  V17.D2, V25.D2, V5.D2
	VFMLA  V18.D2, V26.D2, V9.D2
	VFMLA  V19.D2, V27.D2, V13.D2
	VLD1.P 64(R8), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R9), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V2.D2
	VFMLA  V17.D2, V21.D2, V6.D2
	VFMLA  V18.D2, V22.D2, V10.D2
	VFMLA  V19.D2, V23.D2, V14.D2
	VFMLA  V16.D2, V24.D2, V3.D2
	VFMLA  V17.D2, V25.D2, V7.D2
	VFMLA  V18.D2, V26.D2, V11.D2
	VFMLA  V19.D2, V27.D2, V15.D2
	SUB    $8, R11
	CMP    $8, R11
	BGE    loop4

step4:
	CMP    $2, R11
	BLT    tail4
	VLD1.P 16(R10), [V16.D2]
	VLD1.P 16(R6), [V18.D2]
	VLD1.P 16(R7), [V20.D2]
	VLD1.P 16(R8), [V22.D2]
	VLD1.P 16(R9), [V24.D2]
	VFMLA  V16.D2, V18.D2, V0.D2
	VFMLA  V16.D2, V20.D2, V1.D2
	VFMLA  V16.D2, V22.D2, V2.D2
	VFMLA  V16.D2, V24.D2, V3.D2
	SUB    $2, R11
	B      step4

tail4:
	CBZ   R11, sum4
	FMOVD (R10), F16
	FMOVD (R6), F18
	FMOVD (R7), F20
	FMOVD (R8), F22
	FMOVD (R9), F24
	VFMLA V16.D2, V18.D2, V4.D2
	VFMLA V16.D2, V20.D2, V5.D2
	VFMLA V16.D2, V22.D2, V6.D2
	VFMLA V16.D2, V24.D2, V7.D2

sum4:
	VFADD2D(8, 0, 0)
	VFADD2D(9, 1, 1)
	VFADD2D(10, 2, 2)
	VFADD2D(11, 3, 3)
	VFADD2D(12, 4, 4)
	VFADD2D(13, 5, 5)
	VFADD2D(14, 6, 6)
	VFADD2D(15, 7, 7)
	VFADD2D(4, 0, 0)
	VFADD2D(5, 1, 1)
	VFADD2D(6, 2, 2)
	VFADD2D(7, 3, 3)
	VFADDP2D(1, 0, 0) // [Σrow0, Σrow1]
	VFADDP2D(3, 2, 1) // [Σrow2, Σrow3]
	CBZ  R5, store4
	VLD1 (R4), [V16.D2, V17.D2]
	VFADD2D(16, 0, 0)
	VFADD2D(17, 1, 1)

store4:
	VST1.P [V0.D2, V1.D2], 32(R4)
	SUB    $4, R0
	B      rows4

rows1:
	CBZ  R0, done
	MOVD R2, R6
	ADD  R12, R2, R2
	MOVD R3, R10
	MOVD R1, R11
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	CMP  $8, R11
	BLT  step1

loop1:
	VLD1.P 64(R10), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	SUB    $8, R11
	CMP    $8, R11
	BGE    loop1

step1:
	CMP    $2, R11
	BLT    tail1
	VLD1.P 16(R10), [V16.D2]
	VLD1.P 16(R6), [V20.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	SUB    $2, R11
	B      step1

tail1:
	CBZ   R11, sum1
	FMOVD (R10), F16
	FMOVD (R6), F20
	VFMLA V16.D2, V20.D2, V1.D2

sum1:
	VFADD2D(1, 0, 0)
	VFADD2D(3, 2, 2)
	VFADD2D(2, 0, 0)
	FADDPD(0, 0)
	CBZ     R5, store1
	FMOVD   (R4), F1
	FADDD   F1, F0

store1:
	FMOVD.P F0, 8(R4)
	SUB     $1, R0
	B       rows1

done:
	RET

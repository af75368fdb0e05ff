//go:build !purego

#include "textflag.h"

// y = Wᵀ x (or y += Wᵀ x) for a row-major m×n matrix W. A block of 32
// columns of y lives in sixteen registers for the whole pass over the rows
// (sixteen FMLAs in flight, what cores with four vector pipes of latency
// four need; y loaded and stored once); leftover columns go through blocks
// of sixteen, eight and two, and a last odd column with the scalar FMADD.
// Rows are summed in order, like the generic loop.
//
// Registers: R0 m, R1 columns left, R2 the block's column in row 0, R3 x,
// R4 y, R5 add, R6 row pointer, R7 x pointer, R8 rows left, R12 row
// stride, R13 row stride − 64, R14 row stride − 192.

// func gemvTNEON(m, n int, w, x, y []float64, add bool)
// Requires: ASIMD
TEXT ·gemvTNEON(SB), NOSPLIT, $0-89
	MOVD  m+0(FP), R0
	MOVD  n+8(FP), R1
	MOVD  w_base+16(FP), R2
	MOVD  x_base+40(FP), R3
	MOVD  y_base+64(FP), R4
	MOVBU add+88(FP), R5
	LSL   $3, R1, R12
	SUB   $64, R12, R13
	SUB   $192, R12, R14

cols32:
	CMP  $32, R1
	BLT  cols16
	CBZ  R5, zero32
	MOVD R4, R9
	VLD1.P 64(R9), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R9), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1.P 64(R9), [V8.D2, V9.D2, V10.D2, V11.D2]
	VLD1   (R9), [V12.D2, V13.D2, V14.D2, V15.D2]
	B    rows32

zero32:
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

rows32:
	MOVD R2, R6
	MOVD R3, R7
	MOVD R0, R8
	CBZ  R8, store32

loop32:
	VLD1R.P 8(R7), [V31.D2]
	VLD1.P  64(R6), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P  64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA   V31.D2, V16.D2, V0.D2
	VFMLA   V31.D2, V17.D2, V1.D2
	VFMLA   V31.D2, V18.D2, V2.D2
	VFMLA   V31.D2, V19.D2, V3.D2
	VFMLA   V31.D2, V20.D2, V4.D2
	VFMLA   V31.D2, V21.D2, V5.D2
	VFMLA   V31.D2, V22.D2, V6.D2
	VFMLA   V31.D2, V23.D2, V7.D2
	VLD1.P  64(R6), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1    (R6), [V16.D2, V17.D2, V18.D2, V19.D2]
	ADD     R14, R6
	VFMLA   V31.D2, V24.D2, V8.D2
	VFMLA   V31.D2, V25.D2, V9.D2
	VFMLA   V31.D2, V26.D2, V10.D2
	VFMLA   V31.D2, V27.D2, V11.D2
	VFMLA   V31.D2, V16.D2, V12.D2
	VFMLA   V31.D2, V17.D2, V13.D2
	VFMLA   V31.D2, V18.D2, V14.D2
	VFMLA   V31.D2, V19.D2, V15.D2
	SUBS    $1, R8
	BNE     loop32

store32:
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R4)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(R4)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(R4)
	VST1.P [V12.D2, V13.D2, V14.D2, V15.D2], 64(R4)
	ADD    $256, R2
	SUB    $32, R1
	B      cols32

cols16:
	CMP  $16, R1
	BLT  cols8
	CBZ  R5, zero16
	VLD1 (R4), [V0.D2, V1.D2, V2.D2, V3.D2]
	ADD  $64, R4, R9
	VLD1 (R9), [V4.D2, V5.D2, V6.D2, V7.D2]
	B    rows16

zero16:
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16

rows16:
	MOVD R2, R6
	MOVD R3, R7
	MOVD R0, R8
	CBZ  R8, store16

loop16:
	VLD1R.P 8(R7), [V16.D2]
	VLD1.P  64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1    (R6), [V24.D2, V25.D2, V26.D2, V27.D2]
	ADD     R13, R6
	VFMLA   V16.D2, V20.D2, V0.D2
	VFMLA   V16.D2, V21.D2, V1.D2
	VFMLA   V16.D2, V22.D2, V2.D2
	VFMLA   V16.D2, V23.D2, V3.D2
	VFMLA   V16.D2, V24.D2, V4.D2
	VFMLA   V16.D2, V25.D2, V5.D2
	VFMLA   V16.D2, V26.D2, V6.D2
	VFMLA   V16.D2, V27.D2, V7.D2
	SUBS    $1, R8
	BNE     loop16

store16:
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R4)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(R4)
	ADD    $128, R2
	SUB    $16, R1

cols8:
	CMP  $8, R1
	BLT  cols2
	CBZ  R5, zero8
	VLD1 (R4), [V0.D2, V1.D2, V2.D2, V3.D2]
	B    rows8

zero8:
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16

rows8:
	MOVD R2, R6
	MOVD R3, R7
	MOVD R0, R8
	CBZ  R8, store8

loop8:
	VLD1R.P 8(R7), [V16.D2]
	VLD1    (R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	ADD     R12, R6
	VFMLA   V16.D2, V20.D2, V0.D2
	VFMLA   V16.D2, V21.D2, V1.D2
	VFMLA   V16.D2, V22.D2, V2.D2
	VFMLA   V16.D2, V23.D2, V3.D2
	SUBS    $1, R8
	BNE     loop8

store8:
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R4)
	ADD    $64, R2
	SUB    $8, R1

cols2:
	CMP  $2, R1
	BLT  cols1
	VEOR V0.B16, V0.B16, V0.B16
	CBZ  R5, rows2
	VLD1 (R4), [V0.D2]

rows2:
	MOVD R2, R6
	MOVD R3, R7
	MOVD R0, R8
	CBZ  R8, store2

loop2:
	VLD1R.P 8(R7), [V16.D2]
	VLD1    (R6), [V20.D2]
	ADD     R12, R6
	VFMLA   V16.D2, V20.D2, V0.D2
	SUBS    $1, R8
	BNE     loop2

store2:
	VST1.P [V0.D2], 16(R4)
	ADD    $16, R2
	SUB    $2, R1
	B      cols2

cols1:
	CBZ   R1, done
	FMOVD $0, F0
	CBZ   R5, rows1
	FMOVD (R4), F0

rows1:
	MOVD R2, R6
	MOVD R3, R7
	MOVD R0, R8
	CBZ  R8, store1

loop1:
	FMOVD.P 8(R7), F16
	FMOVD   (R6), F20
	ADD     R12, R6
	FMADDD  F16, F0, F20, F0
	SUBS    $1, R8
	BNE     loop1

store1:
	FMOVD F0, (R4)

done:
	RET

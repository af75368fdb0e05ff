//go:build !purego

#include "textflag.h"

// out = y + Σₛ c[s]·k[off[s] : off[s]+n] over the nonzero stages gathered
// by the Go caller. Eight columns at a time: the chunk of y is loaded once,
// each stage adds its term with one FMLA per register, in stage order, and
// the chunk is stored once, so out may alias y. Then two columns at a
// time, then a last odd one with the scalar FMADD.
//
// Registers: R0 out, R1 y, R2 k, R3 c, R4 number of stages, R5 off,
// R6 columns left, R7 byte offset of the chunk, R8 stage index,
// R9 the stage's chunk.

// func combineNEON(out, y, k, c []float64, off []int)
// Requires: ASIMD
TEXT ·combineNEON(SB), NOSPLIT, $0-120
	MOVD out_base+0(FP), R0
	MOVD out_len+8(FP), R6
	MOVD y_base+24(FP), R1
	MOVD k_base+48(FP), R2
	MOVD c_base+72(FP), R3
	MOVD c_len+80(FP), R4
	MOVD off_base+96(FP), R5
	MOVD ZR, R7

chunk8:
	CMP    $8, R6
	BLT    chunk2
	VLD1.P 64(R1), [V0.D2, V1.D2, V2.D2, V3.D2]
	MOVD   ZR, R8

stage8:
	CMP   R4, R8
	BGE   store8
	MOVD  (R5)(R8<<3), R9
	ADD   R9<<3, R2, R9
	ADD   R7, R9, R9
	VLD1  (R9), [V4.D2, V5.D2, V6.D2, V7.D2]
	FMOVD (R3)(R8<<3), F16
	VDUP  V16.D[0], V16.D2
	VFMLA V16.D2, V4.D2, V0.D2
	VFMLA V16.D2, V5.D2, V1.D2
	VFMLA V16.D2, V6.D2, V2.D2
	VFMLA V16.D2, V7.D2, V3.D2
	ADD   $1, R8
	B     stage8

store8:
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R0)
	ADD    $64, R7
	SUB    $8, R6
	B      chunk8

chunk2:
	CMP    $2, R6
	BLT    tail
	VLD1.P 16(R1), [V0.D2]
	MOVD   ZR, R8

stage2:
	CMP   R4, R8
	BGE   store2
	MOVD  (R5)(R8<<3), R9
	ADD   R9<<3, R2, R9
	ADD   R7, R9, R9
	VLD1  (R9), [V4.D2]
	FMOVD (R3)(R8<<3), F16
	VDUP  V16.D[0], V16.D2
	VFMLA V16.D2, V4.D2, V0.D2
	ADD   $1, R8
	B     stage2

store2:
	VST1.P [V0.D2], 16(R0)
	ADD    $16, R7
	SUB    $2, R6
	B      chunk2

tail:
	CBZ   R6, done
	FMOVD (R1), F0
	MOVD  ZR, R8

stage1:
	CMP    R4, R8
	BGE    store1
	MOVD   (R5)(R8<<3), R9
	ADD    R9<<3, R2, R9
	ADD    R7, R9, R9
	FMOVD  (R9), F4
	FMOVD  (R3)(R8<<3), F16
	FMADDD F16, F0, F4, F0
	ADD    $1, R8
	B      stage1

store1:
	FMOVD F0, (R0)

done:
	RET

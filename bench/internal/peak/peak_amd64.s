//go:build !purego

#include "textflag.h"

// acc = acc·a + b with a = 0.999999 and b = 1e-6, so every accumulator
// stays near 1 and never becomes subnormal.
DATA peakA<>+0(SB)/8, $0.999999
GLOBL peakA<>(SB), RODATA|NOPTR, $8
DATA peakB<>+0(SB)/8, $1e-6
GLOBL peakB<>(SB), RODATA|NOPTR, $8

#define FMA12(a, b, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11) \
	VFMADD213PD b, a, r0;  \
	VFMADD213PD b, a, r1;  \
	VFMADD213PD b, a, r2;  \
	VFMADD213PD b, a, r3;  \
	VFMADD213PD b, a, r4;  \
	VFMADD213PD b, a, r5;  \
	VFMADD213PD b, a, r6;  \
	VFMADD213PD b, a, r7;  \
	VFMADD213PD b, a, r8;  \
	VFMADD213PD b, a, r9;  \
	VFMADD213PD b, a, r10; \
	VFMADD213PD b, a, r11

// func fmaAVX512(iters int)
// Requires: AVX512F
TEXT ·fmaAVX512(SB), NOSPLIT, $0-8
	MOVQ         iters+0(FP), CX
	VBROADCASTSD peakA<>(SB), Z30
	VBROADCASTSD peakB<>(SB), Z31
	VMOVAPD      Z31, Z0
	VMOVAPD      Z31, Z1
	VMOVAPD      Z31, Z2
	VMOVAPD      Z31, Z3
	VMOVAPD      Z31, Z4
	VMOVAPD      Z31, Z5
	VMOVAPD      Z31, Z6
	VMOVAPD      Z31, Z7
	VMOVAPD      Z31, Z8
	VMOVAPD      Z31, Z9
	VMOVAPD      Z31, Z10
	VMOVAPD      Z31, Z11
	TESTQ        CX, CX
	JZ           zdone

zloop:
	FMA12(Z30, Z31, Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11)
	DECQ CX
	JNZ  zloop

zdone:
	VZEROUPPER
	RET

// func fmaAVX2(iters int)
// Requires: AVX, FMA
TEXT ·fmaAVX2(SB), NOSPLIT, $0-8
	MOVQ         iters+0(FP), CX
	VBROADCASTSD peakA<>(SB), Y14
	VBROADCASTSD peakB<>(SB), Y15
	VMOVAPD      Y15, Y0
	VMOVAPD      Y15, Y1
	VMOVAPD      Y15, Y2
	VMOVAPD      Y15, Y3
	VMOVAPD      Y15, Y4
	VMOVAPD      Y15, Y5
	VMOVAPD      Y15, Y6
	VMOVAPD      Y15, Y7
	VMOVAPD      Y15, Y8
	VMOVAPD      Y15, Y9
	VMOVAPD      Y15, Y10
	VMOVAPD      Y15, Y11
	TESTQ        CX, CX
	JZ           done

loop:
	FMA12(Y14, Y15, Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11)
	DECQ CX
	JNZ  loop

done:
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

// Σ x[i]·y[i]. Every FMA needs two loads, so the loads (two per cycle)
// bound the speed at one vector FMA per cycle; eight accumulators (AVX2) or
// four (AVX-512, whose FMA is one per cycle on Zen 4) keep that many in
// flight. The accumulators are added pairwise at the end; the last n mod 4
// (n mod 8) elements go through masked loads.
//
// Registers: SI end of x, DI end of y, CX index (negative, counting up to 0).

// func dotAVX2(x, y []float64) float64
// Requires: AVX, AVX2, FMA
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	LEAQ   (SI)(CX*8), SI
	LEAQ   (DI)(CX*8), DI
	NEGQ   CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	CMPQ   CX, $-32
	JGT    step

loop:
	VMOVUPD     (SI)(CX*8), Y8
	VMOVUPD     32(SI)(CX*8), Y9
	VMOVUPD     64(SI)(CX*8), Y10
	VMOVUPD     96(SI)(CX*8), Y11
	VFMADD231PD (DI)(CX*8), Y8, Y0
	VFMADD231PD 32(DI)(CX*8), Y9, Y1
	VFMADD231PD 64(DI)(CX*8), Y10, Y2
	VFMADD231PD 96(DI)(CX*8), Y11, Y3
	VMOVUPD     128(SI)(CX*8), Y8
	VMOVUPD     160(SI)(CX*8), Y9
	VMOVUPD     192(SI)(CX*8), Y10
	VMOVUPD     224(SI)(CX*8), Y11
	VFMADD231PD 128(DI)(CX*8), Y8, Y4
	VFMADD231PD 160(DI)(CX*8), Y9, Y5
	VFMADD231PD 192(DI)(CX*8), Y10, Y6
	VFMADD231PD 224(DI)(CX*8), Y11, Y7
	ADDQ        $32, CX
	CMPQ        CX, $-32
	JLE         loop

step:
	CMPQ        CX, $-4
	JGT         tail
	VMOVUPD     (SI)(CX*8), Y8
	VFMADD231PD (DI)(CX*8), Y8, Y0
	ADDQ        $4, CX
	JMP         step

tail:
	TESTQ       CX, CX
	JZ          sum
	LEAQ        ·ymmMask+32(SB), AX
	VMOVUPD     (AX)(CX*8), Y15
	VMASKMOVPD  (SI)(CX*8), Y15, Y8
	VMASKMOVPD  (DI)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y8, Y1

sum:
	VADDPD       Y4, Y0, Y0
	VADDPD       Y5, Y1, Y1
	VADDPD       Y6, Y2, Y2
	VADDPD       Y7, Y3, Y3
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	VMOVSD       X0, ret+48(FP)
	VZEROUPPER
	RET

// func dotAVX512(x, y []float64) float64
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·dotAVX512(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	LEAQ   (SI)(CX*8), SI
	LEAQ   (DI)(CX*8), DI
	NEGQ   CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	CMPQ   CX, $-32
	JGT    zstep

zloop:
	VMOVUPD     (SI)(CX*8), Z8
	VMOVUPD     64(SI)(CX*8), Z9
	VMOVUPD     128(SI)(CX*8), Z10
	VMOVUPD     192(SI)(CX*8), Z11
	VFMADD231PD (DI)(CX*8), Z8, Z0
	VFMADD231PD 64(DI)(CX*8), Z9, Z1
	VFMADD231PD 128(DI)(CX*8), Z10, Z2
	VFMADD231PD 192(DI)(CX*8), Z11, Z3
	ADDQ        $32, CX
	CMPQ        CX, $-32
	JLE         zloop

zstep:
	CMPQ        CX, $-8
	JGT         ztail
	VMOVUPD     (SI)(CX*8), Z8
	VFMADD231PD (DI)(CX*8), Z8, Z0
	ADDQ        $8, CX
	JMP         zstep

ztail:
	TESTQ       CX, CX
	JZ          zsum
	MOVQ        CX, AX
	NEGQ        AX
	LEAQ        ·kMask(SB), DX
	KMOVW       (DX)(AX*2), K1
	VMOVUPD.Z   (SI)(CX*8), K1, Z8
	VFMADD231PD (DI)(CX*8), Z8, K1, Z1

zsum:
	VADDPD        Z1, Z0, Z0
	VADDPD        Z3, Z2, Z2
	VADDPD        Z2, Z0, Z0
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPD        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VHADDPD       X0, X0, X0
	VMOVSD        X0, ret+48(FP)
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

// y += a·x, one fused multiply–add per element: y[i] = fma(a, x[i], y[i]).
// Each element needs two loads and a store, so the stores bound the speed;
// the loop is unrolled four vectors deep so that the loop overhead hides
// behind them. The last n mod 4 elements go one at a time: masked stores
// (VMASKMOVPD, or a k-masked VMOVUPD) cost some twenty cycles on AMD Zen 4,
// more than three scalar FMAs.
//
// Registers: SI end of x, DI end of y, CX index (negative, counting up to 0).

// func axpyAVX2(a float64, x, y []float64)
// Requires: AVX, AVX2, FMA
TEXT ·axpyAVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI
	LEAQ         (SI)(CX*8), SI
	LEAQ         (DI)(CX*8), DI
	NEGQ         CX
	CMPQ         CX, $-16
	JGT          step

loop:
	VMOVUPD     (SI)(CX*8), Y1
	VMOVUPD     32(SI)(CX*8), Y2
	VMOVUPD     64(SI)(CX*8), Y3
	VMOVUPD     96(SI)(CX*8), Y4
	VFMADD213PD (DI)(CX*8), Y0, Y1
	VFMADD213PD 32(DI)(CX*8), Y0, Y2
	VFMADD213PD 64(DI)(CX*8), Y0, Y3
	VFMADD213PD 96(DI)(CX*8), Y0, Y4
	VMOVUPD     Y1, (DI)(CX*8)
	VMOVUPD     Y2, 32(DI)(CX*8)
	VMOVUPD     Y3, 64(DI)(CX*8)
	VMOVUPD     Y4, 96(DI)(CX*8)
	ADDQ        $16, CX
	CMPQ        CX, $-16
	JLE         loop

step:
	CMPQ        CX, $-4
	JGT         tail
	VMOVUPD     (SI)(CX*8), Y1
	VFMADD213PD (DI)(CX*8), Y0, Y1
	VMOVUPD     Y1, (DI)(CX*8)
	ADDQ        $4, CX
	JMP         step

tail:
	TESTQ       CX, CX
	JZ          done
	VMOVSD      (SI)(CX*8), X1
	VFMADD213SD (DI)(CX*8), X0, X1
	VMOVSD      X1, (DI)(CX*8)
	INCQ        CX
	JMP         tail

done:
	VZEROUPPER
	RET

// func axpyAVX512(a float64, x, y []float64)
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·axpyAVX512(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Z0
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI
	LEAQ         (SI)(CX*8), SI
	LEAQ         (DI)(CX*8), DI
	NEGQ         CX
	CMPQ         CX, $-32
	JGT          zstep

zloop:
	VMOVUPD     (SI)(CX*8), Z1
	VMOVUPD     64(SI)(CX*8), Z2
	VMOVUPD     128(SI)(CX*8), Z3
	VMOVUPD     192(SI)(CX*8), Z4
	VFMADD213PD (DI)(CX*8), Z0, Z1
	VFMADD213PD 64(DI)(CX*8), Z0, Z2
	VFMADD213PD 128(DI)(CX*8), Z0, Z3
	VFMADD213PD 192(DI)(CX*8), Z0, Z4
	VMOVUPD     Z1, (DI)(CX*8)
	VMOVUPD     Z2, 64(DI)(CX*8)
	VMOVUPD     Z3, 128(DI)(CX*8)
	VMOVUPD     Z4, 192(DI)(CX*8)
	ADDQ        $32, CX
	CMPQ        CX, $-32
	JLE         zloop

zstep:
	CMPQ        CX, $-8
	JGT         ztail
	VMOVUPD     (SI)(CX*8), Z1
	VFMADD213PD (DI)(CX*8), Z0, Z1
	VMOVUPD     Z1, (DI)(CX*8)
	ADDQ        $8, CX
	JMP         zstep

ztail:
	CMPQ        CX, $-4
	JGT         zscalar
	VMOVUPD     (SI)(CX*8), Y1
	VFMADD213PD (DI)(CX*8), Y0, Y1
	VMOVUPD     Y1, (DI)(CX*8)
	ADDQ        $4, CX

zscalar:
	TESTQ       CX, CX
	JZ          zdone
	VMOVSD      (SI)(CX*8), X1
	VFMADD213SD (DI)(CX*8), X0, X1
	VMOVSD      X1, (DI)(CX*8)
	INCQ        CX
	JMP         zscalar

zdone:
	VZEROUPPER
	RET

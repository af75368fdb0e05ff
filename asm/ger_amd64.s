//go:build !purego

#include "textflag.h"

// W += alpha·a·xᵀ for a row-major m×n matrix W: row i gets an axpy with the
// coefficient s = alpha·a[i], rounded as the generic code rounds it, and
// then w[i][j] = fma(s, x[j], w[i][j]). Every element of W is loaded and
// stored once; x stays in L1 across the rows. The last n mod 4 columns of
// each row go one at a time rather than through a masked store, which costs
// some twenty cycles on AMD Zen 4.
//
// Registers: R13 rows left, R9 a, SI end of x, DI end of the current row,
// BX n, CX column index (negative, counting up to 0), Y0/Z0 s, X14 alpha.

// func gerAVX2(m, n int, alpha float64, a, x, w []float64)
// Requires: AVX, AVX2, FMA
TEXT ·gerAVX2(SB), NOSPLIT, $0-96
	MOVQ    m+0(FP), R13
	MOVQ    n+8(FP), BX
	VMOVSD  alpha+16(FP), X14
	MOVQ    a_base+24(FP), R9
	MOVQ    x_base+48(FP), SI
	MOVQ    w_base+72(FP), DI
	LEAQ    (SI)(BX*8), SI
	TESTQ   R13, R13
	JZ      done

row:
	LEAQ         (DI)(BX*8), DI
	VMULSD       (R9), X14, X0
	VBROADCASTSD X0, Y0
	MOVQ         BX, CX
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
	JZ          next
	VMOVSD      (SI)(CX*8), X1
	VFMADD213SD (DI)(CX*8), X0, X1
	VMOVSD      X1, (DI)(CX*8)
	INCQ        CX
	JMP         tail

next:
	ADDQ $8, R9
	DECQ R13
	JNZ  row

done:
	VZEROUPPER
	RET

// func gerAVX512(m, n int, alpha float64, a, x, w []float64)
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·gerAVX512(SB), NOSPLIT, $0-96
	MOVQ   m+0(FP), R13
	MOVQ   n+8(FP), BX
	VMOVSD alpha+16(FP), X14
	MOVQ   a_base+24(FP), R9
	MOVQ   x_base+48(FP), SI
	MOVQ   w_base+72(FP), DI
	LEAQ   (SI)(BX*8), SI
	TESTQ  R13, R13
	JZ     zdone

zrow:
	LEAQ         (DI)(BX*8), DI
	VMULSD       (R9), X14, X0
	VBROADCASTSD X0, Z0
	MOVQ         BX, CX
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
	JZ          znext
	VMOVSD      (SI)(CX*8), X1
	VFMADD213SD (DI)(CX*8), X0, X1
	VMOVSD      X1, (DI)(CX*8)
	INCQ        CX
	JMP         zscalar

znext:
	ADDQ $8, R9
	DECQ R13
	JNZ  zrow

zdone:
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

// out = y + Σₛ c[s]·k[off[s] : off[s]+n] over the nonzero stages that the Go
// caller has gathered into c and off (element offsets into k). Columns go
// in chunks of four vectors: the chunk of y is loaded once, every stage adds
// its term with one FMA per vector, in stage order, and the chunk is stored
// once, so out may alias y. The last n mod 4 columns go one at a time
// rather than through a masked store, which costs some twenty cycles on AMD
// Zen 4.
//
// Registers: DI out, SI y, R8 k, R9 c, R10 off, R11 number of stages,
// DX n, CX column index, BX stage index, AX/R12 the stage's row.

// func combineAVX2(out, y, k, c []float64, off []int)
// Requires: AVX, AVX2, FMA
TEXT ·combineAVX2(SB), NOSPLIT, $0-120
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), DX
	MOVQ y_base+24(FP), SI
	MOVQ k_base+48(FP), R8
	MOVQ c_base+72(FP), R9
	MOVQ c_len+80(FP), R11
	MOVQ off_base+96(FP), R10
	XORQ CX, CX

chunk16:
	LEAQ    16(CX), AX
	CMPQ    AX, DX
	JGT     chunk4
	VMOVUPD (SI)(CX*8), Y0
	VMOVUPD 32(SI)(CX*8), Y1
	VMOVUPD 64(SI)(CX*8), Y2
	VMOVUPD 96(SI)(CX*8), Y3
	XORQ    BX, BX

stage16:
	CMPQ         BX, R11
	JGE          store16
	MOVQ         (R10)(BX*8), AX
	LEAQ         (R8)(AX*8), AX
	VBROADCASTSD (R9)(BX*8), Y4
	VFMADD231PD  (AX)(CX*8), Y4, Y0
	VFMADD231PD  32(AX)(CX*8), Y4, Y1
	VFMADD231PD  64(AX)(CX*8), Y4, Y2
	VFMADD231PD  96(AX)(CX*8), Y4, Y3
	INCQ         BX
	JMP          stage16

store16:
	VMOVUPD Y0, (DI)(CX*8)
	VMOVUPD Y1, 32(DI)(CX*8)
	VMOVUPD Y2, 64(DI)(CX*8)
	VMOVUPD Y3, 96(DI)(CX*8)
	ADDQ    $16, CX
	JMP     chunk16

chunk4:
	LEAQ    4(CX), AX
	CMPQ    AX, DX
	JGT     tail
	VMOVUPD (SI)(CX*8), Y0
	XORQ    BX, BX

stage4:
	CMPQ         BX, R11
	JGE          store4
	MOVQ         (R10)(BX*8), AX
	LEAQ         (R8)(AX*8), AX
	VBROADCASTSD (R9)(BX*8), Y4
	VFMADD231PD  (AX)(CX*8), Y4, Y0
	INCQ         BX
	JMP          stage4

store4:
	VMOVUPD Y0, (DI)(CX*8)
	ADDQ    $4, CX
	JMP     chunk4

tail:
	CMPQ   CX, DX
	JGE    done
	VMOVSD (SI)(CX*8), X0
	XORQ   BX, BX

stage1:
	CMPQ        BX, R11
	JGE         store1
	MOVQ        (R10)(BX*8), R12
	LEAQ        (R8)(R12*8), R12
	VMOVSD      (R9)(BX*8), X4
	VFMADD231SD (R12)(CX*8), X4, X0
	INCQ        BX
	JMP         stage1

store1:
	VMOVSD X0, (DI)(CX*8)
	INCQ   CX
	JMP    tail

done:
	VZEROUPPER
	RET

// func combineAVX512(out, y, k, c []float64, off []int)
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·combineAVX512(SB), NOSPLIT, $0-120
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), DX
	MOVQ y_base+24(FP), SI
	MOVQ k_base+48(FP), R8
	MOVQ c_base+72(FP), R9
	MOVQ c_len+80(FP), R11
	MOVQ off_base+96(FP), R10
	XORQ CX, CX

zchunk32:
	LEAQ    32(CX), AX
	CMPQ    AX, DX
	JGT     zchunk8
	VMOVUPD (SI)(CX*8), Z0
	VMOVUPD 64(SI)(CX*8), Z1
	VMOVUPD 128(SI)(CX*8), Z2
	VMOVUPD 192(SI)(CX*8), Z3
	XORQ    BX, BX

zstage32:
	CMPQ         BX, R11
	JGE          zstore32
	MOVQ         (R10)(BX*8), AX
	LEAQ         (R8)(AX*8), AX
	VBROADCASTSD (R9)(BX*8), Z4
	VFMADD231PD  (AX)(CX*8), Z4, Z0
	VFMADD231PD  64(AX)(CX*8), Z4, Z1
	VFMADD231PD  128(AX)(CX*8), Z4, Z2
	VFMADD231PD  192(AX)(CX*8), Z4, Z3
	INCQ         BX
	JMP          zstage32

zstore32:
	VMOVUPD Z0, (DI)(CX*8)
	VMOVUPD Z1, 64(DI)(CX*8)
	VMOVUPD Z2, 128(DI)(CX*8)
	VMOVUPD Z3, 192(DI)(CX*8)
	ADDQ    $32, CX
	JMP     zchunk32

zchunk8:
	LEAQ    8(CX), AX
	CMPQ    AX, DX
	JGT     zchunk4
	VMOVUPD (SI)(CX*8), Z0
	XORQ    BX, BX

zstage8:
	CMPQ         BX, R11
	JGE          zstore8
	MOVQ         (R10)(BX*8), AX
	LEAQ         (R8)(AX*8), AX
	VBROADCASTSD (R9)(BX*8), Z4
	VFMADD231PD  (AX)(CX*8), Z4, Z0
	INCQ         BX
	JMP          zstage8

zstore8:
	VMOVUPD Z0, (DI)(CX*8)
	ADDQ    $8, CX
	JMP     zchunk8

zchunk4:
	LEAQ    4(CX), AX
	CMPQ    AX, DX
	JGT     ztail
	VMOVUPD (SI)(CX*8), Y0
	XORQ    BX, BX

zstage4:
	CMPQ         BX, R11
	JGE          zstore4
	MOVQ         (R10)(BX*8), AX
	LEAQ         (R8)(AX*8), AX
	VBROADCASTSD (R9)(BX*8), Y4
	VFMADD231PD  (AX)(CX*8), Y4, Y0
	INCQ         BX
	JMP          zstage4

zstore4:
	VMOVUPD Y0, (DI)(CX*8)
	ADDQ    $4, CX

ztail:
	CMPQ   CX, DX
	JGE    zdone
	VMOVSD (SI)(CX*8), X0
	XORQ   BX, BX

zstage1:
	CMPQ        BX, R11
	JGE         zstore1
	MOVQ        (R10)(BX*8), R12
	LEAQ        (R8)(R12*8), R12
	VMOVSD      (R9)(BX*8), X4
	VFMADD231SD (R12)(CX*8), X4, X0
	INCQ        BX
	JMP         zstage1

zstore1:
	VMOVSD X0, (DI)(CX*8)
	INCQ   CX
	JMP    ztail

zdone:
	VZEROUPPER
	RET

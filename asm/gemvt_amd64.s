//go:build !purego

#include "textflag.h"

// y = Wᵀ x (or y += Wᵀ x) for a row-major m×n matrix W: y[j] = Σᵢ x[i] W[i][j].
//
// The columns are cut into blocks whose slice of y lives in registers for
// the whole pass over the rows: y is loaded (or zeroed) once and stored once
// per block, and each row costs one broadcast of x[i] and one FMA per vector
// of the block, with W as the memory operand. The widest block (8 vectors:
// 32 columns for AVX2, 64 for AVX-512) gives eight independent chains, which
// is what two FMA pipes of latency four need. The leftover columns go
// through narrower blocks (4, 2 and 1 vectors, then a masked vector for the
// last n mod 4 or n mod 8 columns); those run two rows per iteration into
// two sets of accumulators, added at the end, so that they keep at least
// two chains per vector.
//
// The widest block sums the rows in order, like the generic loop; the
// narrow ones sum even and odd rows apart.
//
// Beyond 32 KiB (the L1 cache of most cores) W comes from L2, and the AVX2
// kernel cuts the rows into strips of eight: each strip takes every block
// of 32 columns in turn, loading its slice of y, adding the strip's eight
// rows and storing it, so that every row is read front to back in 256-byte
// pieces, eight rows at a time, which the prefetchers follow. A sweep of
// one block over all the rows instead reads each row's next piece only
// after the other rows' pieces; that is as fast up to 64 rows, except
// where the row stride is a power of two and the rows' pieces fall into a
// few cache sets. So strips are used above 64 rows, and for n a power of
// two. On Zen 3, AVX2: n = 128, 25.2 against 20.8 GFLOP/s; n = 256, 22.4
// against 18.1; m = 64, n = 512, 21.8 against 18.3; m = 48, n = 700, 20.5
// against 23.4, hence the 64 rows. The rows are still summed in order.
//
// A matrix larger than 1 MiB, beyond the L2 cache of most cores, would be
// swept in strips of 32 or 64 columns, a pattern the prefetchers serve
// poorly from L3. It streams instead: four rows at a time, in order, each
// chunk of y (which stays in L1) loaded, given the four rows' terms and
// stored (on Zen 4, n = 512: AVX2 22 against 17 GFLOP/s). The rows are then
// summed in order, like the generic loop.
//
// Registers: SI end of x, AX minus the number of rows, BX row stride,
// DI the block's column in row 0, DX the block's slice of y, CX columns
// left, R8 row pointer, R9 row index (negative, counting up to zero).

// GTNEXT1 steps R8 and R9 by one row; the flags tell whether R9 reached 0.
#define GTNEXT1 \
	ADDQ BX, R8; \
	INCQ R9

// GTNEXT2 steps R8 and R9 by two rows.
#define GTNEXT2 \
	LEAQ (R8)(BX*2), R8; \
	ADDQ $2, R9

// func gemvTAVX2(m, n int, w, x, y []float64, add bool)
// Requires: AVX, AVX2, FMA
TEXT ·gemvTAVX2(SB), NOSPLIT, $0-89
	MOVQ  m+0(FP), AX
	MOVQ  n+8(FP), CX
	MOVQ  AX, R10
	IMULQ CX, R10
	CMPQ  R10, $131072 // 1 MiB of float64
	JGT   stream
	MOVQ w_base+16(FP), DI
	MOVQ x_base+40(FP), SI
	MOVQ y_base+64(FP), DX
	LEAQ (SI)(AX*8), SI
	NEGQ AX
	LEAQ (CX*8), BX
	CMPQ R10, $4096 // 32 KiB of float64
	JLE  cols32
	CMPQ CX, $32
	JLT  cols32
	CMPQ AX, $-8
	JGE  cols32      // a single strip: the sweep below is the same
	CMPQ AX, $-64
	JLT  strips
	LEAQ -1(CX), R11
	TESTQ CX, R11
	JNZ  cols32      // 64 rows or fewer, n not a power of two

// The strips (see above). Registers: R10 the strip's first row index and
// R11 its end (negative, counting up to zero, like R9), DI the strip's
// first row, R12 the chunk's column in that row, R13 the chunk of y, CX
// columns left for the strip's chunks, R14 the columns in whole chunks.
strips:
	MOVQ AX, R10
	MOVQ CX, R14
	ANDQ $-32, R14

strip:
	LEAQ    8(R10), R11
	XORL    R9, R9
	TESTQ   R11, R11
	CMOVQGT R9, R11 // the last strip may be shorter
	MOVQ    DI, R12
	MOVQ    DX, R13
	MOVQ    R14, CX

chunk:
	CMPQ    R10, AX
	JNE     sload   // later strips add to what the earlier ones stored
	CMPB    add+88(FP), $0
	JEQ     szero

sload:
	VMOVUPD (R13), Y0
	VMOVUPD 32(R13), Y1
	VMOVUPD 64(R13), Y2
	VMOVUPD 96(R13), Y3
	VMOVUPD 128(R13), Y4
	VMOVUPD 160(R13), Y5
	VMOVUPD 192(R13), Y6
	VMOVUPD 224(R13), Y7
	JMP     srows

szero:
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

srows:
	MOVQ R12, R8
	MOVQ R10, R9

sloop:
	VBROADCASTSD (SI)(R9*8), Y8
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1
	VFMADD231PD  64(R8), Y8, Y2
	VFMADD231PD  96(R8), Y8, Y3
	VFMADD231PD  128(R8), Y8, Y4
	VFMADD231PD  160(R8), Y8, Y5
	VFMADD231PD  192(R8), Y8, Y6
	VFMADD231PD  224(R8), Y8, Y7
	ADDQ         BX, R8
	INCQ         R9
	CMPQ         R9, R11
	JLT          sloop
	VMOVUPD      Y0, (R13)
	VMOVUPD      Y1, 32(R13)
	VMOVUPD      Y2, 64(R13)
	VMOVUPD      Y3, 96(R13)
	VMOVUPD      Y4, 128(R13)
	VMOVUPD      Y5, 160(R13)
	VMOVUPD      Y6, 192(R13)
	VMOVUPD      Y7, 224(R13)
	ADDQ         $256, R12
	ADDQ         $256, R13
	SUBQ         $32, CX
	JNZ          chunk
	LEAQ         (DI)(BX*8), DI // the next strip
	MOVQ         R11, R10
	TESTQ        R10, R10
	JNZ          strip

	// The last n mod 32 columns go through the narrow blocks below, over
	// all the rows.
	MOVQ n+8(FP), CX
	SUBQ R14, CX
	MOVQ w_base+16(FP), DI
	LEAQ (DI)(R14*8), DI
	LEAQ (DX)(R14*8), DX

cols32:
	CMPQ    CX, $32
	JLT     cols16
	CMPB    add+88(FP), $0
	JEQ     zero32
	VMOVUPD (DX), Y0
	VMOVUPD 32(DX), Y1
	VMOVUPD 64(DX), Y2
	VMOVUPD 96(DX), Y3
	VMOVUPD 128(DX), Y4
	VMOVUPD 160(DX), Y5
	VMOVUPD 192(DX), Y6
	VMOVUPD 224(DX), Y7
	JMP     rows32

zero32:
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

rows32:
	MOVQ  DI, R8
	MOVQ  AX, R9
	TESTQ R9, R9
	JZ    store32

loop32:
	VBROADCASTSD (SI)(R9*8), Y8
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1
	VFMADD231PD  64(R8), Y8, Y2
	VFMADD231PD  96(R8), Y8, Y3
	VFMADD231PD  128(R8), Y8, Y4
	VFMADD231PD  160(R8), Y8, Y5
	VFMADD231PD  192(R8), Y8, Y6
	VFMADD231PD  224(R8), Y8, Y7
	GTNEXT1
	JNZ          loop32

store32:
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	VMOVUPD Y4, 128(DX)
	VMOVUPD Y5, 160(DX)
	VMOVUPD Y6, 192(DX)
	VMOVUPD Y7, 224(DX)
	ADDQ    $256, DI
	ADDQ    $256, DX
	SUBQ    $32, CX
	JMP     cols32

cols16:
	CMPQ    CX, $16
	JLT     cols8
	VXORPD  Y4, Y4, Y4
	VXORPD  Y5, Y5, Y5
	VXORPD  Y6, Y6, Y6
	VXORPD  Y7, Y7, Y7
	CMPB    add+88(FP), $0
	JEQ     zero16
	VMOVUPD (DX), Y0
	VMOVUPD 32(DX), Y1
	VMOVUPD 64(DX), Y2
	VMOVUPD 96(DX), Y3
	JMP     rows16

zero16:
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

rows16:
	MOVQ DI, R8
	MOVQ AX, R9

loop16:
	CMPQ         R9, $-2
	JGT          last16
	VBROADCASTSD (SI)(R9*8), Y8
	VBROADCASTSD 8(SI)(R9*8), Y9
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1
	VFMADD231PD  64(R8), Y8, Y2
	VFMADD231PD  96(R8), Y8, Y3
	VFMADD231PD  (R8)(BX*1), Y9, Y4
	VFMADD231PD  32(R8)(BX*1), Y9, Y5
	VFMADD231PD  64(R8)(BX*1), Y9, Y6
	VFMADD231PD  96(R8)(BX*1), Y9, Y7
	GTNEXT2
	JMP          loop16

last16:
	TESTQ        R9, R9
	JZ           store16
	VBROADCASTSD (SI)(R9*8), Y8
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1
	VFMADD231PD  64(R8), Y8, Y2
	VFMADD231PD  96(R8), Y8, Y3

store16:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y5, Y1, Y1
	VADDPD  Y6, Y2, Y2
	VADDPD  Y7, Y3, Y3
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	ADDQ    $128, DI
	ADDQ    $128, DX
	SUBQ    $16, CX

cols8:
	CMPQ    CX, $8
	JLT     cols4
	VXORPD  Y4, Y4, Y4
	VXORPD  Y5, Y5, Y5
	CMPB    add+88(FP), $0
	JEQ     zero8
	VMOVUPD (DX), Y0
	VMOVUPD 32(DX), Y1
	JMP     rows8

zero8:
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1

rows8:
	MOVQ DI, R8
	MOVQ AX, R9

loop8:
	CMPQ         R9, $-2
	JGT          last8
	VBROADCASTSD (SI)(R9*8), Y8
	VBROADCASTSD 8(SI)(R9*8), Y9
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1
	VFMADD231PD  (R8)(BX*1), Y9, Y4
	VFMADD231PD  32(R8)(BX*1), Y9, Y5
	GTNEXT2
	JMP          loop8

last8:
	TESTQ        R9, R9
	JZ           store8
	VBROADCASTSD (SI)(R9*8), Y8
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  32(R8), Y8, Y1

store8:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y5, Y1, Y1
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	ADDQ    $64, DI
	ADDQ    $64, DX
	SUBQ    $8, CX

cols4:
	CMPQ    CX, $4
	JLT     cols1
	VXORPD  Y4, Y4, Y4
	CMPB    add+88(FP), $0
	JEQ     zero4
	VMOVUPD (DX), Y0
	JMP     rows4

zero4:
	VXORPD Y0, Y0, Y0

rows4:
	MOVQ DI, R8
	MOVQ AX, R9

loop4:
	CMPQ         R9, $-2
	JGT          last4
	VBROADCASTSD (SI)(R9*8), Y8
	VBROADCASTSD 8(SI)(R9*8), Y9
	VFMADD231PD  (R8), Y8, Y0
	VFMADD231PD  (R8)(BX*1), Y9, Y4
	GTNEXT2
	JMP          loop4

last4:
	TESTQ        R9, R9
	JZ           store4
	VBROADCASTSD (SI)(R9*8), Y8
	VFMADD231PD  (R8), Y8, Y0

store4:
	VADDPD  Y4, Y0, Y0
	VMOVUPD Y0, (DX)
	ADDQ    $32, DI
	ADDQ    $32, DX
	SUBQ    $4, CX

cols1:
	TESTQ      CX, CX
	JZ         done
	NEGQ       CX
	LEAQ       ·ymmMask+32(SB), R10
	VMOVUPD    (R10)(CX*8), Y15
	VXORPD     Y4, Y4, Y4
	VXORPD     Y0, Y0, Y0
	CMPB       add+88(FP), $0
	JEQ        rows1
	VMASKMOVPD (DX), Y15, Y0

rows1:
	MOVQ DI, R8
	MOVQ AX, R9

loop1:
	CMPQ         R9, $-2
	JGT          last1
	VBROADCASTSD (SI)(R9*8), Y8
	VBROADCASTSD 8(SI)(R9*8), Y9
	VMASKMOVPD   (R8), Y15, Y10
	VMASKMOVPD   (R8)(BX*1), Y15, Y11
	VFMADD231PD  Y10, Y8, Y0
	VFMADD231PD  Y11, Y9, Y4
	GTNEXT2
	JMP          loop1

last1:
	TESTQ        R9, R9
	JZ           store1
	VBROADCASTSD (SI)(R9*8), Y8
	VMASKMOVPD   (R8), Y15, Y10
	VFMADD231PD  Y10, Y8, Y0

store1:
	VADDPD     Y4, Y0, Y0
	VMASKMOVPD Y0, Y15, (DX)

done:
	VZEROUPPER
	RET

// The streaming path of gemvTAVX2 for matrices beyond 1 MiB.
// Registers: R13 rows left, BX row stride, DI next row, SI x pointer,
// DX end of y, CX column index (negative), AX, R8, R9, DI the rows' ends,
// Y12–Y15 the four rows' x[i].
stream:
	MOVQ m+0(FP), R13
	MOVQ n+8(FP), BX
	MOVQ w_base+16(FP), DI
	MOVQ x_base+40(FP), SI
	MOVQ y_base+64(FP), DX
	LEAQ (DX)(BX*8), DX
	SHLQ $3, BX
	CMPB add+88(FP), $0
	JNE  s4
	VXORPD Y0, Y0, Y0
	MOVQ   n+8(FP), CX
	NEGQ   CX

sclear:
	CMPQ    CX, $-4
	JGT     sclear1
	VMOVUPD Y0, (DX)(CX*8)
	ADDQ    $4, CX
	JMP     sclear

sclear1:
	TESTQ  CX, CX
	JZ     s4
	VMOVSD X0, (DX)(CX*8)
	INCQ   CX
	JMP    sclear1

s4:
	CMPQ         R13, $4
	JLT          s1
	VBROADCASTSD (SI), Y12
	VBROADCASTSD 8(SI), Y13
	VBROADCASTSD 16(SI), Y14
	VBROADCASTSD 24(SI), Y15
	ADDQ         $32, SI
	LEAQ         (DI)(BX*1), AX
	LEAQ         (AX)(BX*1), R8
	LEAQ         (R8)(BX*1), R9
	LEAQ         (R9)(BX*1), DI
	MOVQ         n+8(FP), CX
	NEGQ         CX

s4loop:
	CMPQ        CX, $-8
	JGT         s4step4
	VMOVUPD     (DX)(CX*8), Y0
	VMOVUPD     32(DX)(CX*8), Y1
	VFMADD231PD (AX)(CX*8), Y12, Y0
	VFMADD231PD 32(AX)(CX*8), Y12, Y1
	VFMADD231PD (R8)(CX*8), Y13, Y0
	VFMADD231PD 32(R8)(CX*8), Y13, Y1
	VFMADD231PD (R9)(CX*8), Y14, Y0
	VFMADD231PD 32(R9)(CX*8), Y14, Y1
	VFMADD231PD (DI)(CX*8), Y15, Y0
	VFMADD231PD 32(DI)(CX*8), Y15, Y1
	VMOVUPD     Y0, (DX)(CX*8)
	VMOVUPD     Y1, 32(DX)(CX*8)
	ADDQ        $8, CX
	JMP         s4loop

s4step4:
	CMPQ        CX, $-4
	JGT         s4scalar
	VMOVUPD     (DX)(CX*8), Y0
	VFMADD231PD (AX)(CX*8), Y12, Y0
	VFMADD231PD (R8)(CX*8), Y13, Y0
	VFMADD231PD (R9)(CX*8), Y14, Y0
	VFMADD231PD (DI)(CX*8), Y15, Y0
	VMOVUPD     Y0, (DX)(CX*8)
	ADDQ        $4, CX

s4scalar:
	TESTQ       CX, CX
	JZ          s4next
	VMOVSD      (DX)(CX*8), X0
	VFMADD231SD (AX)(CX*8), X12, X0
	VFMADD231SD (R8)(CX*8), X13, X0
	VFMADD231SD (R9)(CX*8), X14, X0
	VFMADD231SD (DI)(CX*8), X15, X0
	VMOVSD      X0, (DX)(CX*8)
	INCQ        CX
	JMP         s4scalar

s4next:
	SUBQ $4, R13
	JMP  s4

s1:
	TESTQ        R13, R13
	JZ           sdone
	VBROADCASTSD (SI), Y12
	ADDQ         $8, SI
	ADDQ         BX, DI
	MOVQ         n+8(FP), CX
	NEGQ         CX

s1loop:
	CMPQ        CX, $-8
	JGT         s1step4
	VMOVUPD     (DX)(CX*8), Y0
	VMOVUPD     32(DX)(CX*8), Y1
	VFMADD231PD (DI)(CX*8), Y12, Y0
	VFMADD231PD 32(DI)(CX*8), Y12, Y1
	VMOVUPD     Y0, (DX)(CX*8)
	VMOVUPD     Y1, 32(DX)(CX*8)
	ADDQ        $8, CX
	JMP         s1loop

s1step4:
	CMPQ        CX, $-4
	JGT         s1scalar
	VMOVUPD     (DX)(CX*8), Y0
	VFMADD231PD (DI)(CX*8), Y12, Y0
	VMOVUPD     Y0, (DX)(CX*8)
	ADDQ        $4, CX

s1scalar:
	TESTQ       CX, CX
	JZ          s1next
	VMOVSD      (DX)(CX*8), X0
	VFMADD231SD (DI)(CX*8), X12, X0
	VMOVSD      X0, (DX)(CX*8)
	INCQ        CX
	JMP         s1scalar

s1next:
	DECQ R13
	JMP  s1

sdone:
	VZEROUPPER
	RET

// func gemvTAVX512(m, n int, w, x, y []float64, add bool)
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·gemvTAVX512(SB), NOSPLIT, $0-89
	MOVQ  m+0(FP), AX
	MOVQ  n+8(FP), CX
	MOVQ  AX, R10
	IMULQ CX, R10
	CMPQ  R10, $131072 // 1 MiB of float64
	JGT   zstream
	MOVQ w_base+16(FP), DI
	MOVQ x_base+40(FP), SI
	MOVQ y_base+64(FP), DX
	LEAQ (SI)(AX*8), SI
	NEGQ AX
	LEAQ (CX*8), BX

zcols64:
	CMPQ    CX, $64
	JLT     zcols32
	CMPB    add+88(FP), $0
	JEQ     zzero64
	VMOVUPD (DX), Z0
	VMOVUPD 64(DX), Z1
	VMOVUPD 128(DX), Z2
	VMOVUPD 192(DX), Z3
	VMOVUPD 256(DX), Z4
	VMOVUPD 320(DX), Z5
	VMOVUPD 384(DX), Z6
	VMOVUPD 448(DX), Z7
	JMP     zrows64

zzero64:
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7

zrows64:
	MOVQ  DI, R8
	MOVQ  AX, R9
	TESTQ R9, R9
	JZ    zstore64

zloop64:
	VBROADCASTSD (SI)(R9*8), Z8
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  64(R8), Z8, Z1
	VFMADD231PD  128(R8), Z8, Z2
	VFMADD231PD  192(R8), Z8, Z3
	VFMADD231PD  256(R8), Z8, Z4
	VFMADD231PD  320(R8), Z8, Z5
	VFMADD231PD  384(R8), Z8, Z6
	VFMADD231PD  448(R8), Z8, Z7
	GTNEXT1
	JNZ          zloop64

zstore64:
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	VMOVUPD Z2, 128(DX)
	VMOVUPD Z3, 192(DX)
	VMOVUPD Z4, 256(DX)
	VMOVUPD Z5, 320(DX)
	VMOVUPD Z6, 384(DX)
	VMOVUPD Z7, 448(DX)
	ADDQ    $512, DI
	ADDQ    $512, DX
	SUBQ    $64, CX
	JMP     zcols64

zcols32:
	CMPQ    CX, $32
	JLT     zcols16
	VPXORQ  Z4, Z4, Z4
	VPXORQ  Z5, Z5, Z5
	VPXORQ  Z6, Z6, Z6
	VPXORQ  Z7, Z7, Z7
	CMPB    add+88(FP), $0
	JEQ     zzero32
	VMOVUPD (DX), Z0
	VMOVUPD 64(DX), Z1
	VMOVUPD 128(DX), Z2
	VMOVUPD 192(DX), Z3
	JMP     zrows32

zzero32:
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3

zrows32:
	MOVQ DI, R8
	MOVQ AX, R9

zloop32:
	CMPQ         R9, $-2
	JGT          zlast32
	VBROADCASTSD (SI)(R9*8), Z8
	VBROADCASTSD 8(SI)(R9*8), Z9
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  64(R8), Z8, Z1
	VFMADD231PD  128(R8), Z8, Z2
	VFMADD231PD  192(R8), Z8, Z3
	VFMADD231PD  (R8)(BX*1), Z9, Z4
	VFMADD231PD  64(R8)(BX*1), Z9, Z5
	VFMADD231PD  128(R8)(BX*1), Z9, Z6
	VFMADD231PD  192(R8)(BX*1), Z9, Z7
	GTNEXT2
	JMP          zloop32

zlast32:
	TESTQ        R9, R9
	JZ           zstore32
	VBROADCASTSD (SI)(R9*8), Z8
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  64(R8), Z8, Z1
	VFMADD231PD  128(R8), Z8, Z2
	VFMADD231PD  192(R8), Z8, Z3

zstore32:
	VADDPD  Z4, Z0, Z0
	VADDPD  Z5, Z1, Z1
	VADDPD  Z6, Z2, Z2
	VADDPD  Z7, Z3, Z3
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	VMOVUPD Z2, 128(DX)
	VMOVUPD Z3, 192(DX)
	ADDQ    $256, DI
	ADDQ    $256, DX
	SUBQ    $32, CX

zcols16:
	CMPQ    CX, $16
	JLT     zcols8
	VPXORQ  Z4, Z4, Z4
	VPXORQ  Z5, Z5, Z5
	CMPB    add+88(FP), $0
	JEQ     zzero16
	VMOVUPD (DX), Z0
	VMOVUPD 64(DX), Z1
	JMP     zrows16

zzero16:
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1

zrows16:
	MOVQ DI, R8
	MOVQ AX, R9

zloop16:
	CMPQ         R9, $-2
	JGT          zlast16
	VBROADCASTSD (SI)(R9*8), Z8
	VBROADCASTSD 8(SI)(R9*8), Z9
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  64(R8), Z8, Z1
	VFMADD231PD  (R8)(BX*1), Z9, Z4
	VFMADD231PD  64(R8)(BX*1), Z9, Z5
	GTNEXT2
	JMP          zloop16

zlast16:
	TESTQ        R9, R9
	JZ           zstore16
	VBROADCASTSD (SI)(R9*8), Z8
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  64(R8), Z8, Z1

zstore16:
	VADDPD  Z4, Z0, Z0
	VADDPD  Z5, Z1, Z1
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	ADDQ    $128, DI
	ADDQ    $128, DX
	SUBQ    $16, CX

zcols8:
	CMPQ    CX, $8
	JLT     zcols1
	VPXORQ  Z4, Z4, Z4
	CMPB    add+88(FP), $0
	JEQ     zzero8
	VMOVUPD (DX), Z0
	JMP     zrows8

zzero8:
	VPXORQ Z0, Z0, Z0

zrows8:
	MOVQ DI, R8
	MOVQ AX, R9

zloop8:
	CMPQ         R9, $-2
	JGT          zlast8
	VBROADCASTSD (SI)(R9*8), Z8
	VBROADCASTSD 8(SI)(R9*8), Z9
	VFMADD231PD  (R8), Z8, Z0
	VFMADD231PD  (R8)(BX*1), Z9, Z4
	GTNEXT2
	JMP          zloop8

zlast8:
	TESTQ        R9, R9
	JZ           zstore8
	VBROADCASTSD (SI)(R9*8), Z8
	VFMADD231PD  (R8), Z8, Z0

zstore8:
	VADDPD  Z4, Z0, Z0
	VMOVUPD Z0, (DX)
	ADDQ    $64, DI
	ADDQ    $64, DX
	SUBQ    $8, CX

zcols1:
	TESTQ     CX, CX
	JZ        zdone
	LEAQ      ·kMask(SB), R10
	KMOVW     (R10)(CX*2), K1
	VPXORQ    Z4, Z4, Z4
	VPXORQ    Z0, Z0, Z0
	CMPB      add+88(FP), $0
	JEQ       zrows1
	VMOVUPD.Z (DX), K1, Z0

zrows1:
	MOVQ DI, R8
	MOVQ AX, R9

zloop1:
	CMPQ         R9, $-2
	JGT          zlast1
	VBROADCASTSD (SI)(R9*8), Z8
	VBROADCASTSD 8(SI)(R9*8), Z9
	VFMADD231PD  (R8), Z8, K1, Z0
	VFMADD231PD  (R8)(BX*1), Z9, K1, Z4
	GTNEXT2
	JMP          zloop1

zlast1:
	TESTQ        R9, R9
	JZ           zstore1
	VBROADCASTSD (SI)(R9*8), Z8
	VFMADD231PD  (R8), Z8, K1, Z0

zstore1:
	VADDPD  Z4, Z0, Z0
	VMOVUPD Z0, K1, (DX)

zdone:
	VZEROUPPER
	RET

// The streaming path of gemvTAVX512 for matrices beyond 1 MiB.
// Registers: R13 rows left, BX row stride, DI next row, SI x pointer,
// DX end of y, CX column index (negative), AX, R8, R9, DI the rows' ends,
// Z16–Z19 the four rows' x[i].
zstream:
	MOVQ m+0(FP), R13
	MOVQ n+8(FP), BX
	MOVQ w_base+16(FP), DI
	MOVQ x_base+40(FP), SI
	MOVQ y_base+64(FP), DX
	LEAQ (DX)(BX*8), DX
	SHLQ $3, BX
	CMPB add+88(FP), $0
	JNE  zs4
	VPXORQ Z0, Z0, Z0
	MOVQ   n+8(FP), CX
	NEGQ   CX

zsclear:
	CMPQ    CX, $-8
	JGT     zsclear1
	VMOVUPD Z0, (DX)(CX*8)
	ADDQ    $8, CX
	JMP     zsclear

zsclear1:
	TESTQ  CX, CX
	JZ     zs4
	VMOVSD X0, (DX)(CX*8)
	INCQ   CX
	JMP    zsclear1

zs4:
	CMPQ         R13, $4
	JLT          zs1
	VBROADCASTSD (SI), Z16
	VBROADCASTSD 8(SI), Z17
	VBROADCASTSD 16(SI), Z18
	VBROADCASTSD 24(SI), Z19
	ADDQ         $32, SI
	LEAQ         (DI)(BX*1), AX
	LEAQ         (AX)(BX*1), R8
	LEAQ         (R8)(BX*1), R9
	LEAQ         (R9)(BX*1), DI
	MOVQ         n+8(FP), CX
	NEGQ         CX

zs4loop:
	CMPQ        CX, $-16
	JGT         zs4step8
	VMOVUPD     (DX)(CX*8), Z0
	VMOVUPD     64(DX)(CX*8), Z1
	VFMADD231PD (AX)(CX*8), Z16, Z0
	VFMADD231PD 64(AX)(CX*8), Z16, Z1
	VFMADD231PD (R8)(CX*8), Z17, Z0
	VFMADD231PD 64(R8)(CX*8), Z17, Z1
	VFMADD231PD (R9)(CX*8), Z18, Z0
	VFMADD231PD 64(R9)(CX*8), Z18, Z1
	VFMADD231PD (DI)(CX*8), Z19, Z0
	VFMADD231PD 64(DI)(CX*8), Z19, Z1
	VMOVUPD     Z0, (DX)(CX*8)
	VMOVUPD     Z1, 64(DX)(CX*8)
	ADDQ        $16, CX
	JMP         zs4loop

zs4step8:
	CMPQ        CX, $-8
	JGT         zs4step4
	VMOVUPD     (DX)(CX*8), Z0
	VFMADD231PD (AX)(CX*8), Z16, Z0
	VFMADD231PD (R8)(CX*8), Z17, Z0
	VFMADD231PD (R9)(CX*8), Z18, Z0
	VFMADD231PD (DI)(CX*8), Z19, Z0
	VMOVUPD     Z0, (DX)(CX*8)
	ADDQ        $8, CX

zs4step4:
	CMPQ        CX, $-4
	JGT         zs4scalar
	VMOVUPD     (DX)(CX*8), Y0
	VFMADD231PD (AX)(CX*8), Y16, Y0
	VFMADD231PD (R8)(CX*8), Y17, Y0
	VFMADD231PD (R9)(CX*8), Y18, Y0
	VFMADD231PD (DI)(CX*8), Y19, Y0
	VMOVUPD     Y0, (DX)(CX*8)
	ADDQ        $4, CX

zs4scalar:
	TESTQ       CX, CX
	JZ          zs4next
	VMOVSD      (DX)(CX*8), X0
	VFMADD231SD (AX)(CX*8), X16, X0
	VFMADD231SD (R8)(CX*8), X17, X0
	VFMADD231SD (R9)(CX*8), X18, X0
	VFMADD231SD (DI)(CX*8), X19, X0
	VMOVSD      X0, (DX)(CX*8)
	INCQ        CX
	JMP         zs4scalar

zs4next:
	SUBQ $4, R13
	JMP  zs4

zs1:
	TESTQ        R13, R13
	JZ           zsdone
	VBROADCASTSD (SI), Z16
	ADDQ         $8, SI
	ADDQ         BX, DI
	MOVQ         n+8(FP), CX
	NEGQ         CX

zs1loop:
	CMPQ        CX, $-8
	JGT         zs1step4
	VMOVUPD     (DX)(CX*8), Z0
	VFMADD231PD (DI)(CX*8), Z16, Z0
	VMOVUPD     Z0, (DX)(CX*8)
	ADDQ        $8, CX
	JMP         zs1loop

zs1step4:
	CMPQ        CX, $-4
	JGT         zs1scalar
	VMOVUPD     (DX)(CX*8), Y0
	VFMADD231PD (DI)(CX*8), Y16, Y0
	VMOVUPD     Y0, (DX)(CX*8)
	ADDQ        $4, CX

zs1scalar:
	TESTQ       CX, CX
	JZ          zs1next
	VMOVSD      (DX)(CX*8), X0
	VFMADD231SD (DI)(CX*8), X16, X0
	VMOVSD      X0, (DX)(CX*8)
	INCQ        CX
	JMP         zs1scalar

zs1next:
	DECQ R13
	JMP  zs1

zsdone:
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

// y = W x (or y += W x) for a row-major m×n matrix W.
//
// Rows are taken eight at a time, each with its own accumulator, so that one
// load of x feeds eight FMAs (nine loads per eight FMAs, where a single row
// would need two per FMA) and eight independent chains cover the FMA
// latency. The partial sums of the eight rows are reduced together, once per
// block, into one vector that is stored with one instruction. Leftover rows
// go four at a time (two accumulators each) and then one at a time.
//
// A matrix larger than 1 MiB, beyond the L2 cache of most cores, goes four
// rows at a time throughout: from L3, fewer concurrent streams are faster
// (on Zen 4, n = 512: 21.8 against 19.6 GFLOP/s), while from L1 and L2 the
// eight-row blocks are (n = 64: 43 against 40).
//
// Columns are addressed from the end of each row with a negative index that
// counts up to zero, so that no register holds n; the last n mod 4 (AVX2) or
// n mod 8 (AVX-512) columns are read with masked loads, which neither read
// nor fault past the end of a row.
//
// AVX2 loads x's last n mod 4 elements once, into Y14, before anything is
// stored. A masked load is checked against the stores in flight over its
// whole 32 bytes, masked lanes included, so that when y lies just past the
// end of x (as consecutive allocations of one size often do) a masked load
// of x's tail in every block would wait for the stores to y before it. On
// Zen 3, with y right after x: 7×7, 27.8 against 22.2 ns; 13×13, 28.2
// against 24.1 ns; and no slower with y elsewhere.
//
// Registers: DI row pointer, SI end of x, DX y, R13 rows left, CX column
// index, BX scratch; AX, R8–R12, R14 and DI the ends of the block's rows;
// AVX2: Y15 the mask of the last n mod 4 lanes, Y14 x's last n mod 4.

// ROWS8 adds x times the eight rows at column index CX, at byte offset off,
// into eight accumulators.
#define ROWS8(off, x, a0, a1, a2, a3, a4, a5, a6, a7) \
	VFMADD231PD off(AX)(CX*8), x, a0;  \
	VFMADD231PD off(R8)(CX*8), x, a1;  \
	VFMADD231PD off(R9)(CX*8), x, a2;  \
	VFMADD231PD off(R10)(CX*8), x, a3; \
	VFMADD231PD off(R11)(CX*8), x, a4; \
	VFMADD231PD off(R12)(CX*8), x, a5; \
	VFMADD231PD off(R14)(CX*8), x, a6; \
	VFMADD231PD off(DI)(CX*8), x, a7

// ROWS4 is ROWS8 for the four rows whose ends are AX, R8, R9, DI.
#define ROWS4(off, x, a0, a1, a2, a3) \
	VFMADD231PD off(AX)(CX*8), x, a0; \
	VFMADD231PD off(R8)(CX*8), x, a1; \
	VFMADD231PD off(R9)(CX*8), x, a2; \
	VFMADD231PD off(DI)(CX*8), x, a3

// ROWENDS8 sets AX, R8–R12, R14 and DI to the ends of the eight rows that
// start at DI; DI then points at the next block. BX is the row stride.
#define ROWENDS8 \
	LEAQ (DI)(BX*1), AX;   \
	LEAQ (AX)(BX*1), R8;   \
	LEAQ (R8)(BX*1), R9;   \
	LEAQ (R9)(BX*1), R10;  \
	LEAQ (R10)(BX*1), R11; \
	LEAQ (R11)(BX*1), R12; \
	LEAQ (R12)(BX*1), R14; \
	LEAQ (R14)(BX*1), DI

#define ROWENDS4 \
	LEAQ (DI)(BX*1), AX; \
	LEAQ (AX)(BX*1), R8; \
	LEAQ (R8)(BX*1), R9; \
	LEAQ (R9)(BX*1), DI

// HSUM4 reduces four ymm accumulators a, b, c, d (each holding partial sums
// of one row) into a = [Σa, Σb, Σc, Σd]; t is clobbered. VHADDPD has no
// EVEX form, so only Y0–Y15. After the two VHADDPDs a = [a01, b01, a23, b23]
// and c = [c01, d01, c23, d23] (aij = ai+aj); t = [a23, b23, c01, d01] and
// the blend [a01, b01, c23, d23] add up to the four sums.
#define HSUM4(a, b, c, d, t) \
	VHADDPD    d, c, c;        \
	VHADDPD    b, a, a;        \
	VPERM2F128 $0x21, c, a, t; \
	VBLENDPD   $0x0c, c, a, a; \
	VADDPD     t, a, a

// func gemvAVX2(m, n int, w, x, y []float64, add bool)
// Requires: AVX, AVX2, FMA
TEXT ·gemvAVX2(SB), NOSPLIT, $0-89
	MOVQ m+0(FP), R13
	MOVQ n+8(FP), BX
	MOVQ w_base+16(FP), DI
	MOVQ x_base+40(FP), SI
	MOVQ y_base+64(FP), DX
	LEAQ (SI)(BX*8), SI
	ANDQ $3, BX
	NEGQ BX
	LEAQ       ·ymmMask+32(SB), CX
	VMOVUPD    (CX)(BX*8), Y15 // the lanes of the last n mod 4 columns
	TESTQ      BX, BX
	JZ         xtail           // no such columns: no load, not even a masked one
	VMASKMOVPD (SI)(BX*8), Y15, Y14 // and those of x, before any store to y

xtail:
	MOVQ    R13, AX
	IMULQ   n+8(FP), AX
	CMPQ    AX, $131072     // 1 MiB of float64
	JGT     rows4

rows8:
	CMPQ R13, $8
	JLT  rows4
	MOVQ n+8(FP), BX
	SHLQ $3, BX
	ROWENDS8
	MOVQ n+8(FP), CX
	NEGQ CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	CMPQ   CX, $-4
	JGT    tail8

loop8:
	VMOVUPD (SI)(CX*8), Y8
	ROWS8(0, Y8, Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)
	ADDQ    $4, CX
	CMPQ    CX, $-4
	JLE     loop8

tail8:
	TESTQ       CX, CX
	JZ          sum8
	VMASKMOVPD  (AX)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y0
	VMASKMOVPD  (R8)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y1
	VMASKMOVPD  (R9)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y2
	VMASKMOVPD  (R10)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y3
	VMASKMOVPD  (R11)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y4
	VMASKMOVPD  (R12)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y5
	VMASKMOVPD  (R14)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y6
	VMASKMOVPD  (DI)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y7

sum8:
	HSUM4(Y0, Y1, Y2, Y3, Y8)
	HSUM4(Y4, Y5, Y6, Y7, Y9)
	CMPB    add+88(FP), $0
	JEQ     store8
	VADDPD  (DX), Y0, Y0
	VADDPD  32(DX), Y4, Y4

store8:
	VMOVUPD Y0, (DX)
	VMOVUPD Y4, 32(DX)
	ADDQ    $64, DX
	SUBQ    $8, R13
	JMP     rows8

rows4:
	CMPQ R13, $4
	JLT  rows1
	MOVQ n+8(FP), BX
	SHLQ $3, BX
	ROWENDS4
	MOVQ n+8(FP), CX
	NEGQ CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	CMPQ   CX, $-8
	JGT    step4

loop4:
	VMOVUPD (SI)(CX*8), Y8
	VMOVUPD 32(SI)(CX*8), Y9
	ROWS4(0, Y8, Y0, Y1, Y2, Y3)
	ROWS4(32, Y9, Y4, Y5, Y6, Y7)
	ADDQ    $8, CX
	CMPQ    CX, $-8
	JLE     loop4

step4:
	CMPQ    CX, $-4
	JGT     tail4
	VMOVUPD (SI)(CX*8), Y8
	ROWS4(0, Y8, Y0, Y1, Y2, Y3)
	ADDQ    $4, CX

tail4:
	TESTQ       CX, CX
	JZ          sum4
	VMASKMOVPD  (AX)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y4
	VMASKMOVPD  (R8)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y5
	VMASKMOVPD  (R9)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y6
	VMASKMOVPD  (DI)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y7

sum4:
	VADDPD Y4, Y0, Y0
	VADDPD Y5, Y1, Y1
	VADDPD Y6, Y2, Y2
	VADDPD Y7, Y3, Y3
	HSUM4(Y0, Y1, Y2, Y3, Y8)
	CMPB   add+88(FP), $0
	JEQ    store4
	VADDPD (DX), Y0, Y0

store4:
	VMOVUPD Y0, (DX)
	ADDQ    $32, DX
	SUBQ    $4, R13
	JMP     rows4

rows1:
	TESTQ R13, R13
	JZ    done
	MOVQ  n+8(FP), BX
	LEAQ  (DI)(BX*8), DI // the row's end
	MOVQ  BX, CX
	NEGQ  CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	CMPQ   CX, $-16
	JGT    step1

loop1:
	VMOVUPD     (SI)(CX*8), Y8
	VMOVUPD     32(SI)(CX*8), Y9
	VMOVUPD     64(SI)(CX*8), Y10
	VMOVUPD     96(SI)(CX*8), Y11
	VFMADD231PD (DI)(CX*8), Y8, Y0
	VFMADD231PD 32(DI)(CX*8), Y9, Y1
	VFMADD231PD 64(DI)(CX*8), Y10, Y2
	VFMADD231PD 96(DI)(CX*8), Y11, Y3
	ADDQ        $16, CX
	CMPQ        CX, $-16
	JLE         loop1

step1:
	CMPQ        CX, $-4
	JGT         tail1
	VMOVUPD     (SI)(CX*8), Y8
	VFMADD231PD (DI)(CX*8), Y8, Y0
	ADDQ        $4, CX
	JMP         step1

tail1:
	TESTQ       CX, CX
	JZ          sum1
	VMASKMOVPD  (DI)(CX*8), Y15, Y9
	VFMADD231PD Y9, Y14, Y1

sum1:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	CMPB         add+88(FP), $0
	JEQ          store1
	VADDSD       (DX), X0, X0

store1:
	VMOVSD X0, (DX)
	ADDQ   $8, DX
	DECQ   R13
	JMP    rows1

done:
	VZEROUPPER
	RET

// ROWS8M is ROWS8 under the opmask K1: lanes outside it are neither read
// nor changed.
#define ROWS8M(x, a0, a1, a2, a3, a4, a5, a6, a7) \
	VFMADD231PD (AX)(CX*8), x, K1, a0;  \
	VFMADD231PD (R8)(CX*8), x, K1, a1;  \
	VFMADD231PD (R9)(CX*8), x, K1, a2;  \
	VFMADD231PD (R10)(CX*8), x, K1, a3; \
	VFMADD231PD (R11)(CX*8), x, K1, a4; \
	VFMADD231PD (R12)(CX*8), x, K1, a5; \
	VFMADD231PD (R14)(CX*8), x, K1, a6; \
	VFMADD231PD (DI)(CX*8), x, K1, a7

#define ROWS4M(x, a0, a1, a2, a3) \
	VFMADD231PD (AX)(CX*8), x, K1, a0; \
	VFMADD231PD (R8)(CX*8), x, K1, a1; \
	VFMADD231PD (R9)(CX*8), x, K1, a2; \
	VFMADD231PD (DI)(CX*8), x, K1, a3

// ZPAIR adds the 256-bit halves of the zmm accumulators a and b of two rows:
// a = [a's four partial sums, b's four partial sums]. s, t are scratch.
#define ZPAIR(a, b, s, t) \
	VSHUFF64X2 $0x44, b, a, s; \
	VSHUFF64X2 $0xee, b, a, t; \
	VADDPD     t, s, a

// ZQUAD combines two ZPAIR results a = [r, r'] and b = [q, q'] (halves) into
// a = [r, q, r', q'] with two partial sums per row in each 128-bit lane.
#define ZQUAD(a, b, s, t) \
	VSHUFF64X2 $0x88, b, a, s; \
	VSHUFF64X2 $0xdd, b, a, t; \
	VADDPD     t, s, a

// func gemvAVX512(m, n int, w, x, y []float64, add bool)
// Requires: AVX, AVX2, FMA, AVX512F, AVX512VL
TEXT ·gemvAVX512(SB), NOSPLIT, $0-89
	MOVQ  m+0(FP), R13
	MOVQ  n+8(FP), BX
	MOVQ  w_base+16(FP), DI
	MOVQ  x_base+40(FP), SI
	MOVQ  y_base+64(FP), DX
	LEAQ  (SI)(BX*8), SI
	ANDQ  $7, BX
	LEAQ  ·kMask(SB), CX
	KMOVW (CX)(BX*2), K1 // the lanes of the last n mod 8 columns
	MOVQ  R13, AX
	IMULQ n+8(FP), AX
	CMPQ  AX, $131072     // 1 MiB of float64
	JGT   zrows4

zrows8:
	CMPQ R13, $8
	JLT  zrows4
	MOVQ n+8(FP), BX
	SHLQ $3, BX
	ROWENDS8
	MOVQ n+8(FP), CX
	NEGQ CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	CMPQ   CX, $-8
	JGT    ztail8

zloop8:
	VMOVUPD (SI)(CX*8), Z8
	ROWS8(0, Z8, Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7)
	ADDQ    $8, CX
	CMPQ    CX, $-8
	JLE     zloop8

ztail8:
	TESTQ     CX, CX
	JZ        zsum8
	VMOVUPD.Z (SI)(CX*8), K1, Z8
	ROWS8M(Z8, Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7)

zsum8:
	// Rows are paired (0,2), (1,3), (4,6), (5,7) so that the last step's
	// unpack leaves the eight sums in row order.
	ZPAIR(Z0, Z2, Z16, Z17)
	ZPAIR(Z1, Z3, Z18, Z19)
	ZPAIR(Z4, Z6, Z20, Z21)
	ZPAIR(Z5, Z7, Z22, Z23)
	ZQUAD(Z0, Z4, Z16, Z17) // [r0, r2, r4, r6]
	ZQUAD(Z1, Z5, Z18, Z19) // [r1, r3, r5, r7]
	VUNPCKLPD Z1, Z0, Z16
	VUNPCKHPD Z1, Z0, Z17
	VADDPD    Z17, Z16, Z0
	CMPB      add+88(FP), $0
	JEQ       zstore8
	VADDPD    (DX), Z0, Z0

zstore8:
	VMOVUPD Z0, (DX)
	ADDQ    $64, DX
	SUBQ    $8, R13
	JMP     zrows8

zrows4:
	CMPQ R13, $4
	JLT  zrows1
	MOVQ n+8(FP), BX
	SHLQ $3, BX
	ROWENDS4
	MOVQ n+8(FP), CX
	NEGQ CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	CMPQ   CX, $-16
	JGT    zstep4

zloop4:
	VMOVUPD (SI)(CX*8), Z8
	VMOVUPD 64(SI)(CX*8), Z9
	ROWS4(0, Z8, Z0, Z1, Z2, Z3)
	ROWS4(64, Z9, Z4, Z5, Z6, Z7)
	ADDQ    $16, CX
	CMPQ    CX, $-16
	JLE     zloop4

zstep4:
	CMPQ    CX, $-8
	JGT     ztail4
	VMOVUPD (SI)(CX*8), Z8
	ROWS4(0, Z8, Z0, Z1, Z2, Z3)
	ADDQ    $8, CX

ztail4:
	TESTQ     CX, CX
	JZ        zsum4
	VMOVUPD.Z (SI)(CX*8), K1, Z8
	ROWS4M(Z8, Z4, Z5, Z6, Z7)

zsum4:
	VADDPD        Z4, Z0, Z0
	VADDPD        Z5, Z1, Z1
	VADDPD        Z6, Z2, Z2
	VADDPD        Z7, Z3, Z3
	VEXTRACTF64X4 $1, Z0, Y4
	VEXTRACTF64X4 $1, Z1, Y5
	VEXTRACTF64X4 $1, Z2, Y6
	VEXTRACTF64X4 $1, Z3, Y7
	VADDPD        Y4, Y0, Y0
	VADDPD        Y5, Y1, Y1
	VADDPD        Y6, Y2, Y2
	VADDPD        Y7, Y3, Y3
	HSUM4(Y0, Y1, Y2, Y3, Y8)
	CMPB          add+88(FP), $0
	JEQ           zstore4
	VADDPD        (DX), Y0, Y0

zstore4:
	VMOVUPD Y0, (DX)
	ADDQ    $32, DX
	SUBQ    $4, R13
	JMP     zrows4

zrows1:
	TESTQ  R13, R13
	JZ     zdone
	MOVQ   n+8(FP), BX
	LEAQ   (DI)(BX*8), DI
	MOVQ   BX, CX
	NEGQ   CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	CMPQ   CX, $-32
	JGT    zstep1

zloop1:
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
	JLE         zloop1

zstep1:
	CMPQ        CX, $-8
	JGT         ztail1
	VMOVUPD     (SI)(CX*8), Z8
	VFMADD231PD (DI)(CX*8), Z8, Z0
	ADDQ        $8, CX
	JMP         zstep1

ztail1:
	TESTQ       CX, CX
	JZ          zsum1
	VMOVUPD.Z   (SI)(CX*8), K1, Z8
	VFMADD231PD (DI)(CX*8), Z8, K1, Z1

zsum1:
	VADDPD        Z1, Z0, Z0
	VADDPD        Z3, Z2, Z2
	VADDPD        Z2, Z0, Z0
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPD        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VHADDPD       X0, X0, X0
	CMPB          add+88(FP), $0
	JEQ           zstore1
	VADDSD        (DX), X0, X0

zstore1:
	VMOVSD X0, (DX)
	ADDQ   $8, DX
	DECQ   R13
	JMP    zrows1

zdone:
	VZEROUPPER
	RET

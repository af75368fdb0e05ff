//go:build !purego

#include "textflag.h"

// ·ymmMask holds four all-ones quadwords and then four zero quadwords. The
// 32 bytes at ·ymmMask+32-8r are a VMASKMOVPD mask that selects the first
// r lanes of a ymm register (r = 0..4); the AVX2 kernels index it with the
// negative remainder, (base+32)(-r*8).
DATA ·ymmMask+0(SB)/8, $-1
DATA ·ymmMask+8(SB)/8, $-1
DATA ·ymmMask+16(SB)/8, $-1
DATA ·ymmMask+24(SB)/8, $-1
DATA ·ymmMask+32(SB)/8, $0
DATA ·ymmMask+40(SB)/8, $0
DATA ·ymmMask+48(SB)/8, $0
DATA ·ymmMask+56(SB)/8, $0
GLOBL ·ymmMask(SB), RODATA|NOPTR, $64

// ·kMask holds the 16-bit opmasks (1<<r)-1 for r = 0..8: KMOVW from
// ·kMask+2r selects the first r lanes of a zmm register. A table rather than
// a shift keeps the AVX-512 kernels free of BMI2 and of the CX register.
DATA ·kMask+0(SB)/2, $0x0000
DATA ·kMask+2(SB)/2, $0x0001
DATA ·kMask+4(SB)/2, $0x0003
DATA ·kMask+6(SB)/2, $0x0007
DATA ·kMask+8(SB)/2, $0x000f
DATA ·kMask+10(SB)/2, $0x001f
DATA ·kMask+12(SB)/2, $0x003f
DATA ·kMask+14(SB)/2, $0x007f
DATA ·kMask+16(SB)/2, $0x00ff
GLOBL ·kMask(SB), RODATA|NOPTR, $18

// NEON instructions that the Go arm64 assembler (up to at least Go 1.26)
// does not know, as named macros over their encodings, so that no kernel
// carries a bare WORD (golang/go#41092). Arguments are register numbers
// 0–31 of V registers; each encoding is from the Arm Architecture Reference
// Manual for A-profile (DDI 0487), section C7.2, with Q = 1 and sz = 1
// (two float64 lanes).

// VFADD2D(m, n, d): FADD Vd.2D, Vn.2D, Vm.2D — d = n + m, lane by lane.
// Encoding 0 1 0 01110 0 1 1 Rm 110101 Rn Rd (FADD (vector)).
#define VFADD2D(m, n, d) WORD $(0x4E60D400 | (m)<<16 | (n)<<5 | (d))

// VFADDP2D(m, n, d): FADDP Vd.2D, Vn.2D, Vm.2D — d = [n0+n1, m0+m1].
// Encoding 0 1 1 01110 0 1 1 Rm 110101 Rn Rd (FADDP (vector)).
#define VFADDP2D(m, n, d) WORD $(0x6E60D400 | (m)<<16 | (n)<<5 | (d))

// FADDPD(n, d): FADDP Dd, Vn.2D — the scalar d = n0 + n1 (upper lane of Vd
// cleared). Encoding 01 1 11110 0 1 11000 01101 10 Rn Rd (FADDP (scalar)).
#define FADDPD(n, d) WORD $(0x7E70D800 | (n)<<5 | (d))

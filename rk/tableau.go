package rk

import (
	"fmt"
	"math"
)

// Tableau is an explicit Runge–Kutta method as data: its Butcher tableau,
// the weights of an embedded error estimate, and optionally its own
// continuous extension (dense output). One stepping loop drives every
// tableau; a new method is a new value, not new code.
//
// A step of size h from (t, y) computes the stages
//
//	k_i = f(t + C[i]·h, y + h·Σ_{j<i} A[i][j]·k_j),  i = 0 … s−1,
//
// and the new state y + h·Σ B[i]·k_i. The error estimate is
// e = h·Σ BErr[i]·k_i, the difference between the solution and an embedded
// one of lower order.
type Tableau struct {
	// Name is the method's short name, e.g. "dopri5".
	Name string
	// Source cites where the coefficients come from.
	Source string
	// Order is the order of the solution y + h·Σ B[i]·k_i.
	Order int
	// EmbeddedOrder is the order of the embedded solution behind BErr, and
	// 0 when the method has no error estimate.
	EmbeddedOrder int
	// ControlOrder is q in the step-size law h_new ∝ err^(−1/q): one more
	// than the lower order of the pair for a p(p−1) pair (5 for Dopri5),
	// 8 for Dop853 as in Hairer's DOP853. Zero means EmbeddedOrder+1.
	ControlOrder int

	// C holds the nodes c_i; C[0] = 0.
	C []float64
	// A holds the strictly lower triangular matrix row by row: A[i] has
	// length i (A[0] is empty).
	A [][]float64
	// B holds the weights of the solution.
	B []float64
	// BErr holds the weights of the error estimate, B minus the embedded
	// weights; nil when the method has none.
	BErr []float64
	// BErr3, when not nil, holds a second, lower-order error estimate
	// (B minus third-order weights) that is combined with BErr as in
	// Hairer's DOP853: err = ‖e‖² / sqrt(‖e‖² + 0.01·‖e3‖²). It damps the
	// estimate where the fifth-order one is too pessimistic.
	BErr3 []float64
	// FSAL marks a method whose last stage is evaluated at the new state
	// (A[s−1] = B, C[s−1] = 1), so that it is the first stage of the next
	// step: first same as last.
	FSAL bool

	// Controller is the method's default step-size controller; its zero
	// value means that of Hairer's DOPRI5 (see PID).
	Controller PID

	// Interp is the method's own continuous extension, or nil; the solver
	// then uses the cubic Hermite interpolant built from the states and
	// derivatives at both ends of a step.
	Interp *Interp
}

// Interp is a continuous extension of a Runge–Kutta step from (t, y0) to
// (t+h, y1), written in the nested form of Hairer's codes DOPRI5 and DOP853:
//
//	y(t + θh) = y0 + θ(c_1 + (1−θ)(c_2 + θ(c_3 + (1−θ)(c_4 + θ(c_5 + …)))))
//
// with the factors alternating between (1−θ) and θ, and coefficient
// vectors
//
//	c_j = Delta[j−1]·(y1 − y0) + h·Σ_i R[j−1][i]·k_i,
//
// where the k_i run over the stage slots of the step: the s stages of the
// tableau; then, unless the tableau is FSAL, f(t+h, y1); then the extra
// stages below. With c_1 = y1 − y0 the interpolant is exact at both ends
// whatever the rounding of the other coefficients, and the nested form
// keeps its evaluation well conditioned where a sum of monomials with large
// coefficients (DOP853's reach 500) would cancel.
type Interp struct {
	// Order is the order of the interpolant (its local error is
	// O(h^(Order+1)) uniformly in θ).
	Order int
	// CExtra and AExtra define stages computed only when dense output is
	// needed: stage j has node CExtra[j] and coefficients AExtra[j] over
	// all slots before it.
	CExtra []float64
	AExtra [][]float64
	// Delta and R hold the coefficients of c_1 … c_m.
	Delta []float64
	R     [][]float64
}

// slots returns the number of stage slots a step of tab uses when dense
// output is needed: the stages, f(t+h, y1) unless FSAL, and the extra stages.
func (tab *Tableau) slots() int {
	n := len(tab.B)
	if !tab.FSAL {
		n++
	}
	if tab.Interp != nil {
		n += len(tab.Interp.CExtra)
	}
	return n
}

// nextSlot is the slot that holds f(t+h, y1).
func (tab *Tableau) nextSlot() int {
	if tab.FSAL {
		return len(tab.B) - 1
	}
	return len(tab.B)
}

// Stages returns the number of stages s.
func (tab *Tableau) Stages() int { return len(tab.B) }

// Adaptive reports whether the method has an embedded error estimate.
func (tab *Tableau) Adaptive() bool { return tab.BErr != nil }

func (tab *Tableau) controlOrder() int {
	if tab.ControlOrder > 0 {
		return tab.ControlOrder
	}
	return tab.EmbeddedOrder + 1
}

// Validate reports whether tab is a well-formed explicit tableau with at
// most MaxStages stage slots: consistent lengths, finite coefficients,
// C[0] = 0, FSAL only where A's last row equals B, orders that make sense.
// It does not check order conditions.
func (tab *Tableau) Validate() error {
	if tab == nil {
		return fmt.Errorf("%w: nil tableau", ErrTableau)
	}
	s := len(tab.B)
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrTableau, tab.Name, fmt.Sprintf(format, args...))
	}
	if s == 0 {
		return bad("no stages")
	}
	if len(tab.C) != s || len(tab.A) != s {
		return bad("len(B) = %d, len(C) = %d, len(A) = %d", s, len(tab.C), len(tab.A))
	}
	if tab.C[0] != 0 {
		return bad("C[0] = %g, want 0", tab.C[0])
	}
	for i, row := range tab.A {
		if len(row) != i {
			return bad("len(A[%d]) = %d, want %d", i, len(row), i)
		}
		if !finite(row) {
			return bad("A[%d] is not finite", i)
		}
	}
	if !finite(tab.B) || !finite(tab.C) {
		return bad("B or C is not finite")
	}
	if tab.Order < 1 {
		return bad("order %d", tab.Order)
	}
	if tab.BErr != nil {
		if len(tab.BErr) != s || !finite(tab.BErr) {
			return bad("BErr has length %d or is not finite", len(tab.BErr))
		}
		if tab.EmbeddedOrder < 1 {
			return bad("error estimate without an embedded order")
		}
	} else if tab.BErr3 != nil {
		return bad("BErr3 without BErr")
	}
	if tab.BErr3 != nil && (len(tab.BErr3) != s || !finite(tab.BErr3)) {
		return bad("BErr3 has length %d or is not finite", len(tab.BErr3))
	}
	if tab.FSAL {
		if tab.C[s-1] != 1 {
			return bad("FSAL but C[%d] = %g", s-1, tab.C[s-1])
		}
		for j, a := range tab.A[s-1] {
			if a != tab.B[j] {
				return bad("FSAL but A[%d][%d] = %g != B[%d] = %g", s-1, j, a, j, tab.B[j])
			}
		}
		if tab.B[s-1] != 0 {
			return bad("FSAL but B[%d] = %g != 0", s-1, tab.B[s-1])
		}
	}
	if p := tab.Interp; p != nil {
		base := s
		if !tab.FSAL {
			base++
		}
		if len(p.CExtra) != len(p.AExtra) {
			return bad("len(CExtra) = %d, len(AExtra) = %d", len(p.CExtra), len(p.AExtra))
		}
		for j, row := range p.AExtra {
			if len(row) != base+j || !finite(row) {
				return bad("AExtra[%d] has length %d (want %d) or is not finite", j, len(row), base+j)
			}
		}
		if len(p.Delta) == 0 || len(p.Delta) != len(p.R) {
			return bad("len(Delta) = %d, len(R) = %d", len(p.Delta), len(p.R))
		}
		for q, row := range p.R {
			if len(row) != tab.slots() || !finite(row) {
				return bad("R[%d] has length %d (want %d) or is not finite", q, len(row), tab.slots())
			}
		}
		if !finite(p.Delta) || !finite(p.CExtra) {
			return bad("Delta or CExtra is not finite")
		}
	}
	if tab.Controller != (PID{}) {
		if err := tab.Controller.resolve(hairerDOPRI5).validate(); err != nil {
			return bad("%v", err)
		}
	}
	if tab.slots() > MaxStages {
		return bad("%d stage slots, more than MaxStages = %d", tab.slots(), MaxStages)
	}
	return nil
}

// MaxStages is the largest number of stage slots (stages, the derivative
// at the new state, and extra dense-output stages) a tableau may use.
const MaxStages = 16

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// hairerInterp returns the continuous extension of Hairer's DOPRI5 and
// DOP853: the cubic Hermite part c_1 = y1 − y0, c_2 = h·k_0 − c_1,
// c_3 = c_1 − h·f1 − c_2 (f1 = f(t+h, y1) in slot next), and
// c_{4+j} = h·Σ_i d[j][i]·k_i over the slots.
func hairerInterp(order, slots, next int, d [][]float64, cExtra []float64, aExtra [][]float64) *Interp {
	in := hermite(slots, next)
	in.Order, in.CExtra, in.AExtra = order, cExtra, aExtra
	for _, row := range d {
		in.Delta = append(in.Delta, 0)
		in.R = append(in.R, append([]float64(nil), row...))
	}
	return in
}

// hermite returns the cubic Hermite interpolant through y0, y1 with slopes
// f0 = k_0 and f1 (in slot next) in the nested form.
func hermite(slots, next int) *Interp {
	r := [][]float64{make([]float64, slots), make([]float64, slots), make([]float64, slots)}
	r[1][0] = 1
	r[2][0], r[2][next] = -1, -1
	return &Interp{Order: 3, Delta: []float64{1, -1, 2}, R: r}
}

// monomialInterp converts a degree-4 extension given by its weights
// b_i(θ) = Σ_{p=1..4} m[p−1][i]·θ^p into the nested form, with
// c_1 = y1 − y0 (for an extension with b_i(1) = b_i). In the nested basis
// θ, θ(1−θ), θ²(1−θ), θ²(1−θ)², the monomial coefficients d_1 … d_4 become
// c_4 = d_4, c_3 = −d_3 − 2d_4, c_2 = −d_2 − d_3 − d_4.
func monomialInterp(order int, m [4][]float64) *Interp {
	n := len(m[0])
	in := &Interp{Order: order, Delta: []float64{1, 0, 0, 0}, R: make([][]float64, 4)}
	for j := range in.R {
		in.R[j] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		in.R[1][i] = -m[1][i] - m[2][i] - m[3][i]
		in.R[2][i] = -m[2][i] - 2*m[3][i]
		in.R[3][i] = m[3][i]
	}
	return in
}

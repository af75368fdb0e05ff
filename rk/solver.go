package rk

import (
	"fmt"
	"math"

	"github.com/nde-go/nde/asm"
	"github.com/nde-go/nde/autodiff"
	"github.com/nde-go/nde/linalg"
)

// uround is the unit round-off Hairer's codes use to detect a step size
// below the resolution of t: a step fails when 0.1·|h| ≤ |t|·uround.
const uround = 2.3e-16

// errFloor is the floor on remembered errors of the PID controller (FACOLD
// in Hairer's codes starts at and is floored at 1e-4).
const errFloor = 1e-4

var logErrFloor = math.Log(errFloor)

// Solver integrates y' = f(t, y) with one explicit Runge–Kutta method. It
// is made once for a field and owns all the workspace a solve needs, so
// that Solve, Step and the dense output allocate nothing once the
// Solution's slices have reached their size. A Solver is not safe for
// concurrent use; make one per goroutine (with its own Field).
type Solver struct {
	tab  *Tableau
	f    autodiff.Field
	n, s int
	fsal bool
	next int // slot of f(t+h, y1)
	c    []float64
	q    float64 // the control order
	pid  PID     // the method's default controller

	useAsm bool   // rows call asm.Combine
	f7     *fsal7 // fused stage code, or nil
	plain  bool   // the last Solve stepped in plainLoop (for the tests)

	k                []float64   // stage slots, one after another
	ks               [][]float64 // views of the slots
	y, y1, yt, yev   []float64
	e, e3, dy, zero  []float64
	rows             []row   // rows[i] combines the stages before stage i
	st               []stage // stages 1 … s−1, as the step loop takes them
	cur              stepArgs
	bRow, eRow, e3Rw row
	xRows            []row // extra dense-output stages
	xC               []float64
	own, herm        interpForm
	dc               []float64 // a coefficient block for dense output
}

// stage is what a step needs to compute stage i ≥ 1: the row that forms
// its input, its node c_i, and its slot.
type stage struct {
	row
	c    float64
	k    []float64
	toY1 bool // the input is the new state (the last stage of an FSAL method)
}

// stepArgs are the arguments of the step being taken.
type stepArgs struct {
	t, t1, h, before float64
	y, y1            []float64
	jump             bool
}

// interpForm is an Interp bound to a Solver's stage slots.
type interpForm struct {
	m     int // number of coefficient vectors c_1 … c_m
	delta []float64
	rows  []row
	extra bool // needs the extra stages
}

// New returns a Solver for the method tab and the field f, whose input and
// output lengths must be equal.
func New(tab *Tableau, f autodiff.Field) (*Solver, error) {
	if err := tab.Validate(); err != nil {
		return nil, err
	}
	if f == nil {
		return nil, fmt.Errorf("%w: nil field", ErrDimension)
	}
	n := f.InDim()
	if n < 1 || f.OutDim() != n {
		return nil, fmt.Errorf("%w: field maps length %d to length %d; an ODE needs equal lengths ≥ 1", ErrDimension, n, f.OutDim())
	}
	s := len(tab.B)
	nslot := tab.slots()
	if nslot < 2 {
		nslot = 2
	}
	sv := &Solver{
		tab:  tab,
		f:    f,
		n:    n,
		s:    s,
		fsal: tab.FSAL,
		next: tab.nextSlot(),
		c:    append([]float64(nil), tab.C...),
		q:    float64(tab.controlOrder()),
		pid:  tab.defaultPID(),
		k:    make([]float64, nslot*n),
		// asm.Combine where it has vector code and the state is long
		// enough for that to pay (asmCombineMin).
		useAsm: n >= asmCombineMin && asm.Impl() != "generic",
	}
	sv.ks = make([][]float64, nslot)
	for i := range sv.ks {
		sv.ks[i] = sv.k[i*n : (i+1)*n : (i+1)*n]
	}
	buf := make([]float64, 8*n)
	vec := func() []float64 { v := buf[:n:n]; buf = buf[n:]; return v }
	sv.y, sv.y1, sv.yt, sv.yev = vec(), vec(), vec(), vec()
	sv.e, sv.e3, sv.dy, sv.zero = vec(), vec(), vec(), vec()

	sv.rows = make([]row, s)
	for i := 1; i < s; i++ {
		sv.rows[i] = sv.makeRow(tab.A[i])
	}
	for i := 1; i < s; i++ {
		sv.st = append(sv.st, stage{row: sv.rows[i], c: sv.c[i], k: sv.ks[i], toY1: sv.fsal && i == s-1})
	}
	sv.bRow = sv.makeRow(tab.B)
	if tab.BErr != nil {
		sv.eRow = sv.makeRow(tab.BErr)
	}
	if tab.BErr3 != nil {
		sv.e3Rw = sv.makeRow(tab.BErr3)
	}
	if !sv.useAsm {
		if sv.f7 = newFsal7(tab); sv.f7 != nil {
			copy(sv.f7.k[:], sv.ks)
			sv.f7.yt, sv.f7.e = sv.yt, sv.e
		}
	}
	sv.herm = sv.bind(hermite(len(sv.ks), sv.next))
	m := sv.herm.m
	if p := tab.Interp; p != nil {
		sv.own = sv.bind(p)
		for _, r := range p.AExtra {
			sv.xRows = append(sv.xRows, sv.makeRow(r))
		}
		sv.xC = p.CExtra
		m = max(m, sv.own.m)
	}
	sv.dc = make([]float64, (m+1)*n)
	return sv, nil
}

// bind binds an Interp to the stage slots.
func (s *Solver) bind(p *Interp) interpForm {
	f := interpForm{m: len(p.Delta), delta: p.Delta, extra: len(p.CExtra) > 0}
	for _, r := range p.R {
		f.rows = append(f.rows, s.makeRow(r))
	}
	return f
}

// makeRow binds the nonzero coefficients of a to the stage slots.
func (s *Solver) makeRow(a []float64) row {
	var r row
	for j, v := range a {
		if v != 0 {
			r.c = append(r.c, v)
			r.ks = append(r.ks, s.ks[j])
		}
	}
	if s.useAsm && len(a) > 0 {
		r.dense = append([]float64(nil), a...)
		r.hc = make([]float64, len(a))
		r.kAll = s.k[: len(a)*s.n : len(a)*s.n]
	}
	r.bind()
	return r
}

// Tableau returns the Solver's method.
func (s *Solver) Tableau() *Tableau { return s.tab }

// Dim returns the length of the state.
func (s *Solver) Dim() int { return s.n }

// Stage returns stage slot i of the last step (aliasing the workspace, valid
// until the next step): the stages k_0 … k_{s−1}, then f(t1, y1) for a
// method that is not FSAL, then the extra dense-output stages, where they
// have been computed.
func (s *Solver) Stage(i int) []float64 { return s.ks[i] }

// Step takes one step of the method from (t0, y0) to t1 and writes the new
// state to y1. f0 must hold f(t0, y0), or be nil to have it evaluated.
// When yErr is not nil and the method has an error estimate, Step writes
// the estimate h·Σ BErr_i·k_i there. The step is the same computation,
// bit for bit, as the one Solve takes between the same times (away from
// jumps), so a recorded step sequence can be replayed.
func (s *Solver) Step(t0, t1 float64, y0, f0, y1, yErr []float64) error {
	n := s.n
	if len(y0) != n || len(y1) != n || (f0 != nil && len(f0) != n) || (yErr != nil && len(yErr) != n) {
		return fmt.Errorf("%w: state length %d, len(y0) = %d, len(f0) = %d, len(y1) = %d, len(yErr) = %d",
			ErrDimension, n, len(y0), len(f0), len(y1), len(yErr))
	}
	if !isFinite(t0) || !isFinite(t1) || t0 == t1 {
		return fmt.Errorf("%w: step from %g to %g", ErrInput, t0, t1)
	}
	if f0 != nil {
		copy(s.ks[0], f0)
	} else {
		s.f.Eval(t0, y0, s.ks[0])
	}
	h := t1 - t0
	s.stages(t0, t1, h, y0, y1, false)
	if yErr != nil && s.tab.BErr != nil {
		s.eRow.apply(yErr, s.zero, h)
	}
	return nil
}

// stages computes stages 1 … s−1 of the step of size h = t1 − t from
// (t, y), with stage 0 already in its slot, and writes the new state to y1.
// When jumpEnd is set, stage times that reach t1 are moved to the float
// just before t1, so that a field discontinuous at t1 is seen from the
// side of the step.
func (s *Solver) stages(t, t1, h float64, y, y1 []float64, jumpEnd bool) {
	if s.f7 != nil {
		s.fsal7Stages(t, t1, h, y, y1, jumpEnd)
		return
	}
	c := &s.cur
	c.t, c.t1, c.h, c.y, c.y1 = t, t1, h, y, y1
	c.jump = jumpEnd
	if jumpEnd {
		c.before = math.Nextafter(t1, t)
	}
	s.stageLoop()
	if !s.fsal {
		s.bRow.apply(y1, y, h)
	}
}

// stageLoop computes the stages of the step described by s.cur. Its
// arguments travel in s.cur rather than in registers: the Go compiler
// keeps no register across a call, and reloads every live value after
// each of the loop's two calls, which for small states cost more than the
// arithmetic.
func (s *Solver) stageLoop() {
	c := &s.cur
	for i := range s.st {
		p := &s.st[i]
		dst := s.yt
		if p.toY1 {
			dst = c.y1
		}
		p.kern(&p.row, dst, c.y, c.h)
		// The product is rounded before the sum (no fused multiply–add),
		// so that stage times are the same on every architecture and in
		// fsal7Stages, whose operands the compiler may fuse differently.
		ti := c.t + float64(p.c*c.h)
		if p.c == 1 {
			ti = c.t1
		}
		if c.jump && (ti-c.before)*c.h > 0 {
			ti = c.before
		}
		s.f.Eval(ti, dst, p.k)
	}
}

// errNorm2 returns the square of the scaled error of the step just taken
// (squares spare a square root on the critical path).
func (s *Solver) errNorm2(h float64, y, y1 []float64, tol *linalg.Tol, norm Norm) float64 {
	if s.fusedNorm(tol, norm) {
		e2, _ := s.fsal7Err2(h, y, y1, tol.RTol, tol.ATol)
		return e2
	}
	s.eRow.apply(s.e, s.zero, h)
	e5 := s.measure2(s.e, y, y1, tol, norm)
	if s.e3Rw.c == nil {
		return e5
	}
	// Hairer's DOP853: err = |h|·ERR/sqrt(N·(ERR + 0.01·ERR2)) over the
	// sums of squares, which in squared norms is e5²/(e5 + 0.01·e3).
	s.e3Rw.apply(s.e3, s.zero, h)
	e3 := s.measure2(s.e3, y, y1, tol, norm)
	den := e5 + 0.01*e3
	if den <= 0 {
		return 0
	}
	return e5 * e5 / den
}

// fusedNorm reports whether errNorm2 can take fsal7Err2.
func (s *Solver) fusedNorm(tol *linalg.Tol, norm Norm) bool {
	return s.f7 != nil && norm == nil && tol.RTols == nil && tol.ATols == nil && tol.ATol > 0
}

// measure returns the norm of e.
func (s *Solver) measure(e, y0, y1 []float64, tol *linalg.Tol, norm Norm) float64 {
	if norm != nil {
		return norm(*tol, e, y0, y1)
	}
	return math.Sqrt(s.measure2(e, y0, y1, tol, nil))
}

// measure2 returns the square of the norm of e.
func (s *Solver) measure2(e, y0, y1 []float64, tol *linalg.Tol, norm Norm) float64 {
	if norm != nil {
		v := norm(*tol, e, y0, y1)
		return v * v
	}
	if tol.RTols != nil || tol.ATols != nil {
		v := tol.ScaledRMS(e, y0, y1)
		return v * v
	}
	// Hairer's error norm (HNW I, eq. (II.4.11)) with scalar tolerances.
	rt, at := tol.RTol, tol.ATol
	n := len(e)
	y0, y1 = y0[:n], y1[:n]
	var sum float64
	if at > 0 {
		for i, v := range e {
			a, b := math.Abs(y0[i]), math.Abs(y1[i])
			if b > a {
				a = b
			}
			r := v / (at + rt*a)
			sum += r * r
		}
		return sum / float64(n)
	}
	// Relative control only: a component that is zero at both ends has a
	// zero scale, and counts as exact when its error is zero too (as in
	// linalg.Tol.ScaledRMS), rather than making the norm 0/0 = NaN.
	for i, v := range e {
		sc := rt * math.Max(math.Abs(y0[i]), math.Abs(y1[i]))
		if sc == 0 && v == 0 {
			continue
		}
		r := v / sc
		sum += r * r
	}
	return sum / float64(n)
}

// initialStep is the starting step heuristic of Hairer, Nørsett and Wanner
// (Solving ODEs I, 1993, Sec. II.4, p. 169) as in Hairer's HINIT: an Euler
// step of size h0 = 0.01·‖y0‖/‖f0‖ estimates the second derivative, and
// h = min(100·h0, (0.01/max(‖f0‖, ‖f'‖))^(1/order), hmax). It evaluates f
// once, into slot 1. The norms are the error norm (RMS, as in the book;
// Hairer's Fortran leaves out the 1/n).
func (s *Solver) initialStep(t0 float64, y0, f0 []float64, dir, hmax float64, tol *linalg.Tol, norm Norm) float64 {
	d0 := s.measure(y0, y0, y0, tol, norm)
	d1 := s.measure(f0, y0, y0, tol, norm)
	h0 := 1e-6
	if !(d0 <= 1e-5 || d1 <= 1e-5) {
		h0 = 0.01 * d0 / d1
	}
	if !(h0 > 0) {
		// d1 is infinite: a component with a zero error scale (atol = 0 and
		// y0_i = 0) moves. Fall back to Hairer's small first step.
		h0 = 1e-6
	}
	h0 = math.Min(h0, hmax)
	yt := s.yt
	for i := range yt {
		yt[i] = y0[i] + h0*dir*f0[i]
	}
	f1 := s.ks[1]
	s.f.Eval(t0+h0*dir, yt, f1)
	for i := range s.dy {
		s.dy[i] = f1[i] - f0[i]
	}
	d2 := s.measure(s.dy, y0, y0, tol, norm) / h0
	dm := math.Max(d1, d2)
	var h1 float64
	if dm <= 1e-15 || !(dm <= math.MaxFloat64) {
		// Degenerate (NaN or infinite, from a zero error scale) as well as
		// tiny derivatives get HINIT's fallback.
		h1 = math.Max(1e-6, h0*1e-3)
	} else {
		h1 = math.Pow(0.01/dm, 1/float64(s.tab.Order))
	}
	return math.Min(math.Min(100*h0, h1), hmax) * dir
}

// denseBlock computes the coefficient block (y, c_1 … c_m) of the
// interpolant on the step from (t, y) to (t1, y1) into out, evaluating
// f(t1, y1) for a method that is not FSAL and the extra stages of the
// method's own extension where they are needed. It returns the number of
// evaluations of f it made.
func (s *Solver) denseBlock(form *interpForm, t, t1, h float64, y, y1 []float64, f1done *bool, jumpEnd bool, out []float64) int {
	n := s.n
	nfev := 0
	if !*f1done {
		t1e := t1
		if jumpEnd {
			t1e = math.Nextafter(t1, t)
		}
		s.f.Eval(t1e, y1, s.ks[s.next])
		nfev++
		*f1done = true
	}
	if form.extra {
		base := len(s.ks) - len(s.xRows)
		for j := range s.xRows {
			s.xRows[j].apply(s.yt, y, h)
			s.f.Eval(t+float64(s.xC[j]*h), s.yt, s.ks[base+j]) // rounded as the stage times are
			nfev++
		}
	}
	copy(out[:n], y)
	dy := s.dy
	for i := range dy {
		dy[i] = y1[i] - y[i]
	}
	for j := 1; j <= form.m; j++ {
		cj := out[j*n : (j+1)*n]
		a := form.delta[j-1]
		for i := range cj {
			cj[i] = a * dy[i]
		}
		form.rows[j-1].apply(cj, cj, h)
	}
	return nfev
}

// locate finds the crossing of the event function on the step from t to
// t1 = t + h by the Illinois variant of regula falsi on the interpolant
// (Dowell, Jarratt, BIT 11, 1971), returning θ ∈ (0, 1] on the far side of
// the crossing, to within a few units of round-off in t.
func (s *Solver) locate(g func(float64, []float64) float64, coef []float64, deg int, t, t1, h, ga, gb float64) float64 {
	a, b := 0.0, 1.0
	fa, fb := ga, gb
	res := 4 * 0x1p-52 * math.Max(math.Abs(t), math.Abs(t1)) / math.Abs(h)
	side := 0
	for it := 0; it < 200 && b-a > res; it++ {
		m := (a*fb - b*fa) / (fb - fa)
		if !(m > a && m < b) {
			m = 0.5 * (a + b)
		}
		evalPoly(s.yev, coef, deg, m)
		fm := g(t+m*h, s.yev)
		if fm == 0 {
			return m
		}
		if (fm > 0) == (fb > 0) {
			b, fb = m, fm
			if side == 1 {
				fa /= 2
			}
			side = 1
		} else {
			a, fa = m, fm
			if side == -1 {
				fb /= 2
			}
			side = -1
		}
	}
	return b
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

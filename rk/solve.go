package rk

import (
	"fmt"
	"math"

	"github.com/nde-go/nde/linalg"
)

// Stats counts the work of a solve.
type Stats struct {
	// NFev counts every evaluation of the field: the initial derivative,
	// the initial-step heuristic's, every stage of every step attempt, and
	// the extra evaluations dense output needs.
	NFev int
	// Steps counts accepted steps, Rejected rejected step attempts.
	Steps, Rejected int
}

// Solution receives the results of a solve. Its slices are reused by later
// solves into the same Solution, so that once they have grown to the size
// a problem needs, solving allocates nothing; copy out what must outlive
// the next solve.
type Solution struct {
	// T is the time the solve reached: t1, the event time, or after a
	// failure the time of the last accepted step. Y is the state there.
	T float64
	Y []float64
	// Ys holds the states at Options.SaveAt, row i at Ys[i·n:(i+1)·n].
	// NSaved rows were reached; the others (after an event or a failure)
	// are NaN.
	Ys     []float64
	NSaved int
	// StepT and StepY hold t0 and the end of every accepted step, and the
	// states there (row by row), when Options.SaveSteps is set. Step k went
	// from StepT[k] to StepT[k+1]; Solver.Step between those times repeats
	// it. After an event the last step is the one that contains it.
	StepT, StepY []float64
	// Dense is the interpolant over the solve when Options.Dense is set,
	// and empty otherwise.
	Dense Dense
	// Event reports that the solve ended at a crossing of Options.Event.
	Event bool
	// HNext is the step size the controller proposed after the last step.
	HNext float64
	// Stats counts the work done.
	Stats Stats
}

func resize(x []float64, n int) []float64 {
	if cap(x) >= n {
		return x[:n]
	}
	return make([]float64, n)
}

var defaultOptions Options

const (
	modeAdaptive = iota
	modeFixed
	modeGrid
)

// Solve integrates from (t0, y0) to t1, forwards or backwards in time, and
// writes the results to sol. opt may be nil for the defaults. Bad input
// returns an error wrapping ErrDimension, ErrInput, ErrTolerance,
// ErrOptions or ErrNoErrorEstimate before any work. A numerical failure
// returns a *SolveError (wrapping ErrNonFinite, ErrStepSize or
// ErrTooManySteps), and sol then holds the results up to the last accepted
// step and the statistics.
func (s *Solver) Solve(t0, t1 float64, y0 []float64, opt *Options, sol *Solution) error {
	if opt == nil {
		opt = &defaultOptions
	}
	if sol == nil {
		return fmt.Errorf("%w: nil Solution", ErrInput)
	}
	p, err := s.plan(t0, t1, y0, opt)
	if err != nil {
		return err
	}
	n, dir, mode := s.n, p.dir, p.mode
	nFix, hFix := p.nFix, p.hFix
	tol, pid, norm := p.tol, p.pid, opt.Norm
	hmin, hmax, maxSteps := p.hmin, p.hmax, p.maxSteps
	b1, b2, b3 := p.b1, p.b2, p.b3
	form := p.form
	deg := form.m
	needDense := opt.Dense || opt.Event != nil || len(opt.SaveAt) > 0
	s.plain = false

	// Outputs.
	sol.Y = resize(sol.Y, n)
	sol.Ys = resize(sol.Ys, len(opt.SaveAt)*n)
	for i := range sol.Ys {
		sol.Ys[i] = math.NaN()
	}
	sol.NSaved = 0
	sol.StepT, sol.StepY = sol.StepT[:0], sol.StepY[:0]
	sol.Event = false
	sol.HNext = 0
	sol.Stats = Stats{}
	if opt.Dense {
		sol.Dense.reset(n, deg, t0, dir)
	} else {
		sol.Dense.clear()
	}
	var st Stats

	y, y1 := s.y, s.y1
	copy(y, y0)
	t := t0
	k0 := s.ks[0]
	f := s.f
	f.Eval(t, y, k0)
	st.NFev++
	if ok, c := linalg.AllFinite(k0); !ok {
		return s.fail(sol, ErrNonFinite, t, 0, c, y, st)
	}

	iSave := 0
	for iSave < len(opt.SaveAt) && opt.SaveAt[iSave] == t0 {
		copy(sol.Ys[iSave*n:(iSave+1)*n], y)
		iSave++
	}
	sol.NSaved = iSave
	if opt.SaveSteps {
		sol.StepT = append(sol.StepT, t0)
		sol.StepY = append(sol.StepY, y...)
	}
	var g0 float64
	if opt.Event != nil {
		g0 = opt.Event(t0, y)
	}
	iStop, iJump := 0, 0
	for iStop < len(opt.StepTo) && opt.StepTo[iStop] == t0 {
		iStop++
	}
	for iJump < len(opt.Jumps) && opt.Jumps[iJump] == t0 {
		iJump++
	}

	var h float64
	if mode == modeAdaptive {
		if opt.H0 > 0 {
			h = math.Min(opt.H0, hmax) * dir
		} else {
			h = s.initialStep(t0, y, k0, dir, hmax, &tol, norm)
			st.NFev++
			if math.Abs(h) < hmin {
				h = hmin * dir // the heuristic's step is bounded by HMin too
			}
		}
	}
	if mode == modeAdaptive && !needDense && !opt.SaveSteps && len(opt.StepTo) == 0 && len(opt.Jumps) == 0 &&
		!(opt.ForceHMin && hmin > 0) {
		s.plain = true
		return s.plainLoop(t, t1, h, y, y1, &p, norm, sol, st)
	}
	fsalOK := true
	rejectLast := false
	lOld1, lOld2 := logErrFloor, logErrFloor
	attempts := 0
	kFix, iGrid := 0, 0
	nanComp := -1
	forced := false // the step size was raised to HMin: accept whatever the error
	for {
		stop, jump := t1, false
		if iStop < len(opt.StepTo) && (opt.StepTo[iStop]-stop)*dir < 0 {
			stop = opt.StepTo[iStop]
		}
		if iJump < len(opt.Jumps) && (opt.Jumps[iJump]-stop)*dir <= 0 {
			stop, jump = opt.Jumps[iJump], true
		}
		if maxSteps > 0 && attempts >= maxSteps {
			return s.fail(sol, ErrTooManySteps, t, h, -1, y, st)
		}
		var tn, tg float64
		reach := false
		switch mode {
		case modeAdaptive:
			ah := math.Abs(h)
			forced = false
			// Stretch the step by up to 1% to land on the stop, as Hairer's
			// codes do with XEND; ≥ rather than Hairer's >, because for a
			// step of a few ulps t + 1.01·h may round to t + h = stop.
			reach = (t+1.01*h-stop)*dir >= 0
			// !(ah >= hmin) also stops a NaN step size. A step below the
			// resolution of t fails (Hairer's test) unless it reaches its
			// stop, which is then representable and a step away.
			if !(ah >= hmin) || (0.1*ah <= math.Abs(t)*uround && !reach) {
				if opt.ForceHMin && hmin > 0 && 0.1*hmin > math.Abs(t)*uround {
					h, forced = hmin*dir, true
					reach = (t+1.01*h-stop)*dir >= 0
				} else {
					if nanComp >= 0 {
						return s.fail(sol, ErrNonFinite, t, h, nanComp, y, st)
					}
					return s.fail(sol, ErrStepSize, t, h, -1, y, st)
				}
			}
			if reach {
				tn = stop
			} else {
				tn = t + h
			}
		case modeFixed:
			tg = t1
			if kFix+1 < nFix {
				tg = t0 + float64(kFix+1)*hFix
			}
			if (tg-stop)*dir >= 0 {
				tn, reach = stop, true
			} else {
				tn = tg
			}
		case modeGrid:
			tg = opt.Grid[iGrid+1]
			if (tg-stop)*dir >= 0 {
				tn, reach = stop, true
			} else {
				tn = tg
			}
		}
		attempts++
		hs := tn - t
		if !fsalOK {
			f.Eval(t, y, k0)
			st.NFev++
			if ok, c := linalg.AllFinite(k0); !ok {
				return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
			}
			fsalOK = true
		}
		jumpEnd := reach && jump
		s.stages(t, tn, hs, y, y1, jumpEnd)
		st.NFev += s.s - 1
		var hNew float64
		if mode == modeAdaptive {
			e2 := s.errNorm2(hs, y, y1, &tol, norm)
			// A step that would be accepted must also have a finite new
			// state: an overflowing state has an infinite error scale, which
			// turns a finite error estimate into 0, and a seminorm may not
			// look at the component at all.
			yBad := -1
			if e2 <= 1 || forced {
				if ok, c := linalg.AllFinite(y1); !ok {
					yBad = c
				}
			}
			if forced && (yBad >= 0 || !(e2 <= math.MaxFloat64)) {
				// A forced step is accepted whatever its error, but not
				// with a non-finite one.
				c := 0
				if yBad >= 0 {
					c = yBad
				} else if ok, i := linalg.AllFinite(s.e); !ok {
					c = i
				}
				return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
			}
			if (!(e2 <= 1) || yBad >= 0) && !forced {
				st.Rejected++
				rejectLast = true
				var fac float64
				fac, nanComp = s.rejected(e2, yBad, y1, &pid, b1)
				h = hs * fac
				continue
			}
			nanComp = -1
			// le is the log of the error remembered for the next steps;
			// raw is the factor before the limits.
			fac, raw, le := pid.accepted(e2, b1, b2, b3, lOld1, lOld2)
			lOld2, lOld1 = lOld1, le
			if rejectLast && fac > 1 {
				fac = 1
			}
			rejectLast = false
			hNew = hs * fac
			if reach && raw > pid.FacMax && math.Abs(hs) < math.Abs(h) {
				// The step was cut short to land on a stop, and its error
				// does not limit the next one: FacMax limits growth over
				// the step the controller chose, not over a cut one, which
				// may be a tiny fraction of it (when stops are close) with
				// an error made of round-off. Return to the chosen step.
				hNew = h
			}
			if math.Abs(hNew) > hmax {
				hNew = hmax * dir
			}
		} else if ok, c := linalg.AllFinite(y1); !ok {
			return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
		}
		st.Steps++

		// Outputs of the accepted step from (t, y) to (tn, y1).
		f1done := s.fsal
		var coef []float64
		tEnd, yEnd := tn, y1
		event := false
		if needDense {
			if opt.Event != nil {
				g1 := opt.Event(tn, y1)
				if crosses(g0, g1, opt.EventDirection) {
					coef = s.dc[:(deg+1)*n]
					st.NFev += s.denseBlock(form, t, tn, hs, y, y1, &f1done, jumpEnd, coef)
					th := 1.0
					if g1 != 0 {
						th = s.locate(opt.Event, coef, deg, t, tn, hs, g0, g1)
					}
					if th < 1 {
						// The state at the event is the interpolant at the
						// θ that the time, once rounded, maps back to: the
						// one Dense.At would use.
						tEnd = t + th*hs
						if tEnd == t { // the crossing lies within the first ulp of t
							tEnd = math.Nextafter(t, tn)
						}
						yEnd = s.yev
						evalPoly(yEnd, coef, deg, (tEnd-t)/hs)
						if ok, c := linalg.AllFinite(yEnd); !ok {
							// The interpolant overflowed on a step whose
							// ends are finite.
							st.Steps--
							return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
						}
					}
					event = true
				}
				if g1 != 0 || g0 == 0 {
					g0 = g1
				}
			}
			for iSave < len(opt.SaveAt) && (opt.SaveAt[iSave]-tEnd)*dir <= 0 {
				ts := opt.SaveAt[iSave]
				dst := sol.Ys[iSave*n : (iSave+1)*n]
				switch {
				case ts == tn:
					copy(dst, y1)
				case event && ts == tEnd:
					copy(dst, yEnd)
				default:
					if coef == nil {
						coef = s.dc[:(deg+1)*n]
						st.NFev += s.denseBlock(form, t, tn, hs, y, y1, &f1done, jumpEnd, coef)
					}
					evalPoly(dst, coef, deg, (ts-t)/hs)
					if ok, c := linalg.AllFinite(dst); !ok {
						st.Steps--
						for i := sol.NSaved * n; i < (iSave+1)*n; i++ {
							sol.Ys[i] = math.NaN() // rows of the failed step
						}
						return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
					}
				}
				iSave++
			}
			sol.NSaved = iSave
			if opt.Dense {
				copy(sol.Dense.yLast, y1)
				blk := sol.Dense.push(tn)
				if coef != nil {
					copy(blk, coef)
				} else {
					st.NFev += s.denseBlock(form, t, tn, hs, y, y1, &f1done, jumpEnd, blk)
				}
				sol.Dense.tEnd = tEnd
			}
		}
		if opt.SaveSteps {
			sol.StepT = append(sol.StepT, tn)
			sol.StepY = append(sol.StepY, y1...)
		}

		// Advance.
		t = tn
		y, y1 = y1, y
		fsalOK = f1done && !jumpEnd
		if fsalOK {
			copy(k0, s.ks[s.next])
		}
		if reach {
			for iStop < len(opt.StepTo) && (opt.StepTo[iStop]-t)*dir <= 0 {
				iStop++
			}
			for iJump < len(opt.Jumps) && (opt.Jumps[iJump]-t)*dir <= 0 {
				iJump++
			}
		}
		switch mode {
		case modeFixed:
			if tn == tg {
				kFix++
			}
		case modeGrid:
			if tn == tg {
				iGrid++
			}
		}
		if event {
			sol.T = tEnd
			copy(sol.Y, yEnd)
			sol.Event = true
			sol.HNext = hNew
			sol.Stats = st
			return nil
		}
		if mode == modeAdaptive {
			h = hNew
		}
		if reach && stop == t1 {
			break
		}
	}
	sol.T = t
	copy(sol.Y, y)
	sol.HNext = h
	sol.Stats = st
	return nil
}

// plainLoop is Solve's loop for adaptive steps to t1 with no output but
// the final state: no StepTo, Jumps, SaveAt, SaveSteps, Dense, Event or
// forced HMin. It takes the same steps as the general loop, bit for bit,
// with the controller written out again, but without the bookkeeping of
// stops and outputs, which for small states costs as much as the step
// itself. (t, y) with k0 = f(t, y) is where the solve stands, h the
// proposed step, st the work so far.
func (s *Solver) plainLoop(t, t1, h float64, y, y1 []float64, p *plan, norm Norm, sol *Solution, st Stats) error {
	dir, hmin, hmax, maxSteps := p.dir, p.hmin, p.hmax, p.maxSteps
	// The controller's values in locals as in Solve, so that the compiler
	// fuses the same multiply–adds.
	pid, b1, b2, b3 := p.pid, p.b1, p.b2, p.b3
	tol := &p.tol
	fused := s.fusedNorm(tol, norm)
	k0, kNext := s.ks[0], s.ks[s.next]
	nStages := s.s - 1
	fsalOK := true
	rejectLast := false
	lOld1, lOld2 := logErrFloor, logErrFloor
	nanComp := -1
	for attempts := 0; ; attempts++ {
		if attempts >= maxSteps { // > 0 for adaptive steps
			return s.fail(sol, ErrTooManySteps, t, h, -1, y, st)
		}
		// As in Solve: stretch by up to 1% to land on t1, and fail below
		// HMin or the resolution of t.
		ah := math.Abs(h)
		reach := (t+1.01*h-t1)*dir >= 0
		if !(ah >= hmin) || (0.1*ah <= math.Abs(t)*uround && !reach) {
			if nanComp >= 0 {
				return s.fail(sol, ErrNonFinite, t, h, nanComp, y, st)
			}
			return s.fail(sol, ErrStepSize, t, h, -1, y, st)
		}
		tn := t + h
		if reach {
			tn = t1
		}
		hs := tn - t
		if !fsalOK {
			s.f.Eval(t, y, k0)
			st.NFev++
			if ok, c := linalg.AllFinite(k0); !ok {
				return s.fail(sol, ErrNonFinite, t, hs, c, y, st)
			}
			fsalOK = true
		}
		var e2 float64
		yFinite := false // known to be finite
		if fused {
			s.fsal7Stages(t, tn, hs, y, y1, false)
			e2, yFinite = s.fsal7Err2(hs, y, y1, tol.RTol, tol.ATol)
		} else {
			s.stages(t, tn, hs, y, y1, false)
			e2 = s.errNorm2(hs, y, y1, tol, norm)
		}
		st.NFev += nStages
		yBad := -1
		if e2 <= 1 && !yFinite {
			if ok, c := linalg.AllFinite(y1); !ok {
				yBad = c
			}
		}
		if !(e2 <= 1) || yBad >= 0 {
			st.Rejected++
			rejectLast = true
			var fac float64
			fac, nanComp = s.rejected(e2, yBad, y1, &pid, b1)
			h = hs * fac
			continue
		}
		nanComp = -1
		fac, raw, le := pid.accepted(e2, b1, b2, b3, lOld1, lOld2)
		lOld2, lOld1 = lOld1, le
		if rejectLast && fac > 1 {
			fac = 1
		}
		rejectLast = false
		hNew := hs * fac
		if reach && raw > pid.FacMax && math.Abs(hs) < math.Abs(h) {
			hNew = h
		}
		if math.Abs(hNew) > hmax {
			hNew = hmax * dir
		}
		st.Steps++
		t = tn
		y, y1 = y1, y
		if s.fsal {
			for i, v := range kNext[:len(k0)] {
				k0[i] = v
			}
		} else {
			fsalOK = false
		}
		h = hNew
		if reach {
			break
		}
	}
	sol.T = t
	copy(sol.Y, y)
	sol.HNext = h
	sol.Stats = st
	return nil
}

// rejected returns, for both stepping loops, the factor on the step size
// after a step with error e2 (squared) or a non-finite new state (a
// component yBad ≥ 0) is rejected, and the component to report should the
// step size then fail, -1 for none.
func (s *Solver) rejected(e2 float64, yBad int, y1 []float64, pid *PID, b1 float64) (fac float64, nanComp int) {
	fac = pid.FacMin
	switch {
	case yBad >= 0:
		return fac, yBad
	case e2 <= math.MaxFloat64:
		if f := pid.Safety * fastExp(-0.5*b1*fastLog(e2)); f > fac {
			fac = f
		}
		return fac, -1
	}
	if ok, c := linalg.AllFinite(y1); !ok {
		return fac, c
	}
	if ok, c := linalg.AllFinite(s.e); !ok {
		return fac, c
	}
	return fac, 0
}

// crosses reports whether the event function changed sign from g0 to g1
// in the allowed direction.
func crosses(g0, g1 float64, direction int) bool {
	rising := g0 < 0 && g1 >= 0
	falling := g0 > 0 && g1 <= 0
	switch {
	case direction > 0:
		return rising
	case direction < 0:
		return falling
	}
	return rising || falling
}

func (s *Solver) fail(sol *Solution, kind error, t, h float64, comp int, y []float64, st Stats) error {
	sol.T = t
	copy(sol.Y, y)
	sol.Stats = st
	return &SolveError{Err: kind, Step: st.Steps, T: t, H: h, Component: comp}
}

// plan is a solve's settings, checked and resolved from its Options.
type plan struct {
	dir        float64 // +1 forwards, −1 backwards
	mode       int
	nFix       int     // fixed steps: their number
	hFix       float64 // and size, signed
	tol        linalg.Tol
	pid        PID
	b1, b2, b3 float64 // the PID exponents divided by the control order
	hmin, hmax float64
	maxSteps   int
	form       *interpForm
}

// plan checks the input of a solve and resolves the options' defaults. It
// returns an error wrapping one of the input errors for anything unusable.
func (s *Solver) plan(t0, t1 float64, y0 []float64, opt *Options) (plan, error) {
	var p plan
	n := s.n
	if len(y0) != n {
		return p, fmt.Errorf("%w: len(y0) = %d, state length %d", ErrDimension, len(y0), n)
	}
	if !isFinite(t0) || !isFinite(t1) || t0 == t1 {
		return p, fmt.Errorf("%w: time span [%g, %g]", ErrInput, t0, t1)
	}
	if ok, i := linalg.AllFinite(y0); !ok {
		return p, fmt.Errorf("%w: y0[%d] = %g", ErrInput, i, y0[i])
	}
	p.dir = 1
	if t1 < t0 {
		p.dir = -1
	}
	switch {
	case opt.Dt != 0 && opt.Grid != nil:
		return p, fmt.Errorf("%w: both Dt and Grid given", ErrOptions)
	case opt.Dt != 0:
		if !(opt.Dt > 0) || math.IsInf(opt.Dt, 0) {
			return p, fmt.Errorf("%w: Dt = %g", ErrOptions, opt.Dt)
		}
		r := math.Abs(t1-t0) / opt.Dt
		if r > 1e15 || r >= float64(math.MaxInt) {
			return p, fmt.Errorf("%w: Dt = %g makes %g steps", ErrOptions, opt.Dt, r)
		}
		p.mode = modeFixed
		p.nFix = max(1, int(math.Ceil(r-1e-9)))
		p.hFix = opt.Dt * p.dir
	case opt.Grid != nil:
		g := opt.Grid
		if len(g) < 2 || g[0] != t0 || g[len(g)-1] != t1 {
			return p, fmt.Errorf("%w: Grid must run from t0 = %g to t1 = %g", ErrOptions, t0, t1)
		}
		if err := monotone("Grid", g, t0, t1, p.dir, true); err != nil {
			return p, err
		}
		p.mode = modeGrid
	default:
		if !s.tab.Adaptive() {
			return p, fmt.Errorf("%w: %s", ErrNoErrorEstimate, s.tab.Name)
		}
		p.mode = modeAdaptive
	}
	if err := monotone("StepTo", opt.StepTo, t0, t1, p.dir, false); err != nil {
		return p, err
	}
	if err := monotone("Jumps", opt.Jumps, t0, t1, p.dir, false); err != nil {
		return p, err
	}
	if err := monotone("SaveAt", opt.SaveAt, t0, t1, p.dir, false); err != nil {
		return p, err
	}

	p.tol = linalg.Tol{RTol: opt.RTol, ATol: opt.ATol, RTols: opt.RTols, ATols: opt.ATols}
	if p.tol.RTol == 0 && p.tol.ATol == 0 && p.tol.RTols == nil && p.tol.ATols == nil {
		p.tol.RTol, p.tol.ATol = 1e-6, 1e-6
	}
	p.pid = opt.Controller.resolve(s.pid)
	p.hmax = math.Abs(t1 - t0)
	p.hmin = opt.HMin
	p.maxSteps = opt.MaxSteps
	if p.mode == modeAdaptive {
		if err := p.tol.Validate(n); err != nil {
			return p, fmt.Errorf("%w: %w", ErrTolerance, err)
		}
		if err := p.pid.validate(); err != nil {
			return p, err
		}
		for _, v := range [...]float64{opt.H0, opt.HMin, opt.HMax} {
			if !(v >= 0) || math.IsInf(v, 0) {
				return p, fmt.Errorf("%w: H0 = %g, HMin = %g, HMax = %g", ErrOptions, opt.H0, opt.HMin, opt.HMax)
			}
		}
		if opt.HMax > 0 {
			p.hmax = opt.HMax
		}
		if p.hmin > p.hmax {
			return p, fmt.Errorf("%w: HMin = %g > HMax = %g", ErrOptions, p.hmin, p.hmax)
		}
		// A first step below HMin would fail (or be forced) at once, after
		// f(t0, y0) has been evaluated.
		if opt.H0 > 0 && opt.H0 < p.hmin {
			return p, fmt.Errorf("%w: H0 = %g < HMin = %g", ErrOptions, opt.H0, p.hmin)
		}
		if p.maxSteps == 0 {
			p.maxSteps = 100000
		}
	}
	if p.maxSteps < 0 {
		return p, fmt.Errorf("%w: MaxSteps = %d", ErrOptions, p.maxSteps)
	}
	p.b1 = (p.pid.P + p.pid.I + p.pid.D) / s.q
	p.b2 = -(p.pid.P + 2*p.pid.D) / s.q
	p.b3 = p.pid.D / s.q
	p.form = s.interp(opt)
	return p, nil
}

// accepted returns the step factor after an accepted step whose squared
// scaled error is e2, given the logs of the two errors before it: fac
// within [FacMin, FacMax], raw before those limits (+Inf for a zero error),
// and le, the log of this error (floored) for the steps after it.
func (p *PID) accepted(e2, b1, b2, b3, lOld1, lOld2 float64) (fac, raw, le float64) {
	le, fac, raw = logErrFloor, p.FacMax, math.Inf(1)
	if e2 > 0 {
		lc := 0.5 * fastLog(e2)
		if lc > le {
			le = lc
		}
		raw = p.Safety * fastExp(-b1*lc-b2*lOld1-b3*lOld2)
		fac = raw
		if fac > p.FacMax {
			fac = p.FacMax
		} else if !(fac >= p.FacMin) {
			fac = p.FacMin
		}
	}
	return fac, raw, le
}

// interp returns the interpolant a solve with opt builds its dense output
// with: the method's own where it has one and Hermite is not asked for.
func (s *Solver) interp(opt *Options) *interpForm {
	if s.own.m > 0 && !opt.Hermite {
		return &s.own
	}
	return &s.herm
}

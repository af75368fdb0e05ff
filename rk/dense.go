package rk

import (
	"fmt"
	"math"
)

// Dense is the interpolant of a whole solve: on each accepted step from
// t_k to t_{k+1} a polynomial in θ = (t − t_k)/(t_{k+1} − t_k), the
// method's own continuous extension or the cubic Hermite interpolant, in
// the nested form of Interp.
// It lives in a Solution and its storage is reused by later solves;
// Solver.Reserve sizes it before the first.
type Dense struct {
	n, deg int
	dir    float64   // +1 forwards, −1 backwards
	ts     []float64 // step boundaries t_0 … t_m
	coef   []float64 // per step (deg+1)·n values: y_k, c_1 … c_deg
	tEnd   float64   // end of the span (an event may end it inside the last step)
	yLast  []float64 // the state at the end of the last step
}

// Reserve sizes the storage of sol for solves by s with the options opt
// (nil for the defaults) that take up to steps accepted steps: the final
// state, the rows of opt.SaveAt, and with opt.SaveSteps and opt.Dense the
// steps and the interpolant. A solve within that size then allocates
// nothing, the first one into sol included; one that takes more steps
// grows the storage as it goes. Stats.Steps of an earlier solve of the
// problem tells how many steps to reserve. Reserve keeps what sol holds.
func (s *Solver) Reserve(sol *Solution, opt *Options, steps int) {
	if opt == nil {
		opt = &defaultOptions
	}
	n, m := s.n, max(steps, 0)+1 // m step ends, t0 included
	sol.Y = grow(sol.Y, n)
	sol.Ys = grow(sol.Ys, len(opt.SaveAt)*n)
	if opt.SaveSteps {
		sol.StepT = grow(sol.StepT, m)
		sol.StepY = grow(sol.StepY, m*n)
	}
	if opt.Dense {
		deg := s.interp(opt).m
		d := &sol.Dense
		d.ts = grow(d.ts, m)
		d.coef = grow(d.coef, (m-1)*(deg+1)*n)
		d.yLast = grow(d.yLast, n)
	}
}

// grow returns x with its length and contents, and a capacity of at least c.
func grow(x []float64, c int) []float64 {
	if cap(x) >= c {
		return x
	}
	y := make([]float64, len(x), c)
	copy(y, x)
	return y
}

func (d *Dense) reset(n, deg int, t0, dir float64) {
	d.n, d.deg, d.dir = n, deg, dir
	d.ts = append(d.ts[:0], t0)
	d.coef = d.coef[:0]
	d.tEnd = t0
	d.yLast = resize(d.yLast, n)
}

// clear empties the interpolant, keeping its storage.
func (d *Dense) clear() {
	d.ts = d.ts[:0]
	d.coef = d.coef[:0]
}

// push appends room for one step ending at t1 and returns its coefficient
// block, to be filled by the caller.
func (d *Dense) push(t1 float64) []float64 {
	d.ts = append(d.ts, t1)
	m := (d.deg + 1) * d.n
	l := len(d.coef)
	if cap(d.coef)-l < m {
		c := make([]float64, l, 2*cap(d.coef)+m)
		copy(c, d.coef)
		d.coef = c
	}
	d.coef = d.coef[:l+m]
	d.tEnd = t1
	return d.coef[l : l+m]
}

// Steps returns the number of steps the interpolant covers.
func (d *Dense) Steps() int {
	if len(d.ts) == 0 {
		return 0
	}
	return len(d.ts) - 1
}

// Span returns the times at the two ends of the interpolant, in the order
// of integration.
func (d *Dense) Span() (t0, t1 float64) {
	if len(d.ts) == 0 {
		return math.NaN(), math.NaN()
	}
	return d.ts[0], d.tEnd
}

// Degree returns the degree of the interpolating polynomials.
func (d *Dense) Degree() int { return d.deg }

// At writes the interpolated state at time t into out, which must have the
// state's length. It returns ErrOutsideSpan for a t outside Span and
// ErrDimension for a wrong length. At a step boundary it returns the
// accepted state there.
func (d *Dense) At(t float64, out []float64) error {
	if len(d.ts) < 2 {
		return fmt.Errorf("%w: the interpolant is empty", ErrOutsideSpan)
	}
	if len(out) != d.n {
		return fmt.Errorf("%w: len(out) = %d, state length %d", ErrDimension, len(out), d.n)
	}
	t0, dir := d.ts[0], d.dir
	if !((t-t0)*dir >= 0 && (t-d.tEnd)*dir <= 0) {
		return fmt.Errorf("%w: t = %g outside [%g, %g]", ErrOutsideSpan, t, t0, d.tEnd)
	}
	// Binary search for the step k with t_k ≤ t ≤ t_{k+1} (in direction).
	lo, hi := 0, len(d.ts)-2
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if (t-d.ts[mid+1])*dir > 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	k := lo
	m := (d.deg + 1) * d.n
	if t == d.ts[k+1] {
		// At a step end, the accepted state itself: the polynomial there
		// is y0 + c_1 up to rounding (or overflow, for huge states).
		if k+2 < len(d.ts) {
			copy(out, d.coef[(k+1)*m:(k+1)*m+d.n])
		} else {
			copy(out, d.yLast)
		}
		return nil
	}
	h := d.ts[k+1] - d.ts[k]
	evalPoly(out, d.coef[k*m:(k+1)*m], d.deg, (t-d.ts[k])/h)
	return nil
}

// evalPoly writes y0 + θ(c_1 + (1−θ)(c_2 + θ(c_3 + (1−θ)(c_4 + …)))) for
// the coefficient block c = (y0, c_1, …, c_m), each of length len(out).
func evalPoly(out, c []float64, m int, theta float64) {
	n := len(out)
	copy(out, c[m*n:(m+1)*n])
	s1 := 1 - theta
	for j := m - 1; j >= 1; j-- {
		w := theta
		if j%2 == 1 {
			w = s1
		}
		cj := c[j*n : (j+1)*n]
		for i := range out {
			out[i] = cj[i] + w*out[i]
		}
	}
	y0 := c[:n]
	for i := range out {
		out[i] = y0[i] + theta*out[i]
	}
}

package brownian

import (
	"fmt"
	"math"
)

// Options configures a Tree or an Interval. The zero value is a path
// without Lévy area, with the default cursors and cache.
type Options struct {
	// Levy makes the path carry space-time Lévy area, for
	// IncrementLevy. It changes the sample: the same seed gives a
	// different W with and without it.
	Levy bool

	// Cursors is the number of recently queried times whose
	// root-to-bottom paths the path keeps (0 means 4; otherwise 2 to
	// 64). A new time is built from the kept path that shares the most
	// nodes with it, which is what makes a solver's forward or backward
	// steps cost O(1) each. Each cursor holds 16·54·dim bytes for an
	// Interval (32·54·dim with Lévy area), and the cursors together may
	// hold at most 4 GiB.
	Cursors int

	// Cache is the number of recent increments remembered, each taking
	// 16 + 8·dim bytes, 16 + 16·dim with Lévy area (0 means 4096, or
	// fewer to stay within about 1 MiB, at least 64; a negative value
	// keeps none; rounded up to a power of two, at most 2²⁴ entries and
	// at most 2 GiB (2³¹ bytes) in all, which the default never exceeds,
	// and on 32-bit platforms no more than an int's worth of bytes; a
	// larger cache is an ErrArgument). A repeated
	// query, such as a backward pass over the steps of a forward solve,
	// is then a copy.
	Cache int
}

// Interval is a Brownian path on [t0, t1] whose increments are exact on the
// grid t0 + k·(t1−t0)·2⁻⁵³, k = 0 … 2⁵³: the dyadic tree is descended to
// the grid's steps (53 levels below the root), and at the grid times the
// values are an exact sample of Brownian motion, with space-time Lévy area
// if asked for. Other query times are rounded to the nearest grid point,
// up to float64 rounding (see the package documentation), so times closer
// together than one grid step may give a zero increment. A bounded set of
// cursors and a cache of increments make
// sequential queries O(1) amortised. Results depend on the seed and the
// query times only — not on the order of the queries, the cursors or the
// cache — and are bit-identical on every architecture.
//
// An Interval is not safe for concurrent use; make one per goroutine (same
// seed, same path).
type Interval struct {
	e *engine
}

// NewInterval returns the Brownian path of the given seed on [t0, t1] in
// dim dimensions, 1 ≤ dim ≤ 2²⁰. Its memory is allocated here; queries
// allocate nothing.
func NewInterval(t0, t1 float64, dim int, seed uint64, o Options) (*Interval, error) {
	e, err := newEngine(t0, t1, dim, seed, gridBits, o)
	if err != nil {
		return nil, err
	}
	return &Interval{e}, nil
}

// Increment writes W(t) − W(s) into dw, len(dw) = Dim(). For s > t it is the
// negated increment over [t, s]; s == t gives zeros. Both times must lie in
// the span.
func (p *Interval) Increment(s, t float64, dw []float64) error {
	if len(dw) != p.e.dim {
		return fmt.Errorf("%w: Interval.Increment: len(dw) = %d, dimension %d", ErrLength, len(dw), p.e.dim)
	}
	return p.e.query(s, t, dw, nil)
}

// IncrementLevy writes the increment W(t) − W(s) into dw and the space-time
// Lévy area
//
//	H(s,t) = 1/(t−s) ∫ₛᵗ (W(u) − W(s) − (u−s)/(t−s)·(W(t) − W(s))) du
//
// into h, len(dw) = len(h) = Dim(). H(s,t) ~ N(0, (t−s)/12), independent of
// the increment. For s > t, dw is negated and h is H(t,s), which the formula
// gives unchanged with s and t exchanged. The path must have been made with
// Options.Levy.
func (p *Interval) IncrementLevy(s, t float64, dw, h []float64) error {
	return p.e.queryLevy("Interval", s, t, dw, h)
}

// Dim returns the dimension of the path.
func (p *Interval) Dim() int { return p.e.dim }

// Levy reports whether the path carries space-time Lévy area.
func (p *Interval) Levy() bool { return p.e.levy }

// Span returns the ends of the path's time span.
func (p *Interval) Span() (t0, t1 float64) { return p.e.t0, p.e.t1 }

// Tree is a virtual Brownian tree (Li, Wong, Chen and Duvenaud 2020) on
// [t0, t1]: the same dyadic tree as an Interval of the same seed and
// options, descended only until the nodes are no longer than the tolerance;
// within such a leaf a time's value is a Brownian bridge (with Lévy area, a
// bridge of the pair (W, H)) between the leaf's ends, keyed by the time. Its
// values are exact in law at each single time and over intervals whose ends
// lie in different leaves; two times inside one leaf are bridged
// independently, an error of order √tol. At node times down to the leaf
// depth a Tree and an Interval of the same seed agree bit for bit.
//
// A Tree is not safe for concurrent use; make one per goroutine.
type Tree struct {
	e *engine
}

// NewTree returns the virtual Brownian tree of the given seed on [t0, t1]
// in dim dimensions, 1 ≤ dim ≤ 2²⁰, with leaves no longer than tol (time
// units). Its memory is allocated here; queries allocate nothing.
func NewTree(t0, t1 float64, dim int, seed uint64, tol float64, o Options) (*Tree, error) {
	if !(tol > 0) || math.IsInf(tol, 0) {
		return nil, fmt.Errorf("%w: tolerance %v is not a positive finite number", ErrArgument, tol)
	}
	span := t1 - t0
	d := 0
	for d < gridBits && math.Ldexp(span, -d) > tol {
		d++
	}
	e, err := newEngine(t0, t1, dim, seed, d, o)
	if err != nil {
		return nil, err
	}
	return &Tree{e}, nil
}

// Increment writes W(t) − W(s) into dw, as Interval.Increment.
func (p *Tree) Increment(s, t float64, dw []float64) error {
	if len(dw) != p.e.dim {
		return fmt.Errorf("%w: Tree.Increment: len(dw) = %d, dimension %d", ErrLength, len(dw), p.e.dim)
	}
	return p.e.query(s, t, dw, nil)
}

// IncrementLevy writes the increment and the space-time Lévy area over
// [s, t], as Interval.IncrementLevy.
func (p *Tree) IncrementLevy(s, t float64, dw, h []float64) error {
	return p.e.queryLevy("Tree", s, t, dw, h)
}

// Dim returns the dimension of the path.
func (p *Tree) Dim() int { return p.e.dim }

// Levy reports whether the path carries space-time Lévy area.
func (p *Tree) Levy() bool { return p.e.levy }

// Span returns the ends of the path's time span.
func (p *Tree) Span() (t0, t1 float64) { return p.e.t0, p.e.t1 }

// Depth returns the depth of the leaves: they are (t1−t0)·2⁻ᴰᵉᵖᵗʰ long,
// the first such length not above the tolerance (at most 53).
func (p *Tree) Depth() int { return p.e.maxd }

func (e *engine) queryLevy(typ string, s, t float64, dw, h []float64) error {
	if !e.levy {
		return fmt.Errorf("%w: %s.IncrementLevy", ErrNoLevy, typ)
	}
	if len(dw) != e.dim || len(h) != e.dim {
		return fmt.Errorf("%w: %s.IncrementLevy: len(dw) = %d, len(h) = %d, dimension %d", ErrLength, typ, len(dw), len(h), e.dim)
	}
	return e.query(s, t, dw, h)
}

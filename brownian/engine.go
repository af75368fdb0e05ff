package brownian

import (
	"fmt"
	"math"
	"math/bits"
)

// The grid: query times are mapped to k·2⁻⁵³ of the normalised span, k in
// [0, 2⁵³]. Point k (0 < k < 2⁵³) is the midpoint of exactly one dyadic
// node, at depth 52 − tz(k), tz the number of trailing zero bits: an
// Interval splits nodes down to depth 52, and its leaves, the grid steps,
// are at depth gridBits = 53.
const (
	gridBits = 53
	gridN    = uint64(1) << gridBits
	gridUnit = 0x1p-53

	// keyDomain is the second Philox key word ("brownian" in ASCII): it
	// keeps these streams apart from any other use of Philox with the same
	// seed.
	keyDomain = 0x62726f776e69616e

	// Counter word 2 tells node splits from the point bridges of a Tree.
	tagNode  = 0
	tagPoint = 1

	defaultCursors = 4
	defaultCache   = 4096

	// Limits that keep every allocation's size far from overflow; a path
	// at the limits already holds gigabytes.
	maxDim     = 1 << 20
	maxCursors = 64

	// maxCacheBytes bounds the increment cache: 2 GiB, twice the largest
	// default (64 entries of a path of dimension 2²⁰ with Lévy area).
	maxCacheBytes = uint64(1) << 31

	// maxCursorBytes bounds the kept root-to-bottom paths, which hold
	// 2·(maxd+1)·dim values per cursor (twice that with Lévy area): 4 GiB,
	// so that no legal dimension and cursor count dies of out-of-memory
	// instead of returning an error.
	maxCursorBytes = uint64(1) << 32
)

// slot holds the root-to-bottom path of one grid point k: for every depth
// d ≤ dk the state (W, B) of the node at depth d that contains k in its
// interior, for d < dk the child of that node off the path, and the two
// children of the bottom node. A state is the increment W over the node and
// B = h·H, its length times its space-time Lévy area. The bottom node is the
// one whose midpoint is k, or for a Tree the leaf containing k, whose
// children are then the two pieces of a bridge at k.
type slot struct {
	k     uint64
	dk    int  // bottom depth; -1 while the slot is empty
	leaf  bool // the bottom children are a point bridge inside a leaf
	stamp uint64

	nodeW, nodeB []float64 // (maxd+1)·dim
	sibW, sibB   []float64 // (maxd+1)·dim
	loW, loB     []float64 // dim: left child of the bottom node
	hiW, hiB     []float64 // dim: right child
}

// engine is the dyadic tree shared by Tree and Interval: splits, the cursor
// slots and the cache of increments.
type engine struct {
	dim  int
	levy bool
	maxd int    // leaf depth: gridBits for an Interval, the tolerance's depth for a Tree
	st   stream // Philox key (seed, keyDomain)

	t0, t1, span, sqrtSpan float64

	rootW, rootB []float64

	slots []slot
	clock uint64

	z              []float64 // the normals of one node
	sW, sB, pW, pB []float64 // suffix and prefix accumulators
	tW, tB         []float64 // a child in transit
	qW, qB         []float64 // the normalised result of a query

	// Per-depth constants of the midpoint split, h = 2⁻ᵈ.
	cHalf []float64 // √h/2: standard deviation of the bridge at the midpoint
	cW    []float64 // √h/4
	c15   []float64 // 3/(2h)
	cU    []float64 // h/4
	cV    []float64 // (h/4)·√(h/12)
	cLevy []levyConsts

	cache cache
	out   []float64 // a result when there is no cache
}

// cache remembers recent increments by their grid keys, direct-mapped. A
// remembered increment has the bits the computation gives, so hits and
// misses return the same values.
type cache struct {
	ks, kt []uint64 // kt == 0 marks an empty entry (a key has kt > ks ≥ 0)
	val    []float64
	stride int
	shift  uint
}

func newEngine(t0, t1 float64, dim int, seed uint64, maxd int, o Options) (*engine, error) {
	if math.IsNaN(t0) || math.IsInf(t0, 0) || math.IsNaN(t1) || math.IsInf(t1, 0) {
		return nil, fmt.Errorf("%w: span [%v, %v] is not finite", ErrArgument, t0, t1)
	}
	if !(t0 < t1) {
		return nil, fmt.Errorf("%w: span [%v, %v] needs t0 < t1", ErrArgument, t0, t1)
	}
	span := t1 - t0
	if math.IsInf(span, 0) {
		return nil, fmt.Errorf("%w: span t1 − t0 = %v − %v overflows", ErrArgument, t1, t0)
	}
	if dim < 1 || dim > maxDim {
		return nil, fmt.Errorf("%w: dimension %d outside [1, %d]", ErrArgument, dim, maxDim)
	}
	cursors := o.Cursors
	if cursors == 0 {
		cursors = defaultCursors
	}
	if cursors < 2 || cursors > maxCursors {
		return nil, fmt.Errorf("%w: Options.Cursors = %d, need 0 (default) or 2 to %d", ErrArgument, o.Cursors, maxCursors)
	}
	perCursor := 2 * uint64(maxd+1) * uint64(dim) * 8
	if o.Levy {
		perCursor *= 2
	}
	if uint64(cursors)*perCursor > maxCursorBytes {
		what := "Options.Cursors"
		if o.Cursors == 0 {
			what = "the default Options.Cursors"
		}
		return nil, fmt.Errorf("%w: %s = %d cursors of %d bytes each at dimension %d exceed %d bytes", ErrArgument, what, cursors, perCursor, dim, maxCursorBytes)
	}
	entries, shift, err := cacheSize(o.Cache, dim, o.Levy)
	if err != nil {
		return nil, err
	}

	e := &engine{
		dim: dim, levy: o.Levy, maxd: maxd,
		t0: t0, t1: t1, span: span, sqrtSpan: math.Sqrt(span),
	}
	e.st.setKey(seed, keyDomain)
	nz := dim
	if e.levy {
		nz = 2 * dim
	}
	e.z = make([]float64, nz)
	vec := func() []float64 { return make([]float64, dim) }
	e.rootW, e.sW, e.pW, e.tW, e.qW = vec(), vec(), vec(), vec(), vec()
	if e.levy {
		e.rootB, e.sB, e.pB, e.tB, e.qB = vec(), vec(), vec(), vec(), vec()
	}
	e.slots = make([]slot, cursors)
	for i := range e.slots {
		s := &e.slots[i]
		s.dk = -1
		s.nodeW, s.sibW = make([]float64, (maxd+1)*dim), make([]float64, (maxd+1)*dim)
		s.loW, s.hiW = vec(), vec()
		if e.levy {
			s.nodeB, s.sibB = make([]float64, (maxd+1)*dim), make([]float64, (maxd+1)*dim)
			s.loB, s.hiB = vec(), vec()
		}
	}
	e.cHalf = make([]float64, maxd+1)
	e.cW = make([]float64, maxd+1)
	e.c15 = make([]float64, maxd+1)
	e.cU = make([]float64, maxd+1)
	e.cV = make([]float64, maxd+1)
	for d := 0; d <= maxd; d++ {
		h := math.Ldexp(1, -d)
		sh := math.Sqrt(h)
		e.cHalf[d] = sh / 2
		e.cW[d] = sh / 4
		e.c15[d] = 1.5 / h
		e.cU[d] = h / 4
		e.cV[d] = h / 4 * math.Sqrt(h/12)
	}
	e.cLevy = make([]levyConsts, maxd+1)
	for d := range e.cLevy {
		e.cLevy[d] = levyConsts{e.cW[d], e.c15[d], e.cU[d], e.cV[d]}
	}
	if entries > 0 {
		e.cache.ks, e.cache.kt = make([]uint64, entries), make([]uint64, entries)
		e.cache.stride = nz
		e.cache.val = make([]float64, entries*nz)
		e.cache.shift = shift
	} else {
		e.out = make([]float64, nz)
	}

	// The root: W over the whole normalised span is N(0, 1) and its
	// space-time Lévy area is N(0, 1/12), independent of W (Foster, Lyons
	// and Oberhauser 2020, cited in doc.go), keyed by node 0.
	e.normals(0, tagNode)
	for c := 0; c < dim; c++ {
		if e.levy {
			e.rootW[c] = e.z[2*c]
			e.rootB[c] = e.z[2*c+1] / math.Sqrt(12)
		} else {
			e.rootW[c] = e.z[c]
		}
	}
	return e, nil
}

// cacheSize returns the number of entries of the increment cache for
// Options.Cache = c (a power of two, or 0 for no cache) and the shift that
// maps a 64-bit hash to an entry. A cache of more than maxCacheBytes is
// refused, and so, on 32-bit platforms, is one whose size in bytes would
// not fit in an int. Sizes are compared by division, not multiplied out,
// so that nothing overflows.
func cacheSize(c, dim int, levy bool) (entries int, shift uint, err error) {
	stride := dim // float64s per entry
	if levy {
		stride = 2 * dim
	}
	per := 16 + 8*stride // bytes per entry: two keys and the values
	entries = c
	if entries == 0 {
		// Up to defaultCache entries in about 1 MiB, so that wide paths
		// do not hold many megabytes by default.
		entries = defaultCache
		for entries > 64 && entries > (1<<20)/per {
			entries /= 2
		}
	}
	if entries > 1<<24 {
		return 0, 0, fmt.Errorf("%w: Options.Cache = %d exceeds %d", ErrArgument, c, 1<<24)
	}
	if entries < 0 {
		return 0, 0, nil
	}
	n, shift := 1, uint(64)
	for n < entries {
		n *= 2
		shift--
	}
	if uint64(n) > maxCacheBytes/uint64(per) {
		return 0, 0, fmt.Errorf("%w: Options.Cache = %d: %d entries of %d bytes exceed %d bytes", ErrArgument, c, n, per, uint64(maxCacheBytes))
	}
	if n > math.MaxInt/8/stride {
		return 0, 0, fmt.Errorf("%w: Options.Cache = %d entries of %d float64s do not fit in memory on this platform", ErrArgument, c, stride)
	}
	return n, shift, nil
}

// normals fills e.z with the deviates of the stream (c0, ·, tag). With Lévy
// area component c takes the deviates 2c and 2c+1, without it deviate c,
// so that component c does not depend on the dimension.
func (e *engine) normals(c0, tag uint64) {
	e.st.reset(c0, tag)
	e.st.fill(e.z)
}

// split writes the children of node n at depth d, state (pW, pB), into
// (lW, lB) and (rW, rB). With h = 2⁻ᵈ and B = h·H, Foster's midpoint rule
// (thesis, Theorem 6.1.6; the form of Diffrax's VirtualBrownianTree) is
//
//	W₁,₂ = W/2 ± (3B/(2h) + ζ),   ζ = (√h/4)·Z₁,
//	B₁,₂ = B/8 − (h/4)·ζ ± (h/4)·√(h/12)·Z₂,
//
// and without Lévy area the Brownian bridge W₁,₂ = W/2 ± (√h/2)·Z₁.
func (e *engine) split(d int, n uint64, pW, pB, lW, lB, rW, rB []float64) {
	e.normals(n, tagNode)
	z := e.z
	dim := e.dim
	if !e.levy {
		c := e.cHalf[d]
		z = z[:dim]
		pW, lW, rW = pW[:dim], lW[:dim], rW[:dim]
		for i, w := range pW {
			hw := float64(0.5 * w)
			t := float64(c * z[i])
			lW[i] = hw + t
			rW[i] = hw - t
		}
		return
	}
	cw, c15, cu, cv := e.cW[d], e.c15[d], e.cU[d], e.cV[d]
	z = z[:2*dim]
	pW, pB, lW, lB, rW, rB = pW[:dim], pB[:dim], lW[:dim], lB[:dim], rW[:dim], rB[:dim]
	for i := range pW {
		w, b := pW[i], pB[i]
		zeta := float64(cw * z[2*i])
		t := float64(c15*b) + zeta
		hw := float64(0.5 * w)
		lW[i] = hw + t
		rW[i] = hw - t
		u := float64(0.125*b) - float64(cu*zeta)
		v := float64(cv * z[2*i+1])
		lB[i] = u + v
		rB[i] = u - v
	}
}

// bridge writes the two pieces [a, k] and [k, b] of the leaf [a, b] at depth
// e.maxd, state (pW, pB), split at the interior point k, from normals keyed
// by k. With u = (k−a)/h and v = (b−k)/h, u + v = 1, the Brownian bridge is
// W₁ = u·W + √(h·u·v)·Z₁. With Lévy area the shorter piece is drawn from
// Foster's general interpolation rule (thesis, Theorem 6.1.4), for a first
// piece of fraction u:
//
//	W₁ = u·W + (6uv/h)·B + √h·√(uv(u³+v³))·Z₁
//	B₁ = u³·B − a·Z₁ + c·Z₂,
//	a = h^{3/2}·u³·√(uv)/(2√(u³+v³)),  c = h^{3/2}·√3·uv·√(uv)/(6√(u³+v³)),
//
// (a last piece is the first piece of the time-reversed path, whose state
// is (−W, B)), and the longer piece is the rest: W₂ = W − W₁ and
// B₂ = B − B₁ − (h₂W₁ − h₁W₂)/2, the additivity relation solved for B₂.
// Drawing the shorter piece keeps the rest well conditioned.
func (e *engine) bridge(k, a uint64, pW, pB, lW, lB, rW, rB []float64) {
	e.normals(k, tagPoint)
	z := e.z
	dim := e.dim
	lenAll := uint64(1) << (gridBits - e.maxd)
	h1i, h2i := k-a, a+lenAll-k
	h := math.Ldexp(1, -e.maxd)
	u := math.Ldexp(float64(h1i), e.maxd-gridBits) // exact
	v := math.Ldexp(float64(h2i), e.maxd-gridBits)
	sh := math.Sqrt(h)
	if !e.levy {
		sd := float64(sh * math.Sqrt(float64(u*v)))
		for i := 0; i < dim; i++ {
			w := pW[i]
			t := float64(sd * z[i])
			lW[i] = float64(u*w) + t
			rW[i] = float64(v*w) - t
		}
		return
	}
	first := h1i <= h2i
	x, y := u, v
	if !first {
		x, y = v, u
	}
	xy := float64(x * y)
	s3 := float64(float64(x*x)*x) + float64(float64(y*y)*y)
	rxy := math.Sqrt(xy)
	rs3 := math.Sqrt(s3)
	h15 := float64(h * sh)
	sw := float64(sh * math.Sqrt(float64(xy*s3)))
	cb := float64(6*xy) / h
	x3 := float64(float64(x*x) * x)
	ca := float64(h15*float64(x3*rxy)) / float64(2*rs3)
	cc := float64(h15*float64(math.Sqrt(3)*float64(xy*rxy))) / float64(6*rs3)
	f1, f2 := float64(h1i)*gridUnit, float64(h2i)*gridUnit
	for i := 0; i < dim; i++ {
		w, b := pW[i], pB[i]
		z1, z2 := z[2*i], z[2*i+1]
		ws := w
		if !first {
			ws = -w
		}
		wp := float64(x*ws) + float64(cb*b) + float64(sw*z1)
		bp := float64(x3*b) - float64(ca*z1) + float64(cc*z2)
		var w1, b1, w2, b2 float64
		if first {
			w1, b1 = wp, bp
			w2 = w - w1
			b2 = b - b1 - float64(0.5*(float64(f2*w1)-float64(f1*w2)))
		} else {
			w2, b2 = -wp, bp
			w1 = w - w2
			b1 = b - b2 - float64(0.5*(float64(f2*w1)-float64(f1*w2)))
		}
		lW[i], lB[i], rW[i], rB[i] = w1, b1, w2, b2
	}
}

// bit reports which child of its depth-d node contains k: 0 left, 1 right.
func bit(k uint64, d int) uint64 { return (k >> (gridBits - 1 - d)) & 1 }

// lcp is the number of leading bits that j and k share in the 53-bit grid:
// the depth-d nodes containing them agree for d ≤ lcp.
func lcp(j, k uint64) int { return bits.LeadingZeros64(j^k) - (64 - gridBits) }

// point returns the slot that holds the path of the grid point k,
// 0 < k < 2⁵³, building it from the slot that shares the most of it. The
// slot pin is not overwritten.
func (e *engine) point(k uint64, pin int) int {
	e.clock++
	for i := range e.slots {
		if s := &e.slots[i]; s.dk >= 0 && s.k == k {
			s.stamp = e.clock
			return i
		}
	}
	dim := e.dim
	dk, leaf := gridBits-1-bits.TrailingZeros64(k), false
	if dk >= e.maxd {
		dk, leaf = e.maxd, true
	}
	victim := -1
	for i := range e.slots {
		if i != pin && (victim < 0 || e.slots[i].stamp < e.slots[victim].stamp) {
			victim = i
		}
	}
	reuse := func(s *slot) int {
		if s.dk < 0 {
			return -1
		}
		return min(lcp(s.k, k), s.dk, dk)
	}
	v := &e.slots[victim]
	best, r := victim, reuse(v)
	for i := range e.slots {
		if rr := reuse(&e.slots[i]); rr > r {
			best, r = i, rr
		}
	}
	start := 0
	if r < 0 {
		copy(v.nodeW[:dim], e.rootW)
		if e.levy {
			copy(v.nodeB[:dim], e.rootB)
		}
	} else {
		src := &e.slots[best]
		if best != victim {
			rv := reuse(v)
			copy(v.nodeW[(rv+1)*dim:(r+1)*dim], src.nodeW[(rv+1)*dim:(r+1)*dim])
			lo := max(rv, 0)
			copy(v.sibW[lo*dim:r*dim], src.sibW[lo*dim:r*dim])
			if e.levy {
				copy(v.nodeB[(rv+1)*dim:(r+1)*dim], src.nodeB[(rv+1)*dim:(r+1)*dim])
				copy(v.sibB[lo*dim:r*dim], src.sibB[lo*dim:r*dim])
			}
		}
		// The children of node r are known to src unless src's bottom
		// is a leaf bridge.
		var lW, lB, rW, rB []float64
		known := true
		switch {
		case r < src.dk:
			onW, offW := src.nodeW[(r+1)*dim:(r+2)*dim], src.sibW[r*dim:(r+1)*dim]
			var onB, offB []float64
			if e.levy {
				onB, offB = src.nodeB[(r+1)*dim:(r+2)*dim], src.sibB[r*dim:(r+1)*dim]
			}
			if bit(src.k, r) == 0 {
				lW, lB, rW, rB = onW, onB, offW, offB
			} else {
				lW, lB, rW, rB = offW, offB, onW, onB
			}
		case !src.leaf:
			lW, lB, rW, rB = src.loW, src.loB, src.hiW, src.hiB
		default:
			known = false
		}
		switch {
		case !known:
			start = r
		case r == dk:
			// k is the midpoint of node r (r < dk otherwise: k ≠ src.k).
			copy(v.loW, lW)
			copy(v.hiW, rW)
			if e.levy {
				copy(v.loB, lB)
				copy(v.hiB, rB)
			}
			start = dk + 1
		default:
			onW, onB, offW, offB := lW, lB, rW, rB
			if bit(k, r) == 1 {
				onW, onB, offW, offB = rW, rB, lW, lB
			}
			// Through e.t*: on and off may be the slot's own arrays swapped.
			copy(e.tW, onW)
			copy(v.sibW[r*dim:(r+1)*dim], offW)
			copy(v.nodeW[(r+1)*dim:(r+2)*dim], e.tW)
			if e.levy {
				copy(e.tB, onB)
				copy(v.sibB[r*dim:(r+1)*dim], offB)
				copy(v.nodeB[(r+1)*dim:(r+2)*dim], e.tB)
			}
			start = r + 1
		}
	}
	v.k, v.dk, v.leaf, v.stamp = k, dk, leaf, e.clock
	if start > dk {
		return victim
	}
	if e.levy {
		e.descendLevy(v, start)
	} else {
		e.descend(v, start)
	}
	pW := v.nodeW[dk*dim : (dk+1)*dim]
	var pB []float64
	if e.levy {
		pB = v.nodeB[dk*dim : (dk+1)*dim]
	}
	if leaf {
		a := k &^ (uint64(1)<<(gridBits-e.maxd) - 1)
		e.bridge(k, a, pW, pB, v.loW, v.loB, v.hiW, v.hiB)
	} else {
		e.split(dk, uint64(1)<<dk|k>>(gridBits-dk), pW, pB, v.loW, v.loB, v.hiW, v.hiB)
	}
	return victim
}

// descend fills the path of slot v (no Lévy area) from depth start down to
// its bottom node: for each depth d in [start, v.dk) it splits the node at
// depth d into the next node of the path and its sibling. It is split,
// specialised: the child on the path gets W/2 + σ·(√h/2)·Z and its sibling
// W/2 − σ·(√h/2)·Z, σ = +1 for a left child, −1 for a right one. Negation
// is exact and x − (−y) is x + y, so these are split's bits.
func (e *engine) descend(v *slot, start int) {
	dim, k := e.dim, v.k
	z := e.z[:dim]
	// The node at depth d and its sibling's slot, from d = start on.
	node, sib := v.nodeW[start*dim:], v.sibW[start*dim:]
	st := &e.st
	n := uint64(1)<<uint(start) | k>>uint(gridBits-start) // the node at depth start
	for d := start; d < v.dk; d++ {
		st.reset(n, tagNode)
		st.fill(z)
		b := k >> uint(gridBits-1-d) & 1
		c := e.cHalf[d]
		if b == 1 {
			c = -c
		}
		next := node[dim:]
		halves(c, z, node[:dim], next[:dim], sib[:dim])
		node, sib = next, sib[dim:]
		n = n<<1 | b
	}
}

// halves writes p/2 ± c·z into on and off.
func halves(c float64, z, p, on, off []float64) {
	n := len(p)
	z, on, off = z[:n], on[:n], off[:n]
	for i := 0; i < n; i++ {
		hw := float64(0.5 * p[i])
		t := float64(c * z[i])
		on[i] = hw + t
		off[i] = hw - t
	}
}

// descendLevy is descend with Lévy area, split's formulas specialised the
// same way: with σ-signed constants, ζ and t change sign with σ and so do
// (h/4)·√(h/12)·Z₂, while (h/4)·ζ is (σ·h/4)·(σ·ζ), unchanged, so the child
// on the path gets (W/2 + σt, u + σv) and its sibling (W/2 − σt, u − σv).
func (e *engine) descendLevy(v *slot, start int) {
	dim, k := e.dim, v.k
	z := e.z[:2*dim]
	st := &e.st
	n := uint64(1)<<uint(start) | k>>uint(gridBits-start) // the node at depth start
	for d := start; d < v.dk; d++ {
		st.reset(n, tagNode)
		st.fill(z)
		b := k >> uint(gridBits-1-d) & 1
		c := e.cLevy[d]
		if b == 1 {
			c = levyConsts{-c.w, -c.c15, -c.u, -c.v}
		}
		v.halvesLevy(&c, z, d*dim, dim)
		n = n<<1 | b
	}
}

// levyConsts are the constants of a midpoint split with Lévy area at one
// depth, h = 2⁻ᵈ: √h/4, 3/(2h), h/4 and (h/4)·√(h/12).
type levyConsts struct{ w, c15, u, v float64 }

// halvesLevy splits the path's node at offset o (o = d·dim) given the
// normals z, two per component: the child on the path into the node at
// offset o + dim, its sibling into the siblings at offset o.
func (v *slot) halvesLevy(c *levyConsts, z []float64, o, dim int) {
	pW, pB := v.nodeW[o:o+dim], v.nodeB[o:o+dim]
	onW, onB := v.nodeW[o+dim:o+2*dim], v.nodeB[o+dim:o+2*dim]
	offW, offB := v.sibW[o:o+dim], v.sibB[o:o+dim]
	n := len(pW)
	z = z[:2*n]
	pB, onW, onB, offW, offB = pB[:n], onW[:n], onB[:n], offW[:n], offB[:n]
	cw, c15, cu, cv := c.w, c.c15, c.u, c.v
	for i := 0; i < n; i++ {
		q := z[2*i : 2*i+2 : 2*i+2]
		b := pB[i]
		zeta := float64(cw * q[0])
		t := float64(c15*b) + zeta
		hw := float64(0.5 * pW[i])
		onW[i] = hw + t
		offW[i] = hw - t
		u := float64(0.125*b) - float64(cu*zeta)
		vv := float64(cv * q[1])
		onB[i] = u + vv
		offB[i] = u - vv
	}
}

// suffix accumulates into (e.sW, e.sB) the state of [k, end of the
// depth-top node containing k], for the point of slot s (top ≤ s.dk), and
// returns its length in grid units. Pieces are appended on the right:
// (W, B) ⊕ (W', B') = (W + W', B + B' + (h'·W − h·W')/2). The pieces are
// the right siblings on the path, bottom up: the levels d in [top, s.dk)
// where k has bit 52 − d clear.
func (e *engine) suffix(s *slot, top int) uint64 {
	dim := e.dim
	k := s.k
	sW := e.sW[:dim]
	copy(sW, s.hiW)
	sh := uint(gridBits - s.dk)
	n := ((k>>sh)+1)<<sh - k
	// Bit p of m is set for the levels d = 52 − p that contribute.
	m := ^k & levelMask(top, s.dk)
	if !e.levy {
		for ; m != 0; m &= m - 1 {
			p := bits.TrailingZeros64(m)
			o := (gridBits - 1 - p) * dim
			addTo(sW, s.sibW[o:o+dim])
			n += uint64(1) << uint(p)
		}
		return n
	}
	sB := e.sB[:dim]
	copy(sB, s.hiB)
	for ; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		o := (gridBits - 1 - p) * dim
		mm := uint64(1) << uint(p)
		chenRight(sW, sB, float64(n)*gridUnit, s.sibW[o:o+dim], s.sibB[o:o+dim], float64(mm)*gridUnit)
		n += mm
	}
	return n
}

// levelMask has bits 52 − d set for the levels d in [top, dk).
func levelMask(top, dk int) uint64 {
	if top >= dk {
		return 0
	}
	// Bits gridBits−dk … gridBits−1−top.
	return (uint64(1)<<uint(dk-top) - 1) << uint(gridBits-dk)
}

// addTo adds r to s.
func addTo(s, r []float64) {
	r = r[:len(s)]
	for i := range s {
		s[i] += r[i]
	}
}

// chenRight appends the piece (rW, rB) of length fr to (sW, sB) of length
// fl: sB += rB + (fr·sW − fl·rW)/2, sW += rW.
func chenRight(sW, sB []float64, fl float64, rW, rB []float64, fr float64) {
	n := len(sW)
	sB, rW, rB = sB[:n], rW[:n], rB[:n]
	for i := 0; i < n; i++ {
		w, wr := sW[i], rW[i]
		sB[i] = sB[i] + rB[i] + float64(0.5*(float64(fr*w)-float64(fl*wr)))
		sW[i] = w + wr
	}
}

// prefix accumulates into (e.pW, e.pB) the state of [start of the depth-top
// node containing k, k] for the point of slot s, pieces prepended on the
// left, and returns its length in grid units: the left siblings on the
// path, bottom up, at the levels where k has the bit set.
func (e *engine) prefix(s *slot, top int) uint64 {
	dim := e.dim
	k := s.k
	pW := e.pW[:dim]
	copy(pW, s.loW)
	sh := uint(gridBits - s.dk)
	n := k - (k>>sh)<<sh
	m := k & levelMask(top, s.dk)
	if !e.levy {
		for ; m != 0; m &= m - 1 {
			p := bits.TrailingZeros64(m)
			o := (gridBits - 1 - p) * dim
			addLeft(pW, s.sibW[o:o+dim])
			n += uint64(1) << uint(p)
		}
		return n
	}
	pB := e.pB[:dim]
	copy(pB, s.loB)
	for ; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		o := (gridBits - 1 - p) * dim
		mm := uint64(1) << uint(p)
		chenLeft(s.sibW[o:o+dim], s.sibB[o:o+dim], float64(mm)*gridUnit, pW, pB, float64(n)*gridUnit)
		n += mm
	}
	return n
}

// addLeft sets p to l + p, in that order of the operands.
func addLeft(p, l []float64) {
	l = l[:len(p)]
	for i := range p {
		p[i] = l[i] + p[i]
	}
}

// chenLeft prepends the piece (lW, lB) of length fl to (pW, pB) of length
// fr: pB = lB + pB + (fr·lW − fl·pW)/2, pW = lW + pW.
func chenLeft(lW, lB []float64, fl float64, pW, pB []float64, fr float64) {
	n := len(pW)
	pB, lW, lB = pB[:n], lW[:n], lB[:n]
	for i := 0; i < n; i++ {
		wl, w := lW[i], pW[i]
		pB[i] = lB[i] + pB[i] + float64(0.5*(float64(fr*wl)-float64(fl*w)))
		pW[i] = wl + w
	}
}

// join writes (lW, lB) ⊕ (rW, rB), pieces of nl and nr grid units, into
// (e.qW, e.qB).
func (e *engine) join(lW, lB []float64, nl uint64, rW, rB []float64, nr uint64) {
	dim := e.dim
	qW := e.qW[:dim]
	lW, rW = lW[:dim], rW[:dim]
	if !e.levy {
		for i := range qW {
			qW[i] = lW[i] + rW[i]
		}
		return
	}
	qB := e.qB[:dim]
	lB, rB = lB[:dim], rB[:dim]
	fl, fr := float64(nl)*gridUnit, float64(nr)*gridUnit
	for i := range qW {
		wl, wr := lW[i], rW[i]
		qB[i] = lB[i] + rB[i] + float64(0.5*(float64(fr*wl)-float64(fl*wr)))
		qW[i] = wl + wr
	}
}

// set copies a state into (e.qW, e.qB).
func (e *engine) set(w, b []float64) {
	copy(e.qW, w)
	if e.levy {
		copy(e.qB, b)
	}
}

// increment writes into (e.qW, e.qB) the normalised state of [ks, kt],
// 0 ≤ ks < kt ≤ 2⁵³. The interval is cut at the midpoint m of the deepest
// node N containing both ends: the suffix of ks in N's left child joined to
// the prefix of kt in its right child. Each part is a sum over the path of
// its own end only, so the result is a function of (ks, kt) alone.
func (e *engine) increment(ks, kt uint64) {
	dim := e.dim
	switch {
	case ks == 0 && kt == gridN:
		e.set(e.rootW, e.rootB)
		return
	case ks == 0:
		e.prefix(&e.slots[e.point(kt, -1)], 0)
		e.set(e.pW, e.pB)
		return
	case kt == gridN:
		e.suffix(&e.slots[e.point(ks, -1)], 0)
		e.set(e.sW, e.sB)
		return
	}
	p := 63 - bits.LeadingZeros64(ks^kt) // ks has bit p clear, kt has it set
	lc := gridBits - 1 - p               // depth of N
	if lc >= e.maxd {
		e.sameLeaf(ks, kt)
		return
	}
	ti := e.point(kt, -1)
	leftEnd := ks&(uint64(1)<<p-1) == 0 // ks is the left end of N
	si := -1
	if !leftEnd {
		si = e.point(ks, ti)
	}
	t := &e.slots[ti]
	m := kt >> p << p
	var sW, sB []float64
	var ns uint64
	if leftEnd {
		ns = uint64(1) << p
		if lc < t.dk {
			sW = t.sibW[lc*dim : (lc+1)*dim]
			if e.levy {
				sB = t.sibB[lc*dim : (lc+1)*dim]
			}
		} else {
			sW, sB = t.loW, t.loB
		}
	} else {
		ns = e.suffix(&e.slots[si], lc+1)
		sW, sB = e.sW, e.sB
	}
	if kt == m {
		e.set(sW, sB)
		return
	}
	np := e.prefix(t, lc+1)
	e.join(sW, sB, ns, e.pW, e.pB, np)
}

// sameLeaf handles a Tree query inside one leaf [a, b] from the bridge
// pieces of its two ends: from the pieces [a, s] and [a, t],
//
//	W(s,t) = W(a,t) − W(a,s),
//	B(s,t) = B(a,t) − B(a,s) − ((t−s)·W(a,s) − (s−a)·W(s,t))/2,
//
// or, when the interval lies nearer b, from [s, b] and [t, b] by the
// mirror formula. The nearer end's pieces are the short ones, drawn
// directly, so the differences do not cancel leaf-sized values.
func (e *engine) sameLeaf(ks, kt uint64) {
	a := ks &^ (uint64(1)<<(gridBits-e.maxd) - 1)
	b := a + uint64(1)<<(gridBits-e.maxd)
	ti := e.point(kt, -1)
	if ks == a {
		t := &e.slots[ti]
		e.set(t.loW, t.loB)
		return
	}
	si := e.point(ks, ti)
	s, t := &e.slots[si], &e.slots[ti]
	dim := e.dim
	qW := e.qW[:dim]
	fst := float64(kt-ks) * gridUnit
	if ks-a <= b-kt {
		for i := range qW {
			qW[i] = t.loW[i] - s.loW[i]
		}
		if !e.levy {
			return
		}
		fas := float64(ks-a) * gridUnit
		qB := e.qB[:dim]
		for i := range qB {
			qB[i] = t.loB[i] - s.loB[i] - float64(0.5*(float64(fst*s.loW[i])-float64(fas*qW[i])))
		}
		return
	}
	// [s, b] = [s, t] ⊕ [t, b]:
	// B(s,t) = B(s,b) − B(t,b) − ((b−t)·W(s,t) − (t−s)·W(t,b))/2.
	for i := range qW {
		qW[i] = s.hiW[i] - t.hiW[i]
	}
	if !e.levy {
		return
	}
	ftb := float64(b-kt) * gridUnit
	qB := e.qB[:dim]
	for i := range qB {
		qB[i] = s.hiB[i] - t.hiB[i] - float64(0.5*(float64(ftb*qW[i])-float64(fst*t.hiW[i])))
	}
}

// grid maps a time to its grid point, or returns an error.
func (e *engine) grid(t float64) (uint64, error) {
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("%w: query time %v", ErrNotFinite, t)
	}
	if t < e.t0 || t > e.t1 {
		return 0, fmt.Errorf("%w: query time %v, span [%v, %v]", ErrOutOfSpan, t, e.t0, e.t1)
	}
	// Correctly rounded operations and an exact scaling: the same k on
	// every architecture, and monotone in t. k is the integer nearest to
	// the rounded quotient: within one step of t's nearest grid point,
	// and t's own grid point when the quotient is exact.
	return uint64(math.Round((t - e.t0) / e.span * 0x1p53)), nil
}

// query is the body of Increment and IncrementLevy: h is nil when the
// caller does not want the Lévy area.
func (e *engine) query(s, t float64, dw, h []float64) error {
	ks, err := e.grid(s)
	if err != nil {
		return err
	}
	kt, err := e.grid(t)
	if err != nil {
		return err
	}
	if ks == kt {
		clear(dw)
		clear(h)
		return nil
	}
	neg := ks > kt
	if neg {
		ks, kt = kt, ks
	}
	c := &e.cache
	var entry []float64
	if c.ks != nil {
		j := int(((ks ^ kt*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15) >> c.shift)
		entry = c.val[j*c.stride : (j+1)*c.stride]
		if c.ks[j] == ks && c.kt[j] == kt {
			e.output(entry, neg, dw, h)
			return nil
		}
		c.ks[j], c.kt[j] = ks, kt
	} else {
		entry = e.out
	}
	e.increment(ks, kt)
	// Back to the span by Brownian scaling: W = √T·W₁ and H = √T·B₁/h₁,
	// subscript 1 for the normalised units.
	dim := e.dim
	for i := 0; i < dim; i++ {
		entry[i] = float64(e.sqrtSpan * e.qW[i])
	}
	if e.levy {
		f := e.sqrtSpan / (float64(kt-ks) * gridUnit)
		for i := 0; i < dim; i++ {
			entry[dim+i] = float64(f * e.qB[i])
		}
	}
	e.output(entry, neg, dw, h)
	return nil
}

// output copies a scaled entry (W then H) to the caller.
func (e *engine) output(entry []float64, neg bool, dw, h []float64) {
	dim := e.dim
	if neg {
		for i := 0; i < dim; i++ {
			dw[i] = -entry[i]
		}
	} else {
		copy(dw, entry[:dim])
	}
	if h != nil {
		copy(h, entry[dim:2*dim])
	}
}

// Package brownian provides Brownian sample paths that can be queried over
// any interval, in any order, with the same answer for the same seed on
// every architecture, optionally with space-time Lévy area.
//
// # Types
//
// An Interval is an exact sample of one Brownian motion at the grid times
// t0 + k·(t1−t0)·2⁻⁵³, k = 0 … 2⁵³. A query time t is mapped to the grid
// point k = round((t − t0)/(t1 − t0)·2⁵³) computed in float64: the nearest
// grid point up to the rounding of the subtraction and the division
// (within one step), and t's own when t is a grid time and the quotient
// is exact, as for every grid time on [0, 1]. So increments are exact for
// times on the grid, other times are rounded to a grid point, and on
// [0, 1] W(1e-17, 2e-17) is 0: both times round to 0.
//
// A Tree is a virtual Brownian tree (Li, Wong, Chen and Duvenaud,
// "Scalable gradients for stochastic differential equations", AISTATS
// 2020): the same tree cut off where nodes reach a tolerance, below which
// values are Brownian bridges between the nearest nodes. Both have
//
//	Increment(s, t float64, dw []float64) error
//	IncrementLevy(s, t float64, dw, h []float64) error
//
// Consumers declare the interface they need, for example
//
//	type noise interface {
//		Increment(s, t float64, dw []float64) error
//	}
//
// and a Brownian path satisfies it without knowing of them. For s > t the
// increment is negated (and H, which is symmetric in s and t, unchanged).
// Queries allocate nothing; a path is not safe for concurrent use, and
// paths of the same seed built in different goroutines are the same path.
//
// # The dyadic tree
//
// Time is normalised to τ = (t − t0)/(t1 − t0) ∈ [0, 1], and by Brownian
// scaling W(t) − W(t0) = √(t1−t0)·β(τ) for a standard Brownian motion β on
// [0, 1]; space-time Lévy area scales the same way. A node is a dyadic
// interval [i·2⁻ᵈ, (i+1)·2⁻ᵈ] with heap number 2ᵈ + i; its state is the
// increment W of β over it and B = h·H, its length h = 2⁻ᵈ times its
// space-time Lévy area
//
//	H = (1/h) ∫ (W(u) − W(a) − (u−a)/h·W) du   over the node [a, a+h],
//
// which is N(0, h/12) and independent of W (Foster, Lyons and Oberhauser,
// "An optimal polynomial approximation of Brownian motion", SIAM J. Numer.
// Anal. 58, 2020; Foster, "Numerical approximations for stochastic
// differential equations", Oxford DPhil thesis, 2020). The root's state is
// drawn from its own key, and each node is split at its midpoint by the
// conditional law of its halves given (W, B) (Foster's thesis, Theorem
// 6.1.6):
//
//	W₁,₂ = W/2 ± (3B/(2h) + (√h/4)·Z₁)
//	B₁,₂ = B/8 − (h/16)·√h·Z₁ ± (h/4)·√(h/12)·Z₂
//
// with Z₁, Z₂ standard normals keyed by the node, or without Lévy area the
// Brownian bridge W₁,₂ = W/2 ± (√h/2)·Z₁ (Lévy's construction). So a node's
// state is a function of the seed and the node's position alone, never of
// the queries that came before: this is what makes every answer
// independent of query order, cache size and platform.
//
// A Tree stops at the depth whose nodes are no longer than its tolerance.
// A time k strictly inside such a leaf [a, b] splits it into [a, k] and
// [k, b] by Foster's general interpolation rule (thesis, Theorem 6.1.4),
// with u = (k−a)/h and v = 1 − u,
//
//	W₁ ~ N(u·W + 6uv·B/h, h·uv(1 − 3uv)),  B₁ ~ N(u³·B, h³u³(1 − u³)/12),
//	Cov(W₁, B₁) = −h²u⁴v/2,
//
// drawn for the shorter piece (by time reversal, (W, B) ↦ (−W, B), for a
// last piece) from normals keyed by k; the longer piece is the rest. This
// is exact in law at every single time and over intervals whose ends lie
// in different leaves; two times inside one leaf are bridged independently
// of each other, an error of order √tol. Diffrax's VirtualBrownianTree
// (Jelinčič, Foster and Kidger, "Single-seed generation of Brownian paths
// and integrals for adaptive and high order SDE solvers", 2024) uses the
// same rules.
//
// An Interval's tree has 53 levels below the root: it splits nodes down
// to depth 52, whose halves, of length 2⁻⁵³, are the steps of the grid, so
// that every interior grid point k·2⁻⁵³ is the midpoint of one node (at
// depth 52 − the number of trailing zero bits of k) and the path is exact
// there. This is the Brownian interval of Kidger's On Neural Differential
// Equations (Oxford DPhil thesis, 2022, chapter 5) without its dependence
// on the order of queries: torchsde's BrownianInterval splits at the query
// times, so its samples depend on which queries came first.
//
// # Queries
//
// The state of [s, t] is assembled from nodes by Chen's relation for
// (W, B): appending a piece of length h₂ to one of length h₁,
//
//	W = W₁ + W₂,  B = B₁ + B₂ + (h₂·W₁ − h₁·W₂)/2.
//
// The interval is cut at the midpoint m of the deepest node containing
// both ends; [s, m] is a sum over the path of s alone and [m, t] over the
// path of t alone, so every term is a node near the size of t − s and the
// result keeps its relative accuracy for short steps (differences of
// values at the two ends, as Diffrax takes, lose it: W(t) − W(s) is
// small against W(t)). H = B/(t−s).
//
// A new time costs one split per level below the deepest node it shares
// with a path the Interval keeps (Options.Cursors): a solver's next step
// shares all levels down to about log₂ of its number of steps, so a step
// costs at most 53 splits whatever the number of steps, O(1) amortised
// forward or backward. A cache of recent increments (Options.Cache) makes
// repeated queries, such as the backward pass of a reversible solver over
// the steps of its forward pass, a copy. Cursors and cache are memos of a
// pure function: evicted states are recomputed from their keys, and
// results do not depend on either.
//
// # Randomness
//
// The normals of a node come from Philox4x64-10 (Salmon, Moraes, Dror and
// Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), a keyed
// bijection of 256-bit counters that passes TestU01's BigCrush with margin:
// key (seed, "brownian"), counter (node number, block, 0 for nodes and 1
// for a Tree's points, 0; 1 for the few extra words of the ziggurat's slow
// cases). They are turned into normals by the ziggurat of
// Marsaglia and Tsang (J. Stat. Software 5(8), 2000) with 1024 layers and
// Doornik's independent bits for layer, sign and value (2005); the rare
// wedges and tail need exp and log, which the package computes itself with
// fdlibm's algorithms, because math.Exp and math.Log run assembly on some
// platforms and not others. All other arithmetic is correctly rounded
// (+ − × ÷, math.Sqrt), and every product that meets a sum is written
// float64(x*y) so that the compiler cannot fuse it into an FMA (Go may on
// arm64 and on amd64 with GOAMD64=v3). The tests check the deviates
// against N(0, 1) (moments, Kolmogorov–Smirnov, tail frequencies), check
// neighbouring keys for correlation, and check every bridge formula by
// its conditional law; internal/hashcheck prints a digest of a fixed set
// of queries, which CI requires to be the same on amd64 (default and
// GOAMD64=v3), arm64 and with -tags purego.
package brownian

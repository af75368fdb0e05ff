package brownian

import "errors"

// Errors returned by constructors and queries. They are wrapped with the
// offending values after their own text ("brownian: invalid argument:
// dimension 0 outside [1, 1048576]"); test for them with errors.Is.
var (
	// ErrArgument reports a bad constructor argument: t0 ≥ t1, a
	// non-finite end or span, a dimension outside [1, 2²⁰], a tolerance
	// that is not a positive finite number, Options out of range, or a
	// dimension and cursor count whose kept paths exceed 4 GiB (with the
	// default four cursors, an Interval with Lévy area of dimension above
	// about 6.2·10⁵).
	ErrArgument = errors.New("brownian: invalid argument")
	// ErrNotFinite reports a query time that is NaN or infinite.
	ErrNotFinite = errors.New("brownian: time is not finite")
	// ErrOutOfSpan reports a query time outside the path's span [t0, t1].
	ErrOutOfSpan = errors.New("brownian: time outside the span of the path")
	// ErrLength reports an output slice whose length is not the path's
	// dimension.
	ErrLength = errors.New("brownian: slice length is not the dimension of the path")
	// ErrNoLevy reports a Lévy-area query on a path made without Lévy area.
	ErrNoLevy = errors.New("brownian: path was made without Lévy area")
)

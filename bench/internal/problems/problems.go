// Package problems defines the classic ODE problems of the standard task
// T1 (Arenstorf orbit, Lorenz system, Pleiades), shared by the benchmark
// suite and bench/cmd/tasks. Each right-hand side is written operation for
// operation as the peer libraries' harnesses write it, so that comparisons
// time the same arithmetic.
package problems

import "math"

// ArenstorfMu is the mass ratio μ of the Arenstorf orbit (Hairer, Nørsett
// and Wanner, Solving ODEs I, 1993, p. 129).
const ArenstorfMu = 0.012277471

// Arenstorf is the restricted three-body problem of HNW I, p. 129: state
// (y1, y2, y1', y2'). Over one period its exact y(T) is y0.
type Arenstorf struct{}

// InDim returns 4.
func (*Arenstorf) InDim() int { return 4 }

// OutDim returns 4.
func (*Arenstorf) OutDim() int { return 4 }

// Params returns nil: the problem has no parameters.
func (*Arenstorf) Params() []float64 { return nil }

// Eval writes the right-hand side at y into dy.
func (*Arenstorf) Eval(_ float64, y, dy []float64) {
	const m = ArenstorfMu
	const mp = 1 - ArenstorfMu
	y, dy = y[:4], dy[:4]
	a, b := y[0]+m, y[0]-mp
	y22 := y[1] * y[1]
	r1, r2 := a*a+y22, b*b+y22
	d1, d2 := r1*math.Sqrt(r1), r2*math.Sqrt(r2)
	dy[0] = y[2]
	dy[1] = y[3]
	dy[2] = y[0] + 2*y[3] - mp*a/d1 - m*b/d2
	dy[3] = y[1] - 2*y[2] - mp*y[1]/d1 - m*y[1]/d2
}

// Lorenz is the Lorenz system with σ = 10, ρ = 28, β = 8/3.
type Lorenz struct{}

// InDim returns 3.
func (*Lorenz) InDim() int { return 3 }

// OutDim returns 3.
func (*Lorenz) OutDim() int { return 3 }

// Params returns nil: the problem has no parameters.
func (*Lorenz) Params() []float64 { return nil }

// Eval writes the right-hand side at y into dy.
func (*Lorenz) Eval(_ float64, y, dy []float64) {
	const sigma, rho, beta = 10.0, 28.0, 8.0 / 3.0
	y, dy = y[:3], dy[:3]
	dy[0] = sigma * (y[1] - y[0])
	dy[1] = y[0]*(rho-y[2]) - y[1]
	dy[2] = y[0]*y[1] - beta*y[2]
}

// Pleiades is the seven-body problem of HNW I, p. 245: masses i = 1…7,
// state (x₁…x₇, y₁…y₇, x₁'…x₇', y₁'…y₇').
type Pleiades struct{}

// InDim returns 28.
func (*Pleiades) InDim() int { return 28 }

// OutDim returns 28.
func (*Pleiades) OutDim() int { return 28 }

// Params returns nil: the problem has no parameters.
func (*Pleiades) Params() []float64 { return nil }

// Eval writes the right-hand side at y into dy.
func (*Pleiades) Eval(_ float64, y, dy []float64) {
	y, dy = y[:28], dy[:28]
	x, yy := y[0:7], y[7:14]
	var ax, ay [7]float64
	for i := 0; i < 7; i++ {
		mi := float64(i + 1)
		for j := i + 1; j < 7; j++ {
			mj := float64(j + 1)
			dx, dyy := x[j]-x[i], yy[j]-yy[i]
			r2 := dx*dx + dyy*dyy
			inv := 1 / (r2 * math.Sqrt(r2))
			ax[i] += mj * dx * inv
			ay[i] += mj * dyy * inv
			ax[j] -= mi * dx * inv
			ay[j] -= mi * dyy * inv
		}
	}
	copy(dy[0:14], y[14:28])
	copy(dy[14:21], ax[:])
	copy(dy[21:28], ay[:])
}

// Field is the method set the problems share: autodiff.Field's.
type Field interface {
	InDim() int
	OutDim() int
	Params() []float64
	Eval(t float64, y, out []float64)
}

// Problem is one T1 task: a field, its initial state at t = 0 and its end
// time.
type Problem struct {
	Task, Name string
	F          Field
	Y0         []float64
	T1         float64
}

// T1 returns the three T1 problems, with fresh initial-state slices.
func T1() []Problem {
	py := make([]float64, 28)
	copy(py[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(py[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	py[14+5], py[14+6] = 1.75, -1.5
	py[21+3], py[21+4] = -1.25, 1
	return []Problem{
		{"T1a", "arenstorf", &Arenstorf{}, []float64{0.994, 0, 0, -2.00158510637908252240537862224}, 17.0652165601579625588917206249},
		{"T1b", "lorenz", &Lorenz{}, []float64{1, 1, 1}, 10},
		{"T1c", "pleiades", &Pleiades{}, py, 3},
	}
}

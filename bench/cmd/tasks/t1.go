package main

import (
	"math"

	"github.com/nde-go/nde/rk"
)

func init() { register("T1", 20, runT1) }

// The T1 problems (../shared/TASKS.md), written operation for operation as
// the peers' harnesses write them, so that the comparison times the same
// right-hand side.

const arenstorfMu = 0.012277471

type arenstorf struct{}

func (arenstorf) InDim() int        { return 4 }
func (arenstorf) OutDim() int       { return 4 }
func (arenstorf) Params() []float64 { return nil }
func (arenstorf) Eval(_ float64, y, dy []float64) {
	const m = arenstorfMu
	const mp = 1 - arenstorfMu
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

type lorenz struct{}

func (lorenz) InDim() int        { return 3 }
func (lorenz) OutDim() int       { return 3 }
func (lorenz) Params() []float64 { return nil }
func (lorenz) Eval(_ float64, y, dy []float64) {
	const sigma, rho, beta = 10.0, 28.0, 8.0 / 3.0
	y, dy = y[:3], dy[:3]
	dy[0] = sigma * (y[1] - y[0])
	dy[1] = y[0]*(rho-y[2]) - y[1]
	dy[2] = y[0]*y[1] - beta*y[2]
}

type pleiades struct{}

func (pleiades) InDim() int        { return 28 }
func (pleiades) OutDim() int       { return 28 }
func (pleiades) Params() []float64 { return nil }
func (pleiades) Eval(_ float64, y, dy []float64) {
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

func pleiadesY0() []float64 {
	y := make([]float64, 28)
	copy(y[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(y[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	y[14+5], y[14+6] = 1.75, -1.5
	y[21+3], y[21+4] = -1.25, 1
	return y
}

type t1Problem struct {
	task, name string
	f          interface {
		InDim() int
		OutDim() int
		Params() []float64
		Eval(t float64, y, out []float64)
	}
	y0 []float64
	t1 float64
}

func t1Problems() []t1Problem {
	return []t1Problem{
		{"T1a", "arenstorf", arenstorf{}, []float64{0.994, 0, 0, -2.00158510637908252240537862224}, 17.0652165601579625588917206249},
		{"T1b", "lorenz", lorenz{}, []float64{1, 1, 1}, 10},
		{"T1c", "pleiades", pleiades{}, pleiadesY0(), 3},
	}
}

type t1Line struct {
	Task       string    `json:"task"`
	Problem    string    `json:"problem"`
	Solver     string    `json:"solver"`
	Tol        float64   `json:"tol"`
	MedianS    float64   `json:"median_s"`
	MinS       float64   `json:"min_s"`
	CPUMedianS float64   `json:"cpu_median_s"`
	CPUMinS    float64   `json:"cpu_min_s"`
	Reps       int       `json:"reps"`
	NFev       int       `json:"nfev"`
	Steps      int       `json:"steps"`
	Rejected   int       `json:"rejected"`
	Y          []float64 `json:"y"`
}

// runT1 solves each T1 problem with dopri5, tsit5 and dop853 at rtol = atol
// = 1e-6, 1e-8, 1e-10 from the initial-step heuristic, keeping only y(T).
// The Solver and Solution are made once per configuration, outside the
// clock: a solve then allocates nothing.
func runT1(c *config) {
	for _, p := range t1Problems() {
		for _, tab := range []*rk.Tableau{rk.Dopri5, rk.Tsit5, rk.Dop853} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				s, err := rk.New(tab, p.f)
				if err != nil {
					logf("T1: %v", err)
					return
				}
				opt := rk.Options{RTol: tol, ATol: tol}
				var sol rk.Solution
				var serr error
				tm := c.measure(func() { serr = s.Solve(0, p.t1, p.y0, &opt, &sol) })
				if serr != nil {
					logf("%s %s %g: %v", p.task, tab.Name, tol, serr)
					continue
				}
				c.emit(t1Line{
					Task: p.task, Problem: p.name, Solver: tab.Name, Tol: tol,
					MedianS: tm.Median, MinS: tm.Min, CPUMedianS: tm.CPUMedian, CPUMinS: tm.CPUMin, Reps: tm.Reps,
					NFev: sol.Stats.NFev, Steps: sol.Stats.Steps, Rejected: sol.Stats.Rejected,
					Y: append([]float64(nil), sol.Y...),
				})
			}
		}
	}
}

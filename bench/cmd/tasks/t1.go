package main

import (
	"github.com/nde-go/nde/bench/internal/problems"
	"github.com/nde-go/nde/rk"
)

func init() { register("T1", 20, runT1) }

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
	for _, p := range problems.T1() {
		for _, tab := range []*rk.Tableau{rk.Dopri5, rk.Tsit5, rk.Dop853} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				s, err := rk.New(tab, p.F)
				if err != nil {
					logf("T1: %v", err)
					return
				}
				opt := rk.Options{RTol: tol, ATol: tol}
				var sol rk.Solution
				var serr error
				tm := c.measure(func() { serr = s.Solve(0, p.T1, p.Y0, &opt, &sol) })
				if serr != nil {
					logf("%s %s %g: %v", p.Task, tab.Name, tol, serr)
					continue
				}
				c.emit(t1Line{
					Task: p.Task, Problem: p.Name, Solver: tab.Name, Tol: tol,
					MedianS: tm.Median, MinS: tm.Min, CPUMedianS: tm.CPUMedian, CPUMinS: tm.CPUMin, Reps: tm.Reps,
					NFev: sol.Stats.NFev, Steps: sol.Stats.Steps, Rejected: sol.Stats.Rejected,
					Y: append([]float64(nil), sol.Y...),
				})
			}
		}
	}
}

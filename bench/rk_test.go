package bench

import (
	"fmt"
	"math"
	"testing"

	"github.com/nde-go/nde/bench/internal/problems"
	"github.com/nde-go/nde/rk"
)

// BenchmarkT1 times one whole solve of each T1 problem (../shared/TASKS.md)
// per iteration, with the Solver and Solution made outside the loop, and
// reports the time per function evaluation.
func BenchmarkT1(b *testing.B) {
	for _, p := range problems.T1() {
		for _, tab := range []*rk.Tableau{rk.Dopri5, rk.Tsit5, rk.Dop853} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				b.Run(fmt.Sprintf("%s/%s/tol=%g", p.Task, tab.Name, tol), func(b *testing.B) {
					s, err := rk.New(tab, p.F)
					if err != nil {
						b.Fatal(err)
					}
					sol := timeSolves(b, s, p, &rk.Options{RTol: tol, ATol: tol})
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sol.Stats.NFev), "ns/fev")
					b.ReportMetric(float64(sol.Stats.NFev), "nfev")
				})
			}
		}
	}
}

// timeSolves solves problem p b.N times with s and opt, with the clock
// reset before the first, and returns the last solution.
func timeSolves(b *testing.B, s *rk.Solver, p problems.Problem, opt *rk.Options) *rk.Solution {
	var sol rk.Solution
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Solve(0, p.T1, p.Y0, opt, &sol); err != nil {
			b.Fatal(err)
		}
	}
	return &sol
}

// BenchmarkT1Loop times Dopri5 on each T1 problem at tol 1e-8 through
// Solve's two loops: the one for solves with no output but the final state
// (loop=plain), and the general one, taken here by a StepTo at t1, which
// changes no step (loop=general). Both take the same steps, bit for bit,
// so the ratio of their times is the cost of the general loop's
// bookkeeping, measured within one run.
func BenchmarkT1Loop(b *testing.B) {
	for _, p := range problems.T1() {
		for _, loop := range []string{"plain", "general"} {
			b.Run(fmt.Sprintf("%s/loop=%s", p.Task, loop), func(b *testing.B) {
				s, err := rk.New(rk.Dopri5, p.F)
				if err != nil {
					b.Fatal(err)
				}
				opt := rk.Options{RTol: 1e-8, ATol: 1e-8}
				if loop == "general" {
					opt.StepTo = []float64{p.T1}
				}
				sol := timeSolves(b, s, p, &opt)
				attempts := sol.Stats.Steps + sol.Stats.Rejected
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(attempts), "ns/step")
			})
		}
	}
}

// linearField is y' = A y for a fixed n×n matrix with entries of size
// 1/n, a stand-in for a field whose cost grows with n like a small dense
// layer's.
type linearField struct {
	n int
	a []float64
}

func newLinearField(n int) *linearField {
	f := &linearField{n: n, a: make([]float64, n*n)}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			f.a[i*n+j] = math.Sin(float64(i*n+j)) / float64(n)
		}
		f.a[i*n+i] -= 0.5
	}
	return f
}

func (f *linearField) InDim() int        { return f.n }
func (f *linearField) OutDim() int       { return f.n }
func (f *linearField) Params() []float64 { return nil }
func (f *linearField) Eval(_ float64, y, out []float64) {
	n := f.n
	for i := 0; i < n; i++ {
		row := f.a[i*n : (i+1)*n]
		var s float64
		for j, v := range row {
			s += v * y[j]
		}
		out[i] = s
	}
}

// BenchmarkStep times whole adaptive solves of y' = A y over [0, 10] with
// Dopri5 at tol 1e-8 for states of length n, and reports the time per step
// attempt: the overhead of the stepping loop (stage combinations, error
// norm, controller) beside the field's own cost, which grows as n².
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{3, 4, 8, 16, 32, 64} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := newLinearField(n)
			s, err := rk.New(rk.Dopri5, f)
			if err != nil {
				b.Fatal(err)
			}
			y0 := make([]float64, n)
			for i := range y0 {
				y0[i] = math.Cos(float64(i))
			}
			opt := rk.Options{RTol: 1e-8, ATol: 1e-8}
			var sol rk.Solution
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := s.Solve(0, 10, y0, &opt, &sol); err != nil {
					b.Fatal(err)
				}
			}
			attempts := sol.Stats.Steps + sol.Stats.Rejected
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(attempts), "ns/step")
		})
	}
}

// BenchmarkDenseAt times queries of the dense output of a Dopri5 solve at
// random times (a binary search over the steps and a degree-4 polynomial).
func BenchmarkDenseAt(b *testing.B) {
	p := problems.T1()[0]
	s, _ := rk.New(rk.Dopri5, p.F)
	var sol rk.Solution
	if err := s.Solve(0, p.T1, p.Y0, &rk.Options{RTol: 1e-8, ATol: 1e-8, Dense: true}, &sol); err != nil {
		b.Fatal(err)
	}
	out := make([]float64, 4)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := p.T1 * float64((i*7919)%10007) / 10007
		if err := sol.Dense.At(t, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvent times an Arenstorf solve that ends at the first crossing
// of y2 = 0 from above (an event located on the dense output).
func BenchmarkEvent(b *testing.B) {
	p := problems.T1()[0]
	s, _ := rk.New(rk.Dopri5, p.F)
	var sol rk.Solution
	opt := rk.Options{RTol: 1e-8, ATol: 1e-8, EventDirection: -1,
		Event: func(_ float64, y []float64) float64 { return y[1] }}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := s.Solve(0, p.T1, p.Y0, &opt, &sol); err != nil || !sol.Event {
			b.Fatal(err, sol.Event)
		}
	}
}

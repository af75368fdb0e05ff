package bench

import (
	"fmt"
	"math"
	"testing"

	"github.com/nde-go/nde/rk"
)

// The T1 problems of ../shared/TASKS.md, written operation for operation as
// bench/cmd/tasks and the peers' harnesses write them.

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

type t1Problem struct {
	task string
	f    interface {
		InDim() int
		OutDim() int
		Params() []float64
		Eval(t float64, y, out []float64)
	}
	y0 []float64
	t1 float64
}

func t1Problems() []t1Problem {
	py := make([]float64, 28)
	copy(py[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(py[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	py[14+5], py[14+6] = 1.75, -1.5
	py[21+3], py[21+4] = -1.25, 1
	return []t1Problem{
		{"T1a", arenstorf{}, []float64{0.994, 0, 0, -2.00158510637908252240537862224}, 17.0652165601579625588917206249},
		{"T1b", lorenz{}, []float64{1, 1, 1}, 10},
		{"T1c", pleiades{}, py, 3},
	}
}

// BenchmarkT1 times one whole solve of each T1 problem (../shared/TASKS.md)
// per iteration, with the Solver and Solution made outside the loop, and
// reports the time per function evaluation.
func BenchmarkT1(b *testing.B) {
	for _, p := range t1Problems() {
		for _, tab := range []*rk.Tableau{rk.Dopri5, rk.Tsit5, rk.Dop853} {
			for _, tol := range []float64{1e-6, 1e-8, 1e-10} {
				b.Run(fmt.Sprintf("%s/%s/tol=%g", p.task, tab.Name, tol), func(b *testing.B) {
					s, err := rk.New(tab, p.f)
					if err != nil {
						b.Fatal(err)
					}
					opt := rk.Options{RTol: tol, ATol: tol}
					var sol rk.Solution
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						if err := s.Solve(0, p.t1, p.y0, &opt, &sol); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sol.Stats.NFev), "ns/fev")
					b.ReportMetric(float64(sol.Stats.NFev), "nfev")
				})
			}
		}
	}
}

package bench

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/nde-go/nde/autodiff"
)

// autodiffSizes are T3's (d, H) (../shared/TASKS.md).
var autodiffSizes = [][2]int{{2, 64}, {32, 128}}

// autodiffT3 returns T3's field f(y) = W2 tanh(W1 y + b1) + b2 as a
// hand-written MLP and as a tape recording the same operations, both with
// T3's weights, and T3's y0.
func autodiffT3(tb testing.TB, d, H int) (*autodiff.MLP, *autodiff.TapeField, []float64) {
	m, err := autodiff.NewMLP(autodiff.MLPConfig{Sizes: []int{d, H, d}, Act: autodiff.Tanh})
	if err != nil {
		tb.Fatal(err)
	}
	l1, l2 := m.Layer(0), m.Layer(1)
	for i := 0; i < H; i++ {
		for j := 0; j < d; j++ {
			l1.W.Set(i, j, math.Sin(0.37*float64(i+1)+0.73*float64(j+1))/math.Sqrt(float64(d)))
		}
		l1.B[i] = 0.1 * math.Cos(float64(i+1))
	}
	for i := 0; i < d; i++ {
		for j := 0; j < H; j++ {
			l2.W.Set(i, j, math.Sin(0.53*float64(i+1)-0.29*float64(j+1))/math.Sqrt(float64(H)))
		}
		l2.B[i] = 0.05 * math.Sin(float64(i+1))
	}
	tp := new(autodiff.Tape)
	y := tp.Input(d)
	W1, b1 := tp.ParamMatrix(H, d), tp.Param(H)
	W2, b2 := tp.ParamMatrix(d, H), tp.Param(d)
	f, err := tp.Field(tp.Affine(W2, tp.Tanh(tp.Affine(W1, y, b1)), b2))
	if err != nil {
		tb.Fatal(err)
	}
	copy(f.Params(), m.Params()) // same layout: W1, b1, W2, b2
	y0 := make([]float64, d)
	for i := range y0 {
		y0[i] = math.Cos(0.7 * float64(i+1))
	}
	return m, f, y0
}

type autodiffField interface {
	autodiff.DiffField
	autodiff.EvalVJPField
}

// autodiffOps are the calls a solver makes, on buffers made once.
func autodiffOps(f autodiffField, y []float64) []struct {
	name  string
	flops float64 // multiply–adds ×2 of the matrix work, activations not counted
	run   func()
} {
	d, p := f.InDim(), len(f.Params())
	H := (p - d) / (2*d + 1)
	mv := float64(2 * d * H * 2) // one matrix–vector product per layer
	out, jv, a := make([]float64, d), make([]float64, d), make([]float64, d)
	v, w, gy, gth := make([]float64, d), make([]float64, p), make([]float64, d), make([]float64, p)
	for i := range a {
		a[i], v[i] = 1, 1
	}
	for i := range w {
		w[i] = 1e-3
	}
	return []struct {
		name  string
		flops float64
		run   func()
	}{
		{"Eval", mv, func() { f.Eval(0, y, out) }},
		{"VJP", 3 * mv, func() { f.VJP(0, y, a, gy, gth) }},
		{"VJPy", 2 * mv, func() { f.VJP(0, y, a, gy, nil) }},
		{"EvalVJP", 3 * mv, func() { f.EvalVJP(0, y, a, out, gy, gth) }},
		{"JVP", 2 * mv, func() { f.JVP(0, y, v, nil, out, jv) }},
		{"JVPw", 3 * mv, func() { f.JVP(0, y, v, w, out, jv) }},
	}
}

// BenchmarkField times T3's field through the Field contract, hand-written
// (impl=mlp) and recorded on a tape (impl=tape):
//
//	go test ./bench -run '^$' -bench 'BenchmarkField/' -count 5
func BenchmarkField(b *testing.B) {
	for _, s := range autodiffSizes {
		m, tf, y := autodiffT3(b, s[0], s[1])
		for i, op := range autodiffOps(m, y) {
			for _, impl := range []struct {
				name string
				f    autodiffField
			}{{"mlp", m}, {"tape", tf}} {
				run := autodiffOps(impl.f, y)[i].run
				b.Run(fmt.Sprintf("d=%d,H=%d/op=%s/impl=%s", s[0], s[1], op.name, impl.name), func(b *testing.B) {
					b.ReportAllocs()
					for k := 0; k < b.N; k++ {
						run()
					}
					b.ReportMetric(op.flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}

// BenchmarkTapeOverMLP reports the tape's time over the hand-written MLP's
// for the same call, measured in alternating rounds of 64 calls so that
// both see the same state of a shared machine:
//
//	go test ./bench -run '^$' -bench 'BenchmarkTapeOverMLP/' -count 5
func BenchmarkTapeOverMLP(b *testing.B) {
	for _, s := range autodiffSizes {
		m, tf, y := autodiffT3(b, s[0], s[1])
		mops, tops := autodiffOps(m, y), autodiffOps(tf, y)
		for i := range mops {
			mrun, trun := mops[i].run, tops[i].run
			b.Run(fmt.Sprintf("d=%d,H=%d/op=%s", s[0], s[1], mops[i].name), func(b *testing.B) {
				const round = 64
				var tm, tt time.Duration
				for k := 0; k < b.N; k++ {
					t0 := time.Now()
					for j := 0; j < round; j++ {
						mrun()
					}
					t1 := time.Now()
					for j := 0; j < round; j++ {
						trun()
					}
					tm += t1.Sub(t0)
					tt += time.Since(t1)
				}
				b.ReportMetric(float64(tt)/float64(tm), "tape/mlp")
				b.ReportMetric(float64(tm)/float64(b.N*round), "mlp-ns/call")
				b.ReportMetric(float64(tt)/float64(b.N*round), "tape-ns/call")
			})
		}
	}
}

// BenchmarkAdamStep times one Adam step over T3's (32, 128) parameter
// count.
func BenchmarkAdamStep(b *testing.B) {
	m, _, _ := autodiffT3(b, 32, 128)
	theta := m.Params()
	g := make([]float64, len(theta))
	for i := range g {
		g[i] = 1e-3 * float64(i%7-3)
	}
	opt, err := autodiff.NewAdam(len(theta), 1e-3)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		opt.Step(theta, g)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(theta)), "ns/param")
}

// BenchmarkTanhShare reports the share of T3's (2, 64) MLP Eval that its
// 64 calls of math.Tanh take: the calls are timed alone, on the hidden
// layer's own pre-activations (the cost of math.Tanh depends on the
// argument's range), in alternating rounds with Eval so that both see the
// same state of a shared machine:
//
//	go test ./bench -run '^$' -bench 'BenchmarkTanhShare' -count 5
func BenchmarkTanhShare(b *testing.B) {
	m, _, y := autodiffT3(b, 2, 64)
	L := m.Layer(0)
	z, h, out := make([]float64, 64), make([]float64, 64), make([]float64, 2)
	L.W.MulVec(z, y)
	for i := range z {
		z[i] += L.B[i]
	}
	const round = 64
	var te, tt time.Duration
	for k := 0; k < b.N; k++ {
		t0 := time.Now()
		for j := 0; j < round; j++ {
			m.Eval(0, y, out)
		}
		t1 := time.Now()
		for j := 0; j < round; j++ {
			for i, v := range z {
				h[i] = math.Tanh(v)
			}
		}
		te += t1.Sub(t0)
		tt += time.Since(t1)
	}
	b.ReportMetric(float64(tt)/float64(te), "tanh/eval")
	b.ReportMetric(float64(te)/float64(b.N*round), "eval-ns/call")
	b.ReportMetric(float64(tt)/float64(b.N*round), "tanh64-ns/call")
}

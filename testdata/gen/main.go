// Command gen computes the reference solutions in ../t1_ref.json: y(T) of
// the T1 problems (../../../shared/TASKS.md in the project's steering
// documents; Arenstorf, Lorenz, Pleiades) to about 30 significant digits.
//
//	go run ./testdata/gen > testdata/t1_ref.json
//
// It shares no code with nde's solvers: it integrates with a Taylor series
// method in math/big, the series of the solution computed by automatic
// differentiation of the right-hand side (the recurrences of Moore,
// Interval Analysis, 1966, and Jorba and Zou, Experiment. Math. 14, 2005).
// Each problem is solved twice, with different orders, tolerances and
// precisions, and the program fails unless the two agree to 1e-28; the
// file records the agreement. The initial values and end times are the
// float64 values the benchmarks use (the decimal strings of TASKS.md
// rounded to float64), and so are the parameters (mu, 1 − mu, 8/3), so that
// the reference is the exact solution of the problem nde's solvers are
// given.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"time"
)

// op codes of the tape.
const (
	opIn = iota
	opConst
	opAdd
	opSub
	opMul
	opScale // c·a
	opPow   // a^alpha
)

type node struct {
	op    int
	a, b  int
	c     *big.Float // opConst, opScale
	alpha float64    // opPow (a small rational, exact in float64)
}

// tape records the right-hand side of an autonomous system as a sequence of
// operations on Taylor series.
type tape struct {
	prec  uint
	nodes []node
	out   []int
	nin   int
}

func (t *tape) add(n node) int { t.nodes = append(t.nodes, n); return len(t.nodes) - 1 }
func (t *tape) in(i int) int   { return t.add(node{op: opIn, a: i}) }
func (t *tape) num(v string) int {
	c, _, err := big.ParseFloat(v, 10, t.prec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return t.add(node{op: opConst, c: c})
}

// float records the exact binary value of v: a parameter of the problem as
// the float64 solvers see it.
func (t *tape) float(v float64) int {
	return t.add(node{op: opConst, c: new(big.Float).SetPrec(t.prec).SetFloat64(v)})
}
func (t *tape) plus(a, b int) int  { return t.add(node{op: opAdd, a: a, b: b}) }
func (t *tape) minus(a, b int) int { return t.add(node{op: opSub, a: a, b: b}) }
func (t *tape) times(a, b int) int { return t.add(node{op: opMul, a: a, b: b}) }
func (t *tape) scale(v string, a int) int {
	c, _, err := big.ParseFloat(v, 10, t.prec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return t.add(node{op: opScale, a: a, c: c})
}
func (t *tape) pow(a int, alpha float64) int { return t.add(node{op: opPow, a: a, alpha: alpha}) }

// series holds the Taylor coefficients of every node at the current point.
type series struct {
	t    *tape
	coef [][]*big.Float // coef[node][k]
}

func (t *tape) newSeries(order int) *series {
	s := &series{t: t, coef: make([][]*big.Float, len(t.nodes))}
	for i := range s.coef {
		s.coef[i] = make([]*big.Float, order+2)
		for k := range s.coef[i] {
			s.coef[i][k] = new(big.Float).SetPrec(t.prec)
		}
	}
	return s
}

// coefficient computes coefficient k of every node, given coefficients
// 0 … k of the inputs in x[i][k] and all lower coefficients of the nodes.
func (s *series) coefficient(x [][]*big.Float, k int) {
	prec := s.t.prec
	tmp := new(big.Float).SetPrec(prec)
	acc := new(big.Float).SetPrec(prec)
	for i, n := range s.t.nodes {
		c := s.coef[i]
		switch n.op {
		case opIn:
			c[k].Set(x[n.a][k])
		case opConst:
			if k == 0 {
				c[0].Set(n.c)
			} else {
				c[k].SetInt64(0)
			}
		case opAdd:
			c[k].Add(s.coef[n.a][k], s.coef[n.b][k])
		case opSub:
			c[k].Sub(s.coef[n.a][k], s.coef[n.b][k])
		case opScale:
			c[k].Mul(n.c, s.coef[n.a][k])
		case opMul: // Cauchy product
			a, b := s.coef[n.a], s.coef[n.b]
			acc.SetInt64(0)
			for j := 0; j <= k; j++ {
				acc.Add(acc, tmp.Mul(a[j], b[k-j]))
			}
			c[k].Set(acc)
		case opPow:
			// u = a^α: u' a = α a' u gives
			// u_k = 1/(k a_0) Σ_{j=0}^{k−1} (α(k−j) − j) a_{k−j} u_j.
			a := s.coef[n.a]
			if k == 0 {
				c[0].Set(powFloat(a[0], n.alpha, prec))
				continue
			}
			acc.SetInt64(0)
			w := new(big.Float).SetPrec(prec)
			for j := 0; j < k; j++ {
				w.SetFloat64(n.alpha*float64(k-j) - float64(j))
				tmp.Mul(w, a[k-j])
				tmp.Mul(tmp, c[j])
				acc.Add(acc, tmp)
			}
			w.SetInt64(int64(k))
			w.Mul(w, a[0])
			c[k].Quo(acc, w)
		}
	}
}

// powFloat returns x^alpha for x > 0 and alpha a half-integer or integer.
func powFloat(x *big.Float, alpha float64, prec uint) *big.Float {
	twice := int(math.Round(2 * alpha))
	if float64(twice) != 2*alpha {
		panic("powFloat: alpha must be a multiple of 1/2")
	}
	// x^(twice/2) = sqrt(x)^twice.
	r := new(big.Float).SetPrec(prec).Sqrt(x)
	res := new(big.Float).SetPrec(prec).SetInt64(1)
	e := twice
	if e < 0 {
		e = -e
	}
	for i := 0; i < e; i++ {
		res.Mul(res, r)
	}
	if twice < 0 {
		res.Quo(new(big.Float).SetPrec(prec).SetInt64(1), res)
	}
	return res
}

// integrate solves y' = f(y) from 0 to tEnd with Taylor steps of the given
// order, choosing each step so that the last two terms of the series are
// below tol relative to the solution's scale (Jorba and Zou's rule).
func integrate(build func(*tape), y0 []float64, tEnd float64, order int, tol float64, prec uint) ([]*big.Float, int) {
	t := &tape{prec: prec, nin: len(y0)}
	build(t)
	s := t.newSeries(order)
	n := len(y0)
	x := make([][]*big.Float, n)
	for i := range x {
		x[i] = make([]*big.Float, order+2)
		for k := range x[i] {
			x[i][k] = new(big.Float).SetPrec(prec)
		}
		x[i][0].SetFloat64(y0[i])
	}
	now := new(big.Float).SetPrec(prec)
	end := new(big.Float).SetPrec(prec).SetFloat64(tEnd)
	steps := 0
	tmp := new(big.Float).SetPrec(prec)
	for now.Cmp(end) < 0 {
		for k := 0; k < order; k++ {
			s.coefficient(x, k)
			// x_{k+1} = f_k / (k+1)
			for i, o := range t.out {
				x[i][k+1].Quo(s.coef[o][k], tmp.SetInt64(int64(k+1)))
			}
		}
		// Step size from the last two coefficients.
		var scale, c1, c2 float64 = 1, 0, 0
		for i := 0; i < n; i++ {
			v, _ := x[i][0].Float64()
			scale = math.Max(scale, math.Abs(v))
			a, _ := x[i][order-1].Float64()
			b, _ := x[i][order].Float64()
			c1 = math.Max(c1, math.Abs(a))
			c2 = math.Max(c2, math.Abs(b))
		}
		h := math.Inf(1)
		if c1 > 0 {
			h = math.Min(h, math.Pow(tol*scale/c1, 1/float64(order-1)))
		}
		if c2 > 0 {
			h = math.Min(h, math.Pow(tol*scale/c2, 1/float64(order)))
		}
		hb := new(big.Float).SetPrec(prec).SetFloat64(h)
		rest := new(big.Float).SetPrec(prec).Sub(end, now)
		if hb.Cmp(rest) >= 0 {
			hb = rest
		}
		// Horner: y(now + h) = Σ x_k h^k.
		for i := 0; i < n; i++ {
			acc := new(big.Float).SetPrec(prec).Set(x[i][order])
			for k := order - 1; k >= 0; k-- {
				acc.Mul(acc, hb)
				acc.Add(acc, x[i][k])
			}
			x[i][0].Set(acc)
		}
		now.Add(now, hb)
		steps++
	}
	out := make([]*big.Float, n)
	for i := range out {
		out[i] = x[i][0]
	}
	return out, steps
}

// The problems, as in TASKS.md T1, with the parameters the solvers are
// given: mu, mu' = 1 − mu and 8/3 are the float64 values of the Go
// constants (the rounding of mu and mu' alone moves Arenstorf's y(T) by
// 3.5e-11).

func arenstorf(t *tape) {
	const mu = 0.012277471
	y1, y2, v1, v2 := t.in(0), t.in(1), t.in(2), t.in(3)
	m := t.float(mu)
	mp := t.float(1 - mu)
	a := t.plus(y1, m)
	b := t.minus(y1, mp)
	y22 := t.times(y2, y2)
	r1 := t.plus(t.times(a, a), y22)
	r2 := t.plus(t.times(b, b), y22)
	i1 := t.pow(r1, -1.5) // 1/D1
	i2 := t.pow(r2, -1.5) // 1/D2
	// y1'' = y1 + 2 y2' − mu' (y1+mu)/D1 − mu (y1−mu')/D2
	acc1 := t.plus(y1, t.scale("2", v2))
	acc1 = t.minus(acc1, t.times(mp, t.times(a, i1)))
	acc1 = t.minus(acc1, t.times(m, t.times(b, i2)))
	// y2'' = y2 − 2 y1' − mu' y2/D1 − mu y2/D2
	acc2 := t.minus(y2, t.scale("2", v1))
	acc2 = t.minus(acc2, t.times(mp, t.times(y2, i1)))
	acc2 = t.minus(acc2, t.times(m, t.times(y2, i2)))
	t.out = []int{v1, v2, acc1, acc2}
}

func lorenz(t *tape) {
	x, y, z := t.in(0), t.in(1), t.in(2)
	dx := t.scale("10", t.minus(y, x))
	dy := t.minus(t.times(x, t.minus(t.num("28"), z)), y)
	dz := t.minus(t.times(x, y), t.times(t.float(8.0/3.0), z))
	t.out = []int{dx, dy, dz}
}

func pleiades(t *tape) {
	var x, y [7]int
	for i := 0; i < 7; i++ {
		x[i], y[i] = t.in(i), t.in(7+i)
	}
	ax, ay := make([]int, 7), make([]int, 7)
	for i := range ax {
		ax[i], ay[i] = -1, -1
	}
	accum := func(dst []int, i, v int, sub bool) {
		switch {
		case dst[i] < 0 && !sub:
			dst[i] = v
		case dst[i] < 0:
			dst[i] = t.minus(t.num("0"), v)
		case sub:
			dst[i] = t.minus(dst[i], v)
		default:
			dst[i] = t.plus(dst[i], v)
		}
	}
	for i := 0; i < 7; i++ {
		for j := i + 1; j < 7; j++ {
			dx := t.minus(x[j], x[i])
			dy := t.minus(y[j], y[i])
			r2 := t.plus(t.times(dx, dx), t.times(dy, dy))
			inv := t.pow(r2, -1.5)
			fx := t.times(dx, inv)
			fy := t.times(dy, inv)
			mi, mj := fmt.Sprint(i+1), fmt.Sprint(j+1)
			accum(ax, i, t.scale(mj, fx), false)
			accum(ay, i, t.scale(mj, fy), false)
			accum(ax, j, t.scale(mi, fx), true)
			accum(ay, j, t.scale(mi, fy), true)
		}
	}
	out := make([]int, 28)
	for i := 0; i < 14; i++ {
		out[i] = t.in(14 + i)
	}
	for i := 0; i < 7; i++ {
		out[14+i], out[21+i] = ax[i], ay[i]
	}
	t.out = out
}

type entry struct {
	T         float64       `json:"t1"`
	Y         []json.Number `json:"y"`
	Agreement float64       `json:"agreement"` // max |difference| between the two solves
	Steps     [2]int        `json:"taylor_steps"`
}

func main() {
	pley := make([]float64, 28)
	copy(pley[0:7], []float64{3, 3, -1, -3, 2, -2, 2})
	copy(pley[7:14], []float64{3, -3, 2, 0, 0, -4, 4})
	pley[14+5], pley[14+6] = 1.75, -1.5
	pley[21+3], pley[21+4] = -1.25, 1
	problems := []struct {
		name  string
		build func(*tape)
		y0    []float64
		t1    float64
	}{
		{"arenstorf", arenstorf, []float64{0.994, 0, 0, -2.00158510637908252240537862224}, 17.0652165601579625588917206249},
		{"lorenz", lorenz, []float64{1, 1, 1}, 10},
		{"pleiades", pleiades, pley, 3},
	}
	out := map[string]any{
		"generator": "go run ./testdata/gen (Taylor series in math/big; see testdata/gen/main.go)",
		"note": "y(t1) of the T1 problems of TASKS.md from the float64 initial values and end times; " +
			"arenstorf's y(t1) differs from y0 because y0 and t1 are rounded to float64",
	}
	for _, p := range problems {
		start := time.Now()
		a, na := integrate(p.build, p.y0, p.t1, 36, 1e-36, 256)
		b, nb := integrate(p.build, p.y0, p.t1, 44, 1e-44, 320)
		var agree float64
		e := entry{T: p.t1, Steps: [2]int{na, nb}}
		for i := range a {
			d := new(big.Float).SetPrec(320).Sub(a[i], b[i])
			df, _ := d.Float64()
			agree = math.Max(agree, math.Abs(df))
			e.Y = append(e.Y, json.Number(b[i].Text('e', 30)))
		}
		e.Agreement = agree
		fmt.Fprintf(os.Stderr, "gen: %s: %d and %d Taylor steps, agreement %.3g, %.1fs\n", p.name, na, nb, agree, time.Since(start).Seconds())
		if !(agree < 1e-28) {
			fmt.Fprintf(os.Stderr, "gen: %s: the two solves agree only to %.3g\n", p.name, agree)
			os.Exit(1)
		}
		out[p.name] = e
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

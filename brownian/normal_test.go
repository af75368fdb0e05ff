package brownian

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// TestPhiloxKnownAnswers checks Philox4x64-10 against the known-answer
// vectors of Random123's kat_vectors file (the first three) and one more
// block computed by NumPy 1.24's independent implementation
// (numpy.random.Philox, whose counter is incremented before use).
func TestPhiloxKnownAnswers(t *testing.T) {
	cases := []struct{ ctr, key, want [4]uint64 }{
		{[4]uint64{0, 0, 0, 0}, [4]uint64{0, 0},
			[4]uint64{0x16554d9eca36314c, 0xdb20fe9d672d0fdc, 0xd7e772cee186176b, 0x7e68b68aec7ba23b}},
		{[4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}, [4]uint64{^uint64(0), ^uint64(0)},
			[4]uint64{0x87b092c3013fe90b, 0x438c3c67be8d0224, 0x9cc7d7c69cd777b6, 0xa09caebf594f0ba0}},
		{[4]uint64{0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89},
			[4]uint64{0x452821e638d01377, 0xbe5466cf34e90c6c},
			[4]uint64{0xa528f45403e61d95, 0x38c72dbd566e9788, 0xa5a1610e72fd18b5, 0x57bd43b5e52b7fe6}},
		{[4]uint64{5, 7, 1, 0}, [4]uint64{12345, keyDomain},
			[4]uint64{0x26235bfe8bda52b7, 0x0065e077a0643816, 0x9642ac9435a7a10f, 0xabbd4f3e9799e369}},
	}
	for _, c := range cases {
		var s stream
		s.setKey(c.key[0], c.key[1])
		s.reset(c.ctr[0], c.ctr[2])
		a, b, d, e := s.block(c.ctr[1], c.ctr[3])
		if got := [4]uint64{a, b, d, e}; got != c.want {
			t.Errorf("Philox4x64-10(%x, key %x) = %x, want %x", c.ctr, c.key[:2], got, c.want)
		}
	}
}

// refPrec is the precision of the math/big references, far beyond the 53
// bits they check.
const refPrec = 200

// bigExp returns eʸ to about 170 bits: eʸ = (e^{y/2ᵏ})^{2ᵏ} with k = 30,
// so that |y|/2ᵏ < 10⁻⁶ for |y| ≤ 700 and the Taylor series converges by
// twenty bits per term; each of the k squarings at most doubles the
// relative error of 2⁻²⁰⁰ that rounding leaves.
func bigExp(y float64) *big.Float {
	const k = 30
	x := new(big.Float).SetPrec(refPrec).SetFloat64(y)
	x.SetMantExp(x, -k)
	sum := new(big.Float).SetPrec(refPrec).SetInt64(1)
	term := new(big.Float).SetPrec(refPrec).SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, x)
		term.Quo(term, new(big.Float).SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -refPrec-8 {
			break
		}
	}
	for i := 0; i < k; i++ {
		sum.Mul(sum, sum)
	}
	return sum
}

// bigAtanh returns atanh z = z + z³/3 + z⁵/5 + … for |z| ≤ 1/3, to the
// working precision.
func bigAtanh(z *big.Float) *big.Float {
	z2 := new(big.Float).SetPrec(refPrec).Mul(z, z)
	pow := new(big.Float).SetPrec(refPrec).Set(z)
	sum := new(big.Float).SetPrec(refPrec).Set(z)
	for n := int64(3); pow.Sign() != 0; n += 2 {
		pow.Mul(pow, z2)
		term := new(big.Float).SetPrec(refPrec).Quo(pow, new(big.Float).SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -refPrec-8 {
			break
		}
	}
	return sum
}

// bigLog returns ln x for a positive normal x: x = m·2ᵉ with m in
// [√½, √2), ln x = e·ln 2 + 2·atanh((m−1)/(m+1)), |(m−1)/(m+1)| < 0.172,
// and ln 2 = 2·atanh(1/3). Every step keeps the relative error near 2⁻²⁰⁰;
// where the two terms have opposite signs (m < 1, e ≥ 1) their sum loses at
// most one bit, since |e·ln 2| ≥ 0.69 and the atanh term is below 0.35.
func bigLog(x float64) *big.Float {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	one := new(big.Float).SetPrec(refPrec).SetInt64(1)
	bm := new(big.Float).SetPrec(refPrec).SetFloat64(m)
	z := new(big.Float).SetPrec(refPrec).Quo(
		new(big.Float).SetPrec(refPrec).Sub(bm, one),
		new(big.Float).SetPrec(refPrec).Add(bm, one))
	r := bigAtanh(z)
	r.Add(r, r)
	ln2 := new(big.Float).SetPrec(refPrec).Mul(bigLn2, new(big.Float).SetInt64(int64(e)))
	return r.Add(r, ln2)
}

// bigLn2 is ln 2 = 2·atanh(1/3).
var bigLn2 = func() *big.Float {
	third := new(big.Float).SetPrec(refPrec).Quo(big.NewFloat(1), big.NewFloat(3))
	ln2 := bigAtanh(third)
	return ln2.Add(ln2, ln2)
}()

// ulpsFrom returns |a − ref| in units of the last place of ref rounded to
// a float64.
func ulpsFrom(a float64, ref *big.Float) float64 {
	r, _ := ref.Float64()
	r = math.Abs(r)
	ulp := math.Nextafter(r, math.Inf(1)) - r
	d := new(big.Float).SetPrec(refPrec).Sub(new(big.Float).SetFloat64(a), ref)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

// TestPortableLogExp compares plog and pexp with references computed in
// 200-bit arithmetic (math/big), at random arguments over their ranges
// and, more densely, where the ziggurat uses them: ln near 1 and exp on
// [−8, 0]. The bound is fdlibm's: its error analysis of the algorithms and
// coefficients these functions follow gives an error below one ulp for
// both, so a correct implementation never reaches it, and the references,
// good to about 2⁻¹⁷⁰, add nothing to the error measured. The worst errors
// met (logged with -v; about 0.93 ulp for pexp and 0.57 for plog in
// longer runs) stay under it, while a defect of the reduction or of a
// coefficient shows as many ulps. (The standard library is no reference:
// math.Exp is up to 1.5 ulps off on amd64.)
func TestPortableLogExp(t *testing.T) {
	const bound = 1 // ulp
	r := rand.New(rand.NewSource(1))
	worstLog, worstExp := 0.0, 0.0
	for i := 0; i < samples(24000); i++ {
		x := math.Ldexp(1+r.Float64(), r.Intn(2000)-1000)
		if i%4 == 0 {
			x = 1 + (r.Float64()-0.5)*1e-3 // near 1, where ln is small
		}
		if u := ulpsFrom(plog(x), bigLog(x)); u > worstLog {
			worstLog = u
			if u >= bound {
				t.Errorf("plog(%v) = %v: %.3f ulps from %v", x, plog(x), u, bigLog(x).Text('g', 25))
			}
		}
		y := -700 * r.Float64()
		if i%4 == 0 {
			y = -8 * r.Float64() // the range of the ziggurat
		}
		if u := ulpsFrom(pexp(y), bigExp(y)); u > worstExp {
			worstExp = u
			if u >= bound {
				t.Errorf("pexp(%v) = %v: %.3f ulps from %v", y, pexp(y), u, bigExp(y).Text('g', 25))
			}
		}
	}
	t.Logf("largest errors: plog %.3f ulps, pexp %.3f ulps (bound %d)", worstLog, worstExp, bound)
}

// TestZigguratTable checks the layers: ordered, of equal area v, closing at
// f = 1 at the top, and the base layer's area r·f(r) + ∫ᵣ^∞ f = v, which
// checks the constants r and v against math.Erfc.
func TestZigguratTable(t *testing.T) {
	f := func(x float64) float64 { return math.Exp(-x * x / 2) }
	base := zigR*f(zigR) + math.Sqrt(math.Pi/2)*math.Erfc(zigR/math.Sqrt2)
	// r is rounded to a double, which moves the area by r²f(r)·δr, about
	// 2e-15 of v; 1e-14 allows for that and for the rounding of Erfc and
	// Exp.
	if math.Abs(base-zigV) > 1e-14*zigV {
		t.Errorf("base layer area %.17g, v = %.17g", base, zigV)
	}
	if math.Abs(zigX[0]*f(zigR)-zigV) > 1e-14*zigV {
		t.Errorf("virtual base width %v: area %v, want %v", zigX[0], zigX[0]*f(zigR), zigV)
	}
	for i := 1; i < zigLayers; i++ {
		if !(zigX[i+1] < zigX[i]) || !(zigF[i+1] > zigF[i]) {
			t.Fatalf("layer %d not ordered: x %v, %v; f %v, %v", i, zigX[i], zigX[i+1], zigF[i], zigF[i+1])
		}
		if math.Abs(zigF[i]-f(zigX[i])) > 4e-16 {
			t.Errorf("layer %d: f(x) = %v, table %v", i, f(zigX[i]), zigF[i])
		}
		if a := zigX[i] * (zigF[i+1] - zigF[i]); i < zigLayers-1 && math.Abs(a-zigV) > 1e-12*zigV {
			t.Errorf("layer %d: area %v, want %v", i, a, zigV)
		}
	}
	// The top layer is what is left under f = 1: its area is v up to the
	// rounding accumulated over 1023 layers (about 1e-12 of v), an error
	// of that relative size in the density over 1/1024 of the mass.
	if top := zigX[zigLayers-1] * (1 - zigF[zigLayers-1]); math.Abs(top-zigV) > 1e-11*zigV {
		t.Errorf("top layer area %v, want %v", top, zigV)
	}
}

// TestNormalDistribution draws deviates from many keys (one stream per
// key, as the tree does) and tests them against N(0, 1): mean,
// variance ratio, Kolmogorov–Smirnov, the frequency of each sign, the
// frequencies beyond 2, r (the ziggurat's tail) and 4.5, and the law of the
// tail beyond r given that it is reached.
func TestNormalDistribution(t *testing.T) {
	const perKey = 7 // a node of a 3-dimensional path with Lévy area, plus one
	n := samples(4000000)
	x := make([]float64, 0, n)
	var s stream
	s.setKey(2024, keyDomain)
	z := make([]float64, perKey)
	for key := uint64(0); len(x) < n; key++ {
		s.reset(key, tagNode)
		s.fill(z)
		x = append(x, z...)
	}
	x = x[:n]
	pos, over2, overR, over45 := 0, 0, 0, 0
	var tail []float64
	for _, v := range x {
		if v > 0 {
			pos++
		}
		a := math.Abs(v)
		if a > 2 {
			over2++
		}
		if a > zigR {
			overR++
			tail = append(tail, a)
		}
		if a > 4.5 {
			over45++
		}
	}
	checkCount(t, "x > 0", pos, n, 0.5)
	checkCount(t, "|x| > 2", over2, n, math.Erfc(2/math.Sqrt2))
	checkCount(t, "|x| > r", overR, n, math.Erfc(zigR/math.Sqrt2))
	checkCount(t, "|x| > 4.5", over45, n, math.Erfc(4.5/math.Sqrt2))
	qr := math.Erfc(zigR / math.Sqrt2)
	if m := ksFail(tail, func(v float64) float64 { return 1 - math.Erfc(v/math.Sqrt2)/qr }); m != "" {
		t.Errorf("tail beyond r: %s", m)
	}
	checkNormal(t, "deviates", x)
}

// TestNormalIndependence checks that deviates of neighbouring keys and
// neighbouring positions are uncorrelated: node n against node n+1, seed s
// against seed s+1, a node against the point bridge of the same number,
// and consecutive deviates of one stream.
func TestNormalIndependence(t *testing.T) {
	n := samples(200000)
	var s stream
	s.setKey(77, keyDomain)
	draw := func(seed, c0, tag uint64, z []float64) {
		s.setKey(seed, keyDomain)
		s.reset(c0, tag)
		s.fill(z)
	}
	a, b := make([]float64, n), make([]float64, n)
	c, d := make([]float64, n), make([]float64, n)
	e, f := make([]float64, n), make([]float64, n)
	g, h := make([]float64, n), make([]float64, n)
	z := make([]float64, 2)
	for i := 0; i < n; i++ {
		k := uint64(i) << 3
		draw(77, k, tagNode, z)
		a[i], g[i], h[i] = z[0], z[0], z[1]
		draw(77, k+1, tagNode, z)
		b[i] = z[0]
		draw(78, k, tagNode, z)
		c[i] = z[0]
		d[i] = a[i]
		draw(77, k, tagPoint, z)
		e[i] = z[0]
		f[i] = a[i]
	}
	checkUncorrelated(t, "node n, node n+1", a, b)
	checkUncorrelated(t, "seed s, seed s+1", c, d)
	checkUncorrelated(t, "node n, point n", e, f)
	checkUncorrelated(t, "deviates 0 and 1 of a stream", g, h)
}

// TestZigguratSlowPaths calls slow directly, region by region, and tests
// what it returns against the exact conditional law, so that the rare paths
// (0.43% of the attempts) are checked with many more samples than a sample
// of deviates gives them:
//
//   - the tail (layer 0, an attempt beyond r): the value is |Z| given
//     |Z| > r, with distribution function 1 − erfc(v/√2)/erfc(r/√2);
//   - the wedge of layer i ≥ 1: the fast path leaves x uniform on
//     [x_{i+1}, x_i), and slow accepts it when a uniform y in [f_i, f_{i+1}]
//     lies under f(x), so it accepts with probability
//     p_i = A_i/((f_{i+1} − f_i)(x_i − x_{i+1})) and the accepted x has the
//     density (f(x) − f_i)/A_i on that interval, A_i = ∫ (f − f_i), with
//     ∫ f = √(π/2)·erf(x/√2) in closed form.
//
// Per layer the number accepted is tested by Bernstein's inequality and
// the accepted values by Kolmogorov–Smirnov, each at level α/(2·1023 + 2)
// (Bonferroni over the checks of this test, so that all of them together
// fail a correct sampler with probability at most α); the probability
// integral transforms G_i(x) of all layers' accepted values are pooled and
// tested against the uniform law at that level too, which has the power of
// the whole sample.
func TestZigguratSlowPaths(t *testing.T) {
	const checks = 2*(zigLayers-1) + 2
	lt := math.Log(2 * checks / alpha)
	f := func(x float64) float64 { return math.Exp(-x * x / 2) }
	var s stream
	s.setKey(31, keyDomain)

	s.reset(0, tagNode)
	tail := make([]float64, samples(200000))
	for j := range tail {
		v, ok := s.slow(0, zigR)
		if !ok || !(v > zigR) {
			t.Fatalf("tail attempt %d: slow = %v, %v", j, v, ok)
		}
		tail[j] = v
	}
	qr := math.Erfc(zigR / math.Sqrt2)
	if m := ksFailAt(tail, func(v float64) float64 { return 1 - math.Erfc(v/math.Sqrt2)/qr }, lt); m != "" {
		t.Errorf("tail: %s", m)
	}

	r := rand.New(rand.NewSource(8))
	perLayer := samples(1000)
	var pit []float64
	for i := 1; i < zigLayers; i++ {
		a, b := zigX[i+1], zigX[i]
		fa, fb := f(a), f(b) // fb = f_i < fa = f_{i+1}
		// area(v) = ∫ₐᵛ (f − f_i).
		area := func(v float64) float64 {
			return math.Sqrt(math.Pi/2)*(math.Erf(v/math.Sqrt2)-math.Erf(a/math.Sqrt2)) - fb*(v-a)
		}
		ai := area(b)
		s.reset(uint64(i), tagNode)
		var acc []float64
		span := uint64(1)<<53 - zigU[i]
		for j := 0; j < perLayer; j++ {
			u := zigU[i] + uint64(r.Int63n(int64(span)))
			x := float64(int64(u)) * zigT[i] // as fill leaves it
			v, ok := s.slow(uint64(i), x)
			if !ok {
				continue
			}
			if v != x {
				t.Fatalf("layer %d: slow accepted %v as %v", i, x, v)
			}
			acc = append(acc, v)
		}
		if m := countFailAt(len(acc), perLayer, ai/((fa-fb)*(b-a)), lt); m != "" {
			t.Errorf("layer %d, wedge acceptances: %s", i, m)
		}
		G := func(v float64) float64 { return area(v) / ai }
		for _, v := range acc {
			pit = append(pit, G(v))
		}
		if m := ksFailAt(acc, G, lt); m != "" {
			t.Errorf("layer %d, accepted values: %s", i, m)
		}
	}
	if m := ksFailAt(pit, func(u float64) float64 { return u }, lt); m != "" {
		t.Errorf("wedges pooled (probability integral transform): %s", m)
	}
	t.Logf("tail: %d values; wedges: %d accepted of %d", len(tail), len(pit), perLayer*(zigLayers-1))
}

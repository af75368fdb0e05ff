package asm

// The generic twins: always compiled, so tests compare every kernel with
// them in one binary. They trust their caller's lengths.
//
// Each product is converted to float64 before it is added: the conversion
// rounds it, which forbids the compiler to fuse the multiply and the add into
// one FMA (it does so on arm64, ppc64, s390x, riscv64, and on amd64 with
// GOAMD64=v3). The generic results are thereby the same on every
// architecture, which is what SetImpl("generic") promises.

func dotGeneric(x, y []float64) float64 {
	var s float64
	y = y[:len(x)]
	for i, v := range x {
		s += float64(v * y[i])
	}
	return s
}

func axpyGeneric(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += float64(a * v)
	}
}

func gemvGeneric(m, n int, w, x, y []float64, add bool) {
	for i := 0; i < m; i++ {
		s := dotGeneric(w[i*n:(i+1)*n], x)
		if add {
			y[i] += s
		} else {
			y[i] = s
		}
	}
}

func gemvTGeneric(m, n int, w, x, y []float64, add bool) {
	if !add {
		for j := range y[:n] {
			y[j] = 0
		}
	}
	for i := 0; i < m; i++ {
		axpyGeneric(x[i], w[i*n:(i+1)*n], y)
	}
}

func gerGeneric(m, n int, alpha float64, a, x, w []float64) {
	for i := 0; i < m; i++ {
		axpyGeneric(alpha*a[i], x, w[i*n:(i+1)*n])
	}
}

func combineGeneric(out, y, k, c []float64) {
	n := len(out)
	y = y[:n]
	copy(out, y)
	for i, ci := range c {
		if ci != 0 {
			axpyGeneric(ci, k[i*n:(i+1)*n], out)
		}
	}
}

// gatherStages writes the nonzero coefficients of c, in order, to cs and the
// offsets of their stages in k (in elements, stages of length n) to off,
// and returns how many there are.
func gatherStages(n int, c []float64, cs *[MaxStages]float64, off *[MaxStages]int) int {
	s := 0
	for i, ci := range c {
		if ci != 0 {
			cs[s] = ci
			off[s] = i * n
			s++
		}
	}
	return s
}

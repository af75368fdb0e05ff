package asm

import (
	"encoding/binary"
	"testing"
)

// The differential fuzz targets decode their inputs into exact values k/256
// with k a signed 16-bit integer (see exact), so every implementation must
// agree with the generic twin bit for bit, whatever the summation order.
// Each run compares all the assembly kernel sets of the machine and the
// exported API (under the start-up selection) with the generic code.

// fill writes exact values decoded from data, cycling through it, into s.
func fill(data []byte, s []float64, salt int) {
	for i := range s {
		if len(data) < 2 {
			s[i] = float64(i%7-3+salt) / 4
			continue
		}
		j := (2*(i+salt) + salt) % (len(data) - 1)
		s[i] = float64(int16(binary.LittleEndian.Uint16(data[j:]))) / 256
	}
}

func fuzzSets() []kernelSet {
	return append(asmSets(), apiSet)
}

func FuzzDot(f *testing.F) {
	f.Add(uint16(9), []byte{1, 2, 3, 4, 5, 250, 7})
	f.Add(uint16(67), []byte{0x80, 0x7f, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, n uint16, data []byte) {
		n %= 1100
		x, y := make([]float64, n), make([]float64, n)
		fill(data, x, 0)
		fill(data, y, 1)
		want := dotGeneric(x, y)
		for _, k := range fuzzSets() {
			if got := k.dot(x, y); !sameBits(got, want) {
				t.Fatalf("%s: n=%d: Dot = %v, want %v", k.name, n, got, want)
			}
		}
	})
}

func FuzzAxpy(f *testing.F) {
	f.Add(uint16(13), int16(-300), []byte{9, 8, 7, 6, 5})
	f.Fuzz(func(t *testing.T, n uint16, a int16, data []byte) {
		n %= 1100
		alpha := float64(a) / 256
		x, y := make([]float64, n), make([]float64, n)
		fill(data, x, 0)
		fill(data, y, 1)
		want := append([]float64(nil), y...)
		axpyGeneric(alpha, x, want)
		for _, k := range fuzzSets() {
			got := append([]float64(nil), y...)
			k.axpy(alpha, x, got)
			for i := range got {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("%s: n=%d: y[%d] = %v, want %v", k.name, n, i, got[i], want[i])
				}
			}
		}
	})
}

func fuzzGemv(f *testing.F, trans bool) {
	f.Add(uint8(9), uint8(13), false, []byte{3, 1, 4, 1, 5, 9, 2, 6})
	f.Add(uint8(16), uint8(64), true, []byte{0xff, 0x7f, 0x00, 0x80})
	f.Fuzz(func(t *testing.T, m, n uint8, add bool, data []byte) {
		mm, nn := int(m%40), int(n)
		lx, ly := nn, mm
		if trans {
			lx, ly = mm, nn
		}
		w, x, y := make([]float64, mm*nn), make([]float64, lx), make([]float64, ly)
		fill(data, w, 0)
		fill(data, x, 1)
		fill(data, y, 2)
		want := append([]float64(nil), y...)
		ref := gemvGeneric
		if trans {
			ref = gemvTGeneric
		}
		ref(mm, nn, w, x, want, add)
		for _, k := range fuzzSets() {
			kern := k.gemv
			if trans {
				kern = k.gemvT
			}
			got := append([]float64(nil), y...)
			kern(mm, nn, w, x, got, add)
			for i := range got {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("%s: %d×%d add=%v: y[%d] = %v, want %v", k.name, mm, nn, add, i, got[i], want[i])
				}
			}
		}
	})
}

func FuzzGemv(f *testing.F)  { fuzzGemv(f, false) }
func FuzzGemvT(f *testing.F) { fuzzGemv(f, true) }

func FuzzGer(f *testing.F) {
	f.Add(uint8(5), uint8(11), int16(77), []byte{1, 1, 2, 3, 5, 8, 13})
	f.Fuzz(func(t *testing.T, m, n uint8, al int16, data []byte) {
		mm, nn := int(m%40), int(n)
		alpha := float64(al%64) / 8 // alpha·a[i]: multiples of 2⁻¹¹ below 2¹⁰, so all exact
		w, a, x := make([]float64, mm*nn), make([]float64, mm), make([]float64, nn)
		fill(data, w, 0)
		fill(data, a, 1)
		fill(data, x, 2)
		want := append([]float64(nil), w...)
		gerGeneric(mm, nn, alpha, a, x, want)
		for _, k := range fuzzSets() {
			got := append([]float64(nil), w...)
			k.ger(mm, nn, alpha, a, x, got)
			for i := range got {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("%s: %d×%d: w[%d] = %v, want %v", k.name, mm, nn, i, got[i], want[i])
				}
			}
		}
	})
}

func FuzzCombine(f *testing.F) {
	f.Add(uint8(7), uint16(0b1011101), uint16(19), []byte{2, 7, 1, 8, 2, 8})
	f.Fuzz(func(t *testing.T, s uint8, zeros uint16, n uint16, data []byte) {
		ss, nn := int(s)%(MaxStages+1), int(n%300)
		y, k, c := make([]float64, nn), make([]float64, ss*nn), make([]float64, ss)
		fill(data, y, 0)
		fill(data, k, 1)
		fill(data, c, 2)
		for i := range c {
			if zeros>>i&1 == 1 {
				c[i] = 0
			}
		}
		want := make([]float64, nn)
		combineGeneric(want, y, k, c)
		for _, ks := range fuzzSets() {
			got := make([]float64, nn)
			ks.combine(got, y, k, c)
			for i := range got {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("%s: s=%d n=%d c=%v: out[%d] = %v, want %v", ks.name, ss, nn, c, i, got[i], want[i])
				}
			}
		}
	})
}

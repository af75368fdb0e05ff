// Command hashcheck prints a hash of the bits of a fixed, broad set of
// Brownian queries: an Interval and Trees of 2¹² leaves and of one leaf,
// with and without Lévy area, several seeds, dimensions and spans, random
// intervals long and short, and sequential steps forward and backward. The line must be the same on every architecture and
// build (amd64, GOAMD64=v3, arm64, -tags purego); CI compares them.
//
//	go run ./brownian/internal/hashcheck
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"os"

	"github.com/nde-go/nde/brownian"
)

type path interface {
	Increment(s, t float64, dw []float64) error
	IncrementLevy(s, t float64, dw, h []float64) error
}

// splitmix64 (Steele, Lea and Flood 2014) draws the query times: integer
// arithmetic only, so the times are the same everywhere.
type splitmix64 uint64

func (x *splitmix64) next() uint64 {
	*x += 0x9E3779B97F4A7C15
	z := uint64(*x)
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// time returns a time in [t0, t1]; float64(·) keeps the product from being
// fused with the sum, which would change the time on some architectures.
func (x *splitmix64) time(t0, t1 float64) float64 {
	u := float64(x.next()>>11) * 0x1p-53
	return math.Min(t1, float64((t1-t0)*u)+t0)
}

func main() {
	sum, n, err := digest()
	if err != nil {
		fmt.Fprintln(os.Stderr, "hashcheck:", err)
		os.Exit(1)
	}
	fmt.Printf("brownian sha256 %x over %d queries\n", sum, n)
}

// digest returns the SHA-256 of the answers' bits and the number of
// queries.
func digest() ([]byte, int, error) {
	h := sha256.New()
	n := 0
	spans := [][2]float64{{0, 1}, {-1.5, 2.25}, {1000, 1000.001}}
	for _, leaves := range []int{-1, 12, 0} { // −1: an Interval
		for _, levy := range []bool{false, true} {
			for _, seed := range []uint64{0, 1, 12345, 1<<63 + 7} {
				for _, dim := range []int{1, 3, 8} {
					for si, sp := range spans {
						var p path
						var err error
						o := brownian.Options{Levy: levy, Cursors: 2 + si, Cache: []int{0, -1, 16}[si]}
						if leaves >= 0 {
							p, err = brownian.NewTree(sp[0], sp[1], dim, seed, math.Ldexp(sp[1]-sp[0], -leaves), o)
						} else {
							p, err = brownian.NewInterval(sp[0], sp[1], dim, seed, o)
						}
						if err != nil {
							return nil, 0, err
						}
						rng := splitmix64(seed ^ uint64(dim)<<32 ^ uint64(si))
						m, err := run(h, p, levy, dim, sp[0], sp[1], &rng)
						if err != nil {
							return nil, 0, err
						}
						n += m
					}
				}
			}
		}
	}
	return h.Sum(nil), n, nil
}

// run asks one path its queries and hashes the bits of the answers.
func run(h hash.Hash, p path, levy bool, dim int, t0, t1 float64, rng *splitmix64) (int, error) {
	dw, hh := make([]float64, dim), make([]float64, dim)
	var qs [][2]float64
	for i := 0; i < 60; i++ { // random intervals, either orientation
		qs = append(qs, [2]float64{rng.time(t0, t1), rng.time(t0, t1)})
	}
	for i := 0; i < 30; i++ { // short ones, often inside a Tree's leaf
		s := rng.time(t0, t1)
		u := float64(float64(float64(t1-t0)*0x1p-14) * float64(rng.next()>>11) * 0x1p-53)
		qs = append(qs, [2]float64{s, math.Min(t1, s+u)})
	}
	const steps = 40
	grid := func(k int) float64 { return float64(float64(t1-t0)*float64(k)/steps) + t0 }
	for k := 0; k < steps; k++ { // a forward solve, then its backward pass
		qs = append(qs, [2]float64{grid(k), grid(k + 1)})
	}
	for k := steps; k > 0; k-- {
		qs = append(qs, [2]float64{grid(k), grid(k - 1)})
	}
	qs = append(qs, [2]float64{t0, t1}, [2]float64{t1, t0}, [2]float64{t0, t0})
	var buf [8]byte
	for _, q := range qs {
		var err error
		if levy {
			err = p.IncrementLevy(q[0], q[1], dw, hh)
		} else {
			err = p.Increment(q[0], q[1], dw)
		}
		if err != nil {
			return 0, err
		}
		for i := 0; i < dim; i++ {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(dw[i]))
			h.Write(buf[:])
			if levy {
				binary.LittleEndian.PutUint64(buf[:], math.Float64bits(hh[i]))
				h.Write(buf[:])
			}
		}
	}
	return len(qs), nil
}

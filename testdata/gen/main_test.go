package main

import (
	"math/big"
	"testing"
)

// TestParametersAreFloat64 checks that every constant of the problems'
// tapes is a float64 value, so that the reference solves the problem the
// float64 solvers are given: decimal parameters carried to 256 bits (mu =
// 0.012277471 and 8/3 as decimal strings, mu' = 1 − mu in big arithmetic)
// pose another problem, whose Arenstorf y(T) differs by 3.5e-11.
func TestParametersAreFloat64(t *testing.T) {
	for name, build := range map[string]func(*tape){"arenstorf": arenstorf, "lorenz": lorenz, "pleiades": pleiades} {
		tp := &tape{prec: 256}
		build(tp)
		for i, n := range tp.nodes {
			if n.op != opConst && n.op != opScale {
				continue
			}
			if _, acc := n.c.Float64(); acc != big.Exact {
				t.Errorf("%s: constant node %d = %s is not a float64", name, i, n.c.Text('g', 40))
			}
		}
		// mu' must be a constant too, not computed at high precision from mu.
		for i, n := range tp.nodes {
			if n.op == opSub && tp.nodes[n.a].op == opConst && tp.nodes[n.b].op == opConst {
				t.Errorf("%s: node %d is a difference of constants, computed beyond float64", name, i)
			}
		}
	}
}

// Package fuzz holds fuzz targets of nde's public API: they feed solvers,
// paths and fields arbitrary input and check that nothing panics and that
// the mathematical identities hold. Run one with
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzName$' -fuzztime 30s
//
// Differential fuzzers that need a package's unexported twins live in that
// package's own tests.
package fuzz

// Package bench holds nde's benchmark suite over the public API of every
// package (go test -bench . ./bench), and, in bench/cmd/tasks, the standard
// tasks whose figures are set beside the peer libraries'.
package bench

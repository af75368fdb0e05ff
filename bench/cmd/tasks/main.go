// Command tasks runs nde's standard benchmark tasks (../shared/TASKS.md in
// the project's steering documents) and prints one JSON object per line on
// standard output; progress and notes go to standard error.
//
//	go run ./bench/cmd/tasks [-task REGEXP] [-quick] [-noise FILE]
//
// Times are medians over repeats totalling at least 0.2 s per figure (one
// repeat with -quick). A task that nde does not implement yet prints
// nothing: no figure is ever invented.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
)

// task is one family of figures. run prints its lines through emit.
type task struct {
	name  string // matched by -task, e.g. "T2" or "peak"
	order int    // position in the output
	run   func(c *config)
}

var tasks []task

func register(name string, order int, run func(c *config)) {
	tasks = append(tasks, task{name, order, run})
}

// config carries the command line to every task.
type config struct {
	quick    bool
	minTotal float64 // seconds of repeats behind each timed figure
	noise    string  // -noise FILE for T5b
	out      *json.Encoder
}

// emit prints one JSON line. Struct values keep their field order.
func (c *config) emit(v any) {
	if err := c.out.Encode(v); err != nil {
		fmt.Fprintln(os.Stderr, "tasks:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "tasks: "+format+"\n", args...)
}

func main() {
	pattern := flag.String("task", ".", "run the tasks whose name matches this regular expression")
	quick := flag.Bool("quick", false, "one repeat per figure")
	noise := flag.String("noise", "", "T5b: JSON file of Brownian increments to drive the solve")
	flag.Parse()
	re, err := regexp.Compile(*pattern)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tasks: bad -task:", err)
		os.Exit(2)
	}
	c := &config{quick: *quick, minTotal: 0.2, noise: *noise, out: json.NewEncoder(os.Stdout)}
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].order < tasks[j].order })
	for _, t := range tasks {
		if re.MatchString(t.name) {
			logf("running %s", t.name)
			t.run(c)
		}
	}
}

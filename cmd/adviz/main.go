// Command adviz differentiates programs and shows how: gradients,
// Jacobians, step-by-step traces of forward and reverse mode, pictures of
// the computational graph, and a local server for the visualizer.
//
// Usage:
//
//	adviz grad     -e PROGRAM --at x1=2,x2=5
//	adviz jacobian -e PROGRAM --at ... [--mode forward|reverse]
//	adviz trace    -e PROGRAM --at ... [--mode forward|reverse] [--seed x1=1,x2=0] [--format table|json|markdown|latex|html]
//	adviz check    -e PROGRAM --at ... [--h 1e-5]
//	adviz render   -e PROGRAM --at ... [--mode ...] [--step N|last] [--format dot|svg|png|animated-svg] [-o FILE]
//	adviz serve    [--addr 127.0.0.1:8080]
//
// -e - reads the program from standard input; -f FILE from a file. Bad input
// exits with status 2 and prints "adviz: LINE:COL: message", the source line
// and a caret.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is a subcommand: it gets its arguments and the process's streams
// and returns the exit status.
type command struct {
	run     func(env *env, args []string) error
	summary string
}

var commands = map[string]command{}

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError is bad input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the command line and returns the exit status: 0 on success, 2 on
// bad input, 1 on other failures.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "adviz: internal error: %v\n", r)
			status = 1
		}
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "adviz: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	err := cmd.run(e, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	report(stderr, err)
	var ue usageError
	var pe *programError
	if errors.As(err, &ue) || errors.As(err, &pe) {
		return 2
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "adviz: automatic differentiation made visible")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: adviz COMMAND [flags]")
	fmt.Fprintln(w)
	var names []string
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'adviz COMMAND -h' for the flags of a command.")
	fmt.Fprintln(w, "Example: adviz trace -e 'ln(x1) + x1*x2 - sin(x2)' --at x1=2,x2=5 --mode reverse")
}

// report prints an error: program errors with their source line and caret.
func report(w io.Writer, err error) {
	var pe *programError
	if errors.As(err, &pe) {
		fmt.Fprintf(w, "adviz: %s\n", pe.err)
		if c := pe.err.Caret(); c != "" {
			fmt.Fprintln(w, indent(c))
		}
		return
	}
	fmt.Fprintf(w, "adviz: %s\n", strings.TrimPrefix(err.Error(), "adviz: "))
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

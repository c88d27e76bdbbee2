package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/adviz/adviz/ad"
)

// programError is an error in the program text, with a position.
type programError struct{ err *ad.Error }

func (e *programError) Error() string { return e.err.Error() }

// programFlags are the flags every command that reads a program has.
type programFlags struct {
	expr   string
	file   string
	at     string
	mode   string
	seed   string
	digits int
}

// newFlagSet makes a command's flag set with the program flags.
func newFlagSet(e *env, name string, pf *programFlags, modes bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&pf.expr, "e", "", "the `program` text (- reads standard input)")
	fs.StringVar(&pf.file, "f", "", "read the program from `file`")
	fs.StringVar(&pf.at, "at", "", "input values in order, e.g. `x1=2,x2=5`")
	fs.IntVar(&pf.digits, "digits", 4, "significant digits in texts")
	if modes {
		fs.StringVar(&pf.mode, "mode", "reverse", "`mode`: forward or reverse")
		fs.StringVar(&pf.seed, "seed", "", "seed: ẋ by input (forward, e.g. x1=1,x2=0) or ȳ by output (reverse, e.g. y=1)")
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments too.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// loaded is a program built at a point.
type loaded struct {
	g    *ad.Graph
	x    []float64
	mode ad.Mode
	seed []float64 // nil for the default
}

// load reads the program, parses --at, --mode and --seed, and builds the
// graph.
func (pf *programFlags) load(e *env) (*loaded, error) {
	src, err := pf.source(e)
	if err != nil {
		return nil, err
	}
	names, values, err := parseAssignments("--at", pf.at)
	if err != nil {
		return nil, err
	}
	prog, err := ad.Parse(src)
	if err != nil {
		return nil, asProgramError(err)
	}
	if pf.at == "" {
		if need := prog.Names(); len(need) > 0 {
			return nil, usagef("the program needs values for %s: give them with --at %s", strings.Join(need, ", "), example(need))
		}
	}
	g, err := prog.Graph(names, ad.Limits{})
	if err != nil {
		return nil, asProgramError(err)
	}
	for _, w := range g.Warnings {
		fmt.Fprintf(e.stderr, "adviz: warning: %s\n", w)
	}
	l := &loaded{g: g, x: values, mode: ad.Reverse}
	if pf.mode != "" {
		if l.mode, err = ad.ParseMode(pf.mode); err != nil {
			return nil, usageError{err}
		}
	}
	if pf.seed != "" {
		if l.seed, err = g.Seed(l.mode, pf.seed); err != nil {
			return nil, usagef("--seed: %v", err)
		}
	}
	return l, nil
}

func example(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=1"
	}
	return strings.Join(parts, ",")
}

func asProgramError(err error) error {
	var ae *ad.Error
	if errors.As(err, &ae) {
		if ae.Pos.Valid() {
			return &programError{ae}
		}
		return usageError{ae}
	}
	return err
}

// maxRead bounds how much program text is read; longer text is reported by
// the parser's size limit.
const maxRead = ad.DefaultMaxSource + 1

func (pf *programFlags) source(e *env) (string, error) {
	switch {
	case pf.expr != "" && pf.file != "":
		return "", usagef("give the program with -e or -f, not both")
	case pf.expr == "-":
		return readLimited(e.stdin)
	case pf.expr != "":
		return pf.expr, nil
	case pf.file != "":
		f, err := os.Open(pf.file)
		if err != nil {
			return "", usageError{err}
		}
		defer f.Close()
		return readLimited(f)
	}
	return "", usagef("no program: give one with -e 'ln(x1) + x1*x2 - sin(x2)', -e - (standard input) or -f FILE")
}

func readLimited(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxRead))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// parseAssignments parses "x1=2,x2=5" (see ad.ParseValues) for a flag.
func parseAssignments(flagName, s string) ([]string, []float64, error) {
	names, values, err := ad.ParseValues(s)
	if err != nil {
		return nil, nil, usagef("%s: %v", flagName, err)
	}
	return names, values, nil
}

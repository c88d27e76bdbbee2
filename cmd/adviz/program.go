package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
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
		if l.seed, err = seedVector(g, l.mode, pf.seed); err != nil {
			return nil, err
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

// parseAssignments parses "x1=2,x2=5" (or "x1:2 x2:5") into names and
// values, in order.
func parseAssignments(flagName, s string) ([]string, []float64, error) {
	var names []string
	var values []float64
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	for _, f := range fields {
		i := strings.IndexAny(f, "=:")
		if i <= 0 {
			return nil, nil, usagef("%s: %q is not name=value", flagName, f)
		}
		name, vs := strings.TrimSpace(f[:i]), strings.TrimSpace(f[i+1:])
		v, err := parseValue(vs)
		if err != nil {
			return nil, nil, usagef("%s: %s: %q is not a number", flagName, name, vs)
		}
		names = append(names, name)
		values = append(values, v)
	}
	return names, values, nil
}

// parseValue parses a number, also "pi", "e", "-pi", "inf" and "nan".
func parseValue(s string) (float64, error) {
	sign := 1.0
	t := s
	if strings.HasPrefix(t, "-") {
		sign, t = -1, t[1:]
	}
	switch strings.ToLower(t) {
	case "pi":
		return sign * math.Pi, nil
	case "e":
		return sign * math.E, nil
	}
	return strconv.ParseFloat(s, 64)
}

// seedVector builds ẋ (forward) or ȳ (reverse) from "name=value,...";
// names not given are 0.
func seedVector(g *ad.Graph, mode ad.Mode, s string) ([]float64, error) {
	names, values, err := parseAssignments("--seed", s)
	if err != nil {
		return nil, err
	}
	var known []string
	switch mode {
	case ad.Forward:
		for _, in := range g.Inputs {
			known = append(known, in.Name)
		}
	case ad.Reverse:
		for _, o := range g.Outputs {
			known = append(known, o.Name)
		}
	default:
		return nil, usagef("--seed needs --mode forward or reverse")
	}
	seed := make([]float64, len(known))
	for i, n := range names {
		k := indexOf(known, n)
		if k < 0 {
			what := "input"
			if mode == ad.Reverse {
				what = "output"
			}
			return nil, usagef("--seed: %q is not an %s (the %ss are %s)", n, what, what, strings.Join(known, ", "))
		}
		seed[k] = values[i]
	}
	return seed, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

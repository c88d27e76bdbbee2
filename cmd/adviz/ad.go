package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/adviz/adviz/ad"
)

func init() {
	commands["grad"] = command{runGrad, "print the value and gradient of a one-output program as JSON"}
	commands["jacobian"] = command{runJacobian, "print the Jacobian, the sweeps and operation counts of a mode as JSON"}
	commands["trace"] = command{runTrace, "print the evaluation trace of forward or reverse mode, step by step"}
	commands["check"] = command{runCheck, "compare the gradient with central finite differences"}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runGrad(e *env, args []string) error {
	var pf programFlags
	fs := newFlagSet(e, "grad", &pf, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	l, err := pf.load(e)
	if err != nil {
		return err
	}
	if n := len(l.g.Outputs); n != 1 {
		return usagef("grad needs a program with one output; this one has %d (use adviz jacobian)", n)
	}
	return writeJSON(e.stdout, l.g.GradientJSON(l.x))
}

func runJacobian(e *env, args []string) error {
	var pf programFlags
	fs := newFlagSet(e, "jacobian", &pf, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	l, err := pf.load(e)
	if err != nil {
		return err
	}
	if l.mode == ad.Primal {
		return usagef("jacobian needs --mode forward or reverse")
	}
	return writeJSON(e.stdout, l.g.Jacobian(l.x, l.mode).JSON())
}

func runTrace(e *env, args []string) error {
	var pf programFlags
	fs := newFlagSet(e, "trace", &pf, true)
	format := fs.String("format", "table", "output `format`: table, json, markdown, latex or html")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *format {
	case "json", "table", "markdown", "latex", "html":
	default:
		return usagef("trace: unknown format %q: want table, json, markdown, latex or html", *format)
	}
	l, err := pf.load(e)
	if err != nil {
		return err
	}
	t := l.g.Trace(l.x, l.mode, l.seed)
	if *format == "json" {
		return writeJSON(e.stdout, t.JSON(pf.digits))
	}
	s, err := t.Table(*format, pf.digits)
	if err != nil {
		return usageError{err}
	}
	fmt.Fprint(e.stdout, s)
	if *format == "table" {
		fmt.Fprintln(e.stdout)
		for _, d := range t.Diagnostics {
			fmt.Fprintf(e.stdout, "%s: %s: %s\n", l.g.Nodes[d.Node].Label(), d.Severity, d.Msg)
		}
	}
	return nil
}

func runCheck(e *env, args []string) error {
	var pf programFlags
	fs := newFlagSet(e, "check", &pf, false)
	h := fs.Float64("h", 1e-5, "finite-difference `step`")
	output := fs.String("output", "", "which `output` to check (default: the first)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !(*h > 0) {
		return usagef("check: --h must be positive")
	}
	l, err := pf.load(e)
	if err != nil {
		return err
	}
	k := 0
	if *output != "" {
		k = -1
		for i, o := range l.g.Outputs {
			if o.Name == *output {
				k = i
			}
		}
		if k < 0 {
			return usagef("check: no output %q", *output)
		}
	}
	c := l.g.FiniteDiff(l.x, k, *h)
	type row struct {
		Input  string `json:"input"`
		AD     ad.Num `json:"ad"`
		FD     ad.Num `json:"fd"`
		AbsErr ad.Num `json:"abs_error"`
		RelErr ad.Num `json:"rel_error"`
	}
	out := struct {
		Output string `json:"output"`
		H      ad.Num `json:"h"`
		Rows   []row  `json:"inputs"`
		MaxAbs ad.Num `json:"max_abs_error"`
		MaxRel ad.Num `json:"max_rel_error"`
	}{Output: l.g.Outputs[k].Name, H: ad.Num(*h), MaxAbs: ad.Num(c.MaxAbs), MaxRel: ad.Num(c.MaxRel), Rows: []row{}}
	for i, in := range l.g.Inputs {
		out.Rows = append(out.Rows, row{in.Name, ad.Num(c.AD[i]), ad.Num(c.FD[i]), ad.Num(c.AbsErr[i]), ad.Num(c.RelErr[i])})
	}
	return writeJSON(e.stdout, out)
}

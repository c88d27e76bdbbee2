package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const baydin = "ln(x1) + x1*x2 - sin(x2)"

// adviz runs the command line in-process.
func adviz(t *testing.T, stdin string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errb)
	return status, out.String(), errb.String()
}

func TestGrad(t *testing.T) {
	status, out, errs := adviz(t, "", "grad", "-e", baydin, "--at", "x1=2,x2=5")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	var got struct {
		Value    float64            `json:"value"`
		Gradient map[string]float64 `json:"gradient"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Value != 11.652071455223084 || got.Gradient["x1"] != 5.5 || got.Gradient["x2"] != 1.7163378145367738 || len(got.Gradient) != 2 {
		t.Errorf("got %+v", got)
	}
	// The input order is the caller's: x2 first makes x2 v-1.
	status, out, _ = adviz(t, "", "trace", "-e", baydin, "--at", "x2=5,x1=2", "--format", "json")
	if status != 0 || !strings.Contains(out, `"inputs": [
    {
      "name": "x2",
      "node": -1
    },`) {
		t.Errorf("input order not kept:\n%.300s", out)
	}
}

func TestJacobian(t *testing.T) {
	for _, mode := range []string{"forward", "reverse"} {
		status, out, errs := adviz(t, "", "jacobian", "-e", "u = x*y; v = sin(x) + y; w = u*v", "--at", "x=0,y=3", "--mode", mode)
		if status != 0 {
			t.Fatalf("status %d: %s", status, errs)
		}
		var got struct {
			Mode     string      `json:"mode"`
			Inputs   []string    `json:"inputs"`
			Outputs  []string    `json:"outputs"`
			Jacobian [][]float64 `json:"jacobian"`
			Sweeps   int         `json:"sweeps"`
			Ops      struct {
				Evaluations  int `json:"evaluations"`
				MultiplyAdds int `json:"multiply_adds"`
			} `json:"operations"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		// w = x·y·(sin x + y): ∂w/∂x = y(sin x + y) + xy·cos x = 9, ∂w/∂y = x(...) + xy = 0.
		wantSweeps := map[string]int{"forward": 2, "reverse": 1}[mode]
		if got.Mode != mode || strings.Join(got.Inputs, ",") != "x,y" || strings.Join(got.Outputs, ",") != "w" ||
			len(got.Jacobian) != 1 || got.Jacobian[0][0] != 9 || got.Jacobian[0][1] != 0 || got.Sweeps != wantSweeps {
			t.Errorf("%s: %+v", mode, got)
		}
		if mode == "forward" && (got.Ops.Evaluations != 8 || got.Ops.MultiplyAdds != 14) {
			t.Errorf("forward counts %+v, want 8 evaluations and 14 multiply-adds (2 sweeps of 4 operations, 7 edges)", got.Ops)
		}
		if mode == "reverse" && (got.Ops.Evaluations != 4 || got.Ops.MultiplyAdds != 7) {
			t.Errorf("reverse counts %+v, want 4 evaluations and 7 multiply-adds", got.Ops)
		}
	}
}

func TestTraceJSON(t *testing.T) {
	status, out, errs := adviz(t, "", "trace", "-e", baydin, "--at", "x1=2,x2=5", "--mode", "reverse", "--format", "json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	var got struct {
		Inputs []struct {
			Name string `json:"name"`
			Node int    `json:"node"`
		} `json:"inputs"`
		Outputs []struct {
			Name string `json:"name"`
			Node int    `json:"node"`
		} `json:"outputs"`
		Nodes []struct {
			ID          int      `json:"id"`
			Op          string   `json:"op"`
			Args        []int    `json:"args"`
			Value       *float64 `json:"value"`
			Tangent     *float64 `json:"tangent"`
			Adjoint     *float64 `json:"adjoint"`
			Diagnostics []any    `json:"diagnostics"`
		} `json:"nodes"`
		Steps []struct {
			Phase  string   `json:"phase"`
			Node   int      `json:"node"`
			From   *int     `json:"from"`
			Before *float64 `json:"before"`
			After  float64  `json:"after"`
			Text   string   `json:"text"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Inputs) != 2 || got.Inputs[0].Name != "x1" || got.Inputs[0].Node != -1 || got.Outputs[0].Name != "y" || got.Outputs[0].Node != 5 {
		t.Errorf("inputs %+v outputs %+v", got.Inputs, got.Outputs)
	}
	ops := []string{"input", "input", "ln", "mul", "sin", "add", "sub"}
	for i, n := range got.Nodes {
		if n.ID != i-1 || n.Op != ops[i] || n.Value == nil || n.Tangent != nil || n.Adjoint == nil || n.Diagnostics == nil {
			t.Errorf("node %d: %+v", i, n)
		}
	}
	if a := got.Nodes[3].Args; len(a) != 2 || a[0] != -1 || a[1] != 0 {
		t.Errorf("v2's args %v, want [-1 0]", a)
	}
	if n := len(got.Steps); n != 16 {
		t.Fatalf("%d steps, want 16", n)
	}
	s := got.Steps[14]
	if s.Phase != "adjoint" || s.Node != 0 || s.From == nil || *s.From != 2 || s.Before == nil || s.After != 1.7163378145367738 ||
		s.Text != "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716" {
		t.Errorf("step 14: %+v", s)
	}
	if s := got.Steps[0]; s.Phase != "primal" || s.From != nil || s.Before != nil {
		t.Errorf("step 0: %+v", s)
	}
}

func TestTraceTable(t *testing.T) {
	status, out, _ := adviz(t, "", "trace", "-e", baydin, "--at", "x1=2,x2=5", "--mode", "forward", "--format", "table")
	if status != 0 || !strings.Contains(out, "v̇2 = v0·v̇-1 + v-1·v̇0 = 5·1 + 2·0 = 5") || !strings.Contains(out, "ẏ = v̇5 = 5.5") {
		t.Errorf("status %d:\n%s", status, out)
	}
	status, out, _ = adviz(t, "", "trace", "-e", baydin, "--at", "x1=2,x2=5", "--seed", "x2=1", "--mode", "forward")
	if status != 0 || !strings.Contains(out, "ẏ = v̇5 = 1.716") {
		t.Errorf("seed x2: status %d:\n%s", status, out)
	}
	status, out, _ = adviz(t, "", "trace", "-e", "sqrt(x)", "--at", "x=0", "--mode", "reverse")
	if status != 0 || !strings.Contains(out, "v1: warning: ∂v1/∂v0 is Inf here") {
		t.Errorf("diagnostics: status %d:\n%s", status, out)
	}
	for _, f := range []string{"markdown", "latex", "html"} {
		if status, out, _ := adviz(t, "", "trace", "-e", baydin, "--at", "x1=2,x2=5", "--format", f); status != 0 || len(out) < 100 {
			t.Errorf("%s: status %d, %d bytes", f, status, len(out))
		}
	}
}

func TestSources(t *testing.T) {
	status, out, _ := adviz(t, "x*3", "grad", "-e", "-", "--at", "x=2")
	if status != 0 || !strings.Contains(out, `"x": 3`) {
		t.Errorf("stdin: %d %s", status, out)
	}
	file := filepath.Join(t.TempDir(), "f.adviz")
	os.WriteFile(file, []byte("# a comment\na = x^2\nb = a + 1\n"), 0o644)
	status, out, _ = adviz(t, "", "grad", "-f", file, "--at", "x=3")
	if status != 0 || !strings.Contains(out, `"value": 10`) || !strings.Contains(out, `"x": 6`) {
		t.Errorf("file: %d %s", status, out)
	}
	status, out, _ = adviz(t, "", "check", "-e", "exp(x)", "--at", "x=0", "--h", "1e-4")
	if status != 0 || !strings.Contains(out, `"ad": 1`) || !strings.Contains(out, `"max_abs_error"`) {
		t.Errorf("check: %d %s", status, out)
	}
}

// TestBadInput: bad input exits 2 with "adviz: LINE:COL: message", the line
// and a caret, and never a Go panic, whatever the input.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string // the first line of standard error
		caret string // the caret line, if any
	}{
		{"syntax", "", []string{"grad", "-e", "ln(x1 + )", "--at", "x1=2"}, "adviz: 1:9: unexpected ')'", "            ^"},
		{"missing value", "", []string{"grad", "-e", baydin, "--at", "x1=2"}, "adviz: 1:13: 'x2' has no value: give it one as an input", "                ^"},
		{"no --at", "", []string{"grad", "-e", baydin}, "adviz: the program needs values for x1, x2: give them with --at x1=1,x2=1", ""},
		{"bad number", "", []string{"grad", "-e", "x", "--at", "x=abc"}, `adviz: --at: x: 'abc' is not a number (use numbers, pi and e)`, ""},
		{"empty", "", []string{"grad", "-e", "-", "--at", "x=1"}, "adviz: 1:1: empty program: write an expression such as ln(x1) + x1*x2 - sin(x2)", "    ^"},
		{"NUL", "x\x00", []string{"grad", "-e", "-", "--at", "x=1"}, "adviz: 1:2: unexpected character U+0000", "     ^"},
		{"invalid UTF-8", "x + \xc3\x28", []string{"grad", "-e", "-", "--at", "x=1"}, "adviz: 1:5: invalid UTF-8 encoding", "        ^"},
		{"nesting", strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000), []string{"grad", "-e", "-", "--at", "x=1"}, "adviz: 1:501: expression is nested too deeply (the limit is 500 levels)", ""},
		{"1 MB", strings.Repeat("x+", 1<<19), []string{"grad", "-e", "-", "--at", "x=1"}, "adviz: 1:65537: program is too long: 65537 bytes; the limit is 65536", ""},
		{"two outputs", "", []string{"grad", "-e", "a = x; b = 2*x; c = 3*x", "--at", "x=1"}, "adviz: grad needs a program with one output; this one has 3 (use adviz jacobian)", ""},
		{"unknown command", "", []string{"differentiate"}, `adviz: unknown command "differentiate"`, ""},
		{"unknown flag", "", []string{"grad", "--bogus"}, "flag provided but not defined: -bogus", ""},
		{"bad mode", "", []string{"trace", "-e", "x", "--at", "x=1", "--mode", "sideways"}, `adviz: unknown mode "sideways": want forward or reverse`, ""},
		{"bad seed", "", []string{"trace", "-e", "x", "--at", "x=1", "--seed", "z=1", "--mode", "forward"}, `adviz: --seed: "z" is not an input (the inputs are x)`, ""},
		{"bad format", "", []string{"trace", "-e", "x", "--at", "x=1", "--format", "pdf"}, `adviz: trace: unknown format "pdf": want table, json, markdown, latex or html`, ""},
		{"no program", "", []string{"grad"}, "adviz: no program: give one with -e 'ln(x1) + x1*x2 - sin(x2)', -e - (standard input) or -f FILE", ""},
		{"missing file", "", []string{"grad", "-f", "/nonexistent/x", "--at", "x=1"}, "adviz: open /nonexistent/x: no such file or directory", ""},
	}
	for _, tt := range tests {
		status, out, errs := adviz(t, tt.stdin, tt.args...)
		if status != 2 {
			t.Errorf("%s: status %d, want 2 (stdout %q)", tt.name, status, out)
		}
		lines := strings.Split(errs, "\n")
		if lines[0] != tt.want {
			t.Errorf("%s: stderr\n%s\nwant first line %q", tt.name, errs, tt.want)
		}
		if tt.caret != "" && (len(lines) < 3 || lines[2] != tt.caret) {
			t.Errorf("%s: stderr\n%s\nwant caret line %q", tt.name, errs, tt.caret)
		}
		if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
			t.Errorf("%s: a Go panic:\n%s", tt.name, errs)
		}
	}
}

func TestUsage(t *testing.T) {
	status, out, _ := adviz(t, "")
	if status != 0 || !strings.Contains(out, "trace") || !strings.Contains(out, "grad") {
		t.Errorf("usage: %d\n%s", status, out)
	}
	status, _, errs := adviz(t, "", "trace", "-h")
	if status != 0 || !strings.Contains(errs, "-format") {
		t.Errorf("trace -h: %d\n%s", status, errs)
	}
}

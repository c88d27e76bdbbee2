package main

import (
	"math"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

const baydin = "ln(x1) + x1*x2 - sin(x2)"

// values makes BuildRequest.Values (or Seed) of names and values.
func values(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func mustBuild(t *testing.T, req *BuildRequest) *BuildResult {
	t.Helper()
	r, err := Build(req)
	if err != nil {
		t.Fatalf("Build(%q): %v", req.Program, err)
	}
	t.Cleanup(func() { Free(r.Handle) })
	return r
}

func node(r *BuildResult, id int) ad.NodeJSON {
	for _, n := range r.Nodes {
		if n.ID == id {
			return n
		}
	}
	panic("no node")
}

func TestBuildBaydin(t *testing.T) {
	tests := []struct {
		mode  string
		seed  []string
		check func(t *testing.T, r *BuildResult)
	}{
		{"reverse", nil, func(t *testing.T, r *BuildResult) {
			if a := float64(*node(r, -1).Adjoint); a != 5.5 {
				t.Errorf("v̄-1 = %v, want 5.5", a)
			}
			if a := float64(*node(r, 0).Adjoint); math.Abs(a-(2-math.Cos(5))) > 1e-15 {
				t.Errorf("v̄0 = %v, want 2 - cos 5", a)
			}
			last := r.Table.Rows[len(r.Table.Rows)-1]
			if got := last[1].Text; got != "x̄2 = v̄0 = 1.716" {
				t.Errorf("last table row = %q", got)
			}
		}},
		{"forward", nil, func(t *testing.T, r *BuildResult) {
			if d := float64(*node(r, 5).Tangent); d != 5.5 {
				t.Errorf("ẏ = %v, want 5.5", d)
			}
			if got := r.Table.Rows[len(r.Table.Rows)-1][1].Text; got != "ẏ = v̇5 = 5.5" {
				t.Errorf("last tangent row = %q", got)
			}
		}},
		{"forward", []string{"x2", "1"}, func(t *testing.T, r *BuildResult) {
			if d := float64(*node(r, 5).Tangent); math.Abs(d-(2-math.Cos(5))) > 1e-15 {
				t.Errorf("ẏ along x2 = %v", d)
			}
		}},
		{"reverse", []string{"y", "2"}, func(t *testing.T, r *BuildResult) {
			if a := float64(*node(r, -1).Adjoint); a != 11 {
				t.Errorf("v̄-1 with ȳ = 2: %v, want 11", a)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode+strings.Join(tt.seed, ":"), func(t *testing.T) {
			req := &BuildRequest{Program: baydin, Values: values("x1", "2", "x2", "5"), Mode: tt.mode}
			if tt.seed != nil {
				req.Seed = values(tt.seed...)
			}
			r := mustBuild(t, req)
			if len(r.StepInfo) != len(r.Steps) {
				t.Fatalf("%d step infos for %d steps", len(r.StepInfo), len(r.Steps))
			}
			for k, st := range r.Steps {
				info := r.StepInfo[k]
				if info.After != ad.FormatNumber(float64(st.After), 4) || (st.Before == nil) != (info.Before == "") {
					t.Errorf("step %d: info %+v for %+v", k, info, st)
				}
				if st.From != nil {
					from := node(r, *st.From)
					if info.Arg < 0 || info.Arg >= len(from.Operands) || from.Operands[info.Arg].Node == nil || *from.Operands[info.Arg].Node != st.Node {
						t.Errorf("step %d: argument %d of v%d is not v%d", k, info.Arg, *st.From, st.Node)
					}
				}
			}
			if len(r.NodeTexts) != len(r.Nodes) {
				t.Fatalf("%d node texts for %d nodes", len(r.NodeTexts), len(r.Nodes))
			}
			tt.check(t, r)
		})
	}
}

// Every cell of the table shows the step it names, with its LaTeX.
func TestTableCells(t *testing.T) {
	for _, mode := range []string{"primal", "forward", "reverse"} {
		for _, src := range []string{baydin, "a = x*y; b = a + x\nc = sin(a)", "x^2 + 3"} {
			req := &BuildRequest{Program: src, Values: values("x", "0.5", "y", "-2", "x1", "2", "x2", "5"), Mode: mode}
			prog, _ := ad.Parse(src)
			req.Inputs = prog.Names()
			r := mustBuild(t, req)
			s, _ := lookup(r.Handle)
			if len(r.Table.Rows) == 0 || len(r.Table.Head) != len(r.Table.Rows[0]) {
				t.Fatalf("%s %q: table %+v", mode, src, r.Table)
			}
			for _, row := range r.Table.Rows {
				for _, c := range row {
					if (c.LaTeX == "") != (c.Text == "") {
						t.Errorf("%s %q: cell %q has LaTeX %q", mode, src, c.Text, c.LaTeX)
					}
				}
				if row[0].Step > 0 && mode == "forward" {
					if got, want := row[0].Text+"; "+row[1].Text, s.Trace.StepText(row[0].Step-1, 4); row[0].Step != row[1].Step || got != want {
						t.Errorf("%s %q: row %q, want step %d %q", mode, src, got, row[0].Step, want)
					}
					continue
				}
				for _, c := range row {
					if c.Step > 0 && c.Text != s.Trace.StepText(c.Step-1, 4) {
						t.Errorf("%s %q: cell %q, its step %d is %q", mode, src, c.Text, c.Step, s.Trace.StepText(c.Step-1, 4))
					}
				}
			}
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		req       BuildRequest
		msg       string
		line, col int
		input     string
		seed      string
	}{
		{"syntax", BuildRequest{Program: "ln(x1 +", Values: values("x1", "1")}, "", 1, 8, "", ""},
		{"second line", BuildRequest{Program: "a = x\nb = a * )", Values: values("x", "1")}, "unexpected", 2, 9, "", ""},
		{"no value", BuildRequest{Program: "x + y", Values: values("x", "1")}, "input y has no value", 0, 0, "y", ""},
		{"bad value", BuildRequest{Program: "x + 1", Values: values("x", "2 +")}, "input x", 0, 0, "x", ""},
		{"value not constant", BuildRequest{Program: "x + 1", Values: values("x", "z")}, "not a constant", 0, 0, "x", ""},
		{"bad mode", BuildRequest{Program: "x", Values: values("x", "1"), Mode: "sideways"}, "unknown mode", 0, 0, "", ""},
		{"bad seed", BuildRequest{Program: "x", Values: values("x", "1"), Seed: values("q", "1")}, "not an input", 0, 0, "", "q"},
		{"unicode column", BuildRequest{Program: "θ + ) ", Values: values("θ", "1")}, "", 1, 5, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(&tt.req)
			if err == nil {
				t.Fatal("no error")
			}
			e := toError(err)
			if !strings.Contains(e.Message, tt.msg) || e.Line != tt.line || e.Col != tt.col || e.Input != tt.input || e.Seed != tt.seed {
				t.Errorf("error %+v, want message containing %q at %d:%d input %q seed %q", e, tt.msg, tt.line, tt.col, tt.input, tt.seed)
			}
			if tt.line > 0 && !strings.Contains(e.Caret, "^") {
				t.Errorf("no caret in %q", e.Caret)
			}
		})
	}
}

func TestInputs(t *testing.T) {
	r, err := Inputs("a = w*x + b\ny = tanh(a) + pi")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Names, ","); got != "w,x,b" {
		t.Errorf("names %q", got)
	}
	if _, err := Inputs("w*"); err == nil {
		t.Error("no error for w*")
	}
}

func TestValueExpressions(t *testing.T) {
	r := mustBuild(t, &BuildRequest{Program: "sin(x)", Values: values("x", "pi/2"), Mode: "forward"})
	if v := float64(*node(r, 1).Value); v != 1 {
		t.Errorf("sin(pi/2) = %v", v)
	}
	r = mustBuild(t, &BuildRequest{Program: "x", Values: values("x", "NaN")})
	if v := float64(*node(r, 0).Value); !math.IsNaN(v) {
		t.Errorf("NaN input = %v", v)
	}
}

func TestJacobian(t *testing.T) {
	r := mustBuild(t, &BuildRequest{Program: "y1 = x1*x2\ny2 = sin(x1) + x2\ny3 = x1", Values: values("x1", "2", "x2", "5")})
	j, err := Jacobian(r.Handle)
	if err != nil {
		t.Fatal(err)
	}
	if j.Forward.Sweeps != 2 || j.Reverse.Sweeps != 3 {
		t.Errorf("sweeps forward %d reverse %d, want 2 and 3", j.Forward.Sweeps, j.Reverse.Sweeps)
	}
	want := [][]float64{{5, 2}, {math.Cos(2), 1}, {1, 0}}
	for i := range want {
		for k := range want[i] {
			if f, r := float64(j.Forward.J[i][k]), float64(j.Reverse.J[i][k]); f != want[i][k] || r != want[i][k] {
				t.Errorf("J[%d][%d] forward %v reverse %v, want %v", i, k, f, r, want[i][k])
			}
		}
	}
	if j.Ops != 3 || j.Edges != 5 {
		t.Errorf("ops %d edges %d, want 3 and 5", j.Ops, j.Edges)
	}
	if j.Forward.Counts.MultiplyAdds != 2*j.Edges || j.Reverse.Counts.MultiplyAdds != 3*j.Edges {
		t.Errorf("counts %+v %+v", j.Forward.Counts, j.Reverse.Counts)
	}
}

func TestFiniteDiff(t *testing.T) {
	r := mustBuild(t, &BuildRequest{Program: baydin, Values: values("x1", "2", "x2", "5")})
	res, err := FiniteDiff(r.Handle, &FDRequest{H: 1e-5, Hs: []float64{1e-1, 1e-5, 1e-13}})
	if err != nil {
		t.Fatal(err)
	}
	if float64(res.AD[0]) != 5.5 || math.Abs(float64(res.At.FD[0])-5.5) > 1e-8 {
		t.Errorf("AD %v FD %v", res.AD[0], res.At.FD[0])
	}
	// Truncation error dominates at h = 0.1, rounding at 1e-13: both are
	// larger than at 1e-5.
	e := func(i int) float64 { return float64(res.Sweep[i].MaxAbs) }
	if !(e(0) > e(1) && e(2) > e(1)) {
		t.Errorf("errors at h = 0.1, 1e-5, 1e-13: %v %v %v", e(0), e(1), e(2))
	}
	if _, err := FiniteDiff(r.Handle, &FDRequest{H: -1}); err == nil {
		t.Error("no error for h = -1")
	}
	if _, err := FiniteDiff(r.Handle, &FDRequest{Output: 3}); err == nil {
		t.Error("no error for output 3")
	}
}

func TestHandles(t *testing.T) {
	r, err := Build(&BuildRequest{Program: "x", Values: values("x", "1")})
	if err != nil {
		t.Fatal(err)
	}
	Free(r.Handle)
	if _, err := TableText(r.Handle, "markdown"); err == nil || !strings.Contains(err.Error(), "handle") {
		t.Errorf("freed handle: %v", err)
	}
	var hs []int
	for i := 0; i < maxSessions+5; i++ {
		r := mustBuild(t, &BuildRequest{Program: "x", Values: values("x", "1")})
		hs = append(hs, r.Handle)
	}
	if _, err := lookup(hs[0]); err == nil {
		t.Error("the oldest session is still kept")
	}
	if _, err := lookup(hs[len(hs)-1]); err != nil {
		t.Error(err)
	}
}

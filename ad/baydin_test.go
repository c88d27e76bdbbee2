package ad

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const baydin = "ln(x1) + x1*x2 - sin(x2)"

func baydinGraph(t testing.TB) *Graph {
	t.Helper()
	g, err := Build(baydin, []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestBaydinNumbering checks the evaluation trace of Baydin et al.'s
// Table 2: v1 = ln v-1, v2 = v-1 × v0, v3 = sin v0, v4 = v1 + v2, v5 = v4 - v3.
func TestBaydinNumbering(t *testing.T) {
	g := baydinGraph(t)
	want := []struct {
		id      int
		op      Op
		formula string
		level   int
	}{
		{-1, OpInput, "x1", 0},
		{0, OpInput, "x2", 0},
		{1, OpLn, "ln v-1", 1},
		{2, OpMul, "v-1 × v0", 1},
		{3, OpSin, "sin v0", 1},
		{4, OpAdd, "v1 + v2", 2},
		{5, OpSub, "v4 - v3", 3},
	}
	if len(g.Nodes) != len(want) {
		t.Fatalf("%d nodes, want %d", len(g.Nodes), len(want))
	}
	for k, w := range want {
		n := &g.Nodes[k]
		if n.ID != w.id || n.Op != w.op || g.Formula(k) != w.formula || n.Level != w.level {
			t.Errorf("node %d: v%d = %s (%s, level %d), want v%d = %s (%s, level %d)",
				k, n.ID, g.Formula(k), n.Op, n.Level, w.id, w.formula, w.op, w.level)
		}
	}
	if len(g.Outputs) != 1 || g.Outputs[0].Name != "y" || g.Nodes[g.Outputs[0].Node].ID != 5 {
		t.Errorf("outputs %+v, want y = v5", g.Outputs)
	}
	if got := g.Nodes[0].Consumers; len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("v-1 is used by nodes %v, want [2 3] (v1 and v2)", got)
	}
}

// The reference numbers of the issue (Baydin Tables 2 and 3 at x1 = 2, x2 = 5).
var (
	baydinValues   = []float64{2, 5, 0.6931471805599453, 10, -0.9589242746631385, 10.693147180559945, 11.652071455223084}
	baydinTangents = []float64{1, 0, 0.5, 5, 0, 5.5, 5.5}
	baydinAdjoints = []float64{5.5, 1.7163378145367738, 1, 1, -1, 1, 1}
)

func TestBaydinForward(t *testing.T) {
	g := baydinGraph(t)
	tr := g.Trace([]float64{2, 5}, Forward, nil)
	for k := range g.Nodes {
		if tr.Value[k] != baydinValues[k] || tr.Tangent[k] != baydinTangents[k] {
			t.Errorf("%s = %v, %s = %v; want %v, %v", g.Nodes[k].Label(), tr.Value[k], g.TangentName(k), tr.Tangent[k], baydinValues[k], baydinTangents[k])
		}
	}
	if len(tr.Steps) != 7 {
		t.Fatalf("%d steps, want 7 (one per row of Table 2)", len(tr.Steps))
	}
	for k, s := range tr.Steps {
		if s.Phase != PhaseForward || s.Node != k || s.After != baydinTangents[k] {
			t.Errorf("step %d: %+v, want a forward step on node %d giving %v", k, s, k, baydinTangents[k])
		}
	}
	if got, want := tr.StepText(3, 4), "v2 = v-1 × v0 = 2 × 5 = 10; v̇2 = v0·v̇-1 + v-1·v̇0 = 5·1 + 2·0 = 5"; got != want {
		t.Errorf("step 3:\n got %s\nwant %s", got, want)
	}
	y, ydot := g.JVP([]float64{2, 5}, []float64{1, 0})
	if y[0] != baydinValues[6] || ydot[0] != 5.5 {
		t.Errorf("JVP = %v, %v; want %v, 5.5", y, ydot, baydinValues[6])
	}
	table, _ := tr.Table("table", 4)
	golden(t, "baydin-forward.txt", table)
}

func TestBaydinReverse(t *testing.T) {
	g := baydinGraph(t)
	tr := g.Trace([]float64{2, 5}, Reverse, nil)
	for k := range g.Nodes {
		if tr.Value[k] != baydinValues[k] || tr.Adjoint[k] != baydinAdjoints[k] {
			t.Errorf("%s = %v, %s = %v; want %v, %v", g.Nodes[k].Label(), tr.Value[k], g.AdjointName(k), tr.Adjoint[k], baydinValues[k], baydinAdjoints[k])
		}
	}
	// Table 3's adjoint order: v̄5 = 1; v̄4, v̄3 (from v5); v̄1, v̄2 (from v4);
	// v̄0 (from v3); v̄-1 (from v2); v̄0 += (from v2); v̄-1 += (from v1).
	type step struct {
		node, from int
		kind       StepKind
		after      float64
	}
	want := []step{
		{5, -1, StepSeed, 1},
		{4, 5, StepFirst, 1},
		{3, 5, StepFirst, -1},
		{1, 4, StepFirst, 1},
		{2, 4, StepFirst, 1},
		{0, 3, StepFirst, -0.28366218546322625},
		{-1, 2, StepFirst, 5},
		{0, 2, StepAccumulate, 1.7163378145367738},
		{-1, 1, StepAccumulate, 5.5},
	}
	var adj []Step
	for _, s := range tr.Steps {
		if s.Phase == PhaseAdjoint {
			adj = append(adj, s)
		} else if s.Phase != PhasePrimal {
			t.Errorf("step %+v in reverse mode", s)
		}
	}
	if len(tr.Steps)-len(adj) != 7 || len(adj) != len(want) {
		t.Fatalf("%d primal and %d adjoint steps, want 7 and %d", len(tr.Steps)-len(adj), len(adj), len(want))
	}
	for i, w := range want {
		s := adj[i]
		from := -1
		if s.From >= 0 {
			from = g.Nodes[s.From].ID
		}
		if g.Nodes[s.Node].ID != w.node || from != w.from || s.Kind != w.kind || s.After != w.after {
			t.Errorf("adjoint step %d: v̄%d from v%d (%v) = %v; want v̄%d from v%d (%v) = %v",
				i, g.Nodes[s.Node].ID, from, s.Kind, s.After, w.node, w.from, w.kind, w.after)
		}
	}
	if got, want := tr.StepText(7+7, 4), "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716"; got != want {
		t.Errorf("step 14:\n got %s\nwant %s", got, want)
	}
	y, grad := g.Gradient([]float64{2, 5}, []float64{1})
	if y[0] != baydinValues[6] || grad[0] != 5.5 || grad[1] != 1.7163378145367738 {
		t.Errorf("Gradient = %v, %v", y, grad)
	}
	for _, f := range []string{"table", "markdown", "latex", "html"} {
		table, err := tr.Table(f, 4)
		if err != nil {
			t.Fatal(err)
		}
		ext := map[string]string{"table": "txt", "markdown": "md", "latex": "tex", "html": "html"}[f]
		golden(t, "baydin-reverse."+ext, table)
	}
}

// TestBaydinTableRows checks the plain-text tables row by row against the
// rows of Baydin's Tables 2 and 3 (values to 4 significant digits).
func TestBaydinTableRows(t *testing.T) {
	g := baydinGraph(t)
	rows := func(mode Mode) [][2]string {
		table, _ := g.Trace([]float64{2, 5}, mode, nil).Table("table", 4)
		var out [][2]string
		for _, line := range strings.Split(strings.TrimSpace(table), "\n")[2:] {
			l, r, _ := strings.Cut(line, " | ")
			out = append(out, [2]string{strings.TrimSpace(l), strings.TrimSpace(r)})
		}
		return out
	}
	forward := [][2]string{
		{"v-1 = x1 = 2", "v̇-1 = ẋ1 = 1"},
		{"v0 = x2 = 5", "v̇0 = ẋ2 = 0"},
		{"v1 = ln v-1 = ln 2 = 0.6931", "v̇1 = (1/v-1)·v̇-1 = 0.5·1 = 0.5"},
		{"v2 = v-1 × v0 = 2 × 5 = 10", "v̇2 = v0·v̇-1 + v-1·v̇0 = 5·1 + 2·0 = 5"},
		{"v3 = sin v0 = sin 5 = -0.9589", "v̇3 = cos(v0)·v̇0 = 0.2837·0 = 0"},
		{"v4 = v1 + v2 = 0.6931 + 10 = 10.69", "v̇4 = v̇1 + v̇2 = 0.5 + 5 = 5.5"},
		{"v5 = v4 - v3 = 10.69 - (-0.9589) = 11.65", "v̇5 = v̇4 - v̇3 = 5.5 - 0 = 5.5"},
		{"y = v5 = 11.65", "ẏ = v̇5 = 5.5"},
	}
	reverse := [][2]string{
		{"v-1 = x1 = 2", "v̄5 = ȳ = 1"},
		{"v0 = x2 = 5", "v̄4 = v̄5·∂v5/∂v4 = 1·1 = 1"},
		{"v1 = ln v-1 = ln 2 = 0.6931", "v̄3 = v̄5·∂v5/∂v3 = 1·(-1) = -1"},
		{"v2 = v-1 × v0 = 2 × 5 = 10", "v̄1 = v̄4·∂v4/∂v1 = 1·1 = 1"},
		{"v3 = sin v0 = sin 5 = -0.9589", "v̄2 = v̄4·∂v4/∂v2 = 1·1 = 1"},
		{"v4 = v1 + v2 = 0.6931 + 10 = 10.69", "v̄0 = v̄3·∂v3/∂v0 = (-1)·0.2837 = -0.2837"},
		{"v5 = v4 - v3 = 10.69 - (-0.9589) = 11.65", "v̄-1 = v̄2·∂v2/∂v-1 = 1·5 = 5"},
		{"y = v5 = 11.65", "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716"},
		{"", "v̄-1 = v̄-1 + v̄1·∂v1/∂v-1 = 5 + 1·0.5 = 5.5"},
		{"", "x̄1 = v̄-1 = 5.5"},
		{"", "x̄2 = v̄0 = 1.716"},
	}
	for _, c := range []struct {
		mode Mode
		want [][2]string
	}{{Forward, forward}, {Reverse, reverse}} {
		got := rows(c.mode)
		if len(got) != len(c.want) {
			t.Errorf("%v: %d rows, want %d", c.mode, len(got), len(c.want))
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%v row %d:\n got %q\nwant %q", c.mode, i, got[i], c.want[i])
			}
		}
	}
}

func TestStateAt(t *testing.T) {
	g := baydinGraph(t)
	tr := g.Trace([]float64{2, 5}, Reverse, nil)
	st := tr.StateAt(0)
	for k, s := range st {
		if s.HasValue || s.HasTangent || s.HasAdjoint {
			t.Errorf("step 0: node %d already has %+v", k, s)
		}
	}
	st = tr.StateAt(7) // after the primal sweep
	for k, s := range st {
		if !s.HasValue || s.Value != baydinValues[k] || s.HasAdjoint {
			t.Errorf("step 7: node %d is %+v", k, s)
		}
	}
	st = tr.StateAt(7 + 6) // v̄0 has its first contribution, v̄-1 none yet
	if !st[1].HasAdjoint || st[1].Adjoint != -0.28366218546322625 || st[0].HasAdjoint {
		t.Errorf("step 13: v̄0 = %+v, v̄-1 = %+v", st[1], st[0])
	}
	st = tr.StateAt(len(tr.Steps))
	for k, s := range st {
		if !s.HasAdjoint || s.Adjoint != baydinAdjoints[k] || s.HasTangent {
			t.Errorf("last step: node %d is %+v", k, s)
		}
	}
}

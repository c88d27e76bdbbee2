package graphviz

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

func TestState(t *testing.T) {
	type node struct{ id, class, value, tangent, adjoint string }
	for _, tc := range []struct {
		name   string
		mode   ad.Mode
		step   int
		node   string
		from   string
		active []string
		nodes  []node // the nodes to check
		text   string
	}{
		{
			name: "reverse start", mode: ad.Reverse, step: 0, active: []string{},
			nodes: []node{
				{"v-1", "node input pending", "·", "·", "·"},
				{"v5", "node op output pending", "·", "·", "·"},
			},
		},
		{
			name: "forward v2", mode: ad.Forward, step: 4, node: "v2", active: []string{"e-1_2", "e0_2"},
			text: "v2 = v-1 × v0 = 2 × 5 = 10; v̇2 = v0·v̇-1 + v-1·v̇0 = 5·1 + 2·0 = 5",
			nodes: []node{
				{"v-1", "node input done source", "2", "1", "·"},
				{"v0", "node input done source", "5", "0", "·"},
				{"v1", "node op done", "0.6931", "0.5", "·"},
				{"v2", "node op current", "10", "5", "·"},
				{"v3", "node op pending", "·", "·", "·"},
			},
		},
		{
			name: "reverse primal sweep done", mode: ad.Reverse, step: 7, node: "v5", active: []string{"e4_5", "e3_5"},
			text: "v5 = v4 - v3 = 10.69 - (-0.9589) = 11.65",
			nodes: []node{
				{"v4", "node op done source", "10.69", "·", "·"},
				{"v5", "node op output current", "11.65", "·", "·"},
			},
		},
		{
			name: "reverse seed", mode: ad.Reverse, step: 8, node: "v5", active: []string{},
			text: "v̄5 = ȳ = 1",
			nodes: []node{
				{"v4", "node op pending", "10.69", "·", "·"},
				{"v5", "node op output current", "11.65", "·", "1"},
			},
		},
		{
			name: "reverse v̄3", mode: ad.Reverse, step: 10, node: "v3", from: "v5", active: []string{"e3_5"},
			text: "v̄3 = v̄5·∂v5/∂v3 = 1·(-1) = -1",
			nodes: []node{
				{"v3", "node op current", "-0.9589", "·", "-1"},
				{"v5", "node op output done source", "11.65", "·", "1"},
				{"v0", "node input pending", "5", "·", "·"},
			},
		},
		{
			name: "reverse finished", mode: ad.Reverse, step: 16, node: "v-1", from: "v1", active: []string{"e-1_1"},
			text: "v̄-1 = v̄-1 + v̄1·∂v1/∂v-1 = 5 + 1·0.5 = 5.5",
			nodes: []node{
				{"v-1", "node input current", "2", "·", "5.5"},
				{"v0", "node input done", "5", "·", "1.716"},
				{"v1", "node op done source", "0.6931", "·", "1"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := baydin(t, tc.mode)
			st := State(tr, tc.step, Options{})
			if st.Node != tc.node || st.From != tc.from || strings.Join(st.Active, ",") != strings.Join(tc.active, ",") || st.Text != tc.text {
				t.Errorf("got node %q from %q active %v text %q", st.Node, st.From, st.Active, st.Text)
			}
			byID := map[string]NodeState{}
			for _, n := range st.Nodes {
				byID[n.ID] = n
			}
			for _, want := range tc.nodes {
				n := byID[want.id]
				got := node{n.ID, n.Class, n.Value.Text, n.Tangent.Text, n.Adjoint.Text}
				if got != want {
					t.Errorf("got  %+v\nwant %+v", got, want)
				}
			}
			for _, e := range st.Edges {
				active := strings.Contains(e.Class, "active")
				if active != slices.Contains(tc.active, e.ID) {
					t.Errorf("edge %s has class %q", e.ID, e.Class)
				}
			}
		})
	}
}

func TestStateFieldClasses(t *testing.T) {
	tr := baydin(t, ad.Reverse)
	st := State(tr, 10, Options{})
	v3 := st.Nodes[4]
	for _, tc := range []struct {
		f    Field
		id   string
		want string
	}{
		{v3.Value, "a_v3_value", "field value"},
		{v3.Tangent, "a_v3_tangent", "field tangent unused"},
		{v3.Adjoint, "a_v3_adjoint", "field adjoint changed"},
		{st.Nodes[0].Adjoint, "a_v-1_adjoint", "field adjoint empty"},
		{v3.Mark, "a_v3_mark", "mark"},
	} {
		if tc.f.ID != tc.id || tc.f.Class != tc.want {
			t.Errorf("got %s %q, want %s %q", tc.f.ID, tc.f.Class, tc.id, tc.want)
		}
	}
	if st.Edges[7].ID != "e3_5" || st.Edges[7].Class != "edge active adjoint" || st.Edges[7].Tooltip != "∂v5/∂v3 = -1" {
		t.Errorf("edge %+v", st.Edges[7])
	}
	if st.Edges[0].Label != "" {
		t.Errorf("edge label %q without EdgeLabels", st.Edges[0].Label)
	}
	if st := State(tr, 10, Options{EdgeLabels: true, Digits: 2}); st.Edges[3].Label != "∂v3/∂v0 = 0.28" {
		t.Errorf("edge label %q", st.Edges[3].Label)
	}
	wantCaption := []string{"reverse mode · step 10 of 16 · reverse sweep: adjoints", "v̄3 = v̄5·∂v5/∂v3 = 1·(-1) = -1"}
	if strings.Join(st.Caption, "|") != strings.Join(wantCaption, "|") {
		t.Errorf("caption %q", st.Caption)
	}
}

func TestCaption(t *testing.T) {
	for _, tc := range []struct {
		mode ad.Mode
		step int
		want []string
	}{
		{ad.Forward, 0, []string{"forward mode · step 0 of 7 · nothing computed yet", "x1 = 2, x2 = 5", "seed: ẋ1 = 1, ẋ2 = 0"}},
		{ad.Forward, 7, []string{"forward mode · step 7 of 7 · forward sweep: values and tangents · finished",
			"v5 = v4 - v3 = 10.69 - (-0.9589) = 11.65", "v̇5 = v̇4 - v̇3 = 5.5 - 0 = 5.5"}},
		{ad.Reverse, 0, []string{"reverse mode · step 0 of 16 · nothing computed yet", "x1 = 2, x2 = 5 · seed: ȳ = 1"}},
		{ad.Reverse, 3, []string{"reverse mode · step 3 of 16 · primal sweep: values", "v1 = ln v-1 = ln 2 = 0.6931"}},
		{ad.Primal, 1, []string{"primal mode · step 1 of 7 · primal sweep: values", "v-1 = x1 = 2"}},
	} {
		tr := baydin(t, tc.mode)
		if got := State(tr, tc.step, Options{}).Caption; strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s %d: got %q\nwant %q", tc.mode, tc.step, got, tc.want)
		}
	}
}

func TestStateJSON(t *testing.T) {
	st := State(baydin(t, ad.Reverse), 15, Options{EdgeLabels: true})
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back StepState
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(&back)
	if string(b) != string(b2) {
		t.Error("StepState does not survive JSON")
	}
	for _, key := range []string{`"mode":"reverse"`, `"step":15`, `"steps":16`, `"node":"v0"`, `"from":"v2"`, `"active":["e0_2"]`,
		`"id":"a_v0_adjoint","text":"1.716","class":"field adjoint changed"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s:\n%.400s", key, b)
		}
	}
}

func TestStateClampsAndNeverEmpty(t *testing.T) {
	for _, mode := range []ad.Mode{ad.Primal, ad.Forward, ad.Reverse} {
		tr := baydin(t, mode)
		if State(tr, -5, Options{}).Step != 0 || State(tr, 999, Options{}).Step != len(tr.Steps) {
			t.Errorf("%s: steps out of range are not clamped", mode)
		}
		for step := 0; step <= len(tr.Steps); step++ {
			for _, n := range State(tr, step, Options{}).Nodes {
				for _, f := range []Field{n.Value, n.Tangent, n.Adjoint, n.Mark} {
					if f.Text == "" || strings.TrimSpace(f.Text) == "" && f.Text != nbsp {
						t.Fatalf("%s step %d: field %s is empty", mode, step, f.ID)
					}
				}
			}
		}
	}
}

func TestStep(t *testing.T) {
	tr := baydin(t, ad.Reverse)
	for _, tc := range []struct {
		in   string
		want int
		err  bool
	}{
		{"last", 16, false}, {"LAST", 16, false}, {"", 16, false}, {"first", 0, false}, {"0", 0, false},
		{"16", 16, false}, {" 7 ", 7, false}, {"17", 0, true}, {"-1", 0, true}, {"x", 0, true}, {"1e3", 0, true},
	} {
		got, err := Step(tr, tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Step(%q) = %d, %v", tc.in, got, err)
		}
	}
}

// TestDiagnostics checks that numeric trouble is marked on its node once
// its value is computed.
func TestDiagnostics(t *testing.T) {
	g, err := ad.Build("ln(x) * x", []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	tr := g.Trace([]float64{-1}, ad.Reverse, nil)
	if len(tr.NodeDiagnostics(1)) == 0 {
		t.Fatal("ad reports no trouble for ln(-1)")
	}
	before, after := State(tr, 1, Options{}), State(tr, 2, Options{})
	if n := before.Nodes[1]; strings.Contains(n.Class, "diag") || n.Mark.Text != nbsp || len(n.Diagnostics) != 0 {
		t.Errorf("before its value: %+v", n)
	}
	n := after.Nodes[1]
	if !strings.Contains(n.Class, "diag-error") || n.Mark.Text != "⚠" || n.Mark.Class != "mark error" || len(n.Diagnostics) == 0 ||
		!strings.Contains(n.Tooltip, "⚠ error: "+tr.NodeDiagnostics(1)[0].Msg) || n.Value.Text != "NaN" {
		t.Errorf("after its value: %+v", n)
	}
	dot := DOT(tr, 2, Options{})
	if !strings.Contains(dot, `class="op current diag-error"`) || !strings.Contains(dot, `COLOR="#c8102e"`) {
		t.Errorf("DOT does not mark the trouble:\n%s", dot)
	}
}

func TestEdgeIDs(t *testing.T) {
	g, err := ad.Build("x*x + sin(x)", []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range edges(g) {
		ids = append(ids, fmt.Sprintf("%s:%d>%d.%d", e.id, e.from, e.to, e.arg))
	}
	if got := strings.Join(ids, " "); got != "e0_1:0>1.0 e0_1_1:0>1.1 e0_2:0>2.0 e1_3:1>3.0 e2_3:2>3.1" {
		t.Errorf("edges %s", got)
	}
	// x*x in reverse mode uses each of its two edges in its own step.
	tr := g.Trace([]float64{3}, ad.Reverse, nil)
	var used []string
	for step := 1; step <= len(tr.Steps); step++ {
		if st := State(tr, step, Options{}); st.From == "v1" {
			used = append(used, st.Active...)
		}
	}
	if strings.Join(used, ",") != "e0_1,e0_1_1" {
		t.Errorf("x*x adjoint steps use %v", used)
	}
}

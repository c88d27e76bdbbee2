package graphviz

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// frameStateOf is the part of a StepState that frames hold.
func frameStateOf(st *StepState) FrameState {
	var fs FrameState
	for i := range st.Nodes {
		n := &st.Nodes[i]
		fs.NodeClass = append(fs.NodeClass, n.Class)
		fs.Tooltip = append(fs.Tooltip, n.Tooltip)
		for f := 0; f < 4; f++ {
			fp := nodeField(n, f)
			fs.Fields = append(fs.Fields, [2]string{fp.Text, fp.Class})
		}
	}
	for _, e := range st.Edges {
		fs.EdgeClass = append(fs.EdgeClass, e.Class)
		fs.EdgeLabel = append(fs.EdgeLabel, e.Label)
		fs.EdgeTooltip = append(fs.EdgeTooltip, e.Tooltip)
	}
	return fs
}

// framePrograms cover every kind of step: inputs, operations, seeds, first
// and accumulated adjoints, zero adjoints, a node used twice, several
// outputs, unused inputs, numeric trouble, and a program of 100 nodes.
var framePrograms = []struct {
	src    string
	inputs []string
	x      []float64
}{
	{"ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"}, []float64{2, 5}},
	{"x*x + 3", []string{"x"}, []float64{1.5}},
	{"y1 = x1*x2 + sin(x1)\ny2 = exp(x1) - x2^2\nunused = 2*x1", []string{"x1", "x2", "z"}, []float64{1, 2, 3}},
	{"ln(x - 3) + sqrt(x) + abs(x - 1)", []string{"x"}, []float64{1}},
	{"u = x*y\nf = sin(u) + u*u", []string{"x", "y"}, []float64{0.5, 3}},
	{"a = x\nb = 5", []string{"x"}, []float64{2}},
	{bench100, []string{"x1", "x2", "x3", "x4"}, []float64{0.3, 0.5, 0.7, 0.9}},
}

var bench100, _ = benchProgram(100)

// Replaying the frames gives State at every step, and every change
// changes something.
func TestFramesMatchState(t *testing.T) {
	opts := []Options{{}, {Digits: 3, EdgeLabels: true}, {Digits: 10, Theme: "dark", RankDir: "TB"}}
	for _, p := range framePrograms {
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []ad.Mode{ad.Primal, ad.Forward, ad.Reverse} {
			tr := g.Trace(p.x, mode, nil)
			for _, opt := range opts {
				fr := ComputeFrames(tr, opt)
				if len(fr.Steps) != len(tr.Steps) {
					t.Fatalf("%d frames for %d steps", len(fr.Steps), len(tr.Steps))
				}
				first := State(tr, 0, opt)
				for k, n := range first.Nodes {
					if fr.Nodes[k] != n.ID {
						t.Fatalf("node %d is %q, State says %q", k, fr.Nodes[k], n.ID)
					}
				}
				for i, e := range first.Edges {
					if fr.Edges[i] != e.ID {
						t.Fatalf("edge %d is %q, State says %q", i, fr.Edges[i], e.ID)
					}
				}
				prev := fr.At(0)
				for s := 0; s <= len(tr.Steps); s++ {
					got, want := fr.At(s), frameStateOf(State(tr, s, opt))
					if d := diffFrames(got, want); d != "" {
						t.Fatalf("%q %v %+v step %d: %s", p.src, mode, opt, s, d)
					}
					if s == 0 {
						continue
					}
					seen := map[[2]int]bool{}
					for _, c := range fr.Steps[s-1] {
						key := [2]int{int(c.Kind), c.Index}
						if seen[key] {
							t.Fatalf("%q %v step %d: %+v twice", p.src, mode, s, c)
						}
						seen[key] = true
						before := prev
						after := FrameState{NodeClass: append([]string(nil), before.NodeClass...), Tooltip: append([]string(nil), before.Tooltip...),
							Fields: append([][2]string(nil), before.Fields...), EdgeClass: append([]string(nil), before.EdgeClass...)}
						after.apply(c)
						if reflect.DeepEqual(after.NodeClass, before.NodeClass) && reflect.DeepEqual(after.Tooltip, before.Tooltip) &&
							reflect.DeepEqual(after.Fields, before.Fields) && reflect.DeepEqual(after.EdgeClass, before.EdgeClass) {
							t.Fatalf("%q %v step %d: %+v changes nothing", p.src, mode, s, c)
						}
					}
					prev = got
				}
			}
		}
	}
}

func diffFrames(a, b FrameState) string {
	if len(a.NodeClass) != len(b.NodeClass) || len(a.Fields) != len(b.Fields) || len(a.EdgeClass) != len(b.EdgeClass) {
		return fmt.Sprintf("sizes %d %d %d, want %d %d %d", len(a.NodeClass), len(a.Fields), len(a.EdgeClass),
			len(b.NodeClass), len(b.Fields), len(b.EdgeClass))
	}
	for i := range b.NodeClass {
		if a.NodeClass[i] != b.NodeClass[i] {
			return fmt.Sprintf("node %d class %q, want %q", i, a.NodeClass[i], b.NodeClass[i])
		}
		if a.Tooltip[i] != b.Tooltip[i] {
			return fmt.Sprintf("node %d tooltip %q, want %q", i, a.Tooltip[i], b.Tooltip[i])
		}
	}
	for i := range b.Fields {
		if a.Fields[i] != b.Fields[i] {
			return fmt.Sprintf("field %d of node %d: %q, want %q", i%4, i/4, a.Fields[i], b.Fields[i])
		}
	}
	for i := range b.EdgeClass {
		if a.EdgeClass[i] != b.EdgeClass[i] || a.EdgeLabel[i] != b.EdgeLabel[i] || a.EdgeTooltip[i] != b.EdgeTooltip[i] {
			return fmt.Sprintf("edge %d: %q %q %q, want %q %q %q", i, a.EdgeClass[i], a.EdgeLabel[i], a.EdgeTooltip[i],
				b.EdgeClass[i], b.EdgeLabel[i], b.EdgeTooltip[i])
		}
	}
	return ""
}

// A step touches only what it changes: in the Baydin example's reverse
// sweep, step 10 (v̄3 = v̄5·∂v5/∂v3) makes v3 current with its adjoint
// and e3_5 active, and undoes step 9's marks (v4 current, e4_5); v5, the
// source of both steps, is not touched.
func TestFramesOfAStep(t *testing.T) {
	tr := baydin(t, ad.Reverse)
	fr := ComputeFrames(tr, Options{})
	var got []string
	for _, c := range fr.Steps[9] {
		what := fr.Nodes[c.Index/4] + " " + fieldNames[min(c.Index%4, 2)]
		switch c.Kind {
		case ChangeNodeClass, ChangeTooltip:
			what = fr.Nodes[c.Index]
		case ChangeEdgeClass:
			what = fr.Edges[c.Index]
		}
		got = append(got, fmt.Sprintf("%d %s: %s %s", c.Kind, what, c.Text, c.Class))
	}
	want := []string{
		"0 v4: node op done ",
		"2 v4 adjoint: 1 field adjoint",
		"0 v3: node op current ",
		"2 v3 adjoint: -1 field adjoint changed",
		"3 e4_5: edge ",
		"3 e3_5: edge active adjoint ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("step 10 changes\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The JSON is what the page reads (web/static/js/graph.js): arrays by
// index, a change as [kind, index, text] or [2, index, text, class]; and
// it reads back.
func TestFramesJSON(t *testing.T) {
	tr := baydin(t, ad.Reverse)
	fr := ComputeFrames(tr, Options{EdgeLabels: true})
	b, err := json.Marshal(fr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"nodes":["v-1","v0","v1","v2","v3","v4","v5"],"edges":["e-1_1","e-1_2","e0_2","e0_3","e1_4","e2_4","e4_5","e3_5"],"base":{"nodeClass":["node input pending",`,
		`"fields":[["·","field value empty"],["·","field tangent unused"],["·","field adjoint empty"],["` + nbsp + `","mark"],`,
		`"edgeLabel":["∂v1/∂v-1 = 0.5",`,
		`"edgeTooltip":["∂v1/∂v-1 = 1/v-1 = 0.5",`,
		`"steps":[[[0,0,"node input current"],[2,0,"2","field value changed"]],[[0,0,"node input done"],[2,0,"2","field value"],[0,1,"node input current"],[2,4,"5","field value changed"]],`,
		`[3,0,"edge active primal"]`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the JSON lacks %s:\n%.900s", want, b)
		}
	}
	var back Frames
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, fr) {
		t.Error("the frames do not survive JSON")
	}
	var c Change
	for _, bad := range []string{`[0,1]`, `[2,1,"x"]`, `{"kind":0}`, `["a",1,"x"]`} {
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("%s reads as %+v", bad, c)
		}
	}
}

//go:build !js

package graphviz

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// goldenSteps are the steps with golden files: before, during and after
// each sweep.
var goldenSteps = []struct {
	mode  ad.Mode
	steps []int
}{
	{ad.Forward, []int{0, 3, 7}},
	{ad.Reverse, []int{0, 7, 10, 16}},
}

var goldenOptions = Options{Legend: true, Caption: true}

func TestGoldenDOT(t *testing.T) {
	for _, gs := range goldenSteps {
		tr := baydin(t, gs.mode)
		for _, step := range gs.steps {
			name := fmt.Sprintf("baydin-%s-%d.dot", gs.mode, step)
			t.Run(name, func(t *testing.T) {
				got := DOT(tr, step, goldenOptions)
				if again := DOT(baydin(t, gs.mode), step, goldenOptions); again != got {
					t.Fatal("DOT is not deterministic")
				}
				golden(t, name, []byte(got))
			})
		}
	}
	// Edge labels and the dark theme.
	tr := baydin(t, ad.Reverse)
	golden(t, "baydin-reverse-13-labels-dark.dot", []byte(DOT(tr, 13, Options{EdgeLabels: true, Theme: "dark", Caption: true})))
}

func TestGoldenSVG(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	for _, gs := range goldenSteps {
		tr := baydin(t, gs.mode)
		// Two layouts made independently must give the same bytes.
		l1, err := NewLayout(ctx, r, tr.Graph, goldenOptions)
		if err != nil {
			t.Fatal(err)
		}
		l2, err := NewLayout(ctx, r, baydin(t, gs.mode).Graph, goldenOptions)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range gs.steps {
			name := fmt.Sprintf("baydin-%s-%d.svg", gs.mode, step)
			t.Run(name, func(t *testing.T) {
				got, err := l1.StepSVG(tr, step)
				if err != nil {
					t.Fatal(err)
				}
				again, err := l2.StepSVG(tr, step)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, again) {
					t.Fatalf("native SVG is not deterministic:\n%s", firstDiff(string(got), string(again)))
				}
				parseXML(t, got)
				golden(t, name, got)
			})
		}
	}
	// The picture for the README: the finished reverse sweep with edge
	// labels and a legend.
	tr := baydin(t, ad.Reverse)
	l, err := NewLayout(ctx, r, tr.Graph, Options{Legend: true, Caption: true, EdgeLabels: true})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := l.StepSVG(tr, LastStep(tr))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "baydin-reverse.svg", svg)
}

// TestLastStepNumbers checks that the numbers in the SVG of the finished
// trace are ad's values.
func TestLastStepNumbers(t *testing.T) {
	r := testRenderer(t)
	for _, mode := range []ad.Mode{ad.Forward, ad.Reverse} {
		tr := baydin(t, mode)
		l, err := NewLayout(context.Background(), r, tr.Graph, Options{})
		if err != nil {
			t.Fatal(err)
		}
		svg, err := l.StepSVG(tr, LastStep(tr))
		if err != nil {
			t.Fatal(err)
		}
		texts := fieldTexts(parseXML(t, svg), tr.Graph)
		g := tr.Graph
		for k := range g.Nodes {
			check := func(field string, x float64, has bool) {
				want := "·"
				if has {
					want = ad.FormatNumber(x, DefaultDigits)
				}
				got := texts["a_"+fieldID(g, k, field)]
				if len(got) != 1 || got[0] != want {
					t.Errorf("%s %s %s: got %q, want %q", mode, nodeID(g, k), field, got, want)
				}
			}
			check("value", tr.Value[k], true)
			check("tangent", at(tr.Tangent, k), tr.Tangent != nil)
			check("adjoint", at(tr.Adjoint, k), tr.Adjoint != nil)
		}
		// The numbers of Baydin et al.'s Tables 2 and 3.
		want := map[ad.Mode]map[string]string{
			ad.Forward: {"a_v5_value": "11.65", "a_v5_tangent": "5.5", "a_v1_tangent": "0.5", "a_v3_value": "-0.9589"},
			ad.Reverse: {"a_v-1_adjoint": "5.5", "a_v0_adjoint": "1.716", "a_v3_adjoint": "-1", "a_v5_adjoint": "1"},
		}[mode]
		for id, w := range want {
			if got := texts[id]; len(got) != 1 || got[0] != w {
				t.Errorf("%s %s: got %q, want %q", mode, id, got, w)
			}
		}
	}
}

func at(xs []float64, k int) float64 {
	if xs == nil {
		return math.NaN()
	}
	return xs[k]
}

// TestPositionsStable checks that no box moves: at every step of both
// modes, drawn both ways (texts filled into the laid-out SVG, and the
// positioned DOT through nop2), every node's box is where the layout put
// it.
func TestPositionsStable(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	g := baydin(t, ad.Reverse).Graph
	l, err := NewLayout(ctx, r, g, Options{Caption: true, EdgeLabels: true, Legend: true})
	if err != nil {
		t.Fatal(err)
	}
	want := nodeBoxes(parseXML(t, l.RawSVG()))
	if len(want) != len(g.Nodes) {
		t.Fatalf("found %d node boxes in the layout, want %d", len(want), len(g.Nodes))
	}
	var nop2 map[string]string
	for _, mode := range []ad.Mode{ad.Primal, ad.Forward, ad.Reverse} {
		tr := g.Trace([]float64{2, 5}, mode, nil)
		for step := 0; step <= len(tr.Steps); step++ {
			svg, err := l.StepSVG(tr, step)
			if err != nil {
				t.Fatal(err)
			}
			if got := nodeBoxes(parseXML(t, svg)); !equalMaps(got, want) {
				t.Fatalf("%s step %d: boxes moved in the filled SVG:\n got %v\nwant %v", mode, step, got, want)
			}
			svg, err = l.RenderStep(ctx, r, tr, step, FormatSVG)
			if err != nil {
				t.Fatal(err)
			}
			got := nodeBoxes(parseXML(t, svg))
			if nop2 == nil {
				nop2 = got
				// nop2 draws the layout's positions, rounded as Graphviz
				// writes them.
				if !closeBoxes(got, want, 0.05) {
					t.Fatalf("nop2 boxes differ from the layout:\n got %v\nwant %v", got, want)
				}
			} else if !equalMaps(got, nop2) {
				t.Fatalf("%s step %d: boxes moved in the nop2 SVG:\n got %v\nwant %v", mode, step, got, nop2)
			}
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// closeBoxes compares point lists number by number.
func closeBoxes(a, b map[string]string, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, pa := range a {
		fa := strings.FieldsFunc(pa, func(r rune) bool { return r == ',' || r == ' ' })
		fb := strings.FieldsFunc(b[k], func(r rune) bool { return r == ',' || r == ' ' })
		if len(fa) != len(fb) {
			return false
		}
		for i := range fa {
			var x, y float64
			fmt.Sscan(fa[i], &x)
			fmt.Sscan(fb[i], &y)
			if math.Abs(x-y) > tol {
				return false
			}
		}
	}
	return true
}

// TestApplyStateMatchesDOT checks way (b) against way (a): filling a
// step's state into the laid-out SVG shows the same texts as Graphviz
// drawing the step's own DOT.
func TestApplyStateMatchesDOT(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	opt := Options{EdgeLabels: true}
	g := baydin(t, ad.Reverse).Graph
	raw, err := r.Render(ctx, LayoutDOT(g, opt), EngineDot, FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []ad.Mode{ad.Forward, ad.Reverse} {
		tr := g.Trace([]float64{2, 5}, mode, nil)
		for step := 0; step <= len(tr.Steps); step++ {
			st := State(tr, step, opt)
			filled, err := ApplyState(raw, g, st, opt)
			if err != nil {
				t.Fatal(err)
			}
			direct, err := r.Render(ctx, DOT(tr, step, opt), EngineDot, FormatSVG)
			if err != nil {
				t.Fatal(err)
			}
			a, b := fieldTexts(parseXML(t, filled), g), fieldTexts(parseXML(t, direct), g)
			if len(a) != 4*len(g.Nodes) || !equalTexts(a, b) {
				t.Fatalf("%s step %d: filled SVG shows\n%v\nGraphviz of the DOT shows\n%v", mode, step, a, b)
			}
			// And the state's own texts are what the SVG shows.
			for _, n := range st.Nodes {
				for _, f := range []Field{n.Value, n.Tangent, n.Adjoint, n.Mark} {
					if got := a[f.ID]; len(got) != 1 || got[0] != f.Text {
						t.Fatalf("%s step %d: %s shows %q, state says %q", mode, step, f.ID, got, f.Text)
					}
				}
			}
		}
	}
}

func equalTexts(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(b[k], "\x00") != strings.Join(v, "\x00") {
			return false
		}
	}
	return true
}

func TestLayoutRejectsOtherGraphs(t *testing.T) {
	r := testRenderer(t)
	l, err := NewLayout(context.Background(), r, baydin(t, ad.Reverse).Graph, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := ad.Build("x1 * x2", []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	tr := g2.Trace([]float64{1, 2}, ad.Reverse, nil)
	if _, err := l.StepSVG(tr, 1); err == nil {
		t.Error("StepSVG drew a trace of another graph")
	}
	if _, err := l.AnimatedSVG(tr, Animation{}); err == nil {
		t.Error("AnimatedSVG drew a trace of another graph")
	}
	// The same program built again is the same graph.
	same := baydin(t, ad.Forward)
	if _, err := l.StepSVG(same, 3); err != nil {
		t.Errorf("a trace of the same program built again: %v", err)
	}
	if _, err := NewLayout(context.Background(), r, same.Graph, Options{Theme: "pink"}); err == nil {
		t.Error("NewLayout accepted theme pink")
	}
}

func TestLayoutSVGForThePage(t *testing.T) {
	r := testRenderer(t)
	tr := baydin(t, ad.Reverse)
	l, err := NewLayout(context.Background(), r, tr.Graph, Options{Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, l.SVG())
	svg := root.all("svg")[0]
	if svg.attrs["class"] != "adviz adviz-dark" {
		t.Errorf("root class %q", svg.attrs["class"])
	}
	if len(root.all("style")) != 1 || !strings.Contains(root.all("style")[0].text, "--adviz-tangent:#56b4e9") {
		t.Error("no dark stylesheet in the page's SVG")
	}
	// Every element the page changes is there, with the contract's ids.
	st := State(tr, 10, l.Options())
	for _, n := range st.Nodes {
		g := root.byID(n.ID)
		if g == nil || !strings.HasPrefix(g.attrs["class"], "node ") {
			t.Fatalf("no node group %s", n.ID)
		}
		if a := root.byID("a_" + n.ID); a == nil || len(a.all("a")) == 0 {
			t.Errorf("no tooltip anchor for %s", n.ID)
		}
		for _, f := range []Field{n.Value, n.Tangent, n.Adjoint, n.Mark} {
			fg := root.byID(f.ID)
			if fg == nil || len(fg.all("text")) != 1 {
				t.Fatalf("field %s: want a group with one <text>", f.ID)
			}
			tx := fg.all("text")[0]
			if tx.text == "" {
				t.Errorf("field %s has an empty placeholder", f.ID)
			}
			if f.ID != "a_"+n.ID+"_mark" && tx.attrs["text-anchor"] != "end" {
				t.Errorf("field %s is not anchored at its end", f.ID)
			}
		}
	}
	for _, e := range st.Edges {
		if g := root.byID(e.ID); g == nil || !strings.HasPrefix(g.attrs["class"], "edge") {
			t.Errorf("no edge group %s", e.ID)
		}
	}
}

// TestLayoutFromSVG is the browser's way: Graphviz runs elsewhere on
// LayoutDOT, Go makes the Layout from its SVG.
func TestLayoutFromSVG(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	tr := baydin(t, ad.Forward)
	opt := Options{Caption: true, EdgeLabels: true}
	raw, err := r.Render(ctx, LayoutDOT(tr.Graph, opt), EngineDot, FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	a, err := LayoutFromSVG(tr.Graph, opt, raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewLayout(ctx, r, tr.Graph, opt)
	if err != nil {
		t.Fatal(err)
	}
	for step := 0; step <= len(tr.Steps); step++ {
		sa, _ := a.StepSVG(tr, step)
		sb, _ := b.StepSVG(tr, step)
		if !bytes.Equal(sa, sb) {
			t.Fatalf("step %d differs:\n%s", step, firstDiff(string(sb), string(sa)))
		}
	}
	if _, err := a.RenderStep(ctx, r, tr, 3, FormatSVG); err == nil {
		t.Error("a layout from an SVG has no positions to draw with nop2")
	}
	if _, err := a.WithRenderer(r).RenderStep(ctx, r, tr, 3, FormatSVG); err != nil {
		t.Errorf("with a renderer: %v", err)
	}
	if _, err := LayoutFromSVG(tr.Graph, opt, []byte("<svg></svg>")); err == nil {
		t.Error("an SVG without the graph made a layout")
	}
}

//go:build !js

package graphviz

import (
	"context"
	"strings"
	"testing"
)

// TestEscapingThroughGraphviz renders the hostile graphs with Graphviz,
// both from their DOT and by filling the laid-out SVG: the SVG must be
// well-formed, have exactly the graph's nodes, and show the hostile text
// as text.
func TestEscapingThroughGraphviz(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	for _, s := range hostile {
		tr := hostileTrace(t, s)
		opt := Options{EdgeLabels: true, Legend: true, Caption: true}
		svg, err := r.Render(ctx, DOT(tr, LastStep(tr), opt), EngineDot, FormatSVG)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		checkHostileSVG(t, s, svg, true)

		l, err := NewLayout(ctx, r, tr.Graph, opt)
		if err != nil {
			t.Fatalf("%q: layout: %v", s, err)
		}
		// v1's value, with its diagnostic, is computed by step 2.
		for _, step := range []int{0, 1, 2, LastStep(tr)} {
			svg, err := l.StepSVG(tr, step)
			if err != nil {
				t.Fatal(err)
			}
			checkHostileSVG(t, s, svg, step >= 2)
		}
		anim, err := l.AnimatedSVG(tr, Animation{})
		if err != nil {
			t.Fatal(err)
		}
		checkHostileSVG(t, s, anim, true)
	}
}

// shown is s as the SVG shows it: control characters as spaces, runs of
// spaces (Graphviz writes some as no-break spaces) as one, and, where the
// text went through Graphviz, backslashes as their lookalike.
func shown(s string, keepNL bool) string {
	s = strings.ReplaceAll(clean(s, keepNL), "\u00a0", " ")
	s = strings.ReplaceAll(s, `\`, backslashLookalike)
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

func checkHostileSVG(t *testing.T, s string, svg []byte, diagnosed bool) {
	t.Helper()
	root := parseXML(t, svg)
	var nodes []string
	root.walk(func(n *xnode) {
		if n.name == "g" && strings.HasPrefix(n.attrs["class"], "node") {
			nodes = append(nodes, n.attrs["id"])
		}
	})
	if strings.Join(nodes, ",") != "v0,v1,v2" {
		t.Errorf("%q: nodes %v, want v0,v1,v2", s, nodes)
	}
	// The input's header shows the name as text: "v0 = NAME".
	head := shown(s, false)
	found := false
	root.walk(func(n *xnode) {
		if n.name == "text" && strings.Contains(shown(n.text, false), "v0 = "+head) {
			found = true
		}
	})
	if !found {
		t.Errorf("%q: no text shows the name %q", s, head)
	}
	// The diagnostic's message is in the tooltip of v1, backslashes and
	// all (Graphviz's \N and friends are not expanded).
	tip := ""
	if a := root.byID("a_v1"); a != nil && len(a.all("a")) > 0 {
		tip = a.all("a")[0].attrs["title"]
	}
	if !diagnosed {
		if strings.Contains(tip, "msg ") {
			t.Errorf("%q: the diagnostic shows before its node is computed", s)
		}
		return
	}
	if want := shown("msg "+s, true); !strings.Contains(shown(tip, true), want) {
		t.Errorf("%q: tooltip of v1 is %q, want it to contain %q", s, tip, want)
	}
}

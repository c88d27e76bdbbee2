//go:build !js

package main

import (
	"strings"
	"testing"

	"github.com/adviz/adviz/graphviz"
)

func nativeRenderer(t *testing.T) {
	t.Helper()
	r, err := graphviz.Native()
	if err != nil {
		t.Fatal(err)
	}
	renderer = r
}

func TestLayoutOncePerProgram(t *testing.T) {
	nativeRenderer(t)
	rev := mustBuild(t, &BuildRequest{Program: baydin, Values: values("x1", "2", "x2", "5"), Mode: "reverse"})
	fwd := mustBuild(t, &BuildRequest{Program: baydin, Values: values("x1", "1", "x2", "3"), Mode: "forward"})
	a, err := Layout(rev.Handle, &LayoutRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="v&#45;1"`, `id="a_v0_adjoint"`, `id="e&#45;1_1"`, `class="adviz adviz-light"`} {
		if !strings.Contains(a.SVG, id) {
			t.Errorf("the laid-out SVG lacks %s", id)
		}
	}
	// Another mode at another point: the same layout, not sent again.
	b, err := Layout(fwd.Handle, &LayoutRequest{Have: a.Key})
	if err != nil {
		t.Fatal(err)
	}
	if b.Key != a.Key || b.SVG != "" {
		t.Errorf("same program: key %q (was %q), SVG of %d bytes", b.Key, a.Key, len(b.SVG))
	}
	// Other options: another layout.
	c, err := Layout(rev.Handle, &LayoutRequest{Have: a.Key, GraphOptions: GraphOptions{EdgeLabels: true, RankDir: "TB"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Key == a.Key || !strings.Contains(c.SVG, `id="a_e&#45;1_1&#45;label"`) {
		t.Errorf("edge labels: key %q, label in SVG: %v", c.Key, strings.Contains(c.SVG, "-label"))
	}
	if _, err := Layout(rev.Handle, &LayoutRequest{GraphOptions: GraphOptions{Theme: "neon"}}); err == nil {
		t.Error("no error for theme neon")
	}
}

func TestExports(t *testing.T) {
	nativeRenderer(t)
	r := mustBuild(t, &BuildRequest{Program: baydin, Values: values("x1", "2", "x2", "5"), Mode: "reverse"})
	last := len(r.Steps)
	dot, err := DOT(r.Handle, last, &GraphOptions{Legend: true})
	if err != nil || !strings.HasPrefix(dot, "digraph") || !strings.Contains(dot, "1.716") {
		t.Errorf("DOT: %v\n%.200s", err, dot)
	}
	svg, err := SVG(r.Handle, last, &GraphOptions{Caption: true})
	if err != nil || !strings.Contains(svg, "<svg") || !strings.Contains(svg, "1.716") || !strings.Contains(svg, "step 16 of 16") {
		t.Errorf("SVG: %v\n%.300s", err, svg)
	}
	anim, err := AnimatedSVG(r.Handle, &AnimationRequest{GraphOptions: GraphOptions{Caption: true}, FrameMillis: 500})
	if err != nil || !strings.Contains(anim, "@keyframes") {
		t.Errorf("animated SVG: %v\n%.300s", err, anim)
	}
	st, err := State(r.Handle, 3, nil)
	if err != nil || st.Step != 3 || st.Node != "v1" {
		t.Errorf("State: %v %+v", err, st)
	}
	if _, err := SVG(r.Handle+1000, 0, nil); err == nil {
		t.Error("no error for an unknown handle")
	}
}

// A graph too costly to lay out is refused with a clear error before
// Graphviz runs; the rest of the module still answers for it.
func TestLayoutTooLarge(t *testing.T) {
	nativeRenderer(t)
	// x*x*...*x: the k-th product reads x across k ranks.
	r := mustBuild(t, &BuildRequest{Program: "x" + strings.Repeat("*x", 100), Values: values("x", "1.01"), Mode: "reverse"})
	_, err := Layout(r.Handle, &LayoutRequest{})
	if err == nil {
		t.Fatal("no error")
	}
	e := toError(err)
	for _, want := range []string{"too large to draw", "101 nodes", "5051 counting", "limit is 4000", "trace table"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("the error %q does not say %q", e.Message, want)
		}
	}
	for name, f := range map[string]func() error{
		"svg":      func() error { _, err := SVG(r.Handle, 3, nil); return err },
		"animated": func() error { _, err := AnimatedSVG(r.Handle, &AnimationRequest{}); return err },
	} {
		if err := f(); err == nil || !strings.Contains(err.Error(), "too large to draw") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if fr, err := FramesOf(r.Handle, nil); err != nil || len(fr.Steps) != len(r.Steps) {
		t.Errorf("frames of the large graph: %v", err)
	}
}

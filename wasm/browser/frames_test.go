package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// The module's frames are graphviz.ComputeFrames (whose tests hold them
// to graphviz.State) in the shape the page reads.
func TestFramesOf(t *testing.T) {
	r := mustBuild(t, &BuildRequest{Program: baydin, Values: values("x1", "2", "x2", "5"), Mode: "reverse"})
	s, err := lookup(r.Handle)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []*GraphOptions{nil, {EdgeLabels: true, Theme: "dark"}} {
		fr, err := FramesOf(r.Handle, o)
		if err != nil {
			t.Fatal(err)
		}
		opt, _ := s.options(o)
		want := graphviz.ComputeFrames(s.Trace, opt)
		if len(fr.Steps) != len(want.Steps) || len(fr.Steps) != len(r.Steps) {
			t.Fatalf("%d frames, graphviz has %d, the trace %d steps", len(fr.Steps), len(want.Steps), len(r.Steps))
		}
		for i, changes := range fr.Steps {
			for j, c := range changes {
				w := want.Steps[i][j]
				got := fmt.Sprint([]any(c)...)
				exp := fmt.Sprint(int(w.Kind), w.Index, w.Text)
				if w.Kind == graphviz.ChangeField {
					exp = fmt.Sprint(int(w.Kind), w.Index, w.Text, w.Class)
				}
				if got != exp {
					t.Fatalf("step %d change %d: %q, want %q", i+1, j, got, exp)
				}
			}
		}
		b, err := json.Marshal(fr)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{`"nodes":["v-1","v0","v1","v2","v3","v4","v5"]`, `"base":{"nodeClass":["node input pending",`,
			`"steps":[[[0,0,"node input current"],[2,0,"2","field value changed"]],`, `[3,0,"edge active primal"]`} {
			if !strings.Contains(string(b), key) {
				t.Errorf("the JSON lacks %s:\n%.600s", key, b)
			}
		}
	}
	if _, err := FramesOf(r.Handle+1000, nil); err == nil {
		t.Error("no error for an unknown handle")
	}
	if _, err := FramesOf(r.Handle, &GraphOptions{Theme: "neon"}); err == nil {
		t.Error("no error for theme neon")
	}
}

func chain(n int) string {
	var b strings.Builder
	b.WriteString("a0 = x*y\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "a%d = sin(a%d)*x + a%d/y\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "a%d", n-1)
	return b.String()
}

// BenchmarkFrames is the frames of a trace in the module's shape; the
// difference from graphviz's BenchmarkFrames is the conversion.
func BenchmarkFrames(b *testing.B) {
	for _, n := range []int{3, 33, 333} {
		g, err := ad.Build(chain(n), []string{"x", "y"})
		if err != nil {
			b.Fatal(err)
		}
		tr := g.Trace([]float64{0.3, 2}, ad.Reverse, nil)
		b.Run(fmt.Sprintf("nodes=%d", len(g.Nodes)), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ComputeFrames(tr, graphviz.Options{})
			}
		})
	}
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// replay applies the frames up to step s to their base.
func replay(fr *Frames, s int) FrameState {
	st := fr.Base
	st.NodeClass = append([]string(nil), st.NodeClass...)
	st.Tooltip = append([]string(nil), st.Tooltip...)
	st.Fields = append([][2]string(nil), st.Fields...)
	st.EdgeClass = append([]string(nil), st.EdgeClass...)
	for _, changes := range fr.Steps[:s] {
		for _, c := range changes {
			i := c[1].(int)
			switch c[0].(int) {
			case changeNodeClass:
				st.NodeClass[i] = c[2].(string)
			case changeTooltip:
				st.Tooltip[i] = c[2].(string)
			case changeField:
				st.Fields[i] = [2]string{c[2].(string), c[3].(string)}
			case changeEdgeClass:
				st.EdgeClass[i] = c[2].(string)
			}
		}
	}
	return st
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

// Replaying the frames gives graphviz.State at every step.
func TestFramesMatchState(t *testing.T) {
	programs := []struct {
		src    string
		inputs []string
		x      []float64
	}{
		{baydin, []string{"x1", "x2"}, []float64{2, 5}},
		{"x*x + 3", []string{"x"}, []float64{1.5}},
		{"y1 = x1*x2 + sin(x1)\ny2 = exp(x1) - x2^2\nunused = 2*x1", []string{"x1", "x2", "z"}, []float64{1, 2, 3}},
		{"ln(x - 3) + sqrt(x) + abs(x - 1)", []string{"x"}, []float64{1}},
		{"u = x*y\nf = sin(u) + u*u", []string{"x", "y"}, []float64{0.5, 3}},
		{"a = x\nb = 5", []string{"x"}, []float64{2}},
		{chain(30), []string{"x", "y"}, []float64{0.3, 2}},
	}
	opts := []graphviz.Options{{}, {Digits: 3, EdgeLabels: true}, {Digits: 10, Theme: "dark", RankDir: "TB"}}
	for _, p := range programs {
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []ad.Mode{ad.Primal, ad.Forward, ad.Reverse} {
			tr := g.Trace(p.x, mode, nil)
			for _, opt := range opts {
				fr := ComputeFrames(tr, opt)
				for s := 0; s <= len(tr.Steps); s++ {
					got, want := replay(fr, s), frameState(graphviz.State(tr, s, opt))
					if d := diffFrames(got, want); d != "" {
						t.Fatalf("%q %v %+v step %d: %s", p.src, mode, opt, s, d)
					}
				}
			}
		}
	}
}

func diffFrames(a, b FrameState) string {
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
			return fmt.Sprintf("edge %d: %q %q, want %q %q", i, a.EdgeClass[i], a.EdgeLabel[i], b.EdgeClass[i], b.EdgeLabel[i])
		}
	}
	return ""
}

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

//go:build !js

package graphviz_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

func baydinTrace(mode ad.Mode) *ad.Trace {
	g, err := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	if err != nil {
		panic(err)
	}
	return g.Trace([]float64{2, 5}, mode, nil)
}

// The state at the last step of reverse mode: what the page applies to the
// laid-out SVG.
func ExampleState() {
	t := baydinTrace(ad.Reverse)
	st := graphviz.State(t, graphviz.LastStep(t), graphviz.Options{})
	fmt.Println(st.Text)
	fmt.Println("node", st.Node, "from", st.From, "edges", st.Active)
	for _, n := range st.Nodes[:2] {
		fmt.Printf("%s %q: %s = %s (%s)\n", n.ID, n.Class, n.Adjoint.ID, n.Adjoint.Text, n.Adjoint.Class)
	}
	// Output:
	// v̄-1 = v̄-1 + v̄1·∂v1/∂v-1 = 5 + 1·0.5 = 5.5
	// node v-1 from v1 edges [e-1_1]
	// v-1 "node input current": a_v-1_adjoint = 5.5 (field adjoint changed)
	// v0 "node input done": a_v0_adjoint = 1.716 (field adjoint)
}

func ExampleStep() {
	t := baydinTrace(ad.Forward)
	for _, s := range []string{"first", "3", "last", "8"} {
		step, err := graphviz.Step(t, s)
		fmt.Println(step, err)
	}
	// Output:
	// 0 <nil>
	// 3 <nil>
	// 7 <nil>
	// 0 step 8 is out of range: this trace has steps 0 to 7
}

// Lay the graph out once, then draw any step of any mode without Graphviz.
func ExampleLayout_StepSVG() {
	r, err := graphviz.Native()
	if err != nil {
		panic(err)
	}
	fwd, rev := baydinTrace(ad.Forward), baydinTrace(ad.Reverse)
	l, err := graphviz.NewLayout(context.Background(), r, fwd.Graph, graphviz.Options{Caption: true})
	if err != nil {
		panic(err)
	}
	for _, t := range []*ad.Trace{fwd, rev} {
		svg, err := l.StepSVG(t, graphviz.LastStep(t))
		if err != nil {
			panic(err)
		}
		s := string(svg)
		i := strings.Index(s, `<g id="a_v&#45;1_`+map[ad.Mode]string{ad.Forward: "tangent", ad.Reverse: "adjoint"}[t.Mode])
		j := strings.Index(s[i:], "</text>")
		k := strings.LastIndex(s[i:i+j], ">")
		fmt.Println(t.Mode, s[i+k+1:i+j])
	}
	// Output:
	// forward 1
	// reverse 5.5
}

// What laying a graph out costs Graphviz, checked before it runs.
func ExampleLayoutCost() {
	g, err := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(g.Nodes), graphviz.LayoutCost(g), graphviz.CheckLayoutCost(g, graphviz.MaxLayoutCost))
	fmt.Println(graphviz.CheckLayoutCost(g, 7))
	// Output:
	// 7 8 <nil>
	// the graph is too large to draw: 7 nodes, 8 counting the ranks its edges cross (the limit is 7)
}

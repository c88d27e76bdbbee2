package main

import (
	"strings"
	"unicode/utf8"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// Frames are the states of every step of a trace (graphviz.StepState) as
// the changes from one step to the next, so that a page steps through a
// big graph touching a few elements per step, with no call into the
// module. graphviz.State costs O(nodes + steps) per step (about 50 ms at
// 1000 nodes in js/wasm); Frames costs that twice and then O(1) per step.
// frames_test.go checks that replaying them gives graphviz.State at every
// step.
type Frames struct {
	Nodes []string   `json:"nodes"` // node ids ("v-1"), by index
	Edges []string   `json:"edges"` // edge ids ("e-1_2"), by index
	Base  FrameState `json:"base"`  // the state at step 0
	// Steps[s-1] lists what changes from step s-1 to step s. A change is
	// an array: [0, node, class], [1, node, tooltip],
	// [2, 4*node + field, text, class] (fields: 0 value, 1 tangent,
	// 2 adjoint, 3 mark) or [3, edge, class].
	Steps [][]Change `json:"steps"`
}

// FrameState is a whole state, by node and edge index.
type FrameState struct {
	NodeClass   []string    `json:"nodeClass"`
	Tooltip     []string    `json:"tooltip"`
	Fields      [][2]string `json:"fields"` // 4*node + field: text, class
	EdgeClass   []string    `json:"edgeClass"`
	EdgeLabel   []string    `json:"edgeLabel"`
	EdgeTooltip []string    `json:"edgeTooltip"`
}

// Change is one entry of Frames.Steps.
type Change []any

// Kinds of Change.
const (
	changeNodeClass = iota
	changeTooltip
	changeField
	changeEdgeClass
)

func frameState(st *graphviz.StepState) FrameState {
	fs := FrameState{}
	for i := range st.Nodes {
		n := &st.Nodes[i]
		fs.NodeClass = append(fs.NodeClass, n.Class)
		fs.Tooltip = append(fs.Tooltip, n.Tooltip)
		for _, f := range []*graphviz.Field{&n.Value, &n.Tangent, &n.Adjoint, &n.Mark} {
			fs.Fields = append(fs.Fields, [2]string{f.Text, f.Class})
		}
	}
	for _, e := range st.Edges {
		fs.EdgeClass = append(fs.EdgeClass, e.Class)
		fs.EdgeLabel = append(fs.EdgeLabel, e.Label)
		fs.EdgeTooltip = append(fs.EdgeTooltip, e.Tooltip)
	}
	return fs
}

// frameEdge is an edge v_j -> v_i in graphviz's order: by consumer, then
// argument.
type frameEdge struct{ from, to, arg int }

func frameEdges(g *ad.Graph) []frameEdge {
	var es []frameEdge
	for i := range g.Nodes {
		for ai, a := range g.Nodes[i].Args {
			if !a.IsConst() {
				es = append(es, frameEdge{a.Node, i, ai})
			}
		}
	}
	return es
}

// ComputeFrames returns the frames of t. The texts that do not depend on
// the step come from graphviz.State at the first and the last step; what
// a step changes (which node is current, done, pending or a source, which
// fields are known and changed, which edges are active) follows the rules
// of graphviz.State, and frames_test.go holds the two together.
func ComputeFrames(t *ad.Trace, opt graphviz.Options) *Frames {
	g := t.Graph
	first := graphviz.State(t, 0, opt)
	last := graphviz.State(t, len(t.Steps), opt)
	fr := &Frames{Base: frameState(first), Steps: make([][]Change, len(t.Steps))}
	for _, n := range first.Nodes {
		fr.Nodes = append(fr.Nodes, n.ID)
	}
	for _, e := range first.Edges {
		fr.Edges = append(fr.Edges, e.ID)
	}
	N := len(g.Nodes)
	es := frameEdges(g)
	if len(es) != len(first.Edges) {
		panic("frames: the edges are not graphviz's")
	}
	edgesInto := make([][]int, N)
	for i, e := range es {
		edgesInto[e.to] = append(edgesInto[e.to], i)
	}

	// What stays: the kind of each node, its trouble (shown once its value
	// is known), and the field width.
	kind := make([]string, N)
	trouble := make([]string, N)
	for k := range g.Nodes {
		kind[k] = strings.TrimSuffix(first.Nodes[k].Class, " pending")
		for _, c := range strings.Fields(last.Nodes[k].Class) {
			if strings.HasPrefix(c, "diag-") {
				trouble[k] = c
			}
		}
	}
	width := 0
	if N > 0 {
		width = utf8.RuneCountInString(first.Nodes[0].Value.Text)
	}
	digits := opt.Digits
	if digits <= 0 || digits > 17 {
		digits = graphviz.DefaultDigits
	}
	number := func(x float64) string {
		s := ad.FormatNumber(x, digits)
		if n := utf8.RuneCountInString(s); n < width {
			s = strings.Repeat("\u00a0", width-n) + s
		}
		return s
	}
	names := [3]string{"value", "tangent", "adjoint"}
	computes := [3]bool{true, t.Mode == ad.Forward, t.Mode == ad.Reverse}

	// The state as the steps go, and what the page shows.
	var known [3][]bool
	var val [3][]float64
	for f := range known {
		known[f] = make([]bool, N)
		val[f] = make([]float64, N)
	}
	cur := fr.Base
	cur.NodeClass = append([]string(nil), cur.NodeClass...)
	cur.Tooltip = append([]string(nil), cur.Tooltip...)
	cur.Fields = append([][2]string(nil), cur.Fields...)
	cur.EdgeClass = append([]string(nil), cur.EdgeClass...)
	source := make([]bool, N)
	active := make([]bool, len(es))
	var prevNodes, prevEdges []int
	prevPhase := ad.Phase(-1)

	for s := 1; s <= len(t.Steps); s++ {
		st := t.Steps[s-1]
		switch st.Phase {
		case ad.PhasePrimal:
			known[0][st.Node], val[0][st.Node] = true, st.After
		case ad.PhaseForward:
			known[0][st.Node], val[0][st.Node] = true, t.Value[st.Node]
			known[1][st.Node], val[1][st.Node] = true, st.After
		case ad.PhaseAdjoint:
			known[2][st.Node], val[2][st.Node] = true, st.After
		}
		has := known[0]
		switch st.Phase {
		case ad.PhaseForward:
			has = known[1]
		case ad.PhaseAdjoint:
			has = known[2]
		}
		// Edges and sources of this step; what the last step marked is
		// looked at again.
		for _, k := range prevNodes {
			source[k] = false
		}
		for _, i := range prevEdges {
			active[i] = false
		}
		newNodes, newEdges := []int{st.Node}, []int{}
		consumer := st.Node
		if st.Phase == ad.PhaseAdjoint {
			consumer = st.From // -1 for a seed or a zero: no edge
		}
		var into []int
		if consumer >= 0 {
			into = edgesInto[consumer]
		}
		for _, i := range into {
			e := es[i]
			if st.Phase == ad.PhaseAdjoint && e.arg != st.Arg {
				continue
			}
			active[i] = true
			newEdges = append(newEdges, i)
			src := e.from
			if st.Phase == ad.PhaseAdjoint {
				src = e.to
			}
			source[src] = true
			newNodes = append(newNodes, src)
		}
		nodes := append(append([]int{}, prevNodes...), newNodes...)
		edgesTouched := append(append([]int{}, prevEdges...), newEdges...)
		if s > 1 && st.Phase != prevPhase {
			// Done and pending now mean another quantity: every node may change.
			nodes = make([]int, N)
			for k := range nodes {
				nodes[k] = k
			}
		}
		var ch []Change
		for _, k := range nodes {
			cls := kind[k]
			switch {
			case k == st.Node:
				cls += " current"
			case has[k]:
				cls += " done"
			default:
				cls += " pending"
			}
			if source[k] {
				cls += " source"
			}
			tip, mark := first.Nodes[k].Tooltip, first.Nodes[k].Mark
			if known[0][k] {
				if trouble[k] != "" {
					cls += " " + trouble[k]
				}
				tip, mark = last.Nodes[k].Tooltip, last.Nodes[k].Mark
			}
			if cur.NodeClass[k] != cls {
				cur.NodeClass[k] = cls
				ch = append(ch, Change{changeNodeClass, k, cls})
			}
			if cur.Tooltip[k] != tip {
				cur.Tooltip[k] = tip
				ch = append(ch, Change{changeTooltip, k, tip})
			}
			for f := 0; f < 4; f++ {
				var field [2]string
				if f == 3 {
					field = [2]string{mark.Text, mark.Class}
				} else {
					field[0], field[1] = first.Nodes[k].Value.Text, "field "+names[f]
					switch {
					case !computes[f]:
						field[1] += " unused"
					case !known[f][k]:
						field[1] += " empty"
					default:
						field[0] = number(val[f][k])
					}
					if k == st.Node && (st.Phase == ad.PhaseAdjoint) == (f == 2) && (f == 0 || st.Phase != ad.PhasePrimal) {
						field[1] += " changed"
					}
				}
				if i := 4*k + f; cur.Fields[i] != field {
					cur.Fields[i] = field
					ch = append(ch, Change{changeField, i, field[0], field[1]})
				}
			}
		}
		for _, i := range edgesTouched {
			cls := "edge"
			if active[i] {
				cls += " active " + st.Phase.String()
			}
			if cur.EdgeClass[i] != cls {
				cur.EdgeClass[i] = cls
				ch = append(ch, Change{changeEdgeClass, i, cls})
			}
		}
		if ch == nil {
			ch = []Change{}
		}
		fr.Steps[s-1] = ch
		prevNodes, prevEdges, prevPhase = newNodes, newEdges, st.Phase
	}
	return fr
}

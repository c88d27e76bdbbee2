package main

import (
	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// Frames are graphviz.Frames as the module sends them (encode.go): the
// states of every step of a trace as the changes from one step to the
// next, so that a page steps through a big graph touching a few elements
// per step, with no call into the module. A change is an array:
// [0, node, class], [1, node, tooltip], [2, 4*node + field, text, class]
// (fields: 0 value, 1 tangent, 2 adjoint, 3 mark) or [3, edge, class].
type Frames struct {
	Nodes []string            `json:"nodes"` // node ids ("v-1"), by index
	Edges []string            `json:"edges"` // edge ids ("e-1_2"), by index
	Base  graphviz.FrameState `json:"base"`  // the state at step 0
	Steps [][]Change          `json:"steps"` // Steps[s-1]: from step s-1 to step s
}

// Change is one graphviz.Change as an array of ints and strings.
type Change []any

// ComputeFrames returns graphviz.ComputeFrames of t in the module's shape.
// The changes share one backing array.
func ComputeFrames(t *ad.Trace, opt graphviz.Options) *Frames {
	fr := graphviz.ComputeFrames(t, opt)
	out := &Frames{Nodes: fr.Nodes, Edges: fr.Edges, Base: fr.Base, Steps: make([][]Change, len(fr.Steps))}
	n, m := 0, 0
	for _, changes := range fr.Steps {
		n += len(changes)
		m += 4 * len(changes)
	}
	all, cells := make([]Change, 0, n), make([]any, 0, m)
	for s, changes := range fr.Steps {
		start := len(all)
		for _, c := range changes {
			at := len(cells)
			cells = append(cells, int(c.Kind), c.Index, c.Text)
			if c.Kind == graphviz.ChangeField {
				cells = append(cells, c.Class)
			}
			all = append(all, cells[at:len(cells):len(cells)])
		}
		out.Steps[s] = all[start:len(all):len(all)]
	}
	return out
}

// FramesOf returns the frames of a session's trace.
func FramesOf(h int, o *GraphOptions) (*Frames, error) {
	s, opt, err := sessionOptions(h, o)
	if err != nil {
		return nil, err
	}
	return ComputeFrames(s.Trace, opt), nil
}

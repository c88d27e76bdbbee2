package graphviz

import (
	"encoding/json"
	"fmt"

	"github.com/adviz/adviz/ad"
)

// Frames are the states of every step of a trace (State) as the changes
// from one step to the next, so that a page steps through a big graph
// touching a few elements per step. They marshal to JSON as the page
// reads them:
//
//	{"nodes": ["v-1", ...], "edges": ["e-1_1", ...],
//	 "base": {"nodeClass": [...], "tooltip": [...], "fields": [[text, class], ...],
//	          "edgeClass": [...], "edgeLabel": [...], "edgeTooltip": [...]},
//	 "steps": [[[0, node, class], [2, 4*node+field, text, class], ...], ...]}
//
// Frames.At(s) replays them: it equals State(t, s, opt) at every step.
type Frames struct {
	Nodes []string   `json:"nodes"` // node ids ("v-1"), by index
	Edges []string   `json:"edges"` // edge ids ("e-1_2"), by index
	Base  FrameState `json:"base"`  // the state at step 0
	// Steps[s-1] lists what changes from step s-1 to step s, each
	// element at most once, nodes before edges.
	Steps [][]Change `json:"steps"`
}

// FrameState is a whole state by node and edge index: the parts of a
// StepState that the page applies to the laid-out SVG.
type FrameState struct {
	NodeClass []string `json:"nodeClass"` // NodeState.Class
	Tooltip   []string `json:"tooltip"`   // NodeState.Tooltip
	// Fields[4*k+f] is the text and class of field f of node k: 0 value,
	// 1 tangent, 2 adjoint, 3 the marker.
	Fields      [][2]string `json:"fields"`
	EdgeClass   []string    `json:"edgeClass"`   // EdgeState.Class
	EdgeLabel   []string    `json:"edgeLabel"`   // EdgeState.Label; no step changes it
	EdgeTooltip []string    `json:"edgeTooltip"` // EdgeState.Tooltip; no step changes it
}

// ChangeKind says what a Change sets.
type ChangeKind uint8

// The kinds of Change, numbered as in the JSON.
const (
	ChangeNodeClass ChangeKind = iota // the class of node Index
	ChangeTooltip                     // the tooltip of node Index
	ChangeField                       // the text and class of field Index = 4*node + field
	ChangeEdgeClass                   // the class of edge Index
)

// Change is one entry of Frames.Steps. In JSON it is an array:
// [kind, index, text], or [2, index, text, class] for a field.
type Change struct {
	Kind  ChangeKind
	Index int
	Text  string // the class, the tooltip or the field's text
	Class string // a field's class
}

// MarshalJSON writes the change as an array.
func (c Change) MarshalJSON() ([]byte, error) {
	a := []any{c.Kind, c.Index, c.Text}
	if c.Kind == ChangeField {
		a = append(a, c.Class)
	}
	return json.Marshal(a)
}

// UnmarshalJSON reads a change written by MarshalJSON.
func (c *Change) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) < 3 {
		return fmt.Errorf("graphviz: a change has %d elements, want 3 or 4", len(a))
	}
	*c = Change{}
	if err := json.Unmarshal(a[0], &c.Kind); err != nil {
		return err
	}
	if err := json.Unmarshal(a[1], &c.Index); err != nil {
		return err
	}
	if err := json.Unmarshal(a[2], &c.Text); err != nil {
		return err
	}
	if c.Kind == ChangeField {
		if len(a) != 4 {
			return fmt.Errorf("graphviz: a field change has %d elements, want 4", len(a))
		}
		return json.Unmarshal(a[3], &c.Class)
	}
	return nil
}

// ComputeFrames returns the frames of t. It costs O(nodes + edges +
// steps + changes): a step looks only at what the previous step and it
// mark (the current node, the nodes read, the edges used), except when a
// new phase begins (reverse mode's adjoint sweep), when "done" starts to
// mean another quantity and every node is looked at once. The rules are
// State's: Frames.At(s) equals State(t, s, opt) at every step.
func ComputeFrames(t *ad.Trace, opt Options) *Frames {
	opt = opt.norm()
	sc := staticsOf(t, opt)
	s := newScene(sc)
	n, ne := len(sc.nodeIDs), len(sc.edges)
	fr := &Frames{Nodes: append([]string(nil), sc.nodeIDs...), Edges: make([]string, ne), Steps: make([][]Change, len(t.Steps))}
	b := &fr.Base
	b.NodeClass, b.Tooltip, b.Fields = make([]string, n), make([]string, n), make([][2]string, 4*n)
	b.EdgeClass, b.EdgeLabel, b.EdgeTooltip = make([]string, ne), make([]string, ne), append([]string(nil), sc.edgeTips...)
	for k := 0; k < n; k++ {
		b.NodeClass[k], b.Tooltip[k] = s.nodeClass(k), s.tooltip(k)
		for f := 0; f < 4; f++ {
			b.Fields[4*k+f][0], b.Fields[4*k+f][1] = s.field(k, f)
		}
	}
	for i := range sc.edges {
		fr.Edges[i] = sc.edges[i].id
		b.EdgeClass[i] = s.edgeClass(i)
		if sc.labels != nil {
			b.EdgeLabel[i] = sc.labels[i]
		}
	}

	// What the page shows as the steps go.
	nodeClass, tooltip := append([]string(nil), b.NodeClass...), append([]string(nil), b.Tooltip...)
	fields, edgeClass := append([][2]string(nil), b.Fields...), append([]string(nil), b.EdgeClass...)
	all := make([]Change, 0, 10*len(t.Steps))
	ends := make([]int, len(t.Steps))
	visit := func(k int) {
		if c := s.nodeClass(k); c != nodeClass[k] {
			nodeClass[k] = c
			all = append(all, Change{Kind: ChangeNodeClass, Index: k, Text: c})
		}
		if c := s.tooltip(k); c != tooltip[k] {
			tooltip[k] = c
			all = append(all, Change{Kind: ChangeTooltip, Index: k, Text: c})
		}
		for f := 0; f < 4; f++ {
			text, class := s.field(k, f)
			if i := 4*k + f; text != fields[i][0] || class != fields[i][1] {
				fields[i] = [2]string{text, class}
				all = append(all, Change{Kind: ChangeField, Index: i, Text: text, Class: class})
			}
		}
	}
	var nodes, lit []int32
	for i := range t.Steps {
		// What the last step marked, and what this one marks.
		nodes = append(nodes[:0], s.marked...)
		if s.cur.Node >= 0 {
			nodes = append(nodes, int32(s.cur.Node))
		}
		lit = append(lit[:0], s.lit...)
		prev := s.cur.Phase
		s.advance()
		if i > 0 && s.cur.Phase != prev {
			for k := 0; k < n; k++ {
				visit(k)
			}
		} else {
			nodes = append(append(nodes, int32(s.cur.Node)), s.marked...)
			for _, k := range nodes {
				visit(int(k))
			}
		}
		for _, e := range append(lit, s.lit...) {
			if c := s.edgeClass(int(e)); c != edgeClass[e] {
				edgeClass[e] = c
				all = append(all, Change{Kind: ChangeEdgeClass, Index: int(e), Text: c})
			}
		}
		ends[i] = len(all)
	}
	start := 0
	for i, end := range ends {
		fr.Steps[i] = all[start:end:end]
		start = end
	}
	return fr
}

// At returns the state at step s (clamped to 0 ... len(Steps)): the base
// with the changes of the first s steps applied.
func (fr *Frames) At(s int) FrameState {
	s = max(0, min(s, len(fr.Steps)))
	b := fr.Base
	st := FrameState{
		NodeClass: append([]string(nil), b.NodeClass...), Tooltip: append([]string(nil), b.Tooltip...),
		Fields: append([][2]string(nil), b.Fields...), EdgeClass: append([]string(nil), b.EdgeClass...),
		EdgeLabel: b.EdgeLabel, EdgeTooltip: b.EdgeTooltip,
	}
	for _, changes := range fr.Steps[:s] {
		for _, c := range changes {
			st.apply(c)
		}
	}
	return st
}

// apply applies one change.
func (st *FrameState) apply(c Change) {
	switch c.Kind {
	case ChangeNodeClass:
		st.NodeClass[c.Index] = c.Text
	case ChangeTooltip:
		st.Tooltip[c.Index] = c.Text
	case ChangeField:
		st.Fields[c.Index] = [2]string{c.Text, c.Class}
	case ChangeEdgeClass:
		st.EdgeClass[c.Index] = c.Text
	}
}

package graphviz

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/adviz/adviz/ad"
)

// StepState is what a picture shows at one step of a trace: for every node
// its classes, the texts of its fields and its tooltip, for every edge its
// classes and label, and which node and edges the current step uses. The
// page animates the laid-out SVG with it (see the package documentation
// for where each part goes); ApplyState and Layout.StepSVG do the same in
// Go. It marshals to JSON as is.
type StepState struct {
	Mode  string `json:"mode"`  // "primal", "forward" or "reverse"
	Step  int    `json:"step"`  // 0 (nothing computed) ... Steps (finished)
	Steps int    `json:"steps"` // the number of steps
	// Phase is the phase of the current step (the step that led to this
	// state, Steps[Step-1]): "primal", "forward" or "adjoint"; "" at step 0.
	Phase string `json:"phase"`
	Kind  string `json:"kind"` // its kind: "input", "op", "seed", "first", "accumulate", "zero"
	// Node is the id of the node the current step changed ("v2"), From
	// the id of the consumer whose adjoint an adjoint step pushes back;
	// "" when there is none.
	Node string `json:"node"`
	From string `json:"from"`
	// Active lists the ids of the edges the current step uses: all edges
	// into Node for a primal or forward step, the edge Node → From for
	// an adjoint contribution.
	Active []string `json:"active"`
	// Text is the current step's arithmetic, ad.Trace.StepText
	// ("v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716"); "" at step 0.
	Text string `json:"text"`
	// Caption is the caption's lines: the mode and step counter, then the
	// arithmetic (a forward step has two lines: value and tangent).
	Caption []string    `json:"caption"`
	Nodes   []NodeState `json:"nodes"`
	Edges   []EdgeState `json:"edges"`
}

// NodeState is a node at a step.
type NodeState struct {
	ID string `json:"id"` // "v-1": the id of the node's <g class="node">
	// Class is the whole class attribute of that <g>, e.g.
	// "node input pending" or "node op output current diag-error".
	Class string `json:"class"`
	// Tooltip is the node's description and its diagnostics, the
	// xlink:title of the <a> in <g id="a_v-1">.
	Tooltip string `json:"tooltip"`
	Value   Field  `json:"value"`
	Tangent Field  `json:"tangent"`
	Adjoint Field  `json:"adjoint"`
	// Mark is the diagnostic marker: "⚠" when the node has numeric
	// trouble that is already computed, else a no-break space.
	Mark        Field        `json:"mark"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Field is one text of a node: a number field or the marker.
type Field struct {
	// ID is the id of the <g> whose only <text> shows the field:
	// "a_v-1_value", "a_v-1_tangent", "a_v-1_adjoint", "a_v-1_mark".
	ID string `json:"id"`
	// Text is the text content, exactly as in the SVG: the number with
	// Options.Digits significant digits (ad.FormatNumber), "·" when the
	// field is not computed (yet), and for the marker "⚠" or a no-break
	// space. Never empty. Number fields are right-aligned in a box sized
	// for the longest number, so a new text never moves anything.
	Text string `json:"text"`
	// Class is the class attribute of the <text>, e.g.
	// "field adjoint changed" or "field tangent unused".
	Class string `json:"class"`
}

// Diagnostic is numeric trouble on a node (ad.Diagnostic).
type Diagnostic struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
}

// EdgeState is an edge at a step.
type EdgeState struct {
	ID    string `json:"id"`    // "e-1_2": the id of the edge's <g class="edge">
	Class string `json:"class"` // the whole class attribute: "edge", "edge active adjoint"
	// Label is the text of the edge's label (Options.EdgeLabels):
	// "∂v2/∂v-1 = 5", in the <text> of <g id="a_e-1_2-label">; "" without
	// edge labels.
	Label string `json:"label"`
	// Tooltip is the local partial with its formula, "∂v2/∂v-1 = v0 = 5":
	// the xlink:title of <g id="a_e-1_2"> (and of the label's group).
	Tooltip string `json:"tooltip"`
}

// Field names, in the order of the rows of a node.
var fieldNames = [3]string{"value", "tangent", "adjoint"}

const (
	nbsp        = "\u00a0"
	emptyGlyph  = "·"
	markGlyph   = "⚠"
	fieldSuffix = "_"
)

// edge is an argument of an operation that is a node: an edge v_j → v_i.
type edge struct {
	from, to, arg int // node indices; arg is the position in to's Args
	id            string
}

// nodeID returns the id of node k: its trace name, "v-1".
func nodeID(g *ad.Graph, k int) string { return g.Nodes[k].Label() }

// fieldID returns the id of field f ("value", "tangent", "adjoint" or
// "mark") of node k: "v-1_value". Graphviz writes the <g> around its text
// as "a_" + fieldID.
func fieldID(g *ad.Graph, k int, f string) string { return nodeID(g, k) + fieldSuffix + f }

// edges returns the edges of g in a fixed order (by consumer, then
// argument). The id of v_j → v_i is "ej_i" ("e-1_2"); when v_i uses v_j
// more than once (x*x), the later ones get the argument position too
// ("e0_1_1").
func edges(g *ad.Graph) []edge {
	var es []edge
	for i := range g.Nodes {
		args := g.Nodes[i].Args
		for ai, a := range args {
			if a.IsConst() {
				continue
			}
			id := "e" + strconv.Itoa(g.Nodes[a.Node].ID) + "_" + strconv.Itoa(g.Nodes[i].ID)
			for _, b := range args[:ai] {
				if b.Node == a.Node {
					id += "_" + strconv.Itoa(ai)
					break
				}
			}
			es = append(es, edge{from: a.Node, to: i, arg: ai, id: id})
		}
	}
	return es
}

// outputNames returns the names of the outputs at node k.
func outputNames(g *ad.Graph, k int) []string {
	var names []string
	for _, o := range g.Outputs {
		if o.Node == k {
			names = append(names, o.Name)
		}
	}
	return names
}

// aliases returns the names a node has besides its formula: the names
// assigned to it and the outputs it is, each once. An input's own name is
// its formula.
func aliases(g *ad.Graph, k int) []string {
	n := &g.Nodes[k]
	var names []string
	add := func(s string) {
		if s != "" && !contains(names, s) && !(n.Op == ad.OpInput && s == n.Name) {
			names = append(names, s)
		}
	}
	for _, s := range n.Names {
		add(s)
	}
	for _, s := range outputNames(g, k) {
		add(s)
	}
	return names
}

// describe returns the static description of node k: "v1 = ln v-1",
// followed by its other names.
func describe(g *ad.Graph, k int) string {
	s := nodeID(g, k) + " = " + g.Formula(k)
	if names := aliases(g, k); len(names) > 0 {
		s += " (" + strings.Join(names, ", ") + ")"
	}
	return s
}

// Step returns the step a name selects in t: "last" (or "end") is the
// finished trace, "first" or "start" step 0, and a number that step. It
// fails when the number is out of range.
func Step(t *ad.Trace, s string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "last", "end", "":
		return len(t.Steps), nil
	case "first", "start":
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("step %q is not a number, \"first\" or \"last\"", s)
	}
	if n < 0 || n > len(t.Steps) {
		return 0, fmt.Errorf("step %d is out of range: this trace has steps 0 to %d", n, len(t.Steps))
	}
	return n, nil
}

// clampStep keeps step within 0 ... len(t.Steps).
func clampStep(t *ad.Trace, step int) int {
	if step < 0 {
		return 0
	}
	if step > len(t.Steps) {
		return len(t.Steps)
	}
	return step
}

// statics are the parts of a trace's pictures that no step changes: the
// edges with their tooltips and labels, the nodes' descriptions, and the
// caption's size. A trace is not changed once made, so they are computed
// once per trace and options and kept for the few traces drawn last.
type statics struct {
	t          *ad.Trace
	digits     int
	edgeLabels bool
	edges      []edge
	edgeTips   []string
	labels     []string
	describe   []string
	outputs    []bool
	capOnce    sync.Once
	capBox     *captionBox
}

var staticCache struct {
	sync.Mutex
	recent []*statics // most recent first
}

func staticsOf(t *ad.Trace, opt Options) *statics {
	staticCache.Lock()
	for i, s := range staticCache.recent {
		if s.t == t && s.digits == opt.Digits && s.edgeLabels == opt.EdgeLabels {
			copy(staticCache.recent[1:i+1], staticCache.recent[:i])
			staticCache.recent[0] = s
			staticCache.Unlock()
			return s
		}
	}
	staticCache.Unlock()
	g := t.Graph
	s := &statics{t: t, digits: opt.Digits, edgeLabels: opt.EdgeLabels, edges: edges(g)}
	s.edgeTips = make([]string, len(s.edges))
	if opt.EdgeLabels {
		s.labels = make([]string, len(s.edges))
	}
	for i, e := range s.edges {
		s.edgeTips[i] = t.PartialText(e.to, e.arg, opt.Digits)
		if opt.EdgeLabels {
			s.labels[i] = edgeLabel(g, e, ad.FormatNumber(t.Partials[e.to][e.arg], opt.Digits))
		}
	}
	s.describe = make([]string, len(g.Nodes))
	s.outputs = make([]bool, len(g.Nodes))
	for k := range g.Nodes {
		s.describe[k] = describe(g, k)
	}
	for _, o := range g.Outputs {
		s.outputs[o.Node] = true
	}
	staticCache.Lock()
	staticCache.recent = append([]*statics{s}, staticCache.recent...)
	if len(staticCache.recent) > 4 {
		staticCache.recent = staticCache.recent[:4]
	}
	staticCache.Unlock()
	return s
}

// captionBox returns the size of the trace's caption band.
func (s *statics) captionBox() *captionBox {
	s.capOnce.Do(func() { s.capBox = newCaptionBox(s.t, s.digits) })
	return s.capBox
}

// State returns what the picture of t shows after step steps (0 is before
// anything is computed, len(t.Steps) is the finished trace; values out of
// range are clamped).
func State(t *ad.Trace, step int, opt Options) *StepState {
	opt = opt.norm()
	g := t.Graph
	step = clampStep(t, step)
	ns := t.StateAt(step)
	sc := staticsOf(t, opt)
	st := &StepState{Mode: t.Mode.String(), Step: step, Steps: len(t.Steps), Active: []string{}}

	cur := ad.Step{Node: -1, From: -1, Arg: -1}
	if step > 0 {
		cur = t.Steps[step-1]
		st.Phase = cur.Phase.String()
		st.Kind = cur.Kind.String()
		st.Node = nodeID(g, cur.Node)
		if cur.From >= 0 {
			st.From = nodeID(g, cur.From)
		}
		st.Text = t.StepText(step-1, opt.Digits)
	}
	st.Caption = captionLines(t, step, opt.Digits)

	// Which quantity the current phase computes decides done and pending.
	has := func(k int) bool {
		if step == 0 {
			return false
		}
		switch cur.Phase {
		case ad.PhaseAdjoint:
			return ns[k].HasAdjoint
		case ad.PhaseForward:
			return ns[k].HasTangent
		}
		return ns[k].HasValue
	}
	es := sc.edges
	source := make([]bool, len(g.Nodes))
	active := make([]bool, len(es))
	if step > 0 {
		for i, e := range es {
			switch {
			case cur.Phase == ad.PhaseAdjoint && cur.From >= 0:
				active[i] = e.to == cur.From && e.arg == cur.Arg
			case cur.Phase != ad.PhaseAdjoint:
				active[i] = e.to == cur.Node
			}
			if active[i] {
				st.Active = append(st.Active, e.id)
				if cur.Phase == ad.PhaseAdjoint {
					source[e.to] = true
				} else {
					source[e.from] = true
				}
			}
		}
	}

	computes := [3]bool{true, t.Mode == ad.Forward, t.Mode == ad.Reverse}
	st.Nodes = make([]NodeState, len(g.Nodes))
	for k := range g.Nodes {
		n := &st.Nodes[k]
		n.ID = nodeID(g, k)
		n.Diagnostics = []Diagnostic{}
		cls := []string{"node", kindClass(g, k)}
		if sc.outputs[k] {
			cls = append(cls, "output")
		}
		switch {
		case k == cur.Node:
			cls = append(cls, "current")
		case has(k):
			cls = append(cls, "done")
		default:
			cls = append(cls, "pending")
		}
		if source[k] {
			cls = append(cls, "source")
		}
		tip := sc.describe[k]
		severity := ""
		if ns[k].HasValue { // trouble shows once the value is computed
			for _, d := range t.NodeDiagnostics(k) {
				n.Diagnostics = append(n.Diagnostics, Diagnostic{d.Kind, d.Severity, d.Msg})
				tip += "\n" + markGlyph + " " + d.Severity + ": " + d.Msg
				if severity != "error" {
					severity = d.Severity
				}
			}
		}
		if severity != "" {
			cls = append(cls, "diag-"+severity)
		}
		n.Class = strings.Join(cls, " ")
		n.Tooltip = tip

		vals := [3]float64{ns[k].Value, ns[k].Tangent, ns[k].Adjoint}
		known := [3]bool{ns[k].HasValue, ns[k].HasTangent, ns[k].HasAdjoint}
		changed := [3]bool{}
		if k == cur.Node {
			switch cur.Phase {
			case ad.PhasePrimal:
				changed[0] = true
			case ad.PhaseForward:
				changed[0], changed[1] = true, true
			case ad.PhaseAdjoint:
				changed[2] = true
			}
		}
		fields := [3]*Field{&n.Value, &n.Tangent, &n.Adjoint}
		for f, fp := range fields {
			fc := "field " + fieldNames[f]
			switch {
			case !computes[f]:
				fp.Text = emptyGlyph
				fc += " unused"
			case !known[f]:
				fp.Text = emptyGlyph
				fc += " empty"
			default:
				fp.Text = ad.FormatNumber(vals[f], opt.Digits)
			}
			if changed[f] {
				fc += " changed"
			}
			fp.ID = "a_" + fieldID(g, k, fieldNames[f])
			fp.Class = fc
		}
		n.Mark = Field{ID: "a_" + fieldID(g, k, "mark"), Text: nbsp, Class: "mark"}
		if severity != "" {
			n.Mark.Text = markGlyph
			n.Mark.Class = "mark " + severity
		}
	}

	st.Edges = make([]EdgeState, len(es))
	for i, e := range es {
		es := &st.Edges[i]
		es.ID = e.id
		es.Class = "edge"
		if active[i] {
			es.Class += " active " + cur.Phase.String()
		}
		es.Tooltip = sc.edgeTips[i]
		if opt.EdgeLabels {
			es.Label = sc.labels[i]
		}
	}
	return st
}

// kindClass is "input" for inputs and "op" for operations.
func kindClass(g *ad.Graph, k int) string {
	if g.Nodes[k].Op == ad.OpInput {
		return "input"
	}
	return "op"
}

// edgeLabel writes the label of an edge: "∂v2/∂v-1 = 5".
func edgeLabel(g *ad.Graph, e edge, num string) string {
	return "∂" + nodeID(g, e.to) + "/∂" + nodeID(g, e.from) + " = " + num
}

// captionLines returns the caption at a step: "reverse mode · step 9 of 16
// · adjoint sweep", then the step's arithmetic, one line per part (a
// forward step has two: value and tangent). Step 0 shows the point and
// the seed instead. Every step of a trace has the same number of lines.
func captionLines(t *ad.Trace, step, digits int) []string {
	g := t.Graph
	n := len(t.Steps)
	head := fmt.Sprintf("%s mode · step %d of %d", t.Mode, step, n)
	lines := []string{}
	if step == 0 {
		head += " · nothing computed yet"
		var xs []string
		for i, in := range g.Inputs {
			xs = append(xs, in.Name+" = "+ad.FormatNumber(t.X[i], digits))
		}
		switch t.Mode {
		case ad.Forward:
			lines = append(lines, strings.Join(xs, ", "), seedText(t, digits))
		case ad.Reverse:
			lines = append(lines, strings.Join(xs, ", ")+" · "+seedText(t, digits))
		default:
			lines = append(lines, strings.Join(xs, ", "))
		}
	} else {
		switch t.Steps[step-1].Phase {
		case ad.PhasePrimal:
			head += " · primal sweep: values"
		case ad.PhaseForward:
			head += " · forward sweep: values and tangents"
		case ad.PhaseAdjoint:
			head += " · reverse sweep: adjoints"
		}
		if step == n {
			head += " · finished"
		}
		lines = append(lines, strings.Split(t.StepText(step-1, digits), "; ")...)
	}
	want := captionRows(t) - 1
	for len(lines) < want {
		lines = append(lines, "")
	}
	return append([]string{head}, lines[:want]...)
}

// captionRows is the number of caption lines of every step of t.
func captionRows(t *ad.Trace) int {
	if t.Mode == ad.Forward {
		return 3
	}
	return 2
}

// seedText writes the seed: "seed ẋ: ẋ1 = 1, ẋ2 = 0" or "seed ȳ: ȳ = 1".
func seedText(t *ad.Trace, digits int) string {
	g := t.Graph
	var parts []string
	if t.Mode == ad.Forward {
		for i, in := range g.Inputs {
			parts = append(parts, accent(in.Name, "\u0307")+" = "+ad.FormatNumber(t.Seed[i], digits))
		}
		return "seed: " + strings.Join(parts, ", ")
	}
	for i, o := range g.Outputs {
		parts = append(parts, accent(o.Name, "\u0304")+" = "+ad.FormatNumber(t.Seed[i], digits))
	}
	return "seed: " + strings.Join(parts, ", ")
}

// accent puts a combining mark over the first character of name.
func accent(name, mark string) string {
	for i := range name {
		if i > 0 {
			return name[:i] + mark + name[i:]
		}
	}
	return name + mark
}

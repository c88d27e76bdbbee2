package graphviz

import (
	"fmt"
	"slices"
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
		if s != "" && !slices.Contains(names, s) && !(n.Op == ad.OpInput && s == n.Name) {
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

// The classes, spelled once. A node's class is "node", its kind ("input"
// or "op", then "output" for an output), its status, "source" and its
// trouble; a field's is "field", its name, whether it is known and
// whether the current step wrote it; an edge's is "edge" and, when the
// current step uses it, "active" and the phase. Every class string is made
// here once, so a state shares them and comparing two is cheap.
const (
	statusPending = iota // the current phase has not computed the node
	statusDone           // it has
	statusCurrent        // the current step changes it
)

const (
	fieldKnown  = iota // a number
	fieldEmpty         // not computed yet: "·"
	fieldUnused        // the mode does not compute it: "·"
)

const (
	severityNone = iota
	severityWarning
	severityError
)

var severityNames = [3]string{"", "warning", "error"}

var (
	// nodeClasses[kind][status][source][severity]; kind is 1 for an
	// operation (0 for an input) plus 2 for an output.
	nodeClasses [4][3][2][3]string
	// fieldClasses[field][fieldKnown|fieldEmpty|fieldUnused][changed]
	fieldClasses [3][3][2]string
	// edgeClasses[0] is an edge the current step does not use,
	// edgeClasses[1+phase] one it uses.
	edgeClasses [4]string
	// markFields[severity] is the marker's text and class.
	markFields [3][2]string
)

// kindClasses are the kinds of nodes, by the index nodeKind returns.
var kindClasses = [4]string{"input", "op", "input output", "op output"}

func init() {
	statuses := [3]string{"pending", "done", "current"}
	for kind := range nodeClasses {
		for status := range nodeClasses[kind] {
			for source := range nodeClasses[kind][status] {
				for sev := range nodeClasses[kind][status][source] {
					c := "node " + kindClasses[kind] + " " + statuses[status]
					if source == 1 {
						c += " source"
					}
					if sev != severityNone {
						c += " diag-" + severityNames[sev]
					}
					nodeClasses[kind][status][source][sev] = c
				}
			}
		}
	}
	for f := range fieldClasses {
		for known, suffix := range [3]string{"", " empty", " unused"} {
			fieldClasses[f][known][0] = "field " + fieldNames[f] + suffix
			fieldClasses[f][known][1] = "field " + fieldNames[f] + suffix + " changed"
		}
	}
	edgeClasses[0] = "edge"
	for p := ad.PhasePrimal; p <= ad.PhaseAdjoint; p++ {
		edgeClasses[1+p] = "edge active " + p.String()
	}
	markFields[severityNone] = [2]string{nbsp, "mark"}
	for _, sev := range []int{severityWarning, severityError} {
		markFields[sev] = [2]string{markGlyph, "mark " + severityNames[sev]}
	}
}

// nodeKind is the index of node k's kind in nodeClasses.
func nodeKind(g *ad.Graph, k int, output bool) uint8 {
	var kind uint8
	if g.Nodes[k].Op != ad.OpInput {
		kind = 1
	}
	if output {
		kind += 2
	}
	return kind
}

// phaseField is the field a phase computes: 0 value, 1 tangent, 2 adjoint.
func phaseField(p ad.Phase) int {
	switch p {
	case ad.PhaseForward:
		return 1
	case ad.PhaseAdjoint:
		return 2
	}
	return 0
}

// writes reports whether a step of phase p writes field f (a forward
// step writes the value and the tangent).
func writes(p ad.Phase, f int) bool {
	if p == ad.PhaseForward {
		return f <= 1
	}
	return f == phaseField(p)
}

// statics are what the pictures of a trace share at every step: ids,
// descriptions, tooltips, edge labels, the text of every number the trace
// computes and the caption's size. A trace is not changed once made, so
// they are computed once per trace and options and kept for the few
// traces drawn last.
type statics struct {
	t          *ad.Trace
	digits     int
	edgeLabels bool

	nodeIDs   []string
	fieldIDs  [][4]string // "a_v-1_value" ... "a_v-1_mark"
	kind      []uint8     // index into nodeClasses
	computes  [3]bool     // which fields the mode computes
	edges     []edge
	edgesInto [][]int32 // node -> the edges into it, in edge order
	edgeTips  []string
	labels    []string // nil without edge labels
	// tips[0][k] is node k's description, tips[1][k] the same with its
	// diagnostics, shown once its value is computed.
	tips     [2][]string
	severity []uint8
	diags    [][]Diagnostic
	// nums holds the texts of the numbers: nums[i] is the quantity step i
	// computes (Step.After), and in forward mode nums[len(Steps)+k] is the
	// value of node k, which a forward step computes with its tangent.
	nums []string

	capOnce sync.Once
	capBox  *captionBox
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
	s := newStatics(t, opt)
	staticCache.Lock()
	staticCache.recent = append([]*statics{s}, staticCache.recent...)
	if len(staticCache.recent) > 4 {
		staticCache.recent = staticCache.recent[:4]
	}
	staticCache.Unlock()
	return s
}

func newStatics(t *ad.Trace, opt Options) *statics {
	g := t.Graph
	n := len(g.Nodes)
	s := &statics{t: t, digits: opt.Digits, edgeLabels: opt.EdgeLabels, edges: edges(g),
		computes: [3]bool{true, t.Mode == ad.Forward, t.Mode == ad.Reverse}}
	outputs := make([]bool, n)
	for _, o := range g.Outputs {
		outputs[o.Node] = true
	}
	s.nodeIDs = make([]string, n)
	s.fieldIDs = make([][4]string, n)
	s.kind = make([]uint8, n)
	s.tips[0] = make([]string, n)
	s.tips[1] = make([]string, n)
	s.severity = make([]uint8, n)
	s.diags = make([][]Diagnostic, n)
	for k := range g.Nodes {
		id := nodeID(g, k)
		s.nodeIDs[k] = id
		for f, name := range [4]string{"value", "tangent", "adjoint", "mark"} {
			s.fieldIDs[k][f] = "a_" + id + fieldSuffix + name
		}
		s.kind[k] = nodeKind(g, k, outputs[k])
		s.tips[0][k] = describe(g, k)
		s.tips[1][k] = s.tips[0][k]
	}
	for _, d := range t.Diagnostics {
		k := d.Node
		s.diags[k] = append(s.diags[k], Diagnostic{d.Kind, d.Severity, d.Msg})
		s.tips[1][k] += "\n" + markGlyph + " " + d.Severity + ": " + d.Msg
		if s.severity[k] != severityError {
			s.severity[k] = severityWarning
			if d.Severity == "error" {
				s.severity[k] = severityError
			}
		}
	}
	s.edgesInto = make([][]int32, n)
	s.edgeTips = make([]string, len(s.edges))
	if opt.EdgeLabels {
		s.labels = make([]string, len(s.edges))
	}
	for i, e := range s.edges {
		s.edgesInto[e.to] = append(s.edgesInto[e.to], int32(i))
		s.edgeTips[i] = t.PartialText(e.to, e.arg, opt.Digits)
		if opt.EdgeLabels {
			s.labels[i] = edgeLabel(g, e, ad.FormatNumber(t.Partials[e.to][e.arg], opt.Digits))
		}
	}
	s.nums = make([]string, len(t.Steps), len(t.Steps)+n)
	for i, st := range t.Steps {
		s.nums[i] = ad.FormatNumber(st.After, opt.Digits)
	}
	if t.Mode == ad.Forward {
		for k := range g.Nodes {
			s.nums = append(s.nums, ad.FormatNumber(t.Value[k], opt.Digits))
		}
	}
	return s
}

// captionBox returns the size of the trace's caption band.
func (s *statics) captionBox() *captionBox {
	s.capOnce.Do(func() { s.capBox = newCaptionBox(s.t, s.digits) })
	return s.capBox
}

// A scene is a trace's picture at one step as the rules of the package
// documentation make it: which numbers are known, which step is current,
// which nodes it reads and which edges it uses. State reads a scene once;
// ComputeFrames moves one through the steps and records what changes.
type scene struct {
	sc    *statics
	steps []ad.Step
	step  int     // 0 ... len(steps)
	cur   ad.Step // the current step, steps[step-1]; Node -1 at step 0
	// num[f][k] is the index in sc.nums of field f of node k, or -1 while
	// it is not computed.
	num    [3][]int32
	source []bool // nodes the current step reads
	active []bool // edges the current step uses
	marked []int32
	lit    []int32
}

// newScene returns the scene of step 0.
func newScene(sc *statics) *scene {
	n := len(sc.nodeIDs)
	s := &scene{sc: sc, steps: sc.t.Steps, cur: ad.Step{Node: -1, From: -1, Arg: -1},
		source: make([]bool, n), active: make([]bool, len(sc.edges))}
	buf := make([]int32, 3*n)
	for i := range buf {
		buf[i] = -1
	}
	for f := range s.num {
		s.num[f] = buf[f*n : (f+1)*n : (f+1)*n]
	}
	return s
}

// sceneAt returns the scene of a step.
func sceneAt(sc *statics, step int) *scene {
	s := newScene(sc)
	if step == 0 {
		return s
	}
	for i := 0; i < step-1; i++ {
		s.write(i)
	}
	s.step = step - 1
	s.advance()
	return s
}

// write records what step i computes.
func (s *scene) write(i int) {
	st := &s.steps[i]
	f := phaseField(st.Phase)
	s.num[f][st.Node] = int32(i)
	if st.Phase == ad.PhaseForward {
		s.num[0][st.Node] = int32(len(s.steps) + st.Node)
	}
}

// advance moves the scene to the next step.
func (s *scene) advance() {
	for _, k := range s.marked {
		s.source[k] = false
	}
	for _, i := range s.lit {
		s.active[i] = false
	}
	s.marked, s.lit = s.marked[:0], s.lit[:0]
	s.write(s.step)
	s.cur = s.steps[s.step]
	s.step++
	// A primal or forward step reads the arguments of its node along the
	// edges into it; an adjoint step pushes the adjoint of its consumer
	// back along one edge. A seed has no edge.
	adjoint := s.cur.Phase == ad.PhaseAdjoint
	consumer := s.cur.Node
	if adjoint {
		consumer = s.cur.From
	}
	if consumer < 0 {
		return
	}
	for _, i := range s.sc.edgesInto[consumer] {
		e := &s.sc.edges[i]
		if adjoint && e.arg != s.cur.Arg {
			continue
		}
		src := e.from
		if adjoint {
			src = e.to
		}
		s.active[i] = true
		s.lit = append(s.lit, i)
		s.source[src] = true
		s.marked = append(s.marked, int32(src))
	}
}

// severity is node k's trouble, shown once its value is computed.
func (s *scene) severity(k int) uint8 {
	if s.num[0][k] < 0 {
		return severityNone
	}
	return s.sc.severity[k]
}

// nodeClass returns node k's class: the current step changes it; the
// others are done or pending by whether the current phase has computed
// them.
func (s *scene) nodeClass(k int) string {
	status := statusPending
	switch {
	case k == s.cur.Node:
		status = statusCurrent
	case s.step > 0 && s.num[phaseField(s.cur.Phase)][k] >= 0:
		status = statusDone
	}
	source := 0
	if s.source[k] {
		source = 1
	}
	return nodeClasses[s.sc.kind[k]][status][source][s.severity(k)]
}

// tooltip returns node k's tooltip.
func (s *scene) tooltip(k int) string {
	if s.num[0][k] < 0 {
		return s.sc.tips[0][k]
	}
	return s.sc.tips[1][k]
}

// field returns the text and class of field f of node k (0 value, 1
// tangent, 2 adjoint, 3 the marker).
func (s *scene) field(k, f int) (text, class string) {
	if f == 3 {
		m := &markFields[s.severity(k)]
		return m[0], m[1]
	}
	changed := 0
	if k == s.cur.Node && writes(s.cur.Phase, f) {
		changed = 1
	}
	switch {
	case !s.sc.computes[f]:
		return emptyGlyph, fieldClasses[f][fieldUnused][changed]
	case s.num[f][k] < 0:
		return emptyGlyph, fieldClasses[f][fieldEmpty][changed]
	}
	return s.sc.nums[s.num[f][k]], fieldClasses[f][fieldKnown][changed]
}

// edgeClass returns edge i's class.
func (s *scene) edgeClass(i int) string {
	if s.active[i] {
		return edgeClasses[1+s.cur.Phase]
	}
	return edgeClasses[0]
}

// diagnostics returns node k's diagnostics once its value is computed.
func (s *scene) diagnostics(k int) []Diagnostic {
	if s.num[0][k] < 0 || len(s.sc.diags[k]) == 0 {
		return []Diagnostic{}
	}
	return append([]Diagnostic(nil), s.sc.diags[k]...)
}

// State returns what the picture of t shows after step steps (0 is before
// anything is computed, len(t.Steps) is the finished trace; values out of
// range are clamped). It costs O(nodes + edges + steps) and shares its
// texts with every state of the trace; ComputeFrames gives every step of
// a trace for little more than one State.
func State(t *ad.Trace, step int, opt Options) *StepState {
	opt = opt.norm()
	step = max(0, min(step, len(t.Steps)))
	sc := staticsOf(t, opt)
	s := sceneAt(sc, step)
	st := &StepState{Mode: t.Mode.String(), Step: step, Steps: len(t.Steps), Active: make([]string, len(s.lit))}
	if step > 0 {
		cur := s.cur
		st.Phase = cur.Phase.String()
		st.Kind = cur.Kind.String()
		st.Node = sc.nodeIDs[cur.Node]
		if cur.From >= 0 {
			st.From = sc.nodeIDs[cur.From]
		}
		st.Text = t.StepText(step-1, opt.Digits)
	}
	st.Caption = captionLines(t, step, opt.Digits)
	for j, i := range s.lit {
		st.Active[j] = sc.edges[i].id
	}
	st.Nodes = make([]NodeState, len(sc.nodeIDs))
	for k := range st.Nodes {
		n := &st.Nodes[k]
		n.ID = sc.nodeIDs[k]
		n.Class = s.nodeClass(k)
		n.Tooltip = s.tooltip(k)
		n.Diagnostics = s.diagnostics(k)
		for f := 0; f < 4; f++ {
			fp := nodeField(n, f)
			fp.ID = sc.fieldIDs[k][f]
			fp.Text, fp.Class = s.field(k, f)
		}
	}
	st.Edges = make([]EdgeState, len(sc.edges))
	for i := range st.Edges {
		es := &st.Edges[i]
		es.ID = sc.edges[i].id
		es.Class = s.edgeClass(i)
		es.Tooltip = sc.edgeTips[i]
		if sc.labels != nil {
			es.Label = sc.labels[i]
		}
	}
	return st
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

// seedText writes the seed: "seed: ẋ1 = 1, ẋ2 = 0" or "seed: ȳ = 1".
func seedText(t *ad.Trace, digits int) string {
	g := t.Graph
	var parts []string
	if t.Mode == ad.Forward {
		for i, in := range g.Inputs {
			parts = append(parts, ad.TangentName(in.Name)+" = "+ad.FormatNumber(t.Seed[i], digits))
		}
	} else {
		for i, o := range g.Outputs {
			parts = append(parts, ad.AdjointName(o.Name)+" = "+ad.FormatNumber(t.Seed[i], digits))
		}
	}
	return "seed: " + strings.Join(parts, ", ")
}

package ad

import (
	"math"
	"strconv"
)

// Num is a float64 that marshals to JSON as a number with every digit
// (the shortest representation that reads back exactly), or, when it is
// not finite, as the string "NaN", "Infinity" or "-Infinity" (which
// JavaScript's Number() reads back).
type Num float64

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) {
	x := float64(n)
	switch {
	case math.IsNaN(x):
		return []byte(`"NaN"`), nil
	case math.IsInf(x, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(x, -1):
		return []byte(`"-Infinity"`), nil
	}
	return strconv.AppendFloat(nil, x, 'g', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *Num) UnmarshalJSON(b []byte) error {
	s := string(b)
	switch s {
	case `"NaN"`:
		*n = Num(math.NaN())
		return nil
	case `"Infinity"`:
		*n = Num(math.Inf(1))
		return nil
	case `"-Infinity"`:
		*n = Num(math.Inf(-1))
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	*n = Num(x)
	return err
}

func nums(xs []float64) []Num {
	if xs == nil {
		return nil
	}
	out := make([]Num, len(xs))
	for i, x := range xs {
		out[i] = Num(x)
	}
	return out
}

func numPtr(x float64, ok bool) *Num {
	if !ok {
		return nil
	}
	n := Num(x)
	return &n
}

// NameNode names an input or an output and gives its node id.
type NameNode struct {
	Name string `json:"name"`
	Node int    `json:"node"`
}

// OperandJSON is an argument of an operation: a node id, or a constant.
type OperandJSON struct {
	Node  *int   `json:"node,omitempty"`
	Const *Num   `json:"const,omitempty"`
	Text  string `json:"text,omitempty"`
}

// EdgeJSON is the local partial of a node with respect to one argument.
type EdgeJSON struct {
	Arg     int    `json:"arg"`     // position in the operation's arguments
	Node    int    `json:"node"`    // id of the argument
	Partial Num    `json:"partial"` // ∂v_i/∂v_j at the point
	Text    string `json:"text"`    // "∂v2/∂v0 = v-1 = 2"
	LaTeX   string `json:"latex"`
}

// DiagnosticJSON is a Diagnostic in JSON.
type DiagnosticJSON struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// NodeJSON is a node of a trace in JSON.
type NodeJSON struct {
	ID          int              `json:"id"`
	Label       string           `json:"label"` // "v-1"
	Op          string           `json:"op"`
	Args        []int            `json:"args"` // ids of the arguments that are nodes
	Operands    []OperandJSON    `json:"operands"`
	Name        string           `json:"name,omitempty"`
	Names       []string         `json:"names,omitempty"`
	Formula     string           `json:"formula"`
	LaTeX       string           `json:"latex"`
	Pos         string           `json:"pos,omitempty"` // "line:col" in the program
	Level       int              `json:"level"`
	Value       *Num             `json:"value"`
	Tangent     *Num             `json:"tangent"` // null when the mode computes no tangents
	Adjoint     *Num             `json:"adjoint"` // null when the mode computes no adjoints
	Edges       []EdgeJSON       `json:"edges"`
	Diagnostics []DiagnosticJSON `json:"diagnostics"`
}

// StepJSON is a step of a trace in JSON.
type StepJSON struct {
	Phase  string `json:"phase"`
	Kind   string `json:"kind"`
	Node   int    `json:"node"`
	From   *int   `json:"from"`
	Before *Num   `json:"before"`
	After  Num    `json:"after"`
	Text   string `json:"text"`
	LaTeX  string `json:"latex"`
}

// TraceJSON is a whole trace in JSON: what `adviz trace --format json`
// prints.
type TraceJSON struct {
	Mode     string     `json:"mode"`
	Inputs   []NameNode `json:"inputs"`
	Outputs  []NameNode `json:"outputs"`
	X        []Num      `json:"x"`
	Seed     []Num      `json:"seed"`
	Nodes    []NodeJSON `json:"nodes"`
	Steps    []StepJSON `json:"steps"`
	Warnings []string   `json:"warnings"`
}

var stepKinds = [...]string{StepInput: "input", StepOp: "op", StepSeed: "seed", StepFirst: "first", StepAccumulate: "accumulate", StepZero: "zero"}

func (k StepKind) String() string {
	if k >= 0 && int(k) < len(stepKinds) {
		return stepKinds[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// JSON returns the trace as a JSON-ready value, with texts written with
// digits significant digits. Numbers keep every digit.
func (t *Trace) JSON(digits int) *TraceJSON {
	g := t.Graph
	out := &TraceJSON{Mode: t.Mode.String(), X: nums(t.X), Seed: nums(t.Seed),
		Inputs: []NameNode{}, Outputs: []NameNode{}, Warnings: []string{}}
	if out.Seed == nil {
		out.Seed = []Num{}
	}
	for _, in := range g.Inputs {
		out.Inputs = append(out.Inputs, NameNode{in.Name, g.Nodes[in.Node].ID})
	}
	for _, o := range g.Outputs {
		out.Outputs = append(out.Outputs, NameNode{o.Name, g.Nodes[o.Node].ID})
	}
	for _, w := range g.Warnings {
		out.Warnings = append(out.Warnings, w.String())
	}
	nd := 0 // the next of t.Diagnostics
	for k := range g.Nodes {
		n := &g.Nodes[k]
		nj := NodeJSON{
			ID: n.ID, Label: n.Label(), Op: n.Op.String(), Args: []int{}, Operands: []OperandJSON{},
			Name: n.Name, Names: n.Names, Formula: g.Formula(k), LaTeX: g.FormulaLaTeX(k),
			Level: n.Level, Value: numPtr(t.Value[k], true),
			Edges: []EdgeJSON{}, Diagnostics: []DiagnosticJSON{},
		}
		if n.Pos.Valid() {
			nj.Pos = n.Pos.String()
		}
		if t.Tangent != nil {
			nj.Tangent = numPtr(t.Tangent[k], true)
		}
		if t.Adjoint != nil {
			nj.Adjoint = numPtr(t.Adjoint[k], true)
		}
		for i, a := range n.Args {
			if a.IsConst() {
				c := Num(a.Value)
				nj.Operands = append(nj.Operands, OperandJSON{Const: &c, Text: a.Text})
				continue
			}
			id := g.Nodes[a.Node].ID
			nj.Args = append(nj.Args, id)
			nj.Operands = append(nj.Operands, OperandJSON{Node: &id})
			nj.Edges = append(nj.Edges, EdgeJSON{Arg: i, Node: id, Partial: Num(t.Partials[k][i]),
				Text: t.PartialText(k, i, digits), LaTeX: t.PartialLaTeX(k, i, digits)})
		}
		// t.Diagnostics are in node order: one pass over them for all nodes.
		for ; nd < len(t.Diagnostics) && t.Diagnostics[nd].Node == k; nd++ {
			d := &t.Diagnostics[nd]
			nj.Diagnostics = append(nj.Diagnostics, DiagnosticJSON{d.Kind, d.Severity, d.Msg})
		}
		out.Nodes = append(out.Nodes, nj)
	}
	out.Steps = []StepJSON{}
	for k, s := range t.Steps {
		sj := StepJSON{Phase: s.Phase.String(), Kind: s.Kind.String(), Node: g.Nodes[s.Node].ID,
			Before: numPtr(s.Before, s.HasBefore), After: Num(s.After),
			Text: t.StepText(k, digits), LaTeX: t.StepLaTeX(k, digits)}
		if s.From >= 0 {
			id := g.Nodes[s.From].ID
			sj.From = &id
		}
		out.Steps = append(out.Steps, sj)
	}
	return out
}

// GradientJSON is the value and gradient of a one-output program: what
// `adviz grad` prints.
type GradientJSON struct {
	Value    Num            `json:"value"`
	Gradient map[string]Num `json:"gradient"`
}

// GradientJSON computes the value and the gradient of output 0 at x by one
// reverse sweep.
func (g *Graph) GradientJSON(x []float64) *GradientJSON {
	ybar := make([]float64, len(g.Outputs))
	ybar[0] = 1
	y, grad := g.Gradient(x, ybar)
	out := &GradientJSON{Value: Num(y[0]), Gradient: map[string]Num{}}
	for i, in := range g.Inputs {
		out.Gradient[in.Name] = Num(grad[i])
	}
	return out
}

// JacobianJSON is a Jacobian in JSON: what `adviz jacobian` prints.
type JacobianJSON struct {
	Mode     string   `json:"mode"`
	Inputs   []string `json:"inputs"`
	Outputs  []string `json:"outputs"`
	Value    []Num    `json:"value"`
	Jacobian [][]Num  `json:"jacobian"` // rows are outputs
	Sweeps   int      `json:"sweeps"`
	Counts   Counts   `json:"operations"`
}

// JSON returns the Jacobian as a JSON-ready value.
func (j *Jacobian) JSON() *JacobianJSON {
	out := &JacobianJSON{Mode: j.Mode.String(), Inputs: j.Inputs, Outputs: j.Outputs, Value: nums(j.Value),
		Jacobian: make([][]Num, len(j.J)), Sweeps: j.Sweeps, Counts: j.Counts}
	for i, r := range j.J {
		out.Jacobian[i] = nums(r)
	}
	if out.Inputs == nil {
		out.Inputs = []string{}
	}
	return out
}

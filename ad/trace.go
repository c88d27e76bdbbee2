package ad

import (
	"fmt"
	"math"
)

// Phase is what a step computes.
type Phase int

// Phases.
const (
	PhasePrimal  Phase = iota // a value (reverse mode's primal sweep, or primal mode)
	PhaseForward              // a value and its tangent (forward mode)
	PhaseAdjoint              // an adjoint or a contribution to one
)

func (p Phase) String() string {
	switch p {
	case PhasePrimal:
		return "primal"
	case PhaseForward:
		return "forward"
	case PhaseAdjoint:
		return "adjoint"
	}
	return fmt.Sprintf("phase(%d)", int(p))
}

// StepKind says which kind of computation a step is.
type StepKind int

// Step kinds.
const (
	StepInput      StepKind = iota // v = x (and v̇ = ẋ)
	StepOp                         // v_i = φ(args) (and its tangent)
	StepSeed                       // v̄ = ȳ at an output
	StepFirst                      // v̄_j = v̄_i·∂v_i/∂v_j, the first contribution
	StepAccumulate                 // v̄_j = v̄_j + v̄_i·∂v_i/∂v_j
	StepZero                       // v̄_j = 0: v_j does not reach an output
)

// Step is one step of a sweep.
type Step struct {
	Phase Phase
	Kind  StepKind
	Node  int // index into Graph.Nodes of the node that changes
	From  int // adjoint contributions: the consumer whose adjoint is pushed back; else -1
	Arg   int // adjoint contributions: which argument of From Node is; else -1
	// Before and After are the quantity the phase computes (value, tangent
	// or adjoint) before and after the step; HasBefore is false when it had
	// no value yet.
	Before    float64
	HasBefore bool
	After     float64
}

// Diagnostic is numeric trouble at a node.
type Diagnostic struct {
	Node     int    // index into Graph.Nodes
	Kind     string // "domain", "nan", "overflow", "derivative", "nondifferentiable", "input"
	Severity string // "error" (the value is wrong or undefined) or "warning"
	Msg      string
}

// Trace is one sweep of a mode at a point, step by step.
type Trace struct {
	Graph *Graph
	Mode  Mode
	X     []float64 // the point, one value per input
	// Seed is ẋ in forward mode (one per input) and ȳ in reverse mode (one
	// per output); nil in primal mode.
	Seed    []float64
	Value   []float64 // the value of every node
	Tangent []float64 // forward mode: the tangent of every node; else nil
	Adjoint []float64 // reverse mode: the adjoint of every node; else nil
	// Partials are the local partials ∂v_i/∂(argument k) of every node at
	// the point, for the arguments that are nodes (0 for constants).
	Partials [][2]float64
	// Reached says, in reverse mode, which nodes reach a seeded output.
	Reached []bool
	// Diagnostics are the numeric trouble of the nodes, in node order.
	Diagnostics []Diagnostic
	Steps       []Step
}

// DefaultSeed returns the default seed of a mode: ẋ = (1, 0, ..., 0) for
// forward mode, ȳ = (1, 0, ..., 0) for reverse mode.
func (g *Graph) DefaultSeed(mode Mode) []float64 {
	var s []float64
	switch mode {
	case Forward:
		s = make([]float64, len(g.Inputs))
	case Reverse:
		s = make([]float64, len(g.Outputs))
	default:
		return nil
	}
	if len(s) > 0 {
		s[0] = 1
	}
	return s
}

// Trace runs one sweep of mode at x with the given seed (nil for the
// default) and records every step. The numbers are exactly those of Eval,
// JVP and Gradient.
func (g *Graph) Trace(x []float64, mode Mode, seed []float64) *Trace {
	g.checkLen("x", x, len(g.Inputs))
	if seed == nil {
		seed = g.DefaultSeed(mode)
	}
	switch mode {
	case Forward:
		g.checkLen("ẋ", seed, len(g.Inputs))
	case Reverse:
		g.checkLen("ȳ", seed, len(g.Outputs))
	}
	t := &Trace{Graph: g, Mode: mode, X: x, Seed: seed}
	N := len(g.Nodes)
	nin := len(g.Inputs)
	t.Value = make([]float64, N)
	t.Partials = make([][2]float64, N)
	if mode == Forward {
		t.Tangent = make([]float64, N)
	}
	phase := PhasePrimal
	if mode == Forward {
		phase = PhaseForward
	}
	for k := 0; k < N; k++ {
		n := &g.Nodes[k]
		if k < nin {
			t.Value[k] = x[k]
			after := x[k]
			if mode == Forward {
				t.Tangent[k] = seed[k]
				after = seed[k]
			}
			t.Steps = append(t.Steps, Step{Phase: phase, Kind: StepInput, Node: k, From: -1, Arg: -1, After: after})
			continue
		}
		r := &Rules[n.Op]
		a, b := t.argValue(n, 0), t.argValue(n, 1)
		v := r.Eval(a, b)
		t.Value[k] = v
		for i, arg := range n.Args {
			if !arg.IsConst() {
				t.Partials[k][i] = r.Partial[i](a, b, v)
			}
		}
		after := v
		if mode == Forward {
			p := t.Partials[k]
			after = tangent(p[0], t.argDual(n, 0).Emag, p[1], t.argDual(n, 1).Emag)
			t.Tangent[k] = after
		}
		t.Steps = append(t.Steps, Step{Phase: phase, Kind: StepOp, Node: k, From: -1, Arg: -1, After: after})
	}
	if mode == Reverse {
		t.reverse()
	}
	t.diagnose()
	return t
}

func (t *Trace) argValue(n *Node, i int) float64 {
	if i >= len(n.Args) {
		return 0
	}
	if a := n.Args[i]; !a.IsConst() {
		return t.Value[a.Node]
	}
	return n.Args[i].Value
}

func (t *Trace) argDual(n *Node, i int) Dual {
	if i >= len(n.Args) {
		return Dual{}
	}
	if a := n.Args[i]; !a.IsConst() {
		return Dual{t.Value[a.Node], t.Tangent[a.Node]}
	}
	return Dual{Real: n.Args[i].Value}
}

// reverse runs the adjoint sweep in Baydin's order: seed the outputs, then
// for each node from the last to the first push its adjoint to its
// arguments in argument order.
func (t *Trace) reverse() {
	g := t.Graph
	N := len(g.Nodes)
	t.Adjoint = make([]float64, N)
	known := make([]bool, N)
	t.Reached = make([]bool, N)
	for _, o := range g.Outputs {
		t.Reached[o.Node] = true
	}
	for k := N - 1; k >= 0; k-- {
		if !t.Reached[k] {
			continue
		}
		for _, a := range g.Nodes[k].Args {
			if !a.IsConst() {
				t.Reached[a.Node] = true
			}
		}
	}
	for k, o := range g.Outputs {
		i := o.Node
		s := Step{Phase: PhaseAdjoint, Kind: StepSeed, Node: i, From: -1, Arg: k,
			Before: t.Adjoint[i], HasBefore: known[i]}
		t.Adjoint[i] += t.Seed[k]
		known[i] = true
		s.After = t.Adjoint[i]
		t.Steps = append(t.Steps, s)
	}
	for k := N - 1; k >= 0; k-- {
		if !t.Reached[k] {
			known[k] = true
			t.Steps = append(t.Steps, Step{Phase: PhaseAdjoint, Kind: StepZero, Node: k, From: -1, Arg: -1})
			continue
		}
		n := &g.Nodes[k]
		if n.Op == OpInput {
			continue
		}
		adj := t.Adjoint[k]
		for ai, a := range n.Args {
			if a.IsConst() {
				continue
			}
			j := a.Node
			s := Step{Phase: PhaseAdjoint, Kind: StepFirst, Node: j, From: k, Arg: ai,
				Before: t.Adjoint[j], HasBefore: known[j]}
			if known[j] {
				s.Kind = StepAccumulate
			}
			if adj != 0 { // a zero adjoint contributes nothing, as in the fast sweep
				t.Adjoint[j] += adj * t.Partials[k][ai]
			}
			known[j] = true
			s.After = t.Adjoint[j]
			t.Steps = append(t.Steps, s)
		}
	}
}

// diagnose finds numeric trouble at the node that causes it.
func (t *Trace) diagnose() {
	g := t.Graph
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	for k := range g.Nodes {
		n := &g.Nodes[k]
		add := func(kind, sev, format string, args ...any) {
			t.Diagnostics = append(t.Diagnostics, Diagnostic{Node: k, Kind: kind, Severity: sev, Msg: fmt.Sprintf(format, args...)})
		}
		if n.Op == OpInput {
			if v := t.Value[k]; !finite(v) {
				add("input", "error", "input %s is %s", n.Name, FormatNumber(v, 4))
			}
			continue
		}
		r := &Rules[n.Op]
		ok := true
		for i := range n.Args {
			if !finite(t.argValue(n, i)) {
				ok = false
			}
		}
		if !ok {
			continue // the trouble comes from an argument
		}
		a, b, v := t.argValue(n, 0), t.argValue(n, 1), t.Value[k]
		bad := false
		if r.Domain != nil {
			if msg := r.Domain(a, b); msg != "" {
				add("domain", "error", "%s", msg)
				bad = true
			}
		}
		if !bad && math.IsNaN(v) {
			add("nan", "error", "the result is NaN")
			bad = true
		}
		if !bad && math.IsInf(v, 0) {
			add("overflow", "error", "the result overflows to %s", FormatNumber(v, 4))
			bad = true
		}
		if r.Kink != nil {
			if msg := r.Kink(a, b); msg != "" {
				add("nondifferentiable", "warning", "%s", msg)
			}
		}
		if bad {
			continue
		}
		for i, arg := range n.Args {
			if arg.IsConst() {
				continue
			}
			if d := t.Partials[k][i]; !finite(d) {
				add("derivative", "warning", "∂%s/∂%s is %s here: the derivative does not exist (%s = %s)",
					n.Label(), g.Nodes[arg.Node].Label(), FormatNumber(d, 4), g.Nodes[arg.Node].Label(), FormatNumber(t.Value[arg.Node], 4))
			}
		}
	}
}

// NodeState is what is known about a node at some step.
type NodeState struct {
	Value, Tangent, Adjoint          float64
	HasValue, HasTangent, HasAdjoint bool
}

// StateAt returns what is known about every node after the first step
// steps (0 is before anything is computed, len(Steps) is the finished
// sweep).
func (t *Trace) StateAt(step int) []NodeState {
	if step < 0 {
		step = 0
	}
	if step > len(t.Steps) {
		step = len(t.Steps)
	}
	st := make([]NodeState, len(t.Graph.Nodes))
	for _, s := range t.Steps[:step] {
		ns := &st[s.Node]
		switch s.Phase {
		case PhasePrimal:
			ns.Value, ns.HasValue = s.After, true
		case PhaseForward:
			ns.Value, ns.HasValue = t.Value[s.Node], true
			ns.Tangent, ns.HasTangent = s.After, true
		case PhaseAdjoint:
			ns.Adjoint, ns.HasAdjoint = s.After, true
		}
	}
	return st
}

// PartialAt returns ∂v_i/∂(argument ai) of node i at the point.
func (t *Trace) PartialAt(i, ai int) float64 { return t.Partials[i][ai] }

// NodeDiagnostics returns the diagnostics of node k.
func (t *Trace) NodeDiagnostics(k int) []Diagnostic {
	var ds []Diagnostic
	for _, d := range t.Diagnostics {
		if d.Node == k {
			ds = append(ds, d)
		}
	}
	return ds
}

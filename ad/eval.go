package ad

import (
	"fmt"
	"slices"
	"sync"
)

// Mode is a way of evaluating the graph.
type Mode int

// Modes.
const (
	Primal  Mode = iota // values only
	Forward             // values and tangents (dual numbers), one input direction per sweep
	Reverse             // values, then adjoints pushed back from the outputs, one output direction per sweep
)

func (m Mode) String() string {
	switch m {
	case Primal:
		return "primal"
	case Forward:
		return "forward"
	case Reverse:
		return "reverse"
	}
	return fmt.Sprintf("mode(%d)", int(m))
}

// ParseMode parses "primal", "forward" or "reverse".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "primal":
		return Primal, nil
	case "forward", "fwd", "tangent":
		return Forward, nil
	case "reverse", "rev", "adjoint", "backward":
		return Reverse, nil
	}
	return 0, fmt.Errorf("unknown mode %q: want forward or reverse", s)
}

// tape is the graph compiled for fast sweeps. Every argument is a slot in
// one value array: slots [0, nodes) are the nodes, then the constants, then
// one slot that is always 0 and stands for the missing second argument of
// a unary operation.
type tape struct {
	work   sync.Pool // *[]float64 of 2·slots: scratch for Value and Gradient
	nin    int
	nodes  int
	slots  int
	consts []float64
	ops    []tapeOp // the operations, for nodes nin, nin+1, ...
	edges  int      // arguments that are nodes, over all operations
}

// tapeOp is one operation. da and db are the partials with respect to its
// arguments; db is nil when the second argument is a constant or missing,
// so its partial is never computed. When konst is set, ca and cb hold the
// partials instead (0 for an argument that is not a node): the tape sets it
// for rules whose partials are the same everywhere (Rule.ConstPartials),
// Jacobian in a copy of the operations with the partials at one point.
type tapeOp struct {
	eval   func(a, b float64) float64
	da, db func(a, b, y float64) float64
	a, b   int32
	konst  bool
	ca, cb float64
}

func newTape(g *Graph) *tape {
	t := &tape{nin: len(g.Inputs), nodes: len(g.Nodes)}
	nconst := 0
	for k := t.nin; k < len(g.Nodes); k++ {
		for _, a := range g.Nodes[k].Args {
			if a.IsConst() {
				nconst++
			} else {
				t.edges++
			}
		}
	}
	t.slots = t.nodes + nconst + 1
	zero := int32(t.slots - 1)
	slot := func(a Arg) int32 {
		if a.IsConst() {
			t.consts = append(t.consts, a.Value)
			return int32(t.nodes + len(t.consts) - 1)
		}
		return int32(a.Node)
	}
	t.ops = make([]tapeOp, 0, len(g.Nodes)-t.nin)
	for k := t.nin; k < len(g.Nodes); k++ {
		n := &g.Nodes[k]
		r := &Rules[n.Op]
		op := tapeOp{eval: r.Eval, a: slot(n.Args[0]), b: zero}
		if !n.Args[0].IsConst() {
			op.da = r.Partial[0]
		}
		if len(n.Args) > 1 {
			op.b = slot(n.Args[1])
			if !n.Args[1].IsConst() {
				op.db = r.Partial[1]
			}
		}
		if r.ConstPartials {
			op.konst = true
			if op.da != nil {
				op.ca = op.da(0, 0, 0)
			}
			if op.db != nil {
				op.cb = op.db(0, 0, 0)
			}
		}
		t.ops = append(t.ops, op)
	}
	return t
}

// primal fills v (len slots) with the values at x.
func (t *tape) primal(v, x []float64) {
	copy(v, x)
	copy(v[t.nodes:], t.consts)
	v[t.slots-1] = 0
	out := v[t.nin:t.nodes]
	for k := range t.ops {
		op := &t.ops[k]
		out[k] = op.eval(v[op.a], v[op.b])
	}
}

// adjoint pushes the adjoints in adj (len slots, seeded at the outputs)
// back to every node, given the values v. A zero adjoint contributes
// nothing, even through an infinite or NaN partial.
func (t *tape) adjoint(v, adj []float64) { t.adjointOps(t.ops, v, adj) }

// adjointOps is adjoint over ops, the tape's operations or copies of them.
func (t *tape) adjointOps(ops []tapeOp, v, adj []float64) {
	for k := len(ops) - 1; k >= 0; k-- {
		op := &ops[k]
		i := t.nin + k
		g := adj[i]
		if g == 0 {
			continue
		}
		if op.konst {
			// ca or cb is 0 for a constant or missing argument, whose slot
			// takes the product and is never read.
			adj[op.a] += g * op.ca
			adj[op.b] += g * op.cb
			continue
		}
		a, b, y := v[op.a], v[op.b], v[i]
		if op.da != nil {
			adj[op.a] += g * op.da(a, b, y)
		}
		if op.db != nil {
			adj[op.b] += g * op.db(a, b, y)
		}
	}
}

func (g *Graph) checkLen(what string, x []float64, n int) {
	if len(x) != n {
		panic(fmt.Sprintf("ad: %s has %d values; the graph needs %d", what, len(x), n))
	}
}

// Eval returns the value of every node at x (one value per input, in input
// order), indexed like Nodes.
func (g *Graph) Eval(x []float64) []float64 {
	g.checkLen("x", x, len(g.Inputs))
	v := make([]float64, g.tape.slots)
	g.tape.primal(v, x)
	return v[:len(g.Nodes):len(g.Nodes)]
}

// scratch returns a zeroed buffer of 2·slots values from the pool; put it
// back with release.
func (t *tape) scratch() *[]float64 {
	if b, ok := t.work.Get().(*[]float64); ok {
		clear(*b)
		return b
	}
	b := make([]float64, 2*t.slots)
	return &b
}

func (t *tape) release(b *[]float64) { t.work.Put(b) }

// Value returns the outputs at x.
func (g *Graph) Value(x []float64) []float64 {
	g.checkLen("x", x, len(g.Inputs))
	t := g.tape
	buf := t.scratch()
	defer t.release(buf)
	v := (*buf)[:t.slots]
	t.primal(v, x)
	y := make([]float64, len(g.Outputs))
	for k, o := range g.Outputs {
		y[k] = v[o.Node]
	}
	return y
}

// Gradient returns the outputs y at x and the vector-Jacobian product
// ȳᵀJ, by one reverse sweep seeded with ybar (one value per output). For a
// single output and ybar = [1] it is the gradient.
func (g *Graph) Gradient(x, ybar []float64) (y, grad []float64) {
	g.checkLen("x", x, len(g.Inputs))
	g.checkLen("ȳ", ybar, len(g.Outputs))
	t := g.tape
	buf := t.scratch()
	defer t.release(buf)
	v, adj := (*buf)[:t.slots], (*buf)[t.slots:]
	t.primal(v, x)
	y = make([]float64, len(g.Outputs))
	for k, o := range g.Outputs {
		y[k] = v[o.Node]
		adj[o.Node] += ybar[k]
	}
	t.adjoint(v, adj)
	grad = make([]float64, t.nin)
	copy(grad, adj)
	return y, grad
}

// JVP returns the outputs y at x and the Jacobian-vector product J·ẋ, by
// one forward sweep of dual numbers seeded with xdot (one value per input).
func (g *Graph) JVP(x, xdot []float64) (y, ydot []float64) {
	g.checkLen("x", x, len(g.Inputs))
	g.checkLen("ẋ", xdot, len(g.Inputs))
	d := make([]Dual, g.tape.slots)
	g.tape.dual(d, x, xdot)
	y = make([]float64, len(g.Outputs))
	ydot = make([]float64, len(g.Outputs))
	for k, o := range g.Outputs {
		y[k], ydot[k] = d[o.Node].Real, d[o.Node].Emag
	}
	return y, ydot
}

// dual fills d (len slots) with the dual numbers v + v̇ε at x + ẋε.
func (t *tape) dual(d []Dual, x, xdot []float64) {
	for i := range x {
		d[i] = Dual{x[i], xdot[i]}
	}
	t.dualOps(d)
}

// dualOps fills d (len slots) with the dual numbers of the operations and
// constants, given those of the inputs in d[:nin].
func (t *tape) dualOps(d []Dual) {
	for k, c := range t.consts {
		d[t.nodes+k] = Dual{Real: c}
	}
	d[t.slots-1] = Dual{}
	out := d[t.nin:t.nodes]
	for k := range t.ops {
		op := &t.ops[k]
		out[k] = applyDual(op.eval, op.da, op.db, d[op.a], d[op.b])
	}
}

// Counts are the elementary operations a computation did: evaluations of
// primitives, evaluations of their local partials (one per operation, all
// arguments at once), and multiply-adds of tangents or adjoints along
// edges between nodes.
type Counts struct {
	Evaluations  int `json:"evaluations"`
	Partials     int `json:"partials"`
	MultiplyAdds int `json:"multiply_adds"`
}

// Jacobian is the matrix ∂y/∂x with one row per output.
type Jacobian struct {
	Mode    Mode
	Inputs  []string
	Outputs []string
	Value   []float64   // the outputs at x
	J       [][]float64 // J[i][j] = ∂y_i/∂x_j
	Sweeps  int         // forward: n (one per input); reverse: m (one per output)
	Counts  Counts
}

// Jacobian computes the full Jacobian at x. Forward mode runs n sweeps of
// dual numbers (each evaluates every operation and its partials); reverse
// mode runs one primal sweep that records the partials, then m adjoint
// sweeps over that record.
func (g *Graph) Jacobian(x []float64, mode Mode) *Jacobian {
	g.checkLen("x", x, len(g.Inputs))
	t := g.tape
	n, m := len(g.Inputs), len(g.Outputs)
	l := len(t.ops)
	jac := &Jacobian{Mode: mode, Value: make([]float64, m), J: make([][]float64, m)}
	for _, in := range g.Inputs {
		jac.Inputs = append(jac.Inputs, in.Name)
	}
	for _, o := range g.Outputs {
		jac.Outputs = append(jac.Outputs, o.Name)
	}
	for i := range jac.J {
		jac.J[i] = make([]float64, n)
	}
	switch mode {
	case Forward:
		d := make([]Dual, t.slots)
		xdot := make([]float64, n)
		if n == 0 {
			v := make([]float64, t.slots)
			t.primal(v, x)
			for i, o := range g.Outputs {
				jac.Value[i] = v[o.Node]
			}
			jac.Counts.Evaluations = l
		}
		for j := 0; j < n; j++ {
			clear(xdot)
			xdot[j] = 1
			t.dual(d, x, xdot)
			for i, o := range g.Outputs {
				jac.Value[i] = d[o.Node].Real
				jac.J[i][j] = d[o.Node].Emag
			}
		}
		jac.Sweeps = n
		if n > 0 {
			jac.Counts = Counts{Evaluations: n * l, Partials: n * l, MultiplyAdds: n * t.edges}
		}
	default:
		v := make([]float64, t.slots)
		t.primal(v, x)
		// The partials at x, once: a copy of the operations whose partials
		// are constants for the m adjoint sweeps.
		ops := slices.Clone(t.ops)
		for k := range ops {
			op := &ops[k]
			if op.konst {
				continue
			}
			a, b, y := v[op.a], v[op.b], v[t.nin+k]
			if op.da != nil {
				op.ca = op.da(a, b, y)
			}
			if op.db != nil {
				op.cb = op.db(a, b, y)
			}
			op.konst = true
		}
		adj := make([]float64, t.slots)
		for i, o := range g.Outputs {
			jac.Value[i] = v[o.Node]
			clear(adj)
			adj[o.Node] = 1
			t.adjointOps(ops, v, adj)
			copy(jac.J[i], adj[:n])
		}
		jac.Sweeps = m
		jac.Counts = Counts{Evaluations: l, Partials: l, MultiplyAdds: m * t.edges}
	}
	return jac
}

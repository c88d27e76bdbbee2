package ad

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Arg is an argument of an operation: another node, or a constant that was
// written in the program (constants are not nodes).
type Arg struct {
	Node  int     // index into Graph.Nodes, or -1 for a constant
	Value float64 // the constant's value when Node < 0
	Text  string  // the constant as plain text when Node < 0 ("2", "pi", "(pi / 2)")
	LaTeX string  // the constant as LaTeX when Node < 0
}

// IsConst reports whether the argument is a constant.
func (a Arg) IsConst() bool { return a.Node < 0 }

// Node is one entry v_i of the evaluation trace.
type Node struct {
	ID    int      // the trace index i of v_i: inputs 1-n ... 0, operations 1 ... l
	Op    Op       // OpInput for inputs
	Args  []Arg    // arguments in order
	Name  string   // the input's name, or the first name assigned to it
	Names []string // every name assigned to it
	// Pos is where the operation is written (its operator or function
	// name); for an input, its first use. It is not Valid for an input the
	// program does not use.
	Pos       Pos
	Level     int   // longest path from the inputs (inputs are level 0)
	Consumers []int // indices of the nodes that use this one, in order
}

// Label returns the node's trace name: "v-1", "v0", "v3".
func (n *Node) Label() string { return "v" + strconv.Itoa(n.ID) }

// Input is an independent variable x_k.
type Input struct {
	Name string
	Node int // index into Graph.Nodes
}

// Output is a dependent variable y_k.
type Output struct {
	Name string
	Node int // index into Graph.Nodes
}

// Warning is a remark about a program that does not stop it.
type Warning struct {
	Pos Pos // not Valid when the warning is about the inputs given
	Msg string
}

func (w Warning) String() string {
	if w.Pos.Valid() {
		return w.Pos.String() + ": " + w.Msg
	}
	return w.Msg
}

// Graph is the computational graph of a program: a DAG whose nodes are the
// inputs and the elementary operations, numbered as in Baydin et al.:
// inputs v(1-n) ... v0 in the order given, then operations v1 ... vl ordered
// by level (longest path from the inputs), ties broken by their position in
// the source. Nodes is in that order, so node index k has ID k+1-n.
type Graph struct {
	Src      string
	Nodes    []Node
	Inputs   []Input
	Outputs  []Output
	Warnings []Warning
	tape     *tape
}

// NumInputs returns n, the number of inputs.
func (g *Graph) NumInputs() int { return len(g.Inputs) }

// Index returns the index in Nodes of the node with trace id, or -1.
func (g *Graph) Index(id int) int {
	k := id + len(g.Inputs) - 1
	if k < 0 || k >= len(g.Nodes) {
		return -1
	}
	return k
}

// Build parses src and builds its graph for the given inputs, in order,
// with the default limits.
func Build(src string, inputs []string) (*Graph, error) {
	return BuildLimits(src, inputs, Limits{})
}

// BuildLimits is Build with limits.
func BuildLimits(src string, inputs []string, lim Limits) (*Graph, error) {
	prog, err := ParseLimits(src, lim)
	if err != nil {
		return nil, err
	}
	return prog.Graph(inputs, lim)
}

// operand is a value during building: a node (temporary index) or a
// constant.
type operand struct {
	node        int // temporary node index, or -1
	val         float64
	text, latex string
	prec        int
}

type tnode struct {
	op    Op
	args  []operand
	off   int // source offset; -1 for an unused input
	seq   int
	names []string
	name  string
}

type builder struct {
	prog     *Program
	src      string
	lim      Limits
	nodes    []tnode
	env      map[string]operand
	assigned map[string]int // name -> offset of its assignment
	inputs   map[string]int // input name -> temporary node index
	reads    map[string]bool
}

// Graph builds the program's graph for the given inputs, in order. Every
// name the program reads without assigning needs an input; an input the
// program does not use stays a node with a warning.
func (prog *Program) Graph(inputs []string, lim Limits) (g *Graph, err error) {
	lim = lim.withDefaults()
	b := &builder{
		prog: prog, src: prog.Src, lim: lim,
		env:      map[string]operand{},
		assigned: map[string]int{},
		inputs:   map[string]int{},
		reads:    map[string]bool{},
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			g, err = nil, e
		}
	}()
	for _, st := range prog.Stmts {
		if st.Name == "" {
			continue
		}
		if off, dup := b.assigned[st.Name]; dup {
			b.fail(st.NamePos, "%s is already assigned at %s", quote(st.Name), position(b.src, off))
		}
		b.assigned[st.Name] = st.NamePos
	}
	if len(inputs) > lim.MaxNodes {
		return nil, &Error{Msg: fmt.Sprintf("too many inputs: %d; the limit is %d nodes", len(inputs), lim.MaxNodes)}
	}
	for _, name := range inputs {
		if err := checkInputName(name); err != nil {
			return nil, err
		}
		if _, dup := b.inputs[name]; dup {
			return nil, &Error{Msg: fmt.Sprintf("input %s is given twice", quote(name))}
		}
		if off, ok := b.assigned[name]; ok {
			b.fail(off, "%s is assigned here, so it cannot also be an input", quote(name))
		}
		b.inputs[name] = len(b.nodes)
		b.nodes = append(b.nodes, tnode{op: OpInput, off: -1, seq: len(b.nodes), name: name})
	}

	var outputs []Output
	var outOps []operand
	var outOffs []int
	var final operand
	reads := make([]map[string]bool, len(prog.Stmts)) // assigned names each statement reads
	for i, st := range prog.Stmts {
		b.reads = map[string]bool{}
		x := b.expr(st.X)
		reads[i] = b.reads
		if st.Name == "" {
			final = x
			continue
		}
		b.env[st.Name] = x
		if x.node >= 0 {
			b.nodes[x.node].names = append(b.nodes[x.node].names, st.Name)
		}
	}
	// An assigned name that no later statement reads is an output, unless
	// the program ends with an expression: then that is the only output.
	var warnings []Warning
	last := prog.Stmts[len(prog.Stmts)-1]
	readLater := map[string]bool{}
	unread := make([]bool, len(prog.Stmts))
	for i := len(prog.Stmts) - 1; i >= 0; i-- {
		if st := prog.Stmts[i]; st.Name != "" && !readLater[st.Name] {
			unread[i] = true
		}
		for n := range reads[i] {
			readLater[n] = true
		}
	}
	if last.Name == "" {
		s, _ := last.X.Span()
		outputs = append(outputs, Output{Name: "y"})
		outOps = append(outOps, final)
		outOffs = append(outOffs, s)
	}
	for i, st := range prog.Stmts {
		if !unread[i] {
			continue
		}
		if last.Name == "" {
			warnings = append(warnings, Warning{Pos: position(b.src, st.NamePos), Msg: fmt.Sprintf("%s is assigned but never used", quote(st.Name))})
			continue
		}
		outputs = append(outputs, Output{Name: st.Name})
		outOps = append(outOps, b.env[st.Name])
		s, _ := st.X.Span()
		outOffs = append(outOffs, s)
	}
	// A constant output becomes a node of its own: y = c.
	for i := range outputs {
		x := outOps[i]
		if x.node < 0 {
			x = b.add(OpConst, outOffs[i], x)
		}
		outputs[i].Node = x.node
	}
	for _, name := range inputs {
		if b.nodes[b.inputs[name]].off < 0 {
			warnings = append(warnings, Warning{Msg: fmt.Sprintf("input %s has a value but the program does not use it; its derivatives are 0", quote(name))})
		}
	}
	return b.finish(outputs, warnings), nil
}

func (b *builder) fail(off int, format string, args ...any) {
	panic(errorAt(b.src, off, format, args...))
}

// checkInputName reports whether name can be an input.
func checkInputName(name string) error {
	s := scanner{src: name}
	it := s.scan()
	switch {
	case it.tok != NAME || it.lit != name:
		return &Error{Msg: fmt.Sprintf("input name %s is not a name (letters, digits and _, starting with a letter)", quote(name))}
	case isFunc(name):
		return &Error{Msg: fmt.Sprintf("input name %s is a function", quote(name))}
	case isConst(name):
		return &Error{Msg: fmt.Sprintf("input name %s is a constant", quote(name))}
	}
	return nil
}

// add appends an operation node.
func (b *builder) add(op Op, off int, args ...operand) operand {
	if len(b.nodes) >= b.lim.MaxNodes {
		b.fail(off, "program is too large: more than %d nodes", b.lim.MaxNodes)
	}
	b.nodes = append(b.nodes, tnode{op: op, args: args, off: off, seq: len(b.nodes)})
	return operand{node: len(b.nodes) - 1, prec: precAtom}
}

var binaryOps = map[Token]Op{ADD: OpAdd, SUB: OpSub, MUL: OpMul, QUO: OpDiv, POW: OpPow,
	LSS: OpLt, LEQ: OpLe, GTR: OpGt, GEQ: OpGe, EQL: OpEq, NEQ: OpNe}

// expr builds the nodes of x and returns its operand. Subexpressions of
// constants only are folded into one constant.
func (b *builder) expr(x Expr) operand {
	switch x := x.(type) {
	case *Number:
		return operand{node: -1, val: x.Value, text: b.src[x.Start:x.End], latex: numberLaTeX(b.src[x.Start:x.End]), prec: precAtom}
	case *Paren:
		return b.expr(x.X)
	case *Ident:
		return b.ident(x)
	case *Unary:
		return b.apply(OpNeg, x.Start, b.expr(x.X))
	case *Binary:
		return b.apply(binaryOps[x.Op], x.OpPos, b.expr(x.X), b.expr(x.Y))
	case *Call:
		args := make([]operand, len(x.Args))
		for i, a := range x.Args {
			args[i] = b.expr(a)
		}
		return b.apply(x.Op, x.Start, args...)
	}
	panic(fmt.Sprintf("ad: unknown expression %T", x))
}

func (b *builder) ident(x *Ident) operand {
	name := x.Name
	if v, ok := b.env[name]; ok {
		b.reads[name] = true
		if v.node < 0 {
			// A named constant is written by its name: x × c.
			v.text, v.latex, v.prec = name, NameLaTeX(name, ""), precAtom
		}
		return v
	}
	if v, ok := constants[name]; ok {
		latex := name
		if name == "pi" {
			latex = `\pi`
		}
		return operand{node: -1, val: v, text: name, latex: latex, prec: precAtom}
	}
	if off, ok := b.assigned[name]; ok {
		b.fail(x.Start, "%s is used before it is assigned at %s", quote(name), position(b.src, off))
	}
	k, ok := b.inputs[name]
	if !ok {
		b.fail(x.Start, "%s has no value: give it one as an input", quote(name))
	}
	if b.nodes[k].off < 0 {
		b.nodes[k].off = x.Start
	}
	return operand{node: k, prec: precAtom}
}

// apply makes the node op(args), or folds it when every argument is a
// constant.
func (b *builder) apply(op Op, off int, args ...operand) operand {
	r := &Rules[op]
	for _, a := range args {
		if a.node >= 0 {
			return b.add(op, off, args...)
		}
	}
	x, y := args[0].val, 0.0
	if len(args) > 1 {
		y = args[1].val
	}
	v := r.Eval(x, y)
	if r.Domain != nil {
		if msg := r.Domain(x, y); msg != "" {
			b.fail(off, "%s", msg)
		}
	}
	if v != v || v > maxFloat || v < -maxFloat {
		b.fail(off, "this constant evaluates to %s", FormatNumber(v, 4))
	}
	texts := make([]string, len(args))
	latexs := make([]string, len(args))
	for i, a := range args {
		texts[i], latexs[i] = a.text, a.latex
		if a.prec <= r.prec && r.prec != precAtom && !(r.prec == precPow && i == 1) {
			texts[i] = "(" + a.text + ")"
			latexs[i] = `\left(` + a.latex + `\right)`
		}
	}
	return operand{node: -1, val: v, text: fill(r.Text, texts, ""), latex: fill(r.LaTeX, latexs, ""), prec: r.prec}
}

const maxFloat = 1.7976931348623157e308

// numberLaTeX writes a numeric literal in LaTeX: 1e-3 as 1 \times 10^{-3}.
func numberLaTeX(lit string) string {
	i := strings.IndexAny(lit, "eE")
	if i < 0 {
		return lit
	}
	exp := strings.TrimPrefix(lit[i+1:], "+")
	return lit[:i] + ` \times 10^{` + exp + `}`
}

// finish numbers the nodes by level and source position and builds the
// graph.
func (b *builder) finish(outputs []Output, warnings []Warning) *Graph {
	level := make([]int, len(b.nodes))
	for i, n := range b.nodes {
		if n.op == OpInput {
			continue
		}
		l := 0
		for _, a := range n.args {
			if a.node >= 0 && level[a.node] > l {
				l = level[a.node]
			}
		}
		level[i] = l + 1 // arguments always come before their consumers
	}
	nin := len(b.inputs)
	order := make([]int, len(b.nodes))
	for i := range order {
		order[i] = i
	}
	ops := order[nin:]
	sort.SliceStable(ops, func(i, j int) bool {
		a, c := &b.nodes[ops[i]], &b.nodes[ops[j]]
		if level[ops[i]] != level[ops[j]] {
			return level[ops[i]] < level[ops[j]]
		}
		if a.off != c.off {
			return a.off < c.off
		}
		return a.seq < c.seq
	})
	final := make([]int, len(b.nodes)) // temporary index -> final index
	for k, t := range order {
		final[t] = k
	}
	g := &Graph{Src: b.src, Nodes: make([]Node, len(b.nodes)), Warnings: warnings}
	pos := newPositions(b.src)
	for k, t := range order {
		tn := &b.nodes[t]
		n := &g.Nodes[k]
		n.ID = k - nin + 1
		n.Op = tn.op
		n.Level = level[t]
		n.Names = tn.names
		n.Name = tn.name
		if n.Name == "" && len(tn.names) > 0 {
			n.Name = tn.names[0]
		}
		if tn.off >= 0 {
			n.Pos = pos.at(tn.off)
		}
		n.Args = make([]Arg, len(tn.args))
		for i, a := range tn.args {
			if a.node >= 0 {
				n.Args[i] = Arg{Node: final[a.node]}
				g.Nodes[final[a.node]].Consumers = append(g.Nodes[final[a.node]].Consumers, k)
			} else {
				text, latex := a.text, a.latex
				if a.prec < precAtom {
					text, latex = "("+text+")", `\left(`+latex+`\right)`
				}
				n.Args[i] = Arg{Node: -1, Value: a.val, Text: text, LaTeX: latex}
			}
		}
	}
	// A node used twice by one consumer (x*x) lists it once.
	for k := range g.Nodes {
		c := g.Nodes[k].Consumers
		sort.Ints(c)
		g.Nodes[k].Consumers = slices.Compact(c)
	}
	for k := 0; k < nin; k++ {
		g.Inputs = append(g.Inputs, Input{Name: g.Nodes[k].Name, Node: k})
	}
	for _, o := range outputs {
		o.Node = final[o.Node]
		g.Outputs = append(g.Outputs, o)
	}
	g.tape = newTape(g)
	return g
}

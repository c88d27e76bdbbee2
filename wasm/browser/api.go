package main

// The API of the browser module, in plain Go: every function takes a
// request and returns a result or an error. main_js.go only moves values
// between JavaScript and these functions (requests read from JavaScript
// objects, results written as JSON by encode.go), so everything here is
// tested natively (api_test.go). The json tags name the fields as
// JavaScript sees them.

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/adviz/adviz/ad"
)

// Error is what every failing call returns: a message and, for an error in
// the program text, where it is (1-based line and column in characters).
type Error struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	// Input names the input whose value is wrong, when it is one.
	Input string `json:"input,omitempty"`
	// Seed names a seed entry that is not an input (forward) or output
	// (reverse) of the program: one left from an earlier program.
	Seed string `json:"seed,omitempty"`
	// Caret is the source line and a caret under the column.
	Caret string `json:"caret,omitempty"`
}

func (e *Error) Error() string { return e.Message }

// toError turns any error into an *Error, keeping the position of an
// *ad.Error.
func toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var ae *ad.Error
	if errors.As(err, &ae) {
		out := &Error{Message: ae.Msg}
		if ae.Pos.Valid() {
			out.Line, out.Col, out.Caret = ae.Pos.Line, ae.Pos.Col, ae.Caret()
		}
		return out
	}
	return &Error{Message: err.Error()}
}

func errorf(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// DefaultDigits is the number of significant digits of texts unless a
// request asks for another.
const DefaultDigits = 4

// limits bound what one page may ask for.
var limits = ad.Limits{MaxSource: 64 << 10, MaxNodes: 20000, MaxDepth: 500}

// InputsResult lists the names a program reads without assigning them.
type InputsResult struct {
	Names []string `json:"names"`
}

// Inputs parses a program and returns the inputs it needs, in order of
// first use.
func Inputs(src string) (*InputsResult, error) {
	prog, err := ad.ParseLimits(src, limits)
	if err != nil {
		return nil, toError(err)
	}
	names := prog.Names()
	if names == nil {
		names = []string{}
	}
	return &InputsResult{Names: names}, nil
}

// BuildRequest is the argument of Build.
type BuildRequest struct {
	Program string `json:"program"`
	// Values gives every input a value: a number (written exactly, as
	// strconv.FormatFloat(x, 'g', -1, 64) does, or "NaN", "Infinity",
	// "-Infinity"), or a constant expression ("pi/4", "1e-3").
	Values map[string]string `json:"values"`
	// Inputs orders the inputs (v(1-n) ... v0); default: the order of
	// first use in the program.
	Inputs []string `json:"inputs,omitempty"`
	Mode   string   `json:"mode"` // "forward" (default), "reverse" or "primal"
	// Seed is ẋ in forward mode (by input name) and ȳ in reverse mode (by
	// output name), values as in Values; missing entries are 0. Absent:
	// the first unit vector.
	Seed   map[string]string `json:"seed,omitempty"`
	Digits int               `json:"digits,omitempty"`
}

// Session is a built program: its graph and one sweep of a mode at a point.
type Session struct {
	Graph  *ad.Graph
	Trace  *ad.Trace
	Digits int // significant digits of its texts
	handle int // its name for JavaScript
}

var (
	mu       sync.Mutex
	sessions = map[int]*Session{}
	order    []int // handles, oldest first
	next     = 1
)

// maxSessions bounds the sessions kept: the oldest is freed first.
const maxSessions = 32

func register(s *Session) int {
	mu.Lock()
	defer mu.Unlock()
	s.handle = next
	next++
	sessions[s.handle] = s
	order = append(order, s.handle)
	for len(order) > maxSessions {
		delete(sessions, order[0])
		order = order[1:]
	}
	return s.handle
}

func lookup(h int) (*Session, error) {
	mu.Lock()
	defer mu.Unlock()
	s, ok := sessions[h]
	if !ok {
		return nil, errorf("no program with handle %d (it was freed, or never built)", h)
	}
	return s, nil
}

// Free forgets a session. Freeing an unknown handle does nothing.
func Free(h int) {
	mu.Lock()
	defer mu.Unlock()
	delete(sessions, h)
	for i, x := range order {
		if x == h {
			order = append(order[:i], order[i+1:]...)
			break
		}
	}
}

// number reads a value: a number ("2", "1e-3", "NaN", "Infinity",
// "-Infinity") or a constant expression such as "pi/4".
func number(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("it is empty")
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x, nil
	}
	g, err := ad.BuildLimits(s, nil, ad.Limits{MaxSource: 200, MaxNodes: 100, MaxDepth: 50})
	if err != nil {
		var ae *ad.Error
		if errors.As(err, &ae) && strings.Contains(ae.Msg, "has no value") {
			return 0, fmt.Errorf("%q is not a constant (use numbers, pi and e)", s)
		}
		return 0, fmt.Errorf("%q: %v", s, err)
	}
	if len(g.Outputs) != 1 {
		return 0, fmt.Errorf("%q is not one number", s)
	}
	return g.Value(nil)[0], nil
}

// Build builds a program's graph and one sweep of a mode at a point.
func Build(req *BuildRequest) (*BuildResult, error) {
	prog, err := ad.ParseLimits(req.Program, limits)
	if err != nil {
		return nil, toError(err)
	}
	inputs := req.Inputs
	if inputs == nil {
		inputs = prog.Names()
	}
	x := make([]float64, len(inputs))
	for i, name := range inputs {
		raw, ok := req.Values[name]
		if !ok {
			return nil, &Error{Message: fmt.Sprintf("input %s has no value", name), Input: name}
		}
		v, err := number(raw)
		if err != nil {
			return nil, &Error{Message: fmt.Sprintf("input %s: %v", name, err), Input: name}
		}
		x[i] = v
	}
	g, err := prog.Graph(inputs, limits)
	if err != nil {
		return nil, toError(err)
	}
	mode := ad.Forward
	if req.Mode != "" {
		if mode, err = ad.ParseMode(req.Mode); err != nil {
			return nil, toError(err)
		}
	}
	seed, err := seedVector(g, mode, req.Seed)
	if err != nil {
		return nil, err
	}
	digits := req.Digits
	if digits <= 0 || digits > 17 {
		digits = DefaultDigits
	}
	s := &Session{Graph: g, Trace: g.Trace(x, mode, seed), Digits: digits}
	register(s)
	return s.result(), nil
}

// seedVector reads a seed given by name: inputs in forward mode, outputs in
// reverse mode.
func seedVector(g *ad.Graph, mode ad.Mode, seed map[string]string) ([]float64, error) {
	if seed == nil || mode == ad.Primal {
		return nil, nil
	}
	var names []string
	what := "input"
	if mode == ad.Forward {
		for _, in := range g.Inputs {
			names = append(names, in.Name)
		}
	} else {
		what = "output"
		for _, o := range g.Outputs {
			names = append(names, o.Name)
		}
	}
	v := make([]float64, len(names))
	known := map[string]bool{}
	for i, name := range names {
		known[name] = true
		raw, ok := seed[name]
		if !ok {
			continue
		}
		x, err := number(raw)
		if err != nil {
			return nil, &Error{Message: fmt.Sprintf("seed of %s: %v", name, err), Input: name}
		}
		v[i] = x
	}
	for name := range seed {
		if !known[name] {
			return nil, &Error{Message: fmt.Sprintf("the seed names %s, which is not an %s of the program", name, what), Seed: name}
		}
	}
	return v, nil
}

// BuildResult is the whole sweep, ready for a page: ad's trace JSON plus
// the number texts of every step and Baydin's table as cells.
type BuildResult struct {
	Handle int `json:"handle"`
	*ad.TraceJSON
	Digits int `json:"digits"`
	// StepInfo gives, per step, the quantity it computes before and after
	// as text, and which argument an adjoint contribution goes to.
	StepInfo []StepInfo `json:"stepInfo"`
	// NodeTexts are, per node, the final value, tangent and adjoint as text
	// ("" when the mode does not compute it).
	NodeTexts []NodeText `json:"nodeTexts"`
	Table     Table      `json:"table"`
}

// StepInfo is what a page needs about a step besides ad's StepJSON.
type StepInfo struct {
	// Before and After are the quantity the step computes, written with
	// Digits significant digits; Before is "" when it had no value yet.
	Before string `json:"before"`
	After  string `json:"after"`
	// Field is which field of the node changes: "value", "tangent" or
	// "adjoint".
	Field string `json:"field"`
	// Arg is, for an adjoint contribution, the position of the node among
	// the arguments of the consumer (StepJSON.From), which EdgeJSON.Arg
	// matches; for a seed, the index of the output; else -1.
	Arg int `json:"arg"`
}

// NodeText is a node's numbers as text.
type NodeText struct {
	Value   string `json:"value"`
	Tangent string `json:"tangent"`
	Adjoint string `json:"adjoint"`
}

// Table is Baydin's two-column table: a header and rows of cells; each
// cell names the step it shows (-1 for the closing rows y = ..., x̄ = ...).
type Table struct {
	Head []string `json:"head"`
	Rows [][]Cell `json:"rows"`
}

// Cell is one entry of Table.
type Cell struct {
	Text  string `json:"text"`
	LaTeX string `json:"latex"`
	Step  int    `json:"step"` // 1-based: the step after which the cell is true; 0: none
}

func (s *Session) result() *BuildResult {
	t, g := s.Trace, s.Graph
	r := &BuildResult{Handle: s.handle, TraceJSON: t.JSON(s.Digits), Digits: s.Digits}
	f := func(x float64) string { return ad.FormatNumber(x, s.Digits) }
	for _, st := range t.Steps {
		info := StepInfo{After: f(st.After), Field: fieldOf(st.Phase), Arg: -1}
		if st.HasBefore {
			info.Before = f(st.Before)
		}
		if st.From >= 0 || st.Kind == ad.StepSeed {
			info.Arg = st.Arg
		}
		r.StepInfo = append(r.StepInfo, info)
	}
	if r.StepInfo == nil {
		r.StepInfo = []StepInfo{}
	}
	for k := range g.Nodes {
		nt := NodeText{Value: f(t.Value[k])}
		if t.Tangent != nil {
			nt.Tangent = f(t.Tangent[k])
		}
		if t.Adjoint != nil {
			nt.Adjoint = f(t.Adjoint[k])
		}
		r.NodeTexts = append(r.NodeTexts, nt)
	}
	r.Table = s.table()
	return r
}

func fieldOf(p ad.Phase) string {
	switch p {
	case ad.PhaseForward:
		return "tangent"
	case ad.PhaseAdjoint:
		return "adjoint"
	}
	return "value"
}

// table lays out Baydin's columns (ad's Trace.Cells), with 1-based steps.
func (s *Session) table() Table {
	head, rows := s.Trace.Cells(s.Digits)
	tab := Table{Head: head, Rows: make([][]Cell, len(rows))}
	for i, row := range rows {
		for _, c := range row {
			tab.Rows[i] = append(tab.Rows[i], Cell{Text: c.Text, LaTeX: c.LaTeX, Step: c.Step + 1})
		}
	}
	return tab
}

// TableText returns the trace table as "markdown", "latex", "html" or
// "table" (plain text).
func TableText(h int, format string) (string, error) {
	s, err := lookup(h)
	if err != nil {
		return "", err
	}
	out, err := s.Trace.Table(format, s.Digits)
	if err != nil {
		return "", toError(err)
	}
	return out, nil
}

// JacobianMode is the full Jacobian by one mode with its cost.
type JacobianMode struct {
	J      [][]ad.Num `json:"J"`
	Sweeps int        `json:"sweeps"`
	Counts ad.Counts  `json:"counts"`
}

// JacobianResult compares the two modes on the full Jacobian.
type JacobianResult struct {
	Inputs  []string     `json:"inputs"`
	Outputs []string     `json:"outputs"`
	Value   []ad.Num     `json:"value"`
	Forward JacobianMode `json:"forward"`
	Reverse JacobianMode `json:"reverse"`
	// Ops is l, the number of elementary operations; Edges the number of
	// arguments that are nodes (one multiply-add per sweep each).
	Ops   int `json:"ops"`
	Edges int `json:"edges"`
}

// Jacobian computes the full Jacobian at the session's point by both
// modes.
func Jacobian(h int) (*JacobianResult, error) {
	s, err := lookup(h)
	if err != nil {
		return nil, err
	}
	g, x := s.Graph, s.Trace.X
	fw, rv := g.Jacobian(x, ad.Forward), g.Jacobian(x, ad.Reverse)
	r := &JacobianResult{Inputs: nonNil(fw.Inputs), Outputs: nonNil(fw.Outputs), Value: nums(rv.Value),
		Forward: JacobianMode{J: matrix(fw.J), Sweeps: fw.Sweeps, Counts: fw.Counts},
		Reverse: JacobianMode{J: matrix(rv.J), Sweeps: rv.Sweeps, Counts: rv.Counts}}
	for _, n := range g.Nodes {
		if n.Op != ad.OpInput {
			r.Ops++
		}
		for _, a := range n.Args {
			if !a.IsConst() {
				r.Edges++
			}
		}
	}
	return r, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nums(xs []float64) []ad.Num {
	out := make([]ad.Num, len(xs))
	for i, x := range xs {
		out[i] = ad.Num(x)
	}
	return out
}

func matrix(m [][]float64) [][]ad.Num {
	out := make([][]ad.Num, len(m))
	for i, r := range m {
		out[i] = nums(r)
	}
	return out
}

// FDRequest asks for a finite-difference check of one output.
type FDRequest struct {
	Output int       `json:"output"`
	H      float64   `json:"h"`  // the step of the check; default 1e-5
	Hs     []float64 `json:"hs"` // more steps, for a plot of the error against h
}

// FDPoint is the check at one h.
type FDPoint struct {
	H      ad.Num   `json:"h"`
	FD     []ad.Num `json:"fd"`
	AbsErr []ad.Num `json:"absErr"`
	RelErr []ad.Num `json:"relErr"`
	MaxAbs ad.Num   `json:"maxAbs"`
	MaxRel ad.Num   `json:"maxRel"`
}

// FDResult compares reverse-mode AD with central differences.
type FDResult struct {
	Output string    `json:"output"`
	Inputs []string  `json:"inputs"`
	AD     []ad.Num  `json:"ad"`
	At     FDPoint   `json:"at"`
	Sweep  []FDPoint `json:"sweep"`
}

// FiniteDiff checks the gradient of one output with central differences at
// h, and at every step of Hs.
func FiniteDiff(h int, req *FDRequest) (*FDResult, error) {
	s, err := lookup(h)
	if err != nil {
		return nil, err
	}
	g := s.Graph
	if req.Output < 0 || req.Output >= len(g.Outputs) {
		return nil, errorf("output %d does not exist: the program has %d", req.Output, len(g.Outputs))
	}
	if req.H == 0 {
		req.H = 1e-5
	}
	if len(req.Hs) > 200 {
		return nil, errorf("too many steps: %d; the limit is 200", len(req.Hs))
	}
	point := func(step float64) (FDPoint, *ad.FDCheck, error) {
		if !(step > 0) || math.IsInf(step, 0) {
			return FDPoint{}, nil, errorf("h must be a positive number, not %s", ad.FormatNumber(step, 4))
		}
		c := g.FiniteDiff(s.Trace.X, req.Output, step)
		return FDPoint{H: ad.Num(step), FD: nums(c.FD), AbsErr: nums(c.AbsErr), RelErr: nums(c.RelErr),
			MaxAbs: ad.Num(c.MaxAbs), MaxRel: ad.Num(c.MaxRel)}, c, nil
	}
	at, c, err := point(req.H)
	if err != nil {
		return nil, err
	}
	r := &FDResult{Output: g.Outputs[req.Output].Name, Inputs: []string{}, AD: nums(c.AD), At: at, Sweep: []FDPoint{}}
	for _, in := range g.Inputs {
		r.Inputs = append(r.Inputs, in.Name)
	}
	for _, step := range req.Hs {
		p, _, err := point(step)
		if err != nil {
			return nil, err
		}
		r.Sweep = append(r.Sweep, p)
	}
	return r, nil
}

// Version is the version of the API: it changes when a function changes in
// a way that breaks its callers.
const Version = "1"

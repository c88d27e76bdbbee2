package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/adviz/adviz/ad"
)

// Layout is the graph of one program laid out once by Graphviz. Every step
// of every mode, at any point, re-uses it: a step changes texts and
// classes, never positions or sizes. A Layout is safe for concurrent use.
//
// It draws a step in two ways. StepSVG fills the laid-out SVG with the
// step's state (string edits, no Graphviz call; the default, measured
// 100-1000x faster than a new Graphviz render per step and 100x faster
// than nop2, see scripts/bench-graphviz.sh). RenderStep writes the step's
// DOT with the layout's positions and lets Graphviz draw it with the nop2
// engine, for Graphviz's other formats. StepPNG rasterizes StepSVG.
type Layout struct {
	g   *ad.Graph
	opt Options // normalised
	dot string  // LayoutDOT(g, opt)
	svg string  // Graphviz's SVG of dot
	tpl *template

	r       Renderer // for positions computed later
	posOnce sync.Once
	pos     *positions
	posErr  error
}

// NewLayout lays out the graph g with r (Graphviz's dot engine).
func NewLayout(ctx context.Context, r Renderer, g *ad.Graph, opt Options) (*Layout, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.norm()
	dot := LayoutDOT(g, opt)
	formats := []Format{FormatSVG}
	if _, ok := r.(multiRenderer); ok {
		formats = append(formats, FormatJSON0) // same layout, nearly free
	}
	out, err := renderFormats(ctx, r, dot, EngineDot, formats...)
	if err != nil {
		return nil, err
	}
	l, err := newLayout(g, opt, dot, out[0])
	if err != nil {
		return nil, err
	}
	l.r = r
	if len(out) > 1 {
		l.posOnce.Do(func() { l.pos, l.posErr = parsePositions(out[1]) })
	}
	return l, nil
}

// LayoutFromSVG makes a Layout from an SVG that Graphviz rendered of
// LayoutDOT(g, opt) elsewhere (for example in the browser). Its RenderStep
// needs a renderer: see WithRenderer.
func LayoutFromSVG(g *ad.Graph, opt Options, svg []byte) (*Layout, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.norm()
	return newLayout(g, opt, LayoutDOT(g, opt), svg)
}

func newLayout(g *ad.Graph, opt Options, dot string, svg []byte) (*Layout, error) {
	tpl, err := parseTemplate(string(svg), g, opt)
	if err != nil {
		return nil, err
	}
	return &Layout{g: g, opt: opt, dot: dot, svg: string(svg), tpl: tpl}, nil
}

// WithRenderer returns a copy of the layout that uses r to compute
// positions for RenderStep.
func (l *Layout) WithRenderer(r Renderer) *Layout {
	return &Layout{g: l.g, opt: l.opt, dot: l.dot, svg: l.svg, tpl: l.tpl, r: r}
}

// Graph returns the laid-out graph.
func (l *Layout) Graph() *ad.Graph { return l.g }

// Options returns the layout's options, normalised.
func (l *Layout) Options() Options { return l.opt }

// DOT returns the DOT that was laid out, LayoutDOT.
func (l *Layout) DOT() string { return l.dot }

// RawSVG returns Graphviz's SVG of the layout as it came.
func (l *Layout) RawSVG() []byte { return []byte(l.svg) }

// SVG returns the laid-out SVG for a page to animate: placeholders in the
// fields, every node "pending", the stylesheet inside and class
// "adviz adviz-THEME" on the root element. Apply StepState values to its
// DOM as the package documentation describes.
func (l *Layout) SVG() []byte {
	var b bytes.Buffer
	l.tpl.fill(&b, l.blank(), l.decoration(nil, nil))
	return b.Bytes()
}

// blank is the state of the layout: nothing computed, no mode.
func (l *Layout) blank() *StepState {
	g := l.g
	st := &StepState{Nodes: make([]NodeState, len(g.Nodes))}
	for k := range g.Nodes {
		n := &st.Nodes[k]
		n.ID = nodeID(g, k)
		n.Class = nodeClasses[nodeKind(g, k, len(outputNames(g, k)) > 0)][statusPending][0][severityNone]
		n.Tooltip = describe(g, k)
		for f, fp := range []*Field{&n.Value, &n.Tangent, &n.Adjoint} {
			*fp = Field{ID: "a_" + fieldID(g, k, fieldNames[f]), Text: emptyGlyph, Class: fieldClasses[f][fieldEmpty][0]}
		}
		mark := markFields[severityNone]
		n.Mark = Field{ID: "a_" + fieldID(g, k, "mark"), Text: mark[0], Class: mark[1]}
	}
	for _, e := range edges(g) {
		es := EdgeState{ID: e.id, Class: edgeClasses[0], Tooltip: "∂" + nodeID(g, e.to) + "/∂" + nodeID(g, e.from)}
		if l.opt.EdgeLabels {
			es.Label = edgeLabel(g, e, "·")
		}
		st.Edges = append(st.Edges, es)
	}
	return st
}

// check reports whether t is a trace of the laid-out graph (the same
// *ad.Graph, or one with the same nodes and arguments).
func (l *Layout) check(t *ad.Trace) error {
	if t.Graph == l.g {
		return nil
	}
	a, b := l.g, t.Graph
	if len(a.Nodes) != len(b.Nodes) || len(a.Inputs) != len(b.Inputs) || len(a.Outputs) != len(b.Outputs) {
		return errors.New("graphviz: the trace is not of the laid-out graph")
	}
	for k := range a.Nodes {
		na, nb := &a.Nodes[k], &b.Nodes[k]
		if na.Op != nb.Op || len(na.Args) != len(nb.Args) || a.Formula(k) != b.Formula(k) {
			return errors.New("graphviz: the trace is not of the laid-out graph")
		}
		for i := range na.Args {
			if na.Args[i].Node != nb.Args[i].Node {
				return errors.New("graphviz: the trace is not of the laid-out graph")
			}
		}
	}
	for i := range a.Outputs {
		if a.Outputs[i] != b.Outputs[i] {
			return errors.New("graphviz: the trace is not of the laid-out graph")
		}
	}
	return nil
}

// State returns the state of t after step steps with the layout's
// options.
func (l *Layout) State(t *ad.Trace, step int) *StepState { return State(t, step, l.opt) }

// StepSVG returns the SVG of t after step steps: the laid-out SVG with the
// step's texts and classes, the stylesheet, and the caption when the
// options ask for one. No Graphviz call.
func (l *Layout) StepSVG(t *ad.Trace, step int) ([]byte, error) {
	if err := l.check(t); err != nil {
		return nil, err
	}
	st := State(t, step, l.opt)
	var cap *captionBox
	if l.opt.Caption {
		cap = staticsOf(t, l.opt).captionBox()
	}
	var b bytes.Buffer
	b.Grow(len(l.svg) + len(l.svg)/4)
	l.tpl.fill(&b, st, l.decoration(cap, func(b *bytes.Buffer) { cap.write(b, st.Caption, "") }))
	return b.Bytes(), nil
}

// ApplyState fills a laid-out SVG (Graphviz's SVG of LayoutDOT(g, opt))
// with a state: the same string edits as Layout.StepSVG, for an SVG made
// elsewhere. The state must be of a trace of g.
func ApplyState(svg []byte, g *ad.Graph, st *StepState, opt Options) ([]byte, error) {
	tpl, err := parseTemplate(string(svg), g, opt)
	if err != nil {
		return nil, err
	}
	if len(st.Nodes) != len(g.Nodes) || len(st.Edges) != len(edges(g)) {
		return nil, errors.New("graphviz: the state is not of this graph")
	}
	l := &Layout{g: g, opt: opt.norm(), tpl: tpl}
	var b bytes.Buffer
	tpl.fill(&b, st, l.decoration(nil, nil))
	return b.Bytes(), nil
}

// decoration returns what a fill adds: the root class, the stylesheet and
// a caption band (cap nil for none). caption writes the caption's content.
func (l *Layout) decoration(cap *captionBox, caption func(b *bytes.Buffer)) decoration {
	d := decoration{class: "adviz adviz-" + l.opt.Theme}
	css := StyleSheet(l.opt.Theme)
	d.content = func(b *bytes.Buffer) {
		b.WriteString("\n<style>")
		b.WriteString(css)
		b.WriteString("</style>\n")
		b.WriteString(defs(l.opt.Theme))
		if cap != nil {
			b.WriteString(`<g id="caption" class="caption">` + "\n")
			fmt.Fprintf(b, `<rect x="0" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				ftoa2(-cap.height), ftoa2(max(cap.width, l.tpl.width)), ftoa2(cap.height+l.tpl.height), l.opt.palette().bg)
			caption(b)
			b.WriteString("</g>\n")
		}
	}
	if cap != nil {
		d.top, d.width = cap.height, cap.width
	}
	return d
}

// captionBox is the size of the caption band of a trace: as wide as its
// longest line over all steps, as high as its number of lines, so that
// every step of a trace has the same drawing size.
type captionBox struct {
	lines         int
	width, height float64
}

const (
	captionLine = captionSize * 1.4
	captionPad  = 8.0
)

func newCaptionBox(t *ad.Trace, digits int) *captionBox {
	c := &captionBox{lines: captionRows(t) + 1}
	for step := 0; step <= len(t.Steps); step++ {
		for i, line := range captionLines(t, step, digits) {
			w := textWidth(line, captionSize, i == 0)
			if w > c.width {
				c.width = w
			}
		}
	}
	c.width += 2 * captionPad
	c.height = float64(c.lines)*captionLine + captionPad
	return c
}

// write writes the caption lines as <text> elements; style, if not
// empty, is given to each.
func (c *captionBox) write(b *bytes.Buffer, lines []string, style string) {
	for i, line := range lines {
		cls := "caption-text"
		attrs := ` font-family="Helvetica,sans-Serif" font-size="` + ftoa2(captionSize) + `"`
		if i == 0 {
			cls = "caption-head"
			attrs += ` font-weight="bold"`
		}
		y := -c.height + captionPad/2 + float64(i)*captionLine + captionSize
		attrs = ` x="` + ftoa2(captionPad) + `" y="` + ftoa2(y) + `"` + attrs
		if line == "" {
			line = nbsp
		}
		writeText(b, cls, style, attrs, line)
		b.WriteByte('\n')
	}
}

// textWidth estimates the width of a line of Helvetica: 0.58 em a
// character (a little wide, so captions are not cut), combining marks
// none.
func textWidth(s string, size float64, bold bool) float64 {
	n := 0
	for _, r := range s {
		if r >= 0x300 && r < 0x370 {
			continue
		}
		n++
	}
	em := 0.58
	if bold {
		em = 0.62
	}
	return float64(n) * em * size
}

// positions are the layout's coordinates, from Graphviz's json0 output,
// as DOT attribute values.
type positions struct {
	graph map[string]string            // bb, lp, lwidth, lheight
	nodes map[string]map[string]string // id -> pos, width, height
	edges map[string]map[string]string // id -> pos, lp
}

func writeAttrs(w *dotWriter, m map[string]string, keys ...string) {
	for _, k := range keys {
		if v, ok := m[k]; ok {
			w.s(" ", k, "=", dotString(v))
		}
	}
}

func (p *positions) graphAttrs(w *dotWriter) {
	bb := p.graph["bb"]
	if w.capBox != nil {
		// Room for the caption node above the graph.
		f := strings.Split(bb, ",")
		if len(f) == 4 {
			urx, _ := strconv.ParseFloat(f[2], 64)
			ury, _ := strconv.ParseFloat(f[3], 64)
			bb = f[0] + "," + f[1] + "," + ftoa2(max(urx, w.capBox.width)) + "," + ftoa2(ury+w.capBox.height)
		}
	}
	w.s(" bb=", dotString(bb))
	writeAttrs(w, p.graph, "lp", "lwidth", "lheight")
}

func (p *positions) nodeAttrs(w *dotWriter, id string) {
	writeAttrs(w, p.nodes[id], "pos", "width", "height")
}

func (p *positions) edgeAttrs(w *dotWriter, id string) {
	writeAttrs(w, p.edges[id], "pos", "lp")
}

// positions returns the layout's positions, computing them with the
// renderer the first time when the layout was made without them.
func (l *Layout) positions(ctx context.Context) (*positions, error) {
	l.posOnce.Do(func() {
		if l.r == nil {
			l.posErr = errors.New("graphviz: this layout has no renderer to compute positions with")
			return
		}
		out, err := l.r.Render(ctx, l.dot, EngineDot, FormatJSON0)
		if err != nil {
			l.posErr = err
			return
		}
		l.pos, l.posErr = parsePositions(out)
	})
	return l.pos, l.posErr
}

// PositionedDOT returns the DOT of t after step steps with the layout's
// positions: Graphviz's nop2 engine draws it without laying it out again.
// With Options.Caption, the caption is a node above the graph.
func (l *Layout) PositionedDOT(ctx context.Context, t *ad.Trace, step int) (string, error) {
	if err := l.check(t); err != nil {
		return "", err
	}
	pos, err := l.positions(ctx)
	if err != nil {
		return "", err
	}
	w := dotWriter{g: l.g, o: l.opt, p: l.opt.palette(), st: State(t, step, l.opt), pos: pos}
	if l.opt.Caption {
		w.capBox = staticsOf(t, l.opt).captionBox()
	}
	return w.write(), nil
}

// RenderStep draws t after step steps in format with r: the positioned
// DOT through Graphviz's nop2 engine, so the boxes are where the layout
// put them. PNG is the exception: go-graphviz's PNG renderer drops most of
// the picture, so PNG is StepPNG (the step's SVG rasterized in Go, no
// Graphviz call; not available in js/wasm builds).
func (l *Layout) RenderStep(ctx context.Context, r Renderer, t *ad.Trace, step int, format Format) ([]byte, error) {
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	if format == FormatPNG {
		if err := l.check(t); err != nil {
			return nil, err
		}
		return l.stepPNG(t, step)
	}
	dot, err := l.PositionedDOT(ctx, t, step)
	if err != nil {
		return nil, err
	}
	return r.Render(ctx, dot, EngineNop2, format)
}

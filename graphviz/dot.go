package graphviz

import (
	"math"
	"strconv"
	"strings"

	"github.com/adviz/adviz/ad"
)

// DOT returns the graph of t after step steps as Graphviz DOT: one node per
// v_i with its name, formula and value, tangent and adjoint fields, one
// edge per argument, classes and colours for the state at that step, and
// a caption (Options.Caption) and legend (Options.Legend) at the top. Steps
// out of range are clamped; LastStep(t) is the finished trace. The output
// is deterministic.
func DOT(t *ad.Trace, step int, opt Options) string {
	opt = opt.norm()
	w := dotWriter{g: t.Graph, o: opt, p: opt.palette(), st: State(t, step, opt), caption: opt.Caption}
	return w.write()
}

// LastStep returns the step of the finished trace, len(t.Steps).
func LastStep(t *ad.Trace) int { return len(t.Steps) }

// LayoutDOT returns the DOT that lays out the graph g once for every step
// of every mode at every point: the nodes' fields hold placeholders of
// the fixed field width, classes say only what kind a node is, and
// colours are those of a finished node. The page renders it (with
// Graphviz in the browser) and then applies StepState values to the SVG.
func LayoutDOT(g *ad.Graph, opt Options) string {
	opt = opt.norm()
	w := dotWriter{g: g, o: opt, p: opt.palette()}
	return w.write()
}

// dotWriter writes one DOT graph: the layout (st == nil) or a step.
type dotWriter struct {
	g       *ad.Graph
	o       Options
	p       *palette
	st      *StepState  // nil for the layout
	pos     *positions  // node and edge positions for nop2, or nil
	caption bool        // caption rows in the graph label
	capBox  *captionBox // with pos: the caption node above the graph
	b       strings.Builder
}

func (w *dotWriter) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func (w *dotWriter) write() string {
	g, o, p := w.g, w.o, w.p
	w.b.Grow(600 + 1000*len(g.Nodes))
	w.s("digraph adviz {\n")
	w.s("\tgraph [rankdir=", o.RankDir, ` bgcolor="`, p.bg, `" fontname="`, textFont, `" fontsize=`, ftoa(fontSize),
		` fontcolor="`, p.fg, `" nodesep=0.25 ranksep=0.45 pad=0.12 outputorder=edgesfirst labelloc=t labeljust=l`)
	if w.pos != nil {
		w.pos.graphAttrs(w)
	}
	w.s("]\n")
	if lbl := w.graphLabel(); lbl != "" {
		w.s("\tlabel=<", lbl, ">\n")
	}
	w.s("\tnode [shape=plain fontname=\"", textFont, "\" fontsize=", ftoa(fontSize), " fontcolor=\"", p.fg, "\"]\n")
	w.s("\tedge [color=\"", p.edge, "\" penwidth=1.2 arrowsize=0.7 fontname=\"", monoFont, "\" fontsize=",
		ftoa(edgeFontSize), " fontcolor=\"", p.muted, "\"]\n")

	// Inputs share the first rank, as in Baydin et al.'s figures.
	if n := g.NumInputs(); n > 0 {
		w.s("\t{rank=min;")
		for k := 0; k < n; k++ {
			w.s(` "`, nodeID(g, k), `";`)
		}
		w.s("}\n")
	}
	for k := range g.Nodes {
		w.node(k)
	}
	if w.pos != nil && w.capBox != nil && w.st != nil {
		w.captionNode()
	}
	for i, e := range edges(g) {
		w.edge(i, e)
	}
	w.s("}\n")
	return w.b.String()
}

// node writes node k.
func (w *dotWriter) node(k int) {
	g, p := w.g, w.p
	id := nodeID(g, k)
	var ns *NodeState
	class := kindClasses[nodeKind(g, k, len(outputNames(g, k)) > 0)]
	tooltip := describe(g, k)
	bg, line := p.doneBg, p.doneLn
	if w.st != nil {
		ns = &w.st.Nodes[k]
		class = strings.TrimPrefix(ns.Class, "node ")
		tooltip = ns.Tooltip
		bg, line = p.nodeLook(ns.Class)
	}
	w.s("\t", dotString(id), " [id=", dotString(id), " class=", dotString(class), " tooltip=", dotString(tooltip))
	if w.pos != nil {
		w.pos.nodeAttrs(w, id)
	}
	w.s(" label=<")
	w.s(`<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="`, ftoa(cellPad), `" BGCOLOR="`, bg, `" COLOR="`, line, `">`)

	// Header: the node's name and formula, and the diagnostic marker.
	mark := Field{Text: nbsp, Class: "mark"}
	if ns != nil {
		mark = ns.Mark
	}
	markColor := p.errorC
	if strings.Contains(mark.Class, "warning") {
		markColor = p.warningC
	}
	// The header's cell is a little wider than Graphviz estimates bold
	// Helvetica, so wider real fonts still fit.
	head := id + " = " + g.Formula(k)
	w.s(`<TR><TD COLSPAN="2" CELLPADDING="0"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="`, ftoa(cellPad),
		`"><TR><TD ALIGN="LEFT" WIDTH="`, ftoa(math.Ceil(textWidth(head, headSize, true)*1.08)), `"><FONT POINT-SIZE="`, ftoa(headSize), `"><B>`, htmlLabel(head),
		`</B></FONT></TD>`)
	w.s(`<TD ID="`, htmlLabel(fieldID(g, k, "mark")), `" TITLE="numeric trouble" HREF="" FIXEDSIZE="TRUE" WIDTH="`, ftoa(markWidth),
		`" HEIGHT="`, ftoa(fieldHeight), `"><FONT COLOR="`, markColor, `">`, htmlLabel(mark.Text), `</FONT></TD></TR></TABLE></TD></TR>`)
	if names := aliases(g, k); len(names) > 0 {
		w.s(`<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT COLOR="`, p.muted, `"><I>`, htmlLabel(strings.Join(names, ", ")), `</I></FONT></TD></TR>`)
	}

	// The fields: value, tangent and adjoint.
	names := [3]string{id, g.TangentName(k), g.AdjointName(k)}
	colors := [3]string{p.fg, p.tangent, p.adjoint}
	titles := [3]string{
		id + ": value",
		names[1] + ": tangent, the derivative of " + id + " along the seed ẋ (forward mode)",
		names[2] + ": adjoint, the derivative of the seeded output ȳ·y with respect to " + id + " (reverse mode)",
	}
	for f := range fieldNames {
		text, fclass, align := emptyGlyph, "field "+fieldNames[f], "LEFT"
		if ns != nil {
			fp := [3]*Field{&ns.Value, &ns.Tangent, &ns.Adjoint}[f]
			text, fclass, align = fp.Text, fp.Class, "RIGHT"
		}
		color := p.fieldColor(fclass)
		w.s(`<TR><TD ALIGN="LEFT"><FONT COLOR="`, colors[f], `">`, htmlLabel(names[f]), `</FONT></TD>`)
		w.s(`<TD ID="`, htmlLabel(fieldID(g, k, fieldNames[f])), `" TITLE="`, htmlLabel(titles[f]), `" HREF="" FIXEDSIZE="TRUE" WIDTH="`,
			ftoa(fieldWidth(w.o.Digits)), `" HEIGHT="`, ftoa(fieldHeight), `" ALIGN="`, align, `"><FONT FACE="`, monoFont,
			`" POINT-SIZE="`, ftoa(numSize), `" COLOR="`, color, `">`)
		if strings.Contains(fclass, "changed") {
			w.s("<B><U>", htmlLabel(text), "</U></B>")
		} else {
			w.s(htmlLabel(text))
		}
		w.s(`</FONT></TD></TR>`)
	}
	w.s("</TABLE>>]\n")
}

// edge writes edge i.
func (w *dotWriter) edge(i int, e edge) {
	g, p := w.g, w.p
	var es *EdgeState
	if w.st != nil {
		es = &w.st.Edges[i]
	}
	w.s("\t", dotString(nodeID(g, e.from)), " -> ", dotString(nodeID(g, e.to)), " [id=", dotString(e.id))
	tooltip := "∂" + nodeID(g, e.to) + "/∂" + nodeID(g, e.from)
	label := ""
	if w.o.EdgeLabels {
		label = edgeLabel(g, e, strings.Repeat("0", fieldChars(w.o.Digits)))
	}
	if es != nil {
		tooltip, label = es.Tooltip, es.Label
		if cls := strings.TrimPrefix(es.Class, "edge"); cls != "" {
			w.s(" class=", dotString(strings.TrimSpace(cls)))
			switch {
			case strings.HasSuffix(cls, " adjoint"):
				w.s(` color="`, p.adjoint, `" style=dashed`)
			case strings.HasSuffix(cls, " forward"):
				w.s(` color="`, p.tangent, `"`)
			default:
				w.s(` color="`, p.fg, `"`)
			}
		}
	}
	w.s(" edgetooltip=", dotString(tooltip))
	if w.o.EdgeLabels {
		w.s(" label=", dotString(label), " labeltooltip=", dotString(tooltip))
	}
	if w.pos != nil {
		w.pos.edgeAttrs(w, e.id)
	}
	w.s("]\n")
}

// nodeLook returns the background and border colour of a node with the
// given classes, the colours the stylesheet gives the same classes.
func (p *palette) nodeLook(class string) (bg, line string) {
	bgName, lineName, _ := nodeLook(class)
	colors := p.colors()
	return colors[bgName], colors[lineName]
}

// graphLabel returns the HTML of the graph label: the caption and the
// legend, or "" for none.
func (w *dotWriter) graphLabel() string {
	if !(w.caption && w.st != nil) && !w.o.Legend {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">`)
	if w.caption && w.st != nil {
		for i, line := range w.st.Caption {
			if line == "" {
				line = nbsp
			}
			b.WriteString(`<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="` + ftoa(captionSize) + `">`)
			if i == 0 {
				b.WriteString("<B>" + htmlLabel(line) + "</B>")
			} else {
				b.WriteString(htmlLabel(line))
			}
			b.WriteString(`</FONT></TD></TR>`)
		}
	}
	if w.o.Legend {
		b.WriteString(`<TR><TD ALIGN="LEFT">` + legend(w.p) + `</TD></TR>`)
	}
	b.WriteString(`</TABLE>`)
	return b.String()
}

// legend returns the legend as an HTML-like table: the fields with their
// colours and the node states. Graphviz sizes cells with Helvetica's
// metrics, but a renderer may draw the text in a wider font (librsvg
// falls back to DejaVu Sans, about 15% wider), so every symbol and text
// has a cell of its own as wide as sansWidth measures it from above, and
// the items do not run into each other in any of the fonts a picture is
// drawn with.
func legend(p *palette) string {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1"><TR>`)
	// A cell's width includes its padding (2 points); a text is followed
	// by a gap of 6 before the next item.
	text := func(color, text string, bold bool, gap float64) {
		b.WriteString(`<TD ALIGN="LEFT" WIDTH="` + ftoa(math.Ceil(sansWidth(text, fontSize, bold))+2+gap) + `"><FONT COLOR="` + color + `">`)
		if bold {
			b.WriteString("<B>" + text + "</B>")
		} else {
			b.WriteString(text)
		}
		b.WriteString(`</FONT></TD>`)
	}
	item := func(sym, color, label string) {
		text(color, sym, true, 0)
		text(color, label, false, 6)
	}
	swatch := func(bg, line, label string) {
		b.WriteString(`<TD BORDER="1" CELLPADDING="0" COLOR="` + line + `" BGCOLOR="` + bg +
			`" WIDTH="18" HEIGHT="13" FIXEDSIZE="TRUE"><FONT POINT-SIZE="6"> </FONT></TD>`)
		text(p.fg, label, false, 6)
	}
	for _, it := range legendItems(p) {
		if it.swatch {
			swatch(it.bg, it.color, it.text)
		} else {
			item(it.sym, it.color, it.text)
		}
	}
	b.WriteString(`</TR></TABLE>`)
	return b.String()
}

// legendItem is an entry of the legend: a symbol in a colour, or a
// swatch of a node's background and border, and its text.
type legendItem struct {
	swatch         bool
	sym, color, bg string
	text           string
}

func legendItems(p *palette) []legendItem {
	return []legendItem{
		{sym: "v", color: p.fg, text: "value"},
		{sym: "v̇", color: p.tangent, text: "tangent (forward)"},
		{sym: "v̄", color: p.adjoint, text: "adjoint (reverse)"},
		{sym: emptyGlyph, color: p.muted, text: "not computed"},
		{swatch: true, bg: p.currentBg, color: p.currentLn, text: "changed by this step"},
		{swatch: true, bg: p.sourceBg, color: p.sourceLn, text: "read by it"},
		{swatch: true, bg: p.pendingBg, color: p.pendingLn, text: "pending"},
		{sym: markGlyph, color: p.errorC, text: "numeric trouble"},
	}
}

// sansAdvance are the advances of the printable ASCII characters (from
// the space), in thousandths of an em: the widest of DejaVu Sans
// (librsvg's fallback for Helvetica), Liberation Sans (Helvetica's
// metrics, what browsers draw Helvetica with on Linux) and Go Regular
// (the PNG's font).
var sansAdvance = [95]uint16{
	318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 584, 838, 318, 584, 318, 337,
	637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557,
	1016, 685, 687, 723, 771, 667, 611, 778, 752, 399, 500, 667, 558, 863, 749, 788,
	667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557,
	500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
	635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
}

// sansWidth measures s in size-point sans-serif text from above: ASCII by
// sansAdvance, a no-break space as a space, combining marks as nothing,
// other characters as 1 em; bold 15% wider.
func sansWidth(s string, size float64, bold bool) float64 {
	w := 0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += int(sansAdvance[r-' '])
		case r == '\u00a0':
			w += int(sansAdvance[0])
		case r >= 0x300 && r < 0x370:
		default:
			w += 1000
		}
	}
	em := float64(w) / 1000
	if bold {
		em *= 1.15
	}
	return em * size
}

// captionNode writes the caption as a node above the positioned graph.
func (w *dotWriter) captionNode() {
	c := w.capBox
	ury := 0.0
	if f := strings.Split(w.pos.graph["bb"], ","); len(f) == 4 {
		ury, _ = strconv.ParseFloat(f[3], 64)
	}
	w.s("\tcaption [id=\"caption\" class=\"caption\" pos=\"", ftoa2(c.width/2), ",", ftoa2(ury+c.height/2), "\" label=<")
	w.s(`<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" WIDTH="`, ftoa2(c.width), `" HEIGHT="`, ftoa2(c.height), `">`)
	for i, line := range w.st.Caption {
		if line == "" {
			line = nbsp
		}
		w.s(`<TR><TD ALIGN="LEFT" HEIGHT="`, ftoa2(captionLine), `"><FONT POINT-SIZE="`, ftoa(captionSize), `">`)
		if i == 0 {
			w.s("<B>", htmlLabel(line), "</B>")
		} else {
			w.s(htmlLabel(line))
		}
		w.s("</FONT></TD></TR>")
	}
	w.s("</TABLE>>]\n")
}

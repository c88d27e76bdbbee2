package graphviz

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/adviz/adviz/ad"
)

// A template is a laid-out SVG cut into literal text and slots: the places
// a step changes (node and edge classes, tooltips, the texts and classes of
// the fields, edge labels) and the root element's size. Filling it with a
// StepState is string concatenation: no Graphviz call per step.
type template struct {
	segs   []segment
	fields [][4]int // node k, field f (value, tangent, adjoint, mark) -> index into segs
	width  float64  // the drawing's size in points, from the root element
	height float64
}

type slotKind uint8

const (
	literal     slotKind = iota
	nodeClass            // class attribute value of <g id="v-1">
	nodeTip              // xlink:title of <g id="a_v-1"><a>
	fieldText            // a whole <text> element of a field
	edgeClass            // class attribute value of <g id="e-1_2">
	edgeTip              // xlink:title of <g id="a_e-1_2"><a> or of its label's group
	edgeText             // the whole <text> element of an edge label
	rootWidth            // width="..." of <svg>
	rootHeight           // height="..."
	rootViewBox          // viewBox="..."
	rootContent          // just after <svg ...>: stylesheet and caption
	rootClass            // just after "<svg": the class attribute
)

type segment struct {
	kind  slotKind
	text  string // literal text; for fieldText and edgeText the <text> attributes
	index int    // node or edge index
	field int    // field index (0-2 value, tangent, adjoint; 3 mark)
}

// fieldIndexes maps the names of field groups to indexes.
var fieldIndexes = map[string]int{"value": 0, "tangent": 1, "adjoint": 2, "mark": 3}

// parseTemplate cuts a Graphviz SVG of LayoutDOT(g, ...) into a template.
// It fails when the SVG lacks an element the state needs.
//
// Graphviz places a field's text from the left of its fixed-size cell;
// the template anchors it at the cell's right edge instead (text-anchor
// "end"), so numbers of any length stay right-aligned in the box.
func parseTemplate(svg string, g *ad.Graph, opt Options) (*template, error) {
	opt = opt.norm()
	shift := fieldWidth(opt.Digits) - 2*cellPad
	nodes := map[string]int{}
	for k := range g.Nodes {
		nodes[nodeID(g, k)] = k
	}
	es := edges(g)
	edgeIdx := map[string]int{}
	for i, e := range es {
		edgeIdx[e.id] = i
	}
	t := &template{fields: make([][4]int, len(g.Nodes))}
	for k := range t.fields {
		t.fields[k] = [4]int{-1, -1, -1, -1}
	}
	var found struct{ nodeClass, nodeTip, edgeClass, edgeTip, edgeText int }
	last := 0
	emit := func(start, end int, s segment) {
		if start > last {
			t.segs = append(t.segs, segment{text: svg[last:start]})
		}
		t.segs = append(t.segs, s)
		last = end
	}

	// The root element: its size and where the content starts.
	root := strings.Index(svg, "<svg")
	if root < 0 {
		return nil, fmt.Errorf("graphviz: no <svg> element in Graphviz's output")
	}
	rootEnd := strings.IndexByte(svg[root:], '>')
	if rootEnd < 0 {
		return nil, fmt.Errorf("graphviz: unterminated <svg> element")
	}
	rootEnd += root
	emit(root+len("<svg"), root+len("<svg"), segment{kind: rootClass})
	var rootSlots []span
	for _, a := range []struct {
		name string
		kind slotKind
	}{{"width", rootWidth}, {"height", rootHeight}, {"viewBox", rootViewBox}} {
		s, e, ok := attrValue(svg, root, rootEnd, a.name)
		if !ok {
			return nil, fmt.Errorf("graphviz: the <svg> element has no %s", a.name)
		}
		rootSlots = append(rootSlots, span{s, e, a.kind})
	}
	sort.Slice(rootSlots, func(i, j int) bool { return rootSlots[i].start < rootSlots[j].start })
	for _, rs := range rootSlots {
		if rs.kind == rootViewBox {
			f := strings.Fields(svg[rs.start:rs.end])
			if len(f) == 4 {
				t.width, _ = strconv.ParseFloat(f[2], 64)
				t.height, _ = strconv.ParseFloat(f[3], 64)
			}
		}
		emit(rs.start, rs.end, segment{kind: rs.kind})
	}
	emit(rootEnd+1, rootEnd+1, segment{kind: rootContent})

	pos := rootEnd
	for {
		i := strings.Index(svg[pos:], `<g id="`)
		if i < 0 {
			break
		}
		i += pos
		idStart := i + len(`<g id="`)
		idEnd := strings.IndexByte(svg[idStart:], '"')
		if idEnd < 0 {
			return nil, fmt.Errorf("graphviz: unterminated id at offset %d", idStart)
		}
		idEnd += idStart
		id := xmlUnescape(svg[idStart:idEnd])
		tagEnd := strings.IndexByte(svg[idEnd:], '>') + idEnd
		pos = tagEnd
		// A node's or an edge's group: its class attribute is a slot.
		kind, index, isNode := nodeClass, 0, false
		if k, ok := nodes[id]; ok {
			index, isNode = k, true
		} else if ei, ok := edgeIdx[id]; ok {
			kind, index = edgeClass, ei
		}
		if isNode || kind == edgeClass {
			s, e, ok := attrValue(svg, i, tagEnd, "class")
			if !ok {
				return nil, fmt.Errorf("graphviz: the group of %s has no class", id)
			}
			emit(s, e, segment{kind: kind, index: index})
			if isNode {
				found.nodeClass++
			} else {
				found.edgeClass++
			}
			continue
		}
		name, ok := strings.CutPrefix(id, "a_")
		if !ok {
			continue
		}
		// An anchor group: <g id="a_..."><a xlink:title="...">.
		aStart := strings.Index(svg[tagEnd:], "<a ")
		if aStart < 0 {
			return nil, fmt.Errorf("graphviz: no <a> in group %s", id)
		}
		aStart += tagEnd
		aEnd := strings.IndexByte(svg[aStart:], '>') + aStart
		if k, ok := nodes[name]; ok {
			s, e, ok := attrValue(svg, aStart, aEnd, "xlink:title")
			if !ok {
				return nil, fmt.Errorf("graphviz: node %s has no tooltip", name)
			}
			emit(s, e, segment{kind: nodeTip, index: k})
			found.nodeTip++
			pos = aEnd
			continue
		}
		label := strings.HasSuffix(name, "-label")
		if ei, ok := edgeIdx[strings.TrimSuffix(name, "-label")]; ok {
			s, e, ok := attrValue(svg, aStart, aEnd, "xlink:title")
			if !ok {
				return nil, fmt.Errorf("graphviz: edge %s has no tooltip", name)
			}
			emit(s, e, segment{kind: edgeTip, index: ei})
			pos = aEnd
			if !label {
				found.edgeTip++
				continue
			}
			ts, te, attrs, err := textElement(svg, aEnd)
			if err != nil {
				return nil, fmt.Errorf("graphviz: label of edge %s: %w", name, err)
			}
			emit(ts, te, segment{kind: edgeText, index: ei, text: attrs})
			found.edgeText++
			pos = te
			continue
		}
		// A field: "v-1_value".
		j := strings.LastIndex(name, fieldSuffix)
		if j < 0 {
			continue
		}
		k, ok1 := nodes[name[:j]]
		f, ok2 := fieldIndexes[name[j+1:]]
		if !ok1 || !ok2 {
			continue
		}
		ts, te, attrs, err := textElement(svg, aEnd)
		if err != nil {
			return nil, fmt.Errorf("graphviz: field %s: %w", name, err)
		}
		if f < 3 {
			attrs = anchorEnd(attrs, shift)
		}
		emit(ts, te, segment{kind: fieldText, index: k, field: f, text: attrs})
		t.fields[k][f] = len(t.segs) - 1
		pos = te
	}
	t.segs = append(t.segs, segment{text: svg[last:]})

	n, ne := len(g.Nodes), len(es)
	switch {
	case found.nodeClass != n:
		return nil, fmt.Errorf("graphviz: found %d of %d nodes in the SVG", found.nodeClass, n)
	case found.nodeTip != n:
		return nil, fmt.Errorf("graphviz: found %d of %d node tooltips in the SVG", found.nodeTip, n)
	case found.edgeClass != ne || found.edgeTip != ne:
		return nil, fmt.Errorf("graphviz: found %d of %d edges in the SVG", found.edgeClass, ne)
	}
	for k := range t.fields {
		for f, si := range t.fields[k] {
			if si < 0 {
				return nil, fmt.Errorf("graphviz: no text for field %s in the SVG", fieldID(g, k, [4]string{"value", "tangent", "adjoint", "mark"}[f]))
			}
		}
	}
	return t, nil
}

// span is a range of the SVG that a slot replaces.
type span struct {
	start, end int
	kind       slotKind
}

// attrValue finds attribute name in the tag svg[start:end] and returns the
// range of its value.
func attrValue(svg string, start, end int, name string) (int, int, bool) {
	tag := svg[start:end]
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		if i = strings.Index(tag, "\n"+name+`="`); i < 0 {
			return 0, 0, false
		}
	}
	vs := i + len(name) + 3
	ve := strings.IndexByte(tag[vs:], '"')
	if ve < 0 {
		return 0, 0, false
	}
	return start + vs, start + vs + ve, true
}

// textElement finds the next <text ...>...</text> after pos and returns
// its range and its attributes (the text between "<text" and ">").
func textElement(svg string, pos int) (start, end int, attrs string, err error) {
	i := strings.Index(svg[pos:], "<text")
	if i < 0 {
		return 0, 0, "", fmt.Errorf("no <text>")
	}
	start = pos + i
	open := strings.IndexByte(svg[start:], '>')
	if open < 0 {
		return 0, 0, "", fmt.Errorf("unterminated <text>")
	}
	open += start
	close := strings.Index(svg[open:], "</text>")
	if close < 0 {
		return 0, 0, "", fmt.Errorf("unterminated <text>")
	}
	end = open + close + len("</text>")
	attrs = svg[start+len("<text") : open]
	if strings.HasSuffix(attrs, "/") {
		return 0, 0, "", fmt.Errorf("empty <text>")
	}
	// Graphviz writes no class on texts; drop one if a renderer did.
	if s, e, ok := attrValue(svg, start, open, "class"); ok {
		attrs = svg[start+len("<text"):s-len(` class="`)] + svg[e+1:open]
	}
	return start, end, attrs, nil
}

// anchorEnd moves a start-anchored text by shift to the right and anchors
// it at its end.
func anchorEnd(attrs string, shift float64) string {
	const start = ` text-anchor="start"`
	i := strings.Index(attrs, start)
	if i < 0 {
		return attrs
	}
	attrs = attrs[:i] + ` text-anchor="end"` + attrs[i+len(start):]
	if s, e, ok := attrValue(attrs, 0, len(attrs), "x"); ok {
		if x, err := strconv.ParseFloat(attrs[s:e], 64); err == nil {
			attrs = attrs[:s] + ftoa2(x+shift) + attrs[e:]
		}
	}
	return attrs
}

// decoration is what a fill adds around the state: the stylesheet and
// caption at the start of the content, and the size of the drawing.
type decoration struct {
	class      string                                   // class of the root element
	content    func(b *bytes.Buffer)                    // writes after <svg ...>; nil for none
	top, width float64                                  // the caption band's height; the drawing's least width
	field      func(b *bytes.Buffer, seg *segment) bool // writes a field itself, or returns false
}

// fill writes the template with the state st and the decoration.
func (t *template) fill(b *bytes.Buffer, st *StepState, d decoration) {
	width := t.width
	if d.width > width {
		width = d.width
	}
	height := t.height + d.top
	for i := range t.segs {
		s := &t.segs[i]
		switch s.kind {
		case literal:
			b.WriteString(s.text)
		case rootWidth:
			b.WriteString(ftoa2(width) + "pt")
		case rootHeight:
			b.WriteString(ftoa2(height) + "pt")
		case rootViewBox:
			b.WriteString("0.00 " + ftoa2(-d.top) + " " + ftoa2(width) + " " + ftoa2(height))
		case rootClass:
			if d.class != "" {
				b.WriteString(` class="` + xmlText(d.class) + `"`)
			}
		case rootContent:
			if d.content != nil {
				d.content(b)
			}
		case nodeClass:
			b.WriteString(xmlText(st.Nodes[s.index].Class))
		case nodeTip:
			b.WriteString(xmlText(st.Nodes[s.index].Tooltip))
		case fieldText:
			if d.field != nil && d.field(b, s) {
				continue
			}
			fp := nodeField(&st.Nodes[s.index], s.field)
			writeText(b, fp.Class, "", s.text, fp.Text)
		case edgeClass:
			b.WriteString(xmlText(st.Edges[s.index].Class))
		case edgeTip:
			b.WriteString(xmlText(st.Edges[s.index].Tooltip))
		case edgeText:
			writeText(b, "label", "", s.text, st.Edges[s.index].Label)
		}
	}
}

// writeText writes <text class="..." style="..." ATTRS>text</text>.
func writeText(b *bytes.Buffer, class, style, attrs, text string) {
	b.WriteString(`<text class="`)
	b.WriteString(xmlText(class))
	b.WriteByte('"')
	if style != "" {
		b.WriteString(` style="`)
		b.WriteString(style)
		b.WriteByte('"')
	}
	b.WriteString(attrs)
	b.WriteByte('>')
	b.WriteString(xmlText(text))
	b.WriteString("</text>")
}

// nodeField returns field f of a node (0-2 value, tangent, adjoint; 3 mark).
func nodeField(n *NodeState, f int) *Field {
	switch f {
	case 0:
		return &n.Value
	case 1:
		return &n.Tangent
	case 2:
		return &n.Adjoint
	}
	return &n.Mark
}

func ftoa2(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

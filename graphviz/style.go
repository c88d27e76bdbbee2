package graphviz

import (
	"strings"
	"sync"
)

// StyleSheet returns the CSS that gives the classes of StepState their
// look, for the theme "light" or "dark". Every SVG this package writes
// carries it in a <style> element; a page that puts the laid-out SVG in
// its DOM can use it as is. Colours are CSS custom properties on
// svg.adviz (see the package documentation), so a page can change them.
func StyleSheet(theme string) string {
	sheets := styleSheets()
	if css, ok := sheets[theme]; ok {
		return css
	}
	return sheets["light"]
}

// styleSheets holds the stylesheet of each theme, written once: every
// picture carries one.
var styleSheets = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for theme, p := range palettes {
		m[theme] = styleSheet(p)
	}
	return m
})

// colors are the palette's colours by their CSS names (--adviz-NAME).
func (p *palette) colors() map[string]string { return p.byName }

func init() {
	for _, p := range palettes {
		p.byName = p.colorMap()
	}
}

func (p *palette) colorMap() map[string]string {
	return map[string]string{
		"bg": p.bg, "fg": p.fg, "muted": p.muted, "tangent": p.tangent, "adjoint": p.adjoint,
		"tangent-strong": p.tangentStrong, "adjoint-strong": p.adjointStrong,
		"pending-bg": p.pendingBg, "pending-line": p.pendingLn, "done-bg": p.doneBg, "done-line": p.doneLn,
		"current-bg": p.currentBg, "current-line": p.currentLn, "source-bg": p.sourceBg, "source-line": p.sourceLn,
		"edge": p.edge, "error": p.errorC, "warning": p.warningC,
	}
}

// nodeLook is the look the stylesheet gives a node with these classes:
// the CSS names of its background and border colours and its border width.
func nodeLook(class string) (bg, line, width string) {
	cls := " " + class + " "
	switch {
	case strings.Contains(cls, " current "):
		bg, line, width = "current-bg", "current-line", "2.6"
	case strings.Contains(cls, " source "):
		bg, line, width = "source-bg", "source-line", "1.6"
	case strings.Contains(cls, " done "):
		bg, line, width = "done-bg", "done-line", "1.2"
	default:
		bg, line, width = "pending-bg", "pending-line", "1.2"
	}
	switch {
	case strings.Contains(cls, " diag-error "):
		line, width = "error", "2.2"
	case strings.Contains(cls, " diag-warning "):
		line, width = "warning", "2.2"
	}
	return bg, line, width
}

// edgeLook is the look the stylesheet gives an edge with these classes:
// the CSS name of its colour, its width, its dashes and its tail marker.
func edgeLook(class string) (color, width, dash, marker string) {
	switch {
	case strings.HasSuffix(class, " active primal"):
		return "fg", "2.6", "none", "none"
	case strings.HasSuffix(class, " active forward"):
		return "tangent", "2.6", "none", "none"
	case strings.HasSuffix(class, " active adjoint"):
		return "adjoint", "2.6", "7 3", "url(#adviz-back)"
	}
	return "edge", "1.2", "none", "none"
}

func styleSheet(p *palette) string {
	colors := p.colors()
	var b strings.Builder
	b.WriteString("\nsvg.adviz{")
	for _, name := range colorNames {
		b.WriteString("--adviz-" + name + ":" + colors[name] + ";")
	}
	b.WriteString("}\n")
	// "fill:$current-bg" becomes "fill:#fff0a8;fill:var(--adviz-current-bg,#fff0a8)":
	// renderers without custom properties (librsvg) keep the first.
	for _, line := range strings.Split(strings.TrimSpace(styleRules), "\n") {
		for {
			i := strings.IndexByte(line, '$')
			if i < 0 {
				break
			}
			j := i + 1
			for j < len(line) && (line[j] == '-' || line[j] >= 'a' && line[j] <= 'z') {
				j++
			}
			name := line[i+1 : j]
			k := strings.LastIndexAny(line[:i], "{;")
			prop := line[k+1 : i-1]
			line = line[:i] + colors[name] + ";" + prop + ":var(--adviz-" + name + "," + colors[name] + ")" + line[j:]
		}
		b.WriteString("svg.adviz " + line + "\n")
	}
	return b.String()
}

// colorNames are the CSS custom properties, --adviz-NAME.
var colorNames = []string{"bg", "fg", "muted", "tangent", "adjoint", "tangent-strong", "adjoint-strong", "pending-bg", "pending-line", "done-bg", "done-line",
	"current-bg", "current-line", "source-bg", "source-line", "edge", "error", "warning"}

// styleRules are the rules, each prefixed with "svg.adviz "; $NAME is a
// colour. The node box is the HTML table's two polygons: its background
// (the first) and its border (fill="none", the last).
const styleRules = `
g.graph>polygon:first-of-type{fill:$bg}
.node polygon:first-of-type{fill:$done-bg}
.node polygon[fill="none"]{stroke:$done-line;stroke-width:1.2}
.node.pending polygon:first-of-type{fill:$pending-bg}
.node.pending polygon[fill="none"]{stroke:$pending-line}
.node.source polygon:first-of-type{fill:$source-bg}
.node.source polygon[fill="none"]{stroke:$source-line;stroke-width:1.6}
.node.current polygon:first-of-type{fill:$current-bg}
.node.current polygon[fill="none"]{stroke:$current-line;stroke-width:2.6}
.node.diag-warning polygon[fill="none"]{stroke:$warning;stroke-width:2.2}
.node.diag-error polygon[fill="none"]{stroke:$error;stroke-width:2.2}
text.field.value{fill:$fg}
text.field.tangent{fill:$tangent}
text.field.adjoint{fill:$adjoint}
text.field.empty,svg.adviz text.field.unused{fill:$muted}
text.field.changed{font-weight:bold;text-decoration:underline}
text.field.tangent.changed{fill:$tangent-strong}
text.field.adjoint.changed{fill:$adjoint-strong}
text.mark.error{fill:$error}
text.mark.warning{fill:$warning}
.edge path{stroke:$edge}
.edge polygon{fill:$edge;stroke:$edge}
.edge text.label{fill:$muted}
.edge.active path{stroke-width:2.6}
.edge.active.primal path{stroke:$fg}
.edge.active.primal polygon{fill:$fg;stroke:$fg}
.edge.active.forward path{stroke:$tangent}
.edge.active.forward polygon{fill:$tangent;stroke:$tangent}
.edge.active.adjoint path{stroke:$adjoint;stroke-dasharray:7 3;marker-start:url(#adviz-back)}
.edge.active text.label{fill:$fg;font-weight:bold}
.caption text{fill:$fg}
.caption rect{fill:$bg}
`

// defs returns the SVG definitions the stylesheet uses: the arrowhead that
// an edge used by an adjoint step gets at its tail, pointing back, because
// adjoints flow against the edges.
func defs(theme string) string {
	p := palettes[theme]
	if p == nil {
		p = palettes["light"]
	}
	return `<defs><marker id="adviz-back" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="3.5" markerHeight="3.5" ` +
		`orient="auto-start-reverse" markerUnits="strokeWidth"><path d="M0,0 L10,5 L0,10 z" fill="` + p.adjoint + `"/></marker></defs>` + "\n"
}

package graphviz

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/adviz/adviz/ad"
)

// Animation says how an animated SVG plays.
type Animation struct {
	// Frame is how long each step shows; 0 means 1.5 s.
	Frame time.Duration
	// Hold is how many frames longer the finished state shows before the
	// animation starts again; 0 means 3, negative means none.
	Hold int
}

// MaxAnimatedSteps bounds the steps of an animated SVG; longer traces are
// better shown by the page.
const MaxAnimatedSteps = 5000

// run is a stretch of frames [start, end) during which something shows
// one value.
type run struct {
	start, end int
	value      string
}

// runs are the values of something frame by frame.
type runs []run

// set starts a run of value at frame, ending the run before it.
func (r *runs) set(frame int, value string) {
	if n := len(*r); n > 0 {
		(*r)[n-1].end = frame
	}
	*r = append(*r, run{frame, frame + 1, value})
}

// AnimatedSVG returns one self-contained SVG that plays every step of t,
// from step 0 to the finished trace, and loops. It uses CSS animations
// only (no script), so it plays where an SVG is shown as an image: in
// Markdown, on a repository page, in slides. Each field's successive texts
// are stacked <text> elements whose visibility is animated; node and edge
// colours are keyframed; the caption shows the step counter and the
// step's arithmetic. Without animation support (or with
// prefers-reduced-motion) it shows the finished trace.
func (l *Layout) AnimatedSVG(t *ad.Trace, a Animation) ([]byte, error) {
	if err := l.check(t); err != nil {
		return nil, err
	}
	if len(t.Steps) > MaxAnimatedSteps {
		return nil, fmt.Errorf("graphviz: %d steps are too many for an animated SVG (at most %d)", len(t.Steps), MaxAnimatedSteps)
	}
	frame := a.Frame
	if frame <= 0 {
		frame = 1500 * time.Millisecond
	}
	hold := a.Hold
	switch {
	case hold == 0:
		hold = 3
	case hold < 0:
		hold = 0
	}
	g := l.g
	n := len(t.Steps) + 1 // frames 0 ... len(Steps)
	total := n + hold     // frames in one loop
	// What every element shows, run by run, from the frames.
	fr := ComputeFrames(t, l.opt)
	fields := make([][4]runs, len(g.Nodes))
	nodeCls := make([]runs, len(g.Nodes))
	edgeCls := make([]runs, len(fr.Edges))
	for k := range fields {
		for i := 0; i < 4; i++ {
			f := fr.Base.Fields[4*k+i]
			fields[k][i].set(0, f[1]+"\x00"+f[0])
		}
		nodeCls[k].set(0, fr.Base.NodeClass[k])
	}
	for i := range edgeCls {
		edgeCls[i].set(0, fr.Base.EdgeClass[i])
	}
	captions := make([][]string, n)
	captions[0] = captionLines(t, 0, l.opt.Digits)
	for f := 1; f < n; f++ {
		for _, c := range fr.Steps[f-1] {
			switch c.Kind {
			case ChangeNodeClass:
				nodeCls[c.Index].set(f, c.Text)
			case ChangeField:
				fields[c.Index/4][c.Index%4].set(f, c.Class+"\x00"+c.Text)
			case ChangeEdgeClass:
				edgeCls[c.Index].set(f, c.Text)
			}
		}
		captions[f] = captionLines(t, f, l.opt.Digits)
	}
	final := State(t, n-1, l.opt)
	// The last frame is held.
	extend := func(rs []runs) {
		for i := range rs {
			rs[i][len(rs[i])-1].end = total
		}
	}
	for k := range fields {
		extend(fields[k][:])
	}
	extend(nodeCls)
	extend(edgeCls)

	secs := frame.Seconds()
	pct := func(fr int) string { return strconv.FormatFloat(100*float64(fr)/float64(total), 'f', 3, 64) + "%" }
	windows := map[int]bool{} // run lengths that need a visibility keyframes rule
	// style returns the style attribute that shows a run only during its
	// frames, or "" for a run that lasts the whole loop.
	style := func(r run) string {
		if r.start == 0 && r.end == total {
			return ""
		}
		windows[r.end-r.start] = true
		delay := 0.0
		if r.start > 0 {
			delay = -float64(total-r.start) * secs
		}
		return "animation-name:w" + strconv.Itoa(r.end-r.start) + ";animation-delay:" + strconv.FormatFloat(delay, 'f', 3, 64) + "s"
	}

	// Keyframes of node and edge colours.
	var css strings.Builder
	p := l.opt.palette()
	for k, rs := range nodeCls {
		if len(rs) < 2 {
			continue
		}
		id := nodeID(g, k)
		var bg, ln strings.Builder
		for _, r := range rs {
			b, lc, w := nodeVars(p, r.value)
			fmt.Fprintf(&bg, "%s{fill:%s}", pct(r.start), b)
			fmt.Fprintf(&ln, "%s{stroke:%s;stroke-width:%s}", pct(r.start), lc, w)
		}
		fmt.Fprintf(&css, "@keyframes nb%d{%s}\n@keyframes nl%d{%s}\n", k, bg.String(), k, ln.String())
		fmt.Fprintf(&css, "svg.adviz #%s polygon:first-of-type{animation-name:nb%d}\nsvg.adviz #%s polygon[fill=\"none\"]{animation-name:nl%d}\n", id, k, id, k)
	}
	es := edges(g)
	for i, rs := range edgeCls {
		if len(rs) < 2 {
			continue
		}
		id := es[i].id
		var path, head strings.Builder
		for _, r := range rs {
			c, w, dash, marker := edgeVars(p, r.value)
			fmt.Fprintf(&path, "%s{stroke:%s;stroke-width:%s;stroke-dasharray:%s;marker-start:%s}", pct(r.start), c, w, dash, marker)
			hc := c
			if strings.HasSuffix(r.value, " adjoint") {
				hc = cssColor("edge", p.edge)
			}
			fmt.Fprintf(&head, "%s{fill:%s;stroke:%s}", pct(r.start), hc, hc)
		}
		fmt.Fprintf(&css, "@keyframes ep%d{%s}\n@keyframes eh%d{%s}\n", i, path.String(), i, head.String())
		fmt.Fprintf(&css, "svg.adviz #%s path{animation-name:ep%d}\nsvg.adviz #%s polygon{animation-name:eh%d}\n", id, i, id, i)
	}

	// The caption: one group of lines per frame.
	capBox := staticsOf(t, l.opt).captionBox()
	var capBuf bytes.Buffer
	for f, lines := range captions {
		r := run{f, f + 1, ""}
		if f == n-1 {
			r.end = total
		}
		cls := "fr"
		if f == n-1 {
			cls += " fin"
		}
		s := style(r)
		if s != "" {
			s = ` style="` + s + `"`
		}
		capBuf.WriteString(`<g class="` + cls + `"` + s + ">\n")
		capBox.write(&capBuf, lines, "")
		capBuf.WriteString("</g>\n")
	}

	// Fields: a stack of texts per field, one per run.
	fieldWriter := func(b *bytes.Buffer, seg *segment) bool {
		rs := fields[seg.index][seg.field]
		for i, r := range rs {
			class, text, _ := strings.Cut(r.value, "\x00")
			if len(rs) > 1 {
				class += " fr"
				if i == len(rs)-1 {
					class += " fin"
				}
			}
			writeText(b, class, style(r), seg.text, text)
		}
		return true
	}
	// Window keyframes, for every run of the fields and the caption.
	for k := range fields {
		for _, rs := range fields[k] {
			if len(rs) > 1 {
				for _, r := range rs {
					style(r)
				}
			}
		}
	}
	var lens []int
	for w := range windows {
		lens = append(lens, w)
	}
	sort.Ints(lens)
	var anim strings.Builder
	fmt.Fprintf(&anim, "svg.adviz .fr,svg.adviz .node polygon,svg.adviz .edge path,svg.adviz .edge polygon{animation-duration:%ss;"+
		"animation-iteration-count:infinite;animation-timing-function:step-end}\n", strconv.FormatFloat(float64(total)*secs, 'f', 3, 64))
	anim.WriteString("svg.adviz .fr{visibility:hidden}\nsvg.adviz .fr.fin{visibility:visible}\n")
	for _, w := range lens {
		fmt.Fprintf(&anim, "@keyframes w%d{0%%{visibility:visible}%s{visibility:hidden}100%%{visibility:hidden}}\n", w, pct(w))
	}
	anim.WriteString(css.String())
	anim.WriteString("@media (prefers-reduced-motion:reduce){svg.adviz *{animation:none!important}}\n")

	d := l.decoration(capBox, func(b *bytes.Buffer) { b.Write(capBuf.Bytes()) })
	inner := d.content
	d.content = func(b *bytes.Buffer) {
		inner(b)
		b.WriteString("<style>\n")
		b.WriteString(anim.String())
		b.WriteString("</style>\n")
	}
	d.field = fieldWriter
	var b bytes.Buffer
	l.tpl.fill(&b, final, d)
	return b.Bytes(), nil
}

// cssColor is a colour as the stylesheet writes it: the custom property
// with the theme's colour as fallback.
func cssColor(name, hex string) string { return "var(--adviz-" + name + "," + hex + ")" }

// nodeVars returns a node's background, border colour and border width
// for its classes, as in the stylesheet (nodeLook).
func nodeVars(p *palette, class string) (bg, line, width string) {
	bgName, lineName, width := nodeLook(class)
	colors := p.colors()
	return cssColor(bgName, colors[bgName]), cssColor(lineName, colors[lineName]), width
}

// edgeVars returns an edge's colour, width, dashes and tail marker for its
// classes, as in the stylesheet (edgeLook).
func edgeVars(p *palette, class string) (color, width, dash, marker string) {
	name, width, dash, marker := edgeLook(class)
	return cssColor(name, p.colors()[name]), width, dash, marker
}

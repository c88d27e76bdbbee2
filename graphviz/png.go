//go:build !js

package graphviz

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/adviz/adviz/ad"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// PNG is drawn here, not by Graphviz: go-graphviz v0.2.10's own PNG
// renderer leaves out the texts and borders of HTML-like labels and black
// strokes. This rasterizer draws the SVG that StepSVG writes (polygons,
// Bézier paths and texts) with the colours the stylesheet gives its
// classes, in the Go fonts (golang.org/x/image, which go-graphviz links
// already), so a PNG looks like the SVG and is the same on every machine.

// DefaultPNGScale is the pixels per point of StepPNG when scale is 0,
// lowered for big graphs so that the image has at most AutoPNGPixels.
const DefaultPNGScale = 2

// AutoPNGPixels and MaxPNGPixels bound the size of a PNG: the first when
// StepPNG picks the scale, the second always.
const (
	AutoPNGPixels = 12e6
	MaxPNGPixels  = 100e6
)

// StepPNG returns the picture of t after step steps (as StepSVG draws
// it) as PNG, scale pixels per point (0 picks DefaultPNGScale, or less
// for a big graph).
func (l *Layout) StepPNG(t *ad.Trace, step int, scale float64) ([]byte, error) {
	svg, err := l.StepSVG(t, step)
	if err != nil {
		return nil, err
	}
	return rasterize(svg, l.opt.palette(), scale)
}

// stepPNG is RenderStep's PNG.
func (l *Layout) stepPNG(t *ad.Trace, step int) ([]byte, error) { return l.StepPNG(t, step, 0) }

// canvas is the image being drawn.
type canvas struct {
	img   *image.RGBA
	scale float64
	ox    float64 // the viewBox's origin
	oy    float64
	z     vector.Rasterizer
}

type pt struct{ x, y float64 }

// xform is an SVG transform: scale, then translate (Graphviz writes
// "scale(s s) rotate(0) translate(x y)", applied right to left).
type xform struct{ sx, sy, tx, ty float64 }

func (f xform) apply(p pt) pt { return pt{f.sx * (p.x + f.tx), f.sy * (p.y + f.ty)} }

func parseTransform(s string) xform {
	f := xform{sx: 1, sy: 1}
	nums := func(name string) []float64 {
		i := strings.Index(s, name+"(")
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return nil
		}
		return parseNums(s[i+len(name)+1 : i+j])
	}
	if v := nums("scale"); len(v) > 0 {
		f.sx, f.sy = v[0], v[0]
		if len(v) > 1 {
			f.sy = v[1]
		}
	}
	if v := nums("translate"); len(v) > 0 {
		f.tx = v[0]
		if len(v) > 1 {
			f.ty = v[1]
		}
	}
	return f
}

func parseNums(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

func parsePoints(s string) []pt {
	v := parseNums(s)
	pts := make([]pt, 0, len(v)/2)
	for i := 0; i+1 < len(v); i += 2 {
		pts = append(pts, pt{v[i], v[i+1]})
	}
	return pts
}

// parsePath reads Graphviz's edge paths: M x,y C x,y x,y x,y ... (and L),
// flattening the curves.
func parsePath(d string) []pt {
	var pts []pt
	var cmd byte
	var nums []float64
	flush := func() {
		switch cmd {
		case 'M', 'L':
			for i := 0; i+1 < len(nums); i += 2 {
				pts = append(pts, pt{nums[i], nums[i+1]})
			}
		case 'C':
			for i := 0; i+5 < len(nums) && len(pts) > 0; i += 6 {
				p0 := pts[len(pts)-1]
				p1, p2, p3 := pt{nums[i], nums[i+1]}, pt{nums[i+2], nums[i+3]}, pt{nums[i+4], nums[i+5]}
				for k := 1; k <= 12; k++ {
					t := float64(k) / 12
					u := 1 - t
					pts = append(pts, pt{
						u*u*u*p0.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
						u*u*u*p0.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
					})
				}
			}
		}
		nums = nums[:0]
	}
	start := 0
	for i := 0; i <= len(d); i++ {
		if i == len(d) || strings.IndexByte("MLCmlc", d[i]) >= 0 {
			nums = append(nums, parseNums(d[start:i])...)
			flush()
			if i < len(d) {
				cmd = d[i] &^ 0x20 // upper case; Graphviz writes absolute paths
			}
			start = i + 1
		}
	}
	return pts
}

func parseColor(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	switch s {
	case "", "none", "transparent":
		return color.RGBA{}, false
	case "black":
		return color.RGBA{0, 0, 0, 255}, true
	case "white":
		return color.RGBA{255, 255, 255, 255}, true
	}
	if len(s) == 7 && s[0] == '#' {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err == nil {
			return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
		}
	}
	return color.RGBA{}, false
}

func mustColor(s string) color.RGBA {
	c, _ := parseColor(s)
	return c
}

// fill fills the polygon pts (user units) with c.
func (cv *canvas) fill(pts []pt, c color.RGBA) {
	if len(pts) < 3 || c.A == 0 {
		return
	}
	minx, miny, maxx, maxy := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	dev := make([]pt, len(pts))
	for i, p := range pts {
		q := pt{(p.x - cv.ox) * cv.scale, (p.y - cv.oy) * cv.scale}
		dev[i] = q
		minx, miny = math.Min(minx, q.x), math.Min(miny, q.y)
		maxx, maxy = math.Max(maxx, q.x), math.Max(maxy, q.y)
	}
	b := cv.img.Bounds()
	r := image.Rect(int(math.Floor(minx)), int(math.Floor(miny)), int(math.Ceil(maxx))+1, int(math.Ceil(maxy))+1).Intersect(b)
	if r.Empty() {
		return
	}
	cv.z.Reset(r.Dx(), r.Dy())
	cv.z.DrawOp = draw.Over
	cv.z.MoveTo(float32(dev[0].x-float64(r.Min.X)), float32(dev[0].y-float64(r.Min.Y)))
	for _, q := range dev[1:] {
		cv.z.LineTo(float32(q.x-float64(r.Min.X)), float32(q.y-float64(r.Min.Y)))
	}
	cv.z.ClosePath()
	cv.z.Draw(cv.img, r, image.NewUniform(c), image.Point{})
}

// ccw returns pts counter-clockwise (on screen), so that overlapping
// pieces of one stroke add up instead of cancelling.
func ccw(pts []pt) []pt {
	a := 0.0
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		a += p.x*q.y - q.x*p.y
	}
	if a < 0 {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return pts
}

// stroke draws the polyline pts with width w (user units), round joins
// and caps, and an optional dash pattern.
func (cv *canvas) stroke(pts []pt, closed bool, w float64, dash []float64, c color.RGBA) {
	if len(pts) < 2 || c.A == 0 || w <= 0 {
		return
	}
	if closed {
		pts = append(append([]pt{}, pts...), pts[0])
	}
	var pieces [][]pt
	if len(dash) >= 2 {
		pieces = dashes(pts, dash)
	} else {
		pieces = [][]pt{pts}
	}
	// Quads along the segments and discs at the joints, all
	// counter-clockwise so that their coverage adds, rasterized a few
	// segments at a time (a rasterizer costs its bounding box's area).
	var shapes [][]pt
	h := w / 2
	for _, pc := range pieces {
		for i := 0; i+1 < len(pc); i++ {
			p, q := pc[i], pc[i+1]
			dx, dy := q.x-p.x, q.y-p.y
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*h, dx/l*h
			shapes = append(shapes, ccw([]pt{{p.x + nx, p.y + ny}, {q.x + nx, q.y + ny}, {q.x - nx, q.y - ny}, {p.x - nx, p.y - ny}}),
				disc(p, h))
			if len(shapes) >= 12 {
				cv.fillAll(shapes, c)
				shapes = shapes[:0]
			}
		}
		shapes = append(shapes, disc(pc[len(pc)-1], h))
	}
	cv.fillAll(shapes, c)
}

func disc(p pt, r float64) []pt {
	const n = 10
	out := make([]pt, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / n
		out[i] = pt{p.x + r*math.Cos(a), p.y + r*math.Sin(a)}
	}
	return ccw(out)
}

// fillAll fills several polygons as one shape (nonzero winding).
func (cv *canvas) fillAll(shapes [][]pt, c color.RGBA) {
	minx, miny, maxx, maxy := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range shapes {
		for _, p := range s {
			minx, miny = math.Min(minx, p.x), math.Min(miny, p.y)
			maxx, maxy = math.Max(maxx, p.x), math.Max(maxy, p.y)
		}
	}
	if len(shapes) == 0 {
		return
	}
	s := cv.scale
	r := image.Rect(int(math.Floor((minx-cv.ox)*s)), int(math.Floor((miny-cv.oy)*s)),
		int(math.Ceil((maxx-cv.ox)*s))+1, int(math.Ceil((maxy-cv.oy)*s))+1).Intersect(cv.img.Bounds())
	if r.Empty() {
		return
	}
	cv.z.Reset(r.Dx(), r.Dy())
	cv.z.DrawOp = draw.Over
	for _, sh := range shapes {
		for i, p := range sh {
			x, y := float32((p.x-cv.ox)*s-float64(r.Min.X)), float32((p.y-cv.oy)*s-float64(r.Min.Y))
			if i == 0 {
				cv.z.MoveTo(x, y)
			} else {
				cv.z.LineTo(x, y)
			}
		}
		cv.z.ClosePath()
	}
	cv.z.Draw(cv.img, r, image.NewUniform(c), image.Point{})
}

// dashes cuts a polyline into its dashes.
func dashes(pts []pt, pattern []float64) [][]pt {
	var out [][]pt
	i, left, on := 0, pattern[0], true
	cur := []pt{pts[0]}
	for k := 0; k+1 < len(pts); k++ {
		p, q := pts[k], pts[k+1]
		seg := math.Hypot(q.x-p.x, q.y-p.y)
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			m := pt{p.x + (q.x-p.x)*t, p.y + (q.y-p.y)*t}
			if on {
				out = append(out, append(cur, m))
			}
			cur = []pt{m}
			on = !on
			i = (i + 1) % len(pattern)
			left = pattern[i]
		}
		left -= seg - pos
		cur = append(cur, q)
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// Fonts: the Go fonts, by family and weight.
var faces struct {
	sync.Mutex
	fonts map[string]*sfnt.Font
	faces map[string]font.Face
}

func face(mono, bold, italic bool, size float64) (font.Face, *sfnt.Font) {
	faces.Lock()
	defer faces.Unlock()
	if faces.fonts == nil {
		faces.fonts = map[string]*sfnt.Font{}
		faces.faces = map[string]font.Face{}
		for name, data := range map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF, "italic": goitalic.TTF,
			"mono": gomono.TTF, "monobold": gomonobold.TTF} {
			f, err := opentype.Parse(data)
			if err != nil {
				panic(err) // the fonts are compiled in
			}
			faces.fonts[name] = f
		}
	}
	name := "regular"
	switch {
	case mono && bold:
		name = "monobold"
	case mono:
		name = "mono"
	case bold:
		name = "bold"
	case italic:
		name = "italic"
	}
	key := name + "/" + strconv.FormatFloat(size, 'f', 2, 64)
	if f := faces.faces[key]; f != nil {
		return f, faces.fonts[name]
	}
	f, err := opentype.NewFace(faces.fonts[name], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	faces.faces[key] = f
	return f, faces.fonts[name]
}

// textStyle is how a <text> is drawn.
type textStyle struct {
	size               float64
	mono, bold, italic bool
	anchor             string
	color              color.RGBA
	underline          bool
}

// glyphs splits s into base characters and their combining marks (the
// dot of a tangent, the bar of an adjoint), which the Go fonts lack, as
// they lack the precomposed letters (ẋ, ȳ) that ad writes for names.
type glyph struct {
	r    rune
	mark rune // 0, U+0307 (dot above) or U+0304 (macron)
}

func glyphs(s string) []glyph {
	var gs []glyph
	for _, r := range s {
		if (r == 0x307 || r == 0x304) && len(gs) > 0 {
			gs[len(gs)-1].mark = r
			continue
		}
		if r >= 0x300 && r < 0x370 {
			continue // other combining marks: left out
		}
		if r == 0x29f5 { // the backslash lookalike
			r = '\\'
		}
		if base, mark, ok := ad.Decompose(r); ok {
			gs = append(gs, glyph{r: base, mark: mark})
			continue
		}
		gs = append(gs, glyph{r: r})
	}
	return gs
}

// text draws s at (x, y) (user units, baseline) in style st.
func (cv *canvas) text(s string, x, y float64, st textStyle) {
	size := st.size * cv.scale
	f, sf := face(st.mono, st.bold, st.italic, size)
	gs := glyphs(s)
	var buf sfnt.Buffer
	advance := func(r rune) fixed.Int26_6 {
		a, ok := f.GlyphAdvance(r)
		if !ok {
			return fixed.I(int(size * 0.6))
		}
		return a
	}
	width := fixed.Int26_6(0)
	for _, g := range gs {
		width += advance(g.r)
	}
	px, py := (x-cv.ox)*cv.scale, (y-cv.oy)*cv.scale
	switch st.anchor {
	case "middle":
		px -= float64(width) / 64 / 2
	case "end":
		px -= float64(width) / 64
	}
	d := font.Drawer{Dst: cv.img, Src: image.NewUniform(st.color), Face: f, Dot: fixed.Point26_6{X: fixed.Int26_6(px * 64), Y: fixed.Int26_6(py * 64)}}
	m := f.Metrics()
	xh := float64(m.XHeight) / 64
	if xh <= 0 {
		xh = size * 0.5
	}
	for _, g := range gs {
		start := float64(d.Dot.X) / 64
		adv := float64(advance(g.r)) / 64
		if idx, _ := sf.GlyphIndex(&buf, g.r); idx == 0 && g.r == '⚠' {
			cv.warning(start, py, size, st.color)
			d.Dot.X += advance(g.r)
		} else {
			d.DrawString(string(g.r))
		}
		if g.mark != 0 {
			// Over the base: a dot (tangent) or a bar (adjoint).
			cx, top := start+adv/2, py-xh-size*0.16
			if g.r >= 'A' && g.r <= 'Z' || g.r >= '0' && g.r <= '9' {
				top = py - float64(m.CapHeight)/64 - size*0.16
			}
			inv := 1 / cv.scale
			c := pt{cx*inv + cv.ox, top*inv + cv.oy}
			if g.mark == 0x307 {
				cv.fill(disc(c, size*0.075*inv), st.color)
			} else {
				hw, hh := adv*0.36*inv, size*0.035*inv
				cv.fill([]pt{{c.x - hw, c.y - hh}, {c.x + hw, c.y - hh}, {c.x + hw, c.y + hh}, {c.x - hw, c.y + hh}}, st.color)
			}
		}
	}
	if st.underline {
		inv := 1 / cv.scale
		y0 := (py+size*0.12)*inv + cv.oy
		x0, x1 := px*inv+cv.ox, (px+float64(width)/64)*inv+cv.ox
		cv.stroke([]pt{{x0, y0}, {x1, y0}}, false, size*0.06*inv, nil, st.color)
	}
}

// warning draws ⚠ (the Go fonts lack it) at device position x, baseline y.
func (cv *canvas) warning(x, y, size float64, c color.RGBA) {
	inv := 1 / cv.scale
	p := func(dx, dy float64) pt { return pt{(x+dx)*inv + cv.ox, (y+dy)*inv + cv.oy} }
	w := size * 0.9
	cv.fill([]pt{p(0, 0), p(w, 0), p(w/2, -w*0.9)}, c)
	white := color.RGBA{255, 255, 255, 255}
	cv.fill([]pt{p(w*0.45, -w*0.62), p(w*0.55, -w*0.62), p(w*0.53, -w*0.28), p(w*0.47, -w*0.28)}, white)
	cv.fill(disc(p(w/2, -w*0.14), size*0.06*inv), white)
}

// element is a parsed SVG element with its enclosing groups' classes.
type element struct {
	name  string
	attrs map[string]string
	text  string
	node  string // class of the enclosing node group, or ""
	edge  string // class of the enclosing edge group, or ""
	first bool   // the first polygon of its node
	xf    xform
	graph bool // a direct child of the graph group
}

// rasterize draws svg (written by StepSVG) at scale as PNG.
func rasterize(svg []byte, p *palette, scale float64) ([]byte, error) {
	img, err := rasterImage(svg, p, scale, MaxPNGPixels)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// rasterImage draws svg (written by StepSVG) at scale pixels per point
// (0: DefaultPNGScale, or less so that the image has at most
// AutoPNGPixels); an image over maxPixels is an error.
func rasterImage(svg []byte, p *palette, scale, maxPixels float64) (*image.RGBA, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	type group struct {
		class string
		xf    xform
		polys *int // polygons drawn so far in the node or graph group
	}
	stack := []group{{xf: xform{sx: 1, sy: 1}}}
	var els []*element
	var cur *element
	var vb []float64
	skip := 0 // inside <style>, <defs>, <title>
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("graphviz: png: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
			}
			name := tok.Name.Local
			if skip > 0 || name == "style" || name == "defs" || name == "title" {
				skip++
				continue
			}
			top := &stack[len(stack)-1]
			switch name {
			case "svg":
				vb = parseNums(attrs["viewBox"])
			case "g":
				g := group{class: top.class, xf: top.xf, polys: top.polys}
				if c := attrs["class"]; strings.HasPrefix(c, "node") || strings.HasPrefix(c, "edge") || c == "graph" {
					g.class, g.polys = c, new(int)
				}
				if tr := attrs["transform"]; tr != "" {
					g.xf = parseTransform(tr)
				}
				stack = append(stack, g)
				continue
			case "polygon", "path", "text", "rect", "polyline":
				el := &element{name: name, attrs: attrs, xf: top.xf, graph: top.class == "graph"}
				if name == "polygon" && top.polys != nil {
					el.first = *top.polys == 0
					*top.polys++
				}
				switch {
				case strings.HasPrefix(top.class, "node"):
					el.node = top.class
				case strings.HasPrefix(top.class, "edge"):
					el.edge = top.class
				}
				els = append(els, el)
				cur = el
			}
			stack = append(stack, stack[len(stack)-1])
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			cur = nil
		case xml.CharData:
			if cur != nil && cur.name == "text" && skip == 0 {
				cur.text += string(tok)
			}
		}
	}
	if len(vb) != 4 || vb[2] <= 0 || vb[3] <= 0 {
		return nil, fmt.Errorf("graphviz: png: no viewBox")
	}
	if scale <= 0 {
		scale = math.Min(DefaultPNGScale, math.Sqrt(AutoPNGPixels/(vb[2]*vb[3])))
	}
	w, h := int(math.Ceil(vb[2]*scale)), int(math.Ceil(vb[3]*scale))
	if float64(w)*float64(h) > maxPixels {
		return nil, fmt.Errorf("graphviz: png: %dx%d pixels is too large; use a smaller scale", w, h)
	}
	cv := &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), scale: scale, ox: vb[0], oy: vb[1]}
	bg := mustColor(p.bg)
	row := cv.img.Pix[:4*w]
	for x := 0; x < w; x++ {
		row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = bg.R, bg.G, bg.B, 255
	}
	for y := 1; y < h; y++ {
		copy(cv.img.Pix[y*cv.img.Stride:], row)
	}
	for _, el := range els {
		cv.draw(el, p)
	}
	return cv.img, nil
}

// draw draws one element with the colours its classes have in the
// stylesheet.
func (cv *canvas) draw(el *element, p *palette) {
	colors := p.colors()
	a := el.attrs
	fill, hasFill := parseColor(a["fill"])
	strokeC, hasStroke := parseColor(a["stroke"])
	sw := 1.0
	if v, err := strconv.ParseFloat(a["stroke-width"], 64); err == nil {
		sw = v
	}
	switch el.name {
	case "polygon", "polyline", "rect":
		var pts []pt
		if el.name == "rect" {
			x, _ := strconv.ParseFloat(a["x"], 64)
			y, _ := strconv.ParseFloat(a["y"], 64)
			rw, _ := strconv.ParseFloat(a["width"], 64)
			rh, _ := strconv.ParseFloat(a["height"], 64)
			pts = []pt{{x, y}, {x + rw, y}, {x + rw, y + rh}, {x, y + rh}}
		} else {
			pts = parsePoints(a["points"])
		}
		for i := range pts {
			pts[i] = el.xf.apply(pts[i])
		}
		switch {
		case el.node != "":
			bgName, lineName, width := nodeLook(el.node)
			if a["fill"] == "none" {
				w, _ := strconv.ParseFloat(width, 64)
				cv.stroke(pts, true, w, nil, mustColor(colors[lineName]))
			} else if el.first {
				cv.fill(pts, mustColor(colors[bgName]))
			} else {
				cv.fill(pts, fill)
			}
			return
		case el.edge != "":
			// An arrowhead; an adjoint step's keeps the edge colour (its
			// tail gets the adjoint's arrow).
			c := mustColor(edgeColor(p, el.edge))
			if strings.HasSuffix(el.edge, " active adjoint") {
				c = mustColor(p.edge)
			}
			cv.fill(pts, c)
			cv.stroke(pts, true, 1, nil, c)
			return
		case el.graph && el.first, el.name == "rect" && a["fill"] == p.bg:
			return // the background, already painted
		}
		if hasFill && el.name != "polyline" {
			cv.fill(pts, fill)
		}
		if hasStroke {
			cv.stroke(pts, el.name != "polyline", sw, nil, strokeC)
		}
	case "path":
		pts := parsePath(a["d"])
		for i := range pts {
			pts[i] = el.xf.apply(pts[i])
		}
		if el.edge == "" {
			if hasStroke {
				cv.stroke(pts, false, sw, nil, strokeC)
			}
			return
		}
		name, width, dashes, marker := edgeLook(el.edge)
		c := mustColor(colors[name])
		w := parseNums(width)[0]
		var dash []float64
		if dashes != "none" {
			dash = parseNums(dashes)
		}
		if marker != "none" && len(pts) > 1 {
			// Adjoints flow back: an arrowhead at the tail.
			tip, from := pts[0], pts[1]
			dx, dy := from.x-tip.x, from.y-tip.y
			l := math.Hypot(dx, dy)
			if l > 0 {
				ux, uy := dx/l, dy/l
				b := pt{tip.x + ux*9, tip.y + uy*9}
				cv.fill([]pt{tip, {b.x - uy*4, b.y + ux*4}, {b.x + uy*4, b.y - ux*4}}, mustColor(p.adjoint))
			}
		}
		cv.stroke(pts, false, w, dash, c)
	case "text":
		x, _ := strconv.ParseFloat(a["x"], 64)
		y, _ := strconv.ParseFloat(a["y"], 64)
		q := el.xf.apply(pt{x, y})
		size, _ := strconv.ParseFloat(a["font-size"], 64)
		if size <= 0 {
			size = 14
		}
		st := textStyle{
			size:   size,
			mono:   strings.Contains(strings.ToLower(a["font-family"]), "courier") || strings.Contains(a["font-family"], "mono"),
			bold:   a["font-weight"] == "bold",
			italic: a["font-style"] == "italic",
			anchor: a["text-anchor"],
			color:  fill,
		}
		if !hasFill {
			st.color = mustColor(p.fg)
		}
		cls := " " + a["class"] + " "
		switch {
		case strings.Contains(cls, " field "):
			st.color = mustColor(p.fieldColor(cls))
			if strings.Contains(cls, " changed ") {
				st.bold, st.underline = true, true
			}
		case strings.Contains(cls, " mark "):
			c := p.errorC
			if strings.Contains(cls, " warning ") {
				c = p.warningC
			}
			st.color = mustColor(c)
		case strings.Contains(cls, " label "):
			st.color = mustColor(p.muted)
			if strings.Contains(el.edge, " active") {
				st.color, st.bold = mustColor(p.fg), true
			}
		case strings.HasPrefix(a["class"], "caption"):
			st.color = mustColor(p.fg)
		}
		cv.text(el.text, q.x, q.y, st)
	}
}

// edgeColor is an edge's colour for its classes, as in the stylesheet.
func edgeColor(p *palette, class string) string {
	name, _, _, _ := edgeLook(class)
	return p.colors()[name]
}

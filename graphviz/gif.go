//go:build !js

package graphviz

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/adviz/adviz/ad"
)

// Slides cannot play an SVG's CSS animation; a GIF plays everywhere
// (PowerPoint, Keynote, Google Slides, Beamer through a PNG sequence, video
// editors). GIF draws every step with the PNG rasterizer, maps the frames
// to one 256-colour palette chosen for the theme, and stores each frame
// after the first as the rectangle that changed.

// Limits of a GIF, so that one stays a few MB and takes seconds at most to
// make: at most MaxGIFFrames steps, each frame at most GIFFramePixels
// (the scale is lowered to fit), and at most MaxGIFPixels over all frames
// (beyond that, GIF returns an error; the API answers 413).
const (
	MaxGIFFrames    = 1000
	GIFFramePixels  = 1.2e6
	MaxGIFPixels    = 400e6
	DefaultGIFScale = 1.5
)

// GIFOptions say how a GIF is drawn.
type GIFOptions struct {
	Animation
	// Scale is pixels per point: 0 picks DefaultGIFScale, or less so that a
	// frame has at most GIFFramePixels.
	Scale float64
}

// GIFCost returns the number of frames and pixels GIF would draw for t
// with these options, without drawing anything, so a caller can refuse
// a GIF over the limits before it starts (CheckGIF).
func (l *Layout) GIFCost(t *ad.Trace, o GIFOptions) (frames int, pixels float64) {
	w, h := l.pictureSize(t)
	s := gifScale(w, h, o.Scale)
	return len(t.Steps) + 1, float64(len(t.Steps)+1) * math.Ceil(w*s) * math.Ceil(h*s)
}

// CheckGIF reports whether a GIF of t is within MaxGIFFrames and
// MaxGIFPixels, with an error that says which limit it crosses.
func (l *Layout) CheckGIF(t *ad.Trace, o GIFOptions) error {
	if err := checkGIFFrames(len(t.Steps)); err != nil {
		return err
	}
	frames, pixels := l.GIFCost(t, o)
	switch {
	case pixels > MaxGIFPixels:
		return &LimitError{What: "gif", Msg: fmt.Sprintf("a GIF of %d frames of this graph is %.0f million pixels: the limit is %.0f million (use a smaller scale or a smaller program)", frames, pixels/1e6, MaxGIFPixels/1e6)}
	}
	return nil
}

// checkGIFFrames reports whether a GIF of a trace of steps steps has at
// most MaxGIFFrames frames.
func checkGIFFrames(steps int) error {
	if steps+1 > MaxGIFFrames {
		return &LimitError{What: "gif", Msg: fmt.Sprintf("a GIF of %d steps is too long: the limit is %d frames (show a shorter program, or use the animated SVG)", steps, MaxGIFFrames)}
	}
	return nil
}

// LimitError is a picture over one of this package's size limits.
type LimitError struct {
	What string // "gif", "storyboard"
	Msg  string
}

func (e *LimitError) Error() string { return "graphviz: " + e.Msg }

// pictureSize is the size in points of a step's picture (the viewBox of
// StepSVG): every step of a trace has the same.
func (l *Layout) pictureSize(t *ad.Trace) (w, h float64) {
	svg, err := l.StepSVG(t, 0)
	if err != nil {
		return 0, 0
	}
	vb := viewBox(svg)
	if len(vb) != 4 {
		return 0, 0
	}
	return vb[2], vb[3]
}

// viewBox returns the numbers of the root element's viewBox.
func viewBox(svg []byte) []float64 {
	i := bytes.Index(svg, []byte(`viewBox="`))
	if i < 0 {
		return nil
	}
	rest := svg[i+len(`viewBox="`):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return nil
	}
	return parseNums(string(rest[:j]))
}

func gifScale(w, h, scale float64) float64 {
	if scale > 0 {
		return scale
	}
	if w <= 0 || h <= 0 {
		return DefaultGIFScale
	}
	return math.Min(DefaultGIFScale, math.Sqrt(GIFFramePixels/(w*h)))
}

// GIF returns every step of t, from step 0 to the finished trace, as an
// animated GIF that loops: one frame per step shown for o.Frame (1.5 s by
// default; GIF counts in hundredths of a second), the finished state held
// o.Hold frames longer (3 by default). The frames are the pictures StepSVG
// draws (with the caption when the layout's options have one), in the
// theme's colours. The output is deterministic.
func (l *Layout) GIF(t *ad.Trace, o GIFOptions) ([]byte, error) {
	if err := l.check(t); err != nil {
		return nil, err
	}
	if err := l.CheckGIF(t, o); err != nil {
		return nil, err
	}
	frames, err := l.rasterSteps(t, o.Scale)
	if err != nil {
		return nil, err
	}
	pal := gifPalette(l.opt.palette())
	clear := uint8(len(pal) - 1)
	delay := gifDelay(o.Frame)
	hold := o.Hold
	if hold == 0 {
		hold = 3
	}
	if hold < 0 {
		hold = 0
	}
	anim := &gif.GIF{Config: image.Config{ColorModel: pal, Width: frames[0].Rect.Dx(), Height: frames[0].Rect.Dy()}}
	idx := newColorIndex(pal)
	var prev *image.Paletted
	for i, f := range frames {
		cur := idx.paletted(f, pal)
		img := cur
		if prev != nil {
			// Only the rectangle that changed, and in it the pixels that
			// stay as they were are transparent: long runs of one index,
			// which LZW stores in a few bits.
			r := changed(prev, cur)
			if r.Empty() {
				r = image.Rect(0, 0, 1, 1)
			}
			img = image.NewPaletted(r, pal)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				a := prev.Pix[y*prev.Stride+r.Min.X : y*prev.Stride+r.Max.X]
				b := cur.Pix[y*cur.Stride+r.Min.X : y*cur.Stride+r.Max.X]
				dst := img.Pix[(y-r.Min.Y)*img.Stride : (y-r.Min.Y)*img.Stride+r.Dx()]
				for x := range dst {
					if a[x] == b[x] {
						dst[x] = clear
					} else {
						dst[x] = b[x]
					}
				}
			}
		}
		d := delay
		if i == len(frames)-1 {
			d = delay * (1 + hold)
		}
		anim.Image = append(anim.Image, img)
		anim.Delay = append(anim.Delay, d)
		anim.Disposal = append(anim.Disposal, gif.DisposalNone)
		prev = cur
	}
	var out bytes.Buffer
	if err := gif.EncodeAll(&out, anim); err != nil {
		return nil, fmt.Errorf("graphviz: gif: %w", err)
	}
	return out.Bytes(), nil
}

// gifDelay converts a frame time to GIF's hundredths of a second (0:
// 1.5 s). Viewers show delays under 2 as 10, so 2 is the least.
func gifDelay(frame time.Duration) int {
	if frame <= 0 {
		frame = 1500 * time.Millisecond
	}
	return max(2, int(math.Round(frame.Seconds()*100)))
}

// rasterSteps draws steps 0 ... len(t.Steps) as images of one size.
func (l *Layout) rasterSteps(t *ad.Trace, scale float64) ([]*image.RGBA, error) {
	w, h := l.pictureSize(t)
	s := gifScale(w, h, scale)
	p := l.opt.palette()
	out := make([]*image.RGBA, 0, len(t.Steps)+1)
	for step := 0; step <= len(t.Steps); step++ {
		svg, err := l.StepSVG(t, step)
		if err != nil {
			return nil, err
		}
		img, err := rasterImage(svg, p, s, MaxPNGPixels)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// gifPalette is the GIF's palette for a theme: its own colours exactly,
// and between every background and every colour drawn on it, three
// blends (the shades of anti-aliased text and lines are such blends), then
// one transparent entry, the last, that later frames use for the pixels
// that did not change. It depends on the theme alone, so every GIF of a
// theme shares it.
func gifPalette(p *palette) color.Palette {
	seen := map[color.RGBA]bool{}
	var pal color.Palette
	add := func(c color.RGBA) {
		c.A = 255
		if !seen[c] && len(pal) < 255 {
			seen[c] = true
			pal = append(pal, c)
		}
	}
	backs := []string{p.bg, p.doneBg, p.pendingBg, p.currentBg, p.sourceBg}
	fores := []string{p.fg, p.muted, p.tangent, p.adjoint, p.tangentStrong, p.adjointStrong, p.edge, p.errorC, p.warningC,
		p.doneLn, p.pendingLn, p.currentLn, p.sourceLn, "#ffffff"}
	for _, c := range append(slices.Clone(backs), fores...) {
		add(mustColor(c))
	}
	for _, alpha := range []float64{0.5, 0.25, 0.75} {
		for _, f := range fores {
			for _, b := range backs {
				add(blend(mustColor(f), mustColor(b), alpha))
			}
		}
	}
	return append(pal, color.RGBA{})
}

// blend is alpha of f over b.
func blend(f, b color.RGBA, alpha float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(alpha*float64(x) + (1-alpha)*float64(y))) }
	return color.RGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 255}
}

// colorIndex maps colours to their nearest palette entry, remembering
// the answers (a picture has few distinct colours).
type colorIndex struct {
	memo map[uint32]uint8
	pal  color.Palette
}

func newColorIndex(pal color.Palette) *colorIndex {
	return &colorIndex{memo: map[uint32]uint8{}, pal: pal}
}

func (ci *colorIndex) index(r, g, b uint8) uint8 {
	k := uint32(r)<<16 | uint32(g)<<8 | uint32(b)
	if i, ok := ci.memo[k]; ok {
		return i
	}
	best, bestD := 0, math.MaxInt
	for i, c := range ci.pal[:len(ci.pal)-1] { // the last is transparent
		pc := c.(color.RGBA)
		dr, dg, db := int(pc.R)-int(r), int(pc.G)-int(g), int(pc.B)-int(b)
		// Weighted for the eye's sensitivity, as in "redmean" distance.
		d := 3*dr*dr + 4*dg*dg + 2*db*db
		if d < bestD {
			best, bestD = i, d
		}
	}
	ci.memo[k] = uint8(best)
	return uint8(best)
}

// paletted maps an image to the palette.
func (ci *colorIndex) paletted(img *image.RGBA, pal color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Rect, pal)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		src := img.Pix[y*img.Stride : y*img.Stride+4*w]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := 0; x < w; x++ {
			dst[x] = ci.index(src[4*x], src[4*x+1], src[4*x+2])
		}
	}
	return out
}

// changed returns the smallest rectangle outside which a and b agree.
func changed(a, b *image.Paletted) image.Rectangle {
	w, h := a.Rect.Dx(), a.Rect.Dy()
	x0, y0, x1, y1 := w, h, 0, 0
	for y := 0; y < h; y++ {
		ra := a.Pix[y*a.Stride : y*a.Stride+w]
		rb := b.Pix[y*b.Stride : y*b.Stride+w]
		if bytes.Equal(ra, rb) {
			continue
		}
		y0, y1 = min(y0, y), max(y1, y+1)
		l := 0
		for l < w && ra[l] == rb[l] {
			l++
		}
		r := w
		for r > l && ra[r-1] == rb[r-1] {
			r--
		}
		x0, x1 = min(x0, l), max(x1, r)
	}
	if x1 <= x0 || y1 <= y0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1)
}

// Storyboard limits: at most MaxStoryboardFrames small pictures, and at
// most MaxPNGPixels in all.
const (
	MaxStoryboardFrames  = 400
	DefaultStoryboardCol = 4
)

// StoryboardOptions say how a storyboard is laid out.
type StoryboardOptions struct {
	Columns int     // pictures per row; 0: DefaultStoryboardCol
	Scale   float64 // pixels per point of each picture (PNG); 0 picks one so a picture is ~480 px wide
}

// storyboardSteps returns the steps a storyboard shows: 0 ... len(t.Steps).
func storyboardSteps(t *ad.Trace) (int, error) {
	n := len(t.Steps) + 1
	if n > MaxStoryboardFrames {
		return 0, &LimitError{What: "storyboard", Msg: fmt.Sprintf("a storyboard of %d steps is too long: the limit is %d pictures", n-1, MaxStoryboardFrames)}
	}
	return n, nil
}

// StoryboardPNG returns every step of t as a grid of small pictures in one
// PNG, each labelled with its step number, for handouts and printed exams.
// With a caption in the layout's options each picture carries its step's
// arithmetic.
func (l *Layout) StoryboardPNG(t *ad.Trace, o StoryboardOptions) ([]byte, error) {
	if err := l.check(t); err != nil {
		return nil, err
	}
	n, err := storyboardSteps(t)
	if err != nil {
		return nil, err
	}
	cols := o.Columns
	if cols <= 0 {
		cols = DefaultStoryboardCol
	}
	cols = min(cols, n)
	rows := (n + cols - 1) / cols
	w, h := l.pictureSize(t)
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("graphviz: storyboard: the picture has no size")
	}
	s := o.Scale
	if s <= 0 {
		s = math.Min(1.5, 480/w)
	}
	const gap, label = 16, 22 // pixels between pictures, and for the step number above each
	fw, fh := int(math.Ceil(w*s)), int(math.Ceil(h*s))
	W, H := cols*fw+(cols+1)*gap, rows*(fh+label)+(rows+1)*gap
	if float64(W)*float64(H) > MaxPNGPixels {
		return nil, &LimitError{What: "storyboard", Msg: fmt.Sprintf("a storyboard of %dx%d pixels is too large (the limit is %.0f million); use a smaller scale", W, H, MaxPNGPixels/1e6)}
	}
	p := l.opt.palette()
	board := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(board, board.Rect, image.NewUniform(mustColor(p.bg)), image.Point{}, draw.Src)
	cv := &canvas{img: board, scale: 1}
	for step := 0; step < n; step++ {
		svg, err := l.StepSVG(t, step)
		if err != nil {
			return nil, err
		}
		img, err := rasterImage(svg, p, s, MaxPNGPixels)
		if err != nil {
			return nil, err
		}
		c, r := step%cols, step/cols
		x, y := gap+c*(fw+gap), gap+r*(fh+label+gap)
		cv.text(storyboardLabel(t, step), float64(x), float64(y+label-6), textStyle{size: 14, bold: true, color: mustColor(p.fg)})
		dst := image.Rect(x, y+label, x+img.Rect.Dx(), y+label+img.Rect.Dy())
		draw.Draw(board, dst, img, image.Point{}, draw.Src)
		frame := []pt{{float64(dst.Min.X) - 0.5, float64(dst.Min.Y) - 0.5}, {float64(dst.Max.X) + 0.5, float64(dst.Min.Y) - 0.5},
			{float64(dst.Max.X) + 0.5, float64(dst.Max.Y) + 0.5}, {float64(dst.Min.X) - 0.5, float64(dst.Max.Y) + 0.5}}
		cv.stroke(frame, true, 1, nil, mustColor(p.pendingLn))
	}
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, board); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// storyboardLabel names a picture of the storyboard: "step 3 of 16".
func storyboardLabel(t *ad.Trace, step int) string {
	if step == 0 {
		return "step 0 of " + strconv.Itoa(len(t.Steps)) + " (start)"
	}
	return "step " + strconv.Itoa(step) + " of " + strconv.Itoa(len(t.Steps))
}

// StoryboardSVG is StoryboardPNG as one SVG: each step's picture nested
// as an <svg> in a grid (its ids prefixed with "s<step>-" so they stay
// unique), labelled with its step number.
func (l *Layout) StoryboardSVG(t *ad.Trace, o StoryboardOptions) ([]byte, error) {
	if err := l.check(t); err != nil {
		return nil, err
	}
	n, err := storyboardSteps(t)
	if err != nil {
		return nil, err
	}
	cols := o.Columns
	if cols <= 0 {
		cols = DefaultStoryboardCol
	}
	cols = min(cols, n)
	rows := (n + cols - 1) / cols
	w, h := l.pictureSize(t)
	s := 0.5 // points of the board per point of a picture
	const gap, label = 12.0, 16.0
	fw, fh := w*s, h*s
	W, H := float64(cols)*fw+float64(cols+1)*gap, float64(rows)*(fh+label)+float64(rows+1)*gap
	p := l.opt.palette()
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="adviz adviz-%s adviz-storyboard" width="%spt" height="%spt" viewBox="0 0 %s %s">`+"\n",
		l.opt.norm().Theme, ftoa(round2(W)), ftoa(round2(H)), ftoa(round2(W)), ftoa(round2(H)))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="%s"/>`+"\n", ftoa(round2(W)), ftoa(round2(H)), p.bg)
	for step := 0; step < n; step++ {
		svg, err := l.StepSVG(t, step)
		if err != nil {
			return nil, err
		}
		c, r := step%cols, step/cols
		x, y := gap+float64(c)*(fw+gap), gap+float64(r)*(fh+label+gap)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-family="Helvetica,Arial,sans-serif" font-size="10" font-weight="bold" fill="%s">%s</text>`+"\n",
			ftoa(round2(x)), ftoa(round2(y+label-4)), p.fg, xmlEscape(storyboardLabel(t, step)))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="0.5"/>`+"\n",
			ftoa(round2(x)), ftoa(round2(y+label)), ftoa(round2(fw)), ftoa(round2(fh)), p.pendingLn)
		b.Write(nestSVG(svg, "s"+strconv.Itoa(step)+"-", x, y+label, fw, fh))
		b.WriteByte('\n')
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// nestSVG turns a picture's root <svg ...> into a nested one placed at
// (x, y) with size (w, h), dropping the XML prolog, and prefixes its ids
// (and the references to them) so that many pictures share one document.
func nestSVG(svg []byte, prefix string, x, y, w, h float64) []byte {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return nil
	}
	head := s[:end]
	rest := s[end:]
	vb := ""
	if i := strings.Index(head, `viewBox="`); i >= 0 {
		j := strings.IndexByte(head[i+9:], '"')
		vb = head[i+9 : i+9+j]
	}
	cls := ""
	if i := strings.Index(head, `class="`); i >= 0 {
		j := strings.IndexByte(head[i+7:], '"')
		cls = head[i+7 : i+7+j]
	}
	rest = strings.NewReplacer(`id="`, `id="`+prefix, `url(#`, `url(#`+prefix, `href="#`, `href="#`+prefix).Replace(rest)
	return []byte(fmt.Sprintf(`<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s" class="%s"`,
		ftoa(round2(x)), ftoa(round2(y)), ftoa(round2(w)), ftoa(round2(h)), vb, cls) + rest)
}

var xmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace

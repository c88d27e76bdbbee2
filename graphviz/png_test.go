//go:build !js

package graphviz

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/adviz/adviz/ad"
)

// TestStepPNG checks the rasterized picture: a PNG of the SVG's size,
// the same bytes every time, with the state's colours where they belong
// (the current node's background, the tangent and adjoint colours of the
// numbers).
func TestStepPNG(t *testing.T) {
	r := testRenderer(t)
	tr := baydin(t, ad.Reverse)
	l, err := NewLayout(context.Background(), r, tr.Graph, Options{Caption: true, Legend: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.StepPNG(tr, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	again, err := l.RenderStep(context.Background(), r, tr, 10, FormatPNG)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Error("PNG is not deterministic (or RenderStep's PNG is not StepPNG)")
	}
	golden(t, "baydin-reverse-10.png", b)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	svg, _ := l.StepSVG(tr, 10)
	vb := parseNums(parseXML(t, svg).all("svg")[0].attrs["viewBox"])
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != int(math.Ceil(vb[2]*2)) || h != int(math.Ceil(vb[3]*2)) {
		t.Errorf("PNG is %dx%d, the SVG %vx%v points", w, h, vb[2], vb[3])
	}
	p := palettes["light"]
	count := func(hex string) int {
		c := mustColor(hex)
		n := 0
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(b>>8) == c.B {
					n++
				}
			}
		}
		return n
	}
	// v3 is current: a yellow box of about 100x60 points, 4 px a point.
	if n := count(p.currentBg); n < 10000 {
		t.Errorf("%d pixels of the current node's colour", n)
	}
	if n := count(p.sourceBg); n < 10000 {
		t.Errorf("%d pixels of the source node's colour", n)
	}
	for _, c := range []string{p.tangent, p.adjoint, p.pendingBg} {
		if n := count(c); n < 50 {
			t.Errorf("%d pixels of %s", n, c)
		}
	}
	// Dark theme: a dark background.
	ld, err := NewLayout(context.Background(), r, tr.Graph, Options{Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	b, err = ld.StepPNG(tr, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err = image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, bl, _ := img.At(1, 1).RGBA(); r>>8 != 0x1b || g>>8 != 0x1d || bl>>8 != 0x21 {
		t.Errorf("dark background is %x %x %x", r>>8, g>>8, bl>>8)
	}
}

// TestGlyphsInFonts checks that the rasterizer has a glyph for every
// character of the step texts and seeds, whose names ad writes with
// precomposed letters (ẋ1, ȳ) that the Go fonts lack.
func TestGlyphsInFonts(t *testing.T) {
	g, err := ad.Build("y = ln(x1) + x1*x2 - sin(x2) + a", []string{"x1", "x2", "a"})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, mode := range []ad.Mode{ad.Forward, ad.Reverse} {
		tr := g.Trace([]float64{2, 5, 1}, mode, nil)
		texts = append(texts, seedText(tr, 4))
		for s := range tr.Steps {
			texts = append(texts, tr.StepText(s, 4))
		}
	}
	var buf sfnt.Buffer
	for _, mono := range []bool{false, true} {
		for _, bold := range []bool{false, true} {
			_, sf := face(mono, bold, false, 10)
			for _, text := range texts {
				for _, gl := range glyphs(text) {
					if idx, _ := sf.GlyphIndex(&buf, gl.r); idx == 0 {
						t.Errorf("mono %v bold %v: no glyph for %q (U+%04X) of %q", mono, bold, gl.r, gl.r, text)
					}
				}
			}
		}
	}
}

func TestParsePath(t *testing.T) {
	pts := parsePath("M10,20C10,30 20,30 20,40L0,0")
	if len(pts) != 1+12+1 || pts[0] != (pt{10, 20}) || pts[12] != (pt{20, 40}) || pts[13] != (pt{0, 0}) {
		t.Errorf("%v", pts)
	}
	if d := dashes([]pt{{0, 0}, {20, 0}}, []float64{7, 3}); len(d) != 2 || d[0][1] != (pt{7, 0}) || d[1][0] != (pt{10, 0}) {
		t.Errorf("dashes %v", d)
	}
}

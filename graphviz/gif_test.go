//go:build !js

package graphviz

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/adviz/adviz/ad"
)

// TestGIF decodes the GIF of Baydin's reverse sweep: one frame per step
// plus step 0, the frame times asked for and the hold on the last, and
// frames that, composed in turn, are the step pictures (every pixel within
// the palette's reach of the PNG rasterizer's).
func TestGIF(t *testing.T) {
	r := testRenderer(t)
	for _, theme := range []string{"light", "dark"} {
		tr := baydin(t, ad.Reverse)
		l, err := NewLayout(context.Background(), r, tr.Graph, Options{Caption: true, Legend: true, Theme: theme})
		if err != nil {
			t.Fatal(err)
		}
		o := GIFOptions{Animation: Animation{Frame: 700 * time.Millisecond, Hold: 2}}
		b, err := l.GIF(tr, o)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := l.GIF(tr, o)
		if !bytes.Equal(b, again) {
			t.Errorf("%s: GIF is not deterministic", theme)
		}
		a, err := gif.DecodeAll(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(tr.Steps) + 1; len(a.Image) != n {
			t.Fatalf("%s: %d frames, want %d", theme, len(a.Image), n)
		}
		for i, d := range a.Delay {
			want := 70
			if i == len(a.Delay)-1 {
				want = 70 * 3
			}
			if d != want {
				t.Errorf("%s: frame %d delay %d, want %d", theme, i, d, want)
			}
		}
		if a.LoopCount != 0 {
			t.Errorf("%s: loop count %d, want 0 (forever)", theme, a.LoopCount)
		}
		// Later frames store only what changed: the whole GIF is much
		// smaller than its frames stored in full.
		var first bytes.Buffer
		if err := gif.Encode(&first, a.Image[0], nil); err != nil {
			t.Fatal(err)
		}
		if len(b) > len(a.Image)*first.Len()/2 {
			t.Errorf("%s: %d bytes for %d frames; one full frame is %d", theme, len(b), len(a.Image), first.Len())
		}
		// Compose the frames and compare with the rasterized steps.
		canvas := image.NewRGBA(a.Image[0].Bounds())
		want, err := l.rasterSteps(tr, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range a.Image {
			draw.Draw(canvas, f.Bounds(), f, f.Bounds().Min, draw.Over) // transparent: unchanged
			if mean, max := colorError(canvas, want[i]); mean > 1.5 || max > 64 {
				t.Errorf("%s: frame %d differs from step %d's picture: mean %.2f, max %d (of 255)", theme, i, i, mean, max)
			}
		}
		// The theme's colours are in the palette exactly.
		p := palettes[theme]
		pal := a.Image[0].Palette
		for _, c := range []string{p.bg, p.adjoint, p.tangent, p.currentBg, p.fg} {
			if !inPalette(pal, mustColor(c)) {
				t.Errorf("%s: colour %s is not in the palette", theme, c)
			}
		}
		t.Logf("%s: %d frames, %d bytes", theme, len(a.Image), len(b))
	}
}

func inPalette(pal color.Palette, c color.RGBA) bool {
	for _, p := range pal {
		r, g, b, _ := p.RGBA()
		if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(b>>8) == c.B {
			return true
		}
	}
	return false
}

// colorError is the mean and the largest difference of one channel
// between two images of the same size.
func colorError(a, b *image.RGBA) (mean float64, largest int) {
	sum, n := 0, 0
	for i := range a.Pix {
		if i%4 == 3 {
			continue
		}
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		sum += d
		n++
		largest = max(largest, d)
	}
	return float64(sum) / float64(n), largest
}

// TestGIFLimits: a GIF over a limit is refused with a LimitError that says
// which, before anything is drawn.
func TestGIFLimits(t *testing.T) {
	if err := checkGIFFrames(MaxGIFFrames - 1); err != nil {
		t.Errorf("%d steps: %v", MaxGIFFrames-1, err)
	}
	if le, ok := checkGIFFrames(MaxGIFFrames).(*LimitError); !ok || !strings.Contains(le.Msg, "too long") {
		t.Errorf("%d steps: %v, want a LimitError", MaxGIFFrames, le)
	}
	tr := baydin(t, ad.Reverse)
	l, err := NewLayout(context.Background(), testRenderer(t), tr.Graph, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.GIF(tr, GIFOptions{Scale: 30})
	if le, ok := err.(*LimitError); !ok || le.What != "gif" || !strings.Contains(le.Msg, "million pixels") {
		t.Fatalf("GIF at scale 30: %v, want a LimitError on pixels", err)
	}
}

// TestStoryboard: every step as one picture in a grid, as PNG and SVG.
func TestStoryboard(t *testing.T) {
	r := testRenderer(t)
	tr := baydin(t, ad.Forward)
	l, err := NewLayout(context.Background(), r, tr.Graph, Options{Caption: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.StoryboardPNG(tr, StoryboardOptions{Columns: 3})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	n := len(tr.Steps) + 1
	rows := (n + 2) / 3
	w, h := l.pictureSize(tr)
	s := min(1.5, 480/w)
	fw, fh := int(w*s+0.999), int(h*s+0.999)
	if got := img.Bounds(); got.Dx() != 3*fw+4*16 || got.Dy() != rows*(fh+22)+(rows+1)*16 {
		t.Errorf("storyboard is %v, want %dx%d", got, 3*fw+4*16, rows*(fh+22)+(rows+1)*16)
	}
	// Each cell holds that step's picture.
	board := image.NewRGBA(img.Bounds())
	draw.Draw(board, board.Rect, img, image.Point{}, draw.Src)
	steps, err := l.rasterSteps(tr, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []int{0, 1, n - 1} {
		c, r := step%3, step/3
		x, y := 16+c*(fw+16), 16+r*(fh+22+16)+22
		cell := board.SubImage(image.Rect(x, y, x+fw, y+fh)).(*image.RGBA)
		cellCopy := image.NewRGBA(image.Rect(0, 0, fw, fh))
		draw.Draw(cellCopy, cellCopy.Rect, cell, cell.Rect.Min, draw.Src)
		if _, d := colorError(cellCopy, steps[step]); d != 0 {
			t.Errorf("cell of step %d differs from its picture by %d", step, d)
		}
	}
	svg, err := l.StoryboardSVG(tr, StoryboardOptions{Columns: 3})
	if err != nil {
		t.Fatal(err)
	}
	doc := parseXML(t, svg)
	if got := len(doc.all("svg")); got != n+1 {
		t.Errorf("storyboard SVG has %d <svg>, want %d nested and the root", got, n)
	}
	ids := map[string]bool{}
	for _, el := range doc.all("g") {
		if id := el.attrs["id"]; id != "" {
			if ids[id] {
				t.Fatalf("id %q twice in the storyboard SVG", id)
			}
			ids[id] = true
		}
	}
	if !ids["s3-v-1"] {
		t.Errorf("step 3's node v-1 is not s3-v-1")
	}
}

//go:build !js

package graphviz

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adviz/adviz/ad"
)

// TestAnimatedSVG plays the animation by the rules of CSS (which element
// is visible at the middle of each frame) and checks every frame against
// State, and the finished frame against ad's numbers.
func TestAnimatedSVG(t *testing.T) {
	r := testRenderer(t)
	for _, mode := range []ad.Mode{ad.Forward, ad.Reverse} {
		tr := baydin(t, mode)
		l, err := NewLayout(context.Background(), r, tr.Graph, Options{Legend: true})
		if err != nil {
			t.Fatal(err)
		}
		const frame = 2 * time.Second
		const hold = 2
		svg, err := l.AnimatedSVG(tr, Animation{Frame: frame, Hold: hold})
		if err != nil {
			t.Fatal(err)
		}
		if mode == ad.Reverse {
			golden(t, "baydin-reverse-animated.svg", svg)
		}
		root := parseXML(t, svg)
		if s := root.all("script"); len(s) != 0 {
			t.Fatal("the animated SVG has a script")
		}
		css := ""
		for _, s := range root.all("style") {
			css += s.text
		}
		frames := len(tr.Steps) + 1
		total := frames + hold
		if !strings.Contains(css, "animation-duration:"+strconv.Itoa(total*2)+".000s") ||
			!strings.Contains(css, "animation-iteration-count:infinite") {
			t.Fatalf("%s: no looping animation of %d s in\n%.600s", mode, total*2, css)
		}
		windows := map[int]float64{} // keyframes wL -> where it hides, in %
		for _, m := range regexp.MustCompile(`@keyframes w(\d+)\{0%\{visibility:visible\}([0-9.]+)%\{visibility:hidden\}`).FindAllStringSubmatch(css, -1) {
			n, _ := strconv.Atoi(m[1])
			p, _ := strconv.ParseFloat(m[2], 64)
			windows[n] = p
		}
		for n, p := range windows {
			if math.Abs(p-100*float64(n)/float64(total)) > 0.001 {
				t.Errorf("keyframes w%d hides at %v%%", n, p)
			}
		}
		// Node colours: one keyframes rule per node whose state changes.
		if got := strings.Count(css, "@keyframes nb"); got != len(tr.Graph.Nodes) {
			t.Errorf("%s: %d node keyframes, want %d", mode, got, len(tr.Graph.Nodes))
		}

		visible := func(n *xnode, f int) bool {
			style := n.attrs["style"]
			if style == "" {
				return true
			}
			m := regexp.MustCompile(`animation-name:w(\d+);animation-delay:(-?[0-9.]+)s`).FindStringSubmatch(style)
			if m == nil {
				t.Fatalf("style %q", style)
			}
			w, _ := strconv.Atoi(m[1])
			if _, ok := windows[w]; !ok {
				t.Fatalf("no keyframes w%d", w)
			}
			delay, _ := strconv.ParseFloat(m[2], 64)
			period := float64(total) * frame.Seconds()
			at := (float64(f)+0.5)*frame.Seconds() - delay // the animation's own time
			at = math.Mod(at, period)
			return at < float64(w)*frame.Seconds()
		}

		captions := root.byID("caption")
		var groups []*xnode
		for _, c := range captions.children {
			if c.name == "g" {
				groups = append(groups, c)
			}
		}
		if len(groups) != frames {
			t.Fatalf("%s: %d caption frames, want %d", mode, len(groups), frames)
		}
		for f := 0; f < total; f++ {
			step := min(f, frames-1)
			st := State(tr, step, Options{})
			// Exactly the step's caption shows.
			var shown []string
			for _, gr := range groups {
				if visible(gr, f) {
					for _, tx := range gr.all("text") {
						shown = append(shown, tx.text)
					}
				}
			}
			want := strings.ReplaceAll(strings.Join(st.Caption, "|"), "||", "|"+nbsp+"|")
			if strings.Join(shown, "|") != strings.TrimSuffix(want, "|") && strings.Join(shown, "|") != want {
				t.Errorf("%s frame %d: caption %q, want %q", mode, f, shown, st.Caption)
			}
			// Exactly one text of each field shows, the step's.
			for _, n := range st.Nodes {
				for _, fd := range []Field{n.Value, n.Tangent, n.Adjoint, n.Mark} {
					var got []string
					for _, tx := range root.byID(fd.ID).all("text") {
						if visible(tx, f) {
							cls := strings.TrimSuffix(strings.TrimSuffix(tx.attrs["class"], " fin"), " fr")
							got = append(got, tx.text+"|"+cls)
						}
					}
					if len(got) != 1 || got[0] != fd.Text+"|"+fd.Class {
						t.Fatalf("%s frame %d: %s shows %q, want %q", mode, f, fd.ID, got, fd.Text+"|"+fd.Class)
					}
				}
			}
		}

		// Without animations the finished trace shows: the texts marked
		// "fin" (or never changing) are ad's numbers.
		g := tr.Graph
		for k := range g.Nodes {
			for _, fc := range []struct {
				name string
				xs   []float64
			}{{"value", tr.Value}, {"tangent", tr.Tangent}, {"adjoint", tr.Adjoint}} {
				want := "·"
				if fc.xs != nil {
					want = ad.FormatNumber(fc.xs[k], DefaultDigits)
				}
				var fin []string
				for _, tx := range root.byID("a_" + fieldID(g, k, fc.name)).all("text") {
					if tx.attrs["style"] == "" || strings.HasSuffix(tx.attrs["class"], " fin") {
						fin = append(fin, tx.text)
					}
				}
				if len(fin) != 1 || fin[0] != want {
					t.Errorf("%s: finished %s of %s shows %q, want %q", mode, fc.name, nodeID(g, k), fin, want)
				}
			}
		}
	}
}

func TestAnimatedSVGLimits(t *testing.T) {
	r := testRenderer(t)
	tr := baydin(t, ad.Primal)
	l, err := NewLayout(context.Background(), r, tr.Graph, Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := l.AnimatedSVG(tr, Animation{Hold: -1})
	if err != nil {
		t.Fatal(err)
	}
	// Primal mode: 7 steps, 8 frames of 1.5 s, no hold.
	if !strings.Contains(string(svg), "animation-duration:12.000s") {
		t.Error("want 8 frames of 1.5 s")
	}
	parseXML(t, svg)
}

//go:build !js

package graphviz

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// luminance is the WCAG relative luminance of "#rrggbb".
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("bad colour %q", hex)
	}
	lin := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// hue is the hue of "#rrggbb" in degrees.
func hue(t *testing.T, hex string) float64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	r, g, b := float64(v>>16)/255, float64(v>>8&0xff)/255, float64(v&0xff)/255
	hi, lo := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	if hi == lo {
		t.Fatalf("%s has no hue", hex)
	}
	var h float64
	switch hi {
	case r:
		h = math.Mod((g-b)/(hi-lo), 6)
	case g:
		h = (b-r)/(hi-lo) + 2
	default:
		h = (r-g)/(hi-lo) + 4
	}
	return math.Mod(h*60+360, 360)
}

// A number the current step just wrote is legible on every node
// background in both themes (WCAG AA for text, 4.5:1), in a shade of its
// field's own colour, and the stylesheet, DOT and PNG agree on it.
func TestChangedFieldContrast(t *testing.T) {
	for _, theme := range Themes {
		p := palettes[theme]
		css := StyleSheet(theme)
		backgrounds := map[string]string{"current": p.currentBg, "done": p.doneBg, "pending": p.pendingBg, "source": p.sourceBg}
		for f, name := range fieldNames {
			class := fieldClasses[f][fieldKnown][1]
			color := p.fieldColor(class)
			for bgName, bg := range backgrounds {
				if c := contrast(t, color, bg); c < 4.5 {
					t.Errorf("%s: %q %s on the %s background %s: contrast %.2f, want at least 4.5", theme, class, color, bgName, bg, c)
				} else if bgName == "current" {
					t.Logf("%s: %q %s on %s: %.2f (unchanged %s: %.2f)", theme, class, color, bg, c,
						p.fieldColor(fieldClasses[f][fieldKnown][0]), contrast(t, p.fieldColor(fieldClasses[f][fieldKnown][0]), bg))
				}
			}
			plain := p.fieldColor(fieldClasses[f][fieldKnown][0])
			if name != "value" {
				if d := math.Abs(hue(t, color) - hue(t, plain)); math.Min(d, 360-d) > 8 {
					t.Errorf("%s: the changed %s %s is not a shade of %s (hues differ by %.0f°)", theme, name, color, plain, d)
				}
				if !strings.Contains(css, "text.field."+name+".changed{fill:"+color+";") {
					t.Errorf("%s: the stylesheet does not give changed %s fields %s", theme, name, color)
				}
			}
			if !strings.Contains(css, "text.field.changed{font-weight:bold;text-decoration:underline}") {
				t.Errorf("%s: changed fields are not bold and underlined", theme)
			}
		}
	}
}

// The legend's cells are wide enough for their texts in every font a
// picture is drawn with: Go's (the PNG), and DejaVu Sans and Liberation
// Sans where they are installed (librsvg's and browsers' stand-ins for
// Helvetica).
func TestLegendFits(t *testing.T) {
	type face struct {
		name     string
		regular  []byte
		bold     []byte
		optional bool
	}
	read := func(path string) []byte {
		b, _ := os.ReadFile(path)
		return b
	}
	faces := []face{
		{"Go", goregular.TTF, gobold.TTF, false},
		{"DejaVu Sans", read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), read("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), true},
		{"Liberation Sans", read("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
			read("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"), true},
	}
	measure := func(data []byte, s string) float64 {
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var b sfnt.Buffer
		w := fixed.Int26_6(0)
		for _, r := range s {
			gi, err := f.GlyphIndex(&b, r)
			if err != nil || gi == 0 {
				continue // not in this font: drawn from another
			}
			adv, err := f.GlyphAdvance(&b, gi, fixed.I(int(fontSize*64)), font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			w += adv
		}
		return float64(w) / 64 / 64
	}
	measured := 0
	for _, fc := range faces {
		if len(fc.regular) == 0 || len(fc.bold) == 0 {
			t.Logf("%s is not installed", fc.name)
			continue
		}
		measured++
		for _, it := range legendItems(palettes["light"]) {
			texts := []struct {
				s    string
				bold bool
			}{{it.text, false}}
			if !it.swatch {
				texts = append(texts, struct {
					s    string
					bold bool
				}{it.sym, true})
			}
			for _, tx := range texts {
				data := fc.regular
				if tx.bold {
					data = fc.bold
				}
				if got, room := measure(data, tx.s), sansWidth(tx.s, fontSize, tx.bold); got > room {
					t.Errorf("%s: %q is %.1f pt wide, its cell has %.1f", fc.name, tx.s, got, room)
				}
			}
		}
	}
	if measured == 0 {
		t.Fatal("no font to measure with")
	}
	// And the DOT gives each text that room.
	l := legend(palettes["light"])
	for _, want := range []string{`<TD ALIGN="LEFT" WIDTH="` + ftoa(math.Ceil(sansWidth("v̇", fontSize, true))+2) + `"><FONT COLOR="#0072b2"><B>v̇</B></FONT></TD>`,
		`<TD ALIGN="LEFT" WIDTH="` + ftoa(math.Ceil(sansWidth("tangent (forward)", fontSize, false))+8) + `"><FONT COLOR="#0072b2">tangent (forward)</FONT></TD>`} {
		if !strings.Contains(l, want) {
			t.Errorf("the legend lacks %s:\n%s", want, l)
		}
	}
}

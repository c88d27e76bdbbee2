package graphviz

import (
	"fmt"
	"slices"
	"strings"
)

// Options say what a picture shows and how. The zero value is usable:
// 4 significant digits, light theme, inputs on the left, no edge labels,
// no legend, no caption.
type Options struct {
	// Digits is the number of significant digits of the numbers in the
	// nodes, on the edges and in the caption (1 to 17; 0 means 4).
	Digits int
	// EdgeLabels labels every edge v_j → v_i with the local partial
	// ∂v_i/∂v_j at the point.
	EdgeLabels bool
	// Theme is "light" (the default) or "dark".
	Theme string
	// Legend draws a legend above the graph: what the fields and colours
	// mean.
	Legend bool
	// RankDir is "LR" (the default: inputs on the left, as in Baydin et
	// al.'s figures) or "TB" (inputs on top).
	RankDir string
	// Caption adds a caption above the graph of a per-step picture and of
	// the animation: the mode, the step counter and the step's arithmetic
	// (ad.Trace.StepText). The laid-out SVG for the page has none.
	Caption bool
}

// DefaultDigits is the number of significant digits when Options.Digits
// is 0.
const DefaultDigits = 4

// Themes are the values of Options.Theme.
var Themes = []string{"light", "dark"}

// RankDirs are the values of Options.RankDir.
var RankDirs = []string{"LR", "TB"}

// An OptionError is an invalid option. Option names it as the command
// line and the HTTP API do: "digits", "theme" or "rankdir".
type OptionError struct {
	Option string
	Msg    string
}

func (e *OptionError) Error() string { return e.Msg }

// Validate reports whether the options are valid; its error is an
// *OptionError.
func (o Options) Validate() error {
	if o.Digits < 0 || o.Digits > 17 {
		return &OptionError{"digits", fmt.Sprintf("digits must be between 1 and 17, not %d", o.Digits)}
	}
	if o.Theme != "" && !slices.Contains(Themes, o.Theme) {
		return &OptionError{"theme", fmt.Sprintf("unknown theme %q: want %s", o.Theme, strings.Join(Themes, " or "))}
	}
	if o.RankDir != "" && !slices.Contains(RankDirs, strings.ToUpper(o.RankDir)) {
		return &OptionError{"rankdir", fmt.Sprintf("unknown rank direction %q: want %s", o.RankDir, strings.Join(RankDirs, " or "))}
	}
	return nil
}

// norm returns the options with defaults filled in; invalid values fall
// back to the defaults.
func (o Options) norm() Options {
	if o.Digits <= 0 || o.Digits > 17 {
		o.Digits = DefaultDigits
	}
	if !slices.Contains(Themes, o.Theme) {
		o.Theme = "light"
	}
	o.RankDir = strings.ToUpper(o.RankDir)
	if !slices.Contains(RankDirs, o.RankDir) {
		o.RankDir = "LR"
	}
	return o
}

// fieldChars is the width, in characters, of a number field: room for the
// longest number FormatNumber writes with d digits, "-1.234e+308".
func fieldChars(d int) int { return d + 7 }

// Sizes in points. Numbers are set in Courier, whose advance is 0.6 em for
// every character (Graphviz estimates text widths with the same metric),
// so a field of fieldChars characters has a fixed width.
const (
	fontSize     = 11.0
	headSize     = 12.0
	numSize      = 11.0
	edgeFontSize = 10.0
	captionSize  = 13.0
	cellPad      = 2.0
	fieldHeight  = 18.0
	markWidth    = 16.0
	monoAdvance  = 0.6 // Courier's advance in em
	textFont     = "Helvetica"
	monoFont     = "Courier"
)

// fieldWidth returns the width in points of a number field cell.
func fieldWidth(d int) float64 {
	return float64(fieldChars(d))*monoAdvance*numSize + 2*cellPad + 2
}

// palette is the colours of a theme. The SVG stylesheet exposes each as a
// CSS custom property (--adviz-NAME); DOT gets the same colours as
// attributes, so Graphviz's own renderers (PNG) draw the same picture.
type palette struct {
	byName map[string]string // the colours below by their CSS names: colors()

	bg, fg, muted    string
	tangent, adjoint string // one colour each, throughout
	// A number the current step just wrote is bold, underlined and in a
	// stronger shade of its colour (darker on light, lighter on dark),
	// legible on the current node's background: contrast at least 4.5:1
	// (WCAG AA) against every node background (look_test.go).
	tangentStrong, adjointStrong string

	pendingBg, pendingLn string
	doneBg, doneLn       string
	currentBg, currentLn string
	sourceBg, sourceLn   string
	edge                 string
	errorC, warningC     string
}

// The light theme uses the Okabe-Ito blue (#0072B2) for tangents and
// vermillion (#D55E00) for adjoints: told apart by every common kind of
// colour blindness, dark enough for text on white and distinct in grey
// print. The dark theme uses their lighter siblings (sky blue, orange).
var palettes = map[string]*palette{
	"light": {
		bg: "#ffffff", fg: "#1a1a1a", muted: "#8c8c8c",
		tangent: "#0072b2", adjoint: "#d55e00",
		tangentStrong: "#005b8e", adjointStrong: "#a04600",
		pendingBg: "#f3f3f3", pendingLn: "#b4b4b4",
		doneBg: "#ffffff", doneLn: "#505050",
		currentBg: "#fff0a8", currentLn: "#1a1a1a",
		sourceBg: "#e1edf7", sourceLn: "#505050",
		edge: "#8c8c8c", errorC: "#c8102e", warningC: "#9a6700",
	},
	"dark": {
		bg: "#1b1d21", fg: "#e8e8e8", muted: "#8f949c",
		tangent: "#56b4e9", adjoint: "#e69f00",
		tangentStrong: "#9ad2f2", adjointStrong: "#ffc749",
		pendingBg: "#23262b", pendingLn: "#4c5159",
		doneBg: "#2c3037", doneLn: "#b4b8bf",
		currentBg: "#5a4d0f", currentLn: "#f5f5f5",
		sourceBg: "#1d3b55", sourceLn: "#b4b8bf",
		edge: "#767c85", errorC: "#ff6b6b", warningC: "#f0c04a",
	},
}

func (o Options) palette() *palette { return palettes[o.norm().Theme] }

// fieldColor returns the colour of a field's number for its class, the
// colour the stylesheet gives it: muted when not computed, the field's
// own colour, or its strong shade when the current step wrote it.
func (p *palette) fieldColor(class string) string {
	cls := " " + class + " "
	changed := strings.Contains(cls, " changed ")
	switch {
	case strings.Contains(cls, " empty ") || strings.Contains(cls, " unused "):
		return p.muted
	case strings.Contains(cls, " tangent ") && changed:
		return p.tangentStrong
	case strings.Contains(cls, " tangent "):
		return p.tangent
	case strings.Contains(cls, " adjoint ") && changed:
		return p.adjointStrong
	case strings.Contains(cls, " adjoint "):
		return p.adjoint
	}
	return p.fg
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/adviz/adviz/graphviz"
)

func init() {
	commands["render"] = command{runRender, "draw the computational graph at a step as DOT, SVG, PNG or an animated SVG"}
}

// renderFormats are the formats of adviz render.
var renderFormats = []string{"dot", "svg", "png", "animated-svg"}

func runRender(e *env, args []string) error {
	var pf programFlags
	fs := newFlagSet(e, "render", &pf, true)
	step := fs.String("step", "last", "the `step` to draw: 0 (nothing computed) ... the number of steps, or first or last")
	format := fs.String("format", "svg", "output `format`: dot, svg, png or animated-svg")
	out := fs.String("o", "", "write to `file` instead of standard output")
	edgeLabels := fs.Bool("edge-labels", false, "label each edge with its local partial ∂vi/∂vj at the point")
	theme := fs.String("theme", "light", "colour `theme`: light or dark")
	legend := fs.Bool("legend", true, "draw a legend")
	caption := fs.Bool("caption", true, "draw a caption with the step's arithmetic")
	rankdir := fs.String("rankdir", "LR", "`direction` of the graph: LR (inputs on the left) or TB (inputs on top)")
	frame := fs.Duration("frame", 1500*time.Millisecond, "animated-svg: how long each step shows")
	scale := fs.Float64("scale", 0, "png: pixels per point (0: 2, less for big graphs)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !slices.Contains(renderFormats, *format) {
		return usagef("render: unknown format %q: want dot, svg, png or animated-svg", *format)
	}
	opt := graphviz.Options{Digits: pf.digits, EdgeLabels: *edgeLabels, Theme: *theme, Legend: *legend, Caption: *caption, RankDir: *rankdir}
	if err := opt.Validate(); err != nil {
		return usagef("render: %v", err)
	}
	if *frame <= 0 {
		return usagef("render: --frame must be positive")
	}
	if !(*scale >= 0 && *scale <= 8) {
		return usagef("render: --scale must be between 0 and 8")
	}
	l, err := pf.load(e)
	if err != nil {
		return err
	}
	t := l.g.Trace(l.x, l.mode, l.seed)
	k, err := graphviz.Step(t, *step)
	if err != nil {
		return usagef("render: %v", err)
	}

	var data []byte
	if *format == "dot" {
		data = []byte(graphviz.DOT(t, k, opt))
	} else {
		r, err := graphviz.Native()
		if err != nil {
			return err
		}
		ctx := context.Background()
		lay, err := graphviz.NewLayout(ctx, r, l.g, opt)
		if err != nil {
			return err
		}
		switch *format {
		case "svg":
			data, err = lay.StepSVG(t, k)
		case "png":
			data, err = lay.StepPNG(t, k, *scale)
		case "animated-svg":
			data, err = lay.AnimatedSVG(t, graphviz.Animation{Frame: *frame})
		}
		if err != nil {
			return err
		}
	}
	return writeOutput(e.stdout, *out, data)
}

// writeOutput writes data to the file name, or to w when name is "" or
// "-".
func writeOutput(w io.Writer, name string, data []byte) error {
	if name == "" || name == "-" {
		_, err := w.Write(data)
		return err
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

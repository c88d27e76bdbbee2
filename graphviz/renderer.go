package graphviz

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Format is a Graphviz output format.
type Format string

// Output formats.
const (
	FormatSVG   Format = "svg"
	FormatDOT   Format = "dot"   // DOT with the layout's positions
	FormatJSON0 Format = "json0" // the layout as JSON, without drawing operations
	FormatPNG   Format = "png"
	FormatPlain Format = "plain"
)

// Engine is a Graphviz layout engine.
type Engine string

// Layout engines: dot lays a graph out; nop2 keeps the positions the DOT
// gives (pos on nodes and edges, bb on the graph) and only draws.
const (
	EngineDot  Engine = "dot"
	EngineNop2 Engine = "nop2"
)

// Renderer runs Graphviz: it lays DOT out with an engine and writes it in
// a format. Native (go-graphviz, not in js/wasm builds) and JS (the host's
// Graphviz through syscall/js, js/wasm builds only) implement it.
type Renderer interface {
	Render(ctx context.Context, dot string, engine Engine, format Format) ([]byte, error)
}

// multiRenderer writes several formats from one layout.
type multiRenderer interface {
	RenderFormats(ctx context.Context, dot string, engine Engine, formats ...Format) ([][]byte, error)
}

// renderFormats renders several formats with one layout when r can,
// else with one call per format.
func renderFormats(ctx context.Context, r Renderer, dot string, engine Engine, formats ...Format) ([][]byte, error) {
	if m, ok := r.(multiRenderer); ok {
		return m.RenderFormats(ctx, dot, engine, formats...)
	}
	out := make([][]byte, len(formats))
	for i, f := range formats {
		b, err := r.Render(ctx, dot, engine, f)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// workingFormats are the output formats known to work in go-graphviz
// v0.2.10. Others (svgz, pdf, gif) fail there, and after one failure every
// later render of the process fails too, so nothing else is ever passed to
// Graphviz.
var workingFormats = map[Format]bool{
	"svg": true, "svg_inline": true, "dot": true, "xdot": true, "plain": true, "plain-ext": true,
	"json": true, "json0": true, "dot_json": true, "canon": true, "png": true, "jpg": true,
}

// CheckFormat reports whether format is one the renderers accept.
func CheckFormat(format Format) error {
	if workingFormats[format] {
		return nil
	}
	var names []string
	for f := range workingFormats {
		names = append(names, string(f))
	}
	sort.Strings(names)
	return fmt.Errorf("graphviz: unsupported output format %q: want one of %s", format, strings.Join(names, ", "))
}

// CheckEngine reports whether engine is one the renderers accept.
func CheckEngine(engine Engine) error {
	switch engine {
	case EngineDot, EngineNop2:
		return nil
	}
	return fmt.Errorf("graphviz: unsupported layout engine %q: want dot or nop2", engine)
}

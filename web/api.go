package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/adviz/adviz/ad"
)

// endpoint is one API path.
type endpoint struct {
	Path     string   `json:"path"`
	Summary  string   `json:"summary"`
	Params   []string `json:"params"`
	document bool     // a browser may open it as a document: gets documentCSP
	serve    func(c *call) (*response, error)
}

// call is one API request being served.
type call struct {
	h   *handler
	ctx context.Context
	q   *query
}

// The parameters of the endpoints. They mirror the command line: p is the
// program (-e), at the point (--at, here x1:2,x2:5), mode, seed, digits;
// step, theme, rankdir, legend, caption, edge-labels and frame are adviz
// render's, with its defaults; animate=1 is --format animated-svg; format
// is adviz trace's.
var (
	gradParams    = []string{"p", "at"}
	jacParams     = []string{"p", "at", "mode"}
	traceParams   = []string{"p", "at", "mode", "seed", "digits", "format"}
	pictureParams = []string{"p", "at", "mode", "seed", "digits", "step", "theme", "rankdir", "legend", "caption", "edge-labels"}
	svgParams     = append(append([]string{}, pictureParams...), "animate", "frame")
)

// endpoints lists the API in the order of the index.
var endpoints []*endpoint

func init() {
	endpoints = []*endpoint{
		{Path: "/api/v1/", Summary: "this list of endpoints, limits and the server's version (JSON)", serve: serveIndex},
		{Path: "/api/v1/svg", Summary: "the computational graph at a step as SVG (animate=1: every step, animated)", Params: svgParams, document: true, serve: serveSVG},
		{Path: "/api/v1/png", Summary: "the graph at a step as PNG (native server only; the worker answers 501)", Params: pictureParams, serve: servePNG},
		{Path: "/api/v1/dot", Summary: "the graph at a step as Graphviz DOT", Params: pictureParams, serve: serveDOT},
		{Path: "/api/v1/trace", Summary: "the evaluation trace, step by step (format=json|markdown|latex|html|table)", Params: traceParams, document: true, serve: serveTrace},
		{Path: "/api/v1/grad", Summary: "value and gradient of a one-output program (JSON)", Params: gradParams, serve: serveGrad},
		{Path: "/api/v1/jacobian", Summary: "Jacobian, sweeps and operation counts of a mode (JSON)", Params: jacParams, serve: serveJacobian},
	}
	for _, ep := range endpoints {
		if ep.Params == nil {
			ep.Params = []string{}
		}
	}
}

// lookup finds the endpoint of a path; /api/v1 and /api/ lead to the index.
func lookup(path string) *endpoint {
	switch path {
	case "/api", "/api/", "/api/v1":
		path = "/api/v1/"
	}
	for _, ep := range endpoints {
		if ep.Path == path {
			return ep
		}
	}
	return nil
}

// jsonBody encodes v as the command line does: indented, HTML characters
// not escaped, a final newline.
func jsonBody(v any) (*response, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return &response{contentType: "application/json; charset=utf-8", body: b.Bytes()}, nil
}

func serveIndex(c *call) (*response, error) {
	return jsonBody(struct {
		Name      string      `json:"name"`
		Version   string      `json:"version"`
		Example   string      `json:"example"`
		Endpoints []*endpoint `json:"endpoints"`
		Limits    any         `json:"limits"`
	}{
		Name:      "adviz API v1",
		Version:   c.h.opt.Version,
		Example:   "/api/v1/svg?p=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&mode=reverse&step=last",
		Endpoints: endpoints,
		Limits: map[string]int{
			"program_bytes":   MaxProgramBytes,
			"nodes":           MaxNodes,
			"picture_nodes":   MaxRenderNodes,
			"timeout_seconds": int(c.h.opt.Timeout.Seconds()),
		},
	})
}

func serveGrad(c *call) (*response, error) {
	pr, err := loadProgram(c.q, ad.Reverse, MaxNodes)
	if err != nil {
		return nil, err
	}
	g := pr.g
	if n := len(g.Outputs); n != 1 {
		return nil, &apiError{Status: 400, Param: "p",
			Msg: fmt.Sprintf("grad needs a program with one output; this one has %d (use /api/v1/jacobian)", n)}
	}
	return jsonBody(g.GradientJSON(pr.x))
}

func serveJacobian(c *call) (*response, error) {
	pr, err := loadProgram(c.q, ad.Reverse, MaxNodes)
	if err != nil {
		return nil, err
	}
	if pr.mode == ad.Primal {
		return nil, &apiError{Status: 400, Param: "mode", Msg: "jacobian needs mode=forward or mode=reverse"}
	}
	return jsonBody(pr.g.Jacobian(pr.x, pr.mode).JSON())
}

// traceTypes are the media types of trace's formats.
var traceTypes = map[string]string{
	"json":     "application/json; charset=utf-8",
	"markdown": "text/markdown; charset=utf-8",
	"latex":    "text/plain; charset=utf-8", // LaTeX source, shown as text by browsers
	"html":     "text/html; charset=utf-8",
	"table":    "text/plain; charset=utf-8",
}

func serveTrace(c *call) (*response, error) {
	format, ok := c.q.get("format")
	if !ok {
		format = "json"
	}
	ctype, known := traceTypes[format]
	if !known {
		return nil, &apiError{Status: 400, Param: "format",
			Msg: fmt.Sprintf("format=%q: want json, markdown, latex, html or table", format)}
	}
	pr, err := loadProgram(c.q, ad.Reverse, MaxNodes)
	if err != nil {
		return nil, err
	}
	t := pr.g.Trace(pr.x, pr.mode, pr.seed)
	if format == "json" {
		return jsonBody(t.JSON(pr.digits))
	}
	s, err := t.Table(format, pr.digits)
	if err != nil {
		return nil, &apiError{Status: 400, Param: "format", Msg: err.Error()}
	}
	if format == "table" && len(t.Diagnostics) > 0 {
		var b strings.Builder
		b.WriteString(s)
		b.WriteByte('\n')
		for _, d := range t.Diagnostics {
			fmt.Fprintf(&b, "%s: %s: %s\n", pr.g.Nodes[d.Node].Label(), d.Severity, d.Msg)
		}
		s = b.String()
	}
	return &response{contentType: ctype, body: []byte(s)}, nil
}

package web

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/adviz/adviz/ad"
)

// Limits of the API; exceeding one is HTTP 413.
//
// A program is at most MaxProgramBytes of text (it travels in a URL) and its
// graph at most MaxNodes nodes. Pictures need a Graphviz layout, which
// cannot be interrupted once it runs, so they are bounded by what the
// layout costs, graphviz.LayoutCost (nodes plus the ranks their edges
// cross). The server shares its cores between requests and answers within
// a time budget, so its limit, MaxLayoutSize, is tighter than the page's
// (graphviz.MaxLayoutCost): it keeps a layout within about 2.5 s
// (measured natively: cost ~1,200 took 0.4-0.8 s, ~2,000 2.2 s, ~5,000
// 22-51 s; random programs of cost 900-1,500 took 0.8-2.4 s). A PNG
// rasterizes the step's SVG in Go with a bounded number of pixels:
// 0.06-0.4 s whatever the size.
const (
	MaxProgramBytes = 4 << 10
	MaxNodes        = 2000
	MaxRenderNodes  = 400
	MaxLayoutSize   = 1500 // graphviz.LayoutCost of a picture
	MaxDigits       = 17
)

// query is the parsed and checked query string of an API request.
type query struct {
	vals url.Values
}

// parseQuery parses the raw query and checks that every parameter is one the
// endpoint takes and is given at most once.
func parseQuery(raw string, allowed []string) (*query, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return nil, &apiError{Status: 400, Msg: "the query string is malformed: " + err.Error()}
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			return nil, &apiError{Status: 400, Param: k,
				Msg: fmt.Sprintf("unknown parameter %q; this endpoint takes %s", k, strings.Join(allowed, ", "))}
		}
		if len(vals[k]) > 1 {
			return nil, &apiError{Status: 400, Param: k, Msg: fmt.Sprintf("parameter %q is given %d times", k, len(vals[k]))}
		}
	}
	return &query{vals}, nil
}

func (q *query) get(k string) (string, bool) {
	v, ok := q.vals[k]
	if !ok {
		return "", false
	}
	return v[0], true
}

// program is a built program with its point, mode and seed.
type program struct {
	g      *ad.Graph
	x      []float64
	mode   ad.Mode
	seed   []float64 // nil: the default seed
	digits int
}

// loadProgram reads p, at, mode, seed and digits (those the endpoint takes)
// and builds the graph. maxNodes is the node limit of the endpoint.
func loadProgram(q *query, defaultMode ad.Mode, maxNodes int) (*program, error) {
	src, ok := q.get("p")
	if !ok || strings.TrimSpace(src) == "" {
		return nil, &apiError{Status: 400, Param: "p",
			Msg: "missing parameter p: the program, e.g. p=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5"}
	}
	if len(src) > MaxProgramBytes {
		return nil, &apiError{Status: 413, Param: "p",
			Msg: fmt.Sprintf("the program is %d bytes; the limit is %d", len(src), MaxProgramBytes)}
	}
	at, _ := q.get("at")
	names, values, err := parseValues("at", at)
	if err != nil {
		return nil, err
	}
	prog, err := ad.ParseLimits(src, ad.Limits{MaxSource: MaxProgramBytes})
	if err != nil {
		return nil, programError(err)
	}
	if at == "" {
		if need := prog.Names(); len(need) > 0 {
			ex := make([]string, len(need))
			for i, n := range need {
				ex[i] = n + ":1"
			}
			return nil, &apiError{Status: 400, Param: "at",
				Msg: fmt.Sprintf("the program needs values for %s: give them with at=%s", strings.Join(need, ", "), strings.Join(ex, ","))}
		}
	}
	// A program of at most MaxProgramBytes has at most a few thousand
	// nodes, so it is built with the default node limit and then measured:
	// too many nodes is 413, any error in the text is 400.
	g, err := prog.Graph(names, ad.Limits{MaxSource: MaxProgramBytes})
	if err != nil {
		return nil, programError(err)
	}
	if len(g.Nodes) > maxNodes {
		return nil, &apiError{Status: 413, Param: "p",
			Msg: fmt.Sprintf("the program's graph has %d nodes; the limit here is %d", len(g.Nodes), maxNodes)}
	}
	pr := &program{g: g, x: values, mode: defaultMode, digits: 4}
	if s, ok := q.get("mode"); ok {
		m, err := ad.ParseMode(s)
		if err != nil {
			return nil, &apiError{Status: 400, Param: "mode", Msg: err.Error()}
		}
		pr.mode = m
	}
	if s, ok := q.get("seed"); ok && s != "" {
		if pr.seed, err = g.Seed(pr.mode, s); err != nil {
			return nil, &apiError{Status: 400, Param: "seed", Msg: "seed: " + err.Error()}
		}
	}
	if s, ok := q.get("digits"); ok {
		d, err := strconv.Atoi(s)
		if err != nil || d < 1 || d > MaxDigits {
			return nil, &apiError{Status: 400, Param: "digits",
				Msg: fmt.Sprintf("digits=%q: want the significant digits of numbers in texts, from 1 to %d", s, MaxDigits)}
		}
		pr.digits = d
	}
	return pr, nil
}

// programError turns an error from package ad into a 400 with the position.
func programError(err error) error {
	var e *ad.Error
	if !errors.As(err, &e) {
		return &apiError{Status: 400, Param: "p", Msg: err.Error()}
	}
	if !e.Pos.Valid() {
		// Errors without a position are about the inputs given in at.
		return &apiError{Status: 400, Param: "at", Msg: e.Msg}
	}
	return &apiError{Status: 400, Param: "p", Msg: e.Msg, Line: e.Pos.Line, Col: e.Pos.Col, Caret: e.Caret()}
}

// parseValues reads the input values of at with ad.ParseValues.
func parseValues(param, s string) ([]string, []float64, error) {
	names, values, err := ad.ParseValues(s)
	if err != nil {
		return nil, nil, &apiError{Status: 400, Param: param, Msg: fmt.Sprintf("%s: %v (e.g. %s=x1:2,x2:5)", param, err, param)}
	}
	return names, values, nil
}

// parseBool reads a flag such as animate=1.
func parseBool(q *query, k string) (bool, error) {
	s, ok := q.get(k)
	if !ok {
		return false, nil
	}
	switch s {
	case "1", "true", "yes", "":
		return true, nil
	case "0", "false", "no":
		return false, nil
	}
	return false, &apiError{Status: 400, Param: k, Msg: fmt.Sprintf("%s=%q: want 1 or 0", k, s)}
}

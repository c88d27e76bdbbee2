package webtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// Check is one request and what its answer must be.
type Check struct {
	Name   string
	Method string // GET if empty
	Path   string // with the query
	Header map[string]string

	Status       int // the status
	WorkerStatus int // the worker's status, when it differs (0: the same)

	Type    string            // Content-Type must start with this
	Headers map[string]string // response headers with exactly these values
	Body    []string          // substrings the body must contain
	Error   *ErrorBody        // for error statuses: fields that must match (zero fields are not compared; Error is a substring)
	Func    func(s *Server, r *Response) error
}

// The example program of Baydin et al.: f(x1, x2) = ln(x1) + x1·x2 − sin(x2)
// at (2, 5).
const (
	Prog = "ln(x1) + x1*x2 - sin(x2)"
	At   = "x1:2,x2:5"
)

// Example values, computed here rather than written down.
var (
	exY  = math.Log(2) + 2*5 - math.Sin(5)
	exG1 = 1.0/2 + 5
	exG2 = 2 - math.Cos(5)
)

// API headers every API answer has.
var apiHeaders = map[string]string{
	"Access-Control-Allow-Origin": "*",
	"X-Content-Type-Options":      "nosniff",
}

// cached are the headers of a successful API answer (with apiHeaders).
var cached = merge(apiHeaders, map[string]string{"Cache-Control": "public, max-age=31536000, immutable"})

// noStore are the headers of an API error.
var noStore = merge(apiHeaders, map[string]string{"Cache-Control": "no-store"})

// DocumentCSP is the Content-Security-Policy of API answers that a browser
// may open as a document (SVG, HTML).
const DocumentCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// Checks is the table. Paths use the example program unless they test
// something else.
var Checks = []Check{
	// The index.
	{Name: "index", Path: "/api/v1/", Status: 200, Type: "application/json", Headers: cached,
		Body: []string{`"/api/v1/svg"`, `"/api/v1/png"`, `"/api/v1/trace"`, `"/api/v1/grad"`, `"/api/v1/jacobian"`, `"/api/v1/dot"`}},
	{Name: "index without slash", Path: "/api/v1", Status: 200, Type: "application/json", Body: []string{`"/api/v1/svg"`}},
	{Name: "unknown endpoint", Path: "/api/v1/nope", Status: 404, Type: "application/json", Headers: noStore,
		Error: &ErrorBody{Error: "no such endpoint"}},
	{Name: "unknown version", Path: "/api/v2/svg", Status: 404, Type: "application/json"},

	// Values.
	{Name: "grad", Path: Q("/api/v1/grad", "p", Prog, "at", At), Status: 200, Type: "application/json", Headers: cached,
		Func: func(_ *Server, r *Response) error {
			var out struct {
				Value    float64            `json:"value"`
				Gradient map[string]float64 `json:"gradient"`
			}
			if err := json.Unmarshal(r.Body, &out); err != nil {
				return err
			}
			if !near(out.Value, exY) || !near(out.Gradient["x1"], exG1) || !near(out.Gradient["x2"], exG2) {
				return fmt.Errorf("got %+v, want value %v, gradient x1 %v, x2 %v", out, exY, exG1, exG2)
			}
			return nil
		}},
	{Name: "jacobian forward", Path: Q("/api/v1/jacobian", "p", "y1 = x1*x2\ny2 = sin(x1)", "at", "x1:2,x2:5", "mode", "forward"),
		Status: 200, Type: "application/json", Headers: cached,
		Func: func(_ *Server, r *Response) error {
			var out struct {
				Mode     string      `json:"mode"`
				Jacobian [][]float64 `json:"jacobian"`
				Sweeps   int         `json:"sweeps"`
			}
			if err := json.Unmarshal(r.Body, &out); err != nil {
				return err
			}
			want := [][]float64{{5, 2}, {math.Cos(2), 0}}
			if out.Mode != "forward" || out.Sweeps != 2 || len(out.Jacobian) != 2 ||
				!near(out.Jacobian[0][0], want[0][0]) || !near(out.Jacobian[0][1], want[0][1]) ||
				!near(out.Jacobian[1][0], want[1][0]) || !near(out.Jacobian[1][1], want[1][1]) {
				return fmt.Errorf("got %+v, want forward, 2 sweeps, %v", out, want)
			}
			return nil
		}},
	{Name: "jacobian reverse sweeps", Path: Q("/api/v1/jacobian", "p", "y1 = x1*x2\ny2 = sin(x1)", "at", "x1:2,x2:5"),
		Status: 200, Body: []string{`"mode": "reverse"`, `"sweeps": 2`}},
	{Name: "trace json", Path: Q("/api/v1/trace", "p", Prog, "at", At, "mode", "reverse"), Status: 200, Type: "application/json", Headers: cached,
		Func: func(_ *Server, r *Response) error {
			var out struct {
				Nodes []struct {
					Label   string  `json:"label"`
					Adjoint float64 `json:"adjoint"`
				} `json:"nodes"`
			}
			if err := json.Unmarshal(r.Body, &out); err != nil {
				return err
			}
			if len(out.Nodes) != 7 || out.Nodes[0].Label != "v-1" || !near(out.Nodes[0].Adjoint, exG1) || !near(out.Nodes[1].Adjoint, exG2) {
				return fmt.Errorf("got %d nodes %+v; want 7, v-1 with adjoint %v, v0 with %v", len(out.Nodes), out.Nodes, exG1, exG2)
			}
			return nil
		}},
	{Name: "trace markdown", Path: Q("/api/v1/trace", "p", Prog, "at", At, "format", "markdown"), Status: 200,
		Type: "text/markdown", Headers: cached, Body: []string{"| ", "v̄-1", "5.5"}},
	{Name: "trace latex", Path: Q("/api/v1/trace", "p", Prog, "at", At, "format", "latex", "digits", "6"), Status: 200,
		Type: "text/plain", Body: []string{`\begin{`, `\bar{v}`, "11.6521"}},
	{Name: "trace html", Path: Q("/api/v1/trace", "p", Prog, "at", At, "format", "html"), Status: 200,
		Type: "text/html", Headers: map[string]string{"Content-Security-Policy": DocumentCSP}, Body: []string{"<table", "</table>"}},
	{Name: "trace forward with seed", Path: Q("/api/v1/trace", "p", Prog, "at", At, "mode", "forward", "seed", "x1:0,x2:1", "format", "markdown"),
		Status: 200, Body: []string{ad.FormatNumber(exG2, 4)}},
	{Name: "numeric trouble is not an error", Path: Q("/api/v1/trace", "p", "ln(x)", "at", "x:-1"), Status: 200,
		Body: []string{`"severity": "error"`, "NaN"}},

	// Pictures.
	{Name: "dot", Path: Q("/api/v1/dot", "p", Prog, "at", At), Status: 200, Type: "text/vnd.graphviz", Headers: cached,
		Body: []string{"digraph", "11.65"}},
	{Name: "svg last step", Path: Q("/api/v1/svg", "p", Prog, "at", At), Status: 200, Type: "image/svg+xml",
		Headers: merge(cached, map[string]string{"Content-Security-Policy": DocumentCSP}), Func: svgCheck(7, "11.65", "5.5", "1.716")},
	{Name: "svg step 0", Path: Q("/api/v1/svg", "p", Prog, "at", At, "step", "0"), Status: 200, Type: "image/svg+xml", Func: svgCheck(7)},
	{Name: "svg forward step 4 dark", Path: Q("/api/v1/svg", "p", Prog, "at", At, "mode", "forward", "step", "4", "theme", "dark", "digits", "6"),
		Status: 200, Type: "image/svg+xml", Func: svgCheck(7)},
	{Name: "svg animated", Path: Q("/api/v1/svg", "p", Prog, "at", At, "animate", "1"), Status: 200, Type: "image/svg+xml",
		Headers: map[string]string{"Content-Security-Policy": DocumentCSP}, Body: []string{"@keyframes"}, Func: svgCheck(7)},
	{Name: "svg with the options of adviz render", Path: Q("/api/v1/svg", "p", Prog, "at", At, "rankdir", "TB", "legend", "0", "caption", "0",
		"edge-labels", "1", "theme", "dark"), Status: 200, Type: "image/svg+xml", Func: svgCheck(7, "10.69")},
	{Name: "svg animated, frame", Path: Q("/api/v1/svg", "p", Prog, "at", At, "animate", "1", "frame", "800ms", "mode", "forward"), Status: 200,
		Body: []string{"@keyframes"}, Func: svgCheck(7)},
	{Name: "png", Path: Q("/api/v1/png", "p", Prog, "at", At), Status: 200, WorkerStatus: 501,
		Func: func(s *Server, r *Response) error {
			if s.Worker {
				e, err := DecodeError(r)
				if err != nil {
					return err
				}
				if !strings.Contains(e.Error, "PNG") || !strings.Contains(e.Error, "/api/v1/svg") {
					return fmt.Errorf("501 message %q should say PNG is not available and point to /api/v1/svg", e.Error)
				}
				return nil
			}
			if ct := r.Header.Get("Content-Type"); ct != "image/png" {
				return fmt.Errorf("Content-Type %q", ct)
			}
			if !bytes.HasPrefix(r.Body, []byte("\x89PNG\r\n\x1a\n")) {
				return fmt.Errorf("body is not a PNG: %.20q", r.Body)
			}
			return nil
		}},

	// Bad input: 400 with what and where.
	{Name: "syntax error", Path: Q("/api/v1/svg", "p", "ln(x1", "at", "x1:2"), Status: 400, Type: "application/json", Headers: noStore,
		Error: &ErrorBody{Error: "missing ')'", Param: "p", Line: 1, Col: 6}},
	{Name: "syntax error on line 2", Path: Q("/api/v1/grad", "p", "a = x1*2\nb = a +* 3", "at", "x1:2"), Status: 400,
		Error: &ErrorBody{Error: "unexpected '*'", Param: "p", Line: 2, Col: 8, Caret: "b = a +* 3\n       ^"}},
	{Name: "unknown name", Path: Q("/api/v1/trace", "p", "x1*x2", "at", "x1:2"), Status: 400,
		Error: &ErrorBody{Error: "'x2' has no value", Line: 1, Col: 4}},
	{Name: "missing p", Path: "/api/v1/svg", Status: 400, Error: &ErrorBody{Error: "missing parameter p", Param: "p"}},
	{Name: "missing at", Path: Q("/api/v1/grad", "p", Prog), Status: 400, Error: &ErrorBody{Error: "needs values for x1, x2", Param: "at"}},
	{Name: "bad at", Path: Q("/api/v1/grad", "p", Prog, "at", "x1:two,x2:5"), Status: 400, Error: &ErrorBody{Error: "not a number", Param: "at"}},
	{Name: "input twice", Path: Q("/api/v1/grad", "p", Prog, "at", "x1:1,x1:2,x2:5"), Status: 400, Error: &ErrorBody{Error: "given twice", Param: "at"}},
	{Name: "bad mode", Path: Q("/api/v1/trace", "p", Prog, "at", At, "mode", "sideways"), Status: 400, Error: &ErrorBody{Param: "mode"}},
	{Name: "bad seed", Path: Q("/api/v1/trace", "p", Prog, "at", At, "mode", "forward", "seed", "z:1"), Status: 400, Error: &ErrorBody{Error: "not an input", Param: "seed"}},
	{Name: "bad step", Path: Q("/api/v1/svg", "p", Prog, "at", At, "step", "999"), Status: 400, Error: &ErrorBody{Error: "out of range", Param: "step"}},
	{Name: "bad digits", Path: Q("/api/v1/svg", "p", Prog, "at", At, "digits", "99"), Status: 400, Error: &ErrorBody{Param: "digits"}},
	{Name: "bad theme", Path: Q("/api/v1/svg", "p", Prog, "at", At, "theme", "neon"), Status: 400, Error: &ErrorBody{Param: "theme"}},
	{Name: "bad animate", Path: Q("/api/v1/svg", "p", Prog, "at", At, "animate", "maybe"), Status: 400, Error: &ErrorBody{Param: "animate"}},
	{Name: "bad rankdir", Path: Q("/api/v1/svg", "p", Prog, "at", At, "rankdir", "RL"), Status: 400, Error: &ErrorBody{Param: "rankdir"}},
	{Name: "bad legend", Path: Q("/api/v1/svg", "p", Prog, "at", At, "legend", "perhaps"), Status: 400, Error: &ErrorBody{Param: "legend"}},
	{Name: "frame without animate", Path: Q("/api/v1/svg", "p", Prog, "at", At, "frame", "1s"), Status: 400, Error: &ErrorBody{Param: "frame"}},
	{Name: "bad frame", Path: Q("/api/v1/svg", "p", Prog, "at", At, "animate", "1", "frame", "1ns"), Status: 400, Error: &ErrorBody{Param: "frame"}},
	{Name: "bad format", Path: Q("/api/v1/trace", "p", Prog, "at", At, "format", "pdf"), Status: 400, Error: &ErrorBody{Param: "format"}},
	{Name: "unknown parameter", Path: Q("/api/v1/grad", "p", Prog, "at", At, "stepp", "3"), Status: 400, Error: &ErrorBody{Error: "unknown parameter", Param: "stepp"}},
	{Name: "parameter of another endpoint", Path: Q("/api/v1/grad", "p", Prog, "at", At, "mode", "forward"), Status: 400, Error: &ErrorBody{Param: "mode"}},
	{Name: "parameter twice", Path: Q("/api/v1/grad", "p", Prog, "at", At, "at", At), Status: 400, Error: &ErrorBody{Error: "2 times", Param: "at"}},
	{Name: "malformed query", Path: "/api/v1/grad?p=%zz", Status: 400, Error: &ErrorBody{Error: "malformed"}},
	{Name: "grad of two outputs", Path: Q("/api/v1/grad", "p", "a = x*2\nb = x*3", "at", "x:1"), Status: 400, Error: &ErrorBody{Error: "one output"}},
	{Name: "jacobian primal", Path: Q("/api/v1/jacobian", "p", Prog, "at", At, "mode", "primal"), Status: 400, Error: &ErrorBody{Param: "mode"}},
	{Name: "markup in the program is escaped", Path: Q("/api/v1/svg", "p", "<script>alert(1)</script>", "at", ""), Status: 400,
		Type: "application/json", Error: &ErrorBody{Line: 1, Col: 1}},

	// Oversize: 413.
	{Name: "program over 4 KiB", Path: Q("/api/v1/grad", "p", "x"+strings.Repeat(" + x", 1100), "at", "x:1"), Status: 413, Headers: noStore,
		Error: &ErrorBody{Error: "the limit is 4096", Param: "p"}},
	{Name: "more than 2000 nodes", Path: Q("/api/v1/trace", "p", "x"+strings.Repeat("*x", 2040), "at", "x:1"), Status: 413,
		Error: &ErrorBody{Error: "the limit here is 2000", Param: "p"}},
	{Name: "picture over its node limit", Path: Q("/api/v1/svg", "p", "x"+strings.Repeat("*x", 1000), "at", "x:1"), Status: 413,
		Error: &ErrorBody{Error: "nodes; the limit here is", Param: "p"}},
	{Name: "picture too costly to lay out", Path: Q("/api/v1/svg", "p", "x"+strings.Repeat("*x", 100), "at", "x:1"), Status: 413,
		Error: &ErrorBody{Error: "too large to draw", Param: "p"}},
	{Name: "PNG over the picture limit", Path: Q("/api/v1/png", "p", "x"+strings.Repeat("*x", 100), "at", "x:1"), Status: 413, WorkerStatus: 501,
		Error: &ErrorBody{Error: "too large to draw", Param: "p"}},
	{Name: "PNG of 61 nodes", Path: Q("/api/v1/png", "p", "x"+strings.Repeat(" + x*x", 30), "at", "x:1", "step", "20"), Status: 200, WorkerStatus: 501},
	{Name: "DOT of a large graph", Path: Q("/api/v1/dot", "p", "x"+strings.Repeat("*x", 1000), "at", "x:1"), Status: 200, Body: []string{"digraph"}},
	{Name: "1000 nodes are fine without a picture", Path: Q("/api/v1/grad", "p", "x"+strings.Repeat("*x", 1000), "at", "x:1"), Status: 200},

	// Methods, CORS, caching.
	{Name: "POST is 405", Method: "POST", Path: Q("/api/v1/grad", "p", Prog, "at", At), Status: 405, Type: "application/json",
		Headers: merge(apiHeaders, map[string]string{"Allow": "GET, HEAD, OPTIONS"}), Error: &ErrorBody{Error: "POST is not allowed"}},
	{Name: "DELETE is 405", Method: "DELETE", Path: "/api/v1/svg", Status: 405},
	{Name: "CORS preflight", Method: "OPTIONS", Path: Q("/api/v1/svg", "p", Prog, "at", At),
		Header: map[string]string{"Origin": "https://notes.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match, x-requested-with"},
		Status: 204, Headers: map[string]string{
			"Access-Control-Allow-Origin":  "*",
			"Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
			"Access-Control-Allow-Headers": "if-none-match, x-requested-with",
		}},
	{Name: "HEAD has the headers of GET and no body", Method: "HEAD", Path: Q("/api/v1/svg", "p", Prog, "at", At), Status: 200,
		Type: "image/svg+xml", Headers: cached, Func: func(s *Server, r *Response) error {
			if len(r.Body) != 0 {
				return fmt.Errorf("HEAD has a body of %d bytes", len(r.Body))
			}
			g, err := s.Get(Q("/api/v1/svg", "p", Prog, "at", At))
			if err != nil {
				return err
			}
			if g.Header.Get("ETag") != r.Header.Get("ETag") {
				return fmt.Errorf("ETag of HEAD %q, of GET %q", r.Header.Get("ETag"), g.Header.Get("ETag"))
			}
			return nil
		}},
	{Name: "same URL same bytes, ETag and 304", Path: Q("/api/v1/svg", "p", Prog, "at", At, "step", "5"), Status: 200,
		Func: func(s *Server, first *Response) error {
			etag := first.Header.Get("ETag")
			if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
				return fmt.Errorf("ETag %q is not a strong entity tag", etag)
			}
			again, err := s.Get(Q("/api/v1/svg", "p", Prog, "at", At, "step", "5"))
			if err != nil {
				return err
			}
			if !bytes.Equal(again.Body, first.Body) || again.Header.Get("ETag") != etag {
				return fmt.Errorf("the same URL gave different bytes or ETags (%q, %q)", etag, again.Header.Get("ETag"))
			}
			path := Q("/api/v1/svg", "p", Prog, "at", At, "step", "5")
			for _, inm := range []string{etag, `"other", ` + etag, "W/" + etag} {
				nm, err := s.Do("GET", path, map[string]string{"If-None-Match": inm})
				if err != nil {
					return err
				}
				if nm.Status != 304 || len(nm.Body) != 0 || nm.Header.Get("ETag") != etag {
					return fmt.Errorf("If-None-Match %s: status %d, %d bytes, ETag %q; want 304, empty, %q", inm, nm.Status, len(nm.Body), nm.Header.Get("ETag"), etag)
				}
			}
			other, err := s.Do("GET", path, map[string]string{"If-None-Match": `"stale"`})
			if err != nil {
				return err
			}
			if other.Status != 200 || !bytes.Equal(other.Body, first.Body) {
				return fmt.Errorf("a stale If-None-Match gave %d", other.Status)
			}
			step4, err := s.Get(Q("/api/v1/svg", "p", Prog, "at", At, "step", "4"))
			if err != nil {
				return err
			}
			if step4.Header.Get("ETag") == etag {
				return fmt.Errorf("steps 4 and 5 have the same ETag %s", etag)
			}
			return nil
		}},

	// Outside the API.
	{Name: "the page", Path: "/", Status: 200, Type: "text/html",
		Headers: map[string]string{"X-Content-Type-Options": "nosniff"},
		Func: func(s *Server, r *Response) error {
			csp := r.Header.Get("Content-Security-Policy")
			for _, d := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors *"} {
				if !strings.Contains(csp, d) {
					return fmt.Errorf("the page's Content-Security-Policy %q lacks %q", csp, d)
				}
			}
			if !bytes.Contains(bytes.ToLower(r.Body), []byte("<!doctype html")) {
				return fmt.Errorf("the page is not HTML: %.100q", r.Body)
			}
			return nil
		}},
	{Name: "healthz", Path: "/healthz", Status: 200, Type: "text/plain", Body: []string{"ok"},
		Headers: map[string]string{"Cache-Control": "no-store"}},
}

// svgCheck checks an SVG answer: well-formed, nodes graph nodes (at least),
// and these texts somewhere in the nodes.
func svgCheck(nodes int, texts ...string) func(*Server, *Response) error {
	return func(_ *Server, r *Response) error {
		ns, err := SVGNodes(r.Body)
		if err != nil {
			return err
		}
		if len(ns) < nodes {
			return fmt.Errorf("%d nodes, want at least %d", len(ns), nodes)
		}
		var all []string
		for _, n := range ns {
			all = append(all, n.Texts...)
		}
		for _, t := range texts {
			found := false
			for _, a := range all {
				if strings.Contains(a, t) {
					found = true
				}
			}
			if !found {
				return fmt.Errorf("no node text contains %q; texts: %q", t, all)
			}
		}
		return nil
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// Run runs every check against s, one subtest each.
func Run(t *testing.T, s *Server) {
	t.Helper()
	for _, c := range Checks {
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Do(s); err != nil {
				t.Errorf("%s %s %s: %v", s.Name, c.method(), c.Path, err)
			}
		})
	}
}

func (c *Check) method() string {
	if c.Method == "" {
		return "GET"
	}
	return c.Method
}

// Do runs the check against s.
func (c *Check) Do(s *Server) error {
	r, err := s.Do(c.method(), c.Path, c.Header)
	if err != nil {
		return err
	}
	want := c.Status
	if s.Worker && c.WorkerStatus != 0 {
		want = c.WorkerStatus
	}
	if r.Status != want {
		return fmt.Errorf("status %d, want %d; body %.300q", r.Status, want, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); c.Type != "" && !strings.HasPrefix(ct, c.Type) {
		return fmt.Errorf("Content-Type %q, want %s...", ct, c.Type)
	}
	for k, v := range c.Headers {
		if got := r.Header.Get(k); got != v {
			return fmt.Errorf("header %s: %q, want %q", k, got, v)
		}
	}
	if strings.HasPrefix(c.Path, "/api/") && r.Header.Get("Access-Control-Allow-Origin") != "*" {
		return fmt.Errorf("API answer without Access-Control-Allow-Origin: *")
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" {
		return fmt.Errorf("answer without X-Content-Type-Options: nosniff")
	}
	for _, b := range c.Body {
		if !bytes.Contains(r.Body, []byte(b)) {
			return fmt.Errorf("body lacks %q: %.500q", b, r.Body)
		}
	}
	if want >= 400 && c.method() != "HEAD" && strings.HasPrefix(c.Path, "/api/") {
		e, err := DecodeError(r)
		if err != nil {
			return err
		}
		if w := c.Error; w != nil && want == c.Status { // Error describes the answer of Status
			switch {
			case !strings.Contains(e.Error, w.Error):
				return fmt.Errorf("error %q lacks %q", e.Error, w.Error)
			case w.Param != "" && e.Param != w.Param:
				return fmt.Errorf("error param %q, want %q (%s)", e.Param, w.Param, e.Error)
			case w.Line != 0 && (e.Line != w.Line || e.Col != w.Col):
				return fmt.Errorf("error at %d:%d, want %d:%d (%s)", e.Line, e.Col, w.Line, w.Col, e.Error)
			case w.Caret != "" && e.Caret != w.Caret:
				return fmt.Errorf("caret %q, want %q", e.Caret, w.Caret)
			}
		}
	}
	if c.Func != nil {
		return c.Func(s, r)
	}
	return nil
}

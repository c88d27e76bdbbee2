// Package web serves adviz over HTTP: the page and a versioned API, from one
// http.Handler. `adviz serve` runs it with net/http and native Graphviz
// (go-graphviz); wasm/worker runs the same handler on Cloudflare Workers,
// with Graphviz compiled for JavaScript and the page as static assets.
//
// The API (/api/v1/; the list is at /api/v1/ itself, the reference in
// README.md) answers GET, HEAD and the CORS preflight OPTIONS. An answer
// is a function of its URL and the server's version alone: it carries a
// strong ETag (a hash of the body) and may be cached for a year. Errors are
// JSON {error, param, line, col, caret}: 400 for bad input, 413 for input
// over the limits (MaxProgramBytes, MaxNodes, MaxRenderNodes,
// MaxLayoutSize), 405 for other methods, 501 for a picture
// format the server's Graphviz cannot make, 503 when a request exceeds its
// time budget. Graphviz cannot be interrupted, so pictures are bounded by
// LayoutSize, the nodes plus the ranks their edges cross, on which the
// time of Graphviz's layered layout depends.
package web

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/adviz/adviz/graphviz"
)

// DefaultTimeout is the time budget of an API request.
const DefaultTimeout = 10 * time.Second

// Options configure the handler.
type Options struct {
	// Renderer runs Graphviz: graphviz.Native() in `adviz serve`,
	// graphviz.JS() in the worker. Nil: svg and png answer 501 (dot works).
	Renderer graphviz.Renderer
	// PNG says the server can draw PNG: native builds rasterize the SVG in
	// Go; js/wasm builds (the worker) leave that out. Without it
	// /api/v1/png answers 501.
	PNG bool
	// Static is the page. Nil: only the API and /healthz are served (the
	// worker, whose page is served as static assets).
	Static fs.FS
	// Version names the build in /api/v1/ and /healthz; by default the
	// module version and VCS revision from the build information.
	Version string
	// Timeout is the time budget of an API request (DefaultTimeout if 0).
	Timeout time.Duration
	// MaxRenders bounds concurrent Graphviz renders (GOMAXPROCS if 0).
	// Other requests wait for a slot within their time budget.
	MaxRenders int
	// Layouts is how many laid-out graphs are kept, so that the steps,
	// modes and points of one program are drawn from one Graphviz layout
	// (DefaultLayouts if 0; negative: none).
	Layouts int
}

// DefaultLayouts is the default size of the layout cache.
const DefaultLayouts = 64

// PNGCacheBytes bounds the cache of PNG answers.
const PNGCacheBytes = 32 << 20

// handler is the http.Handler returned by NewHandler.
type handler struct {
	opt     Options
	static  http.Handler
	renders chan struct{} // semaphore of Graphviz renders
	pngSlot chan struct{} // one PNG at a time
	layouts *lru[*graphviz.Layout]
	pngs    *lru[[]byte]
}

// NewHandler returns the handler of the page and the API.
func NewHandler(opt Options) http.Handler {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxRenders <= 0 {
		opt.MaxRenders = runtime.GOMAXPROCS(0)
	}
	if opt.Version == "" {
		opt.Version = buildVersion()
	}
	if opt.Layouts == 0 {
		opt.Layouts = DefaultLayouts
	}
	h := &handler{opt: opt, renders: make(chan struct{}, opt.MaxRenders), pngSlot: make(chan struct{}, 1),
		layouts: newLRU(opt.Layouts, func(*graphviz.Layout) int { return 1 }),
		pngs:    newLRU(PNGCacheBytes, func(b []byte) int { return len(b) })}
	if opt.Static != nil {
		h.static = pageHandler(opt.Static)
	}
	return h
}

// pageHandler serves the page with StaticHandler: each file with a strong
// ETag per encoding, revalidated cheaply (304) instead of downloaded again.
func pageHandler(fsys fs.FS) http.Handler { return StaticHandler(fsys) }

// buildVersion describes the running build: module version and revision.
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if len(s.Value) > 12 {
				s.Value = s.Value[:12]
			}
			v += " " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	path := r.URL.Path
	switch {
	case path == "/api" || strings.HasPrefix(path, "/api/"):
		h.serveAPI(w, r)
	case path == "/healthz":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hdr.Set("Allow", "GET, HEAD")
			writeError(w, &apiError{Status: 405, Msg: r.Method + " is not allowed here; use GET"})
			return
		}
		hdr.Set("Cache-Control", "no-store")
		hdr.Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "ok %s\n", h.opt.Version)
	case h.static != nil:
		for k, v := range PageHeaders {
			hdr.Set(k, v)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hdr.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.static.ServeHTTP(w, r)
	default:
		hdr.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintln(w, "404 not found: this server answers /api/v1/ only")
	}
}

// PageHeaders are the security headers of the page (besides
// X-Content-Type-Options, which every response has). The page runs its
// own module scripts and WebAssembly (Go's and Graphviz's), so it needs
// 'wasm-unsafe-eval' but no inline script; course notes embed it in an
// iframe, so any site may frame it.
var PageHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
		"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
		"worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors *",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
}

// Content-Security-Policy of API responses that a browser may open as a
// document (SVG, HTML tables): no script, no network, inline styles only.
// SVG can carry links; sandbox keeps an SVG opened directly from running
// anything.
const documentCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// response is a successful API response.
type response struct {
	contentType string
	body        []byte
}

// apiError is an error response. Its JSON is {error, param, line, col,
// caret}; line, col and caret are there for errors in the program text.
type apiError struct {
	Status int    `json:"-"`
	Msg    string `json:"error"`
	Param  string `json:"param,omitempty"`
	Line   int    `json:"line,omitempty"`
	Col    int    `json:"col,omitempty"`
	Caret  string `json:"caret,omitempty"`
}

func (e *apiError) Error() string { return e.Msg }

// serveAPI answers /api/...: CORS, methods, routing, the time budget,
// caching.
func (h *handler) serveAPI(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Access-Control-Allow-Origin", "*")
	hdr.Set("Access-Control-Expose-Headers", "ETag, Content-Length")
	ep := lookup(r.URL.Path)
	if ep == nil {
		writeError(w, &apiError{Status: 404,
			Msg: fmt.Sprintf("no such endpoint %s; see /api/v1/ for the list", r.URL.Path)})
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		// CORS preflight. Simple GETs need none, but a page that sends
		// If-None-Match itself triggers one.
		hdr.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		if req := r.Header.Values("Access-Control-Request-Headers"); len(req) > 0 {
			var names []string
			for _, v := range req {
				for _, n := range strings.Split(v, ",") {
					if n = strings.TrimSpace(n); n != "" {
						names = append(names, n)
					}
				}
			}
			hdr.Set("Access-Control-Allow-Headers", strings.Join(names, ", "))
		}
		hdr.Set("Access-Control-Max-Age", "86400")
		hdr.Set("Allow", "GET, HEAD, OPTIONS")
		hdr.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		hdr.Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, &apiError{Status: 405, Msg: r.Method + " is not allowed; the API answers GET, HEAD and OPTIONS"})
		return
	}
	res, err := h.run(r.Context(), ep, r)
	if err != nil {
		writeError(w, err)
		return
	}
	etag := etagOf(res.body)
	hdr.Set("ETag", etag)
	hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	if ep.document {
		hdr.Set("Content-Security-Policy", documentCSP)
	}
	// Values, not Get: the worker glue splits header values at commas.
	if inm := strings.Join(r.Header.Values("If-None-Match"), ","); inm != "" && etagMatch(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", res.contentType)
	hdr.Set("Content-Length", strconv.Itoa(len(res.body)))
	w.WriteHeader(http.StatusOK)
	// Also for HEAD: net/http and workerd drop the body of a HEAD answer,
	// and the worker glue (syumai/workers) fails a response whose
	// Content-Length promises bytes that are not written.
	_, _ = w.Write(res.body)
}

// run computes an endpoint's response within the time budget. The work runs
// in its own goroutine, so a request that exceeds the budget is answered
// with 503 while the work finishes in the background (a Graphviz layout
// cannot be interrupted; MaxRenderNodes bounds it, and the render semaphore
// bounds how many run at once).
func (h *handler) run(ctx context.Context, ep *endpoint, r *http.Request) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opt.Timeout)
	defer cancel()
	type result struct {
		res *response
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: &apiError{Status: 500, Msg: fmt.Sprintf("internal error: %v", p)}}
			}
		}()
		q, err := parseQuery(r.URL.RawQuery, ep.Params)
		if err != nil {
			done <- result{err: err}
			return
		}
		res, err := ep.serve(&call{h: h, ctx: ctx, q: q})
		done <- result{res, err}
	}()
	select {
	case res := <-done:
		return res.res, res.err
	case <-ctx.Done():
		if r.Context().Err() != nil {
			// The client went away; nobody reads the answer.
			return nil, &apiError{Status: 503, Msg: "the request was cancelled"}
		}
		return nil, &apiError{Status: 503, Msg: fmt.Sprintf("the request took longer than its time budget (%s); try a smaller program", h.opt.Timeout)}
	}
}

// acquireRender waits for a render slot within the time budget; release
// it with releaseRender.
func (h *handler) acquireRender(ctx context.Context) error { return acquire(ctx, h.renders) }

// acquire takes a slot of the semaphore sem, waiting within the time
// budget of ctx.
func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return &apiError{Status: 503, Msg: "the server is busy drawing; try again"}
	}
}

func (h *handler) releaseRender() { <-h.renders }

// writeError writes e as JSON. Errors are not cached.
func writeError(w http.ResponseWriter, err error) {
	e, ok := err.(*apiError)
	if !ok {
		e = &apiError{Status: 500, Msg: err.Error()}
	}
	b, _ := json.Marshal(e)
	b = append(b, '\n')
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Content-Length", strconv.Itoa(len(b)))
	if e.Status == 503 {
		hdr.Set("Retry-After", "1")
	}
	w.WriteHeader(e.Status)
	_, _ = w.Write(b) // for HEAD too, as in serveAPI
}

// etagOf is a strong ETag: a 128-bit FNV-1a hash of the body (cheap in
// WebAssembly too, where a worker request has a few milliseconds of CPU).
func etagOf(body []byte) string {
	f := fnv.New128a()
	f.Write(body)
	return fmt.Sprintf(`"%x"`, f.Sum(nil))
}

// etagMatch reports whether an If-None-Match header lists etag (weak
// comparison, as RFC 9110 asks for If-None-Match) or is "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

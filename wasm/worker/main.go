//go:build js && wasm

// Command worker is adviz on Cloudflare Workers: the handler of package web
// (the API; the page is served as static assets, see wrangler.toml), run by
// github.com/syumai/workers with standard Go (GOOS=js GOARCH=wasm). Graphviz
// is @viz-js/viz, which the entry script (src/entry.mjs) starts once per
// isolate and exposes as globalThis.renderDOT; graphviz.JS() calls it. The
// worker makes SVG but not PNG (the js build of package graphviz leaves the
// PNG rasterizer out, which keeps the worker under 3 MiB), so /api/v1/png
// answers 501 here.
//
// The Go instance lives as long as its isolate: src/entry.mjs starts it on
// the first request and hands it every later one (see main).
//
// Build with scripts/build-worker.sh; the tests are in worker_test.go.
package main

import (
	"bytes"
	"net/http"
	"syscall/js"

	"github.com/syumai/workers"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/web"
)

func main() {
	// One Go instance serves every request of its isolate (src/entry.mjs
	// keeps it): starting one per request, as workers.Serve does, costs
	// more CPU than the request itself.
	workers.ServeNonBlock(wholeBodies{web.NewHandler(web.Options{Renderer: graphviz.JS()})})
	workers.Ready()
	select {}
}

// wholeBodies hands each response body to the runtime as one Uint8Array
// (the library's WriteRawJSBody) instead of letting the library stream it:
// its streaming path makes JavaScript functions it never releases (about
// 35 KB a response), harmless when every request has its own Go instance
// but a leak in one that lives on. The handler's answers are small and
// whole anyway.
type wholeBodies struct{ next http.Handler }

type rawBodyWriter interface{ WriteRawJSBody(js.Value) }

func (h wholeBodies) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, ok := w.(rawBodyWriter)
	if !ok {
		h.next.ServeHTTP(w, r)
		return
	}
	rec := &recorder{header: w.Header()}
	h.next.ServeHTTP(rec, r)
	if rec.status != 0 {
		w.WriteHeader(rec.status)
	}
	body := js.Global().Get("Uint8Array").New(rec.body.Len())
	js.CopyBytesToJS(body, rec.body.Bytes())
	raw.WriteRawJSBody(body)
}

// recorder keeps a response: the headers go straight to the real writer's.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

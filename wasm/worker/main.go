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
	"github.com/syumai/workers"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/web"
)

func main() {
	// One Go instance serves every request of its isolate (src/entry.mjs
	// keeps it): starting one per request, as workers.Serve does, costs
	// more CPU than the request itself.
	workers.ServeNonBlock(web.NewHandler(web.Options{Renderer: graphviz.JS()}))
	workers.Ready()
	select {}
}

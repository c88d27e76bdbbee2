#!/usr/bin/env bash
# Builds adviz's Cloudflare worker (see wrangler.toml at the repository root).
# Needs `npm ci --prefix wasm/worker` first (wrangler 4.86.0, @viz-js/viz 3.31.0).
# The page's generated files (web/static/gen) come from scripts/build-web.sh;
# run it first for a working page (the API works without it).
#
# Writes (all gitignored):
#   wasm/worker/build/          the Go worker glue from workers-assets-gen (it
#                               empties the folder first) and app.wasm, the
#                               handler of package web built for GOOS=js
#   wasm/worker/gen/graphviz.wasm, gen/viz.mjs
#                               Graphviz: @viz-js/viz's wasm as its own module
#                               and its loader patched to use it (gen-viz.mjs)
#   wasm/worker/gen/site/       the static assets: the page + _headers
set -euo pipefail
cd "$(dirname "$0")/.."
W=wasm/worker
if [[ ! -x $W/node_modules/.bin/wrangler || ! -f $W/node_modules/@viz-js/viz/package.json ]]; then
  echo "build-worker: npm dependencies missing: run npm ci --prefix $W" >&2
  exit 1
fi
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $W/build
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o $W/build/app.wasm ./$W
node $W/scripts/gen-viz.mjs
go run ./$W/site -o $W/gen/site
echo "build-worker: $W/build/app.wasm $(stat -c %s $W/build/app.wasm) B"

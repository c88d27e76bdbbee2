#!/usr/bin/env bash
# Runs every test of adviz: the README's test command, and all that .ci/run
# does. On a fresh machine it first installs what the tests need
# (scripts/setup.sh: Chromium from apt, npm packages from their lock files).
#
#   gofmt and go vet (native, and js/wasm for what compiles to WebAssembly)
#   the page's assets (scripts/build-web.sh)
#   go test ./...: the AD core, Graphviz output against golden files, the
#     command line, the handler, the page in headless Chromium, the worker
#     in a local workerd (wrangler dev)
#   the AD core again as WebAssembly, under Node.js
#   the worker's size against Cloudflare's free limit
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
start=$SECONDS
step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - start)); }

step "setup"
scripts/setup.sh

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
	echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...
GOOS=js GOARCH=wasm go vet ./ad ./graphviz ./wasm/...

step "build the page"
scripts/build-web.sh

step "go test"
go test -count=1 ./...

step "ad and its correctly rounded math as WebAssembly (GOOS=js GOARCH=wasm, Node.js $(node --version))"
GOOS=js GOARCH=wasm go test -count=1 -short -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./ad/...

step "worker size"
scripts/worker-size.sh

step "all tests passed"

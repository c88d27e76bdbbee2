#!/usr/bin/env bash
# Runs the visualizer locally: builds what it needs (the page's npm package,
# the browser's Go WebAssembly module, the adviz command) and serves the page
# and the HTTP API on 127.0.0.1, printing the URL. Ctrl-C stops it.
# Usage: scripts/run.sh [--addr 127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
scripts/build-web.sh >&2
mkdir -p build
go build -o build/adviz ./cmd/adviz
exec build/adviz serve "$@"

#!/usr/bin/env bash
# Builds everything the page needs into web/static/gen:
#   adviz.wasm    the Go module (wasm/browser), GOOS=js GOARCH=wasm
#   wasm_exec.js  Go's JavaScript support for it, from this Go's GOROOT
#   viz.js        Graphviz for the browser (@viz-js/viz, standalone ESM)
# It is idempotent and quick when everything is up to date: npm ci runs only
# when web/package-lock.json changed, the wasm is rebuilt only when a Go
# file it depends on (or go.mod/go.sum) is newer, and files are replaced only
# when their content changed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
web=$root/web
gen=$web/static/gen
mkdir -p "$gen"

# install copies $1 to $2 unless $2 already has the same content.
install() {
	if ! cmp -s "$1" "$2"; then
		cp "$1" "$2.tmp.$$" && mv "$2.tmp.$$" "$2"
		echo "build-web: wrote ${2#"$root"/}"
	fi
}

# npm packages, exactly as locked.
stamp=$web/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ]; then
	(cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
install "$web/node_modules/@viz-js/viz/dist/viz.js" "$gen/viz.js"
install "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$gen/wasm_exec.js"

# The Go module: rebuild when a source file of a package it uses is newer.
wasm=$gen/adviz.wasm
cd "$root"
stale=yes
if [ -f "$wasm" ]; then
	dirs=$(GOOS=js GOARCH=wasm go list -deps -f '{{if not .Standard}}{{.Dir}}{{end}}' ./wasm/browser)
	# shellcheck disable=SC2086
	if [ -z "$(find $dirs "$root/go.mod" "$root/go.sum" -maxdepth 1 -newer "$wasm" \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print -quit)" ]; then
		stale=
	fi
fi
if [ -n "$stale" ]; then
	tmp=$(mktemp "$gen/.adviz.wasm.XXXXXX")
	trap 'rm -f "$tmp"' EXIT
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp" ./wasm/browser
	if cmp -s "$tmp" "$wasm"; then
		touch "$wasm"
	else
		mv "$tmp" "$wasm"
		echo "build-web: wrote web/static/gen/adviz.wasm ($(wc -c <"$wasm") bytes)"
	fi
fi

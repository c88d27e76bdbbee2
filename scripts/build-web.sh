#!/usr/bin/env bash
# Builds everything the page needs into web/static/gen:
#   adviz.wasm     the Go module (wasm/browser), GOOS=js GOARCH=wasm
#   wasm_exec.js   Go's JavaScript support for it, from this Go's GOROOT
#   viz.js         Graphviz's loader (@viz-js/viz, pinned in web/package-lock.json)
#   graphviz.wasm  and its WebAssembly, extracted from viz.js at build time by
#                  wasm/worker/scripts/gen-viz.mjs (shared with the worker), so
#                  that the browser compiles it while it downloads and caches
#                  the compiled code
#   first.js       the page's default example (Baydin et al.'s, reverse mode)
#                  as the module itself builds and lays it out, run in Node.js
#                  with the same viz.js, as a JavaScript module of its data:
#                  the page shows it before its module has started
#                  (web/static/js/first.js), then the module takes over the
#                  same picture
#   app.js, embed.js, worker.js, adviz.css (and their .map)
#                  the page's modules (web/static/js) bundled and minified by
#                  esbuild, one file per page and one for its worker, and its
#                  stylesheet minified: a few requests instead of twenty
#   NAME.br, NAME.gz  of each of them: brotli (quality 11) and gzip -9, made
#                  once here; web.StaticHandler sends them by Accept-Encoding
# It is idempotent and quick when everything is up to date: npm ci runs only
# when web/package-lock.json changed, the wasm is rebuilt only when a Go
# file it depends on (or go.mod/go.sum) is newer, and files are replaced
# (and compressed again) only when their content changed. After editing
# web/static/js or css, run it again (the bundling takes a few ms).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
web=$root/web
gen=$web/static/gen
mkdir -p "$gen"
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# install copies $1 to $2 unless $2 already has the same content.
install() {
	if ! cmp -s "$1" "$2"; then
		cp "$1" "$2.tmp.$$" && mv "$2.tmp.$$" "$2"
		echo "build-web: wrote ${2#"$root"/} ($(wc -c <"$2") bytes)"
	fi
}

# npm packages, exactly as locked.
stamp=$web/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ]; then
	(cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Graphviz: its wasm out of viz.js, and the loader patched to take it.
genviz=$root/wasm/worker/scripts/gen-viz.mjs
if [ ! -f "$gen/viz.js" ] || [ ! -f "$gen/graphviz.wasm" ] || [ "$genviz" -nt "$gen/viz.js" ] ||
	[ "$stamp" -nt "$gen/viz.js" ] || ! head -c 200 "$gen/viz.js" | grep -q GENERATED; then
	node "$genviz" --target browser --pkg "$web/node_modules/@viz-js/viz" --out "$tmpdir/viz" >/dev/null
	install "$tmpdir/viz/viz.js" "$gen/viz.js"
	install "$tmpdir/viz/graphviz.wasm" "$gen/graphviz.wasm"
fi
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
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmpdir/adviz.wasm" ./wasm/browser
	if cmp -s "$tmpdir/adviz.wasm" "$wasm"; then
		touch "$wasm"
	else
		install "$tmpdir/adviz.wasm" "$wasm"
	fi
fi

# The page's modules and stylesheet, bundled and minified; the worker
# gets the versions of the WebAssembly files (web.Version: the first 16 hex
# digits of their SHA-256), which it puts in their URLs.
version() { sha256sum "$1" | cut -c1-16; }
# Written beside gen/ (same depth), so that the source maps' paths, which
# are relative to the bundle, hold in gen/.
bundle=$web/static/.bundle
trap 'rm -rf "$tmpdir" "$bundle"' EXIT
versions="{\"adviz.wasm\":\"$(version "$gen/adviz.wasm")\",\"graphviz.wasm\":\"$(version "$gen/graphviz.wasm")\"}"
"$web/node_modules/.bin/esbuild" "$web/static/js/app.js" "$web/static/js/embed.js" "$web/static/js/worker.js" \
	"$web/static/css/adviz.css" --bundle --format=esm --minify --sourcemap --charset=utf8 --entry-names=[name] \
	--define:ADVIZ_VERSIONS="$versions" --outdir="$bundle" --log-level=warning
for f in "$bundle"/*; do
	install "$f" "$gen/$(basename "$f")"
done
rm -rf "$bundle"

# The default example, prerendered by the module and Graphviz themselves.
first=$gen/first.js
if [ ! -f "$first" ] || [ "$wasm" -nt "$first" ] || [ "$gen/viz.js" -nt "$first" ] ||
	[ "$web/static/js/state.js" -nt "$first" ] || [ "$0" -nt "$first" ]; then
	node --input-type=module - "$gen" "$web/static/js/state.js" >"$tmpdir/first.js" <<'EOF'
// Runs the page's module (adviz.wasm) with the page's Graphviz (viz.js,
// graphviz.wasm) in Node.js, and asks it what the page asks at start for
// its default state (state.js): build, then layout and frames per theme.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [gen, stateJS] = process.argv.slice(2);
const file = (name) => readFileSync(`${gen}/${name}`);
const { defaults, buildRequest, graphOptions } = await import(pathToFileURL(stateJS).href);
await import(pathToFileURL(`${gen}/wasm_exec.js`).href);
const { instance } = await import(pathToFileURL(`${gen}/viz.js`).href);
const viz = await instance(await WebAssembly.compile(file("graphviz.wasm")));
globalThis.renderDOT = (dot, format = "svg", engine = "dot") => viz.renderString(dot, { format, engine });
const ready = new Promise((resolve) => { globalThis.advizReady = resolve; });
const go = new Go();
const { instance: wasm } = await WebAssembly.instantiate(file("adviz.wasm"), go.importObject);
go.run(wasm);
const adviz = await ready;
const must = (r) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const st = defaults();
const inputs = must(adviz.inputs(st.program)).names;
const request = buildRequest(st, inputs, st.values);
const options = graphOptions(st);
const build = must(adviz.build(request));
const themes = {};
for (const theme of ["light", "dark"]) {
  const o = { ...options, theme };
  themes[theme] = { layout: must(adviz.layout(build.handle, { ...o, have: "" })), frames: must(adviz.frames(build.handle, o)) };
}
adviz.exit();
const data = JSON.stringify({ version: adviz.version, graphviz: viz.graphvizVersion, request, options, build, themes });
process.stdout.write("// GENERATED by scripts/build-web.sh: the page's default example, as adviz.wasm answers it. Do not edit.\n" +
  `export default JSON.parse(${JSON.stringify(data)});\n`);
EOF
	install "$tmpdir/first.js" "$first"
	touch "$first"
fi

# Precompressed copies, made again when a file is newer than its copy.
for f in adviz.wasm graphviz.wasm viz.js wasm_exec.js first.js app.js embed.js worker.js adviz.css; do
	src=$gen/$f
	if [ ! -f "$src.gz" ] || [ "$src" -nt "$src.gz" ]; then
		gzip -9 -n -c "$src" >"$tmpdir/z.gz" && mv "$tmpdir/z.gz" "$src.gz"
		touch -r "$src" "$src.gz"
	fi
	if [ ! -f "$src.br" ] || [ "$src" -nt "$src.br" ]; then
		node -e '
			const zlib = require("node:zlib"), fs = require("node:fs");
			const b = fs.readFileSync(process.argv[1]);
			const c = zlib.constants;
			fs.writeFileSync(process.argv[2], zlib.brotliCompressSync(b, { params: {
				[c.BROTLI_PARAM_QUALITY]: 11, [c.BROTLI_PARAM_LGWIN]: 24, [c.BROTLI_PARAM_SIZE_HINT]: b.length } }));
		' "$src" "$tmpdir/z.br" && mv "$tmpdir/z.br" "$src.br"
		touch -r "$src" "$src.br"
		echo "build-web: compressed gen/$f: $(wc -c <"$src") bytes, gzip $(wc -c <"$src.gz"), brotli $(wc -c <"$src.br")"
	fi
done

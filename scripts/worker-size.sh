#!/usr/bin/env bash
# Prints the compressed size of the Cloudflare worker (what `wrangler deploy`
# would upload: the Go handler's app.wasm, Graphviz's wasm and the bundled
# JavaScript) against the free plan's limit of 3 MiB, and fails if it is over.
# Static assets (the page) do not count toward the limit.
# Needs scripts/build-worker.sh first. Usage: scripts/worker-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
W=wasm/worker
LIMIT=$((3 * 1024 * 1024))
[[ -f $W/build/app.wasm ]] || { echo "worker-size: run scripts/build-worker.sh first" >&2; exit 1; }
OUT=$W/gen/dist
rm -rf "$OUT"
export CI=1 WRANGLER_SEND_METRICS=false NO_COLOR=1 FORCE_COLOR=0 WRANGLER_LOG_PATH="$PWD/.wrangler/logs"
$W/node_modules/.bin/wrangler deploy --dry-run --outdir "$OUT" </dev/null 2>&1 | grep -E 'Total Upload' || true
total_raw=0 total_gz=0
for f in "$OUT"/*; do
  case "$f" in *.map|*/README.md) continue ;; esac
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  printf '  %-44s raw %9d B  gzip -9 %9d B\n' "${f#"$OUT"/}" "$raw" "$gz"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
printf 'worker size: raw %d KiB, gzip %d KiB of the %d KiB free limit (%d%%)\n' \
  $((total_raw / 1024)) $((total_gz / 1024)) $((LIMIT / 1024)) $((100 * total_gz / LIMIT))
if (( total_gz > LIMIT )); then
  echo "worker-size: FAIL: over the free plan's 3 MiB" >&2
  exit 1
fi

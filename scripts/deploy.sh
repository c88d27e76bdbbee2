#!/usr/bin/env bash
# Deploys adviz to Cloudflare Workers: the API (the Go handler of package web,
# wasm/worker) and the page as static assets (wrangler.toml).
# Not run by the tests. Needs a Cloudflare account: either run
#   wasm/worker/node_modules/.bin/wrangler login
# once, or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) in the
# environment. Set the worker's name in wrangler.toml (name = "adviz").
#
# Usage: scripts/deploy.sh [--dry-run]
#   --dry-run   build and show what would be uploaded, without uploading
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix web --no-audit --no-fund
npm ci --prefix wasm/worker --no-audit --no-fund
bash scripts/build-web.sh
bash scripts/build-worker.sh
bash scripts/worker-size.sh     # fails if over the free plan's 3 MiB
if [[ ${1:-} == --dry-run ]]; then
  exec wasm/worker/node_modules/.bin/wrangler deploy --dry-run --outdir wasm/worker/gen/dist
fi
exec wasm/worker/node_modules/.bin/wrangler deploy

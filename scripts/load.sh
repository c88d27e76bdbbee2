#!/usr/bin/env bash
# Load and fault figures for the HTTP API, loopback only and bounded:
# 10,000 requests at concurrency 32 to `adviz serve` and 1,000 to the
# Cloudflare worker in a local workerd (wrangler dev; skipped when
# `npm ci --prefix wasm/worker` has not run), a mix of valid, invalid and
# oversize requests. Prints req/s, p50/p99 latency, 5xx count, server RSS
# before/after, the worker's figures against a baseline worker that only
# answers the same requests (scripts/load/baseline), and the worker's gzip
# size. Flags: see scripts/load/main.go
# (-n, -c, -worker-n, -worker-c, -warm, -timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./scripts/load "$@"

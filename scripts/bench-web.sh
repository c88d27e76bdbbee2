#!/usr/bin/env bash
# Measures the page in headless Chromium on localhost and prints the
# figures: navigation to the first graph (Baydin example), the time of a
# step at 10, 100 and 1000 nodes, and the size of every asset as sent
# (gzip). Goals: first graph <= 300 ms, a step <= 16 ms at 1000 nodes, all
# assets <= 1.5 MB. Options go to web/e2e/benchweb (-runs N, -steps N).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build-web.sh"
cd "$root"
exec go run ./web/e2e/benchweb "$@"

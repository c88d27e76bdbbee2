#!/usr/bin/env bash
# Measures the page in headless Chromium on localhost and prints the
# figures: navigation to the first graph (Baydin example: fresh profile,
# again in the same browser, again after a browser restart) with where
# that time goes (the page's marks and the worker's startup), the time of a
# step at 10, 100 and 1000 nodes, and the size of every asset as sent, gzip
# and brotli. Goals: first graph <= 300 ms, a step <= 16 ms at 1000 nodes,
# all assets <= 1.5 MB. Options go to web/e2e/benchweb (-runs N, -steps N,
# -trace FILE: also record and summarize Chromium's performance timeline of
# a first visit, a second one, one after a restart and 40 steps at 1000
# nodes; the files open in the Performance panel of Chromium's DevTools).
# The machine's load changes every figure: compare runs made together.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build-web.sh"
cd "$root"
echo "load: $(uptime)"
exec go run ./web/e2e/benchweb "$@"

#!/usr/bin/env bash
# Serves the page locally for work on it (scripts/run.sh serves page and
# API from the built binary): builds what the page needs
# (scripts/build-web.sh), then serves web/static from disk (edits show on
# reload) on 127.0.0.1. Usage: scripts/serve-dev.sh [ADDR] (default
# 127.0.0.1:8080; port 0 picks a free port). It prints the URL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build-web.sh"
cd "$root"
exec go run ./web/e2e/devserver -addr "${1:-127.0.0.1:8080}" -dir web/static

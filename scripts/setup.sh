#!/usr/bin/env bash
# Installs what building and testing adviz needs beyond Go, once:
#   - Debian's chromium (headless browser tests), when missing, with apt-get
#   - the npm packages of the page (web/) and of the worker (wasm/worker/),
#     exactly as their lock files say, when missing or out of date
# It is quick when everything is there. Usage: scripts/setup.sh [--no-browser]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" != "--no-browser" ] && ! command -v chromium >/dev/null 2>&1; then
	echo "setup: installing chromium with apt-get"
	sudo=
	if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
for dir in web wasm/worker; do
	stamp=$root/$dir/node_modules/.package-lock.json
	if [ ! -f "$stamp" ] || [ "$root/$dir/package-lock.json" -nt "$stamp" ]; then
		echo "setup: npm ci in $dir"
		(cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
done

#!/usr/bin/env bash
# Measures graphviz/ and prints the figures as ratios, at 10, 100 and 1000
# nodes (a reverse-mode trace three quarters through its adjoint sweep):
#   - a step's DOT, its state (what the page applies) and its SVG by
#     filling the laid-out SVG (the default way, no Graphviz call);
#   - the same step drawn by Graphviz's nop2 engine at the layout's
#     positions (the other way), and a full Graphviz render of the step's
#     DOT (a new layout every step, the baseline);
#   - the layout, once per program;
#   - Debian's dot -Tsvg (/usr/bin/dot) on the same step DOT files.
# BENCHTIME (default 1s) goes to go test -benchtime.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test ./graphviz -run '^$' -bench . -benchtime="${BENCHTIME:-1s}" -count=1 | tee "$tmp/bench.txt"
ADVIZ_BENCH_DOT_DIR=$tmp go test ./graphviz -run '^TestWriteBenchDOT$' -count=1 >/dev/null

# Debian's dot on the same DOT: repeat for at least 2 s (at most 50 runs).
: >"$tmp/dot.txt"
if [ -x /usr/bin/dot ]; then
	/usr/bin/dot -V 2>&1 | sed 's/^/# /'
	for n in 10 100 1000; do
		runs=0
		start=$(date +%s%N)
		while :; do
			/usr/bin/dot -Tsvg "$tmp/step-$n.dot" >/dev/null 2>&1
			runs=$((runs + 1))
			now=$(date +%s%N)
			if [ $((now - start)) -ge 2000000000 ] || [ "$runs" -ge 50 ]; then
				break
			fi
		done
		echo "$n $(((now - start) / runs)) $runs" >>"$tmp/dot.txt"
	done
else
	echo "# /usr/bin/dot is not installed: no Debian figures"
fi

awk -v dotfile="$tmp/dot.txt" '
function ms(ns) { return sprintf("%.3f", ns / 1e6) }
function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.1fx", a / b) : "-" }
BEGIN {
	while ((getline line < dotfile) > 0) {
		split(line, f, " ")
		debian[f[1]] = f[2]
		debianRuns[f[1]] = f[3]
	}
}
/^Benchmark/ {
	split($1, p, "/")
	name = substr(p[1], 10)
	n = p[2]; sub(/^nodes=/, "", n); sub(/-[0-9]+$/, "", n)
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "ns/op") t[name, n] = $i
		if ($(i + 1) == "trace-steps") steps[n] = $i
		if ($(i + 1) == "graph-nodes") nodes[n] = $i
	}
}
END {
	print ""
	print "Per step, in ms (graphviz/bench_test.go; Debian dot on the same DOT):"
	printf "%-6s %6s %6s %9s %9s %9s %11s %11s %11s %11s\n", "nodes", "real", "steps", "DOT", "State", "StepSVG", "nop2 step", "full dot", "Debian dot", "layout"
	split("10 100 1000", sizes, " ")
	for (s = 1; s <= 3; s++) {
		n = sizes[s]
		printf "%-6s %6d %6d %9s %9s %9s %11s %11s %11s %11s\n", n, nodes[n], steps[n], ms(t["DOT", n]), ms(t["State", n]),
			ms(t["StepSVG", n]), ms(t["StepNop2", n]), ms(t["FullRender", n]), (n in debian) ? ms(debian[n]) : "-", ms(t["Layout", n])
	}
	print ""
	print "Ratios (higher is better for the first named):"
	printf "%-6s %24s %24s %24s %28s %26s\n", "nodes", "StepSVG vs full render", "StepSVG vs nop2 step", "nop2 step vs full render",
		"go-graphviz vs Debian dot", "whole sweep: layout+fill"
	for (s = 1; s <= 3; s++) {
		n = sizes[s]
		# A whole sweep drawn step by step: one layout and a fill per step,
		# against a full render per step.
		sweep = "-"
		if (steps[n] > 0) sweep = ratio(steps[n] * t["FullRender", n], t["Layout", n] + steps[n] * t["StepSVG", n])
		printf "%-6s %24s %24s %24s %28s %26s\n", n, ratio(t["FullRender", n], t["StepSVG", n]), ratio(t["StepNop2", n], t["StepSVG", n]),
			ratio(t["FullRender", n], t["StepNop2", n]), (n in debian) ? ratio(debian[n], t["FullRender", n]) : "-", sweep
	}
	print ""
	print "(go-graphviz vs Debian dot: Debian time / go-graphviz time for the same full render; below 1x means Debian is faster.)"
}' "$tmp/bench.txt"

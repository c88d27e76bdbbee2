package graphviz

import (
	"fmt"
	"sync"
	"testing"

	"github.com/adviz/adviz/ad"
)

// The benchmarks of this file need no Graphviz, so they run in js/wasm
// builds too (see scripts/bench-graphviz.sh):
//
//	GOOS=js GOARCH=wasm go test ./graphviz -run '^$' -bench 'State|Frames' \
//	    -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec"

var (
	traceMu    sync.Mutex
	traceCache = map[int]*ad.Trace{}
)

// forTraces runs f on the reverse-mode trace of benchProgram(n) for every
// size.
func forTraces(b *testing.B, f func(b *testing.B, t *ad.Trace)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			traceMu.Lock()
			t := traceCache[n]
			if t == nil {
				t = benchTrace(b, n)
				traceCache[n] = t
			}
			traceMu.Unlock()
			b.ResetTimer()
			f(b, t)
			b.ReportMetric(float64(len(t.Graph.Nodes)), "graph-nodes")
			b.ReportMetric(float64(len(t.Steps)), "trace-steps")
		})
	}
}

// BenchmarkState is a step's state (what the page applies), three
// quarters through the adjoint sweep.
func BenchmarkState(b *testing.B) {
	forTraces(b, func(b *testing.B, t *ad.Trace) {
		for i := 0; i < b.N; i++ {
			State(t, len(t.Steps)*3/4, benchOptions)
		}
	})
}

// BenchmarkStateCold is the first state of a trace: with the texts that
// every step of the trace shares, computed once per trace.
func BenchmarkStateCold(b *testing.B) {
	forTraces(b, func(b *testing.B, t *ad.Trace) {
		for i := 0; i < b.N; i++ {
			forgetStatics()
			State(t, len(t.Steps)*3/4, benchOptions)
		}
	})
}

func forgetStatics() {
	staticCache.Lock()
	staticCache.recent = nil
	staticCache.Unlock()
}

// BenchmarkFrames is every step of a trace as changes (what the page
// gets once per trace), from nothing: the shared texts are computed too.
func BenchmarkFrames(b *testing.B) {
	forTraces(b, func(b *testing.B, t *ad.Trace) {
		changes := 0
		for i := 0; i < b.N; i++ {
			forgetStatics()
			fr := ComputeFrames(t, benchOptions)
			changes = 0
			for _, s := range fr.Steps {
				changes += len(s)
			}
		}
		b.ReportMetric(float64(changes), "changes")
	})
}

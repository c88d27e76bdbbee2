//go:build !js

package graphviz

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/adviz/adviz/ad"
)

type benchCase struct {
	t    *ad.Trace
	step int
	l    *Layout
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchCase{}
)

// bench returns a reverse-mode trace of about n nodes in the middle of its
// adjoint sweep, laid out once.
func bench(b *testing.B, n int) *benchCase {
	benchMu.Lock()
	defer benchMu.Unlock()
	if c := benchCache[n]; c != nil {
		return c
	}
	t := benchTrace(b, n)
	l, err := NewLayout(context.Background(), testRenderer(b), t.Graph, benchOptions)
	if err != nil {
		b.Fatal(err)
	}
	c := &benchCase{t: t, step: len(t.Steps) * 3 / 4, l: l}
	benchCache[n] = c
	return c
}

func forSizes(b *testing.B, f func(b *testing.B, c *benchCase)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			c := bench(b, n)
			b.ResetTimer()
			f(b, c)
			b.ReportMetric(float64(len(c.t.Graph.Nodes)), "graph-nodes")
			b.ReportMetric(float64(len(c.t.Steps)), "trace-steps")
		})
	}
}

// BenchmarkDOT is generating a step's DOT.
func BenchmarkDOT(b *testing.B) {
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			DOT(c.t, c.step, benchOptions)
		}
	})
}

// BenchmarkStepSVG is way (b), the default: a step's SVG by filling the
// laid-out SVG, no Graphviz call.
func BenchmarkStepSVG(b *testing.B) {
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := c.l.StepSVG(c.t, c.step); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStepNop2 is way (a): a step's positioned DOT drawn by Graphviz
// with the nop2 engine.
func BenchmarkStepNop2(b *testing.B) {
	r := testRenderer(b)
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := c.l.RenderStep(context.Background(), r, c.t, c.step, FormatSVG); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFullRender is the baseline: a new layout for every step (the
// step's DOT through Graphviz's dot engine).
func BenchmarkFullRender(b *testing.B) {
	r := testRenderer(b)
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := r.Render(context.Background(), DOT(c.t, c.step, benchOptions), EngineDot, FormatSVG); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStepPNG is a step's PNG: the filled SVG rasterized in Go (at
// most AutoPNGPixels).
func BenchmarkStepPNG(b *testing.B) {
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := c.l.StepPNG(c.t, c.step, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLayout is laying a program out once.
func BenchmarkLayout(b *testing.B) {
	r := testRenderer(b)
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := NewLayout(context.Background(), r, c.t.Graph, benchOptions); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWriteBenchDOT writes the benchmarks' step DOT files for
// scripts/bench-graphviz.sh, which times Debian's dot on them. It runs
// only when ADVIZ_BENCH_DOT_DIR is set.
func TestWriteBenchDOT(t *testing.T) {
	dir := os.Getenv("ADVIZ_BENCH_DOT_DIR")
	if dir == "" {
		t.Skip("ADVIZ_BENCH_DOT_DIR is not set")
	}
	for _, n := range benchSizes {
		tr := benchTrace(t, n)
		name := filepath.Join(dir, fmt.Sprintf("step-%d.dot", n))
		if err := os.WriteFile(name, []byte(DOT(tr, len(tr.Steps)*3/4, benchOptions)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBenchProgram(t *testing.T) {
	for _, n := range benchSizes {
		src, inputs := benchProgram(n)
		g, err := ad.Build(src, inputs)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(g.Nodes); got < n-n/10 || got > n+n/10+6 {
			t.Errorf("benchProgram(%d) has %d nodes", n, got)
		}
		if len(g.Warnings) != 0 {
			t.Errorf("benchProgram(%d): %v", n, g.Warnings)
		}
	}
}

// BenchmarkAnimatedSVG is the animated SVG of the whole trace.
func BenchmarkAnimatedSVG(b *testing.B) {
	forSizes(b, func(b *testing.B, c *benchCase) {
		for i := 0; i < b.N; i++ {
			if _, err := c.l.AnimatedSVG(c.t, Animation{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

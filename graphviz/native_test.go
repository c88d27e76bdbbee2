//go:build !js

package graphviz

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/adviz/adviz/ad"
)

// testRenderer returns go-graphviz.
func testRenderer(t testing.TB) Renderer {
	t.Helper()
	r, err := Native()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const tinyDOT = `digraph { a -> b }`

// TestNativeRejectsFormats checks that formats that would break
// go-graphviz for the rest of the process never reach it, and that bad
// DOT is an error after which Graphviz still works.
func TestNativeRejectsFormats(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	for _, f := range []Format{"pdf", "svgz", "gif", "", "SVG", "svg;rm"} {
		if _, err := r.Render(ctx, tinyDOT, EngineDot, f); err == nil || !strings.Contains(err.Error(), "unsupported output format") {
			t.Errorf("format %q: %v", f, err)
		}
	}
	for _, e := range []Engine{"neato2", "", "circo"} {
		if _, err := r.Render(ctx, tinyDOT, e, FormatSVG); err == nil {
			t.Errorf("engine %q accepted", e)
		}
	}
	for _, bad := range []string{`digraph { a -> }`, `not dot at all`, ``} {
		if _, err := r.Render(ctx, bad, EngineDot, FormatSVG); err == nil {
			t.Errorf("bad DOT %q rendered", bad)
		}
	}
	// A broken HTML label is only a warning: Graphviz draws the text.
	if _, err := r.Render(ctx, `digraph { a [label=<<TABLE>>] }`, EngineNop2, FormatSVG); err != nil {
		t.Errorf("broken HTML label: %v", err)
	}
	// Graphviz still works, in every format the package passes.
	for _, f := range []Format{FormatSVG, FormatDOT, FormatJSON0, FormatPlain, FormatPNG} {
		out, err := r.Render(ctx, tinyDOT, EngineDot, f)
		if err != nil || len(out) == 0 {
			t.Fatalf("%s after the errors: %v", f, err)
		}
		if f == FormatPNG && !bytes.HasPrefix(out, []byte("\x89PNG")) {
			t.Error("png is not a PNG")
		}
	}
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := r.Render(ctx2, tinyDOT, EngineDot, FormatSVG); err == nil {
		t.Error("rendered with a cancelled context")
	}
}

// TestNativeConcurrent shares the renderer between goroutines (the server
// does); each must get its own graph back.
func TestNativeConcurrent(t *testing.T) {
	r := testRenderer(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := "n" + strings.Repeat("x", i)
			out, err := r.Render(context.Background(), `digraph { `+name+` -> b }`, EngineDot, FormatSVG)
			if err == nil && !strings.Contains(string(out), "<title>"+name+"</title>") {
				err = fmt.Errorf("goroutine %d got another graph", i)
			}
			if err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNativeCache checks that go-graphviz's compilation cache is in the
// user's cache directory and that TMPDIR is as the process started with.
func TestNativeCache(t *testing.T) {
	testRenderer(t)
	base, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache directory")
	}
	want := filepath.Join(base, "adviz", "go-graphviz")
	if CacheDir() != want {
		t.Errorf("CacheDir() = %q, want %q", CacheDir(), want)
	}
	entries, err := os.ReadDir(want)
	if err != nil || len(entries) == 0 {
		t.Errorf("no compilation cache in %s: %v", want, err)
	}
	// The process's original environment is in /proc/self/environ.
	env, err := os.ReadFile("/proc/self/environ")
	if err != nil {
		t.Skip("no /proc/self/environ")
	}
	orig, had := "", false
	for _, kv := range bytes.Split(env, []byte{0}) {
		if v, ok := bytes.CutPrefix(kv, []byte("TMPDIR=")); ok {
			orig, had = string(v), true
		}
	}
	got, gotHad := os.LookupEnv("TMPDIR")
	if got != orig || gotHad != had {
		t.Errorf("TMPDIR is %q (set %v), the process started with %q (set %v)", got, gotHad, orig, had)
	}
}

// TestLayoutConcurrent draws steps of several traces from several
// goroutines with one layout, as the server does.
func TestLayoutConcurrent(t *testing.T) {
	r := testRenderer(t)
	l, err := NewLayout(context.Background(), r, baydin(t, ad.Reverse).Graph, Options{Caption: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tr := baydin(t, []ad.Mode{ad.Forward, ad.Reverse}[i%2])
			for step := 0; step <= len(tr.Steps); step++ {
				svg, err := l.StepSVG(tr, step)
				if err != nil || !bytes.Contains(svg, []byte(fmt.Sprintf("step %d of %d", step, len(tr.Steps)))) {
					t.Errorf("goroutine %d step %d: %v", i, step, err)
					return
				}
			}
		}(i)
	}
	wg.Wait()
}

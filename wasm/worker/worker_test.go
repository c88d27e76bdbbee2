//go:build !js

package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/wasm/worker/wranglerdev"
	"github.com/adviz/adviz/web"
	"github.com/adviz/adviz/web/e2e/chrome"
	"github.com/adviz/adviz/web/webtest"
)

// TestWorker builds the worker (scripts/build-worker.sh), runs it in a
// local workerd with `wrangler dev --ip 127.0.0.1` (in its own process
// group, stopped at the end), and runs the API checks of the native
// server's tests (webtest.Checks) against both. Then it compares the two
// servers' answers for the same URLs: the same bytes where Go writes them
// (JSON, tables, DOT), the same nodes and numbers in SVG (drawn by two
// different Graphviz builds). It skips only when the npm dependencies
// (npm ci --prefix wasm/worker) are missing.
func TestWorker(t *testing.T) {
	root, err := wranglerdev.Root(".")
	if err != nil {
		t.Fatal(err)
	}
	if msg := wranglerdev.Missing(root); msg != "" {
		t.Skip("worker test skipped: " + msg)
	}
	var out bytes.Buffer
	if err := wranglerdev.Build(root, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Logf("build:\n%s", out.String())

	dev, err := wranglerdev.Start(root, filepath.Join(t.TempDir(), "wrangler.log"), 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	pgid := dev.PGID()
	t.Cleanup(func() {
		if err := dev.Stop(); err != nil {
			t.Error(err)
		}
		if left := wranglerdev.GroupPIDs(pgid); len(left) > 0 {
			t.Errorf("wrangler's process group %d still has %v", pgid, left)
		}
	})
	worker := &webtest.Server{Name: "worker", URL: dev.URL, Worker: true}

	r, err := graphviz.Native()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.NewHandler(web.Options{Renderer: r, PNG: true, Static: web.Static()}))
	t.Cleanup(srv.Close)
	native := &webtest.Server{Name: "native", URL: srv.URL, Client: srv.Client()}

	t.Run("checks", func(t *testing.T) {
		for _, s := range []*webtest.Server{native, worker} {
			t.Run(s.Name, func(t *testing.T) { webtest.Run(t, s) })
		}
	})

	q := func(path string, kv ...string) string {
		return webtest.Q(path, append([]string{"p", webtest.Prog, "at", webtest.At}, kv...)...)
	}
	t.Run("same bytes", func(t *testing.T) {
		for _, path := range []string{
			q("/api/v1/grad"),
			q("/api/v1/jacobian", "mode", "forward"),
			q("/api/v1/trace"),
			q("/api/v1/trace", "format", "markdown", "mode", "forward"),
			q("/api/v1/trace", "format", "latex", "digits", "8"),
			q("/api/v1/trace", "format", "html"),
			q("/api/v1/dot", "step", "3"),
			q("/api/v1/dot", "theme", "dark", "mode", "forward"),
			webtest.Q("/api/v1/grad", "p", "ln(x1", "at", "x1:1"),
		} {
			a, b := get(t, native, path), get(t, worker, path)
			if a.Status != b.Status || !bytes.Equal(a.Body, b.Body) || a.Header.Get("ETag") != b.Header.Get("ETag") {
				t.Errorf("%s: native %d %d bytes ETag %s, worker %d %d bytes ETag %s",
					path, a.Status, len(a.Body), a.Header.Get("ETag"), b.Status, len(b.Body), b.Header.Get("ETag"))
			}
		}
	})
	t.Run("same SVG nodes and numbers", func(t *testing.T) {
		for _, path := range []string{
			q("/api/v1/svg"),
			q("/api/v1/svg", "step", "0"),
			q("/api/v1/svg", "step", "7", "mode", "forward", "digits", "6"),
			q("/api/v1/svg", "step", "9", "theme", "dark"),
			q("/api/v1/svg", "animate", "1"),
			q("/api/v1/svg", "animate", "1", "mode", "forward", "theme", "dark", "frame", "1s"),
			q("/api/v1/svg", "rankdir", "TB", "edge-labels", "1", "legend", "0"),
			webtest.Q("/api/v1/svg", "p", "a = sin(x)*x\nb = a/x\nc = ln(a - b)", "at", "x:0.5"),
		} {
			a, b := get(t, native, path), get(t, worker, path)
			if a.Status != 200 || b.Status != 200 {
				t.Errorf("%s: native %d, worker %d: %.200s", path, a.Status, b.Status, b.Body)
				continue
			}
			na, err := webtest.SVGNodes(a.Body)
			if err != nil {
				t.Fatalf("native %s: %v", path, err)
			}
			nb, err := webtest.SVGNodes(b.Body)
			if err != nil {
				t.Fatalf("worker %s: %v", path, err)
			}
			if err := webtest.SameNodes(na, nb); err != nil {
				t.Errorf("%s: native against worker: %v", path, err)
			}
		}
		// A control: the comparison sees a difference between two steps.
		s0, err := webtest.SVGNodes(get(t, worker, q("/api/v1/svg", "step", "0")).Body)
		if err != nil {
			t.Fatal(err)
		}
		s9, err := webtest.SVGNodes(get(t, native, q("/api/v1/svg", "step", "9")).Body)
		if err != nil {
			t.Fatal(err)
		}
		if webtest.SameNodes(s0, s9) == nil {
			t.Error("steps 0 and 9 compare equal: the comparison sees nothing")
		}
	})
	t.Run("page in Chromium", func(t *testing.T) {
		if !chrome.Available() {
			t.Skip("Chromium is not installed at " + chrome.Path)
		}
		if !web.Built(web.Static()) {
			t.Skip("the page is not built: run scripts/build-web.sh before this test")
		}
		ctx, cancel := chrome.New(t.TempDir(), 1280, 900)
		defer cancel()
		if err := chromedp.Do(ctx); err != nil {
			t.Fatalf("starting Chromium: %v", err)
		}
		var mu sync.Mutex
		var problems []string
		go func() {
			for m, err := range chromedp.Console(ctx) {
				if err != nil {
					return
				}
				if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
					mu.Lock()
					problems = append(problems, fmt.Sprintf("%s at %s:%d", m, m.URL, m.Line+1))
					mu.Unlock()
				}
			}
		}()
		wait, stop := context.WithTimeout(ctx, 60*time.Second)
		defer stop()
		// The page sets data-ready once it has drawn its first graph.
		if err := chromedp.Do(wait, chromedp.Navigate(dev.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`html[data-ready="true"]`))); err != nil {
			t.Fatalf("the page from the worker did not get ready: %v", err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg g.node").length`))
		if err != nil || n != 7 {
			t.Errorf("the page drew %d nodes (%v), want the example's 7", n, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("the page logged: %s", p)
		}
	})
	t.Run("page", func(t *testing.T) {
		a, b := get(t, native, "/"), get(t, worker, "/")
		if a.Header.Get("Content-Security-Policy") != b.Header.Get("Content-Security-Policy") {
			t.Errorf("page CSP: native %q, worker %q", a.Header.Get("Content-Security-Policy"), b.Header.Get("Content-Security-Policy"))
		}
		if !bytes.Equal(a.Body, b.Body) {
			t.Errorf("the page differs: native %d bytes, worker %d bytes", len(a.Body), len(b.Body))
		}
	})
}

func get(t *testing.T, s *webtest.Server, path string) *webtest.Response {
	t.Helper()
	r, err := s.Get(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Package e2e tests the page in a real headless Chromium (Debian's
// /usr/bin/chromium, driven with chromedp): the Go module in its worker,
// Graphviz, the graph, the table, the controls, permalinks, the embed view.
// The tests start their own server on 127.0.0.1 (a free port) and stop it.
// They need the built assets (scripts/build-web.sh); without them they
// skip, saying so. Screenshots go to artifacts/e2e/ at the repository's
// root.
package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/web"
	"github.com/adviz/adviz/web/e2e/chrome"
)

var (
	requests  atomic.Int64 // requests the server has answered
	requested sync.Map     // the request URIs the server has seen
	baseURL   string
	artifacts string
	skip      string
)

// hostPage is a page of another document that embeds the visualizer in an
// iframe, as a course's page would, with the snippet of the README.
const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head>
<body><h1>Course notes</h1><iframe id="viz" src="/embed.html?p=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5&mode=reverse&step=last" width="900" height="700" title="adviz"></iframe></body></html>`

func TestMain(m *testing.M) {
	static := filepath.Join("..", "static")
	fsys := os.DirFS(static)
	switch {
	case !web.Built(fsys):
		skip = "the page's built assets are missing from web/static/gen: run scripts/build-web.sh first"
	default:
		if !chrome.Available() {
			skip = "no Chromium at " + chrome.Path
		}
	}
	if skip != "" {
		fmt.Fprintln(os.Stderr, "e2e: SKIP:", skip)
		os.Exit(m.Run())
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	artifacts = filepath.Join(root, "artifacts", "e2e")
	os.MkdirAll(artifacts, 0o755)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	// The page as adviz serve serves it: the one handler of page and API,
	// with the native Graphviz for the API's pictures (the Share dialog
	// gives their URLs).
	renderer, err := graphviz.Native()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: native Graphviz:", err)
		os.Exit(1)
	}
	mux.Handle("/", web.NewHandler(web.Options{Static: fsys, Renderer: renderer}))
	mux.HandleFunc("/e2e-host.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, hostPage)
	})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		requested.Store(r.URL.RequestURI(), true)
		mux.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	baseURL = "http://" + ln.Addr().String()
	code := m.Run()
	srv.Close()
	os.Exit(code)
}

// browser is one headless Chromium with a fresh profile, and what its
// pages logged.
type browser struct {
	ctx    context.Context
	cancel func()
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if skip != "" {
		t.Skip(skip)
	}
	ctx, cancel := chrome.New(t.TempDir(), 1280, 900)
	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("starting Chromium: %v", err)
	}
	// Every error, exception and failed load the pages report.
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.errors = append(b.errors, fmt.Sprintf("%s at %s:%d", m, m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
	b.cancel = func() { cancel(); <-done }
	t.Cleanup(func() {
		b.cancel()
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.errors {
			t.Errorf("the page logged an error: %s", e)
		}
	})
	return b
}

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// open loads a page of the server and waits until it has drawn its first
// graph.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	b.do(t, chromedp.Navigate(baseURL+path), waitReady())
}

func waitReady() chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`html[data-ready="true"]`))
}

// eval evaluates a JavaScript expression and returns its value (a
// promise's value when it is one).
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// js runs a JavaScript statement.
func js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](expr)(ctx, tg)
		if errors.Is(err, chromedp.ErrJSUndefined) || errors.Is(err, chromedp.ErrJSNull) {
			return nil
		}
		return err
	})
}

// poll waits until a JavaScript condition is true.
func poll(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(20*time.Second))(ctx, tg)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", cond, err)
		}
		return nil
	})
}

// waitFor polls a JavaScript condition until it is true.
func (b *browser) waitFor(t *testing.T, cond string) {
	t.Helper()
	b.do(t, poll(cond))
}

// key presses a key on the page.
func key(k string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(k) }

// setInput sets the value of a text field and tells the page, as typing
// does.
func setInput(sel, value string) chromedp.Action[chromedp.Void] {
	return js(fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.value = %q; el.dispatchEvent(new Event("input", {bubbles: true})); })()`, sel, value))
}

// screenshot saves the page as artifacts/e2e/NAME.png.
func (b *browser) screenshot(t *testing.T, name string, full bool) {
	t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100) // 100: PNG
	}
	png, err := chromedp.Run(b.ctx, shot)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifacts, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

// emulate sets the viewport and the colour scheme.
func emulate(width, height int64, mobile bool, scheme string) chromedp.Action[chromedp.Void] {
	var vopts []chromedp.EmulateViewportOption
	if mobile {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.Steps(
		chromedp.EmulateViewport(width, height, vopts...),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return err
		}))
}

// field is the text of a number field of a node in the graph, without
// its padding.
func field(node, name string) string {
	return fmt.Sprintf(`(document.querySelector('#graph text[id="a_%s_%s"]')?.textContent ?? "").replace(/\u00a0/g, " ").trim()`, node, name)
}

// tableText is the text of the trace table.
const tableText = `document.querySelector("#trace table")?.innerText ?? ""`

const counter = `document.querySelector("#player .counter").value`

//go:build !js

package web

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/web/webtest"
)

// nativeRenderer is go-graphviz, started once for all tests (~0.6 s the
// first time on a machine).
func nativeRenderer(t *testing.T) graphviz.Renderer {
	t.Helper()
	r, err := graphviz.Native()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// start serves h with httptest on 127.0.0.1.
func start(t *testing.T, name string, h http.Handler) *webtest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &webtest.Server{Name: name, URL: srv.URL, Client: srv.Client()}
}

// TestAPI runs the table shared with the worker's test (webtest.Checks)
// against the native handler, as `adviz serve` builds it.
func TestAPI(t *testing.T) {
	s := start(t, "native", NewHandler(Options{Renderer: nativeRenderer(t), PNG: true, Static: Static()}))
	webtest.Run(t, s)
}

// TestWorkerConfiguration runs the table against the handler configured as
// in the worker (no PNG, no page), with native Graphviz: everything but
// the page must answer as the worker does.
func TestWorkerConfiguration(t *testing.T) {
	s := start(t, "worker-like", NewHandler(Options{Renderer: nativeRenderer(t)}))
	s.Worker = true
	for _, c := range webtest.Checks {
		if c.Path == "/" {
			continue // the worker's page is static assets
		}
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Do(s); err != nil {
				t.Error(err)
			}
		})
	}
	r, err := s.Get("/")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 404 {
		t.Errorf("without a page, / answered %d", r.Status)
	}
}

// blockingRenderer wraps the real renderer and holds every render until
// release is closed: it makes a render outlast the time budget without
// depending on how fast the machine is.
type blockingRenderer struct {
	graphviz.Renderer
	started chan struct{}
	release chan struct{}
}

func (b *blockingRenderer) Render(ctx context.Context, dot string, e graphviz.Engine, f graphviz.Format) ([]byte, error) {
	b.started <- struct{}{}
	<-b.release
	return b.Renderer.Render(ctx, dot, e, f)
}

// TestTimeBudget: a render that outlasts the budget is answered with 503
// and Retry-After, and while the only render slot is taken, another
// picture waits and then gets 503 too; values (no Graphviz) still answer.
func TestTimeBudget(t *testing.T) {
	br := &blockingRenderer{Renderer: nativeRenderer(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	s := start(t, "native", NewHandler(Options{Renderer: br, Timeout: 200 * time.Millisecond, MaxRenders: 1}))
	svg := webtest.Q("/api/v1/svg", "p", webtest.Prog, "at", webtest.At)

	var wg sync.WaitGroup
	wg.Add(1)
	var first *webtest.Response
	var firstErr error
	go func() {
		defer wg.Done()
		first, firstErr = s.Get(svg)
	}()
	<-br.started // the first render holds the only slot
	second, err := s.Get(webtest.Q("/api/v1/svg", "p", webtest.Prog, "at", webtest.At, "step", "1"))
	if err != nil {
		t.Fatal(err)
	}
	grad, err := s.Get(webtest.Q("/api/v1/grad", "p", webtest.Prog, "at", webtest.At))
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(br.release)
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	for name, r := range map[string]*webtest.Response{"held render": first, "waiting render": second} {
		e, err := webtest.DecodeError(r)
		if r.Status != 503 || err != nil || r.Header.Get("Retry-After") == "" || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %v %q, want 503 with Retry-After, not cached", name, r.Status, err, r.Body)
			continue
		}
		t.Logf("%s: 503 %s", name, e.Error)
	}
	if grad.Status != 200 {
		t.Errorf("grad while Graphviz is busy: %d %s", grad.Status, grad.Body)
	}
}

// panickingRenderer panics: an internal failure must become a JSON 500,
// never a dropped connection.
type panickingRenderer struct{}

func (panickingRenderer) Render(context.Context, string, graphviz.Engine, graphviz.Format) ([]byte, error) {
	panic("boom")
}

func TestInternalErrors(t *testing.T) {
	s := start(t, "native", NewHandler(Options{Renderer: panickingRenderer{}, PNG: true}))
	r, err := s.Get(webtest.Q("/api/v1/svg", "p", webtest.Prog, "at", webtest.At))
	if err != nil {
		t.Fatal(err)
	}
	e, err := webtest.DecodeError(r)
	if r.Status != 500 || err != nil || !strings.Contains(e.Error, "boom") {
		t.Errorf("got %d %q, want a JSON 500", r.Status, r.Body)
	}
}

func TestNoRenderer(t *testing.T) {
	s := start(t, "native", NewHandler(Options{}))
	for path, want := range map[string]int{
		webtest.Q("/api/v1/svg", "p", webtest.Prog, "at", webtest.At): 501,
		webtest.Q("/api/v1/png", "p", webtest.Prog, "at", webtest.At): 501,
		webtest.Q("/api/v1/dot", "p", webtest.Prog, "at", webtest.At): 200,
	} {
		r, err := s.Get(path)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != want {
			t.Errorf("%s: %d, want %d: %s", path, r.Status, want, r.Body)
		}
	}
}

// TestIndex: the index lists every endpoint with the parameters it takes,
// and those are exactly the ones it accepts.
func TestIndex(t *testing.T) {
	s := start(t, "native", NewHandler(Options{Renderer: nativeRenderer(t), PNG: true, Version: "test"}))
	r, err := s.Get("/api/v1/")
	if err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Version   string
		Endpoints []struct {
			Path   string
			Params []string
		}
	}
	if err := json.Unmarshal(r.Body, &idx); err != nil {
		t.Fatal(err)
	}
	if idx.Version != "test" || len(idx.Endpoints) != 7 {
		t.Fatalf("index %s", r.Body)
	}
	for _, ep := range idx.Endpoints {
		for _, p := range ep.Params {
			r, err := s.Get(webtest.Q(ep.Path, p, "bogus value"))
			if err != nil {
				t.Fatal(err)
			}
			if e, err := webtest.DecodeError(r); err == nil && strings.Contains(e.Error, "unknown parameter") {
				t.Errorf("%s lists %s but rejects it: %s", ep.Path, p, e.Error)
			}
		}
	}
}

// TestPageCaching: the page's files have ETags and answer 304.
func TestPageCaching(t *testing.T) {
	s := start(t, "native", NewHandler(Options{Static: Static()}))
	r, err := s.Get("/")
	if err != nil {
		t.Fatal(err)
	}
	etag := r.Header.Get("ETag")
	if r.Status != 200 || !strings.HasPrefix(etag, `"`) {
		t.Fatalf("/: %d, ETag %q", r.Status, etag)
	}
	r, err = s.Do("GET", "/", map[string]string{"If-None-Match": etag})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 304 {
		t.Errorf("/ with If-None-Match: %d, want 304", r.Status)
	}
	r, err = s.Do("POST", "/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 405 {
		t.Errorf("POST /: %d, want 405", r.Status)
	}
}

// TestETagMatch covers the If-None-Match forms.
func TestETagMatch(t *testing.T) {
	const e = `"abc"`
	for h, want := range map[string]bool{
		`"abc"`: true, `W/"abc"`: true, `"x", "abc"`: true, `*`: true,
		`"abd"`: false, `abc`: false, ``: false,
	} {
		if got := etagMatch(h, e); got != want {
			t.Errorf("etagMatch(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestLRU(t *testing.T) {
	c := newLRU(10, func(s string) int { return len(s) })
	c.put("a", "1234")
	c.put("b", "1234")
	if _, ok := c.get("a"); !ok { // a is now the most recent
		t.Fatal("a is missing")
	}
	c.put("c", "1234") // 12 bytes: b, the least recent, goes
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s is missing", k)
		}
	}
	c.put("big", "12345678901") // larger than the whole cache: not kept
	if _, ok := c.get("big"); ok || c.total != 8 {
		t.Errorf("an oversize value was cached (total %d)", c.total)
	}
}

// TestNoServerErrors sends random programs and parameters, well-formed or
// not, to every endpoint: each answer must be 200, 400 or 413 (or 304, 405
// for the method checks elsewhere), never a 5xx, with a JSON error body
// whenever it fails.
func TestNoServerErrors(t *testing.T) {
	s := start(t, "native", NewHandler(Options{Renderer: nativeRenderer(t), PNG: true}))
	rng := rand.New(rand.NewPCG(3, 4))
	atoms := []string{"x", "y", "x1", "2", "0", "-1", "1e308", "pi", "e", "(", ")", "+", "-", "*", "/", "^", ",", "=", "\n", ";",
		"ln(", "sin(", "sqrt(", "max(", "relu(", "abs(", "a", "b", " ", "é", "<", "&", "\"", "#", "1.5.2", "%", "\x00", "\xff"}
	values := []string{"x:1,y:2", "x:0,y:-1", "x:nan,y:1", "x:inf,y:2", "y:1,x:3", "x:-2,y:0", "", "x:1", "x", "x:", ":1", "x:1,x:2,y:0", "x:1,y:1e309", "a:1,x:3,y:4"}
	endpoints := []string{"svg", "png", "dot", "trace", "grad", "jacobian"}
	count := map[int]int{}
	extra := [][2]string{{"", ""}, {"mode", "forward"}, {"mode", "primal"}, {"step", "3"}, {"step", "-1"}, {"digits", "1"},
		{"seed", "x:1"}, {"seed", "y:2"}, {"format", "latex"}, {"format", "html"}, {"theme", "dark"}, {"animate", "1"}}
	var expr func(depth int) string
	expr = func(depth int) string {
		if depth == 0 || rng.IntN(4) == 0 {
			return []string{"x", "y", "2", "0", "-1", "1e308", "pi"}[rng.IntN(7)]
		}
		switch rng.IntN(3) {
		case 0:
			return []string{"ln", "sin", "sqrt", "exp", "relu", "abs", "tanh"}[rng.IntN(7)] + "(" + expr(depth-1) + ")"
		case 1:
			return "max(" + expr(depth-1) + ", " + expr(depth-1) + ")"
		}
		return "(" + expr(depth-1) + []string{" + ", " - ", " * ", " / ", "^"}[rng.IntN(5)] + expr(depth-1) + ")"
	}
	for i := 0; i < 300; i++ {
		src := expr(4)
		if rng.IntN(3) == 0 { // corrupt it
			k := rng.IntN(len(src) + 1)
			src = src[:k] + atoms[rng.IntN(len(atoms))] + src[k:]
		}
		if rng.IntN(5) == 0 {
			src = "a = " + src + "\nb = a*x"
		}
		var p strings.Builder
		p.WriteString(src)
		ep := endpoints[rng.IntN(len(endpoints))]
		kv := []string{"p", p.String(), "at", values[rng.IntN(len(values))]}
		if x := extra[rng.IntN(len(extra))]; x[0] != "" {
			kv = append(kv, x[0], x[1])
		}
		path := webtest.Q("/api/v1/"+ep, kv...)
		r, err := s.Get(path)
		if err != nil {
			t.Fatal(err)
		}
		count[r.Status]++
		switch r.Status {
		case 200:
		case 400, 413:
			if _, err := webtest.DecodeError(r); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		default:
			t.Errorf("%s: status %d: %.300s", path, r.Status, r.Body)
		}
	}
	t.Logf("statuses: %v", count)
	if count[200] < 20 || count[400] < 20 {
		t.Errorf("the random requests should give both answers and errors: %v", count)
	}
}

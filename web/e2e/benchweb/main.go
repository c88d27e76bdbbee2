// Command benchweb measures the page in headless Chromium on localhost (run
// it with scripts/bench-web.sh): the time from navigation to the first
// graph on the screen (the Baydin example) with where that time goes, the
// time of a step for 10-, 100- and 1000-node programs, and the size of
// every asset as sent, gzip and brotli.
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/adviz/adviz/web"
	"github.com/adviz/adviz/web/e2e/chrome"
	"github.com/adviz/adviz/web/e2e/examples"
)

// counter counts the bytes the server sends for every path, the first
// time it is asked for.
type counter struct {
	mu    sync.Mutex
	sent  map[string]int
	enc   map[string]string
	order []string
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		c.mu.Lock()
		defer c.mu.Unlock()
		// The first load of each file: what a new visitor downloads.
		if _, ok := c.sent[r.URL.Path]; !ok {
			c.order = append(c.order, r.URL.Path)
			c.sent[r.URL.Path] = cw.n
			c.enc[r.URL.Path] = w.Header().Get("Content-Encoding")
		}
	})
}

func pageURL(base, program, at, mode, step string) string {
	q := url.Values{"p": {program}, "at": {at}, "mode": {mode}, "step": {step}}
	return base + "/?" + q.Encode()
}

func run[T any](ctx context.Context, a chromedp.Action[T]) T {
	c, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		log.Fatal(err)
	}
	return v
}

func do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	c, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		log.Fatal(err)
	}
}

// start starts the browser; its context must have no timeout (see
// chromedp.Run).
func start(ctx context.Context) {
	if err := chromedp.Do(ctx); err != nil {
		log.Fatal(err)
	}
}

const ready = `document.documentElement.dataset.ready === "true"`

func waitReady() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](ready+` && performance.getEntriesByName("adviz-first-graph").length > 0`,
			chromedp.WithPollingTimeout(2*time.Minute))(ctx, t)
		return err
	})
}

// stepScript steps through the sweep in the page and returns, per step,
// the main thread's work (the key handler, style and layout: t1) and the
// time until the next frame is on the screen (t2), in milliseconds.
const stepScript = `(async (n) => {
  const S = Number(document.querySelector("#player .scrubber").max);
  const key = (k) => document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
  // Let the page settle: the cost and finite-difference panels are drawn.
  await new Promise((r) => requestIdleCallback(r, {timeout: 2000}));
  key("Home");
  await new Promise(requestAnimationFrame);
  performance.mark("adviz-steps");
  const work = [], frame = [];
  for (let i = 0, s = 0; i < n; i++, s++) {
    if (s === S) { key("Home"); s = 0; await new Promise(requestAnimationFrame); }
    const t0 = performance.now();
    key("ArrowRight");
    document.body.offsetHeight; // style and layout now
    const t1 = performance.now();
    await new Promise(requestAnimationFrame);
    await new Promise((r) => setTimeout(r));
    work.push(t1 - t0);
    frame.push(performance.now() - t0);
  }
  performance.mark("adviz-steps-end");
  key("Home");
  await new Promise(requestAnimationFrame);
  const t0 = performance.now();
  key("End");
  document.body.offsetHeight;
  const jump = performance.now() - t0;
  return {S, work, frame, jump};
})(%d)`

type stepResult struct {
	S     int       `json:"S"`
	Work  []float64 `json:"work"`
	Frame []float64 `json:"frame"`
	Jump  float64   `json:"jump"`
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func pct(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[int(float64(len(s)-1)*p)]
}

func main() {
	runs := flag.Int("runs", 5, "page loads to time")
	steps := flag.Int("steps", 200, "steps to time per program")
	static := flag.String("dir", "web/static", "the page's `directory`")
	traceFile := flag.String("trace", "", "also record Chromium's performance timeline of one first visit to `file` (and of 40 steps at 1000 nodes to file-steps.json), and summarize it")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench-web: ")
	fsys := os.DirFS(*static)
	if !web.Built(fsys) {
		log.Fatal("web/static/gen has no built assets: run scripts/build-web.sh")
	}
	if !chrome.Available() {
		log.Fatalf("no Chromium at %s", chrome.Path)
	}
	cnt := &counter{sent: map[string]int{}, enc: map[string]string{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", web.DevHandler(fsys))
	// The baseline: a page of one paragraph.
	mux.HandleFunc("/bench-blank.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>blank</title></head><body><p>baseline</p></body></html>`)
	})
	srv := &http.Server{Handler: cnt.wrap(mux)}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	baydin := pageURL(base, "ln(x1) + x1*x2 - sin(x2)", "x1:2,x2:5", "reverse", "last")

	fmt.Println("adviz page benchmark: headless Chromium", chrome.Path, "on", base)
	fmt.Println()

	// First graph: a fresh profile each time (nothing cached).
	fmt.Println("Navigation to the first graph on the screen (Baydin example, fresh profile each run):")
	var firsts, warm, restarted, blanks []float64
	cold, again, later := timeline{}, timeline{}, timeline{}
	for i := 0; i < *runs; i++ {
		dir, _ := os.MkdirTemp("", "adviz-bench-")
		ctx, cancel := chrome.New(dir, 1280, 900)
		start(ctx)
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"))
		blanks = append(blanks, run(ctx, chromedp.Evaluate[float64](`new Promise((r) => new PerformanceObserver((l) => r(l.getEntries()[0].startTime)).observe({type: "paint", buffered: true}))`, chromedp.EvalAwaitPromise)))
		do(ctx, chromedp.Navigate(baydin), waitReady())
		ms := run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName("adviz-first-graph")[0].startTime`))
		firsts = append(firsts, ms)
		cold.add(run(ctx, chromedp.Evaluate[map[string]float64](timelineScript, chromedp.EvalAwaitPromise)))
		// Again in the same browser: the files revalidate (304) and V8
		// has the compiled WebAssembly in memory.
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"), chromedp.Navigate(baydin), waitReady())
		warm = append(warm, run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName("adviz-first-graph")[0].startTime`)))
		again.add(run(ctx, chromedp.Evaluate[map[string]float64](timelineScript, chromedp.EvalAwaitPromise)))
		time.Sleep(3 * time.Second) // Chromium writes the code cache in the background
		cancel()
		// Another day: a new browser with the same profile, so the files
		// come from its HTTP cache (revalidated) and the compiled
		// WebAssembly from its code cache, if it was written.
		ctx, cancel = chrome.New(dir, 1280, 900)
		start(ctx)
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"), chromedp.Navigate(baydin), waitReady())
		restarted = append(restarted, run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName("adviz-first-graph")[0].startTime`)))
		later.add(run(ctx, chromedp.Evaluate[map[string]float64](timelineScript, chromedp.EvalAwaitPromise)))
		cancel()
		os.RemoveAll(dir)
	}
	sort.Float64s(firsts)
	sort.Float64s(blanks)
	sort.Float64s(warm)
	fmt.Printf("  runs %v ms\n  median %.0f ms, best %.0f ms (goal <= 300 ms: %.2fx of the goal)\n", fmtAll(firsts), median(firsts), firsts[0], median(firsts)/300)
	fmt.Printf("  again in the same browser (files revalidated, compiled code cached): runs %v ms, median %.0f ms (%.2fx of the goal)\n", fmtAll(warm), median(warm), median(warm)/300)
	fmt.Printf("  baseline, first paint of a one-paragraph page in the same browser: median %.0f ms; the first graph takes %.1fx that\n\n", median(blanks), median(firsts)/median(blanks))
	sort.Float64s(restarted)
	fmt.Printf("  again after restarting the browser (same profile: HTTP and code caches on disk): runs %v ms, median %.0f ms (%.2fx of the goal)\n", fmtAll(restarted), median(restarted), median(restarted)/300)
	fmt.Println("  where the time goes (median ms after navigation start; first visit | again | after a restart):")
	cold.print(again, later)
	fmt.Println()
	if *traceFile != "" {
		dir, _ := os.MkdirTemp("", "adviz-bench-")
		ctx, cancel := chrome.New(dir, 1280, 900)
		start(ctx)
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"))
		traceLoad(ctx, baydin, *traceFile)
		// Again, in the same browser.
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"))
		time.Sleep(2 * time.Second) // the code cache is written in the background
		traceLoad(ctx, baydin, strings.TrimSuffix(*traceFile, ".json")+"-again.json")
		time.Sleep(3 * time.Second)
		cancel()
		// And after a restart, with the same profile.
		ctx, cancel = chrome.New(dir, 1280, 900)
		start(ctx)
		do(ctx, chromedp.Navigate(base+"/bench-blank.html"))
		traceLoad(ctx, baydin, strings.TrimSuffix(*traceFile, ".json")+"-restart.json")
		cancel()
		os.RemoveAll(dir)
		fmt.Println()
	}

	// Assets as the server sent them for that page to Chromium, and what
	// a client that accepts gzip only, or brotli and gzip (any browser of
	// today), gets.
	fmt.Println("Assets of the page (the Baydin example's load; bytes sent for Accept-Encoding: gzip | br, gzip):")
	cnt.mu.Lock()
	paths := append([]string(nil), cnt.order...)
	cnt.mu.Unlock()
	sizes := map[string]int{}
	totalRaw := 0
	fmt.Printf("  %-26s %9s %9s %9s  %s\n", "", "raw", "gzip", "br, gzip", "sent to Chromium")
	for _, p := range paths {
		if p == "/bench-blank.html" {
			continue
		}
		name := strings.TrimPrefix(p, "/")
		if name == "" {
			name = "index.html"
		}
		raw := 0
		if st, err := fs.Stat(fsys, name); err == nil {
			raw = int(st.Size())
		}
		totalRaw += raw
		var row []int
		for _, enc := range []string{"gzip", "br, gzip"} {
			n, _ := sentSize(mux, p, enc)
			sizes[enc] += n
			row = append(row, n)
		}
		cnt.mu.Lock()
		enc, sent := cnt.enc[p], cnt.sent[p]
		cnt.mu.Unlock()
		if enc == "" {
			enc = "identity"
		}
		fmt.Printf("  %-26s %9d %9d %9d  %d (%s)\n", path.Clean(p), raw, row[0], row[1], sent, enc)
	}
	fmt.Printf("  %-26s %9d %9d %9d\n", "total", totalRaw, sizes["gzip"], sizes["br, gzip"])
	fmt.Printf("  total gzip %.3f MB (goal <= 1.5 MB: %.2fx of the goal); brotli where it is precompressed, else gzip: %.3f MB (%.2fx)\n\n",
		float64(sizes["gzip"])/1e6, float64(sizes["gzip"])/1.5e6, float64(sizes["br, gzip"])/1e6, float64(sizes["br, gzip"])/1.5e6)

	// Steps.
	fmt.Printf("Time of a step (neural networks with 4 inputs, reverse mode: %d steps forward from step 0, over again when the sweep is shorter; then a jump from the first step to the last).\n", *steps)
	fmt.Println("  (\"to the next frame\" waits for the display's next frame, which comes every 16.7 ms: about 16.7 ms is its floor)")
	dir, _ := os.MkdirTemp("", "adviz-bench-")
	defer os.RemoveAll(dir)
	ctx, cancel := chrome.New(dir, 1280, 900)
	defer cancel()
	start(ctx)
	for _, layers := range [][]int{nil, {5, 5}, {12, 12, 12, 12}} {
		prog, at := examples.MLP(4, layers...)
		t0 := time.Now()
		do(ctx, chromedp.Navigate(pageURL(base, prog, at, "reverse", "0")), waitReady(),
			chromedp.WaitVisible(chromedp.CSS("#fd-plot svg")))
		load := time.Since(t0)
		calls := run(ctx, chromedp.Evaluate[string](`advizPage.client.timings.map(x => x.method + " " + x.work.toFixed(0)).join(", ") + " ms; on the page at " + performance.getEntriesByType("mark").map(m => m.name.replace("adviz-", "") + " " + m.startTime.toFixed(0)).join(", ") + " ms"`))
		nodes := run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#graph g.node").length`))
		r := run(ctx, chromedp.Evaluate[stepResult](fmt.Sprintf(stepScript, *steps), chromedp.EvalAwaitPromise))
		fmt.Printf("  %4d nodes, %4d steps: main-thread work per step median %.2f ms, p95 %.2f ms, max %.2f ms (p95 is %.2fx the 16 ms goal); to the next frame median %.1f ms; jump to the last step %.1f ms\n",
			nodes, r.S, median(r.Work), pct(r.Work, 0.95), pct(r.Work, 1), pct(r.Work, 0.95)/16, median(r.Frame), r.Jump)
		fmt.Printf("        page loaded and graph laid out in %.0f ms; work in the worker: %s\n", float64(load.Microseconds())/1000, calls)
		if *traceFile != "" && nodes > 500 {
			traceSteps(ctx, strings.TrimSuffix(*traceFile, ".json")+"-steps.json", 40)
		}
	}
}

// sentSize is the size of the body that h sends for path to a client that
// sends Accept-Encoding: enc, and the Content-Encoding it used.
func sentSize(h http.Handler, p, enc string) (int, string) {
	r := httptest.NewRequest("GET", p, nil)
	r.Header.Set("Accept-Encoding", enc)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Body.Len(), w.Header().Get("Content-Encoding")
}

// timelineScript gathers, after a load, when each part of the start was
// done (ms after navigation start): the page's marks (adviz-*), the
// worker's startup (Adviz.startup) and the first paints.
const timelineScript = `(async () => {
  const t = {};
  for (const m of performance.getEntriesByType("mark")) if (m.name.startsWith("adviz-")) t["page: " + m.name.slice(6)] = m.startTime;
  for (const p of performance.getEntriesByType("paint")) t["page: " + p.name] = p.startTime;
  const nav = performance.getEntriesByType("navigation")[0];
  t["page: html received"] = nav.responseEnd;
  t["page: DOMContentLoaded"] = nav.domContentLoadedEventEnd;
  for (const [k, v] of Object.entries(advizPage.client.startup || {})) t["worker: " + k] = v;
  return t;
})()`

// timeline collects the events of several loads.
type timeline map[string][]float64

func (tl timeline) add(m map[string]float64) {
	for k, v := range m {
		tl[k] = append(tl[k], v)
	}
}

// print prints the median of every event, in time order, beside the
// median of the same event in others.
func (tl timeline) print(others ...timeline) {
	keys := make([]string, 0, len(tl))
	for k := range tl {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return median(tl[keys[i]]) < median(tl[keys[j]]) })
	for _, k := range keys {
		line := fmt.Sprintf("    %-40s %6.0f", k, median(tl[k]))
		for _, other := range others {
			o := "-"
			if v, ok := other[k]; ok {
				o = fmt.Sprintf("%.0f", median(v))
			}
			line += fmt.Sprintf(" | %5s", o)
		}
		fmt.Println(line)
	}
}

// fmtAll writes milliseconds.
func fmtAll(xs []float64) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, fmt.Sprintf("%.0f", x))
	}
	return strings.Join(parts, " ")
}

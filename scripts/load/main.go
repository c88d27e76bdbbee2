//go:build !js

// Command load measures adviz's HTTP API under load, on the loopback only:
// 10,000 requests at concurrency 32 to the native server (`adviz serve`,
// built and started here in its own process group) and 1,000 to the
// Cloudflare worker in a local workerd (wrangler dev), each a mix of valid,
// invalid and oversize requests. It prints requests per second, p50/p99
// latency, the count of 5xx answers (goal: 0), answers whose status was
// not the expected one, and the server's resident memory after a warm-up
// and after the run (goal: no growth). The worker's requests then go, the
// same ones in the same wrangler dev, to a JavaScript worker that only
// answers (scripts/load/baseline): workerd's memory grows under load by
// itself, so the worker's figures are printed against it as ratios. Run it
// with scripts/load.sh.
//
// The mix: every request of the API checks (web/webtest.Checks, with their
// expected statuses: valid, bad input 400, oversize 413, 404, 405, HEAD,
// OPTIONS) and, as often, valid pictures, traces and gradients of a few
// programs at random points (a fixed seed, so runs are comparable).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/adviz/adviz/wasm/worker/wranglerdev"
	"github.com/adviz/adviz/web/webtest"
)

func main() {
	n := flag.Int("n", 10000, "requests to the native server")
	c := flag.Int("c", 32, "concurrency against the native server")
	wn := flag.Int("worker-n", 1000, "requests to the worker (0: skip the worker)")
	wc := flag.Int("worker-c", 8, "concurrency against the worker")
	warm := flag.Int("warm", 1000, "warm-up requests before the memory is measured (worker: a tenth)")
	rounds := flag.Int("rounds", 2, "runs of -n (native) and -worker-n (worker) requests; memory is printed after each")
	png := flag.Bool("png", true, "include PNG requests in the native mix (each rasterizes an SVG: 0.06-0.4 s of CPU)")
	limit := flag.Duration("timeout", 10*time.Minute, "bound on the whole run")
	flag.Parse()
	withPNG = *png
	if err := run(*n, *c, *rounds, *wn, *wc, *warm, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// withPNG says whether the native mix has PNG requests.
var withPNG = true

// req is one request of the mix with the status it must get.
type req struct {
	kind   string // valid, invalid, oversize
	method string
	path   string
	header map[string]string
	want   int
}

// result is one answered request.
type result struct {
	kind    string
	path    string // the endpoint
	status  int
	want    int
	latency time.Duration
	err     error
}

func run(n, c, rounds, wn, wc, warm int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	root, err := wranglerdev.Root(".")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "adviz-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	fmt.Println("== native server: adviz serve")
	bin := filepath.Join(tmp, "adviz")
	build := exec.Command("go", "build", "-o", bin, "./cmd/adviz")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/adviz: %v", err)
	}
	srv, base, err := startNative(bin)
	if err != nil {
		return err
	}
	stopNative := sync.OnceFunc(func() {
		_ = syscall.Kill(-srv.Process.Pid, syscall.SIGTERM)
		_ = srv.Wait()
	})
	defer stopNative()
	rng := rand.New(rand.NewPCG(1, 2))
	mix := func(count int, worker bool) []req {
		out := make([]req, count)
		for i := range out {
			out[i] = pick(rng, worker)
		}
		return out
	}
	runsOf := func(count int, worker bool) [][]req {
		runs := make([][]req, rounds)
		for i := range runs {
			runs[i] = mix(count, worker)
		}
		return runs
	}
	pid := srv.Process.Pid
	fmt.Printf("  server pid %d\n", pid)
	nativeRSS := func() int64 { r, _ := wranglerdev.RSS(pid); return r }
	loadRuns("native", base, "server", nativeRSS, mix(warm, false), runsOf(n, false), c, false, deadline)
	stopNative()

	if wn <= 0 {
		return nil
	}
	fmt.Println("== worker: wrangler dev (workerd)")
	if msg := wranglerdev.Missing(root); msg != "" {
		fmt.Println("  skipped:", msg)
		return nil
	}
	if err := wranglerdev.Build(root, io.Discard); err != nil {
		return err
	}
	// The same requests go to adviz's worker and then to a worker that only
	// answers (scripts/load/baseline), in the same wrangler dev: workerd's
	// memory grows under load by itself, so its growth is the baseline.
	warmReqs := mix(max(warm/10, 1), true)
	runs := runsOf(wn, true)
	growth, rps, err := loadWorker("worker", starter(root, tmp, "worker", filepath.Join(root, "wrangler.toml")), warmReqs, runs, wc, false, deadline)
	if err != nil {
		return err
	}
	fmt.Println("== baseline: a JavaScript worker that only answers, same wrangler dev, same requests")
	baseGrowth, baseRPS, err := loadWorker("baseline", starter(root, tmp, "baseline", filepath.Join(root, "scripts", "load", "baseline", "wrangler.toml")), warmReqs, runs, wc, true, deadline)
	if err != nil {
		return err
	}
	fmt.Printf("worker against baseline: %.2fx its req/s; workerd RSS growth %+.1f MiB against %+.1f MiB (%.2fx)\n",
		rps/baseRPS, mib(growth), mib(baseGrowth), float64(growth)/float64(max(baseGrowth, 1)))
	fmt.Println("== worker size")
	size := exec.Command("bash", filepath.Join(root, "scripts", "worker-size.sh"))
	size.Dir, size.Stdout, size.Stderr = root, os.Stdout, os.Stderr
	return size.Run()
}

// startNative starts the server in its own process group on a free port and
// returns its base URL once it has printed it.
func startNative(bin string) (*exec.Cmd, string, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return nil, "", fmt.Errorf("adviz serve printed no URL: %v", err)
	}
	go io.Copy(io.Discard, out)
	base := strings.TrimSuffix(regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`).FindString(line), "/")
	if base == "" {
		return nil, "", fmt.Errorf("adviz serve printed %q", line)
	}
	fmt.Printf("  %s", line)
	return cmd, base, nil
}

// starter returns a function that starts wrangler dev for the wrangler
// configuration config, logging to NAME-wrangler.log in tmp.
func starter(root, tmp, name, config string) func() (*wranglerdev.Dev, error) {
	return func() (*wranglerdev.Dev, error) {
		return wranglerdev.StartConfig(root, config, filepath.Join(tmp, name+"-wrangler.log"), 2*time.Minute)
	}
}

// loadWorker starts a worker and loads it with loadRuns.
func loadWorker(name string, start func() (*wranglerdev.Dev, error), warm []req, runs [][]req, c int, brief bool, deadline time.Time) (int64, float64, error) {
	dev, err := start()
	if err != nil {
		return 0, 0, err
	}
	defer dev.Stop()
	rss := func() int64 { return workerdRSS(dev.PGID()) }
	growth, rps := loadRuns(name, dev.URL, "workerd", rss, warm, runs, c, brief, deadline)
	return growth, rps, dev.Stop()
}

// loadRuns sends the warm-up requests and then each run to base with c
// workers, prints the figures of each run (only its req/s when brief) and
// the memory rss reads after the warm-up and after each run, and returns
// the growth since the warm-up and the requests per second of all runs.
func loadRuns(name, base, server string, rss func() int64, warm []req, runs [][]req, c int, brief bool, deadline time.Time) (int64, float64) {
	measure(base, warm, c, deadline)
	before := rss()
	fmt.Printf("  %s RSS after %d warm-up requests: %.1f MiB\n", server, len(warm), mib(before))
	after := before
	var count int
	var wall time.Duration
	for i, reqs := range runs {
		res, w := measure(base, reqs, c, deadline)
		after = rss()
		count += len(res)
		wall += w
		title := fmt.Sprintf("%s, run %d of %d: %d requests, concurrency %d", name, i+1, len(runs), len(reqs), c)
		if brief {
			fmt.Printf("%s:\n  %.0f req/s\n", title, float64(len(res))/w.Seconds())
		} else {
			report(title, res, w)
		}
		fmt.Printf("  %s RSS after run %d: %.1f MiB (%+.1f MiB since the warm-up)\n", server, i+1, mib(after), mib(after-before))
	}
	return after - before, float64(count) / wall.Seconds()
}

// workerdRSS is the resident memory of the workerd processes of wrangler's
// process group.
func workerdRSS(pgid int) int64 {
	var sum int64
	for _, pid := range wranglerdev.GroupPIDs(pgid) {
		if wranglerdev.Comm(pid) == "workerd" {
			if r, err := wranglerdev.RSS(pid); err == nil {
				sum += r
			}
		}
	}
	return sum
}

// programs are valid programs of a few sizes, with their inputs.
var programs = []struct{ p, inputs string }{
	{webtest.Prog, "x1 x2"},
	{"y = sigmoid(w1*x1 + w2*x2 + b)", "w1 x1 w2 x2 b"},
	{"a = sin(x)*x\nb = a/x\nc = ln(a - b)", "x"},
	{"f = exp(-(x^2 + y^2)/2) * cos(3*x)\ng = tanh(f) + x*y", "x y"},
	{"x" + strings.Repeat(" + x*x", 40), "x"},
}

// pick returns one request of the mix: half from the checks table, half
// valid requests of the programs above at random points.
func pick(rng *rand.Rand, worker bool) req {
	if rng.IntN(2) == 0 {
		for {
			ch := webtest.Checks[rng.IntN(len(webtest.Checks))]
			want := ch.Status
			if worker && ch.WorkerStatus != 0 {
				continue // PNG: 501 by design in the worker, not load
			}
			if !withPNG && strings.HasPrefix(ch.Path, "/api/v1/png") {
				continue
			}
			if worker && ch.Path == "/" {
				continue // static assets, not the worker
			}
			kind := "valid"
			switch {
			case want == 413:
				kind = "oversize"
			case want >= 400:
				kind = "invalid"
			}
			m := ch.Method
			if m == "" {
				m = "GET"
			}
			return req{kind, m, ch.Path, ch.Header, want}
		}
	}
	pr := programs[rng.IntN(len(programs))]
	var at []string
	for _, name := range strings.Fields(pr.inputs) {
		at = append(at, fmt.Sprintf("%s:%.3g", name, 0.1+3*rng.Float64()))
	}
	kv := []string{"p", pr.p, "at", strings.Join(at, ",")}
	mode := []string{"forward", "reverse"}[rng.IntN(2)]
	var path string
	switch k := rng.IntN(10); {
	case k < 5:
		path = webtest.Q("/api/v1/svg", append(kv, "mode", mode, "step", fmt.Sprint(rng.IntN(6)), "theme", []string{"light", "dark"}[rng.IntN(2)])...)
	case k == 5:
		path = webtest.Q("/api/v1/trace", append(kv, "mode", mode, "format", []string{"json", "markdown", "latex", "html"}[rng.IntN(4)])...)
	case k == 6:
		path = webtest.Q("/api/v1/dot", append(kv, "mode", mode)...)
	case k == 7:
		path = webtest.Q("/api/v1/jacobian", append(kv, "mode", mode)...)
	case k == 8 && !worker && withPNG:
		path = webtest.Q("/api/v1/png", append(kv, "step", "last")...)
	default:
		path = webtest.Q("/api/v1/grad", kv...)
	}
	return req{"valid", "GET", path, nil, 200}
}

// measure sends reqs with c workers and returns the results and the wall
// time.
func measure(base string, reqs []req, c int, deadline time.Time) ([]result, time.Duration) {
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c},
	}
	// Connections left open would hold server memory into the next figure.
	defer client.CloseIdleConnections()
	out := make([]result, len(reqs))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(reqs) {
					return
				}
				r := reqs[i]
				if time.Now().After(deadline) {
					out[i] = result{kind: r.kind, want: r.want, err: fmt.Errorf("time bound reached")}
					continue
				}
				out[i] = do(client, base, r)
			}
		}()
	}
	wg.Wait()
	return out, time.Since(start)
}

func do(client *http.Client, base string, r req) result {
	res := doReq(client, base, r)
	res.path, _, _ = strings.Cut(r.path, "?")
	return res
}

func doReq(client *http.Client, base string, r req) result {
	hr, err := http.NewRequest(r.method, base+r.path, nil)
	if err != nil {
		return result{kind: r.kind, want: r.want, err: err}
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	t0 := time.Now()
	res, err := client.Do(hr)
	if err != nil {
		return result{kind: r.kind, want: r.want, err: err, latency: time.Since(t0)}
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return result{kind: r.kind, status: res.StatusCode, want: r.want, latency: time.Since(t0)}
}

func report(title string, res []result, wall time.Duration) {
	var lat []time.Duration
	kinds := map[string]int{}
	classes := map[int]int{}
	var errs, unexpected, fivexx int
	byPath := map[string]int{} // 5xx by endpoint
	var firstErr error
	for _, r := range res {
		if r.err != nil {
			errs++
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		lat = append(lat, r.latency)
		kinds[r.kind]++
		classes[r.status/100]++
		if r.status >= 500 {
			fivexx++
			byPath[fmt.Sprintf("%s %d", r.path, r.status)]++
		}
		if r.status != r.want {
			unexpected++
		}
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("%s:\n", title)
	fmt.Printf("  %d answered in %.2f s: %.0f req/s; latency p50 %s, p99 %s, max %s\n",
		len(lat), wall.Seconds(), float64(len(lat))/wall.Seconds(), ms(q(0.50)), ms(q(0.99)), ms(q(1)))
	fmt.Printf("  mix: %d valid, %d invalid, %d oversize; statuses: 2xx %d, 3xx %d, 4xx %d, 5xx %d\n",
		kinds["valid"], kinds["invalid"], kinds["oversize"], classes[2], classes[3], classes[4], classes[5])
	fmt.Printf("  5xx: %d (goal 0); status other than expected: %d; transport errors: %d\n", fivexx, unexpected, errs)
	if len(byPath) > 0 {
		fmt.Printf("  5xx by endpoint: %v\n", byPath)
	}
	if firstErr != nil {
		fmt.Printf("  first transport error: %v\n", firstErr)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func mib(b int64) float64 { return float64(b) / (1 << 20) }

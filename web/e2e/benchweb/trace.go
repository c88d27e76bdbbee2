package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceEvent is one event of Chromium's trace (the JSON trace format).
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`  // µs
	Dur  float64         `json:"dur"` // µs
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// traceDuring records Chromium's performance timeline while act runs,
// writes it to file (it opens in the Performance panel of Chromium's
// developer tools) and returns its events.
func traceDuring(ctx context.Context, file string, act func()) []traceEvent {
	var mu sync.Mutex
	var events []traceEvent
	complete := make(chan struct{})
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := chromedp.Listen(lctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				var e traceEvent
				if b, err := v.MarshalJSON(); err == nil && json.Unmarshal(b, &e) == nil {
					events = append(events, e)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(complete)
		}
	}); err != nil {
		fmt.Println("  trace:", err)
		return nil
	}
	cats := []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading",
		"v8", "v8.execute", "disabled-by-default-v8.compile", "v8.wasm", "disabled-by-default-v8.wasm.detailed",
		"toplevel", "blink", "cc", "gpu", "viz"}
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: cats}}); err != nil {
		fmt.Println("  trace:", err)
		return nil
	}
	act()
	time.Sleep(200 * time.Millisecond)
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		fmt.Println("  trace:", err)
		return nil
	}
	select {
	case <-complete:
	case <-time.After(30 * time.Second):
		fmt.Println("  trace: incomplete")
	}
	mu.Lock()
	defer mu.Unlock()
	if b, err := json.Marshal(map[string]any{"traceEvents": events}); err == nil {
		os.WriteFile(file, b, 0o644)
	}
	return events
}

// traceLoad traces a load of url and prints where the time of each
// thread went until the first graph.
func traceLoad(ctx context.Context, url, file string) {
	events := traceDuring(ctx, file, func() { do(ctx, chromedp.Navigate(url), waitReady()) })
	var start, firstGraph, boot float64
	for _, e := range events {
		switch e.Name {
		case "adviz-first-graph":
			// Its startTime is on the page's clock: navigation start is 0.
			var a struct{ Data struct{ StartTime float64 } }
			json.Unmarshal(e.Args, &a)
			firstGraph = e.Ts
			start = e.Ts - a.Data.StartTime*1000
		case "adviz-boot":
			boot = e.Ts
		}
	}
	if firstGraph == 0 {
		fmt.Println("  trace: no first-graph mark")
		return
	}
	fmt.Printf("  traced load (%s): first graph at %.0f ms (boot.js ran at %.0f ms); busy time per thread until then, by work (ms):\n",
		file, (firstGraph-start)/1000, (boot-start)/1000)
	summarize(events, start, firstGraph)
	// What V8 did with the WebAssembly: compiled it, or took it from
	// the code cache (a second visit).
	wasm := map[string]int{}
	for _, e := range events {
		if strings.Contains(strings.ToLower(e.Name), "wasm") && (e.Ph == "X" || e.Ph == "B" || e.Ph == "I" || e.Ph == "n") {
			wasm[e.Name]++
		}
	}
	var names []string
	for n, c := range wasm {
		names = append(names, fmt.Sprintf("%s ×%d", n, c))
	}
	sort.Strings(names)
	fmt.Printf("    WebAssembly events: %s\n", strings.Join(names, ", "))
}

// traceSteps traces the steps that stepScript takes (between its marks
// adviz-steps and adviz-steps-end) and prints where their time went.
func traceSteps(ctx context.Context, file string, n int) {
	var r stepResult
	events := traceDuring(ctx, file, func() {
		r = run(ctx, chromedp.Evaluate[stepResult](fmt.Sprintf(stepScript, n), chromedp.EvalAwaitPromise))
	})
	var a, b float64
	for _, e := range events {
		switch e.Name {
		case "adviz-steps":
			a = e.Ts
		case "adviz-steps-end":
			b = e.Ts
		}
	}
	if a == 0 || b == 0 {
		fmt.Println("  trace: no step marks")
		return
	}
	fmt.Printf("  traced %d steps (%s; to the next frame median %.1f ms): busy time per thread, by work (ms, per step):\n", len(r.Frame), file, median(r.Frame))
	summarizeScaled(events, a, b, float64(len(r.Frame)))
}

// summarize prints, per thread, the time of its tasks between start and
// end (µs on the trace's clock), by the kinds of work inside them.
func summarize(events []traceEvent, start, end float64) { summarizeScaled(events, start, end, 1) }

// summarizeScaled is summarize with every time divided by n.
func summarizeScaled(events []traceEvent, start, end, n float64) {
	threads := map[[2]int]string{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct{ Name string }
			json.Unmarshal(e.Args, &a)
			threads[[2]int{e.Pid, e.Tid}] = a.Name
		}
	}
	// The kinds of work that are interesting, self time (their time minus
	// the time of such events inside them) per thread.
	kinds := map[string]string{
		"ParseHTML": "parse HTML", "ParseAuthorStyleSheet": "parse CSS",
		"v8.compile": "compile JS", "v8.compileModule": "compile JS", "V8.CompileCode": "compile JS",
		"v8.evaluateModule": "run JS", "EvaluateScript": "run JS", "FunctionCall": "run JS", "TimerFire": "run JS",
		"FireAnimationFrame": "run JS", "EventDispatch": "run JS", "v8.run": "run JS", "RunMicrotasks": "run JS",
		"UpdateLayoutTree": "style", "Layout": "layout", "PrePaint": "paint", "Paint": "paint",
		"Layerize": "paint", "Commit": "commit", "RasterTask": "raster", "MajorGC": "GC", "MinorGC": "GC",
		"ProxyMain::BeginMainFrame::commit": "commit", "TileManager::FlushAndIssueSignals": "raster",
		"DisplayScheduler::DrawAndSwap": "draw", "Graphics.Pipeline": "",
		"V8.GC_SCAVENGER": "GC", "V8.GCFinalizeMC": "GC",
		"wasm.CompileLazy": "wasm compile", "wasm.ExecuteCompilationUnits": "wasm compile", "v8.wasm.compileConsume": "wasm compile",
		"v8.wasm.streamFromResponseCallback": "wasm stream", "wasm.SyncInstantiate": "wasm instantiate",
		"v8.wasm.compiledModule": "wasm compile", "wasm.Deserialize": "wasm from code cache", "v8.wasm.cachedModule": "wasm cache write",
		"ResourceReceivedData": "network", "ResourceReceiveResponse": "network", "ResourceFinish": "network",
	}
	type span struct{ a, b float64 }
	type tally struct {
		busy  float64
		kinds map[string]float64
	}
	per := map[string]*tally{}
	byThread := map[[2]int][]traceEvent{}
	for _, e := range events {
		if e.Ph == "X" && e.Ts >= start && e.Ts < end {
			k := [2]int{e.Pid, e.Tid}
			byThread[k] = append(byThread[k], e)
		}
	}
	for k, evs := range byThread {
		name := threads[k]
		if name == "" {
			continue
		}
		name = strings.TrimRight(name, "0123456789/ ")
		t := per[name]
		if t == nil {
			t = &tally{kinds: map[string]float64{}}
			per[name] = t
		}
		sort.Slice(evs, func(i, j int) bool { return evs[i].Ts < evs[j].Ts || evs[i].Ts == evs[j].Ts && evs[i].Dur > evs[j].Dur })
		// Busy: the union of top-level events.
		var end float64
		var stack []span
		var kindStack []string
		for _, e := range evs {
			if e.Ts >= end {
				t.busy += e.Dur
				end = e.Ts + e.Dur
			} else if e.Ts+e.Dur > end {
				t.busy += e.Ts + e.Dur - end
				end = e.Ts + e.Dur
			}
			for len(stack) > 0 && e.Ts >= stack[len(stack)-1].b {
				stack, kindStack = stack[:len(stack)-1], kindStack[:len(kindStack)-1]
			}
			kind := kinds[e.Name]
			if kind == "" {
				continue
			}
			// Self time: subtract from the enclosing kind.
			if len(kindStack) > 0 {
				t.kinds[kindStack[len(kindStack)-1]] -= e.Dur
			}
			t.kinds[kind] += e.Dur
			stack = append(stack, span{e.Ts, e.Ts + e.Dur})
			kindStack = append(kindStack, kind)
		}
	}
	scale := n
	names := make([]string, 0, len(per))
	for n := range per {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return per[names[i]].busy > per[names[j]].busy })
	for _, n := range names {
		t := per[n]
		if t.busy/scale < 2000 {
			continue
		}
		var parts []string
		for k, v := range t.kinds {
			if v/scale >= 1000 {
				parts = append(parts, fmt.Sprintf("%s %.1f", k, v/scale/1000))
			}
		}
		sort.Strings(parts)
		fmt.Printf("    %-32s busy %6.1f: %s\n", n, t.busy/scale/1000, strings.Join(parts, ", "))
	}
}

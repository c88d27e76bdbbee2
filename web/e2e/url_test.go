package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/adviz/adviz/web"
)

// A permalink in the API's vocabulary (p, at as x1:2, mode, seed, step,
// digits, theme, edge-labels, rankdir) sets every part of the state, and
// the page writes its URL back in the same form.
func TestURLForms(t *testing.T) {
	b := newBrowser(t)
	b.do(t, emulate(1280, 900, false, "light"))
	q := url.Values{"p": {"y1 = x1*x2 + sin(x1)\ny2 = exp(x1) - x2^2"}, "at": {"x1:1,x2:2"}, "mode": {"reverse"},
		"seed": {"y2:3"}, "step": {"9"}, "digits": {"6"}, "theme": {"dark"}, "edge-labels": {"1"}, "rankdir": {"TB"}}
	b.open(t, "/?"+q.Encode())
	checks := map[string]string{
		`document.querySelector("input[name=mode]:checked").value`:                   "reverse",
		`document.querySelector('[data-seed="y2"]').value`:                           "3",
		`document.querySelector('[data-input="x2"]').value`:                          "2",
		`document.querySelector("#digits").value`:                                    "6",
		`String(document.querySelector("#edge-labels").checked)`:                     "true",
		`document.querySelector("#rankdir").value`:                                   "TB",
		`document.documentElement.dataset.theme`:                                     "dark",
		`getComputedStyle(document.body).backgroundColor`:                            "rgb(19, 21, 24)", // dark, though the system is light
		`document.querySelector("#graph svg").classList.contains("adviz-dark") + ""`: "true",
	}
	if got := eval[string](t, b, counter); !strings.HasPrefix(got, "9 / ") {
		t.Errorf("counter %q, want step 9", got)
	}
	for expr, want := range checks {
		if got := eval[string](t, b, expr); got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	// Edge labels are drawn, with 6 digits.
	if n := eval[int](t, b, `[...document.querySelectorAll("#graph .edge text")].filter(t => t.textContent.startsWith("∂")).length`); n == 0 {
		t.Error("no edge labels in the graph")
	}
	b.do(t, key(kb.ArrowRight))
	b.waitFor(t, `location.search.includes("step=10")`)
	got, _ := url.ParseQuery(strings.TrimPrefix(eval[string](t, b, `location.search`), "?"))
	q.Set("step", "10")
	for k := range q {
		if got.Get(k) != q.Get(k) {
			t.Errorf("the page wrote %s=%q, want %q (URL %v)", k, got.Get(k), q.Get(k), got)
		}
	}
	for _, old := range []string{"e", "edges", "dir"} {
		if got.Has(old) {
			t.Errorf("the page wrote the old parameter %s", old)
		}
	}
	b.screenshot(t, "url-forms-dark", false)
}

// Links in the old form (e=, at=x1=2, edges=1, dir=TB) still work: they
// give the same state as the new form, which the page then writes.
func TestOldLinks(t *testing.T) {
	b := newBrowser(t)
	old := "/?" + url.Values{"e": {baydin}, "at": {"x1=2,x2=5"}, "mode": {"reverse"}, "seed": {"y=2"}, "step": {"9"},
		"edges": {"1"}, "dir": {"TB"}}.Encode()
	b.open(t, old)
	before := snapshot(t, b)
	b.do(t, key(kb.End))
	b.waitFor(t, field("v-1", "adjoint")+` === "11"`) // ȳ = 2: twice 5.5
	b.waitFor(t, `location.search.startsWith("?p=") && location.search.includes("at=x1:2,x2:5") && location.search.includes("seed=y:2") && location.search.includes("edge-labels=1") && location.search.includes("rankdir=TB")`)
	b.do(t, key(kb.Home))
	for i := 0; i < 9; i++ {
		b.do(t, key(kb.ArrowRight))
	}
	b.waitFor(t, `location.search.includes("step=9")`)
	newLink := eval[string](t, b, `location.href`)
	b.do(t, chromedp.Navigate(newLink), waitReady())
	if after := snapshot(t, b); after != before {
		t.Errorf("the new form of the old link shows\n%s\nthe old one\n%s", after, before)
	}
}

// The page's permalink is an API query too: the same parameters give the
// API's picture of the same step.
func TestPermalinkIsAnAPIQuery(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "12"))
	b.do(t, js(`document.querySelector("details.options").open = true`), chromedp.Click(chromedp.ID("edge-labels")))
	b.waitFor(t, `location.search.includes("edge-labels=1")`)
	query := eval[string](t, b, `location.search`)
	res, err := http.Get(baseURL + "/api/v1/dot" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("/api/v1/dot%s: %d %s", query, res.StatusCode, body)
	}
	// The same step, with the same arithmetic, and the edge labels asked
	// for.
	card := eval[string](t, b, `document.querySelector("#step-card .plain").innerText`)
	for _, want := range []string{"step 12 of 16", card, `label="∂v2/∂v0 = 2"`} {
		if card == "" || !strings.Contains(string(body), want) {
			t.Errorf("the API's DOT for the page's query lacks %q", want)
		}
	}
}

// The page's assets come precompressed: brotli where the browser accepts
// it, decoded by Chromium to exactly the files; gzip and identity for
// clients that ask for them (web/static_test.go checks those bytes), and
// 304 when unchanged.
func TestPrecompressedAssets(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	for _, name := range []string{"gen/adviz.wasm", "gen/graphviz.wasm", "gen/viz.js", "gen/first.js", "gen/app.js", "gen/adviz.css"} {
		raw, err := os.ReadFile(filepath.Join("..", "static", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		got := eval[string](t, b, fmt.Sprintf(`(async () => {
			const r = await fetch(%q, {cache: "no-store"});
			const h = await crypto.subtle.digest("SHA-256", await r.arrayBuffer());
			const e = performance.getEntriesByName(r.url).pop();
			return [r.headers.get("content-encoding"), [...new Uint8Array(h)].map(x => x.toString(16).padStart(2, "0")).join(""), e ? e.encodedBodySize : -1].join(" ");
		})()`, "/"+name))
		f := strings.Fields(got)
		if len(f) != 3 || f[0] != "br" || f[1] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: fetched as %q; want br and sha256 %x", name, got, sum)
			continue
		}
		br, _ := os.Stat(filepath.Join("..", "static", filepath.FromSlash(name)+".br"))
		if f[2] != "-1" && br != nil && f[2] != fmt.Sprint(br.Size()) {
			t.Errorf("%s: %s bytes came over the wire, the .br file has %d", name, f[2], br.Size())
		}
	}
	// The worker asks for its WebAssembly by version, which the browser
	// may keep without asking again (so that Chromium can keep what it
	// compiled of it).
	for _, name := range []string{"gen/adviz.wasm", "gen/graphviz.wasm"} {
		raw, err := os.ReadFile(filepath.Join("..", "static", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		uri := "/" + name + "?v=" + web.Version(raw)
		if _, ok := requested.Load(uri); !ok {
			t.Errorf("the page did not ask for %s", uri)
		}
		res, err := http.Get(baseURL + uri)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", uri, cc)
		}
	}
	for _, enc := range []string{"br", "gzip", ""} {
		req, _ := http.NewRequest("GET", baseURL+"/gen/adviz.wasm", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		} else {
			req.Header.Set("Accept-Encoding", "identity")
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		etag := res.Header.Get("ETag")
		if res.Header.Get("Content-Encoding") != enc || !strings.HasPrefix(etag, `"`) || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, ETag %q, Vary %q", enc, res.Header.Get("Content-Encoding"), etag, res.Header.Get("Vary"))
		}
		req.Header.Set("If-None-Match", etag)
		res, err = http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q with If-None-Match %s: %d, want 304", enc, etag, res.StatusCode)
		}
	}
}

// The default example is on the screen before the module has started:
// the page draws gen/first.js, which scripts/build-web.sh had the same
// module and Graphviz write. That is honest only if the live module
// answers exactly the same, so that taking over changes nothing: check the
// build, the layouts and the frames of both themes, and that the module's
// build did not draw the graph again.
func TestFirstGraphPrerendered(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	marks := eval[string](t, b, `performance.getEntriesByType("mark").map(m => m.name.replace("adviz-", "")).join(" ")`)
	if strings.Count(marks, "svg-inserted") != 1 || !strings.Contains(marks, "first-graph") ||
		strings.Index(marks, "svg-inserted") > strings.Index(marks, "worker-done") {
		t.Errorf("marks %q: want the graph inserted once, before the module's build was done", marks)
	}
	got := eval[string](t, b, `(async () => {
		const snap = (await import("/gen/first.js")).default;
		const c = advizPage.client, out = [];
		const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
		const r = await c.build(snap.request);
		if (!r.ok) return r.error.message;
		const { handle, ...live } = r.value, { handle: h0, ...pre } = snap.build;
		if (!same(live, pre)) out.push("build differs");
		for (const theme of ["light", "dark"]) {
			const o = { ...snap.options, theme };
			const lay = await c.layout(handle, { ...o, have: "" });
			if (!lay.ok || !same(lay.value, snap.themes[theme].layout)) out.push(theme + " layout differs");
			const fr = await c.frames(handle, o);
			if (!fr.ok || !same(fr.value, snap.themes[theme].frames)) out.push(theme + " frames differ");
		}
		c.free(handle);
		return out.join("; ") || "same";
	})()`)
	if got != "same" {
		t.Errorf("the live module and gen/first.js: %s", got)
	}
	// And the page shows the default example's numbers.
	for node, want := range map[string]string{"v-1": "5.5", "v0": "1.716"} {
		if v := eval[string](t, b, field(node, "adjoint")); v != want {
			t.Errorf("adjoint of %s: %q, want %q", node, v, want)
		}
	}
}

// The embed view draws the prerendered default example too, and takes it
// over the same way.
func TestEmbedFirstGraphPrerendered(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/embed.html")
	marks := eval[string](t, b, `performance.getEntriesByType("mark").map(m => m.name.replace("adviz-", "")).join(" ")`)
	if strings.Count(marks, "svg-inserted") != 1 || !strings.Contains(marks, "first-fetched") || !strings.Contains(marks, "first-graph") {
		t.Errorf("marks %q: want the prerendered graph, inserted once", marks)
	}
	for node, want := range map[string]string{"v-1": "5.5", "v0": "1.716"} {
		if v := eval[string](t, b, field(node, "adjoint")); v != want {
			t.Errorf("adjoint of %s: %q, want %q", node, v, want)
		}
	}
	if at := eval[string](t, b, `document.querySelector("#embed-at").textContent`); at != "at x1 = 2, x2 = 5 · reverse mode" {
		t.Errorf("embed head %q", at)
	}
}

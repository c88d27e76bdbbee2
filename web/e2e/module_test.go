package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The module answers bad calls with error values, never exceptions, and
// keeps working after them.
func TestModuleErrors(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	calls := []struct{ call, want string }{
		{`c.build()`, "program"},
		{`c.build({program: 5})`, "argument 1 does not fit"},
		{`c.build({program: "x +", values: {x: 1}})`, "1:4"},
		{`c.build({program: "x", values: {x: "y"}})`, "not a constant"},
		{`c.table(123456, "markdown")`, "no program with handle"},
		{`c.table("one", "markdown")`, "argument 1 must be a number"},
		{`c.layout(advizPage.handle, {theme: "neon"})`, "theme"},
		{`c.finiteDiff(advizPage.handle, {h: -1})`, "positive"},
		{`c.call("exit")`, "no such function"},
		{`c.call("nonsense")`, "no such function"},
	}
	for _, c := range calls {
		got := eval[string](t, b, `(async () => { const c = advizPage.client; const r = await `+c.call+`;
			return r.ok ? "ok" : (r.error.line ? r.error.line + ":" + r.error.col + ": " : "") + r.error.message; })()`)
		if got == "ok" || !strings.Contains(got, c.want) {
			t.Errorf("%s = %q, want an error with %q", c.call, got, c.want)
		}
	}
	// Still alive.
	got := eval[string](t, b, `(async () => { const r = await advizPage.client.build({program: "x*y", values: {x: 3, y: 4}, mode: "reverse"});
		return r.ok ? r.value.nodes.map(n => n.adjoint).join(",") : r.error.message; })()`)
	if got != "4,3,1" {
		t.Errorf("after the errors, build gives %q, want adjoints 4,3,1", got)
	}
}

// Once loaded, the page needs no network: a new program is built, laid
// out and explained without a single request to the server (or anywhere).
func TestNoRequestsAfterLoad(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "last"))
	b.waitFor(t, `document.querySelector("#fd-plot svg") !== null`)
	before := requests.Load()
	b.do(t, setInput("#program", "tanh(w*x + b)"))
	b.waitFor(t, `document.querySelectorAll("#inputs input").length === 3`)
	b.do(t, key(kb.End))
	b.waitFor(t, `document.querySelector("#graph text[id='a_v3_adjoint']")?.textContent.trim() === "1"`)
	b.do(t, chromedp.Click(chromedp.CSS(`#gallery-button`)), chromedp.Click(chromedp.CSS(`#gallery li:nth-child(2) button`)))
	b.waitFor(t, `document.querySelector("#program").value.startsWith("(1 - x)^2") && document.querySelector("#graph svg [id='v1']") !== null`)
	b.do(t, chromedp.Click(chromedp.ID("help-button")))
	b.waitFor(t, `document.querySelector("#help").open`)
	if n := requests.Load() - before; n != 0 {
		t.Errorf("the page made %d requests after it had loaded", n)
	}
}

// Text from the user reaches the page as text: markup in the program or in
// a value creates no element.
func TestEscaping(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	b.do(t, setInput("#program", `<img src=x onerror="document.title='pwned'">`))
	b.waitFor(t, `!document.querySelector("#program-error").hidden`)
	b.do(t, setInput("#program", `x + 1`))
	b.waitFor(t, `document.querySelector("#program-error").hidden`)
	b.do(t, setInput(`[data-input="x"]`, `<b>1</b>`))
	b.waitFor(t, `document.querySelector('[data-input="x"]').getAttribute("aria-invalid") === "true"`)
	if n := eval[int](t, b, `document.querySelectorAll("main img, main b, #program-error *:not(span)").length`); n != 0 {
		t.Errorf("user text made %d elements", n)
	}
	if title := eval[string](t, b, `document.title`); title == "pwned" {
		t.Error("a handler in the program ran")
	}
	msg := eval[string](t, b, `document.getElementById(document.querySelector('[data-input="x"]').getAttribute("aria-describedby")).textContent`)
	if !strings.Contains(msg, "<b>1</b>") {
		t.Errorf("the input's error %q does not show the value as typed", msg)
	}
}

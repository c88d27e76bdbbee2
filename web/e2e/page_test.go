package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const baydin = "ln(x1) + x1*x2 - sin(x2)"

// pageURL is the page's URL for a state, in the API's vocabulary (at as
// x1:2,x2:5).
func pageURL(program, at, mode, step string) string {
	q := url.Values{"p": {program}, "at": {at}, "mode": {mode}}
	if step != "" {
		q.Set("step", step)
	}
	return "/?" + q.Encode()
}

// The Baydin example in reverse mode: at the end of the sweep the graph and
// the table show v̄-1 = 5.5 and v̄0 = 1.716.
func TestBaydinReverse(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "0"))
	if got := eval[string](t, b, field("v-1", "adjoint")); got != "·" {
		t.Errorf("v̄-1 at step 0 is %q, want the empty placeholder", got)
	}
	b.do(t, chromedp.Click(chromedp.CSS(`#player [data-act="last"]`)))
	b.waitFor(t, counter+` === "16 / 16"`)
	for node, want := range map[string]string{"v-1": "5.5", "v0": "1.716", "v5": "1"} {
		if got := eval[string](t, b, field(node, "adjoint")); got != want {
			t.Errorf("graph: adjoint of %s is %q, want %q", node, got, want)
		}
	}
	if got := eval[string](t, b, field("v-1", "tangent")); got != "·" {
		t.Errorf("reverse mode shows a tangent on v-1: %q", got)
	}
	table := eval[string](t, b, tableText)
	for _, want := range []string{"x̄1 = v̄-1 = 5.5", "x̄2 = v̄0 = 1.716", "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	// The current row is the last step's, and the step card explains it.
	if got := eval[string](t, b, `document.querySelector("#trace td.is-current").innerText`); got != "v̄-1 = v̄-1 + v̄1·∂v1/∂v-1 = 5 + 1·0.5 = 5.5" {
		t.Errorf("current row %q", got)
	}
	if got := eval[string](t, b, `document.querySelector("#step-card .plain").innerText`); !strings.Contains(got, "= 5.5") {
		t.Errorf("step card %q", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#step-card math mfrac, #step-card math mover").length`); n == 0 {
		t.Error("the step card has no MathML formula")
	}
	b.screenshot(t, "baydin-reverse-last", true)
}

// Forward mode along ẋ = e1 gives ẏ = 5.5.
func TestBaydinForward(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "forward", "last"))
	if got := eval[string](t, b, field("v5", "tangent")); got != "5.5" {
		t.Errorf("graph: ẏ = v̇5 is %q, want 5.5", got)
	}
	if got := eval[string](t, b, field("v5", "value")); got != "11.65" {
		t.Errorf("graph: y = v5 is %q, want 11.65", got)
	}
	if table := eval[string](t, b, tableText); !strings.Contains(table, "ẏ = v̇5 = 5.5") {
		t.Errorf("the table lacks ẏ = v̇5 = 5.5:\n%s", table)
	}
	if dual := eval[string](t, b, `document.querySelector("#dual").innerText`); !strings.Contains(dual, "11.65 + 5.5ε") {
		t.Errorf("the dual numbers lack 11.65 + 5.5ε:\n%s", dual)
	}
	b.do(t, key(kb.Home), key(kb.ArrowRight), key(kb.ArrowRight), key(kb.ArrowRight), key(kb.ArrowRight))
	b.waitFor(t, counter+` === "4 / 7"`)
	if got := eval[string](t, b, `document.querySelector("#step-card .plain").innerText`); got != "v2 = v-1 × v0 = 2 × 5 = 10; v̇2 = v̇-1·v0 + v-1·v̇0 = 1·5 + 2·0 = 5" && !strings.HasPrefix(got, "v2 = v-1 × v0 = 2 × 5 = 10; v̇2 = ") {
		t.Errorf("step 4 card %q", got)
	}
	b.screenshot(t, "baydin-forward-step4", true)
	// Switching to reverse mode in the page keeps the layout and computes
	// the adjoints.
	b.do(t, chromedp.Click(chromedp.CSS(`input[name=mode][value=reverse]`)))
	b.waitFor(t, `document.querySelector("#trace table.reverse") !== null`)
	b.do(t, key(kb.End))
	b.waitFor(t, field("v-1", "adjoint")+` === "5.5"`)
}

// An invalid program shows its error at the right column; the page keeps
// working when the program is fixed.
func TestInvalidProgram(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "last"))
	setProgram := func(src string) {
		b.do(t, setInput("#program", src))
	}
	setProgram("ln(x1) + x1*x2 - sin(x2))")
	b.waitFor(t, `!document.querySelector("#program-error").hidden && document.querySelector(".err-mark") !== null`)
	msg := eval[string](t, b, `document.querySelector("#program-error").innerText`)
	if !strings.HasPrefix(msg, "1:25: ") {
		t.Errorf("error message %q, want it at 1:25", msg)
	}
	// The marker is on the 25th character, the stray ")".
	before := eval[string](t, b, `document.querySelector(".editor-mirror").firstChild.textContent`)
	mark := eval[string](t, b, `document.querySelector(".err-mark").textContent`)
	if len([]rune(before)) != 24 || mark != ")" {
		t.Errorf("marker on %q after %d characters, want \")\" after 24", mark, len([]rune(before)))
	}
	if got := eval[string](t, b, `document.querySelector("#program").getAttribute("aria-invalid")`); got != "true" {
		t.Errorf("aria-invalid = %q", got)
	}
	b.screenshot(t, "invalid-program", false)

	// A second line, with a multi-byte name before the error.
	setProgram("θ = x1*x2\nθ + * ln(x1)")
	b.waitFor(t, `document.querySelector("#program-error").innerText.startsWith("2:5: ")`)
	if got := eval[string](t, b, `document.querySelector(".err-mark").textContent`); got != "*" {
		t.Errorf("marker on %q, want *", got)
	}

	// Fixed: the graph comes back with the new program.
	setProgram("x1*x2 + sin(x1)")
	b.waitFor(t, `document.querySelector("#program-error").hidden && document.querySelector(".err-mark") === null`)
	b.do(t, key(kb.End))
	b.waitFor(t, field("v-1", "adjoint")+` === "4.584"`) // x2 + cos(x1) at (2, 5)
	if got := eval[string](t, b, field("v0", "adjoint")); got != "2" {
		t.Errorf("v̄0 = %q after fixing the program, want 2", got)
	}
}

// A custom seed of an output that the edited program no longer has is
// dropped (the module says which seed entry is stale): the page goes back
// to the default seed instead of showing an error.
func TestStaleSeed(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL("y = 3*x", "x:1", "reverse", "last")+"&seed=y:2")
	b.waitFor(t, field("v0", "adjoint")+` === "6"`) // ȳ = 2
	b.do(t, setInput("#program", "z = 4*x"))
	b.waitFor(t, field("v0", "adjoint")+` === "4"`) // the default seed z̄ = 1
	if !eval[bool](t, b, `document.querySelector("#program-error").hidden`) {
		t.Error("an error is shown for the stale seed")
	}
	b.waitFor(t, `location.search.includes("p=z") && !location.search.includes("seed=")`) // the permalink follows
}

// A bad input value is reported at its field; the program stays valid.
func TestBadInputValue(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "last"))
	b.do(t, setInput(`[data-input="x2"]`, "5 +"))
	b.waitFor(t, `document.querySelector('[data-input="x2"]').getAttribute("aria-invalid") === "true"`)
	if msg := eval[string](t, b, `document.getElementById(document.querySelector('[data-input="x2"]').getAttribute("aria-describedby")).textContent`); !strings.Contains(msg, "x2") {
		t.Errorf("input error %q", msg)
	}
	b.do(t, setInput(`[data-input="x2"]`, "pi/2"))
	// ∂f/∂x1 = 1/x1 + x2 = 0.5 + pi/2
	b.waitFor(t, field("v-1", "adjoint")+` === "2.071"`)
}

// The URL keeps the whole state: a reload shows the same step of the same
// sweep.
func TestPermalink(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL("y1 = x1*x2 + sin(x1)\ny2 = exp(x1) - x2^2", "x1:1,x2:2", "forward", "0"))
	b.do(t, chromedp.Click(chromedp.CSS(`input[name=mode][value=reverse]`)))
	b.waitFor(t, `document.querySelector("#trace table.reverse") !== null`)
	b.do(t, setInput(`[data-seed="y2"]`, "3"))
	b.waitFor(t, `location.search.includes("seed=")`)
	b.do(t, js(`document.activeElement.blur()`))
	for i := 0; i < 9; i++ {
		b.do(t, key(kb.ArrowRight))
	}
	b.waitFor(t, counter+`.startsWith("9 / ")`)
	b.waitFor(t, `location.search.includes("step=9")`)
	link := eval[string](t, b, `location.href`)
	before := snapshot(t, b)
	b.do(t, chromedp.Navigate(link), waitReady())
	after := snapshot(t, b)
	if before != after {
		t.Errorf("after reload\n%s\nwant\n%s", after, before)
	}
	if !strings.Contains(link, "mode=reverse") || !strings.Contains(link, "y2:3") || !strings.Contains(link, "?p=") {
		t.Errorf("permalink %s lacks the mode or the seed", link)
	}
}

// snapshot is what a user sees of the state: the counter, the mode, the
// current row and the numbers of the graph.
func snapshot(t *testing.T, b *browser) string {
	return eval[string](t, b, `[
		document.querySelector("#player .counter").value,
		document.querySelector("input[name=mode]:checked").value,
		document.querySelector("#trace td.is-current")?.innerText,
		[...document.querySelectorAll("#seed-fields input")].map(i => i.value).join(","),
		[...document.querySelectorAll("#graph text.field")].map(t => t.textContent).join("|"),
	].join("\n")`)
}

// Keyboard: arrows step, Home and End jump, space plays.
func TestKeyboard(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "0"))
	b.do(t, key(kb.ArrowRight), key(kb.ArrowRight), key(kb.ArrowRight))
	b.waitFor(t, counter+` === "3 / 16"`)
	if got := eval[string](t, b, field("v1", "value")); got != "0.6931" {
		t.Errorf("after 3 steps v1 = %q, want 0.6931", got)
	}
	b.do(t, key(kb.ArrowLeft))
	b.waitFor(t, counter+` === "2 / 16"`)
	if got := eval[string](t, b, field("v1", "value")); got != "·" {
		t.Errorf("back at step 2, v1 = %q, want the placeholder", got)
	}
	b.do(t, key(kb.End))
	b.waitFor(t, counter+` === "16 / 16"`)
	b.do(t, key(kb.Home))
	b.waitFor(t, counter+` === "0 / 16"`)
	b.do(t, key(" "))
	b.waitFor(t, `document.querySelector("#player").classList.contains("playing")`)
	b.waitFor(t, counter+` !== "0 / 16"`)
	b.do(t, key(" "))
	b.waitFor(t, `!document.querySelector("#player").classList.contains("playing")`)
	if y := eval[float64](t, b, `scrollY`); y > 0 {
		t.Errorf("the keys scrolled the page to %v", y)
	}
	// Clicking a node goes to its step; so does a row of the table.
	b.do(t, js(`document.querySelector('#graph g.node[id="v3"]').dispatchEvent(new MouseEvent("click", {bubbles: true}))`))
	b.waitFor(t, `document.querySelector('#graph g.node[id="v3"]').classList.contains("current")`)
	b.do(t, chromedp.Click(chromedp.CSS(`#trace td[data-step="7"]`)))
	b.waitFor(t, counter+` === "7 / 16"`)
	// The shortcuts are listed on the page.
	if txt := eval[string](t, b, `document.querySelector(".shortcuts").innerText`); !strings.Contains(txt, "Space") || !strings.Contains(txt, "Home") {
		t.Errorf("shortcuts %q", txt)
	}
}

// The embed view works inside an iframe of another page.
func TestEmbedInIframe(t *testing.T) {
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(baseURL+"/e2e-host.html"))
	frame := `document.querySelector("#viz").contentDocument`
	b.waitFor(t, frame+`?.documentElement?.dataset?.ready === "true"`)
	for node, want := range map[string]string{"v-1": "5.5", "v0": "1.716"} {
		got := eval[string](t, b, strings.Replace(field(node, "adjoint"), "document.", frame+".", 1))
		if got != want {
			t.Errorf("embed: adjoint of %s is %q, want %q", node, got, want)
		}
	}
	if n := eval[int](t, b, frame+`.querySelectorAll("#program, .top, #cost").length`); n != 0 {
		t.Errorf("the embed view shows %d pieces of the full page's chrome", n)
	}
	link := eval[string](t, b, frame+`.querySelector("a.open").href`)
	if !strings.Contains(link, "/?p=") || !strings.Contains(link, "at=x1:2,x2:5") || !strings.Contains(link, "mode=reverse") {
		t.Errorf("link back to the full page: %q", link)
	}
	// Keyboard inside the frame.
	b.do(t, js(frame+`.querySelector("#player [data-act=first]").focus()`), key(kb.Home), key(kb.ArrowRight))
	b.waitFor(t, frame+`.querySelector("#player .counter").value === "1 / 16"`)
	b.screenshot(t, "embed-in-iframe", false)
}

// Every example of the gallery builds, lays out and runs to its end
// without an error.
func TestGallery(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/")
	n := eval[int](t, b, `document.querySelectorAll("#gallery button").length`)
	if n < 5 {
		t.Fatalf("%d examples in the gallery, want at least 5", n)
	}
	for i := 0; i < n; i++ {
		title := eval[string](t, b, fmt.Sprintf(`document.querySelectorAll("#gallery .ex-title")[%d].textContent`, i))
		b.do(t, chromedp.Click(chromedp.ID("gallery-button")),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`#gallery li:nth-child(%d) button`, i+1))))
		b.waitFor(t, `document.querySelector("#player .counter").value === "0 / " + document.querySelector("#player .scrubber").max && document.querySelector("#graph svg") !== null`)
		b.do(t, key(kb.End))
		b.waitFor(t, `document.querySelector("#player .counter").value.split(" / ")[0] === document.querySelector("#player .scrubber").max`)
		if msg := eval[string](t, b, `document.querySelector("#program-error").hidden ? "" : document.querySelector("#program-error").innerText`); msg != "" && !strings.HasPrefix(msg, "⚠") {
			t.Errorf("example %q: %s", title, msg)
		}
		if empty := eval[int](t, b, `[...document.querySelectorAll("#graph text.field.value.empty")].length`); empty != 0 {
			t.Errorf("example %q: %d values not computed at the end", title, empty)
		}
	}
	b.screenshot(t, "gallery-last", true)
}

// The display options: edge labels with the local partials, more digits,
// inputs on top; each is a new layout, and the state is kept.
func TestDisplayOptions(t *testing.T) {
	b := newBrowser(t)
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "last"))
	b.do(t, js(`document.querySelector("details.options").open = true`),
		chromedp.Click(chromedp.ID("edge-labels")))
	b.waitFor(t, `[...document.querySelectorAll("#graph .edge text")].some(t => t.textContent === "∂v1/∂v-1 = 0.5")`)
	b.do(t, js(`(() => { const s = document.querySelector("#digits"); s.value = "8"; s.dispatchEvent(new Event("change")); })()`))
	b.waitFor(t, field("v0", "adjoint")+` === "1.7163378"`)
	b.do(t, js(`(() => { const s = document.querySelector("#rankdir"); s.value = "TB"; s.dispatchEvent(new Event("change")); })()`))
	b.waitFor(t, `location.search.includes("rankdir=TB") && location.search.includes("digits=8") && location.search.includes("edge-labels=1")`)
	// Inputs on top: v-1 is above v5.
	if above := eval[bool](t, b, `document.querySelector('#graph g.node[id="v-1"]').getBoundingClientRect().bottom < document.querySelector('#graph g.node[id="v5"]').getBoundingClientRect().top`); !above {
		t.Error("with inputs on top, v-1 is not above v5")
	}
	if got := eval[string](t, b, counter); got != "16 / 16" {
		t.Errorf("the step changed to %s", got)
	}
	b.screenshot(t, "options-tb-labels", false)
}

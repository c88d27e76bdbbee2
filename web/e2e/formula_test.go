package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// The step card writes the formulas of the newer rows (floor, ceil, cbrt,
// comparisons) in MathML: every LaTeX command they use is one the page's
// MathML knows, so none comes out as its bare name in an <mtext>, and
// cbrt is a root of index 3.
func TestNewRowsInMathML(t *testing.T) {
	b := newBrowser(t)
	const program = "floor(x) + ceil(x) + cbrt(x) + (x != 1) + (x <= 2)"
	b.open(t, pageURL(program, "x:2.5", "forward", "0"))
	b.waitFor(t, counter+` === "0 / 10"`)
	var seen []string
	roots := 0
	for s := 1; s <= 10; s++ {
		b.do(t, key(kb.ArrowRight))
		b.waitFor(t, fmt.Sprintf(`%s === "%d / 10"`, counter, s))
		seen = append(seen, eval[string](t, b, `document.querySelector("#step-card .formula").textContent`))
		if bare := eval[[]string](t, b, `[...document.querySelectorAll("#step-card math mtext")].map(e => e.textContent)`); len(bare) > 0 {
			t.Errorf("step %d: MathML with unknown commands %q (%s)", s, bare, eval[string](t, b, `document.querySelector("#step-card .plain").innerText`))
		}
		roots += eval[int](t, b, `document.querySelectorAll("#step-card math mroot").length`)
		if s == 4 {
			b.screenshot(t, "new-rows-mathml-cbrt", false)
		}
	}
	all := strings.Join(seen, "\n")
	for _, want := range []string{"⌊", "⌋", "⌈", "⌉", "≠", "≤"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step card writes %s:\n%s", want, all)
		}
	}
	if roots == 0 {
		t.Errorf("no step card writes cbrt as a root of index 3:\n%s", all)
	}
}

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/adviz/adviz/web/e2e/examples"
)

// The graph is drawn as a stack of SVG tiles (graph.js), and the page
// applies the module's frames to it: at every step checked, forwards and
// back, every node's class and every field's text and class are what the
// module's state() says for that step.
func TestGraphMatchesModuleState(t *testing.T) {
	b := newBrowser(t)
	prog, at := examples.MLP(4, 5, 5) // 113 nodes
	b.open(t, "/?"+url.Values{"p": {prog}, "at": {at}, "mode": {"reverse"}, "step": {"0"}}.Encode())
	if n := eval[int](t, b, `document.querySelectorAll("#graph svg.tile").length`); n < 3 {
		t.Errorf("%d tiles for 113 nodes, want several", n)
	}
	S := eval[int](t, b, `Number(document.querySelector("#player .scrubber").max)`)
	check := func(step int) {
		t.Helper()
		got := eval[string](t, b, fmt.Sprintf(`(async () => {
			const v = advizPage, st = await v.client.state(v.handle, %d, v.options);
			if (!st.ok) return st.error.message;
			const bad = [];
			for (const n of st.value.nodes) {
				const g = document.querySelector('#graph g.node[id="' + n.id + '"]');
				if (!g || g.getAttribute("class") !== n.class) bad.push(n.id + " class " + (g && g.getAttribute("class")) + " want " + n.class);
				for (const f of [n.value, n.tangent, n.adjoint, n.mark]) {
					const el = document.querySelector('#graph text[id="' + f.id + '"]');
					if (!el || el.textContent !== f.text || el.getAttribute("class") !== f.class) bad.push(f.id + " " + (el && el.textContent) + " want " + f.text);
				}
			}
			for (const e of st.value.edges) {
				const g = document.querySelector('#graph g.edge[id="' + e.id + '"]');
				if (!g || g.getAttribute("class") !== e.class) bad.push(e.id + " class " + (g && g.getAttribute("class")) + " want " + e.class);
			}
			return bad.slice(0, 5).join("; ");
		})()`, step))
		if got != "" {
			t.Errorf("step %d: the graph differs from the module's state: %s", step, got)
		}
	}
	seek := func(s int) {
		t.Helper()
		b.do(t, js(fmt.Sprintf(`advizPage.player.go(%d)`, s)))
		b.waitFor(t, fmt.Sprintf(`%s === "%d / %d"`, counter, s, S))
	}
	check(0)
	for _, s := range []int{1, 37, S / 2, S - 1, S, 40, 2} {
		seek(s)
		check(s)
	}
	// The page's own tips: an edge tells its local partial, a node its
	// numbers (Graphviz's tooltip anchors are gone from the page's SVG).
	tip := func(sel string) string {
		return eval[string](t, b, fmt.Sprintf(`(() => {
			document.querySelector(%q).dispatchEvent(new PointerEvent("pointerover", {bubbles: true}));
			const tip = document.querySelector("#node-tip");
			return tip.hidden ? "(hidden)" : tip.innerText;
		})()`, sel))
	}
	if got := tip(`#graph g.edge path`); !strings.HasPrefix(got, "∂v") {
		t.Errorf("edge tip %q", got)
	}
	if got := tip(`#graph g.node[id="v1"] polygon`); !strings.Contains(got, "value") {
		t.Errorf("node tip %q", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#graph a, #graph title").length`); n != 0 {
		t.Errorf("%d anchors or titles left in the graph", n)
	}
}

// A graph too large to lay out in reasonable time is not drawn: the
// graph panel says so and why, and the trace, the step card, the player,
// the cost and the finite differences work as usual. A small program
// afterwards is drawn again.
func TestGraphTooLargeToDraw(t *testing.T) {
	b := newBrowser(t)
	// The input feeds 150 chained statements: every statement's edge from
	// x crosses more ranks than the last.
	var p strings.Builder
	p.WriteString("a1 = 1.01*x + 1\n")
	for i := 2; i <= 150; i++ {
		fmt.Fprintf(&p, "a%d = 0.5*a%d + x\n", i, i-1)
	}
	p.WriteString("y = a150")
	b.open(t, "/?"+url.Values{"p": {p.String()}, "at": {"x:2"}, "mode": {"reverse"}, "step": {"0"}}.Encode())
	msg := eval[string](t, b, `document.querySelector("#graph .graph-status")?.innerText ?? ""`)
	if !strings.HasPrefix(msg, "This graph is not drawn.") || !strings.Contains(msg, "too large") || strings.Contains(msg, "null") {
		t.Errorf("graph panel %q, want that the graph is too large to draw", msg)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#graph svg").length`); n != 0 {
		t.Errorf("%d SVGs in the graph panel", n)
	}
	if role := eval[string](t, b, `document.querySelector("#graph .graph-status").getAttribute("role")`); role != "alert" {
		t.Errorf("the message has role %q, want alert", role)
	}
	b.screenshot(t, "graph-too-large", false)
	// Everything else works: the table, stepping, the step card, the cost.
	S := eval[int](t, b, `Number(document.querySelector("#player .scrubber").max)`)
	if S < 300 {
		t.Fatalf("the sweep has %d steps", S)
	}
	b.do(t, key(kb.End))
	b.waitFor(t, fmt.Sprintf(`%s === "%d / %d"`, counter, S, S))
	if cur := eval[string](t, b, `document.querySelector("#trace td.is-current")?.innerText ?? ""`); !strings.HasPrefix(cur, "v̄0 = ") {
		t.Errorf("the current row at the end is %q", cur)
	}
	if card := eval[string](t, b, `document.querySelector("#step-card .plain").innerText`); !strings.HasPrefix(card, "v̄0 = ") {
		t.Errorf("step card %q", card)
	}
	b.waitFor(t, `document.querySelector("#cost").innerText.includes("sweeps") && document.querySelector("#fd-plot svg") !== null`)
	// A small program: drawn again.
	b.do(t, setInput("#program", "x*x + 1"))
	b.waitFor(t, `document.querySelector("#graph svg.tile") !== null && document.querySelector("#graph .graph-status") === null`)
	b.do(t, key(kb.End))
	b.waitFor(t, field("v0", "adjoint")+` === "4"`) // x is v0, the only input
}

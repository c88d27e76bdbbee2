package graphviz

import (
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// hostile are strings that break DOT, HTML-like labels or SVG when not
// escaped.
var hostile = []string{
	`a"b`,
	`"]; evil [label="pwned`,
	`<script>alert(1)</script>`,
	`&amp; & &#x41; &lt`,
	`{x}|<p>\l\N\G\E\T\H\L`,
	"line1\nline2\r\ttab",
	`back\slash\\ \" end\`,
	`]]> <!-- --> <![CDATA[`,
	"nul\x00bell\x07del\x7f",
	"bad utf8 \xff\xfe end",
	`>>>]]]}}}`,
}

// hostileTrace builds a graph by hand, as ad would never: an input, an
// operation with a constant argument, assigned names and an output, all
// named with hostile strings, and a diagnostic with a hostile message.
func hostileTrace(t testing.TB, s string) *ad.Trace {
	t.Helper()
	g := &ad.Graph{
		Src: s,
		Nodes: []ad.Node{
			{ID: 0, Op: ad.OpInput, Name: s, Level: 0, Consumers: []int{1}},
			{ID: 1, Op: ad.OpMul, Args: []ad.Arg{{Node: 0}, {Node: -1, Value: 2, Text: s}}, Name: s + "1",
				Names: []string{s + "1", s + "2"}, Level: 1, Consumers: []int{2}},
			{ID: 2, Op: ad.OpSin, Args: []ad.Arg{{Node: 1}}, Level: 2},
		},
		Inputs:  []ad.Input{{Name: s, Node: 0}},
		Outputs: []ad.Output{{Name: s + "out", Node: 2}},
	}
	tr := g.Trace([]float64{3}, ad.Reverse, nil)
	tr.Diagnostics = append(tr.Diagnostics, ad.Diagnostic{Node: 1, Kind: "domain", Severity: "error", Msg: "msg " + s})
	return tr
}

// TestDOTEscaping checks the DOT itself: however hostile the names, the
// DOT has exactly the statements it should, and every quoted string and
// HTML label is closed where it should be.
func TestDOTEscaping(t *testing.T) {
	for _, s := range hostile {
		tr := hostileTrace(t, s)
		for _, step := range []int{0, 2, LastStep(tr)} {
			for _, opt := range []Options{{}, {EdgeLabels: true, Legend: true, Caption: true}} {
				dot := DOT(tr, step, opt)
				stmts := dotStatements(t, dot)
				var nodes, edges int
				for _, st := range stmts {
					switch {
					case strings.Contains(st, " -> "):
						edges++
					case strings.HasPrefix(st, `"v`):
						nodes++
					}
				}
				if nodes != 3 || edges != 2 {
					t.Errorf("%q step %d: %d nodes and %d edges, want 3 and 2:\n%s", s, step, nodes, edges, dot)
				}
				if strings.Contains(dot, "\x00") || strings.Contains(dot, "\xff") {
					t.Errorf("%q: control or invalid bytes in the DOT", s)
				}
			}
		}
	}
}

// dotStatements splits DOT into its top-level statements, honouring
// quoted strings (with backslash escapes) and <...> HTML strings, and
// fails on anything left open.
func dotStatements(t *testing.T, dot string) []string {
	t.Helper()
	var stmts []string
	var cur strings.Builder
	depth := 0 // { }
	html := 0  // < > nesting inside an HTML string
	quoted := false
	bracket := 0
	for i := 0; i < len(dot); i++ {
		c := dot[i]
		cur.WriteByte(c)
		switch {
		case quoted:
			if c == '\\' && i+1 < len(dot) {
				i++
				cur.WriteByte(dot[i])
			} else if c == '"' {
				quoted = false
			}
		case html > 0:
			if c == '<' {
				html++
			} else if c == '>' {
				html--
			}
		case c == '"':
			quoted = true
		case c == '<':
			html = 1
		case c == '[':
			bracket++
		case c == ']':
			bracket--
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '\n' && depth == 1 && bracket == 0:
			stmts = append(stmts, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if quoted || html != 0 || depth != 0 || bracket != 0 {
		t.Fatalf("unbalanced DOT (quoted %v, html %d, braces %d, brackets %d):\n%s", quoted, html, depth, bracket, dot)
	}
	return stmts
}

func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a<b>&"c'`, `a&lt;b&gt;&amp;&quot;c&#39;`},
		{"x\ny", "x&#10;y"},
		{"nul\x00\x07", "nul  "},
		{"bad\xffend", "bad\uFFFDend"},
		{"v̄0 = 1.716", "v̄0 = 1.716"},
	} {
		if got := xmlText(tc.in); got != tc.want {
			t.Errorf("xmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{`a"b`, `"a\"b"`},
		{`\N`, "\"\u29f5N\""},
		{`a&b`, `"a&amp;b"`},
		{"x\ny", `"x\ny"`},
	} {
		if got := dotString(tc.in); got != tc.want {
			t.Errorf("dotString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := xmlUnescape("v&#45;1 &amp; &lt;&#x41;&#160;&bogus;"); got != "v-1 & <A\u00a0&bogus;" {
		t.Errorf("xmlUnescape: %q", got)
	}
}

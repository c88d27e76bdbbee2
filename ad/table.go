package ad

import (
	"fmt"

	"strings"
	"unicode"
)

// TableFormats are the formats of Trace.Table.
var TableFormats = []string{"table", "markdown", "latex", "html"}

// cell is one entry of a trace table and the step it shows (-1 for none).
type cell struct {
	text string
	step int
}

// columns returns the headers and the two columns of Baydin's tables: the
// primal trace, and the tangent trace (forward mode) or the adjoint trace
// (reverse mode). Primal mode has one column.
func (t *Trace) columns(s style) (head []string, left, right []cell) {
	g := t.Graph
	for k, st := range t.Steps {
		switch st.Phase {
		case PhasePrimal:
			left = append(left, cell{s.primal(t, st.Node), k})
		case PhaseForward:
			left = append(left, cell{s.primal(t, st.Node), k})
			right = append(right, cell{s.tangentText(t, st.Node), k})
		case PhaseAdjoint:
			right = append(right, cell{s.adjointText(t, st), k})
		}
	}
	eq := func(a, b string, x float64) string { return a + " = " + b + " = " + s.num(x, false) }
	for _, o := range g.Outputs {
		left = append(left, cell{eq(s.name(o.Name, ""), s.node(o.Node), t.Value[o.Node]), -1})
		if t.Mode == Forward {
			right = append(right, cell{eq(s.name(o.Name, dotAbove), s.tangent(o.Node), t.Tangent[o.Node]), -1})
		}
	}
	if t.Mode == Reverse {
		for _, in := range g.Inputs {
			right = append(right, cell{eq(s.name(in.Name, macron), s.adjoint(in.Node), t.Adjoint[in.Node]), -1})
		}
	}
	switch t.Mode {
	case Forward:
		head = []string{"Forward primal trace", "Forward tangent (derivative) trace"}
	case Reverse:
		head = []string{"Forward primal trace", "Reverse adjoint (derivative) trace"}
	default:
		head = []string{"Primal trace"}
	}
	return head, left, right
}

// Table writes the trace as Baydin et al.'s two-column table: "table"
// (aligned plain text), "markdown", "latex" (a tabular; needs amsmath) or
// "html" (a <table> whose cells carry data-step attributes).
func (t *Trace) Table(format string, digits int) (string, error) {
	s := style{digits: digits, g: t.Graph, latex: format == "latex"}
	head, left, right := t.columns(s)
	rows := max(len(left), len(right))
	at := func(c []cell, i int) cell {
		if i < len(c) {
			return c[i]
		}
		return cell{step: -1}
	}
	ncol := len(head)
	var b strings.Builder
	switch format {
	case "table":
		w := textWidth(head[0])
		for _, c := range left {
			w = max(w, textWidth(c.text))
		}
		line := func(l, r string) {
			if ncol == 1 {
				b.WriteString(l + "\n")
				return
			}
			b.WriteString(l + strings.Repeat(" ", w-textWidth(l)) + " | " + r)
			b.WriteString("\n")
		}
		rw := 0
		if ncol > 1 {
			line(head[0], head[1])
			rw = textWidth(head[1])
			for _, c := range right {
				rw = max(rw, textWidth(c.text))
			}
		}
		if ncol == 1 {
			line(head[0], "")
			b.WriteString(strings.Repeat("-", w) + "\n")
		} else {
			b.WriteString(strings.Repeat("-", w) + "-+-" + strings.Repeat("-", rw) + "\n")
		}
		for i := 0; i < rows; i++ {
			line(at(left, i).text, at(right, i).text)
		}
		return strings.TrimRight(strings.ReplaceAll(b.String(), " \n", "\n"), " "), nil
	case "markdown":
		b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
		b.WriteString(strings.Repeat(" --- |", ncol) + "\n")
		for i := 0; i < rows; i++ {
			b.WriteString("| " + mdEscape(at(left, i).text))
			if ncol > 1 {
				b.WriteString(" | " + mdEscape(at(right, i).text))
			}
			b.WriteString(" |\n")
		}
		return b.String(), nil
	case "latex":
		b.WriteString(`\begin{tabular}{` + strings.TrimSuffix(strings.Repeat("l|", ncol), "|") + "}\n\\hline\n")
		b.WriteString(strings.Join(head, " & ") + ` \\` + "\n\\hline\n")
		math := func(c cell) string {
			if c.text == "" {
				return ""
			}
			return "$" + c.text + "$"
		}
		for i := 0; i < rows; i++ {
			b.WriteString(math(at(left, i)))
			if ncol > 1 {
				b.WriteString(" & " + math(at(right, i)))
			}
			b.WriteString(` \\` + "\n")
		}
		b.WriteString("\\hline\n\\end{tabular}\n")
		return b.String(), nil
	case "html":
		b.WriteString(`<table class="adviz-trace"><thead><tr>`)
		for _, h := range head {
			b.WriteString("<th>" + htmlEscape(h) + "</th>")
		}
		b.WriteString("</tr></thead><tbody>\n")
		td := func(c cell) string {
			if c.step < 0 {
				return "<td>" + htmlEscape(c.text) + "</td>"
			}
			return fmt.Sprintf(`<td data-step="%d">%s</td>`, c.step+1, htmlEscape(c.text))
		}
		for i := 0; i < rows; i++ {
			b.WriteString("<tr>" + td(at(left, i)))
			if ncol > 1 {
				b.WriteString(td(at(right, i)))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table>\n")
		return b.String(), nil
	}
	return "", fmt.Errorf("unknown table format %q: want table, markdown, latex or html", format)
}

// textWidth is the number of columns s takes in a terminal: combining
// marks take none.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			n++
		}
	}
	return n
}

func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// htmlEscape escapes text for HTML element content and attribute values
// (the html package would bring its whole entity table into WebAssembly
// builds).
var htmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace

// Cell is one entry of Baydin's table: its text, its LaTeX, and the step it
// shows (an index into Steps; -1 for the rows of results and for padding).
type Cell struct {
	Text  string
	LaTeX string
	Step  int
}

// Cells returns the header and the rows of Baydin's table (as Table writes
// it), each row with one cell per column, for a program that lays the
// table out itself.
func (t *Trace) Cells(digits int) (head []string, rows [][]Cell) {
	head, left, right := t.columns(style{digits: digits, g: t.Graph})
	_, lleft, lright := t.columns(style{digits: digits, g: t.Graph, latex: true})
	n := max(len(left), len(right))
	at := func(text, latex []cell, i int) Cell {
		if i < len(text) {
			return Cell{Text: text[i].text, LaTeX: latex[i].text, Step: text[i].step}
		}
		return Cell{Step: -1}
	}
	for i := 0; i < n; i++ {
		row := []Cell{at(left, lleft, i)}
		if len(head) > 1 {
			row = append(row, at(right, lright, i))
		}
		rows = append(rows, row)
	}
	return head, rows
}

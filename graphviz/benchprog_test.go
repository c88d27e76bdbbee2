package graphviz

import (
	"fmt"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// benchProgram returns a program of about n nodes shaped like the
// programs people differentiate: a sum of terms (as a loss sums over
// examples or a layer over units), each term a short chain of operations
// mixing the inputs and the previous values, values fanning out to several
// uses. Its depth grows slowly with n, as such programs' do.
func benchProgram(n int) (string, []string) {
	inputs := []string{"x1", "x2", "x3", "x4"}
	templates := []string{
		"sin({a}) * {b}",
		"{a} * {b} + cos({b})",
		"ln(1 + {a}^2) - {b}",
		"tanh({a} - {b}) * {a}",
		"exp(-{a}) + {b} / 2",
		"sqrt({a}^2 + 1) * {b}",
	}
	lines := []string{"s = x1 * x2 + x3 * x4"}
	terms := []string{"s"}
	nodes := len(inputs) + 3
	for t := 0; nodes < n; t++ {
		// A term: a chain of up to 6 statements.
		prev := inputs[t%len(inputs)]
		for i := 0; i < 6 && nodes < n; i++ {
			other := inputs[(t+i+1)%len(inputs)]
			if i >= 2 && i%2 == 0 {
				other = fmt.Sprintf("t%d_%d", t, i-2) // fan-out inside the term
			}
			tmpl := templates[(t*5+i*7)%len(templates)]
			name := fmt.Sprintf("t%d_%d", t, i)
			lines = append(lines, name+" = "+strings.NewReplacer("{a}", prev, "{b}", other).Replace(tmpl))
			prev = name
			nodes += strings.Count(tmpl, "(") + strings.Count(tmpl, "*") + strings.Count(tmpl, "+") +
				strings.Count(tmpl, "-") + strings.Count(tmpl, "/") + strings.Count(tmpl, "^")
		}
		terms = append(terms, prev)
		nodes++ // the sum
	}
	return strings.Join(lines, "\n") + "\n" + strings.Join(terms, " + "), inputs
}

var benchSizes = []int{10, 100, 1000}

// benchTrace is the reverse-mode trace of benchProgram(n).
func benchTrace(tb testing.TB, n int) *ad.Trace {
	src, inputs := benchProgram(n)
	g, err := ad.Build(src, inputs)
	if err != nil {
		tb.Fatal(err)
	}
	x := make([]float64, len(inputs))
	for i := range x {
		x[i] = 0.3 + 0.2*float64(i)
	}
	return g.Trace(x, ad.Reverse, nil)
}

var benchOptions = Options{Caption: true}

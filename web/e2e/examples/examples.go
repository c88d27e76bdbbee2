// Package examples makes the programs that the browser tests and
// scripts/bench-web.sh run in the page.
package examples

import (
	"fmt"
	"strings"
)

// MLP returns a small neural network with constant weights: inputs
// x1 ... xn, hidden layers of the given sizes (tanh), one output y; and
// the values of its inputs in the API's form (x1:0.1,...). MLP(4) has 11
// nodes, MLP(4, 5, 5) 113, MLP(4, 12, 12, 12, 12) 1035.
func MLP(n int, layers ...int) (program, at string) {
	var b strings.Builder
	var prev, xs []string
	for i := 1; i <= n; i++ {
		prev = append(prev, fmt.Sprintf("x%d", i))
		xs = append(xs, fmt.Sprintf("x%d:0.%d", i, i))
	}
	w := 0
	weight := func() string { w++; return fmt.Sprintf("%.1f", float64((w*37)%19-9)/10) }
	for l, size := range append(layers, 1) {
		var next []string
		for j := 0; j < size; j++ {
			name := fmt.Sprintf("h%d_%d", l+1, j+1)
			var terms []string
			for _, p := range prev {
				terms = append(terms, weight()+"*"+p)
			}
			if l == len(layers) {
				fmt.Fprintf(&b, "y = %s", strings.Join(terms, " + "))
			} else {
				fmt.Fprintf(&b, "%s = tanh(%s + %s)\n", name, strings.Join(terms, " + "), weight())
			}
			next = append(next, name)
		}
		prev = next
	}
	return b.String(), strings.Join(xs, ",")
}

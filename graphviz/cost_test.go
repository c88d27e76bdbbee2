package graphviz

import (
	"errors"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

func TestLayoutCost(t *testing.T) {
	for _, tc := range []struct {
		src         string
		inputs      []string
		nodes, cost int
	}{
		// v5 = v4 - v3 reads v3 (rank 1) from rank 3: one rank between.
		{"ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"}, 7, 8},
		{"x", []string{"x"}, 1, 1},
		{"3", nil, 1, 1},
		// The k-th product reads x from rank 0 at rank k: k-1 between.
		{"x" + strings.Repeat("*x", 100), []string{"x"}, 101, 101 + 99*100/2},
		// a + b*c + d*f: the products are on rank 1, the second sum on 3.
		{"a + b*c + d*f", []string{"a", "b", "c", "d", "f"}, 9, 9 + 1 + 1},
	} {
		g, err := ad.Build(tc.src, tc.inputs)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Nodes) != tc.nodes || LayoutCost(g) != tc.cost {
			t.Errorf("%.30q: %d nodes, cost %d; want %d, %d", tc.src, len(g.Nodes), LayoutCost(g), tc.nodes, tc.cost)
		}
		err = CheckLayoutCost(g, tc.cost)
		if err != nil {
			t.Errorf("%.30q at its own cost: %v", tc.src, err)
		}
		err = CheckLayoutCost(g, tc.cost-1)
		var tl *TooLargeError
		if !errors.As(err, &tl) || *tl != (TooLargeError{tc.nodes, tc.cost, tc.cost - 1}) {
			t.Errorf("%.30q over the limit: %#v", tc.src, err)
		}
	}
	g, _ := ad.Build("x"+strings.Repeat("*x", 100), []string{"x"})
	want := "the graph is too large to draw: 101 nodes, 5051 counting the ranks its edges cross (the limit is 4000)"
	if err := CheckLayoutCost(g, MaxLayoutCost); err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

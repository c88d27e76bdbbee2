package graphviz

import (
	"fmt"

	"github.com/adviz/adviz/ad"
)

// LayoutCost is what laying g out costs Graphviz, counted in the nodes its
// dot engine places: the graph's nodes plus, for every edge, one virtual
// node per rank the edge crosses (dot draws a long edge as a chain through
// every rank between its ends). Ranks are taken as ad.Node.Level, the
// longest path from the inputs; dot's ranking is at least as tight.
//
// Graphviz cannot be interrupted once it runs, and its time grows faster
// than linearly with this count, so a picture is refused before the call
// when its cost is over a limit (MaxLayoutCost, or a caller's own). The
// number of nodes alone does not bound the time: a long sum such as
// w1*x1 + ... + w12*x12 gives every product an edge across up to eleven
// ranks.
func LayoutCost(g *ad.Graph) int {
	n := len(g.Nodes)
	for _, node := range g.Nodes {
		for _, a := range node.Args {
			if !a.IsConst() {
				if span := node.Level - g.Nodes[a.Node].Level; span > 1 {
					n += span - 1
				}
			}
		}
	}
	return n
}

// MaxLayoutCost is the default limit of LayoutCost for a picture drawn
// while someone waits: the page lays out up to it in its worker.
// Measured natively with go-graphviz (the browser's Graphviz took about as
// long), expression-shaped programs took: cost 1,484 (402 nodes) 0.7 s;
// 3,106 (a 1,035-node neural network) 1.3 s; 4,431 (1,002 nodes) 3.6 s;
// 7,514 (1,502 nodes) 13 s; 11,063 (2,002 nodes) 48 s; random programs
// of cost near 5,000 took 22-51 s. Past the limit, Graphviz takes from
// many seconds to minutes.
const MaxLayoutCost = 4000

// TooLargeError says that a graph costs more to lay out than a limit.
type TooLargeError struct {
	Nodes int // the graph's nodes
	Cost  int // its LayoutCost
	Limit int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the graph is too large to draw: %d nodes, %d counting the ranks its edges cross (the limit is %d)",
		e.Nodes, e.Cost, e.Limit)
}

// CheckLayoutCost returns a *TooLargeError when LayoutCost(g) is over
// limit, else nil.
func CheckLayoutCost(g *ad.Graph, limit int) error {
	if c := LayoutCost(g); c > limit {
		return &TooLargeError{Nodes: len(g.Nodes), Cost: c, Limit: limit}
	}
	return nil
}

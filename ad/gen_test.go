package ad_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/adviz/adviz/ad"
)

// genProgram writes a random program over the inputs x1..xn in two
// syntaxes: ours, and a fully parenthesized one that
// github.com/Knetic/govaluate evaluates with the same meaning (its grammar
// differs: left-associative **, no scientific notation, no 2*-x). Functions
// are applied on arguments inside their domain so values stay finite.
// smooth leaves out abs, relu, max and min, whose kinks spoil finite
// differences.
type genProgram struct {
	src     string // our syntax
	gv      string // govaluate's syntax, for one-output programs
	inputs  []string
	outputs int
}

type generator struct {
	r      *rand.Rand
	smooth bool
	names  []string // names in scope: inputs and assigned names
}

// expr returns a random expression of at most depth levels in both syntaxes.
func (g *generator) expr(depth int) (string, string) {
	if depth <= 0 || g.r.IntN(5) == 0 {
		if g.r.IntN(4) == 0 {
			c := []float64{0.5, 2, 3, 1.25, 0.1, 7}[g.r.IntN(6)]
			s := strconv.FormatFloat(c, 'f', -1, 64)
			return s, s
		}
		n := g.names[g.r.IntN(len(g.names))]
		return n, n
	}
	a, ga := g.expr(depth - 1)
	b, gb := g.expr(depth - 1)
	kinds := 17
	if !g.smooth {
		kinds = 21
	}
	switch g.r.IntN(kinds) {
	case 0:
		return "(" + a + " + " + b + ")", "(" + ga + " + " + gb + ")"
	case 1:
		return "(" + a + " - " + b + ")", "(" + ga + " - " + gb + ")"
	case 2, 3:
		return "(" + a + " * " + b + ")", "(" + ga + " * " + gb + ")"
	case 4: // a denominator away from zero
		return "(" + a + " / (1.5 + sin(" + b + ")))", "(" + ga + " / (1.5 + sin(" + gb + ")))"
	case 5:
		return "(-" + a + ")", "(0 - " + ga + ")"
	case 6: // a positive base to any power
		return "((1 + " + a + "^2)^(" + "0.5*cos(" + b + ")))", "((1 + (" + ga + " ** 2)) ** (0.5 * cos(" + gb + ")))"
	case 7:
		return "sin(" + a + ")", "sin(" + ga + ")"
	case 8:
		return "cos(" + a + ")", "cos(" + ga + ")"
	case 9:
		return "tanh(" + a + ")", "tanh(" + ga + ")"
	case 10:
		return "exp(sin(" + a + "))", "exp(sin(" + ga + "))"
	case 11:
		return "ln(1 + " + a + "^2)", "ln(1 + (" + ga + " ** 2))"
	case 12:
		return "sqrt(2 + cos(" + a + "))", "sqrt(2 + cos(" + ga + "))"
	case 13:
		return "atan(" + a + ")", "atan(" + ga + ")"
	case 14:
		return "sigmoid(" + a + ")", "sigmoid(" + ga + ")"
	case 15:
		return "asin(0.5*tanh(" + a + "))", "asin(0.5 * tanh(" + ga + "))"
	case 16:
		return "pow(" + a + ", 3)", "(" + ga + " ** 3)"
	case 17:
		return "abs(" + a + ")", "abs(" + ga + ")"
	case 18:
		return "relu(" + a + ")", "relu(" + ga + ")"
	case 19:
		return "max(" + a + ", " + b + ")", "max(" + ga + ", " + gb + ")"
	default:
		return "min(" + a + ", " + b + ")", "min(" + ga + ", " + gb + ")"
	}
}

// randomProgram makes a program with n inputs, some assignments that reuse
// earlier names (fan-out), and either a final expression (one output) or
// several unread assignments (several outputs).
func randomProgram(r *rand.Rand, n int, smooth bool) genProgram {
	g := &generator{r: r, smooth: smooth}
	p := genProgram{}
	for i := 1; i <= n; i++ {
		p.inputs = append(p.inputs, "x"+strconv.Itoa(i))
	}
	g.names = append(g.names, p.inputs...)
	var stmts []string
	var gvDefs []string
	for i := 0; i < r.IntN(4); i++ {
		name := "a" + strconv.Itoa(i)
		e, ge := g.expr(3)
		stmts = append(stmts, name+" = "+e)
		gvDefs = append(gvDefs, name+"\x00"+ge)
		g.names = append(g.names, name)
	}
	e, ge := g.expr(4)
	if r.IntN(4) == 0 && len(stmts) > 0 {
		// Several outputs: two more assignments nothing reads.
		e2, _ := g.expr(3)
		stmts = append(stmts, "out1 = "+e, "out2 = "+e2)
		p.src = strings.Join(stmts, "\n")
		p.outputs = 2
		return p
	}
	// Mention every input so none is unused.
	for _, x := range p.inputs {
		e += " + 0*" + x
		ge += " + (0 * " + x + ")"
	}
	stmts = append(stmts, e)
	p.src = strings.Join(stmts, "\n")
	// govaluate has no assignments: substitute the definitions, last first.
	for i := len(gvDefs) - 1; i >= 0; i-- {
		name, def, _ := strings.Cut(gvDefs[i], "\x00")
		ge = replaceName(ge, name, "("+def+")")
	}
	p.gv = ge
	p.outputs = 1
	return p
}

// replaceName replaces whole-word occurrences of name in s.
func replaceName(s, name, with string) string {
	var b strings.Builder
	isWord := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], name) && (i == 0 || !isWord(s[i-1])) && (i+len(name) == len(s) || !isWord(s[i+len(name)])) {
			b.WriteString(with)
			i += len(name)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// randomPoint returns input values in [-2, 2].
func randomPoint(r *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Round((r.Float64()*4-2)*1000) / 1000
	}
	return x
}

// normDiff is the largest |a_i - b_i| relative to the largest |a_i| (a
// normwise relative difference), or 0 when both are zero.
func normDiff(a, b []float64) float64 {
	scale, diff := 0.0, 0.0
	for i := range a {
		scale = math.Max(scale, math.Max(math.Abs(a[i]), math.Abs(b[i])))
		diff = math.Max(diff, math.Abs(a[i]-b[i]))
	}
	if diff == 0 {
		return 0
	}
	return diff / scale
}

// absJacobian is Σ over paths of the product of |local partials|: the sum
// of the magnitudes of the terms that both modes add up (in different
// orders). Rounding makes forward and reverse differ by a small multiple
// of ε times it, which is the scale of a fair comparison (a plain relative
// error is meaningless where the terms cancel).
func absJacobian(g *ad.Graph, x []float64) [][]float64 {
	tr := g.Trace(x, ad.Primal, nil)
	out := make([][]float64, len(g.Outputs))
	adj := make([]float64, len(g.Nodes))
	for i, o := range g.Outputs {
		clear(adj)
		adj[o.Node] = 1
		for k := len(g.Nodes) - 1; k >= g.NumInputs(); k-- {
			for ai, a := range g.Nodes[k].Args {
				if !a.IsConst() {
					adj[a.Node] += adj[k] * math.Abs(tr.Partials[k][ai])
				}
			}
		}
		out[i] = append([]float64(nil), adj[:g.NumInputs()]...)
	}
	return out
}

// modesDisagree returns a description of the first entry where the
// forward and reverse Jacobians differ by more than tol times the larger of
// the entries and the sum of the magnitudes of their terms, or "".
func modesDisagree(g *ad.Graph, x []float64, tol float64) string {
	fwd := g.Jacobian(x, ad.Forward)
	rev := g.Jacobian(x, ad.Reverse)
	abs := absJacobian(g, x)
	for i := range fwd.J {
		for j := range fwd.J[i] {
			f, r := fwd.J[i][j], rev.J[i][j]
			if math.IsNaN(f) || math.IsNaN(r) || math.IsInf(f, 0) || math.IsInf(r, 0) || math.IsInf(abs[i][j], 0) {
				if !(math.IsNaN(f) && math.IsNaN(r)) && f != r {
					return fmt.Sprintf("J[%d][%d]: forward %v, reverse %v", i, j, f, r)
				}
				continue
			}
			// Near underflow, products of partials lose bits to subnormal
			// numbers along the way: entries below 1e-280 are compared
			// absolutely.
			scale := math.Max(abs[i][j], math.Max(math.Abs(f), math.Max(math.Abs(r), 1e-280)))
			if d := math.Abs(f - r); d > tol*scale {
				return fmt.Sprintf("J[%d][%d]: forward %v, reverse %v (difference %g, scale %g)", i, j, f, r, d, scale)
			}
		}
	}
	return ""
}

func describe(p genProgram, x []float64) string {
	return fmt.Sprintf("program:\n%s\nat %v", p.src, x)
}

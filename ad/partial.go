package ad

import (
	"fmt"
	"strings"
)

// The partials of the rule table as expressions: each Rule.PartialExpr is
// parsed by Parse at init, printed as the templates PartialText and
// PartialLaTeX, and built into a graph over the inputs a, b and y, which
// PartialDual runs on dual numbers.

func init() {
	// Every row's text first: a partial may call any function of the table.
	for _, step := range []func(*Rule) error{(*Rule).makeText, (*Rule).compile} {
		for op := OpConst; op < numOps; op++ {
			if err := step(&Rules[op]); err != nil {
				panic(fmt.Sprintf("ad: rule %s: %v", Rules[op].Name, err))
			}
		}
	}
}

// partialInputs are the inputs of a partial's graph, in order.
var partialInputs = []string{"a", "b", "y"}

// makeText makes a function's formula text and precedence from CallStyle.
func (r *Rule) makeText() error {
	if r.Text == "" {
		if len(r.Funcs) == 0 {
			return fmt.Errorf("an operator needs its Text")
		}
		args := "$a"
		if r.Arity == 2 {
			args = "$a, $b"
		}
		switch {
		case r.CallStyle:
			r.Text, r.prec = r.Funcs[0]+"("+args+")", precAtom
		case r.Arity == 1:
			r.Text, r.prec = r.Funcs[0]+" $a", precUnary
		default:
			return fmt.Errorf("a function of two arguments is written in call style")
		}
	}
	return nil
}

// compile makes the templates and graphs of the row's partials from
// PartialExpr.
func (r *Rule) compile() error {
	for i := 0; i < 2; i++ {
		src := r.PartialExpr[i]
		if src == "" {
			if i < r.Arity {
				return fmt.Errorf("no expression for its partial %d", i)
			}
			continue
		}
		if i >= r.Arity {
			return fmt.Errorf("an expression for a partial %d it does not have", i)
		}
		prog, err := Parse(src)
		if err != nil {
			return fmt.Errorf("partial %q: %v", src, err)
		}
		if len(prog.Stmts) != 1 || prog.Stmts[0].Name != "" {
			return fmt.Errorf("partial %q is not one expression", src)
		}
		allowed := "a and y"
		if r.Arity == 2 {
			allowed = "a, b and y"
		}
		for _, name := range prog.Names() {
			if name != "a" && name != "y" && !(name == "b" && r.Arity == 2) {
				return fmt.Errorf("partial %q reads %s; it may read %s", src, name, allowed)
			}
		}
		x := prog.Stmts[0].X
		r.PartialText[i], _ = partialPrinter{src: src}.print(x)
		r.PartialLaTeX[i], _ = partialPrinter{src: src, latex: true}.print(x)
		if r.partialGraph[i], err = prog.Graph(partialInputs, Limits{}); err != nil {
			return fmt.Errorf("partial %q: %v", src, err)
		}
	}
	return nil
}

// partialAt evaluates partial i's expression (not the closure Partial[i])
// at (a, b, y).
func (r *Rule) partialAt(i int, a, b, y float64) float64 {
	return r.partialGraph[i].Value([]float64{a, b, y})[0]
}

// PartialDual returns the partial ∂y/∂a (i = 0) or ∂y/∂b (i = 1) at the
// dual arguments a = a₀ + ȧε and b = b₀ + ḃε (b is ignored by unary
// rules). Its ε part is the partial's own directional derivative,
// ∂²y/∂a∂x·ȧ + ∂²y/∂b∂x·ḃ for x the argument i: the partial's expression
// run on dual numbers, whose primitives take their values and partials
// from the table, with y the rule itself on a and b. Its value is the
// closure's, Partial[i](a₀, b₀, y₀), so the real parts of a second-order
// sweep are those of the first-order sweep, bit for bit. This is how
// second-order modes (forward-over-reverse H·v, nested dual numbers)
// differentiate a rule. Special cases:
//
//	an argument with a zero tangent contributes nothing to the ε part (as in Apply)
//	where the expression is singular but the closure is not (pow at a = 0), the ε part may be NaN
func (r *Rule) PartialDual(i int, a, b Dual) Dual {
	if r.Arity == 1 {
		b = Dual{}
	}
	g := r.partialGraph[i]
	if g == nil {
		panic(fmt.Sprintf("ad: rule %s has no partial %d", r.Name, i))
	}
	t := g.tape
	var buf [16]Dual
	d := buf[:]
	if t.slots > len(buf) {
		d = make([]Dual, t.slots)
	}
	y := applyDual(r.Eval, r.Partial[0], r.Partial[1], a, b)
	d[0], d[1], d[2] = a, b, y
	t.dualOps(d)
	return Dual{r.Partial[i](a.Real, b.Real, y.Real), d[g.Outputs[0].Node].Emag}
}

// partialPrinter writes a partial's expression as a formula template: the
// arguments a, b and the result y as $a, $b and $y, a^(b - 1) as $c.
// Plain text writes products and quotients tight ("1/(2×$y)", "$b×$c") and
// sums with spaces; a function of a constant as the trace writes it
// ("ln 2"), of anything else with parentheses ("cos($a)"). LaTeX writes
// quotients as \frac, products by juxtaposition and each function with its
// rule's LaTeX. A comparison is an Iverson bracket: [$a ≥ $b].
type partialPrinter struct {
	src   string
	latex bool
}

// print returns x written and its precedence.
func (p partialPrinter) print(x Expr) (string, int) {
	switch x := x.(type) {
	case *Paren:
		return p.print(x.X)
	case *Number:
		lit := p.src[x.Start:x.End]
		if p.latex {
			return numberLaTeX(lit), precAtom
		}
		return lit, precAtom
	case *Ident:
		switch x.Name {
		case "a", "b", "y":
			return "$" + x.Name, precAtom
		case "pi":
			if p.latex {
				return `\pi`, precAtom
			}
		}
		return x.Name, precAtom
	case *Unary:
		s, q := p.print(x.X)
		if _, neg := x.X.(*Unary); q < precUnary || neg {
			s = p.paren(s)
		}
		return "-" + s, precUnary
	case *Binary:
		return p.binary(x)
	case *Call:
		return p.call(x)
	}
	panic(fmt.Sprintf("ad: partial printer: %T", x))
}

func (p partialPrinter) paren(s string) string { return "(" + s + ")" }

// operand prints x, parenthesized when its precedence is below min (or
// equal to it, if strict).
func (p partialPrinter) operand(x Expr, min int, strict bool) string {
	s, q := p.print(x)
	if q < min || strict && q == min {
		return p.paren(s)
	}
	return s
}

func (p partialPrinter) binary(x *Binary) (string, int) {
	switch x.Op {
	case ADD, SUB:
		op := " + "
		if x.Op == SUB {
			op = " - "
		}
		return p.operand(x.X, precSum, false) + op + p.operand(x.Y, precSum, x.Op == SUB), precSum
	case MUL:
		l := p.operand(x.X, precProd, false)
		if p.latex {
			r := p.operand(x.Y, precProd, false)
			if c := r[0]; c >= '0' && c <= '9' || c == '-' {
				return l + ` \times ` + r, precProd
			}
			return l + " " + r, precProd
		}
		return l + "×" + p.operand(x.Y, precProd, true), precProd
	case QUO:
		if p.latex {
			if neg, ok := x.X.(*Unary); ok {
				n, _ := p.print(neg.X)
				d, _ := p.print(x.Y)
				return `-\frac{` + n + "}{" + d + "}", precUnary
			}
			n, _ := p.print(x.X)
			d, _ := p.print(x.Y)
			return `\frac{` + n + "}{" + d + "}", precProd
		}
		return p.operand(x.X, precProd, false) + "/" + p.operand(x.Y, precProd, true), precProd
	case POW:
		if isPowMinusOne(x) {
			return "$c", precPow
		}
		base := p.operand(x.X, precPow, true)
		if p.latex {
			e, _ := p.print(x.Y)
			return base + "^{" + e + "}", precPow
		}
		return base + "^" + p.operand(x.Y, precAtom, false), precPow
	}
	op, ok := binaryOps[x.Op]
	if !ok || Rules[op].prec != precCmp {
		panic(fmt.Sprintf("ad: partial printer: operator %v", x.Op))
	}
	r := &Rules[op]
	args := []string{p.operand(x.X, precCmp, true), p.operand(x.Y, precCmp, true)}
	return "[" + fill(p.template(r), args, "") + "]", precAtom
}

// isPowMinusOne reports whether x is a^(b - 1), written $c.
func isPowMinusOne(x *Binary) bool {
	a, ok := x.X.(*Ident)
	if !ok || a.Name != "a" {
		return false
	}
	e := x.Y
	for {
		pe, ok := e.(*Paren)
		if !ok {
			break
		}
		e = pe.X
	}
	d, ok := e.(*Binary)
	if !ok || d.Op != SUB {
		return false
	}
	b, ok := d.X.(*Ident)
	one, ok2 := d.Y.(*Number)
	return ok && ok2 && b.Name == "b" && one.Value == 1
}

func (p partialPrinter) template(r *Rule) string {
	if p.latex {
		return r.LaTeX
	}
	return r.Text
}

// call writes a function call: with the rule's own template in LaTeX and
// for constant arguments in text, name(args) otherwise.
func (p partialPrinter) call(x *Call) (string, int) {
	r := &Rules[x.Op]
	constant := true
	args := make([]string, len(x.Args))
	for i, a := range x.Args {
		for {
			pa, ok := a.(*Paren)
			if !ok {
				break
			}
			a = pa.X
		}
		if _, ok := a.(*Number); !ok {
			constant = false
		}
		s, q := p.print(a)
		if q <= r.prec && r.prec != precAtom {
			s = p.paren(s)
		}
		args[i] = s
	}
	if p.latex || constant {
		return fill(p.template(r), args, ""), r.prec
	}
	plain := make([]string, len(x.Args))
	for i, a := range x.Args {
		plain[i], _ = p.print(a)
	}
	return x.Name + "(" + strings.Join(plain, ", ") + ")", precAtom
}

package ad

import (
	"strconv"
	"strings"
)

// style writes formulas either as plain text (v̄0 = v̄2·∂v2/∂v0) or as
// LaTeX (\bar{v}_{0} = \bar{v}_{2} \frac{\partial v_{2}}{\partial v_{0}}).
type style struct {
	latex  bool
	digits int
	g      *Graph
}

func (s style) node(k int) string {
	if s.latex {
		return s.g.varLaTeX(k)
	}
	return s.g.varText(k)
}

func (s style) tangent(k int) string {
	if s.latex {
		return `\dot{v}_{` + strconv.Itoa(s.g.Nodes[k].ID) + `}`
	}
	return accent(s.g.varText(k), dotAbove)
}

func (s style) adjoint(k int) string {
	if s.latex {
		return `\bar{v}_{` + strconv.Itoa(s.g.Nodes[k].ID) + `}`
	}
	return accent(s.g.varText(k), macron)
}

// name writes a program name (an input or output) with an optional accent:
// "" for the name, dotAbove for its tangent, macron for its adjoint.
func (s style) name(name, mark string) string {
	if s.latex {
		cmd := ""
		switch mark {
		case dotAbove:
			cmd = `\dot`
		case macron:
			cmd = `\bar`
		}
		return NameLaTeX(name, cmd)
	}
	if mark == "" {
		return name
	}
	return accent(name, mark)
}

func (s style) num(x float64, paren bool) string {
	if s.latex {
		return numLaTeX(x, s.digits, paren)
	}
	if paren {
		return numText(x, s.digits)
	}
	return FormatNumber(x, s.digits)
}

func (s style) times() string {
	if s.latex {
		return ` \cdot `
	}
	return "·"
}

func (s style) partialSym(i, j int) string {
	if s.latex {
		return `\frac{\partial ` + s.node(i) + `}{\partial ` + s.node(j) + `}`
	}
	return "∂" + s.node(i) + "/∂" + s.node(j)
}

// argNames returns the arguments of node k written as names (v-1, 2, pi),
// plus the $c substitution.
func (s style) argNames(k int) []string {
	n := &s.g.Nodes[k]
	names := make([]string, 3)
	for i, a := range n.Args {
		switch {
		case !a.IsConst():
			names[i] = s.node(a.Node)
		case s.latex:
			names[i] = a.LaTeX
		default:
			names[i] = a.Text
		}
	}
	if len(n.Args) > 1 {
		names[2] = s.powMinusOne(names[0], n.Args[1], names[1])
	}
	return names
}

// powMinusOne writes a^(b-1) for the $c substitution: "v0" when b = 2, "1"
// when b = 1, "v0^2" when b = 3, "v0^(v1 - 1)" when b is a node.
func (s style) powMinusOne(a string, b Arg, bname string) string {
	if !b.IsConst() {
		if s.latex {
			return a + "^{" + bname + " - 1}"
		}
		return a + "^(" + bname + " - 1)"
	}
	switch c := b.Value - 1; c {
	case 0:
		return "1"
	case 1:
		return a
	default:
		e := FormatNumber(c, -1)
		if s.latex {
			return a + "^{" + e + "}"
		}
		if c < 0 {
			e = "(" + e + ")"
		}
		return a + "^" + e
	}
}

// argNums returns the arguments of node k as numbers.
func (s style) argNums(t *Trace, k int) []string {
	n := &s.g.Nodes[k]
	nums := make([]string, 2)
	for i := range n.Args {
		nums[i] = s.num(t.argValue(n, i), true)
	}
	return nums
}

func (s style) template(r *Rule) string {
	if s.latex {
		return r.LaTeX
	}
	return r.Text
}

func (s style) partialTemplate(r *Rule, i int) string {
	if s.latex {
		return r.PartialLaTeX[i]
	}
	return r.PartialText[i]
}

// formula writes node k's operation in names: "ln v-1", "v-1 × v0".
func (s style) formula(k int) string {
	n := &s.g.Nodes[k]
	if n.Op == OpInput {
		return s.name(n.Name, "")
	}
	return fill(s.template(&Rules[n.Op]), s.argNames(k), s.node(k))
}

// partialFormula writes ∂v_k/∂(argument i) in names: "cos(v0)".
func (s style) partialFormula(k, i int) string {
	return fill(s.partialTemplate(&Rules[s.g.Nodes[k].Op], i), s.argNames(k), s.node(k))
}

// atomic reports whether a formula template, once filled, can be a factor
// without parentheses: "$b", "cos($a)", "[$a ≥ $b]" can; "1/$a" cannot.
func atomic(tmpl string) bool {
	if strings.HasPrefix(tmpl, "[") && strings.HasSuffix(tmpl, "]") {
		return true
	}
	if strings.HasPrefix(tmpl, `\frac`) && strings.Count(tmpl, `\frac`) == 1 {
		return true
	}
	depth := 0
	for i, r := range tmpl {
		switch r {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ' ', '/', '×', '+', '^', '-':
			if depth == 0 && !(r == '-' && i == 0 && isNumber(tmpl)) && !(r == ' ' && strings.HasPrefix(tmpl, `\`)) {
				return false
			}
		}
	}
	return true
}

func isNumber(f string) bool {
	for _, r := range f {
		if !(r == '-' || r == '.' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// paren parenthesizes f, filled from template tmpl, unless it is atomic.
func (s style) paren(tmpl, f string) string {
	if atomic(tmpl) {
		return f
	}
	if s.latex {
		return `\left(` + f + `\right)`
	}
	return "(" + f + ")"
}

// primal writes the value part of a step on node k: "v1 = ln v-1 = ln 2 = 0.6931".
func (s style) primal(t *Trace, k int) string {
	n := &s.g.Nodes[k]
	if n.Op == OpInput {
		return s.node(k) + " = " + s.name(n.Name, "") + " = " + s.num(t.Value[k], false)
	}
	r := &Rules[n.Op]
	f := s.formula(k)
	nums := fill(s.template(r), s.argNums(t, k), "")
	out := s.node(k) + " = " + f
	if nums != f {
		out += " = " + nums
	}
	if v := s.num(t.Value[k], false); v != nums {
		out += " = " + v
	}
	return out
}

// tangentText writes the tangent part of a forward step on node k:
// "v̇2 = v0·v̇-1 + v-1·v̇0 = 5·1 + 2·0 = 5".
func (s style) tangentText(t *Trace, k int) string {
	n := &s.g.Nodes[k]
	lhs := s.tangent(k) + " = "
	if n.Op == OpInput {
		return lhs + s.name(n.Name, dotAbove) + " = " + s.num(t.Tangent[k], false)
	}
	var sym, num []string
	for i, a := range n.Args {
		if a.IsConst() {
			continue
		}
		p := s.partialFormula(k, i)
		tv := s.num(t.Tangent[a.Node], true)
		switch p {
		case "1":
			sym = append(sym, s.tangent(a.Node))
			num = append(num, tv)
		case "-1":
			sym = append(sym, "-"+s.tangent(a.Node))
			num = append(num, "-"+tv)
		default:
			sym = append(sym, s.paren(s.partialTemplate(&Rules[n.Op], i), p)+s.times()+s.tangent(a.Node))
			num = append(num, s.num(t.Partials[k][i], true)+s.times()+tv)
		}
	}
	if len(sym) == 0 {
		return lhs + "0"
	}
	return lhs + joinSum(sym) + " = " + joinSum(num) + " = " + s.num(t.Tangent[k], false)
}

// joinSum joins terms with " + ", writing "a - b" for a negative term.
func joinSum(terms []string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			if strings.HasPrefix(t, "-") {
				b.WriteString(" - ")
				t = t[1:]
			} else {
				b.WriteString(" + ")
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

// adjointText writes an adjoint step: "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716".
func (s style) adjointText(t *Trace, st Step) string {
	k := st.Node
	lhs := s.adjoint(k) + " = "
	switch st.Kind {
	case StepZero:
		if s.latex {
			return lhs + `0 \quad \text{(` + s.node(k) + ` does not reach an output)}`
		}
		return lhs + "0 (" + s.node(k) + " does not reach an output)"
	case StepSeed:
		o := s.g.Outputs[st.Arg]
		seed := s.name(o.Name, macron)
		if st.HasBefore {
			return lhs + s.adjoint(k) + " + " + seed + " = " + s.num(st.Before, false) + " + " + s.num(t.Seed[st.Arg], true) + " = " + s.num(st.After, false)
		}
		return lhs + seed + " = " + s.num(st.After, false)
	}
	from := st.From
	sym := s.adjoint(from) + s.times() + s.partialSym(from, k)
	num := s.num(t.Adjoint[from], true) + s.times() + s.num(t.Partials[from][st.Arg], true)
	if st.Kind == StepAccumulate {
		sym = s.adjoint(k) + " + " + sym
		num = s.num(st.Before, false) + " + " + num
	}
	return lhs + sym + " = " + num + " = " + s.num(st.After, false)
}

// StepText returns step k as plain text with digits significant digits,
// e.g. "v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716". A forward step
// shows the value and the tangent, separated by "; ".
func (t *Trace) StepText(k, digits int) string {
	return t.stepText(style{digits: digits, g: t.Graph}, k)
}

// StepLaTeX returns step k as LaTeX math (without $ delimiters).
func (t *Trace) StepLaTeX(k, digits int) string {
	return t.stepText(style{latex: true, digits: digits, g: t.Graph}, k)
}

func (t *Trace) stepText(s style, k int) string {
	st := t.Steps[k]
	switch st.Phase {
	case PhasePrimal:
		return s.primal(t, st.Node)
	case PhaseForward:
		sep := "; "
		if s.latex {
			sep = `, \quad `
		}
		return s.primal(t, st.Node) + sep + s.tangentText(t, st.Node)
	}
	return s.adjointText(t, st)
}

// PartialText returns the local partial used by an adjoint step or by an
// edge: "∂v2/∂v0 = v-1 = 2" for argument ai of node k.
func (t *Trace) PartialText(k, ai, digits int) string {
	return t.partialText(style{digits: digits, g: t.Graph}, k, ai)
}

// PartialLaTeX is PartialText in LaTeX.
func (t *Trace) PartialLaTeX(k, ai, digits int) string {
	return t.partialText(style{latex: true, digits: digits, g: t.Graph}, k, ai)
}

func (t *Trace) partialText(s style, k, ai int) string {
	a := t.Graph.Nodes[k].Args[ai]
	if a.IsConst() {
		return ""
	}
	formula := s.partialFormula(k, ai)
	out := s.partialSym(k, a.Node) + " = " + formula
	if v := s.num(t.Partials[k][ai], false); v != formula {
		out += " = " + v
	}
	return out
}

// Formula returns node k's operation in plain text ("ln v-1", "v-1 × v0";
// an input's name).
func (g *Graph) Formula(k int) string { return style{g: g}.formula(k) }

// FormulaLaTeX returns node k's operation in LaTeX.
func (g *Graph) FormulaLaTeX(k int) string { return style{latex: true, g: g}.formula(k) }

// TangentName and AdjointName return "v̇-1" and "v̄-1" for node k.
func (g *Graph) TangentName(k int) string { return style{g: g}.tangent(k) }

// AdjointName returns "v̄-1" for node k.
func (g *Graph) AdjointName(k int) string { return style{g: g}.adjoint(k) }

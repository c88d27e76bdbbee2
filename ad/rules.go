package ad

import (
	"fmt"
	"math"

	"github.com/adviz/adviz/ad/internal/crmath"
)

// Rule is one primitive operation: how to evaluate it, its local partial
// derivatives and how to write it. Every primitive is unary or binary.
// Forward mode (tangents, dual numbers) and reverse mode (adjoints) both use
// its partials; no derivative is written anywhere else.
//
// Each partial is written once, as an expression of the language over the
// arguments a and b and the result y (PartialExpr: "cos(a)", "-a/b^2",
// "1 - y^2"). At init it is parsed, its plain-text and LaTeX templates are
// printed from it (PartialText, PartialLaTeX), and it is built into a small
// graph that PartialDual runs on dual numbers: second derivatives come from
// differentiating the partials, never from formulas written for them. The
// Go closures in Partial are the fast path of the sweeps; a test checks
// them against the expressions.
//
// Templates: in Text, LaTeX, PartialText and PartialLaTeX, $a and $b stand
// for the arguments, $y for the result and $c for $a to the power $b - 1,
// written simply when $b is a constant ("v0" for $b = 2, "v0^2" for $b = 3).
type Rule struct {
	Name  string   // operation name, as in JSON output: "add", "sin"
	Funcs []string // names callable in programs ("ln", "log"); none for operators
	Arity int      // 1 or 2
	// CallStyle says how a function is written: name($a) as sqrt(v0) or
	// max(v0, v1), rather than Baydin's name $a as ln v-1 or sin v0. Text
	// and the precedence of a function are made from it; operators give
	// their Text.
	CallStyle bool

	// Eval returns the result at (a, b); b is 0 for unary rules.
	Eval func(a, b float64) float64
	// PartialExpr[0] and PartialExpr[1] are ∂y/∂a and ∂y/∂b as expressions
	// of the language over a, b and y (PartialExpr[1] is "" for unary
	// rules). In a partial, a comparison is 1 or 0 and is written as an
	// Iverson bracket: [$a ≥ $b].
	PartialExpr [2]string
	// Partial[0] and Partial[1] compute PartialExpr at (a, b, y), where
	// y = Eval(a, b); Partial[1] is nil for unary rules. At a
	// non-differentiable point they return a one-sided derivative and Kink
	// says which.
	Partial [2]PartialFunc
	// ConstPartials says that Partial returns the same numbers at every
	// point (a sum, a difference, a negation), so the compiled graph asks
	// for them once instead of at every adjoint step.
	ConstPartials bool

	Text  string // plain-text formula, e.g. "ln $a"; made from CallStyle for functions
	LaTeX string // LaTeX formula, e.g. `\ln $a`
	// PartialText and PartialLaTeX are the templates of the partials, as
	// "1/$a" and `\frac{1}{$a}`, printed from PartialExpr at init.
	PartialText, PartialLaTeX [2]string

	// Domain returns why (a, b) is outside the domain (e.g. ln of a negative
	// number, division by zero), or "".
	Domain func(a, b float64) string
	// Kink returns, at a point where the rule is not differentiable, which
	// one-sided derivative Partials used; else "".
	Kink func(a, b float64) string

	// prec is the precedence of Text, for parenthesizing nested formulas.
	prec int
	// partialGraph holds PartialExpr built over the inputs a, b, y.
	partialGraph [2]*Graph
}

// A PartialFunc returns a local partial derivative at the arguments (a, b)
// and the result y.
type PartialFunc = func(a, b, y float64) float64

// Formula precedences for parenthesizing.
const (
	precOr    = 1 + iota // a or b
	precAnd              // a and b
	precNot              // not a
	precCmp              // a < b, a ≤ b, ...
	precSum              // a + b, a - b
	precProd             // a × b, a / b
	precUnary            // -a, ln a
	precPow              // a^b
	precAtom             // names, numbers, f(x), [a < b]
)

// The rule table. Op values index it.
const (
	OpInput Op = iota // an input variable; no rule
	OpConst           // a constant output: y = c
	OpNeg
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpPow
	OpSin
	OpCos
	OpTan
	OpAsin
	OpAcos
	OpAtan
	OpSinh
	OpCosh
	OpTanh
	OpExp
	OpLn
	OpLog2
	OpLog10
	OpSqrt
	OpAbs
	OpSigmoid
	OpRelu
	OpSoftplus
	OpMax
	OpMin
	OpAtan2
	OpHypot
	OpErf
	OpLog1p
	OpExpm1
	OpCbrt
	OpFloor
	OpCeil
	OpRound
	OpSign
	OpStep
	OpLt
	OpLe
	OpGt
	OpGe
	OpEq
	OpNe
	OpAnd
	OpOr
	OpNot
	numOps
)

// Op identifies a primitive operation (an index into Rules).
type Op uint8

// Rule returns the rule of op, or nil for OpInput.
func (op Op) Rule() *Rule {
	if op == OpInput || int(op) >= len(Rules) {
		return nil
	}
	return &Rules[op]
}

// String returns the operation's name ("input", "add", "sin", ...).
func (op Op) String() string {
	if op == OpInput {
		return "input"
	}
	if int(op) < len(Rules) {
		return Rules[op].Name
	}
	return fmt.Sprintf("op(%d)", int(op))
}

// Rules is the table of primitives, indexed by Op.
var Rules = [numOps]Rule{
	OpConst: {
		Name: "const", Arity: 1,
		Eval:        func(a, _ float64) float64 { return a },
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		Text: "$a", LaTeX: "$a", prec: precAtom,
	},
	OpNeg: {
		Name: "neg", Arity: 1, ConstPartials: true,
		Eval:        func(a, _ float64) float64 { return -a },
		PartialExpr: [2]string{"-1"}, Partial: [2]PartialFunc{minusOne},
		Text: "-$a", LaTeX: "-$a", prec: precUnary,
	},
	OpAdd: {
		Name: "add", Arity: 2, ConstPartials: true,
		Eval:        func(a, b float64) float64 { return a + b },
		PartialExpr: [2]string{"1", "1"}, Partial: [2]PartialFunc{one, one},
		Text: "$a + $b", LaTeX: "$a + $b", prec: precSum,
	},
	OpSub: {
		Name: "sub", Arity: 2, ConstPartials: true,
		Eval:        func(a, b float64) float64 { return a - b },
		PartialExpr: [2]string{"1", "-1"}, Partial: [2]PartialFunc{one, minusOne},
		Text: "$a - $b", LaTeX: "$a - $b", prec: precSum,
	},
	OpMul: {
		Name: "mul", Arity: 2,
		Eval:        func(a, b float64) float64 { return a * b },
		PartialExpr: [2]string{"b", "a"},
		Partial: [2]PartialFunc{
			func(_, b, _ float64) float64 { return b },
			func(a, _, _ float64) float64 { return a },
		},
		Text: "$a × $b", LaTeX: `$a \times $b`, prec: precProd,
	},
	OpDiv: {
		Name: "div", Arity: 2,
		Eval:        func(a, b float64) float64 { return a / b },
		PartialExpr: [2]string{"1/b", "-a/b^2"},
		Partial: [2]PartialFunc{
			func(_, b, _ float64) float64 { return 1 / b },
			func(a, b, _ float64) float64 { return -(a / b) / b }, // b² would overflow sooner
		},
		Text: "$a / $b", LaTeX: `\frac{$a}{$b}`, prec: precProd,
		Domain: func(a, b float64) string {
			if b == 0 {
				return "division by zero"
			}
			return ""
		},
	},
	OpPow: {
		Name: "pow", Funcs: []string{"pow"}, Arity: 2,
		Eval:        crmath.Pow,
		PartialExpr: [2]string{"b*a^(b - 1)", "y*ln(a)"},
		Partial: [2]PartialFunc{
			func(a, b, _ float64) float64 {
				switch b {
				case 0:
					return 0 // a^0 = 1 for every a
				case 1:
					return 1
				case 2:
					return 2 * a
				}
				return b * crmath.Pow(a, b-1)
			},
			func(a, b, y float64) float64 {
				if a == 0 && b > 0 {
					return 0 // 0^b = 0 for every b > 0
				}
				return y * crmath.Log(a)
			},
		},
		Text: "$a^$b", LaTeX: "$a^{$b}", prec: precPow,
		Domain: func(a, b float64) string {
			switch {
			case a < 0 && b != math.Trunc(b) && !math.IsInf(b, 0):
				return fmt.Sprintf("negative base %s with a non-integer exponent %s", fmtNum(a), fmtNum(b))
			case a == 0 && b < 0:
				return fmt.Sprintf("0 to the negative power %s", fmtNum(b))
			}
			return ""
		},
	},
	OpSin: {
		Name: "sin", Funcs: []string{"sin"}, Arity: 1, Eval: unary(crmath.Sin),
		PartialExpr: [2]string{"cos(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return crmath.Cos(a) }},
		LaTeX:       `\sin $a`,
	},
	OpCos: {
		Name: "cos", Funcs: []string{"cos"}, Arity: 1, Eval: unary(crmath.Cos),
		PartialExpr: [2]string{"-sin(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return -crmath.Sin(a) }},
		LaTeX:       `\cos $a`,
	},
	OpTan: {
		Name: "tan", Funcs: []string{"tan"}, Arity: 1, Eval: unary(crmath.Tan),
		PartialExpr: [2]string{"1 + y^2"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return 1 + y*y }},
		LaTeX:       `\tan $a`,
	},
	OpAsin: {
		Name: "asin", Funcs: []string{"asin"}, Arity: 1, Eval: unary(crmath.Asin),
		PartialExpr: [2]string{"1/sqrt(1 - a^2)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / math.Sqrt(1-a*a) }},
		LaTeX:       `\arcsin $a`,
		Domain:      func(a, _ float64) string { return outside("asin", a, -1, 1) },
	},
	OpAcos: {
		Name: "acos", Funcs: []string{"acos"}, Arity: 1, Eval: unary(crmath.Acos),
		PartialExpr: [2]string{"-1/sqrt(1 - a^2)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return -1 / math.Sqrt(1-a*a) }},
		LaTeX:       `\arccos $a`,
		Domain:      func(a, _ float64) string { return outside("acos", a, -1, 1) },
	},
	OpAtan: {
		Name: "atan", Funcs: []string{"atan"}, Arity: 1, Eval: unary(crmath.Atan),
		PartialExpr: [2]string{"1/(1 + a^2)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / (1 + a*a) }},
		LaTeX:       `\arctan $a`,
	},
	OpSinh: {
		Name: "sinh", Funcs: []string{"sinh"}, Arity: 1, Eval: unary(crmath.Sinh),
		PartialExpr: [2]string{"cosh(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return crmath.Cosh(a) }},
		LaTeX:       `\sinh $a`,
	},
	OpCosh: {
		Name: "cosh", Funcs: []string{"cosh"}, Arity: 1, Eval: unary(crmath.Cosh),
		PartialExpr: [2]string{"sinh(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return crmath.Sinh(a) }},
		LaTeX:       `\cosh $a`,
	},
	OpTanh: {
		Name: "tanh", Funcs: []string{"tanh"}, Arity: 1, Eval: unary(crmath.Tanh),
		PartialExpr: [2]string{"1 - y^2"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return 1 - y*y }},
		LaTeX:       `\tanh $a`,
	},
	OpExp: {
		Name: "exp", Funcs: []string{"exp"}, Arity: 1, Eval: unary(crmath.Exp),
		PartialExpr: [2]string{"y"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return y }},
		LaTeX:       `\exp $a`,
	},
	OpLn: {
		Name: "ln", Funcs: []string{"ln", "log"}, Arity: 1, Eval: unary(crmath.Log),
		PartialExpr: [2]string{"1/a"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / a }},
		LaTeX:       `\ln $a`,
		Domain:      func(a, _ float64) string { return positive("ln", a) },
	},
	OpLog2: {
		Name: "log2", Funcs: []string{"log2"}, Arity: 1, Eval: unary(crmath.Log2),
		PartialExpr: [2]string{"1/(a*ln(2))"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / (a * math.Ln2) }},
		LaTeX:       `\log_2 $a`,
		Domain:      func(a, _ float64) string { return positive("log2", a) },
	},
	OpLog10: {
		Name: "log10", Funcs: []string{"log10"}, Arity: 1, Eval: unary(crmath.Log10),
		PartialExpr: [2]string{"1/(a*ln(10))"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / (a * math.Ln10) }},
		LaTeX:       `\log_{10} $a`,
		Domain:      func(a, _ float64) string { return positive("log10", a) },
	},
	OpSqrt: {
		Name: "sqrt", Funcs: []string{"sqrt"}, Arity: 1, CallStyle: true, Eval: unary(math.Sqrt),
		PartialExpr: [2]string{"1/(2*y)"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return 0.5 / y }}, // = 1/(2y) exactly
		LaTeX:       `\sqrt{$a}`,
		Domain: func(a, _ float64) string {
			if a < 0 {
				return fmt.Sprintf("sqrt of a negative number (%s)", fmtNum(a))
			}
			return ""
		},
	},
	OpAbs: {
		Name: "abs", Funcs: []string{"abs"}, Arity: 1, CallStyle: true, Eval: unary(math.Abs),
		PartialExpr: [2]string{"sign(a)"},
		Partial: [2]PartialFunc{func(a, _, _ float64) float64 {
			if a < 0 {
				return -1
			}
			return 1 // the right derivative at 0
		}},
		LaTeX: `\lvert $a \rvert`,
		Kink: func(a, _ float64) string {
			if a == 0 {
				return "abs is not differentiable at 0; the right derivative +1 is used"
			}
			return ""
		},
	},
	OpSigmoid: {
		Name: "sigmoid", Funcs: []string{"sigmoid"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Sigmoid),
		PartialExpr: [2]string{"y*(1 - y)"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return y * (1 - y) }},
		LaTeX:       `\sigma($a)`,
	},
	OpRelu: {
		Name: "relu", Funcs: []string{"relu"}, Arity: 1, CallStyle: true,
		Eval: func(a, _ float64) float64 {
			if a > 0 || a != a {
				return a
			}
			return 0
		},
		PartialExpr: [2]string{"step(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return indicator(a > 0) }},
		LaTeX:       `\operatorname{relu}($a)`,
		Kink: func(a, _ float64) string {
			if a == 0 {
				return "relu is not differentiable at 0; the left derivative 0 is used"
			}
			return ""
		},
	},
	OpSoftplus: {
		Name: "softplus", Funcs: []string{"softplus"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Softplus),
		PartialExpr: [2]string{"sigmoid(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return crmath.Sigmoid(a) }},
		LaTeX:       `\operatorname{softplus}($a)`,
	},
	OpMax: {
		Name: "max", Funcs: []string{"max"}, Arity: 2, CallStyle: true,
		Eval: func(a, b float64) float64 {
			if a >= b || a != a {
				return a
			}
			return b
		},
		PartialExpr: [2]string{"a >= b", "a < b"},
		Partial: [2]PartialFunc{
			func(a, b, _ float64) float64 { return indicator(a >= b) },
			func(a, b, _ float64) float64 { return indicator(!(a >= b)) }, // NaN: b's
		},
		LaTeX: `\max($a, $b)`,
		Kink:  tie("max"),
	},
	OpMin: {
		Name: "min", Funcs: []string{"min"}, Arity: 2, CallStyle: true,
		Eval: func(a, b float64) float64 {
			if a <= b || a != a {
				return a
			}
			return b
		},
		PartialExpr: [2]string{"a <= b", "a > b"},
		Partial: [2]PartialFunc{
			func(a, b, _ float64) float64 { return indicator(a <= b) },
			func(a, b, _ float64) float64 { return indicator(!(a <= b)) },
		},
		LaTeX: `\min($a, $b)`,
		Kink:  tie("min"),
	},
	OpAtan2: { // atan2(y, x): the angle of the point (x, y); at (0, 0) the partials are NaN
		Name: "atan2", Funcs: []string{"atan2"}, Arity: 2, CallStyle: true, Eval: crmath.Atan2,
		PartialExpr: [2]string{"b/(a^2 + b^2)", "-a/(a^2 + b^2)"},
		Partial: [2]PartialFunc{
			func(a, b, _ float64) float64 { return b / (a*a + b*b) },
			func(a, b, _ float64) float64 { return -a / (a*a + b*b) },
		},
		LaTeX: `\operatorname{atan2}($a, $b)`,
	},
	OpHypot: {
		Name: "hypot", Funcs: []string{"hypot"}, Arity: 2, CallStyle: true, Eval: crmath.Hypot,
		PartialExpr: [2]string{"a/y", "b/y"},
		Partial: [2]PartialFunc{
			func(a, _, y float64) float64 { return divOr0(a, y) },
			func(_, b, y float64) float64 { return divOr0(b, y) },
		},
		LaTeX: `\operatorname{hypot}($a, $b)`,
		Kink: func(a, b float64) string {
			if a == 0 && b == 0 {
				return "hypot is not differentiable at (0, 0); the subgradient 0 is used"
			}
			return ""
		},
	},
	OpErf: {
		Name: "erf", Funcs: []string{"erf"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Erf),
		PartialExpr: [2]string{"2/sqrt(pi)*exp(-a^2)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return twoOverSqrtPi * crmath.Exp(-(a * a)) }},
		LaTeX:       `\operatorname{erf}($a)`,
	},
	OpLog1p: {
		Name: "log1p", Funcs: []string{"log1p"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Log1p),
		PartialExpr: [2]string{"1/(1 + a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return 1 / (1 + a) }},
		LaTeX:       `\operatorname{log1p}($a)`,
		Domain: func(a, _ float64) string {
			switch {
			case a < -1:
				return fmt.Sprintf("log1p of a number below -1 (%s)", fmtNum(a))
			case a == -1:
				return "log1p of -1 is -Inf"
			}
			return ""
		},
	},
	OpExpm1: {
		Name: "expm1", Funcs: []string{"expm1"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Expm1),
		PartialExpr: [2]string{"exp(a)"},
		Partial:     [2]PartialFunc{func(a, _, _ float64) float64 { return crmath.Exp(a) }},
		LaTeX:       `\operatorname{expm1}($a)`,
	},
	OpCbrt: {
		Name: "cbrt", Funcs: []string{"cbrt"}, Arity: 1, CallStyle: true, Eval: unary(crmath.Cbrt),
		PartialExpr: [2]string{"1/(3*y^2)"},
		Partial:     [2]PartialFunc{func(_, _, y float64) float64 { return 1 / (3 * (y * y)) }},
		LaTeX:       `\sqrt[3]{$a}`,
	},
	OpFloor: {
		Name: "floor", Funcs: []string{"floor"}, Arity: 1, CallStyle: true, ConstPartials: true, Eval: unary(math.Floor),
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		LaTeX: `\lfloor $a \rfloor`,
		Kink:  jumpAt("floor", "integers", isInteger),
	},
	OpCeil: {
		Name: "ceil", Funcs: []string{"ceil"}, Arity: 1, CallStyle: true, ConstPartials: true, Eval: unary(math.Ceil),
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		LaTeX: `\lceil $a \rceil`,
		Kink:  jumpAt("ceil", "integers", isInteger),
	},
	OpRound: { // to the nearest integer, halves away from zero: round(2.5) = 3, round(-2.5) = -3
		Name: "round", Funcs: []string{"round"}, Arity: 1, CallStyle: true, ConstPartials: true, Eval: unary(math.Round),
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		LaTeX: `\operatorname{round}($a)`,
		Kink: jumpAt("round", "halves", func(a float64) bool {
			f := math.Abs(a - math.Trunc(a))
			return f == 0.5
		}),
	},
	OpSign: {
		Name: "sign", Funcs: []string{"sign"}, Arity: 1, CallStyle: true, ConstPartials: true,
		Eval: func(a, _ float64) float64 {
			switch {
			case a > 0:
				return 1
			case a < 0:
				return -1
			}
			return a // ±0, NaN
		},
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		LaTeX: `\operatorname{sign} $a`,
		Kink:  jumpAt("sign", "0", func(a float64) bool { return a == 0 }),
	},
	OpStep: { // Heaviside's step: 1 for a > 0, else 0
		Name: "step", Funcs: []string{"step"}, Arity: 1, CallStyle: true, ConstPartials: true,
		Eval:        func(a, _ float64) float64 { return indicator(a > 0) },
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		LaTeX: `\operatorname{step}($a)`,
		Kink:  jumpAt("step", "0", func(a float64) bool { return a == 0 }),
	},
	OpLt: comparison("lt", "<", `<`, func(a, b float64) bool { return a < b }),
	OpLe: comparison("le", "≤", `\leq`, func(a, b float64) bool { return a <= b }),
	OpGt: comparison("gt", ">", `>`, func(a, b float64) bool { return a > b }),
	OpGe: comparison("ge", "≥", `\geq`, func(a, b float64) bool { return a >= b }),
	OpEq: comparison("eq", "==", `==`, func(a, b float64) bool { return a == b }),
	OpNe: comparison("ne", "≠", `\neq`, func(a, b float64) bool { return a != b }),
	OpAnd: { // a value is true when it is not 0 (NaN is true)
		Name: "and", Arity: 2, ConstPartials: true,
		Eval:        func(a, b float64) float64 { return indicator(a != 0 && b != 0) },
		PartialExpr: [2]string{"0", "0"}, Partial: [2]PartialFunc{zero, zero},
		Text: "$a and $b", LaTeX: `$a \land $b`, prec: precAnd,
	},
	OpOr: {
		Name: "or", Arity: 2, ConstPartials: true,
		Eval:        func(a, b float64) float64 { return indicator(a != 0 || b != 0) },
		PartialExpr: [2]string{"0", "0"}, Partial: [2]PartialFunc{zero, zero},
		Text: "$a or $b", LaTeX: `$a \lor $b`, prec: precOr,
	},
	OpNot: {
		Name: "not", Arity: 1, ConstPartials: true,
		Eval:        func(a, _ float64) float64 { return indicator(a == 0) },
		PartialExpr: [2]string{"0"}, Partial: [2]PartialFunc{zero},
		Text: "not $a", LaTeX: `\lnot $a`, prec: precNot,
	},
}

// comparison builds the row of a comparison: 1 or 0, derivative 0, a jump
// where its arguments are equal.
func comparison(name, text, latex string, f func(a, b float64) bool) Rule {
	return Rule{
		Name: name, Arity: 2, ConstPartials: true,
		Eval:        func(a, b float64) float64 { return indicator(f(a, b)) },
		PartialExpr: [2]string{"0", "0"}, Partial: [2]PartialFunc{zero, zero},
		Text: "$a " + text + " $b", LaTeX: "$a " + latex + " $b", prec: precCmp,
		Kink: func(a, b float64) string {
			if a == b {
				return fmt.Sprintf("a %s b jumps where its arguments are equal (here both are %s); the derivative 0 of its flat pieces is used", text, fmtNum(a))
			}
			return ""
		},
	}
}

// unary adapts a function of one argument to Eval.
func unary(f func(float64) float64) func(a, b float64) float64 {
	return func(a, _ float64) float64 { return f(a) }
}

// Partials returns both partials at (a, b) where y = Eval(a, b); ∂y/∂b is 0
// for unary rules.
func (r *Rule) Partials(a, b, y float64) (da, db float64) {
	da = r.Partial[0](a, b, y)
	if r.Partial[1] != nil {
		db = r.Partial[1](a, b, y)
	}
	return da, db
}

func zero(_, _, _ float64) float64     { return 0 }
func one(_, _, _ float64) float64      { return 1 }
func minusOne(_, _, _ float64) float64 { return -1 }

func indicator(c bool) float64 {
	if c {
		return 1
	}
	return 0
}

// divOr0 returns a/y, or 0 when y is 0 (hypot's subgradient at the origin).
func divOr0(a, y float64) float64 {
	if y == 0 {
		return 0
	}
	return a / y
}

// twoOverSqrtPi is 2/√π as the expression 2/sqrt(pi) evaluates it.
var twoOverSqrtPi = 2 / math.Sqrt(math.Pi)

func isInteger(a float64) bool { return a == math.Trunc(a) && !math.IsInf(a, 0) }

// jumpAt returns the Kink of a piecewise constant function that jumps
// where at(a) holds.
func jumpAt(name, where string, at func(float64) bool) func(a, b float64) string {
	return func(a, _ float64) string {
		if at(a) {
			return fmt.Sprintf("%s jumps at %s (here %s); the derivative 0 of its flat pieces is used", name, where, fmtNum(a))
		}
		return ""
	}
}

// tie returns the Kink of max or min.
func tie(name string) func(a, b float64) string {
	return func(a, b float64) string {
		if a == b {
			return name + " is not differentiable at a tie (both arguments " + fmtNum(a) + "); the first argument is taken: ∂/∂a = 1, ∂/∂b = 0"
		}
		return ""
	}
}

func positive(name string, a float64) string {
	switch {
	case a < 0:
		return fmt.Sprintf("%s of a negative number (%s)", name, fmtNum(a))
	case a == 0:
		return name + " of 0 is -Inf"
	}
	return ""
}

func outside(name string, a, lo, hi float64) string {
	if a < lo || a > hi {
		return fmt.Sprintf("%s is defined on [%s, %s]; its argument is %s", name, fmtNum(lo), fmtNum(hi), fmtNum(a))
	}
	return ""
}

// funcs maps the function names of the language to their ops.
var funcs = func() map[string]Op {
	m := map[string]Op{}
	for op := range Rules {
		for _, f := range Rules[op].Funcs {
			m[f] = Op(op)
		}
	}
	return m
}()

// constants are the named constants of the language.
var constants = map[string]float64{"pi": math.Pi, "e": math.E}

// fmtNum formats a number for messages with 4 significant digits.
func fmtNum(x float64) string { return FormatNumber(x, 4) }

package ad

import (
	"fmt"
	"math"

	"github.com/adviz/adviz/ad/internal/crmath"
)

// Rule is one primitive operation: how to evaluate it, its local partial
// derivatives and how to write it. Every primitive is unary or binary.
// Forward mode (tangents, dual numbers) and reverse mode (adjoints) both use
// Partials; no derivative is written anywhere else.
//
// Templates: in Text, LaTeX, PartialText and PartialLaTeX, $a and $b stand
// for the arguments, $y for the result and $c for $a to the power $b - 1,
// written simply when $b is a constant ("v0" for $b = 2, "v0^2" for $b = 3).
type Rule struct {
	Name  string   // operation name, as in JSON output: "add", "sin"
	Funcs []string // names callable in programs ("ln", "log"); none for operators
	Arity int      // 1 or 2

	// Eval returns the result at (a, b); b is 0 for unary rules.
	Eval func(a, b float64) float64
	// Partial[0] and Partial[1] return ∂y/∂a and ∂y/∂b at (a, b), where
	// y = Eval(a, b); Partial[1] is nil for unary rules. At a
	// non-differentiable point they return a one-sided derivative and Kink
	// says which.
	Partial [2]func(a, b, y float64) float64
	// ConstPartials says that Partial returns the same numbers at every
	// point (a sum, a difference, a negation), so the compiled graph asks
	// for them once instead of at every adjoint step.
	ConstPartials bool

	Text         string    // plain-text formula, e.g. "ln $a"
	LaTeX        string    // LaTeX formula, e.g. `\ln $a`
	PartialText  [2]string // plain-text ∂y/∂a and ∂y/∂b, e.g. "1/$a"
	PartialLaTeX [2]string // LaTeX ∂y/∂a and ∂y/∂b

	// Domain returns why (a, b) is outside the domain (e.g. ln of a negative
	// number, division by zero), or "".
	Domain func(a, b float64) string
	// Kink returns, at a point where the rule is not differentiable, which
	// one-sided derivative Partials used; else "".
	Kink func(a, b float64) string

	// prec is the precedence of Text, for parenthesizing nested formulas.
	prec int
}

// Formula precedences for parenthesizing.
const (
	precSum   = 1 // a + b, a - b
	precProd  = 2 // a × b, a / b
	precUnary = 3 // -a
	precPow   = 4 // a^b
	precAtom  = 5 // names, numbers, f(x)
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
		Eval:    func(a, _ float64) float64 { return a },
		Partial: [2]func(a, b, y float64) float64{func(_, _, _ float64) float64 { return 0 }},
		Text:    "$a", LaTeX: "$a",
		PartialText: [2]string{"0"}, PartialLaTeX: [2]string{"0"},
		prec: precAtom,
	},
	OpNeg: {
		Name: "neg", Arity: 1, ConstPartials: true,
		Eval:    func(a, _ float64) float64 { return -a },
		Partial: [2]func(a, b, y float64) float64{func(_, _, _ float64) float64 { return -1 }},
		Text:    "-$a", LaTeX: "-$a",
		PartialText: [2]string{"-1"}, PartialLaTeX: [2]string{"-1"},
		prec: precUnary,
	},
	OpAdd: {
		Name: "add", Arity: 2, ConstPartials: true,
		Eval:    func(a, b float64) float64 { return a + b },
		Partial: [2]func(a, b, y float64) float64{one, one},
		Text:    "$a + $b", LaTeX: "$a + $b",
		PartialText: [2]string{"1", "1"}, PartialLaTeX: [2]string{"1", "1"},
		prec: precSum,
	},
	OpSub: {
		Name: "sub", Arity: 2, ConstPartials: true,
		Eval:    func(a, b float64) float64 { return a - b },
		Partial: [2]func(a, b, y float64) float64{one, func(_, _, _ float64) float64 { return -1 }},
		Text:    "$a - $b", LaTeX: "$a - $b",
		PartialText: [2]string{"1", "-1"}, PartialLaTeX: [2]string{"1", "-1"},
		prec: precSum,
	},
	OpMul: {
		Name: "mul", Arity: 2,
		Eval: func(a, b float64) float64 { return a * b },
		Partial: [2]func(a, b, y float64) float64{
			func(_, b, _ float64) float64 { return b },
			func(a, _, _ float64) float64 { return a },
		},
		Text: "$a × $b", LaTeX: `$a \times $b`,
		PartialText: [2]string{"$b", "$a"}, PartialLaTeX: [2]string{"$b", "$a"},
		prec: precProd,
	},
	OpDiv: {
		Name: "div", Arity: 2,
		Eval: func(a, b float64) float64 { return a / b },
		Partial: [2]func(a, b, y float64) float64{
			func(_, b, _ float64) float64 { return 1 / b },
			func(a, b, _ float64) float64 { return -(a / b) / b },
		},
		Text: "$a / $b", LaTeX: `\frac{$a}{$b}`,
		PartialText:  [2]string{"1/$b", "-$a/$b^2"},
		PartialLaTeX: [2]string{`\frac{1}{$b}`, `-\frac{$a}{$b^{2}}`},
		Domain: func(a, b float64) string {
			if b == 0 {
				return "division by zero"
			}
			return ""
		},
		prec: precProd,
	},
	OpPow: {
		Name: "pow", Funcs: []string{"pow"}, Arity: 2,
		Eval: crmath.Pow,
		Partial: [2]func(a, b, y float64) float64{
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
		Text: "$a^$b", LaTeX: "$a^{$b}",
		PartialText:  [2]string{"$b×$c", "$y×ln($a)"},
		PartialLaTeX: [2]string{"$b $c", `$y \ln $a`},
		Domain: func(a, b float64) string {
			switch {
			case a < 0 && b != math.Trunc(b) && !math.IsInf(b, 0):
				return fmt.Sprintf("negative base %s with a non-integer exponent %s", fmtNum(a), fmtNum(b))
			case a == 0 && b < 0:
				return fmt.Sprintf("0 to the negative power %s", fmtNum(b))
			}
			return ""
		},
		prec: precPow,
	},
	OpSin: unary("sin", crmath.Sin,
		func(a, _ float64) float64 { return crmath.Cos(a) },
		`\sin $a`, "cos($a)", `\cos $a`),
	OpCos: unary("cos", crmath.Cos,
		func(a, _ float64) float64 { return -crmath.Sin(a) },
		`\cos $a`, "-sin($a)", `-\sin $a`),
	OpTan: unary("tan", crmath.Tan,
		func(_, y float64) float64 { return 1 + y*y },
		`\tan $a`, "1 + $y^2", `1 + $y^{2}`),
	OpAsin: domain(unary("asin", crmath.Asin,
		func(a, _ float64) float64 { return 1 / math.Sqrt(1-a*a) },
		`\arcsin $a`, "1/sqrt(1 - $a^2)", `\frac{1}{\sqrt{1 - $a^{2}}}`),
		func(a, _ float64) string { return outside("asin", a, -1, 1) }),
	OpAcos: domain(unary("acos", crmath.Acos,
		func(a, _ float64) float64 { return -1 / math.Sqrt(1-a*a) },
		`\arccos $a`, "-1/sqrt(1 - $a^2)", `-\frac{1}{\sqrt{1 - $a^{2}}}`),
		func(a, _ float64) string { return outside("acos", a, -1, 1) }),
	OpAtan: unary("atan", crmath.Atan,
		func(a, _ float64) float64 { return 1 / (1 + a*a) },
		`\arctan $a`, "1/(1 + $a^2)", `\frac{1}{1 + $a^{2}}`),
	OpSinh: unary("sinh", crmath.Sinh,
		func(a, _ float64) float64 { return crmath.Cosh(a) },
		`\sinh $a`, "cosh($a)", `\cosh $a`),
	OpCosh: unary("cosh", crmath.Cosh,
		func(a, _ float64) float64 { return crmath.Sinh(a) },
		`\cosh $a`, "sinh($a)", `\sinh $a`),
	OpTanh: unary("tanh", crmath.Tanh,
		func(_, y float64) float64 { return 1 - y*y },
		`\tanh $a`, "1 - $y^2", `1 - $y^{2}`),
	OpExp: unary("exp", crmath.Exp,
		func(_, y float64) float64 { return y },
		`\exp $a`, "$y", "$y"),
	OpLn: domain(unary("ln", crmath.Log,
		func(a, _ float64) float64 { return 1 / a },
		`\ln $a`, "1/$a", `\frac{1}{$a}`, "log"),
		func(a, _ float64) string { return positive("ln", a) }),
	OpLog2: domain(unary("log2", crmath.Log2,
		func(a, _ float64) float64 { return 1 / (a * math.Ln2) },
		`\log_2 $a`, "1/($a×ln 2)", `\frac{1}{$a \ln 2}`),
		func(a, _ float64) string { return positive("log2", a) }),
	OpLog10: domain(unary("log10", crmath.Log10,
		func(a, _ float64) float64 { return 1 / (a * math.Ln10) },
		`\log_{10} $a`, "1/($a×ln 10)", `\frac{1}{$a \ln 10}`),
		func(a, _ float64) string { return positive("log10", a) }),
	OpSqrt: domain(unary("sqrt", math.Sqrt,
		func(_, y float64) float64 { return 0.5 / y },
		`\sqrt{$a}`, "1/(2×$y)", `\frac{1}{2 $y}`),
		func(a, _ float64) string {
			if a < 0 {
				return fmt.Sprintf("sqrt of a negative number (%s)", fmtNum(a))
			}
			return ""
		}),
	OpAbs: kink(unary("abs", math.Abs,
		func(a, _ float64) float64 {
			if a < 0 {
				return -1
			}
			return 1
		},
		`\lvert $a \rvert`, "sign($a)", `\operatorname{sign} $a`),
		func(a, _ float64) string {
			if a == 0 {
				return "abs is not differentiable at 0; the right derivative +1 is used"
			}
			return ""
		}),
	OpSigmoid: unary("sigmoid", sigmoid,
		func(_, y float64) float64 { return y * (1 - y) },
		`\sigma($a)`, "$y×(1 - $y)", `$y (1 - $y)`),
	OpRelu: kink(unary("relu", func(a float64) float64 {
		if a > 0 {
			return a
		}
		if a != a {
			return a
		}
		return 0
	},
		func(a, _ float64) float64 {
			if a > 0 {
				return 1
			}
			return 0
		},
		`\operatorname{relu}($a)`, "step($a)", `\operatorname{step}($a)`),
		func(a, _ float64) string {
			if a == 0 {
				return "relu is not differentiable at 0; the left derivative 0 is used"
			}
			return ""
		}),
	OpSoftplus: unary("softplus", softplus,
		func(a, _ float64) float64 { return sigmoid(a) },
		`\operatorname{softplus}($a)`, "sigmoid($a)", `\sigma($a)`),
	OpMax: {
		Name: "max", Funcs: []string{"max"}, Arity: 2,
		Eval: func(a, b float64) float64 {
			if a >= b || a != a {
				return a
			}
			return b
		},
		Partial: [2]func(a, b, y float64) float64{
			func(a, b, _ float64) float64 { return indicator(a >= b) },
			func(a, b, _ float64) float64 { return indicator(!(a >= b)) },
		},
		Text: "max($a, $b)", LaTeX: `\max($a, $b)`,
		PartialText:  [2]string{"[$a ≥ $b]", "[$a < $b]"},
		PartialLaTeX: [2]string{`[$a \geq $b]`, `[$a < $b]`},
		Kink: func(a, b float64) string {
			if a == b {
				return "max is not differentiable at a tie (both arguments " + fmtNum(a) + "); the first argument is taken: ∂/∂a = 1, ∂/∂b = 0"
			}
			return ""
		},
		prec: precAtom,
	},
	OpMin: {
		Name: "min", Funcs: []string{"min"}, Arity: 2,
		Eval: func(a, b float64) float64 {
			if a <= b || a != a {
				return a
			}
			return b
		},
		Partial: [2]func(a, b, y float64) float64{
			func(a, b, _ float64) float64 { return indicator(a <= b) },
			func(a, b, _ float64) float64 { return indicator(!(a <= b)) },
		},
		Text: "min($a, $b)", LaTeX: `\min($a, $b)`,
		PartialText:  [2]string{"[$a ≤ $b]", "[$a > $b]"},
		PartialLaTeX: [2]string{`[$a \leq $b]`, `[$a > $b]`},
		Kink: func(a, b float64) string {
			if a == b {
				return "min is not differentiable at a tie (both arguments " + fmtNum(a) + "); the first argument is taken: ∂/∂a = 1, ∂/∂b = 0"
			}
			return ""
		},
		prec: precAtom,
	},
}

// unary builds the row of a function of one argument. d returns the
// derivative given the argument and the result.
func unary(name string, f func(float64) float64, d func(a, y float64) float64, latex, dtext, dlatex string, aliases ...string) Rule {
	// Baydin's style for the classic functions ("ln v-1", "sin v0"),
	// call style for the others ("sqrt(v0)", "relu(v1)").
	text, prec := name+" $a", precUnary
	switch name {
	case "sqrt", "abs", "sigmoid", "relu", "softplus":
		text, prec = name+"($a)", precAtom
	}
	return Rule{
		Name:  name,
		Funcs: append([]string{name}, aliases...),
		Arity: 1,
		Eval:  func(a, _ float64) float64 { return f(a) },
		Partial: [2]func(a, b, y float64) float64{
			func(a, _, y float64) float64 { return d(a, y) },
		},
		Text:         text,
		LaTeX:        latex,
		PartialText:  [2]string{dtext},
		PartialLaTeX: [2]string{dlatex},
		prec:         prec,
	}
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

func one(_, _, _ float64) float64 { return 1 }

func indicator(c bool) float64 {
	if c {
		return 1
	}
	return 0
}

func domain(r Rule, f func(a, b float64) string) Rule { r.Domain = f; return r }
func kink(r Rule, f func(a, b float64) string) Rule   { r.Kink = f; return r }

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

// sigmoid and softplus are correctly rounded (see ad/internal/crmath).
var (
	sigmoid  = crmath.Sigmoid
	softplus = crmath.Softplus
)

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

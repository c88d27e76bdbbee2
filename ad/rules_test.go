package ad

import (
	"math"
	"strings"
	"testing"
)

var (
	inf  = math.Inf(1)
	nan  = math.NaN()
	negz = math.Copysign(0, -1)
)

// ruleCase is one test row of a primitive: arguments, the value and the
// partials expected there, and whether a domain error or a kink is
// reported.
type ruleCase struct {
	a, b   float64
	y      float64
	da, db float64
	domain bool // Domain reports a message
	kink   bool // Kink reports a message
}

// ruleTests has test rows for every row of Rules (TestEveryRuleHasTests).
var ruleTests = map[Op][]ruleCase{
	OpConst: {{a: 3, y: 3}, {a: nan, y: nan}},
	OpNeg: {
		{a: 2, y: -2, da: -1}, {a: 0, y: negz, da: -1}, {a: inf, y: -inf, da: -1}, {a: nan, y: nan, da: -1},
	},
	OpAdd: {
		{a: 2, b: 3, y: 5, da: 1, db: 1}, {a: inf, b: -inf, y: nan, da: 1, db: 1},
		{a: negz, b: negz, y: negz, da: 1, db: 1}, {a: nan, b: 1, y: nan, da: 1, db: 1},
	},
	OpSub: {
		{a: 2, b: 3, y: -1, da: 1, db: -1}, {a: inf, b: inf, y: nan, da: 1, db: -1}, {a: 0, b: 0, y: 0, da: 1, db: -1},
	},
	OpMul: {
		{a: 2, b: 5, y: 10, da: 5, db: 2}, {a: 0, b: inf, y: nan, da: inf, db: 0},
		{a: negz, b: 3, y: negz, da: 3, db: negz}, {a: nan, b: 2, y: nan, da: 2, db: nan},
	},
	OpDiv: {
		{a: 1, b: 2, y: 0.5, da: 0.5, db: -0.25}, {a: 1, b: 0, y: inf, da: inf, db: -inf, domain: true},
		{a: 0, b: 0, y: nan, da: inf, db: nan, domain: true}, {a: 1, b: negz, y: -inf, da: -inf, db: -inf, domain: true},
		{a: 6, b: inf, y: 0, da: 0, db: negz},
	},
	OpPow: {
		{a: 2, b: 3, y: 8, da: 12, db: 8 * math.Ln2}, {a: 2, b: 0.5, y: math.Sqrt2, da: 0.5 / math.Sqrt2, db: math.Sqrt2 * math.Ln2},
		{a: -2, b: 2, y: 4, da: -4, db: nan}, {a: -2, b: 0.5, y: nan, da: nan, db: nan, domain: true},
		{a: 0, b: 2, y: 0, da: 0, db: 0}, {a: 0, b: 0.5, y: 0, da: inf, db: 0},
		{a: 0, b: -1, y: inf, da: -inf, db: -inf, domain: true}, {a: 5, b: 0, y: 1, da: 0, db: math.Log(5)},
		{a: 3, b: 1, y: 3, da: 1, db: 3 * math.Log(3)},
	},
	OpSin: {{a: 0, y: 0, da: 1}, {a: math.Pi / 2, y: 1, da: 6.123233995736766e-17}, {a: inf, y: nan, da: nan}, {a: negz, y: negz, da: 1}},
	OpCos: {{a: 0, y: 1, da: negz}, {a: math.Pi / 2, y: 6.123233995736766e-17, da: -1}, {a: inf, y: nan, da: nan}},
	OpTan: {{a: 0, y: 0, da: 1}, {a: math.Pi / 4, y: math.Tan(math.Pi / 4), da: 1 + math.Tan(math.Pi/4)*math.Tan(math.Pi/4)}, {a: nan, y: nan, da: nan}},
	OpAsin: {
		{a: 0, y: 0, da: 1}, {a: 0.5, y: math.Asin(0.5), da: 1 / math.Sqrt(0.75)},
		{a: 1, y: math.Pi / 2, da: inf}, {a: 2, y: nan, da: nan, domain: true},
	},
	OpAcos: {
		{a: 0, y: math.Pi / 2, da: -1}, {a: -1, y: math.Pi, da: -inf}, {a: -1.5, y: nan, da: nan, domain: true},
	},
	OpAtan: {{a: 0, y: 0, da: 1}, {a: 1, y: math.Pi / 4, da: 0.5}, {a: inf, y: math.Pi / 2, da: 0}},
	OpSinh: {{a: 0, y: 0, da: 1}, {a: 1, y: math.Sinh(1), da: math.Cosh(1)}, {a: -inf, y: -inf, da: inf}},
	OpCosh: {{a: 0, y: 1, da: 0}, {a: 1, y: math.Cosh(1), da: math.Sinh(1)}, {a: 1000, y: inf, da: inf}},
	OpTanh: {{a: 0, y: 0, da: 1}, {a: 1, y: math.Tanh(1), da: 1 - math.Tanh(1)*math.Tanh(1)}, {a: inf, y: 1, da: 0}},
	OpExp:  {{a: 0, y: 1, da: 1}, {a: 1, y: math.E, da: math.E}, {a: -inf, y: 0, da: 0}, {a: 1000, y: inf, da: inf}},
	OpLn: {
		{a: 1, y: 0, da: 1}, {a: 2, y: math.Ln2, da: 0.5}, {a: 0, y: -inf, da: inf, domain: true},
		{a: -1, y: nan, da: -1, domain: true}, {a: inf, y: inf, da: 0}, {a: negz, y: -inf, da: -inf, domain: true},
	},
	OpLog2:  {{a: 8, y: 3, da: 1 / (8 * math.Ln2)}, {a: 0, y: -inf, da: inf, domain: true}, {a: -2, y: nan, da: -1 / (2 * math.Ln2), domain: true}},
	OpLog10: {{a: 100, y: 2, da: 1 / (100 * math.Ln10)}, {a: -1, y: nan, da: -1 / math.Ln10, domain: true}},
	OpSqrt: {
		{a: 4, y: 2, da: 0.25}, {a: 0, y: 0, da: inf}, {a: -1, y: nan, da: nan, domain: true}, {a: inf, y: inf, da: 0},
	},
	OpAbs: {{a: -3, y: 3, da: -1}, {a: 3, y: 3, da: 1}, {a: 0, y: 0, da: 1, kink: true}, {a: negz, y: 0, da: 1, kink: true}, {a: -inf, y: inf, da: -1}},
	OpSigmoid: {
		{a: 0, y: 0.5, da: 0.25}, {a: 800, y: 1, da: 0}, {a: -800, y: 0, da: 0}, {a: 2, y: 0.8807970779778824, da: 0.8807970779778824 * (1 - 0.8807970779778824)},
	},
	OpRelu: {{a: 2, y: 2, da: 1}, {a: -2, y: 0, da: 0}, {a: 0, y: 0, da: 0, kink: true}, {a: nan, y: nan, da: 0}},
	OpSoftplus: {
		{a: 0, y: math.Ln2, da: 0.5}, {a: 800, y: 800, da: 1}, {a: -800, y: 0, da: 0}, {a: 1, y: math.Log(1 + math.E), da: 1 / (1 + math.Exp(-1))},
	},
	OpMax: {
		{a: 1, b: 2, y: 2, da: 0, db: 1}, {a: 3, b: 2, y: 3, da: 1, db: 0}, {a: 2, b: 2, y: 2, da: 1, db: 0, kink: true},
		{a: nan, b: 1, y: nan, da: 0, db: 1}, {a: 1, b: nan, y: nan, da: 0, db: 1},
	},
	OpMin: {
		{a: 1, b: 2, y: 1, da: 1, db: 0}, {a: 3, b: 2, y: 2, da: 0, db: 1}, {a: 2, b: 2, y: 2, da: 1, db: 0, kink: true},
		{a: nan, b: 1, y: nan, da: 0, db: 1},
	},
}

// same compares floats: NaN equals NaN, signed zeros must match, and finite
// values may differ by a few ulps.
func same(got, want float64) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case want == 0:
		return got == 0 && math.Signbit(got) == math.Signbit(want)
	case math.IsInf(want, 0):
		return got == want
	}
	return math.Abs(got-want) <= 4e-16*math.Abs(want)
}

func TestEveryRuleHasTests(t *testing.T) {
	for op := OpConst; op < numOps; op++ {
		r := &Rules[op]
		if len(ruleTests[op]) == 0 {
			t.Errorf("rule %s has no test rows in ruleTests", r.Name)
		}
		switch {
		case r.Name == "":
			t.Errorf("op %d has no name", op)
		case r.Eval == nil || r.Partial[0] == nil || (r.Arity == 2) != (r.Partial[1] != nil):
			t.Errorf("rule %s lacks its evaluation or its partials", r.Name)
		case r.Arity != 1 && r.Arity != 2:
			t.Errorf("rule %s: arity %d", r.Name, r.Arity)
		case r.Text == "" || r.LaTeX == "":
			t.Errorf("rule %s lacks its formula text", r.Name)
		}
		for i := 0; i < r.Arity; i++ {
			if r.PartialText[i] == "" || r.PartialLaTeX[i] == "" {
				t.Errorf("rule %s lacks the text of its partial %d", r.Name, i)
			}
		}
		for i := r.Arity; i < 2; i++ {
			if r.PartialText[i] != "" {
				t.Errorf("rule %s has a partial text for argument %d it does not have", r.Name, i)
			}
		}
		for _, tmpl := range []string{r.Text, r.LaTeX} {
			if !strings.Contains(tmpl, "$a") || (r.Arity == 2) != strings.Contains(tmpl, "$b") {
				t.Errorf("rule %s: formula %q does not use its arguments", r.Name, tmpl)
			}
		}
	}
}

func TestRules(t *testing.T) {
	for op, cases := range ruleTests {
		r := &Rules[op]
		for _, c := range cases {
			y := r.Eval(c.a, c.b)
			da, db := r.Partials(c.a, c.b, y)
			if !same(y, c.y) || !same(da, c.da) || (r.Arity == 2 && !same(db, c.db)) {
				t.Errorf("%s(%v, %v) = %v, partials %v, %v; want %v, %v, %v", r.Name, c.a, c.b, y, da, db, c.y, c.da, c.db)
			}
			if r.Arity == 1 && db != 0 {
				t.Errorf("%s: unary rule returns ∂/∂b = %v", r.Name, db)
			}
			gotDomain := r.Domain != nil && r.Domain(c.a, c.b) != ""
			if gotDomain != c.domain {
				t.Errorf("%s(%v, %v): domain error %v, want %v", r.Name, c.a, c.b, gotDomain, c.domain)
			}
			gotKink := r.Kink != nil && r.Kink(c.a, c.b) != ""
			if gotKink != c.kink {
				t.Errorf("%s(%v, %v): kink %v, want %v", r.Name, c.a, c.b, gotKink, c.kink)
			}
		}
	}
}

// TestPartialsMatchDifferences checks every partial against central
// differences at smooth points inside each rule's domain.
func TestPartialsMatchDifferences(t *testing.T) {
	points := [][2]float64{{0.3, 0.7}, {0.9, 1.6}, {2.5, -0.4}, {-0.6, 3}}
	for op := OpNeg; op < numOps; op++ {
		r := &Rules[op]
		for _, p := range points {
			a, b := p[0], p[1]
			if op == OpPow || op == OpLn || op == OpLog2 || op == OpLog10 || op == OpSqrt {
				a = math.Abs(a)
			}
			if op == OpAsin || op == OpAcos {
				a = a / 4
			}
			y := r.Eval(a, b)
			da, db := r.Partials(a, b, y)
			const h = 1e-6
			fa := (r.Eval(a+h, b) - r.Eval(a-h, b)) / (2 * h)
			if math.Abs(fa-da) > 1e-6*math.Max(1, math.Abs(da)) {
				t.Errorf("%s at (%v, %v): ∂/∂a = %v, differences give %v", r.Name, a, b, da, fa)
			}
			if r.Arity == 2 {
				fb := (r.Eval(a, b+h) - r.Eval(a, b-h)) / (2 * h)
				if math.Abs(fb-db) > 1e-6*math.Max(1, math.Abs(db)) {
					t.Errorf("%s at (%v, %v): ∂/∂b = %v, differences give %v", r.Name, a, b, db, fb)
				}
			}
		}
	}
}

// TestConstPartials checks that the rules flagged ConstPartials have the
// same partials everywhere, since the compiled graph asks for them once.
func TestConstPartials(t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), 1, -2.5, 1e308, -1e-308, math.Inf(1), math.Inf(-1), math.NaN()}
	flagged := 0
	for op := OpNeg; op < numOps; op++ {
		r := &Rules[op]
		if !r.ConstPartials {
			continue
		}
		flagged++
		ca, cb := r.Partials(0, 0, 0)
		for _, a := range special {
			for _, b := range special {
				y := r.Eval(a, b)
				da, db := r.Partials(a, b, y)
				if da != ca || (r.Arity == 2 && db != cb) {
					t.Errorf("%s at (%v, %v): partials %v, %v; at (0, 0) %v, %v", r.Name, a, b, da, db, ca, cb)
				}
			}
		}
	}
	if flagged == 0 {
		t.Error("no rule is flagged ConstPartials")
	}
}

// TestFunctionsParse checks every function name of the table is callable
// with its arity and not with another.
func TestFunctionsParse(t *testing.T) {
	for op := range Rules {
		r := &Rules[op]
		for _, f := range r.Funcs {
			args := []string{"x", "x, x"}[r.Arity-1]
			if _, err := Build(f+"("+args+")", []string{"x"}); err != nil {
				t.Errorf("%s(%s): %v", f, args, err)
			}
			wrong := []string{"x, x", "x"}[r.Arity-1]
			_, err := Build(f+"("+wrong+")", []string{"x"})
			if err == nil || !strings.Contains(err.Error(), "argument") {
				t.Errorf("%s(%s): error %v, want an argument-count error", f, wrong, err)
			}
		}
	}
}

func TestDualMatchesRules(t *testing.T) {
	// The free functions are the rows of the table on dual numbers.
	x := Dual{0.7, 1}
	y := Dual{1.3, 0}
	unary := map[Op]func(Dual) Dual{
		OpNeg: Neg, OpSin: Sin, OpCos: Cos, OpTan: Tan, OpAsin: Asin, OpAcos: Acos, OpAtan: Atan,
		OpSinh: Sinh, OpCosh: Cosh, OpTanh: Tanh, OpExp: Exp, OpLn: Ln, OpLog2: Log2, OpLog10: Log10,
		OpSqrt: Sqrt, OpAbs: Abs, OpSigmoid: Sigmoid, OpRelu: Relu, OpSoftplus: Softplus,
	}
	binary := map[Op]func(Dual, Dual) Dual{OpAdd: Add, OpSub: Sub, OpMul: Mul, OpDiv: Div, OpPow: Pow, OpMax: Max, OpMin: Min}
	if got := len(unary) + len(binary) + 1; got != int(numOps)-1 {
		t.Errorf("%d dual functions for %d rules", got-1, numOps-2)
	}
	for op, f := range unary {
		r := &Rules[op]
		v := r.Eval(x.Real, 0)
		d, _ := r.Partials(x.Real, 0, v)
		if got := f(x); got != (Dual{v, d}) {
			t.Errorf("%s(%v) = %v, want %v", r.Name, x, got, Dual{v, d})
		}
	}
	for op, f := range binary {
		r := &Rules[op]
		v := r.Eval(x.Real, y.Real)
		da, _ := r.Partials(x.Real, y.Real, v)
		if got := f(x, y); got != (Dual{v, da}) {
			t.Errorf("%s(%v, %v) = %v, want %v", r.Name, x, y, got, Dual{v, da})
		}
	}
	// A zero tangent contributes nothing, even through a NaN partial.
	if got := Pow(Dual{-2, 1}, Dual{2, 0}); got != (Dual{4, -4}) {
		t.Errorf("Pow(-2+ε, 2) = %v, want 4 - 4ε", got)
	}
	if got := Pow(Dual{-2, 0}, Dual{2, 1}); !math.IsNaN(got.Emag) {
		t.Errorf("Pow(-2, 2+ε) = %v, want a NaN tangent", got)
	}
}

package ad

import (
	"math"
	"math/rand/v2"
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
	OpAtan2: {
		{a: 1, b: 1, y: math.Pi / 4, da: 0.5, db: -0.5}, {a: -1, b: -1, y: -3 * math.Pi / 4, da: -0.5, db: 0.5},
		{a: 0, b: -1, y: math.Pi, da: -1, db: negz}, {a: 1, b: 0, y: math.Pi / 2, da: 0, db: -1},
		{a: 0, b: 0, y: 0, da: nan, db: nan}, {a: inf, b: 1, y: math.Pi / 2, da: 0, db: nan},
	},
	OpHypot: {
		{a: 3, b: 4, y: 5, da: 0.6, db: 0.8}, {a: -3, b: 4, y: 5, da: -0.6, db: 0.8},
		{a: 0, b: 0, y: 0, da: 0, db: 0, kink: true}, {a: 1.5e308, b: 1.5e308, y: inf, da: 0, db: 0},
	},
	OpErf: {
		{a: 0, y: 0, da: 2 / math.Sqrt(math.Pi)}, {a: 1, y: 0.8427007929497149, da: 2 / math.Sqrt(math.Pi) * math.Exp(-1)},
		{a: -inf, y: -1, da: 0}, {a: 30, y: 1, da: 0}, {a: nan, y: nan, da: nan},
	},
	OpLog1p: {
		{a: 0, y: 0, da: 1}, {a: 1, y: math.Ln2, da: 0.5}, {a: -0.5, y: -math.Ln2, da: 2}, {a: inf, y: inf, da: 0},
		{a: -1, y: -inf, da: inf, domain: true}, {a: -2, y: nan, da: -1, domain: true},
	},
	OpExpm1: {
		{a: 0, y: 0, da: 1}, {a: 1, y: 1.7182818284590453, da: math.E}, {a: -inf, y: -1, da: 0}, {a: 1000, y: inf, da: inf},
		{a: 1e-20, y: 1e-20, da: 1},
	},
	OpCbrt: {
		{a: 27, y: 3, da: 1.0 / 27}, {a: -8, y: -2, da: 1.0 / 12}, {a: 0, y: 0, da: inf}, {a: inf, y: inf, da: 0},
	},
	OpFloor: {{a: 2.5, y: 2}, {a: -2.5, y: -3}, {a: 3, y: 3, kink: true}, {a: negz, y: negz, kink: true}, {a: nan, y: nan}},
	OpCeil:  {{a: 2.5, y: 3}, {a: -2.5, y: -2}, {a: -1, y: -1, kink: true}, {a: inf, y: inf}},
	OpRound: {
		{a: 2.5, y: 3, kink: true}, {a: -2.5, y: -3, kink: true}, {a: 2.4, y: 2}, {a: 0.5, y: 1, kink: true}, {a: 3, y: 3},
		{a: -0.4, y: negz},
	},
	OpSign: {{a: 2, y: 1}, {a: -3, y: -1}, {a: 0, y: 0, kink: true}, {a: negz, y: negz, kink: true}, {a: nan, y: nan}, {a: -inf, y: -1}},
	OpStep: {{a: 2, y: 1}, {a: -2, y: 0}, {a: 0, y: 0, kink: true}, {a: nan, y: 0}},
	OpLt:   {{a: 1, b: 2, y: 1}, {a: 2, b: 1, y: 0}, {a: 2, b: 2, y: 0, kink: true}, {a: nan, b: 1, y: 0}},
	OpLe:   {{a: 1, b: 2, y: 1}, {a: 2, b: 2, y: 1, kink: true}, {a: 3, b: 2, y: 0}, {a: -inf, b: inf, y: 1}},
	OpGt:   {{a: 2, b: 1, y: 1}, {a: 1, b: 2, y: 0}, {a: 2, b: 2, y: 0, kink: true}},
	OpGe:   {{a: 2, b: 1, y: 1}, {a: 2, b: 2, y: 1, kink: true}, {a: 1, b: 2, y: 0}, {a: nan, b: nan, y: 0}},
	OpEq:   {{a: 2, b: 2, y: 1, kink: true}, {a: 1, b: 2, y: 0}, {a: nan, b: nan, y: 0}, {a: 0, b: negz, y: 1, kink: true}},
	OpNe:   {{a: 2, b: 2, y: 0, kink: true}, {a: 1, b: 2, y: 1}, {a: nan, b: nan, y: 1}},
	OpAnd:  {{a: 1, b: 1, y: 1}, {a: 1, b: 0, y: 0}, {a: 0, b: 0, y: 0}, {a: 2, b: -3, y: 1}, {a: nan, b: 1, y: 1}},
	OpOr:   {{a: 0, b: 0, y: 0}, {a: 0, b: 1, y: 1}, {a: 1, b: 1, y: 1}, {a: negz, b: 0, y: 0}},
	OpNot:  {{a: 0, y: 1}, {a: 1, y: 0}, {a: -2, y: 0}, {a: negz, y: 1}, {a: nan, y: 0}},
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

// TestEveryRuleHasTests checks that every row of the table has test rows,
// its evaluation, the expression and the closure of each partial, the
// templates printed from the expressions, and its formula text.
func TestEveryRuleHasTests(t *testing.T) {
	for op := OpConst; op < numOps; op++ {
		r := &Rules[op]
		if len(ruleTests[op]) == 0 {
			t.Errorf("rule %s has no test rows in ruleTests", r.Name)
		}
		switch {
		case r.Name == "":
			t.Errorf("op %d has no name", op)
		case r.Arity != 1 && r.Arity != 2:
			t.Errorf("rule %s: arity %d", r.Name, r.Arity)
		case r.Eval == nil || r.Partial[0] == nil || (r.Arity == 2) != (r.Partial[1] != nil):
			t.Errorf("rule %s lacks its evaluation or its partials", r.Name)
		case r.Text == "" || r.LaTeX == "" || r.prec == 0:
			t.Errorf("rule %s lacks its formula text", r.Name)
		}
		for i := 0; i < 2; i++ {
			has := r.PartialExpr[i] != "" && r.PartialText[i] != "" && r.PartialLaTeX[i] != "" && r.partialGraph[i] != nil
			if none := r.PartialExpr[i] == "" && r.PartialText[i] == "" && r.PartialLaTeX[i] == ""; i < r.Arity && !has || i >= r.Arity && !none {
				t.Errorf("rule %s, partial %d: expression %q, text %q, LaTeX %q", r.Name, i, r.PartialExpr[i], r.PartialText[i], r.PartialLaTeX[i])
			}
		}
		for _, tmpl := range []string{r.Text, r.LaTeX} {
			if !strings.Contains(tmpl, "$a") || (r.Arity == 2) != strings.Contains(tmpl, "$b") {
				t.Errorf("rule %s: formula %q does not use its arguments", r.Name, tmpl)
			}
		}
	}
}

// TestPartialTemplates checks the templates printed from the partial
// expressions against the ones written by hand before they were printed
// (and against the chosen forms of the rows added since).
func TestPartialTemplates(t *testing.T) {
	for _, c := range []struct {
		op          Op
		text, latex [2]string
	}{
		{OpConst, [2]string{"0"}, [2]string{"0"}},
		{OpNeg, [2]string{"-1"}, [2]string{"-1"}},
		{OpAdd, [2]string{"1", "1"}, [2]string{"1", "1"}},
		{OpSub, [2]string{"1", "-1"}, [2]string{"1", "-1"}},
		{OpMul, [2]string{"$b", "$a"}, [2]string{"$b", "$a"}},
		{OpDiv, [2]string{"1/$b", "-$a/$b^2"}, [2]string{`\frac{1}{$b}`, `-\frac{$a}{$b^{2}}`}},
		{OpPow, [2]string{"$b×$c", "$y×ln($a)"}, [2]string{"$b $c", `$y \ln $a`}},
		{OpSin, [2]string{"cos($a)"}, [2]string{`\cos $a`}},
		{OpCos, [2]string{"-sin($a)"}, [2]string{`-\sin $a`}},
		{OpTan, [2]string{"1 + $y^2"}, [2]string{`1 + $y^{2}`}},
		{OpAsin, [2]string{"1/sqrt(1 - $a^2)"}, [2]string{`\frac{1}{\sqrt{1 - $a^{2}}}`}},
		{OpAcos, [2]string{"-1/sqrt(1 - $a^2)"}, [2]string{`-\frac{1}{\sqrt{1 - $a^{2}}}`}},
		{OpAtan, [2]string{"1/(1 + $a^2)"}, [2]string{`\frac{1}{1 + $a^{2}}`}},
		{OpSinh, [2]string{"cosh($a)"}, [2]string{`\cosh $a`}},
		{OpCosh, [2]string{"sinh($a)"}, [2]string{`\sinh $a`}},
		{OpTanh, [2]string{"1 - $y^2"}, [2]string{`1 - $y^{2}`}},
		{OpExp, [2]string{"$y"}, [2]string{"$y"}},
		{OpLn, [2]string{"1/$a"}, [2]string{`\frac{1}{$a}`}},
		{OpLog2, [2]string{"1/($a×ln 2)"}, [2]string{`\frac{1}{$a \ln 2}`}},
		{OpLog10, [2]string{"1/($a×ln 10)"}, [2]string{`\frac{1}{$a \ln 10}`}},
		{OpSqrt, [2]string{"1/(2×$y)"}, [2]string{`\frac{1}{2 $y}`}},
		{OpAbs, [2]string{"sign($a)"}, [2]string{`\operatorname{sign} $a`}},
		{OpSigmoid, [2]string{"$y×(1 - $y)"}, [2]string{`$y (1 - $y)`}},
		{OpRelu, [2]string{"step($a)"}, [2]string{`\operatorname{step}($a)`}},
		{OpSoftplus, [2]string{"sigmoid($a)"}, [2]string{`\sigma($a)`}},
		{OpMax, [2]string{"[$a ≥ $b]", "[$a < $b]"}, [2]string{`[$a \geq $b]`, `[$a < $b]`}},
		{OpMin, [2]string{"[$a ≤ $b]", "[$a > $b]"}, [2]string{`[$a \leq $b]`, `[$a > $b]`}},
		{OpAtan2, [2]string{"$b/($a^2 + $b^2)", "-$a/($a^2 + $b^2)"}, [2]string{`\frac{$b}{$a^{2} + $b^{2}}`, `-\frac{$a}{$a^{2} + $b^{2}}`}},
		{OpErf, [2]string{"2/sqrt(pi)×exp(-$a^2)"}, [2]string{`\frac{2}{\sqrt{\pi}} \exp (-$a^{2})`}},
		{OpHypot, [2]string{"$a/$y", "$b/$y"}, [2]string{`\frac{$a}{$y}`, `\frac{$b}{$y}`}},
		{OpLog1p, [2]string{"1/(1 + $a)"}, [2]string{`\frac{1}{1 + $a}`}},
		{OpExpm1, [2]string{"exp($a)"}, [2]string{`\exp $a`}},
		{OpCbrt, [2]string{"1/(3×$y^2)"}, [2]string{`\frac{1}{3 $y^{2}}`}},
		{OpFloor, [2]string{"0"}, [2]string{"0"}},
		{OpLt, [2]string{"0", "0"}, [2]string{"0", "0"}},
		{OpNot, [2]string{"0"}, [2]string{"0"}},
	} {
		r := &Rules[c.op]
		if r.PartialText != c.text || r.PartialLaTeX != c.latex {
			t.Errorf("%s: partials printed %q and %q, want %q and %q", r.Name, r.PartialText, r.PartialLaTeX, c.text, c.latex)
		}
	}
}

// rulePoints returns n random points (a, b) in [-3, 3]² where rule r is
// inside its domain, not at a kink, away from the singular points of the
// usual partials (|a|, |b| >= 0.05) and where both partials stay below
// 100 in size, with y = Eval(a, b).
func rulePoints(r *Rule, rnd *rand.Rand, n int) [][3]float64 {
	var pts [][3]float64
	for tries := 0; len(pts) < n && tries < 100*n; tries++ {
		a, b := 6*rnd.Float64()-3, 0.0
		if r.Arity == 2 {
			b = 6*rnd.Float64() - 3
		}
		if math.Abs(a) < 0.05 || r.Arity == 2 && math.Abs(b) < 0.05 ||
			r.Domain != nil && r.Domain(a, b) != "" || r.Kink != nil && r.Kink(a, b) != "" {
			continue
		}
		y := r.Eval(a, b)
		da, db := r.Partials(a, b, y)
		if math.IsNaN(y) || math.IsInf(y, 0) || !(math.Abs(da) < 100) || !(math.Abs(db) < 100) {
			continue
		}
		pts = append(pts, [3]float64{a, b, y})
	}
	return pts
}

// reordered lists the partials whose closure rounds differently from the
// expression, with the ulps allowed between them.
var reordered = map[[2]int]uint64{{int(OpDiv), 1}: 2}

// ulps returns the distance between x and y in units in the last place.
func ulps(x, y float64) uint64 {
	if x == y {
		return 0
	}
	d := int64(math.Float64bits(x)) - int64(math.Float64bits(y))
	if math.Signbit(x) != math.Signbit(y) {
		return math.MaxUint64
	}
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// TestPartialExprMatchesClosure evaluates every partial's expression (its
// graph over a, b, y) against its Go closure at random points of the
// domain: they agree exactly, except ∂(a/b)/∂b, whose closure computes
// -(a/b)/b instead of the expression's -a/b^2 (so that b² does not
// overflow): two roundings each, within 2 ulps of each other.
func TestPartialExprMatchesClosure(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 13))
	for op := OpConst; op < numOps; op++ {
		r := &Rules[op]
		pts := rulePoints(r, rnd, 200)
		if len(pts) < 100 {
			t.Errorf("%s: only %d points in the domain", r.Name, len(pts))
		}
		for i := 0; i < r.Arity; i++ {
			worst := uint64(0)
			for _, p := range pts {
				got, want := r.partialAt(i, p[0], p[1], p[2]), r.Partial[i](p[0], p[1], p[2])
				if d := ulps(got, want); d > worst {
					worst = d
				}
				if d := ulps(got, want); d > reordered[[2]int{int(op), i}] {
					t.Errorf("%s, partial %d at (%v, %v): expression %q = %v, closure %v", r.Name, i, p[0], p[1], r.PartialExpr[i], got, want)
					break
				}
			}
			if want := reordered[[2]int{int(op), i}]; want > 0 {
				t.Logf("%s, partial %d: expression and closure within %d ulp (allowed %d)", r.Name, i, worst, want)
			}
		}
	}
}

// TestPartialDualSecondDerivatives checks that every row works under
// nesting: the ε parts of PartialDual, the second derivatives ∂²y/∂a²,
// ∂²y/∂a∂b, ∂²y/∂b², agree with central differences of the closure
// partials at random points; their values are the closures' exactly.
// Points where a partial jumps within the difference step (max, abs, ...)
// are skipped.
func TestPartialDualSecondDerivatives(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 19))
	partial := func(r *Rule, i int, a, b float64) float64 { return r.Partial[i](a, b, r.Eval(a, b)) }
	for op := OpConst; op < numOps; op++ {
		r := &Rules[op]
		used, pts := 0, rulePoints(r, rnd, 100)
		for _, p := range pts {
			a, b := p[0], p[1]
			ok := true
			for i := 0; i < r.Arity && ok; i++ {
				for j := 0; j < r.Arity && ok; j++ {
					var da, db float64
					h := 1e-6 * math.Max(1, math.Abs(p[j]))
					if j == 0 {
						da = 1
					} else {
						db = 1
					}
					lo := partial(r, i, a-h*da, b-h*db)
					mid := partial(r, i, a, b)
					hi := partial(r, i, a+h*da, b+h*db)
					if math.Abs(hi-2*mid+lo) > 1e-3*(1+math.Abs(mid)) {
						ok = false // the partial jumps here
						break
					}
					fd := (hi - lo) / (2 * h)
					d := r.PartialDual(i, Dual{a, da}, Dual{b, db})
					if d.Real != r.Partial[i](a, b, p[2]) {
						t.Errorf("%s: PartialDual(%d) at (%v, %v) has value %v, the closure %v", r.Name, i, a, b, d.Real, r.Partial[i](a, b, p[2]))
					}
					if math.Abs(d.Emag-fd) > 1e-6*(1+math.Abs(fd)) {
						t.Errorf("%s: ∂²y/∂%c∂%c at (%v, %v) = %v by PartialDual, %v by differences", r.Name, "ab"[i], "ab"[j], a, b, d.Emag, fd)
					}
				}
			}
			if ok {
				used++
			}
		}
		if used < len(pts)/2 || used == 0 {
			t.Errorf("%s: second derivatives checked at %d of %d points", r.Name, used, len(pts))
		}
	}
	// Known values: sin'' = -sin, tanh'' = -2 tanh (1 - tanh²), (a^b)_ab = a^(b-1)(1 + b ln a).
	for _, c := range []struct {
		op   Op
		i    int
		a, b Dual
		want float64
	}{
		{OpSin, 0, Dual{0.5, 1}, Dual{}, -math.Sin(0.5)},
		{OpTanh, 0, Dual{0.5, 1}, Dual{}, -2 * math.Tanh(0.5) * (1 - math.Tanh(0.5)*math.Tanh(0.5))},
		{OpPow, 0, Dual{2, 0}, Dual{3, 1}, math.Pow(2, 2) * (1 + 3*math.Log(2))},
		{OpMul, 0, Dual{2, 0}, Dual{3, 1}, 1},
		{OpDiv, 1, Dual{2, 0}, Dual{4, 1}, 2 * 2 / 64.0},
	} {
		r := &Rules[c.op]
		if got := r.PartialDual(c.i, c.a, c.b).Emag; math.Abs(got-c.want) > 1e-15*math.Abs(c.want) {
			t.Errorf("%s: PartialDual(%d, %v, %v) ε part %v, want %v", r.Name, c.i, c.a, c.b, got, c.want)
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
// differences of Eval at random smooth points inside each rule's domain.
func TestPartialsMatchDifferences(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 29))
	for op := OpNeg; op < numOps; op++ {
		r := &Rules[op]
		for _, p := range rulePoints(r, rnd, 50) {
			a, b, y := p[0], p[1], p[2]
			d := [2]float64{}
			d[0], d[1] = r.Partials(a, b, y)
			for i := 0; i < r.Arity; i++ {
				h := 1e-6 * math.Max(1, math.Abs(p[i]))
				e := [2]float64{}
				e[i] = h
				lo, hi := r.Eval(a-e[0], b-e[1]), r.Eval(a+e[0], b+e[1])
				if math.Abs(hi-2*y+lo) > 1e-3*(1+math.Abs(y)) {
					continue // a jump (floor, round, a comparison)
				}
				if fd := (hi - lo) / (2 * h); math.Abs(fd-d[i]) > 1e-6*math.Max(1, math.Abs(d[i])) {
					t.Errorf("%s at (%v, %v): ∂/∂%c = %v, differences give %v", r.Name, a, b, "ab"[i], d[i], fd)
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
	// The free functions are rows of the table on dual numbers.
	x := Dual{0.7, 1}
	y := Dual{1.3, 0}
	unary := map[Op]func(Dual) Dual{
		OpNeg: Neg, OpSin: Sin, OpCos: Cos, OpTan: Tan, OpAsin: Asin, OpAcos: Acos, OpAtan: Atan,
		OpSinh: Sinh, OpCosh: Cosh, OpTanh: Tanh, OpExp: Exp, OpLn: Ln, OpLog2: Log2, OpLog10: Log10,
		OpSqrt: Sqrt, OpAbs: Abs, OpSigmoid: Sigmoid, OpRelu: Relu, OpSoftplus: Softplus,
	}
	binary := map[Op]func(Dual, Dual) Dual{OpAdd: Add, OpSub: Sub, OpMul: Mul, OpDiv: Div, OpPow: Pow, OpMax: Max, OpMin: Min}
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
	// Every row through Apply.
	for op := OpConst; op < numOps; op++ {
		r := &Rules[op]
		v := r.Eval(x.Real, y.Real)
		da, _ := r.Partials(x.Real, y.Real, v)
		if got := Apply(op, x, y); got != (Dual{v, da}) && !(math.IsNaN(v) && math.IsNaN(got.Real)) {
			t.Errorf("Apply(%s, %v, %v) = %v, want %v", r.Name, x, y, got, Dual{v, da})
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

// TestRowErrors checks that a malformed row is refused at init with a
// message that says what is wrong.
func TestRowErrors(t *testing.T) {
	for _, c := range []struct {
		row  Rule
		want string
	}{
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 1}, "no expression for its partial 0"},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 1, PartialExpr: [2]string{"b"}}, `partial "b" reads b; it may read a and y`},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 2, CallStyle: true, PartialExpr: [2]string{"x", "1"}}, `partial "x" reads x; it may read a, b and y`},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 1, PartialExpr: [2]string{"1", "1"}}, "an expression for a partial 1 it does not have"},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 1, PartialExpr: [2]string{"1/(a"}}, `partial "1/(a": 1:5: `},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 1, PartialExpr: [2]string{"c = a; c"}}, "is not one expression"},
		{Rule{Name: "f", Funcs: []string{"f"}, Arity: 2, PartialExpr: [2]string{"1", "1"}}, "a function of two arguments is written in call style"},
		{Rule{Name: "op", Arity: 2, PartialExpr: [2]string{"1", "1"}}, "an operator needs its Text"},
	} {
		r := c.row
		err := r.makeText()
		if err == nil {
			err = r.compile()
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.row.PartialExpr, err, c.want)
		}
	}
}

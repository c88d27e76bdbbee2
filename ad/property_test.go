package ad_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/Knetic/govaluate"

	"github.com/adviz/adviz/ad"
)

func propertyCount(t *testing.T) int {
	if testing.Short() {
		return 200
	}
	return 1500
}

// TestForwardEqualsReverse: on random programs the full Jacobians of the two
// modes agree to 1e-12 relative (to the larger of the entries and the sum
// of the magnitudes of the terms they add up, see absJacobian), and the
// traces give the same numbers as the fast paths.
func TestForwardEqualsReverse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < propertyCount(t); i++ {
		n := 1 + r.IntN(4)
		p := randomProgram(r, n, false)
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.src)
		}
		x := randomPoint(r, n)
		fwd := g.Jacobian(x, ad.Forward)
		rev := g.Jacobian(x, ad.Reverse)
		if fwd.Sweeps != n || rev.Sweeps != len(g.Outputs) {
			t.Fatalf("sweeps %d and %d for n = %d, m = %d", fwd.Sweeps, rev.Sweeps, n, len(g.Outputs))
		}
		if msg := modesDisagree(g, x, 1e-12); msg != "" {
			t.Fatalf("%s\n%s", msg, describe(p, x))
		}
		// One traced sweep of each mode gives the same numbers as the fast paths.
		tf := g.Trace(x, ad.Forward, nil)
		tr := g.Trace(x, ad.Reverse, nil)
		for k, o := range g.Outputs {
			if tf.Tangent[o.Node] != fwd.J[k][0] {
				t.Fatalf("traced tangent %v, Jacobian %v\n%s", tf.Tangent[o.Node], fwd.J[k][0], describe(p, x))
			}
		}
		for j := range x {
			if tr.Adjoint[j] != rev.J[0][j] {
				t.Fatalf("traced adjoint %v, Jacobian %v\n%s", tr.Adjoint[j], rev.J[0][j], describe(p, x))
			}
		}
		ybar := make([]float64, len(g.Outputs))
		ybar[0] = 1
		if _, grad := g.Gradient(x, ybar); normDiff(grad, rev.J[0]) != 0 {
			t.Fatalf("Gradient %v, Jacobian row %v", grad, rev.J[0])
		}
	}
}

// TestAgreesWithDifferences: on random smooth programs both modes agree with
// central differences.
func TestAgreesWithDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < propertyCount(t); i++ {
		n := 1 + r.IntN(3)
		p := randomProgram(r, n, true)
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.src)
		}
		x := randomPoint(r, n)
		y := g.Value(x)
		for k := range g.Outputs {
			// Central differences are good to about h²|f‴|/6 (truncation)
			// plus ε|f|/h (rounding), so, as a gradient check does, take the
			// best step of a few: it must agree to 1e-6 relative (or 1e-9
			// (1 + |f|) absolute, for gradients near zero).
			best := math.Inf(1)
			var c *ad.FDCheck
			for _, h := range []float64{1e-3, 1e-4, 1e-5, 1e-6, 1e-7} {
				c = g.FiniteDiff(x, k, h)
				d := normDiff(c.AD, c.FD)
				if c.MaxAbs <= 1e-9*(1+math.Abs(y[k])) {
					d = 0
				}
				best = math.Min(best, d)
			}
			if best > 1e-6 || math.IsNaN(best) {
				t.Fatalf("output %d: AD %v, differences %v (%g)\n%s", k, c.AD, c.FD, best, describe(p, x))
			}
		}
	}
}

// TestAgreesWithGovaluate: primal values agree with an independent
// evaluator, github.com/Knetic/govaluate, on the programs it can evaluate.
func TestAgreesWithGovaluate(t *testing.T) {
	funcs := map[string]govaluate.ExpressionFunction{}
	unary := map[string]func(float64) float64{
		"sin": math.Sin, "cos": math.Cos, "tanh": math.Tanh, "exp": math.Exp, "ln": math.Log,
		"sqrt": math.Sqrt, "atan": math.Atan, "asin": math.Asin, "abs": math.Abs,
		"sigmoid": func(x float64) float64 { return 1 / (1 + math.Exp(-x)) },
		"relu":    func(x float64) float64 { return math.Max(x, 0) },
	}
	for name, f := range unary {
		funcs[name] = func(args ...any) (any, error) { return f(args[0].(float64)), nil }
	}
	funcs["max"] = func(args ...any) (any, error) { return math.Max(args[0].(float64), args[1].(float64)), nil }
	funcs["min"] = func(args ...any) (any, error) { return math.Min(args[0].(float64), args[1].(float64)), nil }
	r := rand.New(rand.NewPCG(5, 6))
	checked := 0
	for i := 0; i < propertyCount(t); i++ {
		n := 1 + r.IntN(4)
		p := randomProgram(r, n, false)
		if p.outputs != 1 {
			continue
		}
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.src)
		}
		e, err := govaluate.NewEvaluableExpressionWithFunctions(p.gv, funcs)
		if err != nil {
			t.Fatalf("govaluate cannot parse %s: %v", p.gv, err)
		}
		x := randomPoint(r, n)
		params := map[string]any{}
		for j, name := range p.inputs {
			params[name] = x[j]
		}
		v, err := e.Evaluate(params)
		if err != nil {
			t.Fatalf("govaluate: %v\n%s", err, p.gv)
		}
		want := v.(float64)
		got := g.Value(x)[0]
		if d := math.Abs(got - want); d > 1e-12*math.Max(1, math.Abs(want)) || math.IsNaN(got) != math.IsNaN(want) {
			t.Fatalf("adviz %v, govaluate %v\n%s\ngovaluate: %s", got, want, describe(p, x), p.gv)
		}
		checked++
	}
	if checked < propertyCount(t)/2 {
		t.Errorf("only %d programs checked", checked)
	}
}

package ad_test

import (
	"fmt"

	"github.com/adviz/adviz/ad"
)

func ExampleBuild() {
	g, err := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	if err != nil {
		panic(err)
	}
	for k := range g.Nodes {
		fmt.Printf("%s = %s\n", g.Nodes[k].Label(), g.Formula(k))
	}
	// Output:
	// v-1 = x1
	// v0 = x2
	// v1 = ln v-1
	// v2 = v-1 × v0
	// v3 = sin v0
	// v4 = v1 + v2
	// v5 = v4 - v3
}

func ExampleBuild_error() {
	_, err := ad.Build("ln(x1 + )", []string{"x1"})
	fmt.Println(err)
	fmt.Println(err.(*ad.Error).Caret())
	// Output:
	// 1:9: unexpected ')'
	// ln(x1 + )
	//         ^
}

func ExampleGraph_Gradient() {
	g, _ := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	y, grad := g.Gradient([]float64{2, 5}, []float64{1})
	fmt.Println(y[0], grad)
	// Output: 11.652071455223084 [5.5 1.7163378145367738]
}

func ExampleGraph_JVP() {
	g, _ := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	_, ydot := g.JVP([]float64{2, 5}, []float64{1, 0})
	fmt.Println(ydot[0])
	// Output: 5.5
}

func ExampleGraph_Jacobian() {
	g, _ := ad.Build("u = x*y; v = sin(x) + y", []string{"x", "y"})
	for _, mode := range []ad.Mode{ad.Forward, ad.Reverse} {
		j := g.Jacobian([]float64{0, 3}, mode)
		fmt.Printf("%s: %v in %d sweeps, %d multiply-adds\n", mode, j.J, j.Sweeps, j.Counts.MultiplyAdds)
	}
	// Output:
	// forward: [[3 0] [1 1]] in 2 sweeps, 10 multiply-adds
	// reverse: [[3 0] [1 1]] in 2 sweeps, 10 multiply-adds
}

func ExampleGraph_Trace() {
	g, _ := ad.Build("ln(x1) + x1*x2 - sin(x2)", []string{"x1", "x2"})
	t := g.Trace([]float64{2, 5}, ad.Reverse, nil)
	for k, s := range t.Steps {
		if s.Phase == ad.PhaseAdjoint {
			fmt.Println(t.StepText(k, 4))
		}
	}
	// Output:
	// v̄5 = ȳ = 1
	// v̄4 = v̄5·∂v5/∂v4 = 1·1 = 1
	// v̄3 = v̄5·∂v5/∂v3 = 1·(-1) = -1
	// v̄1 = v̄4·∂v4/∂v1 = 1·1 = 1
	// v̄2 = v̄4·∂v4/∂v2 = 1·1 = 1
	// v̄0 = v̄3·∂v3/∂v0 = (-1)·0.2837 = -0.2837
	// v̄-1 = v̄2·∂v2/∂v-1 = 1·5 = 5
	// v̄0 = v̄0 + v̄2·∂v2/∂v0 = -0.2837 + 1·2 = 1.716
	// v̄-1 = v̄-1 + v̄1·∂v1/∂v-1 = 5 + 1·0.5 = 5.5
}

func ExampleTrace_Table() {
	g, _ := ad.Build("x^2 + sin(x)", []string{"x"})
	s, _ := g.Trace([]float64{0}, ad.Forward, nil).Table("markdown", 3)
	fmt.Print(s)
	// Output:
	// | Forward primal trace | Forward tangent (derivative) trace |
	// | --- | --- |
	// | v0 = x = 0 | v̇0 = ẋ = 1 |
	// | v1 = v0^2 = 0^2 = 0 | v̇1 = (2×v0)·v̇0 = 0·1 = 0 |
	// | v2 = sin v0 = sin 0 = 0 | v̇2 = cos(v0)·v̇0 = 1·1 = 1 |
	// | v3 = v1 + v2 = 0 + 0 = 0 | v̇3 = v̇1 + v̇2 = 0 + 1 = 1 |
	// | y = v3 = 0 | ẏ = v̇3 = 1 |
}

func ExampleDual() {
	// f(x) = x·sin(x) at x = 2, with tangent 1: f(2) + f'(2)ε.
	x := ad.Dual{Real: 2, Emag: 1}
	fmt.Println(ad.Mul(x, ad.Sin(x)))
	// Output: 1.81859 + 0.0770038ε
}

func ExampleGraph_FiniteDiff() {
	g, _ := ad.Build("exp(x)", []string{"x"})
	c := g.FiniteDiff([]float64{0}, 0, 1e-4)
	fmt.Printf("AD %v, FD %.12f, error %.1e\n", c.AD[0], c.FD[0], c.AbsErr[0])
	// Output: AD 1, FD 1.000000001667, error 1.7e-09
}

// Each partial of the rule table is an expression, from which its text and
// LaTeX are printed; PartialDual runs it on dual numbers, which gives the
// second derivatives.
func ExampleRule_PartialDual() {
	tanh := ad.OpTanh.Rule()
	fmt.Println(tanh.PartialExpr[0], "|", tanh.PartialText[0], "|", tanh.PartialLaTeX[0])
	// d/dx tanh'(x) at x = 0.5: tanh'' = -2 tanh (1 - tanh²).
	fmt.Println(tanh.PartialDual(0, ad.Dual{Real: 0.5, Emag: 1}, ad.Dual{}))
	// ∂/∂b of ∂(a^b)/∂a = b·a^(b-1) at a = 2, b = 3: a^(b-1)·(1 + b ln a).
	pow := ad.OpPow.Rule()
	fmt.Println(pow.PartialText[0], "=", pow.PartialDual(0, ad.Dual{Real: 2}, ad.Dual{Real: 3, Emag: 1}))
	// Output:
	// 1 - y^2 | 1 - $y^2 | 1 - $y^{2}
	// 0.786448 + -0.726862ε
	// $b×$c = 12 + 12.3178ε
}

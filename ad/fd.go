package ad

import "math"

// FDCheck compares a gradient from reverse-mode AD with central finite
// differences (f(x + h·e_j) - f(x - h·e_j)) / 2h.
type FDCheck struct {
	Output int       // which output
	H      float64   // the step
	AD     []float64 // ∂y/∂x_j by reverse mode
	FD     []float64 // the central differences
	AbsErr []float64 // |FD - AD|
	RelErr []float64 // |FD - AD| / |AD|, or |FD - AD| where AD is 0
	MaxAbs float64
	MaxRel float64
}

// FiniteDiff checks the gradient of output at x with central differences of
// step h. Its error has two parts: truncation, about h²·|f‴|/6, which shrinks
// with h, and rounding, about ε·|f|/h, which grows as h shrinks.
func (g *Graph) FiniteDiff(x []float64, output int, h float64) *FDCheck {
	g.checkLen("x", x, len(g.Inputs))
	if output < 0 || output >= len(g.Outputs) {
		panic("ad: FiniteDiff: no such output")
	}
	ybar := make([]float64, len(g.Outputs))
	ybar[output] = 1
	_, grad := g.Gradient(x, ybar)
	n := len(x)
	c := &FDCheck{Output: output, H: h, AD: grad, FD: make([]float64, n), AbsErr: make([]float64, n), RelErr: make([]float64, n)}
	xp := make([]float64, n)
	for j := 0; j < n; j++ {
		copy(xp, x)
		xp[j] = x[j] + h
		fp := g.Value(xp)[output]
		xp[j] = x[j] - h
		fm := g.Value(xp)[output]
		c.FD[j] = (fp - fm) / (2 * h)
		c.AbsErr[j] = math.Abs(c.FD[j] - grad[j])
		c.RelErr[j] = c.AbsErr[j]
		if grad[j] != 0 {
			c.RelErr[j] /= math.Abs(grad[j])
		}
		c.MaxAbs = math.Max(c.MaxAbs, c.AbsErr[j])
		c.MaxRel = math.Max(c.MaxRel, c.RelErr[j])
	}
	return c
}

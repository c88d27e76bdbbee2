package ad

import "fmt"

// Dual is a dual number Real + Emag·ε with ε² = 0. Evaluating a function on
// x + ẋε gives f(x) + f'(x)ẋε: the tangent rides along with the value, which
// is forward-mode AD.
//
// The functions below are the primitives of the language on dual numbers.
// Each one takes its value and local partials from the rule table (Rules),
// so a derivative is written only once. Special cases shared by all of them:
//
//	an argument with Emag == 0 contributes no tangent, even where its partial is ±Inf or NaN
//	(Pow(Dual{-2, 1}, Dual{2, 0}) = Dual{4, -4}, although ∂/∂b of (-2)^b is NaN)
//	a NaN value or partial gives a NaN tangent where it contributes
type Dual struct {
	Real float64 // the value
	Emag float64 // the tangent, the coefficient of ε
}

func (d Dual) String() string {
	return fmt.Sprintf("%s + %sε", FormatNumber(d.Real, 6), FormatNumber(d.Emag, 6))
}

// applyDual evaluates a primitive on dual numbers: the value from eval, the
// tangent from the partials. Only the partials of arguments with a nonzero
// tangent are evaluated.
func applyDual(eval func(a, b float64) float64, d0, d1 func(a, b, y float64) float64, x, y Dual) Dual {
	v := eval(x.Real, y.Real)
	var p0, p1 float64
	if x.Emag != 0 {
		p0 = d0(x.Real, y.Real, v)
	}
	if y.Emag != 0 && d1 != nil {
		p1 = d1(x.Real, y.Real, v)
	}
	return Dual{v, tangent(p0, x.Emag, p1, y.Emag)}
}

// tangent is the chain rule of forward mode, ẏ = p0·ȧ + p1·ḃ for the
// partials p0, p1 and the tangents ȧ, ḃ of the arguments; an argument with
// a zero tangent contributes nothing, whatever its partial.
func tangent(p0, ta, p1, tb float64) float64 {
	var t float64
	if ta != 0 {
		t = p0 * ta
	}
	if tb != 0 {
		t += p1 * tb
	}
	return t
}

// Apply evaluates op on dual numbers; y is ignored by unary operations.
func Apply(op Op, x, y Dual) Dual {
	r := op.Rule()
	if r == nil {
		panic("ad: Apply of " + op.String())
	}
	return applyDual(r.Eval, r.Partial[0], r.Partial[1], x, y)
}

// Neg returns -x.
func Neg(x Dual) Dual { return Apply(OpNeg, x, Dual{}) }

// Add returns x + y.
func Add(x, y Dual) Dual { return Apply(OpAdd, x, y) }

// Sub returns x - y.
func Sub(x, y Dual) Dual { return Apply(OpSub, x, y) }

// Mul returns x·y.
func Mul(x, y Dual) Dual { return Apply(OpMul, x, y) }

// Div returns x/y. Special cases:
//
//	Div(x, Dual{0, ...}) has an infinite or NaN value and tangent
func Div(x, y Dual) Dual { return Apply(OpDiv, x, y) }

// Pow returns x^y. Special cases:
//
//	Pow(x, Dual{0, 0}) = Dual{1, 0} for any x
//	Pow(Dual{0, ẋ}, Dual{b, ḃ}) with b > 0 gets no tangent from ḃ (0^b = 0 near b)
//	Pow(Dual{a, ...}, Dual{b, ḃ}) with a < 0 and ḃ != 0 has a NaN tangent
//	Pow(Dual{a, ...}, y) with a < 0 and a non-integer y.Real has a NaN value
func Pow(x, y Dual) Dual { return Apply(OpPow, x, y) }

// Sin returns sin x.
func Sin(x Dual) Dual { return Apply(OpSin, x, Dual{}) }

// Cos returns cos x.
func Cos(x Dual) Dual { return Apply(OpCos, x, Dual{}) }

// Tan returns tan x, with tangent (1 + tan²x)ẋ.
func Tan(x Dual) Dual { return Apply(OpTan, x, Dual{}) }

// Asin returns asin x. Special cases:
//
//	Asin(Dual{±1, ẋ}) has an infinite tangent for ẋ != 0
//	Asin(Dual{a, ...}) with |a| > 1 is NaN
func Asin(x Dual) Dual { return Apply(OpAsin, x, Dual{}) }

// Acos returns acos x, with the special cases of Asin.
func Acos(x Dual) Dual { return Apply(OpAcos, x, Dual{}) }

// Atan returns atan x.
func Atan(x Dual) Dual { return Apply(OpAtan, x, Dual{}) }

// Sinh returns sinh x.
func Sinh(x Dual) Dual { return Apply(OpSinh, x, Dual{}) }

// Cosh returns cosh x.
func Cosh(x Dual) Dual { return Apply(OpCosh, x, Dual{}) }

// Tanh returns tanh x, with tangent (1 - tanh²x)ẋ.
func Tanh(x Dual) Dual { return Apply(OpTanh, x, Dual{}) }

// Exp returns e^x, with tangent e^x·ẋ.
func Exp(x Dual) Dual { return Apply(OpExp, x, Dual{}) }

// Ln returns the natural logarithm. Special cases:
//
//	Ln(Dual{0, ẋ}) = Dual{-Inf, +Inf·ẋ} for ẋ != 0
//	Ln(Dual{a, ...}) with a < 0 is NaN
func Ln(x Dual) Dual { return Apply(OpLn, x, Dual{}) }

// Log2 returns the base-2 logarithm, with the special cases of Ln.
func Log2(x Dual) Dual { return Apply(OpLog2, x, Dual{}) }

// Log10 returns the base-10 logarithm, with the special cases of Ln.
func Log10(x Dual) Dual { return Apply(OpLog10, x, Dual{}) }

// Sqrt returns the square root. Special cases:
//
//	Sqrt(Dual{0, ẋ}) = Dual{0, +Inf·ẋ} for ẋ != 0
//	Sqrt(Dual{a, ...}) with a < 0 is NaN
func Sqrt(x Dual) Dual { return Apply(OpSqrt, x, Dual{}) }

// Abs returns |x|. Special cases:
//
//	Abs(Dual{0, ẋ}) = Dual{0, ẋ} (the right derivative, +1)
func Abs(x Dual) Dual { return Apply(OpAbs, x, Dual{}) }

// Sigmoid returns 1/(1 + e^-x), without overflow for large |x|.
func Sigmoid(x Dual) Dual { return Apply(OpSigmoid, x, Dual{}) }

// Relu returns max(x, 0). Special cases:
//
//	Relu(Dual{0, ẋ}) = Dual{0, 0} (the left derivative, 0)
func Relu(x Dual) Dual { return Apply(OpRelu, x, Dual{}) }

// Softplus returns ln(1 + e^x), without overflow for large |x|.
func Softplus(x Dual) Dual { return Apply(OpSoftplus, x, Dual{}) }

// Max returns the larger of x and y. Special cases:
//
//	Max(x, y) with x.Real == y.Real takes x's tangent (∂/∂x = 1, ∂/∂y = 0)
//	Max with a NaN value is NaN
func Max(x, y Dual) Dual { return Apply(OpMax, x, y) }

// Min returns the smaller of x and y. Special cases:
//
//	Min(x, y) with x.Real == y.Real takes x's tangent (∂/∂x = 1, ∂/∂y = 0)
//	Min with a NaN value is NaN
func Min(x, y Dual) Dual { return Apply(OpMin, x, y) }

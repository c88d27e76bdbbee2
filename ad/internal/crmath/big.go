package crmath

// The slow path of crmath.go and more.go (the second step of Ziv's
// strategy): the same functions in math/big, for the rare arguments whose
// double-double value lies too close to a rounding boundary. crSlow
// evaluates with a relative error below 2^-p for p = 160, 320, 640 until
// every value within that error rounds to the same float64. π comes from the
// 2560 bits of 2/π in twoOverPi (no series for π), e^x from a Taylor series
// after 2^-s scaling, ln x by Halley's iteration on e^y, atan from a Taylor
// series after argument halvings.

import (
	"math"
	"math/big"
	"sync"
	syncatomic "sync/atomic"
)

// crSlowCalls counts the calls of crSlow (for tests and curiosity).
var crSlowCalls syncatomic.Int64

// crSlow returns f(x, y) correctly rounded, by math/big.
func crSlow(f crFn, x, y float64) float64 {
	crSlowCalls.Add(1)
	// The two functions whose values can be exactly a midpoint (or
	// infinitely close to one) are rounded exactly.
	switch {
	case f == crFnHypot:
		return hypotExact(x, y)
	case f == crFnAtan2 && atan2Tiny(x, y):
		return atanTinyExact(x, y)
	}
	var r float64
	for prec := uint(160); prec <= 640; prec *= 2 {
		v := bigEval(f, x, y, prec)
		r, _ = v.Float64()
		if v.Sign() == 0 || v.IsInf() {
			return r
		}
		// The exact value is within d = 2^-(prec-8)·|v| of v.
		d := new(big.Float).SetMantExp(v, 8-int(prec))
		lo, _ := new(big.Float).SetPrec(prec+16).Sub(v, d).Float64()
		hi, _ := new(big.Float).SetPrec(prec+16).Add(v, d).Float64()
		if lo == hi {
			return lo
		}
	}
	return r
}

// bigEval returns f(x, y) with a relative error below 2^-prec, for the
// finite arguments that reach crSlow.
func bigEval(f crFn, x, y float64, prec uint) *big.Float {
	wp := prec + 64
	bx := new(big.Float).SetPrec(wp).SetFloat64(x)
	// Guard bits against the cancellation in e^x - e^-x and e^2x - 1
	// for small |x|.
	g := uint(0)
	if e := bx.MantExp(nil); e < 0 {
		g = uint(-e)
	}
	switch f {
	case crFnSin, crFnCos, crFnTan:
		s, c := bigSinCos(x, wp)
		switch f {
		case crFnSin:
			return s
		case crFnCos:
			return c
		}
		return bigQuo(s, c, wp)
	case crFnExp:
		return bigExp(bx, wp)
	case crFnLog:
		return bigLog(bx, wp)
	case crFnLog2, crFnLog10:
		b := 2.0
		if f == crFnLog10 {
			b = 10
		}
		return bigQuo(bigLog(bx, wp), bigLog(new(big.Float).SetFloat64(b), wp), wp)
	case crFnSinh, crFnCosh:
		e := bigExp(bx, wp+g)
		ie := bigQuo(big.NewFloat(1), e, wp+g)
		v := new(big.Float).SetPrec(wp + g)
		if f == crFnSinh {
			v.Sub(e, ie)
		} else {
			v.Add(e, ie)
		}
		return v.SetMantExp(v, -1)
	case crFnTanh:
		e := bigExp(new(big.Float).SetMantExp(bx, 1), wp+g)
		num := new(big.Float).SetPrec(wp+g).Sub(e, big.NewFloat(1))
		den := new(big.Float).SetPrec(wp+g).Add(e, big.NewFloat(1))
		return bigQuo(num, den, wp)
	case crFnAtan:
		v := bigAtan(new(big.Float).Abs(bx), wp)
		if x < 0 {
			v.Neg(v)
		}
		return v
	case crFnAsin:
		ax := new(big.Float).Abs(bx)
		one := big.NewFloat(1)
		w := new(big.Float).SetPrec(2*wp).Mul(ax, ax)
		w.Sub(one, w).Sqrt(w)
		v := bigAtan(bigQuo(ax, w, wp), wp)
		if x < 0 {
			v.Neg(v)
		}
		return v
	case crFnAcos:
		one := big.NewFloat(1)
		num := new(big.Float).SetPrec(wp).Sub(one, bx)
		den := new(big.Float).SetPrec(wp).Add(one, bx)
		t := bigQuo(num, den, wp)
		v := bigAtan(t.Sqrt(t), wp)
		return v.SetMantExp(v, 1)
	case crFnPow: // x > 0 here
		t := bigLog(bx, wp+16)
		t.Mul(t, new(big.Float).SetFloat64(y))
		return bigExp(t, wp)
	case crFnSigmoid:
		e := bigExp(new(big.Float).Neg(bx), wp)
		return bigQuo(big.NewFloat(1), e.Add(e, big.NewFloat(1)), wp)
	case crFnSoftplus:
		if x > 0 {
			v := bigLog1p(bigExp(new(big.Float).Neg(bx), wp), wp)
			return v.Add(v, bx)
		}
		return bigLog1p(bigExp(bx, wp), wp)
	case crFnAtan2: // x > 0 is |y|, y is x
		v := bigAtan(bigQuo(bx, new(big.Float).SetFloat64(math.Abs(y)), wp), wp)
		if y < 0 {
			pi := bigPio2(wp)
			v.Sub(pi.SetMantExp(pi, 1), v)
		}
		return v
	case crFnHypot: // not reached (hypotExact), but correct
		s := new(big.Float).SetPrec(4400).Mul(bx, bx)
		s.Add(s, new(big.Float).SetPrec(4400).Mul(new(big.Float).SetFloat64(y), new(big.Float).SetFloat64(y)))
		return new(big.Float).SetPrec(wp).Sqrt(s)
	case crFnErf: // x > 0
		return bigErf(bx, wp)
	case crFnLog1p:
		return bigLog1p(bx, wp)
	case crFnExpm1:
		e := bigExp(bx, wp+g)
		return e.Sub(e, big.NewFloat(1))
	case crFnCbrt: // x > 0
		return bigCbrt(bx, wp)
	}
	panic("crSlow: unknown function")
}

func bigQuo(a, b *big.Float, prec uint) *big.Float { return new(big.Float).SetPrec(prec).Quo(a, b) }

// bigExp returns e^x (|x| < 2^11) to about prec bits: the Taylor series of
// e^(x/2^s), |x/2^s| < 2^-8, squared s times.
func bigExp(x *big.Float, prec uint) *big.Float {
	s := 8
	if e := x.MantExp(nil); e > 0 {
		s += e
	}
	wp := prec + uint(s) + 16
	r := new(big.Float).SetPrec(wp).SetMantExp(x, -s)
	sum := new(big.Float).SetPrec(wp).SetInt64(1)
	term := new(big.Float).SetPrec(wp).SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetInt64(n))
		if term.Sign() == 0 || term.MantExp(nil) < -int(wp)-2 {
			break
		}
		sum.Add(sum, term)
	}
	for i := 0; i < s; i++ {
		sum.Mul(sum, sum)
	}
	return sum
}

// bigLog returns ln x (x > 0, within the range of float64) to about prec
// bits, by Halley's iteration y += 2(x - e^y)/(x + e^y) from math.Log's
// value; each step triples the number of correct bits.
func bigLog(x *big.Float, prec uint) *big.Float {
	one := big.NewFloat(1)
	if x.Cmp(one) == 0 {
		return new(big.Float)
	}
	// A first value with a relative error below 2^-45 (math.Log itself is
	// not accurate for subnormals on every GOARCH: reduce first).
	d, _ := new(big.Float).Sub(x, one).Float64()
	m := new(big.Float)
	e2 := x.MantExp(m)
	mf, _ := m.Float64()
	y0 := math.Log(mf) + float64(float64(e2)*math.Ln2)
	if math.Abs(d) < 0.25 {
		y0 = math.Log1p(d)
	}
	// x - e^y cancels down to about ln x relative to x: guard bits.
	_, e := math.Frexp(y0)
	wp := prec + 16
	if e < 0 {
		wp += uint(-e)
	}
	y := new(big.Float).SetPrec(wp).SetFloat64(y0)
	xw := new(big.Float).SetPrec(wp).Set(x)
	for acc := uint(45); ; acc *= 3 {
		ey := bigExp(y, wp)
		num := new(big.Float).SetPrec(wp).Sub(xw, ey)
		den := new(big.Float).SetPrec(wp).Add(xw, ey)
		num.Quo(num, den)
		y.Add(y, num.SetMantExp(num, 1))
		if acc*3 >= wp+8 {
			return y
		}
	}
}

// bigLog1p returns ln(1+u) for u > -1 to about prec bits.
func bigLog1p(u *big.Float, prec uint) *big.Float {
	if u.Sign() == 0 {
		return new(big.Float)
	}
	if e := u.MantExp(nil); e < -40 { // Σ (-1)^(n+1) u^n/n
		sum := new(big.Float).SetPrec(prec).Set(u)
		pw := new(big.Float).SetPrec(prec).Set(u)
		for n := int64(2); ; n++ {
			pw.Mul(pw, u)
			pw.Neg(pw)
			t := new(big.Float).SetPrec(prec).Quo(pw, new(big.Float).SetInt64(n))
			if t.Sign() == 0 || t.MantExp(nil) < e-int(prec)-2 {
				return sum
			}
			sum.Add(sum, t)
		}
	}
	return bigLog(new(big.Float).SetPrec(prec+64).Add(u, big.NewFloat(1)), prec)
}

// bigTwoOverPi is 2/π from the bits of twoOverPi (error below 2^-2560).
var bigTwoOverPi = sync.OnceValue(func() *big.Float {
	v := new(big.Float).SetPrec(64 * uint(len(twoOverPi)))
	for i := len(twoOverPi) - 1; i >= 1; i-- {
		v.Add(v, new(big.Float).SetUint64(twoOverPi[i]))
		v.SetMantExp(v, -64)
	}
	return v
})

// bigPio2 returns π/2 to prec <= 2500 bits.
func bigPio2(prec uint) *big.Float { return bigQuo(big.NewFloat(1), bigTwoOverPi(), prec) }

// bigSinCos returns sin x and cos x (x finite) to about prec bits: x·2/π
// with 2/π to 2560 bits gives x = k·π/2 + r exactly enough for every
// float64 x (the error of r is below 2^-1536 absolute, and |r| > 2^-62),
// then Taylor series of sin r and cos r.
func bigSinCos(x float64, prec uint) (*big.Float, *big.Float) {
	ax := math.Abs(x)
	v := new(big.Float).SetPrec(64*uint(len(twoOverPi)) + 64).SetFloat64(ax)
	v.Mul(v, bigTwoOverPi()) // exact
	k := new(big.Int)
	new(big.Float).SetPrec(v.Prec()).Add(v, big.NewFloat(0.5)).Int(k) // round(v)
	v.Sub(v, new(big.Float).SetInt(k))                                // exact, in [-1/2, 1/2]
	r := new(big.Float).SetPrec(prec).Mul(v, bigPio2(prec+8))
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	series := func(first *big.Float, n0 int64) *big.Float {
		sum := new(big.Float).SetPrec(prec).Set(first)
		term := new(big.Float).SetPrec(prec).Set(first)
		for n := n0; ; n += 2 {
			term.Mul(term, r2)
			term.Quo(term, new(big.Float).SetInt64(-n*(n+1)))
			if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-2 {
				return sum
			}
			sum.Add(sum, term)
		}
	}
	s, c := series(r, 2), series(big.NewFloat(1), 1)
	switch new(big.Int).And(k, big.NewInt(3)).Int64() {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	if x < 0 {
		s.Neg(s)
	}
	return s, c
}

// bigAtan returns atan t for t >= 0 to about prec bits: 1/t above 1, four
// halvings atan t = 2·atan(t/(1+√(1+t²))) to |t| < 0.05, Taylor series.
func bigAtan(t *big.Float, prec uint) *big.Float {
	one := big.NewFloat(1)
	t = new(big.Float).SetPrec(prec).Set(t)
	inv := t.Cmp(one) > 0
	if inv {
		t.Quo(one, t)
	}
	for i := 0; i < 4; i++ {
		w := new(big.Float).SetPrec(prec).Mul(t, t)
		w.Add(w, one).Sqrt(w).Add(w, one)
		t.Quo(t, w)
	}
	t2 := new(big.Float).SetPrec(prec).Mul(t, t)
	sum := new(big.Float).SetPrec(prec).Set(t)
	pw := new(big.Float).SetPrec(prec).Set(t)
	for n := int64(1); ; n++ {
		pw.Mul(pw, t2).Neg(pw)
		term := new(big.Float).SetPrec(prec).Quo(pw, new(big.Float).SetInt64(2*n+1))
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-2 {
			break
		}
		sum.Add(sum, term)
	}
	sum.SetMantExp(sum, 4)
	if inv {
		sum.Sub(bigPio2(prec), sum)
	}
	return sum
}

// bigErf returns erf a for 0 < a < 6 to about prec bits: the series of
// positive terms (2/√π)·a·e^(-a²)·Σ (2a²)^n/(1·3···(2n+1)).
func bigErf(a *big.Float, prec uint) *big.Float {
	wp := prec + 16
	a2 := new(big.Float).SetPrec(wp).Mul(a, a)
	z := new(big.Float).SetPrec(wp).SetMantExp(a2, 1)
	sum := new(big.Float).SetPrec(wp).SetInt64(1)
	term := new(big.Float).SetPrec(wp).SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, z)
		term.Quo(term, new(big.Float).SetInt64(2*n+1))
		if term.MantExp(nil) < sum.MantExp(nil)-int(wp)-2 {
			break
		}
		sum.Add(sum, term)
	}
	e := bigExp(a2.Neg(a2), wp)
	pi := bigPio2(wp)
	sqrtPi := new(big.Float).SetPrec(wp).Sqrt(pi.SetMantExp(pi, 1))
	v := new(big.Float).SetPrec(wp).Mul(sum, e)
	v.Mul(v, a)
	v.SetMantExp(v, 1)
	return v.Quo(v, sqrtPi)
}

// bigCbrt returns ∛a for finite a > 0 to about prec bits: Newton's
// iteration y -= (y³ - a)/(3y²) from the float64 estimate, each step
// doubling the correct bits.
func bigCbrt(a *big.Float, prec uint) *big.Float {
	wp := prec + 16
	af, _ := a.Float64()
	y := new(big.Float).SetPrec(wp).SetFloat64(math.Cbrt(af))
	for acc := uint(40); ; acc *= 2 {
		y2 := new(big.Float).SetPrec(wp).Mul(y, y)
		r := new(big.Float).SetPrec(wp).Mul(y2, y)
		r.Sub(r, a)
		y2.Mul(y2, big.NewFloat(3))
		y.Sub(y, r.Quo(r, y2))
		if acc >= wp+8 {
			return y
		}
	}
}

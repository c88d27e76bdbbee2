package crmath

import (
	"math"
	"math/big"
	"sync"
)

// The reference: the same functions in math/big at 384 bits, by textbook
// series that share no code and no table with crmath.go and big.go (π by
// Machin's formula to 2800 bits, enough to reduce any float64 argument of
// sin and cos; ln by the atanh series, not by Newton on exp; atan by two
// halvings, not four). big.Float.Float64 rounds to the nearest float64,
// ties to even, subnormals included.

const refPrec = 384

func refF(x float64) *big.Float { return new(big.Float).SetPrec(refPrec).SetFloat64(x) }

func refInt(n int64, prec uint) *big.Float { return new(big.Float).SetPrec(prec).SetInt64(n) }

func refAdd(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(a.Prec()).Add(a, b) }
func refSub(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(a.Prec()).Sub(a, b) }
func refMul(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(a.Prec()).Mul(a, b) }
func refQuo(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(a.Prec()).Quo(a, b) }
func refSqrt(a *big.Float) *big.Float   { return new(big.Float).SetPrec(a.Prec()).Sqrt(a) }
func refNeg(a *big.Float) *big.Float    { return new(big.Float).SetPrec(a.Prec()).Neg(a) }

// refAt returns a copy of a at precision prec.
func refAt(a *big.Float, prec uint) *big.Float { return new(big.Float).SetPrec(prec).Set(a) }

// refTiny reports whether |t| < 2^-(prec+10)·|ref|: a series term too small to matter.
func refTiny(t, ref *big.Float) bool {
	if t.Sign() == 0 {
		return true
	}
	if ref.Sign() == 0 {
		return false
	}
	return t.MantExp(nil) < ref.MantExp(nil)-int(t.Prec())-10
}

// refAtanInv returns atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1)).
func refAtanInv(n int64, prec uint) *big.Float {
	one := refInt(1, prec)
	nn := refInt(n*n, prec)
	pw := refQuo(one, refInt(n, prec)) // 1/n^(2k+1)
	sum := refAt(pw, prec)
	for k := int64(1); ; k++ {
		pw = refQuo(pw, nn)
		t := refQuo(pw, refInt(2*k+1, prec))
		if refTiny(t, sum) {
			return sum
		}
		if k%2 == 1 {
			sum = refSub(sum, t)
		} else {
			sum = refAdd(sum, t)
		}
	}
}

var refPiOnce = sync.OnceValue(func() *big.Float {
	// Machin: π = 16·atan(1/5) - 4·atan(1/239).
	const prec = 2800
	a := refMul(refInt(16, prec), refAtanInv(5, prec))
	b := refMul(refInt(4, prec), refAtanInv(239, prec))
	return refSub(a, b)
})

// refPi returns π to 2800 bits.
func refPi() *big.Float { return refPiOnce() }

// refAtanh returns atanh(s) = Σ s^(2k+1)/(2k+1) for small |s|.
func refAtanh(s *big.Float) *big.Float {
	s2 := refMul(s, s)
	pw := refAt(s, s.Prec())
	sum := refAt(s, s.Prec())
	for k := int64(1); ; k++ {
		pw = refMul(pw, s2)
		t := refQuo(pw, refInt(2*k+1, s.Prec()))
		if refTiny(t, sum) {
			return sum
		}
		sum = refAdd(sum, t)
	}
}

var refLn2Once = sync.OnceValue(func() *big.Float {
	// ln 2 = 2·atanh(1/3).
	third := refQuo(refInt(1, refPrec+64), refInt(3, refPrec+64))
	return refMul(refInt(2, refPrec+64), refAtanh(third))
})

func refLn2() *big.Float { return refLn2Once() }

// refLog returns ln x for x > 0: x = m·2^e with m in [1/2, 1), then
// ln m = 2·atanh((m-1)/(m+1)).
func refLog(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	m := new(big.Float).SetPrec(prec)
	e := x.MantExp(m)
	if m.Cmp(big.NewFloat(0.7071067811865476)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	one := refInt(1, prec)
	s := refQuo(refSub(m, one), refAdd(m, one))
	l := refMul(refInt(2, prec), refAtanh(s))
	l = refAdd(l, refMul(refInt(int64(e), prec), refAt(refLn2(), prec)))
	return refAt(l, x.Prec())
}

// refExp returns e^x: x = k·ln2 + r, e^r by Taylor on r/2^8, squared 8 times.
func refExp(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	ln2 := refAt(refLn2(), prec)
	kf := refQuo(refAt(x, prec), ln2)
	ki, _ := kf.Int64()
	r := refSub(refAt(x, prec), refMul(refInt(ki, prec), ln2))
	r.SetMantExp(r, -8)
	sum := refInt(1, prec)
	term := refInt(1, prec)
	for n := int64(1); ; n++ {
		term = refQuo(refMul(term, r), refInt(n, prec))
		if refTiny(term, sum) {
			break
		}
		sum = refAdd(sum, term)
	}
	for i := 0; i < 8; i++ {
		sum = refMul(sum, sum)
	}
	sum.SetMantExp(sum, int(ki))
	return refAt(sum, x.Prec())
}

// refSinCos returns sin x and cos x: x = k·π/2 + r with π to 1700 bits
// (r to 600 bits even for x near 2^1024),
// then Taylor series in r.
func refSinCos(x *big.Float) (*big.Float, *big.Float) {
	prec := x.Prec() + 64
	wide := uint(1700)
	pio2 := refMul(refPi(), new(big.Float).SetPrec(wide).SetFloat64(0.5))
	xw := refAt(x, wide)
	kf := refQuo(xw, pio2)
	kf.SetMode(big.ToNearestEven)
	k := new(big.Int)
	kf.Int(k) // truncates toward zero: |r| < π/2
	r := refAt(refSub(xw, refMul(new(big.Float).SetPrec(wide).SetInt(k), pio2)), prec)
	r2 := refMul(r, r)
	// sin r
	s, term := refAt(r, prec), refAt(r, prec)
	for n := int64(1); ; n++ {
		term = refNeg(refQuo(refMul(term, r2), refInt((2*n)*(2*n+1), prec)))
		if refTiny(term, s) {
			break
		}
		s = refAdd(s, term)
	}
	c, term := refInt(1, prec), refInt(1, prec)
	for n := int64(1); ; n++ {
		term = refNeg(refQuo(refMul(term, r2), refInt((2*n-1)*(2*n), prec)))
		if refTiny(term, c) {
			break
		}
		c = refAdd(c, term)
	}
	q := new(big.Int).And(k, big.NewInt(3)).Int64()
	switch q {
	case 1:
		s, c = c, refNeg(s)
	case 2:
		s, c = refNeg(s), refNeg(c)
	case 3:
		s, c = refNeg(c), s
	}
	return refAt(s, x.Prec()), refAt(c, x.Prec())
}

// refAtan returns atan x: for |x| > 1, π/2 - atan(1/x); two argument
// halvings atan x = 2·atan(x/(1+√(1+x²))); then Taylor.
func refAtan(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	t := refAt(x, prec)
	neg := t.Sign() < 0
	t.Abs(t)
	one := refInt(1, prec)
	inv := t.Cmp(one) > 0
	if inv {
		t = refQuo(one, t)
	}
	for i := 0; i < 2; i++ {
		t = refQuo(t, refAdd(one, refSqrt(refAdd(one, refMul(t, t)))))
	}
	t2 := refMul(t, t)
	sum, pw := refAt(t, prec), refAt(t, prec)
	for n := int64(1); ; n++ {
		pw = refNeg(refMul(pw, t2))
		term := refQuo(pw, refInt(2*n+1, prec))
		if refTiny(term, sum) {
			break
		}
		sum = refAdd(sum, term)
	}
	sum.SetMantExp(sum, 2)
	if inv {
		sum = refSub(refMul(refAt(refPi(), prec), new(big.Float).SetFloat64(0.5)), sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return refAt(sum, x.Prec())
}

// refSinh returns sinh x: Taylor for |x| < 1, (e^x - e^-x)/2 otherwise.
func refSinh(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	xa := new(big.Float).Abs(x)
	if xa.Cmp(big.NewFloat(1)) >= 0 {
		e := refExp(refAt(x, prec))
		s := refSub(e, refQuo(refInt(1, prec), e))
		s.SetMantExp(s, -1)
		return refAt(s, x.Prec())
	}
	r := refAt(x, prec)
	r2 := refMul(r, r)
	s, term := refAt(r, prec), refAt(r, prec)
	for n := int64(1); ; n++ {
		term = refQuo(refMul(term, r2), refInt((2*n)*(2*n+1), prec))
		if refTiny(term, s) {
			break
		}
		s = refAdd(s, term)
	}
	return refAt(s, x.Prec())
}

func refCosh(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	e := refExp(refAt(x, prec))
	c := refAdd(e, refQuo(refInt(1, prec), e))
	c.SetMantExp(c, -1)
	return refAt(c, x.Prec())
}

// refLog1p returns ln(1+u) for u > -1: a series for tiny |u|.
func refLog1p(u *big.Float) *big.Float {
	prec := u.Prec() + 64
	if u.Sign() != 0 && u.MantExp(nil) < -40 {
		sum, pw := refAt(u, prec), refAt(u, prec)
		for n := int64(2); ; n++ {
			pw = refNeg(refMul(pw, u))
			t := refQuo(pw, refInt(n, prec))
			if refTiny(t, sum) {
				break
			}
			sum = refAdd(sum, t)
		}
		return refAt(sum, u.Prec())
	}
	return refAt(refLog(refAdd(refInt(1, prec), refAt(u, prec))), u.Prec())
}

// refFloat rounds a reference value to float64 (nearest, ties to even).
func refFloat(v *big.Float) float64 {
	f, _ := v.Float64()
	return f
}

// refPow returns x**y (x != 0, both finite).
func refPow(x, y float64) *big.Float {
	neg := false
	if x < 0 {
		neg = math.Mod(y, 2) != 0
		x = -x
	}
	p := uint(refPrec + 64)
	l := refLog(new(big.Float).SetPrec(p).SetFloat64(x))
	t := refMul(l, new(big.Float).SetPrec(p).SetFloat64(y))
	if t.MantExp(nil) > 13 { // |y·ln x| > 8192: far beyond float64
		v := new(big.Float).SetInf(false)
		if t.Sign() < 0 {
			v.SetFloat64(0)
		}
		if neg {
			v.Neg(v)
		}
		return v
	}
	v := refExp(t)
	if neg {
		v.Neg(v)
	}
	return v
}

// refAtan2 returns atan2(y, x) for finite nonzero y and x: atan |y/x|, or
// π minus it, with the sign of y. A tiny quotient gets twice its exponent
// in extra bits, so that atan t = t - t³/3 + ... stays distinct from t.
func refAtan2(y, x float64) *big.Float {
	p := uint(refPrec + 64)
	if e := math.Ilogb(y) - math.Ilogb(x); e < 0 {
		p += uint(-2 * e)
	}
	q := new(big.Float).SetPrec(p).SetFloat64(math.Abs(y))
	q.Quo(q, new(big.Float).SetFloat64(math.Abs(x)))
	v := refAtan(q)
	if x < 0 {
		v = refSub(refAt(refPi(), p), v)
	}
	if y < 0 {
		v.Neg(v)
	}
	return v
}

// refHypot returns √(x² + y²): the sum exactly, then the square root.
func refHypot(x, y float64) *big.Float {
	s := new(big.Float).SetPrec(4400).SetFloat64(x)
	s.Mul(s, s)
	t := new(big.Float).SetPrec(4400).SetFloat64(y)
	s.Add(s, t.Mul(t, t))
	return new(big.Float).SetPrec(refPrec).Sqrt(s)
}

// refErf returns erf x by its Maclaurin series
// (2/√π)·Σ (-1)^n x^(2n+1)/(n!(2n+1)), whose terms reach e^(x²) before they
// cancel: that many extra bits.
func refErf(x float64) *big.Float {
	p := uint(refPrec+64) + uint(2*x*x)
	t := new(big.Float).SetPrec(p).SetFloat64(x)
	x2 := refMul(t, t)
	pw := refAt(t, p) // (-1)^n x^(2n+1)/n!
	sum := refAt(t, p)
	for n := int64(1); ; n++ {
		pw = refNeg(refQuo(refMul(pw, x2), refInt(n, p)))
		term := refQuo(pw, refInt(2*n+1, p))
		if refTiny(term, sum) && n > int64(x*x)+2 {
			break
		}
		sum = refAdd(sum, term)
	}
	sum = refQuo(refMul(sum, refInt(2, p)), refSqrt(refAt(refPi(), p)))
	return refAt(sum, refPrec)
}

// refExpm1 returns e^x - 1, with extra bits for the cancellation near 0.
func refExpm1(x float64) *big.Float {
	p := uint(refPrec + 64)
	if e := math.Ilogb(x); e < 0 {
		p += uint(-e)
	}
	v := refExp(new(big.Float).SetPrec(p).SetFloat64(x))
	return refSub(v, refInt(1, p))
}

// refCbrt returns ∛x = ±e^(ln|x|/3).
func refCbrt(x float64) *big.Float {
	v := refExp(refQuo(refLog(refF(math.Abs(x))), refInt(3, refPrec)))
	if x < 0 {
		v.Neg(v)
	}
	return v
}

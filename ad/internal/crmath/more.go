package crmath

// Atan2, Hypot, Erf, Log1p, Expm1 and Cbrt, by the same method as the
// functions of crmath.go: a double-double value, rounded by crRound when
// that is certain, else the math/big path (big.go). Their special values
// are those of the math package.
//
//   - atan2(y, x): t = |y|/|x| as a double-double (both scaled to [1/2, 1)
//     first, so nothing underflows), atan t as for Atan, π - atan t for
//     x < 0. Far from the axes' directions (|y/x| > 2^61 or < 2^-61) the
//     angle is π/2 ∓ |x/y|, π - |y/x| or |y/x| itself, whose next terms are
//     below 2^-120. In the last case the angle can be tiny (subnormal) and
//     |y/x| can be exactly a midpoint between two float64 (x a power of
//     two): atan t is then just below it, so the math/big path rounds the
//     exact rational |y/x| and breaks that tie toward zero.
//   - hypot(x, y): x² + y² from exact products after scaling the larger to
//     [1, 2), the double-double square root; an argument below 2^-28 of the
//     other changes nothing. A hypotenuse can be exactly a midpoint (a
//     Pythagorean triple whose hypotenuse has 54 bits), so the slow path is
//     exact: the integer square root of x² + y² with a sticky bit.
//   - erf: (2/√π)·x·e^(-x²)·Σ (2x²)^n/(1·3···(2n+1)), a series of positive
//     terms (no cancellation, up to ~120 terms at x = 6); its rounding
//     error grows with the number of terms, so erf is rounded with the
//     bound crEpsErf = 2^-90 like pow. erf x = ±1 for |x| >= 6 (1 - erf 6 <
//     2^-55) and (2/√π)·x for |x| < 2^-60.
//   - log1p: 1 + x is an exact double-double; its logarithm as for Log
//     (exact at 1: ln(1 + x) keeps the relative accuracy of tiny x).
//     log1p x = x for |x| < 2^-54.
//   - expm1: x/2^s below 2^-8 by at most 6 halvings, its Taylor series,
//     then s doublings e^2r - 1 = (e^r - 1)(e^r - 1 + 2); e^x - 1 from the
//     double-double exp where |x| >= 1/4 (the subtraction loses at most 2.2
//     bits there). expm1 x = x for |x| < 2^-54 and -1 for x < -40.
//   - cbrt: x = f·2^(3k) with f in [1, 8); y0 ≈ ∛f by Newton's iteration in
//     float64 (not math.Cbrt, whose products may be fused on some GOARCH),
//     then one Newton step in double-double with the residual y0³ - f
//     computed exactly. A cube root is never a midpoint (its cube would
//     have more than 53 bits).

import (
	"math"
	"math/big"
)

const crEpsErf = 0x1p-90 // relative error bound of erf's double-double values

// ddPi = π (2·ddPio2, exact).
var ddPi = dd{2 * ddPio2.hi, 2 * ddPio2.lo}

// ddTwoOverSqrtPi = 2/√π.
var ddTwoOverSqrtPi = dd{0x1.20dd750429b6dp+00, 0x1.1ae3a914fed8p-56}

// Atan2 returns the angle of the point (x, y), atan(y/x) in the right
// quadrant, correctly rounded, with the special cases of math.Atan2.
func Atan2(y, x float64) float64 {
	// The special cases, in math.Atan2's order.
	switch {
	case y != y || x != x:
		return math.NaN()
	case y == 0:
		if x >= 0 && !math.Signbit(x) {
			return math.Copysign(0, y)
		}
		return math.Copysign(math.Pi, y)
	case x == 0:
		return math.Copysign(math.Pi/2, y)
	case math.IsInf(x, 0):
		if math.IsInf(x, 1) {
			if math.IsInf(y, 0) {
				return math.Copysign(math.Pi/4, y)
			}
			return math.Copysign(0, y)
		}
		if math.IsInf(y, 0) {
			return math.Copysign(3*math.Pi/4, y)
		}
		return math.Copysign(math.Pi, y)
	case math.IsInf(y, 0):
		return math.Copysign(math.Pi/2, y)
	}
	a := math.Abs(y)
	m, k := atan2DD(a, x)
	return math.Copysign(crFinish(m, k, crFnAtan2, a, x), y)
}

// atan2Gap is the exponent gap beyond which atan2DD uses the first term
// of the angle's expansion.
const atan2Gap = 62

// atan2DD returns m, k with atan2(a, x) = m·2^k for finite a > 0 and
// finite x != 0.
func atan2DD(a, x float64) (dd, int) {
	b := math.Abs(x)
	fa, ea := math.Frexp(a)
	fb, eb := math.Frexp(b)
	switch {
	case ea-eb > atan2Gap: // |y/x| > 2^61: π/2 ∓ |x/y|
		if x > 0 {
			return ddPio2.addF(-(b / a)), 0
		}
		return ddPio2.addF(b / a), 0
	case eb-ea > atan2Gap: // |y/x| < 2^-61: |y/x| or π - |y/x|
		if x > 0 {
			return dd{fa, 0}.div(dd{fb, 0}), ea - eb
		}
		return ddPi.addF(-(a / b)), 0
	}
	v := atanPos(dd{fa, 0}.div(dd{fb, 0}).scale(ea - eb))
	if x < 0 {
		v = ddPi.sub(v)
	}
	return v, 0
}

// atan2Tiny reports whether atan2(a, x), a > 0, is |y/x| rounded (the tiny
// angles of atan2DD).
func atan2Tiny(a, x float64) bool {
	_, ea := math.Frexp(a)
	_, eb := math.Frexp(x)
	return x > 0 && eb-ea > atan2Gap
}

// atanTinyExact returns atan(a/b) correctly rounded for 0 < a/b < 2^-60:
// atan t = t·(1 - δ) with 0 < δ < 2^-120, which rounds like t unless t is
// exactly halfway between two float64 (t = a/b is at least 2^-106·t away
// from any other midpoint), and then rounds toward zero.
func atanTinyExact(a, b float64) float64 {
	q := new(big.Rat).Quo(new(big.Rat).SetFloat64(a), new(big.Rat).SetFloat64(b))
	r, _ := q.Float64()
	for _, n := range []float64{math.Nextafter(r, 0), math.Nextafter(r, math.Inf(1))} {
		mid := new(big.Rat).Add(new(big.Rat).SetFloat64(r), new(big.Rat).SetFloat64(n))
		if mid.Quo(mid, big.NewRat(2, 1)).Cmp(q) == 0 {
			return min(r, n) // toward zero
		}
	}
	return r
}

// Hypot returns √(x² + y²), correctly rounded, with the special cases of
// math.Hypot: +Inf if either argument is infinite, else NaN if either is
// NaN.
func Hypot(x, y float64) float64 {
	switch {
	case math.IsInf(x, 0) || math.IsInf(y, 0):
		return math.Inf(1)
	case x != x || y != y:
		return math.NaN()
	}
	p, q := math.Abs(x), math.Abs(y)
	if p < q {
		p, q = q, p
	}
	if q == 0 || q < p*0x1p-28 { // hypot = p·(1 + (q/p)²/2 + ...) rounds to p
		return p
	}
	m, k := hypotDD(p, q)
	return crFinish(m, k, crFnHypot, p, q)
}

// hypotDD returns m, k with √(p² + q²) = m·2^k for finite p >= q > 0,
// q >= 2^-28·p (or p subnormal).
func hypotDD(p, q float64) (dd, int) {
	_, e := math.Frexp(p)
	e--
	P, Q := math.Ldexp(p, -e), math.Ldexp(q, -e) // P in [1, 2); exact
	return ddProd(P, P).add(ddProd(Q, Q)).sqrt(), e
}

// hypotExact returns √(p² + q²) correctly rounded for finite p, q > 0, in
// integers: with p = P·2^ep and q = Q·2^eq, N = p² + q² scaled to an
// integer, R = ⌊√(N·4^t)⌋ of at least 60 bits and a sticky bit for the rest,
// so that 2R + sticky, halved, rounds like the exact root.
func hypotExact(p, q float64) float64 {
	P, ep := intExp(p)
	Q, eq := intExp(q)
	e0 := min(ep, eq)
	A := new(big.Int).Lsh(P, uint(ep-e0))
	B := new(big.Int).Lsh(Q, uint(eq-e0))
	N := new(big.Int).Mul(A, A)
	N.Add(N, new(big.Int).Mul(B, B))
	t := 0
	if n := N.BitLen(); n < 122 {
		t = (122-n)/2 + 1
	}
	N.Lsh(N, uint(2*t))
	R := new(big.Int).Sqrt(N)
	V := new(big.Int).Lsh(R, 1)
	if new(big.Int).Mul(R, R).Cmp(N) != 0 {
		V.SetBit(V, 0, 1)
	}
	z := new(big.Float).SetInt(V) // exact
	f, _ := z.SetMantExp(z, e0-t-1).Float64()
	return f
}

// intExp returns the integer I and e with x = I·2^e for finite x > 0.
func intExp(x float64) (*big.Int, int) {
	m, e := intParts(x)
	return new(big.Int).SetUint64(m), e
}

// Erf returns the error function (2/√π)·∫₀ˣ e^(-t²) dt, correctly rounded.
// Special cases: Erf(±0) = ±0, Erf(±Inf) = ±1, Erf(NaN) = NaN.
func Erf(x float64) float64 {
	a := math.Abs(x)
	switch {
	case x == 0 || x != x:
		return x
	case a >= 6: // 1 - erf 6 < 2^-55
		return math.Copysign(1, x)
	}
	m, k := erfDD(a)
	return math.Copysign(crFinish(m, k, crFnErf, a, 0), x)
}

// erfDD returns m, k with erf a = m·2^k for 0 < a < 6.
func erfDD(a float64) (dd, int) {
	f, e := math.Frexp(a)
	if e < -59 { // a < 2^-60: erf a = (2/√π)·a·(1 - a²/3 + ...)
		return ddTwoOverSqrtPi.mulF(f), e
	}
	a2 := ddProd(a, a)
	z := a2.pow2(2)
	s, term := dd{1, 0}, dd{1, 0}
	for n := 1; term.hi > 0x1p-112*s.hi; n++ {
		term = term.mul(z).div(dd{float64(2*n + 1), 0})
		s = s.add(term)
	}
	m, k := expCore(-a2.hi, -a2.lo)
	return ddTwoOverSqrtPi.mulF(a).mul(m).mul(s), k
}

// Log1p returns ln(1 + x), correctly rounded, with the special cases of
// math.Log1p.
func Log1p(x float64) float64 {
	switch {
	case x != x || math.IsInf(x, 1):
		return x
	case x < -1:
		return math.NaN()
	case x == -1:
		return math.Inf(-1)
	case math.Abs(x) < 0x1p-54: // ln(1 + x) = x - x²/2 + ... rounds to x
		return x
	}
	return crFinish(log1pAnyDD(x), 0, crFnLog1p, x, 0)
}

// log1pAnyDD returns ln(1 + x) for finite x > -1: 1 + x = u exactly as a
// double-double, u = 2^e·(a + v) with a + v in [√½, √2).
func log1pAnyDD(x float64) dd {
	u := ddOf(1, x)
	m, e := math.Frexp(u.hi)
	if m < math.Sqrt2/2 {
		e--
	}
	return logCore(e, math.Ldexp(u.hi, -e), dd{math.Ldexp(u.lo, -e), 0})
}

// Expm1 returns e^x - 1, correctly rounded, with the special cases of
// math.Expm1.
func Expm1(x float64) float64 {
	switch {
	case x != x || math.IsInf(x, 1):
		return x
	case x > 710:
		return math.Inf(1)
	case x < -40: // e^x < 2^-57: e^x - 1 rounds to -1
		return -1
	case math.Abs(x) < 0x1p-54: // e^x - 1 = x + x²/2 + ... rounds to x
		return x
	}
	m, k := expm1DD(x)
	return crFinish(m, k, crFnExpm1, x, 0)
}

// expm1DD returns m, k with e^x - 1 = m·2^k for 2^-54 <= |x| <= 710,
// x >= -40.
func expm1DD(x float64) (dd, int) {
	switch a := math.Abs(x); {
	case x >= 80: // 1 is below 2^-115 of e^x
		return expCore(x, 0)
	case a >= 0.25:
		m, k := expCore(x, 0)
		return m.scale(k).addF(-1), 0
	}
	s := 0
	r := x
	for math.Abs(r) >= 0x1p-8 {
		r *= 0.5
		s++
	}
	// e^r - 1 = r·Σ r^i/(i+1)!; terms from r^6 on are below 2^-60.
	m := ddPoly(dd{r, 0}, expCoef[1:], 6).mulF(r)
	for ; s > 0; s-- {
		m = m.mul(m.addF(2))
	}
	return m, 0
}

// Cbrt returns the cube root of x, correctly rounded. Special cases:
// Cbrt(±0) = ±0, Cbrt(±Inf) = ±Inf, Cbrt(NaN) = NaN.
func Cbrt(x float64) float64 {
	if x == 0 || x != x || math.IsInf(x, 0) {
		return x
	}
	m, k := cbrtDD(math.Abs(x))
	return math.Copysign(crFinish(m, k, crFnCbrt, math.Abs(x), 0), x)
}

// cbrtDD returns m, k with ∛a = m·2^k for finite a > 0.
func cbrtDD(a float64) (dd, int) {
	_, e := math.Frexp(a) // a = m·2^e, m in [1/2, 1)
	k := (e - 1) / 3
	if e-1 < 0 && (e-1)%3 != 0 {
		k-- // floor division
	}
	f := math.Ldexp(a, -3*k) // in [1, 8); exact
	y := 1 + float64((f-1)/7)
	for i := 0; i < 6; i++ {
		y2 := float64(y * y)
		y -= float64(float64(y2*y)-f) / float64(3*y2)
	}
	// y³ - f exactly: y² = p + q, y·p = t1, y·q = t2 (exact products);
	// t1.hi - f is exact (Sterbenz).
	p, q := ddTwoProd(y, y)
	t1, t2 := ddProd(p, y), ddProd(q, y)
	res := ddOf(t1.hi-f, t1.lo).addF(t2.hi).addF(t2.lo)
	den := ddProd(y, y).mulF(3)
	return dd{y, 0}.sub(res.div(den)), k
}

// Package crmath provides correctly rounded elementary functions for package
// ad (the traces reproduce published tables to the last digit).
//
// Sin, Cos, Tan, Exp, Log, Log2, Log10, Sinh, Cosh, Tanh, Asin, Acos, Atan,
// Pow, Sigmoid, Softplus, and Atan2, Hypot, Erf, Log1p, Expm1 and Cbrt
// (more.go) return the float64 nearest to the exact mathematical value,
// ties to even, for every argument (subnormal results included), where the
// math package is only faithful: math.Cos(5) = 0.2836621854632263, the
// correctly rounded cos 5 is 0.28366218546322625.
//
// Method (Ziv's strategy):
//
//  1. The function is evaluated in double-double arithmetic (dd.go: error-
//     free transforms, no FMA) to a relative error below 2^-104 (2^-97 for
//     pow; measured by TestCRAccuracy).
//  2. crRound rounds that ~106-bit value to float64 if every value within
//     a relative distance crEps = 2^-96 (crEpsPow = 2^-90 for pow) rounds
//     alike; then the exact value, which lies in that interval, rounds alike
//     too. This fails for about one argument in 2^42, and systematically at
//     some simple arguments whose value is within 2^-106 of a midpoint
//     between two float64 (exp(2^-53), cosh(2^-26), sigmoid(3·2^-52),
//     pow(1+2^-52, 1.5) ...).
//  3. Then big.go recomputes the value with math/big at 160, 320 and 640
//     bits until its rounding is certain. Only pow can be exactly a
//     midpoint (the other values are irrational, or a float64 themselves
//     as log2(8) = 3): powExact computes every dyadic power exactly first.
//
// The bound 2^-96 rests on the error analysis in the comments (double-
// double operations, series truncation, table and reduction errors) and on
// measurement (2^-103.7 at worst on TestCRAccuracy's arguments); it is not
// a machine-checked proof.
//
// Evaluation in double-double:
//
//   - sin, cos, tan: x = k·π/2 + r, |r| <= π/4, r as a double-double. For
//     |x| < 2^20·π/2 by Cody-Waite (π/2 as five pieces of 32 bits and one
//     of 53, ~213 bits); above, by Payne-Hanek with the bits of 2/π (a
//     256-bit window per argument), so every finite float64 is reduced
//     accurately. Then Taylor series of sin r and cos r.
//   - exp: x = (64n + j)·ln2/64 + r (ln2/64 in three Cody-Waite pieces),
//     e^x = 2^n · 2^(j/64) · e^r with a table of 2^(j/64) and a Taylor series
//     for |r| <= ln2/128. roundScale applies 2^n: overflow to +Inf, correctly
//     rounded subnormals, 0 below.
//   - log: x = 2^e·m, m in [√½, √2); c = j/64 near m from a table of
//     ln(j/64); ln m = ln c + 2·atanh((m-c)/(m+c)); plus e·ln2. log2 is
//     e + ln(m)/ln2 (exact at powers of two), log10 is ln(x)/ln10.
//   - sinh, cosh, tanh: from the double-double exp; sinh and tanh by the
//     Taylor series of sinh below 1/2 (no cancellation); tanh = ±1 above 20.
//   - atan: |x| > 1 → π/2 - atan(1/x); atan t = atan(c) + atan((t-c)/(1+tc))
//     with c = j/64 from a table, then a Taylor series. asin x =
//     atan(x/√((1-x)(1+x))), acos x = 2·atan(√((1-x)/(1+x))).
//   - pow: the special cases of math.Pow (same results), y = 0.5 by Sqrt,
//     y = 2 and y = -1 by one IEEE operation, dyadic results exactly
//     (powExact), otherwise e^(y·ln|x|); there the error of y·ln|x| (up to
//     |y·ln x| ≈ 745) limits the accuracy to ~2^-96.
//   - sigmoid 1/(1+e^-x) and softplus ln(1+e^x): from the double-double exp
//     and ln(1+u), without overflow for any x.
//
// Special values (NaN, ±Inf, ±0, signed zero results, domain errors) are
// those of the math package. Results are identical on every GOARCH (amd64,
// arm64, js/wasm): only IEEE basic operations, math.Sqrt, Ldexp, Frexp,
// RoundToEven and math/big are used, and products are never fused.
//
// Cost (BenchmarkCR, best of 8 runs): 160-680 ns a call on amd64, 7 to 45
// times the math package (tan is the dearest: sin, cos and a division;
// erf, a series of up to 120 double-double terms, takes 1-4 µs);
// 0.5-1.5 µs under js/wasm, 2.5 to 15 times math there. The math/big path
// takes tens of microseconds; it runs for about one argument in 2^42 and
// at the simple hard cases above.
package crmath

import (
	"math"
	"math/bits"
)

const (
	crEps    = 0x1p-96 // relative error bound of the double-double results
	crEpsPow = 0x1p-90 // the same for pow
)

// crRound returns m·2^k rounded to the nearest float64 (ties to even) and
// whether every value within relative distance eps of m·2^k rounds to the
// same float64. m must be normalized (m.hi = fl(m.hi+m.lo)).
func crRound(m dd, k int, eps float64) (float64, bool) {
	d := float64(eps * math.Abs(m.hi))
	if k == 0 {
		a, b := m.hi+(m.lo+d), m.hi+(m.lo-d)
		return a, a == b
	}
	a := roundScale(ddNorm(m.hi, m.lo+d), k)
	b := roundScale(ddNorm(m.hi, m.lo-d), k)
	return a, a == b
}

func ddNorm(hi, lo float64) dd {
	s, e := ddFastTwoSum(hi, lo)
	return dd{s, e}
}

// roundScale returns m·2^k rounded to the nearest float64, ties to even:
// ±Inf when it overflows, correctly rounded when it is subnormal. m must be
// normalized.
func roundScale(m dd, k int) float64 {
	if m.hi == 0 || k == 0 {
		return m.hi + m.lo
	}
	_, eh := math.Frexp(m.hi)
	if eh+k > -1022 { // normal (or overflow): scaling m.hi is exact
		return math.Ldexp(m.hi, k)
	}
	if eh+k < -1075 { // below 2^-1076: rounds to zero
		return math.Copysign(0, m.hi)
	}
	// Subnormal: round X+Y = m·2^(k+1074) to an integer. X is exact, and
	// m.lo decides only when X is halfway between two integers.
	x := math.Ldexp(m.hi, k+1074)
	y := math.Ldexp(m.lo, k+1074)
	n := math.RoundToEven(x)
	if d := x - n; (d == 0.5 || d == -0.5) && y != 0 {
		n = x + math.Copysign(0.5, y)
	}
	return n * 0x1p-1074
}

// crFinish rounds the double-double value m·2^k of function f at (x, y),
// or recomputes it with math/big when its rounding is uncertain.
func crFinish(m dd, k int, f crFn, x, y float64) float64 {
	eps := crEps
	switch f {
	case crFnPow:
		eps = crEpsPow
	case crFnErf:
		eps = crEpsErf
	}
	if r, ok := crRound(m, k, eps); ok {
		return r
	}
	return crSlow(f, x, y)
}

// crFn names a function for crSlow.
type crFn int

const (
	crFnSin crFn = iota
	crFnCos
	crFnTan
	crFnExp
	crFnLog
	crFnLog2
	crFnLog10
	crFnSinh
	crFnCosh
	crFnTanh
	crFnAsin
	crFnAcos
	crFnAtan
	crFnPow
	crFnSigmoid
	crFnSoftplus
	crFnAtan2
	crFnHypot
	crFnErf
	crFnLog1p
	crFnExpm1
	crFnCbrt
)

// Sin returns sin x, correctly rounded.
func Sin(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x // ±0, NaN
	case math.IsInf(x, 0):
		return math.NaN()
	}
	return crFinish(sinDD(x), 0, crFnSin, x, 0)
}

// Cos returns cos x, correctly rounded.
func Cos(x float64) float64 {
	if x != x || math.IsInf(x, 0) {
		return math.NaN()
	}
	return crFinish(sinCosDD(math.Abs(x), true), 0, crFnCos, x, 0)
}

// Tan returns tan x, correctly rounded.
func Tan(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x
	case math.IsInf(x, 0):
		return math.NaN()
	}
	return crFinish(tanDD(x), 0, crFnTan, x, 0)
}

// sinDD returns sin x for finite x.
func sinDD(x float64) dd {
	if x < 0 {
		return sinCosDD(-x, false).neg()
	}
	return sinCosDD(x, false)
}

// sinCosDD returns sin x (or cos x) for finite x >= 0.
func sinCosDD(x float64, cos bool) dd {
	r, q := trigReduce(x)
	if cos {
		q++
	}
	var v dd
	if q&1 == 0 {
		v = sinPoly(r)
	} else {
		v = cosPoly(r)
	}
	if q&2 != 0 {
		v = v.neg()
	}
	return v
}

// tanDD returns tan x for finite x.
func tanDD(x float64) dd {
	r, q := trigReduce(math.Abs(x))
	s, c := sinPoly(r), cosPoly(r)
	var v dd
	if q&1 == 0 {
		v = s.div(c)
	} else {
		v = c.div(s).neg()
	}
	if x < 0 {
		v = v.neg()
	}
	return v
}

// sinPoly returns sin r for |r| <= π/4 (Taylor; terms from z^9 on, below
// 2^-62 of the sum, in float64).
func sinPoly(r dd) dd { return r.mul(ddPoly(r.mul(r), sinCoef[:], 9)) }

// cosPoly returns cos r for |r| <= π/4.
func cosPoly(r dd) dd { return ddPoly(r.mul(r), cosCoef[:], 9) }

// cwTrigMax bounds the Cody-Waite reduction: k < 2^20, so that k times a
// 32-bit piece of π/2 is exact.
const cwTrigMax = 0x1p20 * (math.Pi / 2)

// trigReduce returns r and k mod 4 with x = k·π/2 + r, |r| <= π/4 (up to
// rounding of k), for finite x >= 0.
func trigReduce(x float64) (dd, int) {
	if x <= math.Pi/4 {
		return dd{x, 0}, 0
	}
	if x >= cwTrigMax {
		return trigReducePH(x)
	}
	k := math.RoundToEven(float64(x * (2 / math.Pi)))
	// x - k·c0 is exact (Sterbenz), as are the products k·c1 ... k·c4.
	r := dd{x - float64(k*pio2CW[0]), 0}
	for _, c := range pio2CW[1:5] {
		r = r.addF(-float64(k * c))
	}
	r = r.sub(ddProd(k, pio2CW[5]))
	return r, int(k) & 3
}

// trigReducePH is the Payne-Hanek reduction for x >= 2^20 (finite): with
// x = m·2^e (m a 53-bit integer), x·2/π mod 4 is m times a 256-bit window
// of the bits of 2/π (the bits before it contribute multiples of 4, those
// after it less than 2^-200).
func trigReducePH(x float64) (dd, int) {
	b := math.Float64bits(x)
	e := int(b>>52&0x7ff) - 1075
	m := b&(1<<52-1) | 1<<52
	s := uint(e + 62) // first bit used, counting from the msb of twoOverPi[0]
	wi, sh := s/64, s%64
	var w [4]uint64
	for i := range w {
		w[i] = twoOverPi[wi+uint(i)]<<sh | twoOverPi[wi+uint(i)+1]>>(64-sh)
	}
	// m·w = (r0 r1 r2 r3 r4), 320 bits; x·2/π mod 4 = (r1 r2 r3 r4)/2^254.
	h3, r4 := bits.Mul64(m, w[3])
	h2, l2 := bits.Mul64(m, w[2])
	h1, l1 := bits.Mul64(m, w[1])
	_, l0 := bits.Mul64(m, w[0])
	r3, c := bits.Add64(l2, h3, 0)
	r2, c := bits.Add64(l1, h2, c)
	r1, _ := bits.Add64(l0, h1, c)
	q := int(r1 >> 62)
	f := [4]uint64{r1<<2 | r2>>62, r2<<2 | r3>>62, r3<<2 | r4>>62, r4 << 2} // fraction·2^256
	neg := f[0]>>63 != 0
	if neg { // fraction >= 1/2: use fraction - 1
		q++
		var borrow uint64
		for i := 3; i >= 0; i-- {
			f[i], borrow = bits.Sub64(0, f[i], borrow)
		}
	}
	lz := 0
	for f[0] == 0 && lz < 192 {
		f[0], f[1], f[2], f[3] = f[1], f[2], f[3], 0
		lz += 64
	}
	if n := bits.LeadingZeros64(f[0]); n > 0 {
		f[0] = f[0]<<n | f[1]>>(64-n)
		f[1] = f[1]<<n | f[2]>>(64-n)
		lz += n
	}
	// The fraction is (f0·2^64 + f1)·2^(-128-lz) up to 2^-106 relative.
	a := math.Ldexp(float64(f[0]>>11), -53-lz)
	a2 := math.Ldexp(float64((f[0]&0x7ff)<<42|f[1]>>22), -106-lz)
	r := ddNorm(a, a2).mul(ddPio2)
	if neg {
		r = r.neg()
	}
	return r, q & 3
}

// Exp returns e^x, correctly rounded (subnormal results included).
func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	}
	m, k := expCore(x, 0)
	return crFinish(m, k, crFnExp, x, 0)
}

// expCore returns m and k with e^(xh+xl) = m·2^k, m in [0.99, 2.02], for
// |xh| <= 750 and |xl| <= ulp(xh).
func expCore(xh, xl float64) (dd, int) {
	n := math.RoundToEven(float64(xh * (64 / math.Ln2)))
	// |n| < 2^17, so n·c0 and n·c1 are exact; xh - n·c0 is exact too.
	r := dd{xh - float64(n*ln2o64CW[0]), 0}.addF(-float64(n * ln2o64CW[1]))
	r = r.addF(xl).sub(ddProd(n, ln2o64CW[2]))
	p := ddPoly(r, expCoef[:], 7)
	j := int(n)
	return exp2Tab[j&63].mul(p), j >> 6
}

// Log returns ln x, correctly rounded.
func Log(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	return crFinish(logDD(x), 0, crFnLog, x, 0)
}

// Log2 returns log2 x, correctly rounded (exact at powers of two).
func Log2(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	return crFinish(log2DD(x), 0, crFnLog2, x, 0)
}

// Log10 returns log10 x, correctly rounded.
func Log10(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	return crFinish(log10DD(x), 0, crFnLog10, x, 0)
}

// logSpecial returns the logarithm of NaN, +Inf, zero and negative x.
func logSpecial(x float64) (float64, bool) {
	switch {
	case x != x || math.IsInf(x, 1):
		return x, true
	case x < 0:
		return math.NaN(), true
	case x == 0:
		return math.Inf(-1), true
	}
	return 0, false
}

// logDD, log2DD and log10DD return ln x, log2 x and log10 x for finite
// x > 0.
func logDD(x float64) dd {
	e, m := logParts(x)
	return logCore(e, m, dd{})
}

func log2DD(x float64) dd {
	e, m := logParts(x)
	return dd{float64(e), 0}.add(logCore(0, m, dd{}).mul(ddInvLn2))
}

func log10DD(x float64) dd { return logDD(x).mul(ddInvLn10) }

// logParts returns e and m with x = 2^e·m, m in [√½, √2), for finite x > 0.
func logParts(x float64) (int, float64) {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	return e, m
}

const logTabMin = 45 // logTab[j-logTabMin] = ln(j/64)

// logCore returns ln(2^e·(a+v)) for a float64 a and a double-double v with
// a+v in [√½, √2], from a table of ln(j/64) and
// ln(a+v) = ln c + 2·atanh(s), s = (a+v-c)/(a+v+c), |s| < 2^-7.4.
func logCore(e int, a float64, v dd) dd {
	j := int(math.RoundToEven(float64((a + v.hi) * 64)))
	c := float64(float64(j) / 64)     // exact; float64(...) keeps a-c unfused
	num := ddOf(a-c, v.hi).addF(v.lo) // a-c is exact (Sterbenz)
	den := ddOf(a, c).add(v)
	s := num.div(den)
	l := s.mul(ddPoly(s.mul(s), atanhCoef[:], 4))
	l = logTab[j-logTabMin].add(l.pow2(2))
	if e != 0 {
		l = ddLn2.mulF(float64(e)).add(l)
	}
	return l
}

// log1pDD returns ln(1+u) for a double-double u in [0, 1].
func log1pDD(u dd) dd {
	if 1+u.hi < math.Sqrt2 {
		return logCore(0, 1, u)
	}
	return logCore(1, 0.5, u.pow2(0.5))
}

// Sinh returns sinh x, correctly rounded.
func Sinh(x float64) float64 {
	switch a := math.Abs(x); {
	case x == 0 || x != x || math.IsInf(x, 0):
		return x
	case a > 711:
		return math.Copysign(math.Inf(1), x)
	}
	m, k := sinhDD(x)
	return crFinish(m, k, crFnSinh, x, 0)
}

// sinhDD returns m, k with sinh x = m·2^k for finite |x| <= 711.
func sinhDD(x float64) (dd, int) {
	a := math.Abs(x)
	var m dd
	k := 0
	switch {
	case a < 0.5:
		m = sinhSmall(a)
	case a >= 40: // e^-a is below 2^-115 of e^a
		m, k = expCore(a, 0)
		k--
	default:
		e, ke := expCore(a, 0)
		e = e.scale(ke)
		d := e.sub(dd{1, 0}.div(e))
		m = d.pow2(0.5)
	}
	if x < 0 {
		m = m.neg()
	}
	return m, k
}

// sinhSmall returns sinh a = a·Σ a^(2i)/(2i+1)! for |a| < 1/2 (the sine
// series at -a²).
func sinhSmall(a float64) dd {
	return dd{a, 0}.mul(ddPoly(ddProd(a, a).neg(), sinCoef[:], 8))
}

// Cosh returns cosh x, correctly rounded.
func Cosh(x float64) float64 {
	switch {
	case x != x:
		return x
	case math.Abs(x) > 711:
		return math.Inf(1)
	}
	m, k := coshDD(x)
	return crFinish(m, k, crFnCosh, x, 0)
}

// coshDD returns m, k with cosh x = m·2^k for |x| <= 711.
func coshDD(x float64) (dd, int) {
	a := math.Abs(x)
	m, k := expCore(a, 0)
	if a >= 40 {
		return m, k - 1
	}
	e := m.scale(k)
	s := e.add(dd{1, 0}.div(e))
	return s.pow2(0.5), 0
}

// Tanh returns tanh x, correctly rounded.
func Tanh(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x
	case math.Abs(x) > 20: // 1 - tanh x < 2^-56
		return math.Copysign(1, x)
	}
	return crFinish(tanhDD(x), 0, crFnTanh, x, 0)
}

// tanhDD returns tanh x for |x| <= 20.
func tanhDD(x float64) dd {
	a := math.Abs(x)
	var v dd
	if a < 0.5 {
		s := sinhSmall(a)
		v = s.div(dd{1, 0}.add(s.mul(s)).sqrt())
	} else { // 1 - 2/(e^2a + 1)
		m, k := expCore(float64(2*a), 0)
		v = dd{1, 0}.sub(dd{2, 0}.div(m.scale(k).addF(1)))
	}
	if x < 0 {
		v = v.neg()
	}
	return v
}

// Atan returns atan x, correctly rounded.
func Atan(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x
	case math.IsInf(x, 0):
		return math.Copysign(math.Pi/2, x)
	}
	v := atanPos(dd{math.Abs(x), 0})
	if x < 0 {
		v = v.neg()
	}
	return crFinish(v, 0, crFnAtan, x, 0)
}

// atanPos returns atan t for finite t >= 0.
func atanPos(t dd) dd {
	if t.hi > 1 {
		if t.hi > 0x1p60 { // atan t = π/2 - 1/t + O(t^-3)
			return ddPio2.addF(-1 / t.hi)
		}
		return ddPio2.sub(atanSmall(dd{1, 0}.div(t)))
	}
	return atanSmall(t)
}

// atanSmall returns atan t for t in [0, 1]: c = j/64 near t,
// atan t = atan c + atan u, u = (t-c)/(1+tc), |u| <= 1/128.
func atanSmall(t dd) dd {
	j := int(math.RoundToEven(float64(t.hi * 64)))
	c := float64(float64(j) / 64)
	u := t.addF(-c).div(t.mulF(c).addF(1))
	return atanTab[j].add(u.mul(ddPoly(u.mul(u), atanCoef[:], 4)))
}

// Asin returns asin x, correctly rounded.
func Asin(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x
	case x > 1 || x < -1:
		return math.NaN()
	case x == 1 || x == -1:
		return math.Copysign(math.Pi/2, x)
	}
	return crFinish(asinDD(x), 0, crFnAsin, x, 0)
}

// asinDD returns asin x for |x| < 1.
func asinDD(x float64) dd {
	a := math.Abs(x)
	// asin a = atan(a/√((1-a)(1+a))); 1-a and 1+a are exact double-doubles.
	w := ddOf(1, -a).mul(ddOf(1, a))
	v := atanPos(dd{a, 0}.div(w.sqrt()))
	if x < 0 {
		v = v.neg()
	}
	return v
}

// Acos returns acos x, correctly rounded.
func Acos(x float64) float64 {
	switch {
	case x != x || x > 1 || x < -1:
		return math.NaN()
	case x == 1:
		return 0
	case x == -1:
		return math.Pi
	}
	return crFinish(acosDD(x), 0, crFnAcos, x, 0)
}

// acosDD returns acos x = 2·atan √((1-x)/(1+x)) for |x| < 1 (no
// cancellation anywhere in (-1, 1)).
func acosDD(x float64) dd {
	v := atanPos(ddOf(1, -x).div(ddOf(1, x)).sqrt())
	return v.pow2(2)
}

// Pow returns x**y, correctly rounded, with the special cases of
// math.Pow.
func Pow(x, y float64) float64 {
	if y == 2 {
		return x * x // one IEEE operation, right for every x (squares are common)
	}
	// The special cases, in math.Pow's order.
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case x != x || y != y:
		return math.NaN()
	case x == 0:
		switch {
		case y < 0:
			if math.Signbit(x) && isOddInteger(y) {
				return math.Inf(-1)
			}
			return math.Inf(1)
		case y > 0:
			if math.Signbit(x) && isOddInteger(y) {
				return x
			}
			return 0
		}
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == math.IsInf(y, 1):
			return 0
		default:
			return math.Inf(1)
		}
	case math.IsInf(x, 0):
		if math.IsInf(x, -1) {
			return Pow(1/x, -y) // Pow(-0, -y)
		}
		switch {
		case y < 0:
			return 0
		case y > 0:
			return math.Inf(1)
		}
	case y == 0.5:
		return math.Sqrt(x)
	case y == -1:
		return 1 / x
	}
	// x and y are finite and nonzero.
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		neg = isOddInteger(y)
		x = -x
	}
	r, ok := powExact(x, y)
	if !ok {
		m, k := powCore(x, y)
		r = crFinish(m, k, crFnPow, x, y)
	}
	if neg {
		return -r
	}
	return r
}

// powCore returns m and k with x**y ≈ m·2^k (x > 0 finite, y finite):
// e^(y·ln x) in double-double. Beyond the range of float64 it returns m = 1
// with k = ±2000, which rounds to +Inf or 0.
func powCore(x, y float64) (dd, int) {
	l := logDD(x)
	switch t := y * l.hi; {
	case t > 710:
		return dd{1, 0}, 2000
	case t < -746:
		return dd{1, 0}, -2000
	}
	t := l.mulF(y)
	return expCore(t.hi, t.lo)
}

// isOddInteger reports whether y is an odd integer (as math's isOddInt).
func isOddInteger(y float64) bool {
	if math.Abs(y) >= 1<<53 {
		return false
	}
	yi, yf := math.Modf(y)
	return yf == 0 && int64(yi)&1 == 1
}

// intParts returns the integer m < 2^53 and e with x = m·2^e for finite
// x > 0.
func intParts(x float64) (m uint64, e int) {
	b := math.Float64bits(x)
	e = int(b>>52&0x7ff) - 1075
	m = b & (1<<52 - 1)
	if e == -1075 { // subnormal
		return m, -1074
	}
	return m | 1<<52, e
}

// powExact returns x**y (x > 0 and y finite) when it is a dyadic rational
// P·2^E with P < 2^63, rounded exactly; ok is false otherwise. These are
// the only powers that can be a float64 or the midpoint of two (x^y is
// irrational or not dyadic in every other case), so the double-double path
// never has to round an exact midpoint. With x = A·2^t (A odd) and
// y = n/2^q (n odd or q = 0): A must be c^(2^q), t a multiple of 2^q, and
// then x^y = c^n·2^(t·n/2^q). For A > 1 a midpoint needs c^n < 2^55, so
// q <= 5 and n <= 34; the bounds below (q <= 6, n <= 64) are looser.
func powExact(x, y float64) (float64, bool) {
	a, t := intParts(x)
	tz := bits.TrailingZeros64(a)
	a >>= uint(tz)
	t += tz
	if a == 1 { // a power of two: x^y = 2^(t·y)
		e := float64(t) * y
		if e != math.Trunc(e) || math.Abs(e) > 2200 {
			return 0, false
		}
		return roundScale(dd{1, 0}, int(e)), true
	}
	q, n := 0, y
	for n != math.Trunc(n) {
		if q == 6 {
			return 0, false
		}
		n *= 2
		q++
	}
	if n < 1 || n > 64 || t%(1<<q) != 0 {
		return 0, false
	}
	c := a
	for i := 0; i < q; i++ {
		s := uint64(math.Sqrt(float64(c))) // c < 2^53: exact for squares
		if s*s != c {
			return 0, false
		}
		c = s
	}
	p := uint64(1)
	for i := 0; i < int(n); i++ {
		hi, lo := bits.Mul64(p, c)
		if hi != 0 || lo >= 1<<63 {
			return 0, false
		}
		p = lo
	}
	return roundScale(ddNorm(float64(p>>11<<11), float64(p&0x7ff)), t/(1<<q)*int(n)), true
}

// Sigmoid returns 1/(1+e^-x), correctly rounded, for every x.
func Sigmoid(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 40: // 1 - σ(x) < 2^-57
		return 1
	case x < -746:
		return 0
	}
	m, k := sigmoidDD(x)
	return crFinish(m, k, crFnSigmoid, x, 0)
}

// sigmoidDD returns m, k with σ(x) = m·2^k for -746 <= x <= 40.
func sigmoidDD(x float64) (dd, int) {
	if x >= 0 {
		m, k := expCore(-x, 0)
		return dd{1, 0}.div(m.scale(k).addF(1)), 0
	}
	// σ(x) = e^x/(1+e^x) = 2^k·m/(1+e^x), scaled last (it may be subnormal).
	m, k := expCore(x, 0)
	den := dd{1, math.Ldexp(m.hi, k)} // e^x < 2^-59: its low part is negligible
	if k > -60 {
		den = m.scale(k).addF(1)
	}
	return m.div(den), k
}

// Softplus returns ln(1+e^x), correctly rounded, for every x.
func Softplus(x float64) float64 {
	switch {
	case x != x || x > 50: // e^-x < 2^-72: ln(1+e^x) rounds to x
		return x
	case x < -746:
		return 0
	}
	m, k := softplusDD(x)
	return crFinish(m, k, crFnSoftplus, x, 0)
}

// softplusDD returns m, k with ln(1+e^x) = m·2^k for -746 <= x <= 50.
func softplusDD(x float64) (dd, int) {
	if x > 0 { // x + ln(1+e^-x)
		m, k := expCore(-x, 0)
		return log1pDD(m.scale(k)).addF(x), 0
	}
	m, k := expCore(x, 0)
	if k > -60 {
		return log1pDD(m.scale(k)), 0
	}
	// e^x < 2^-59: ln(1+e^x) = e^x·(1 - e^x/2) up to 2^-118.
	u := math.Ldexp(m.hi, k)
	return m.sub(m.mulF(float64(u / 2))), k
}

// Tables and constants: double-doubles nearest to the exact values
// (TestCRTables recomputes every entry with math/big).

// expCoef[i] = 1/i!.
var expCoef = [...]dd{
	{0x1p+00, 0x0p+00},
	{0x1p+00, 0x0p+00},
	{0x1p-01, 0x0p+00},
	{0x1.5555555555555p-03, 0x1.5555555555555p-57},
	{0x1.5555555555555p-05, 0x1.5555555555555p-59},
	{0x1.1111111111111p-07, 0x1.1111111111111p-63},
	{0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65},
	{0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-73},
	{0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76},
	{0x1.71de3a556c734p-19, -0x1.c154f8ddc6cp-73},
	{0x1.27e4fb7789f5cp-22, 0x1.cbbc05b4fa99ap-76},
	{0x1.ae64567f544e4p-26, -0x1.c062e06d1f209p-80},
}

// sinCoef[i] = (-1)^i/(2i+1)!.
var sinCoef = [...]dd{
	{0x1p+00, 0x0p+00},
	{-0x1.5555555555555p-03, -0x1.5555555555555p-57},
	{0x1.1111111111111p-07, 0x1.1111111111111p-63},
	{-0x1.a01a01a01a01ap-13, -0x1.a01a01a01a01ap-73},
	{0x1.71de3a556c734p-19, -0x1.c154f8ddc6cp-73},
	{-0x1.ae64567f544e4p-26, 0x1.c062e06d1f209p-80},
	{0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87},
	{-0x1.ae7f3e733b81fp-41, -0x1.1d8656b0ee8cbp-97},
	{0x1.952c77030ad4ap-49, 0x1.ac981465ddc6cp-103},
	{-0x1.2f49b46814157p-57, -0x1.2650f61dbdcb4p-112},
	{0x1.71b8ef6dcf572p-66, -0x1.d043ae40c4647p-120},
	{-0x1.761b41316381ap-75, 0x1.3423c7d91404fp-130},
	{0x1.3f3ccdd165fa9p-84, -0x1.58ddadf344487p-139},
	{-0x1.d1ab1c2dccea3p-94, -0x1.054d0c78aea14p-149},
	{0x1.259f98b4358adp-103, 0x1.eaf8c39dd9bc5p-157},
}

// cosCoef[i] = (-1)^i/(2i)!.
var cosCoef = [...]dd{
	{0x1p+00, 0x0p+00},
	{-0x1p-01, 0x0p+00},
	{0x1.5555555555555p-05, 0x1.5555555555555p-59},
	{-0x1.6c16c16c16c17p-10, 0x1.f49f49f49f49fp-65},
	{0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76},
	{-0x1.27e4fb7789f5cp-22, -0x1.cbbc05b4fa99ap-76},
	{0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83},
	{-0x1.93974a8c07c9dp-37, -0x1.05d6f8a2efd1fp-92},
	{0x1.ae7f3e733b81fp-45, 0x1.1d8656b0ee8cbp-101},
	{-0x1.6827863b97d97p-53, -0x1.eec01221a8b0bp-107},
	{0x1.e542ba4020225p-62, 0x1.ea72b4afe3c2fp-120},
	{-0x1.0ce396db7f853p-70, 0x1.aebcdbd20331cp-124},
	{0x1.f2cf01972f578p-80, -0x1.9ada5fcc1ab14p-135},
	{-0x1.88e85fc6a4e5ap-89, 0x1.71c37ebd1654p-143},
	{0x1.0a18a2635085dp-98, 0x1.b9e2e28e1aa54p-153},
	{-0x1.3932c5047d60ep-108, -0x1.832b7b530a627p-162},
}

// atanCoef[i] = (-1)^i/(2i+1).
var atanCoef = [...]dd{
	{0x1p+00, 0x0p+00},
	{-0x1.5555555555555p-02, -0x1.5555555555555p-56},
	{0x1.999999999999ap-03, -0x1.999999999999ap-57},
	{-0x1.2492492492492p-03, -0x1.2492492492492p-57},
	{0x1.c71c71c71c71cp-04, 0x1.c71c71c71c71cp-58},
	{-0x1.745d1745d1746p-04, 0x1.745d1745d1746p-59},
	{0x1.3b13b13b13b14p-04, -0x1.3b13b13b13b14p-58},
	{-0x1.1111111111111p-04, -0x1.1111111111111p-60},
}

// atanhCoef[i] = 1/(2i+1).
var atanhCoef = [...]dd{
	{0x1p+00, 0x0p+00},
	{0x1.5555555555555p-02, 0x1.5555555555555p-56},
	{0x1.999999999999ap-03, -0x1.999999999999ap-57},
	{0x1.2492492492492p-03, 0x1.2492492492492p-57},
	{0x1.c71c71c71c71cp-04, 0x1.c71c71c71c71cp-58},
	{0x1.745d1745d1746p-04, -0x1.745d1745d1746p-59},
	{0x1.3b13b13b13b14p-04, -0x1.3b13b13b13b14p-58},
	{0x1.1111111111111p-04, 0x1.1111111111111p-60},
}

// exp2Tab[j] = 2^(j/64).
var exp2Tab = [...]dd{
	{0x1p+00, 0x0p+00},
	{0x1.02c9a3e778061p+00, -0x1.19083535b085dp-56},
	{0x1.059b0d3158574p+00, 0x1.d73e2a475b465p-55},
	{0x1.0874518759bc8p+00, 0x1.186be4bb284ffp-57},
	{0x1.0b5586cf9890fp+00, 0x1.8a62e4adc610bp-54},
	{0x1.0e3ec32d3d1a2p+00, 0x1.03a1727c57b53p-59},
	{0x1.11301d0125b51p+00, -0x1.6c51039449b3ap-54},
	{0x1.1429aaea92dep+00, -0x1.32fbf9af1369ep-54},
	{0x1.172b83c7d517bp+00, -0x1.19041b9d78a76p-55},
	{0x1.1a35beb6fcb75p+00, 0x1.e5b4c7b4968e4p-55},
	{0x1.1d4873168b9aap+00, 0x1.e016e00a2643cp-54},
	{0x1.2063b88628cd6p+00, 0x1.dc775814a8495p-55},
	{0x1.2387a6e756238p+00, 0x1.9b07eb6c70573p-54},
	{0x1.26b4565e27cddp+00, 0x1.2bd339940e9d9p-55},
	{0x1.29e9df51fdee1p+00, 0x1.612e8afad1255p-55},
	{0x1.2d285a6e4030bp+00, 0x1.0024754db41d5p-54},
	{0x1.306fe0a31b715p+00, 0x1.6f46ad23182e4p-55},
	{0x1.33c08b26416ffp+00, 0x1.32721843659a6p-54},
	{0x1.371a7373aa9cbp+00, -0x1.63aeabf42eae2p-54},
	{0x1.3a7db34e59ff7p+00, -0x1.5e436d661f5e3p-56},
	{0x1.3dea64c123422p+00, 0x1.ada0911f09ebcp-55},
	{0x1.4160a21f72e2ap+00, -0x1.ef3691c309278p-58},
	{0x1.44e086061892dp+00, 0x1.89b7a04ef80dp-59},
	{0x1.486a2b5c13cdp+00, 0x1.3c1a3b69062fp-56},
	{0x1.4bfdad5362a27p+00, 0x1.d4397afec42e2p-56},
	{0x1.4f9b2769d2ca7p+00, -0x1.4b309d25957e3p-54},
	{0x1.5342b569d4f82p+00, -0x1.07abe1db13cadp-55},
	{0x1.56f4736b527dap+00, 0x1.9bb2c011d93adp-54},
	{0x1.5ab07dd485429p+00, 0x1.6324c054647adp-54},
	{0x1.5e76f15ad2148p+00, 0x1.ba6f93080e65ep-54},
	{0x1.6247eb03a5585p+00, -0x1.383c17e40b497p-54},
	{0x1.6623882552225p+00, -0x1.bb60987591c34p-54},
	{0x1.6a09e667f3bcdp+00, -0x1.bdd3413b26456p-54},
	{0x1.6dfb23c651a2fp+00, -0x1.bbe3a683c88abp-57},
	{0x1.71f75e8ec5f74p+00, -0x1.16e4786887a99p-55},
	{0x1.75feb564267c9p+00, -0x1.0245957316dd3p-54},
	{0x1.7a11473eb0187p+00, -0x1.41577ee04992fp-55},
	{0x1.7e2f336cf4e62p+00, 0x1.05d02ba15797ep-56},
	{0x1.82589994cce13p+00, -0x1.d4c1dd41532d8p-54},
	{0x1.868d99b4492edp+00, -0x1.fc6f89bd4f6bap-54},
	{0x1.8ace5422aa0dbp+00, 0x1.6e9f156864b27p-54},
	{0x1.8f1ae99157736p+00, 0x1.5cc13a2e3976cp-55},
	{0x1.93737b0cdc5e5p+00, -0x1.75fc781b57ebcp-57},
	{0x1.97d829fde4e5p+00, -0x1.d185b7c1b85d1p-54},
	{0x1.9c49182a3f09p+00, 0x1.c7c46b071f2bep-56},
	{0x1.a0c667b5de565p+00, -0x1.359495d1cd533p-54},
	{0x1.a5503b23e255dp+00, -0x1.d2f6edb8d41e1p-54},
	{0x1.a9e6b5579fdbfp+00, 0x1.0fac90ef7fd31p-54},
	{0x1.ae89f995ad3adp+00, 0x1.7a1cd345dcc81p-54},
	{0x1.b33a2b84f15fbp+00, -0x1.2805e3084d708p-57},
	{0x1.b7f76f2fb5e47p+00, -0x1.5584f7e54ac3bp-56},
	{0x1.bcc1e904bc1d2p+00, 0x1.23dd07a2d9e84p-55},
	{0x1.c199bdd85529cp+00, 0x1.11065895048ddp-55},
	{0x1.c67f12e57d14bp+00, 0x1.2884dff483cadp-54},
	{0x1.cb720dcef9069p+00, 0x1.503cbd1e949dbp-56},
	{0x1.d072d4a07897cp+00, -0x1.cbc3743797a9cp-54},
	{0x1.d5818dcfba487p+00, 0x1.2ed02d75b3707p-55},
	{0x1.da9e603db3285p+00, 0x1.c2300696db532p-54},
	{0x1.dfc97337b9b5fp+00, -0x1.1a5cd4f184b5cp-54},
	{0x1.e502ee78b3ff6p+00, 0x1.39e8980a9cc8fp-55},
	{0x1.ea4afa2a490dap+00, -0x1.e9c23179c2893p-54},
	{0x1.efa1bee615a27p+00, 0x1.dc7f486a4b6bp-54},
	{0x1.f50765b6e454p+00, 0x1.9d3e12dd8a18bp-54},
	{0x1.fa7c1819e90d8p+00, 0x1.74853f3a5931ep-55},
}

// logTab[j-logTabMin] = ln(j/64), j = 45 ... 91.
var logTab = [...]dd{
	{-0x1.68ac83e9c6a14p-02, -0x1.a64eadd740178p-58},
	{-0x1.522ae0738a3d8p-02, 0x1.8f7e9b38a6979p-57},
	{-0x1.3c25277333184p-02, 0x1.2ad27e50a8ec6p-56},
	{-0x1.269621134db92p-02, -0x1.e0efadd9db02bp-56},
	{-0x1.1178e8227e47cp-02, 0x1.0e63a5f01c691p-57},
	{-0x1.f991c6cb3b379p-03, -0x1.f665066f980a2p-57},
	{-0x1.d1037f2655e7bp-03, -0x1.60629242471a2p-57},
	{-0x1.a93ed3c8ad9e3p-03, -0x1.bcafa9de97203p-57},
	{-0x1.823c16551a3c2p-03, 0x1.1232ce70be781p-57},
	{-0x1.5bf406b543db2p-03, 0x1.1f5b44c0df7e7p-61},
	{-0x1.365fcb0159016p-03, -0x1.7d411a5b944adp-58},
	{-0x1.1178e8227e47cp-03, 0x1.0e63a5f01c691p-58},
	{-0x1.da727638446a2p-04, -0x1.401fa71733019p-58},
	{-0x1.9335e5d594989p-04, 0x1.478a85704ccb7p-58},
	{-0x1.4d3115d207eacp-04, -0x1.769f42c7842ccp-58},
	{-0x1.08598b59e3a07p-04, 0x1.dd7009902bf32p-58},
	{-0x1.894aa149fb343p-05, -0x1.a8be97660a23dp-60},
	{-0x1.0415d89e74444p-05, -0x1.c05cf1d753622p-59},
	{-0x1.0205658935847p-06, -0x1.27c8e8416e71fp-60},
	{0x0p+00, 0x0p+00},
	{0x1.fc0a8b0fc03e4p-07, -0x1.83092c59642a1p-62},
	{0x1.f829b0e7833p-06, 0x1.33e3f04f1ef23p-60},
	{0x1.77458f632dcfcp-05, 0x1.18d3ca87b9296p-59},
	{0x1.f0a30c01162a6p-05, 0x1.85f325c5bbacdp-59},
	{0x1.341d7961bd1d1p-04, -0x1.b599f227becbbp-58},
	{0x1.6f0d28ae56b4cp-04, -0x1.906d99184b992p-58},
	{0x1.a926d3a4ad563p-04, 0x1.942f48aa70ea9p-58},
	{0x1.e27076e2af2e6p-04, -0x1.61578001e0162p-60},
	{0x1.0d77e7cd08e59p-03, 0x1.9a5dc5e9030acp-57},
	{0x1.29552f81ff523p-03, 0x1.301771c407dbfp-57},
	{0x1.44d2b6ccb7d1ep-03, 0x1.9f4f6543e1f88p-57},
	{0x1.5ff3070a793d4p-03, -0x1.bc60efafc6f6ep-58},
	{0x1.7ab890210d909p-03, 0x1.be36b2d6a0608p-59},
	{0x1.9525a9cf456b4p-03, 0x1.d904c1d4e2e26p-57},
	{0x1.af3c94e80bff3p-03, -0x1.398cff3641985p-58},
	{0x1.c8ff7c79a9a22p-03, -0x1.4f689f8434012p-57},
	{0x1.e27076e2af2e6p-03, -0x1.61578001e0162p-59},
	{0x1.fb9186d5e3e2bp-03, -0x1.caaae64f21acbp-57},
	{0x1.0a324e27390e3p-02, 0x1.7dcfde8061c03p-56},
	{0x1.1675cababa60ep-02, 0x1.ce63eab883717p-61},
	{0x1.22941fbcf7966p-02, -0x1.76f5eb09628afp-56},
	{0x1.2e8e2bae11d31p-02, -0x1.8f4cdb95ebdf9p-56},
	{0x1.3a64c556945eap-02, -0x1.c68651945f97cp-57},
	{0x1.4618bc21c5ec2p-02, 0x1.f42decdeccf1dp-56},
	{0x1.51aad872df82dp-02, 0x1.3927ac19f55e3p-59},
	{0x1.5d1bdbf5809cap-02, 0x1.4236383dc7fe1p-56},
	{0x1.686c81e9b14afp-02, -0x1.ddea0f7f58e3dp-57},
}

// atanTab[j] = atan(j/64).
var atanTab = [...]dd{
	{0x0p+00, 0x0p+00},
	{0x1.fff555bbb729bp-07, -0x1.220c39d4dff5p-61},
	{0x1.ffd55bba97625p-06, -0x1.5ec431444912cp-60},
	{0x1.7fb818430da2ap-05, -0x1.86ef8f794f105p-63},
	{0x1.ff55bb72cfdeap-05, -0x1.c934d86d23f1dp-60},
	{0x1.3f59f0e7c559dp-04, 0x1.ac4ce285df847p-58},
	{0x1.7ee182602f10fp-04, -0x1.cfb654c0c3d98p-58},
	{0x1.be39ebe6f07c3p-04, 0x1.f7b8f29a05987p-58},
	{0x1.fd5ba9aac2f6ep-04, -0x1.cd37686760c17p-59},
	{0x1.1e1fafb043727p-03, -0x1.b485914dacf8cp-59},
	{0x1.3d6eee8c6626cp-03, 0x1.61a3b0ce9281bp-57},
	{0x1.5c9811e3ec26ap-03, -0x1.054ab2c010f3dp-58},
	{0x1.7b97b4bce5b02p-03, 0x1.347b0b4f881cap-58},
	{0x1.9a6a8e96c8626p-03, 0x1.cf601e7b4348ep-59},
	{0x1.b90d7529260a2p-03, 0x1.17b10d2e0e5abp-61},
	{0x1.d77d5df205736p-03, 0x1.c648d1534597ep-57},
	{0x1.f5b75f92c80ddp-03, 0x1.8ab6e3cf7afbdp-57},
	{0x1.09dc597d86362p-02, 0x1.62e47390cb865p-56},
	{0x1.18bf5a30bf178p-02, 0x1.30ca4748b1bf9p-57},
	{0x1.278372057ef46p-02, -0x1.077cdd36dfc81p-56},
	{0x1.362773707ebccp-02, -0x1.963a544b672d8p-57},
	{0x1.44aa436c2af0ap-02, -0x1.5d5e43c55b3bap-56},
	{0x1.530ad9951cd4ap-02, -0x1.2566480884082p-57},
	{0x1.614840309cfe2p-02, -0x1.a725715711fp-56},
	{0x1.6f61941e4def1p-02, -0x1.c63aae6f6e918p-56},
	{0x1.7d5604b63b3f7p-02, 0x1.69c885c2b249ap-56},
	{0x1.8b24d394a1b25p-02, 0x1.b6d0ba3748fa8p-56},
	{0x1.98cd5454d6b18p-02, 0x1.9e6c988fd0a77p-56},
	{0x1.a64eec3cc23fdp-02, -0x1.24dec1b50b7ffp-56},
	{0x1.b3a911da65c6cp-02, 0x1.ae187b1ca504p-56},
	{0x1.c0db4c94ec9fp-02, -0x1.cc1ce70934c34p-56},
	{0x1.cde53432c1351p-02, -0x1.a2cfa4418f1adp-56},
	{0x1.dac670561bb4fp-02, 0x1.a2b7f222f65e2p-56},
	{0x1.e77eb7f175a34p-02, 0x1.0e53dc1bf3435p-56},
	{0x1.f40dd0b541418p-02, -0x1.a3992dc382a23p-57},
	{0x1.0039c73c1a40cp-01, -0x1.b32c949c9d593p-55},
	{0x1.0657e94db30dp-01, -0x1.d5b495f6349e6p-56},
	{0x1.0c6145b5b43dap-01, 0x1.974fa13b5404fp-58},
	{0x1.1255d9bfbd2a9p-01, -0x1.2bdaee1c0ee35p-58},
	{0x1.1835a88be7c13p-01, 0x1.c621cec00c301p-55},
	{0x1.1e00babdefeb4p-01, -0x1.928df287a668fp-58},
	{0x1.23b71e2cc9e6ap-01, 0x1.c421c9f38224ep-57},
	{0x1.2958e59308e31p-01, -0x1.09e73b0c6c087p-56},
	{0x1.2ee628406cbcap-01, 0x1.c5d5e9ff0cf8dp-55},
	{0x1.345f01cce37bbp-01, 0x1.1021137c71102p-55},
	{0x1.39c391cd4171ap-01, -0x1.2304331d8bf46p-55},
	{0x1.3f13fb89e96f4p-01, 0x1.ecf8b492644fp-56},
	{0x1.445065b795b56p-01, -0x1.f76d0163f79c8p-56},
	{0x1.4978fa3269ee1p-01, 0x1.2419a87f2a458p-56},
	{0x1.4e8de5bb6ec04p-01, 0x1.4a33dbeb3796cp-55},
	{0x1.538f57b89061fp-01, -0x1.1bb74abda520cp-55},
	{0x1.587d81f732fbbp-01, -0x1.5e5c9d8c5a95p-56},
	{0x1.5d58987169b18p-01, 0x1.0028e4bc5e7cap-57},
	{0x1.6220d115d7b8ep-01, -0x1.2b785350ee8c1p-57},
	{0x1.66d663923e087p-01, -0x1.6ea6febe8bbbap-56},
	{0x1.6b798920b3d99p-01, -0x1.a80386188c50ep-55},
	{0x1.700a7c5784634p-01, -0x1.8c34d25aadef6p-56},
	{0x1.748978fba8e0fp-01, 0x1.7b2a6165884a1p-59},
	{0x1.78f6bbd5d315ep-01, 0x1.406a08980374p-55},
	{0x1.7d528289fa093p-01, 0x1.560821e2f3aa9p-55},
	{0x1.819d0b7158a4dp-01, -0x1.bf76229d3b917p-56},
	{0x1.85d69576cc2c5p-01, 0x1.6b66e7fc8b8c3p-57},
	{0x1.89ff5ff57f1f8p-01, -0x1.55b9a5e177a1bp-55},
	{0x1.8e17aa99cc05ep-01, -0x1.ec182ab042f61p-56},
	{0x1.921fb54442d18p-01, 0x1.1a62633145c07p-55},
}

// ddPio2 = π/2.
var ddPio2 = dd{0x1.921fb54442d18p+00, 0x1.1a62633145c07p-54}

// ddLn2 = ln 2.
var ddLn2 = dd{0x1.62e42fefa39efp-01, 0x1.abc9e3b39803fp-56}

// ddInvLn2 = 1/ln 2.
var ddInvLn2 = dd{0x1.71547652b82fep+00, 0x1.777d0ffda0d24p-56}

// ddInvLn10 = 1/ln 10.
var ddInvLn10 = dd{0x1.bcb7b1526e50ep-02, 0x1.95355baaafad3p-57}

// pio2CW is π/2 as five pieces of 32 bits and one of 53 (Cody-Waite).
var pio2CW = [...]float64{0x1.921fb544p+00, 0x1.0b4611a6p-34, 0x1.3198a2ep-69, 0x1.b839a252p-104, 0x1.27044534p-142, -0x1.9c5fefa20ace2p-178}

// ln2o64CW is ln2/64 as two pieces of 36 bits and one of 53.
var ln2o64CW = [...]float64{0x1.62e42fefap-07, 0x1.cf79abc9ep-46, 0x1.d9cc01f97b57ap-85}

// twoOverPi holds 2560 bits of 2/π: 2/π = Σ twoOverPi[i]·2^(-64i). The
// double-double reduction uses the first 22 words, big.go all of them.
var twoOverPi = [...]uint64{
	0x0000000000000000, 0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041,
	0xfe5163abdebbc561, 0xb7246e3a424dd2e0, 0x06492eea09d1921c, 0xfe1deb1cb129a73e,
	0xe88235f52ebb4484, 0xe99c7026b45f7e41, 0x3991d639835339f4, 0x9c845f8bbdf9283b,
	0x1ff897ffde05980f, 0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d,
	0x7527bac7ebe5f17b, 0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08, 0x56033046fc7b6bab,
	0xf0cfbc209af4361d, 0xa9e391615ee61b08, 0x6599855f14a06840, 0x8dffd8804d732731,
	0x06061556ca73a8c9, 0x60e27bc08c6b47c4, 0x19c367cddce8092a, 0x8359c4768b961ca6,
	0xddaf44d15719053e, 0xa5ff07053f7e33e8, 0x32c2de4f98327dbb, 0xc33d26ef6b1e5ef8,
	0x9f3a1f35caf27f1d, 0x87f121907c7c246a, 0xfa6ed5772d30433b, 0x15c614b59d19c3c2,
	0xc4ad414d2c5d000c, 0x467d862d71e39ac6, 0x9b0062337cd2b497, 0xa7b4d55537f63ed7,
}

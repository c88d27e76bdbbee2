package crmath

import "math"

// Double-double ("dd") arithmetic: a value is the unevaluated sum hi + lo of
// two float64 with |lo| <= ulp(hi)/2, about 106 bits of precision. It is
// built on error-free transforms (Knuth's TwoSum, Dekker's FastTwoSum,
// Veltkamp's split and Dekker's TwoProduct), so it needs neither FMA nor
// any particular rounding of intermediates beyond IEEE round-to-nearest.
//
// The Go spec allows x*y+z to be fused into one FMA, which would break the
// transforms (and make results differ between amd64, arm64 and js/wasm).
// Every product below is therefore wrapped in an explicit float64(...)
// conversion, which the spec defines to round and so forbids the fusion.
//
// Error bounds (u = 2^-53, see Joldes, Muller and Popescu, "Tight and
// rigorous error bounds for basic building blocks of double-word
// arithmetic", ACM TOMS 2017): add 3u², addF 2u², mul about 5u², div and
// sqrt a few u² (all relative to the exact result of the operation).
type dd struct{ hi, lo float64 }

// ddTwoSum returns s = fl(a+b) and e with s+e = a+b exactly.
func ddTwoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// ddFastTwoSum is ddTwoSum for |a| >= |b| (or a == 0).
func ddFastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// ddSplit is Veltkamp's split of a into hi + lo, each of at most 26
// significant bits. |a| must be below 2^996 (no overflow of 134217729·a).
func ddSplit(a float64) (hi, lo float64) {
	const c = 1<<27 + 1
	t := float64(c * a)
	hi = t - (t - a)
	lo = a - hi
	return hi, lo
}

// ddTwoProd returns p = fl(a·b) and e with p+e = a·b exactly (Dekker), as
// long as nothing overflows or underflows.
func ddTwoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	ah, al := ddSplit(a)
	bh, bl := ddSplit(b)
	e = float64(ah*bh) - p
	e += float64(ah * bl)
	e += float64(al * bh)
	e += float64(al * bl)
	return p, e
}

// ddOf returns the double-double sum a + b.
func ddOf(a, b float64) dd {
	s, e := ddTwoSum(a, b)
	return dd{s, e}
}

// ddProd returns the exact product a·b as a double-double.
func ddProd(a, b float64) dd {
	p, e := ddTwoProd(a, b)
	return dd{p, e}
}

func (a dd) neg() dd { return dd{-a.hi, -a.lo} }

// pow2 returns a·p for a power of two p (exact unless it underflows).
func (a dd) pow2(p float64) dd { return dd{float64(a.hi * p), float64(a.lo * p)} }

// scale returns a·2^k (exact unless it underflows or overflows).
func (a dd) scale(k int) dd { return dd{math.Ldexp(a.hi, k), math.Ldexp(a.lo, k)} }

// add returns a+b with relative error below 3u², also under cancellation.
func (a dd) add(b dd) dd {
	s, e := ddTwoSum(a.hi, b.hi)
	t, f := ddTwoSum(a.lo, b.lo)
	e += t
	s, e = ddFastTwoSum(s, e)
	e += f
	s, e = ddFastTwoSum(s, e)
	return dd{s, e}
}

// sub returns a-b (see add).
func (a dd) sub(b dd) dd { return a.add(b.neg()) }

// addF returns a+b for a float64 b, relative error below 2u².
func (a dd) addF(b float64) dd {
	s, e := ddTwoSum(a.hi, b)
	e += a.lo
	s, e = ddFastTwoSum(s, e)
	return dd{s, e}
}

// mul returns a·b.
func (a dd) mul(b dd) dd {
	p, e := ddTwoProd(a.hi, b.hi)
	e += float64(a.hi*b.lo) + float64(a.lo*b.hi)
	p, e = ddFastTwoSum(p, e)
	return dd{p, e}
}

// mulF returns a·b for a float64 b.
func (a dd) mulF(b float64) dd {
	p, e := ddTwoProd(a.hi, b)
	e += float64(a.lo * b)
	p, e = ddFastTwoSum(p, e)
	return dd{p, e}
}

// div returns a/b (three quotient digits, the long division of the QD
// library's accurate_div).
func (a dd) div(b dd) dd {
	q1 := a.hi / b.hi
	r := a.sub(b.mulF(q1))
	q2 := r.hi / b.hi
	r = r.sub(b.mulF(q2))
	q3 := r.hi / b.hi
	q1, q2 = ddFastTwoSum(q1, q2)
	return dd{q1, q2}.addF(q3)
}

// sqrt returns the square root of a >= 0 (one Newton correction of the
// correctly rounded math.Sqrt(a.hi)). a must be zero or above 2^-968 so
// that the square of the root does not underflow.
func (a dd) sqrt() dd {
	if a.hi <= 0 {
		return dd{}
	}
	s := math.Sqrt(a.hi)
	p, e := ddTwoProd(s, s)
	r := (((a.hi - p) - e) + a.lo) / float64(2*s)
	s, r = ddFastTwoSum(s, r)
	return dd{s, r}
}

// ddPoly evaluates the polynomial Σ c[i]·z^i by Horner's rule. The
// coefficients c[nd:] are summed in plain float64 arithmetic (with z.hi):
// callers choose nd so that those terms are below 2^-57 of the result,
// where float64's relative error 2^-53 costs less than 2^-106. The
// remaining nd steps are double-double.
func ddPoly(z dd, c []dd, nd int) dd {
	n := len(c)
	p := c[n-1].hi
	for i := n - 2; i >= nd; i-- {
		p = float64(p*z.hi) + c[i].hi
	}
	// r = r·z + c[i]: the product as p + e (Dekker, with z split once),
	// added to c[i] without normalizing it first.
	zh, zl := ddSplit(z.hi)
	rh, rl := p, 0.0
	for i := nd - 1; i >= 0; i-- {
		p := float64(rh * z.hi)
		ah, al := ddSplit(rh)
		e := float64(ah*zh) - p
		e += float64(ah * zl)
		e += float64(al * zh)
		e += float64(al * zl)
		e += float64(rh*z.lo) + float64(rl*z.hi)
		s, t := ddTwoSum(c[i].hi, p)
		t += e + c[i].lo
		rh, rl = ddFastTwoSum(s, t)
	}
	return dd{rh, rl}
}

package crmath

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// crSame reports whether a and b are the same float64 (NaN equals NaN,
// +0 differs from -0).
func crSame(a, b float64) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

func TestCRKnownValues(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"cos(5)", Cos(5), 0.28366218546322625},
		{"sin(5)", Sin(5), -0.9589242746631385},
		{"ln(2)", Log(2), 0.6931471805599453},
		{"exp(1)", Exp(1), math.E},
		{"log2(8)", Log2(8), 3},
		{"log10(1000)", Log10(1000), 3},
		{"sin(π)", Sin(math.Pi), 1.2246467991473532e-16},
		{"cos(π/2)", Cos(math.Pi / 2), 6.123233995736766e-17},
		{"atan(1)", Atan(1), math.Pi / 4},
		{"asin(0.5)", Asin(0.5), 0.5235987755982989},
		{"acos(0)", Acos(0), math.Pi / 2},
		{"tanh(1)", Tanh(1), 0.7615941559557649},
		{"pow(2, 0.5)", Pow(2, 0.5), math.Sqrt2},
		{"pow(10, -2)", Pow(10, -2), 0.01},
		{"sigmoid(0)", Sigmoid(0), 0.5},
		{"softplus(0)", Softplus(0), math.Ln2},
		{"atan2(1, 1)", Atan2(1, 1), math.Pi / 4},
		{"atan2(1, -1)", Atan2(1, -1), 3 * math.Pi / 4},
		{"hypot(3, 4)", Hypot(3, 4), 5},
		{"erf(1)", Erf(1), 0.8427007929497149},
		{"log1p(1)", Log1p(1), math.Ln2},
		{"expm1(1)", Expm1(1), 1.7182818284590453}, // math.Expm1(1) is 1.718281828459045
		{"cbrt(27)", Cbrt(27), 3},
		{"cbrt(-8)", Cbrt(-8), -2},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Exact results at exact powers: log2(2^k) = k, log10(10^k) = k.
	for k := -1074; k <= 1023; k++ {
		if got := Log2(math.Ldexp(1, k)); got != float64(k) {
			t.Errorf("log2(2^%d) = %v", k, got)
		}
	}
	for k := -22; k <= 22; k++ {
		x, _ := new(big.Float).SetPrec(2000).SetRat(new(big.Rat).SetFrac(
			new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, 0))), nil),
			new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(-k, 0))), nil))).Float64()
		if got := Log10(x); k >= 0 && got != float64(k) {
			t.Errorf("log10(1e%d) = %v", k, got)
		} else if want := crLookup("log10").refFloat(x, 0); got != want {
			t.Errorf("log10(%v) = %v, want %v", x, got, want)
		}
	}
}

var crSpecials = []float64{
	math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1.5, -1.5,
	math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1022, -0x1p-1022, 0x1p-600, -0x1p-600,
	math.MaxFloat64, -math.MaxFloat64, 1e300, -1e300, 1 << 53, -(1 << 53), 1<<53 + 2, 1 << 63, -(1 << 63), 1e20,
	800, -800, 1000, -1000, 720, -720, 1 + 0x1p-52, 1 - 0x1p-53, -1 - 0x1p-52, -1 + 0x1p-53,
}

// TestCRSpecialValues checks NaN, infinities, signed zeros, domain errors,
// overflow and underflow against the math package, bit for bit.
// crCase is one function of the package with what its tests need. Adding a
// function is one entry of crFuncs.
type crCase struct {
	name    string
	arity   int
	cr, std func(x, y float64) float64 // std: the math package (or the usual float64 formula)
	// ref is the exact value in math/big (ref_test.go), for finite
	// arguments inside the domain; refSafe (nil: always) says where it is
	// quick enough.
	ref     func(x, y float64) *big.Float
	refSafe func(x, y float64) bool
	// core is the double-double value m·2^k before the final rounding;
	// ok is false where the function answers without it.
	core func(x, y float64) (m dd, k int, ok bool)
	// slow is the math/big path at arguments where core is ok (nil:
	// crSlow(fn, x, y), fn being the case's index in crFn order).
	slow   func(x, y float64) float64
	random []crInput
	fixed  [][2]float64
	// bench draws the arguments of BenchmarkCR (nil: uniform in [-10, 10)).
	bench func(r *rand.Rand) (float64, float64)
	// special says where the result must be math's bit for bit besides
	// special arguments and results (NaN, ±Inf, ±0).
	special func(x, y float64) bool
	// digest is an FNV-1a hash of the results and the double-double values
	// on 40 arguments of each random kind (TestCRSameEverywhere).
	digest uint64
}

func un(f func(float64) float64) func(x, y float64) float64 {
	return func(x, _ float64) float64 { return f(x) }
}

// at1 lists fixed arguments of a function of one argument.
func at1(xs ...float64) [][2]float64 {
	out := make([][2]float64, len(xs))
	for i, x := range xs {
		out[i] = [2]float64{x, 0}
	}
	return out
}

// core1 is the core of a function of one argument with no special cases
// at finite arguments.
func core1(f func(x float64) (dd, int)) func(x, y float64) (dd, int, bool) {
	return func(x, _ float64) (dd, int, bool) {
		if x != x || math.IsInf(x, 0) {
			return dd{}, 0, false
		}
		m, k := f(x)
		return m, k, true
	}
}

// signed applies the sign of x to a core evaluated at |x|.
func signed(x float64, m dd, k int) (dd, int, bool) {
	if x < 0 {
		m = m.neg()
	}
	return m, k, true
}

func finite(x float64) bool { return x == x && !math.IsInf(x, 0) }

// crFuncs lists every function, in crFn order.
var crFuncs = []crCase{
	{name: "sin", arity: 1, cr: un(Sin), std: un(math.Sin),
		ref: func(x, _ float64) *big.Float { s, _ := refSinCos(refF(x)); return s },
		core: func(x, _ float64) (dd, int, bool) {
			return sinDD(x), 0, x != 0 && finite(x)
		},
		random: crTrigInputs, fixed: crTrigFixed, digest: 0xa08e1547e3e2fdcd},
	{name: "cos", arity: 1, cr: un(Cos), std: un(math.Cos),
		ref: func(x, _ float64) *big.Float { _, c := refSinCos(refF(x)); return c },
		core: func(x, _ float64) (dd, int, bool) {
			return sinCosDD(math.Abs(x), true), 0, finite(x)
		},
		random: crTrigInputs, fixed: crTrigFixed, digest: 0x4b753e77f28da44e},
	{name: "tan", arity: 1, cr: un(Tan), std: un(math.Tan),
		ref: func(x, _ float64) *big.Float { s, c := refSinCos(refF(x)); return refQuo(s, c) },
		core: func(x, _ float64) (dd, int, bool) {
			return tanDD(x), 0, x != 0 && finite(x)
		},
		random: crTrigInputs, fixed: crTrigFixed, digest: 0xa6cb4440dc8248e9},
	{name: "exp", arity: 1, cr: un(Exp), std: un(math.Exp),
		ref:     func(x, _ float64) *big.Float { return refExp(refF(x)) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			m, k := expCore(x, 0)
			return m, k, x >= -746 && x <= 710
		},
		random: []crInput{
			{"[-745.2, 709.8]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -745.2, 709.8) })},
			{"|x|<5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -5, 5) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
			{"near overflow", crArg1(func(r *rand.Rand) float64 { return crUni(r, 709.7, 709.8) })},
			{"subnormal results", crArg1(func(r *rand.Rand) float64 { return crUni(r, -745.2, -708.3) })},
		},
		fixed: at1(709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641,
			-708.3964185322642, 1, -1, 0x1p-54, -0x1p-54, 0x1p-53, 0.5, 100),
		digest: 0x4d34662ba1a2e564},
	{name: "log", arity: 1, cr: un(Log), std: un(math.Log),
		ref:  func(x, _ float64) *big.Float { return refLog(refF(x)) },
		core: logCore1(logDD), random: crLogInputs, fixed: crLogFixed, digest: 0x72d975e636254df4},
	{name: "log2", arity: 1, cr: un(Log2), std: un(math.Log2),
		ref:  func(x, _ float64) *big.Float { return refQuo(refLog(refF(x)), refAt(refLn2(), refPrec)) },
		core: logCore1(log2DD), random: crLogInputs, fixed: crLogFixed, digest: 0xd79e6ff1594ec8ce},
	{name: "log10", arity: 1, cr: un(Log10), std: un(math.Log10),
		ref:  func(x, _ float64) *big.Float { return refQuo(refLog(refF(x)), refLog(refF(10))) },
		core: logCore1(log10DD), random: crLogInputs, fixed: crLogFixed, digest: 0x798b9a8771de178f},
	{name: "sinh", arity: 1, cr: un(Sinh), std: un(math.Sinh),
		ref:     func(x, _ float64) *big.Float { return refSinh(refF(x)) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			m, k := sinhDD(x)
			return m, k, x != 0 && math.Abs(x) <= 711
		},
		random: crSinhInputs, fixed: crSinhFixed, digest: 0xb3b340e2d42ec265},
	{name: "cosh", arity: 1, cr: un(Cosh), std: un(math.Cosh),
		ref:     func(x, _ float64) *big.Float { return refCosh(refF(x)) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			m, k := coshDD(x)
			return m, k, math.Abs(x) <= 711
		},
		random: crSinhInputs, fixed: crSinhFixed, digest: 0xa523455a6273a231},
	{name: "tanh", arity: 1, cr: un(Tanh), std: un(math.Tanh),
		ref:     func(x, _ float64) *big.Float { return refQuo(refSinh(refF(x)), refCosh(refF(x))) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			return tanhDD(x), 0, x != 0 && math.Abs(x) <= 20
		},
		random: []crInput{
			{"|x|<0.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.5, 0.5) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
			{"|x|<25", crArg1(func(r *rand.Rand) float64 { return crUni(r, -25, 25) })},
		},
		fixed: at1(0.5, crUlps(0.5, -1), 19.06, 20, crUlps(20, -1)), digest: 0x9ad6fa56d7116d7a},
	{name: "asin", arity: 1, cr: un(Asin), std: un(math.Asin),
		ref: func(x, _ float64) *big.Float {
			p := uint(refPrec + 128)
			t := new(big.Float).SetPrec(p).SetFloat64(x)
			one := refInt(1, p)
			return refAtan(refQuo(t, refSqrt(refSub(one, refMul(t, t)))))
		},
		core: func(x, _ float64) (dd, int, bool) {
			return asinDD(x), 0, x != 0 && math.Abs(x) < 1
		},
		random: crAsinInputs, fixed: crAsinFixed, bench: crBench(-1, 1), digest: 0x3fad88d4548c1685},
	{name: "acos", arity: 1, cr: un(Acos), std: un(math.Acos),
		ref: func(x, _ float64) *big.Float {
			// acos x = π/2 - asin x, with 128 spare bits for the cancellation.
			p := uint(refPrec + 128)
			t := new(big.Float).SetPrec(p).SetFloat64(x)
			one := refInt(1, p)
			as := refAtan(refQuo(t, refSqrt(refSub(one, refMul(t, t)))))
			pio2 := refMul(refAt(refPi(), p), new(big.Float).SetFloat64(0.5))
			return refSub(pio2, as)
		},
		core: func(x, _ float64) (dd, int, bool) {
			return acosDD(x), 0, math.Abs(x) < 1
		},
		random: crAsinInputs, fixed: crAsinFixed, bench: crBench(-1, 1), digest: 0x1372cb3813b9f5c},
	{name: "atan", arity: 1, cr: un(Atan), std: un(math.Atan),
		ref: func(x, _ float64) *big.Float { return refAtan(refF(x)) },
		core: func(x, _ float64) (dd, int, bool) {
			if x == 0 || !finite(x) {
				return dd{}, 0, false
			}
			return signed(x, atanPos(dd{math.Abs(x), 0}), 0)
		},
		random: []crInput{
			{"2^-60 ... 2^80", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -60, 80, true) })},
			{"|x|<1.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1.5, 1.5) })},
			{"near 1", crArg1(func(r *rand.Rand) float64 { return crUlps(1, r.IntN(201)-100) })},
			{"huge", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, 60, 1023, true) })},
		},
		fixed: at1(1, math.Sqrt(3), 1/math.Sqrt(3), 0x1p60, 0x1p61, math.MaxFloat64, 0x1p-1074), digest: 0xf81ad9831cac6a85},
	{name: "pow", arity: 2, cr: Pow, std: math.Pow,
		ref: refPow,
		core: func(x, y float64) (dd, int, bool) {
			ok := finite(x) && finite(y) && x != 0 && y != 0 && math.Abs(y*math.Log(math.Abs(x))) <= 700
			if !ok {
				return dd{}, 0, false
			}
			m, k := powCore(math.Abs(x), y)
			return m, k, true // |x|**y
		},
		slow: func(x, y float64) float64 {
			r := crSlow(crFnPow, math.Abs(x), y)
			if x < 0 && isOddInteger(y) {
				r = -r
			}
			return r
		},
		special: func(x, y float64) bool { return x == 1 || y == 0 || y == 1 },
		random: []crInput{
			{"x<10, |y|<30", func(r *rand.Rand) (float64, float64) { return crUni(r, 0, 10), crUni(r, -30, 30) }},
			{"x near 1, large y", func(r *rand.Rand) (float64, float64) {
				return 1 + crUni(r, -1e-3, 1e-3), crUni(r, -3e5, 3e5)
			}},
			{"any x, |y|<1", func(r *rand.Rand) (float64, float64) { return crRandPositive(r), crUni(r, -1, 1) }},
			{"x<0, integer y", func(r *rand.Rand) (float64, float64) {
				return -crUni(r, 0, 20), float64(r.IntN(81) - 40)
			}},
			{"integer y", func(r *rand.Rand) (float64, float64) {
				return crUni(r, 0, 100), float64(r.IntN(129) - 64)
			}},
			{"dyadic y", func(r *rand.Rand) (float64, float64) {
				return crUni(r, 0, 100), float64(r.IntN(401)-200) / 16
			}},
			{"near overflow and underflow", func(r *rand.Rand) (float64, float64) {
				x := crUni(r, 1.01, 100)
				bound := 709.7
				if r.IntN(2) == 0 {
					bound = -744
				}
				return x, (bound + crUni(r, -1, 1)) / math.Log(x)
			}},
		},
		bench:  func(r *rand.Rand) (float64, float64) { return crUni(r, 0, 10), crUni(r, -10, 10) },
		digest: 0xccebdbf3c68d109f},
	{name: "sigmoid", arity: 1, cr: un(Sigmoid), std: un(crStdSigmoid),
		ref: func(x, _ float64) *big.Float {
			one := refInt(1, refPrec)
			return refQuo(one, refAdd(one, refExp(refF(-x))))
		},
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			m, k := sigmoidDD(x)
			return m, k, x >= -746 && x <= 40
		},
		random: []crInput{
			{"[-750, 50]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -750, 50) })},
			{"|x|<40", crArg1(func(r *rand.Rand) float64 { return crUni(r, -40, 40) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		},
		fixed: at1(-745.1, -708.4, -40, 37.43, 40, -60, -59), digest: 0xcb07d51d6d707f3},
	{name: "softplus", arity: 1, cr: un(Softplus), std: un(crStdSoftplus),
		ref: func(x, _ float64) *big.Float {
			if x > 0 {
				return refAdd(refF(x), refLog1p(refExp(refF(-x))))
			}
			return refLog1p(refExp(refF(x)))
		},
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			m, k := softplusDD(x)
			return m, k, x >= -746 && x <= 50
		},
		random: []crInput{
			{"[-750, 60]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -750, 60) })},
			{"|x|<5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -5, 5) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		},
		fixed: at1(-745.1, -708.4, -41, -40, 50, 0x1p-1074), digest: 0xc57ae64b8ef0cc22},
	{name: "atan2", arity: 2, cr: Atan2, std: math.Atan2,
		ref: refAtan2,
		core: func(y, x float64) (dd, int, bool) {
			if y == 0 || x == 0 || !finite(x) || !finite(y) {
				return dd{}, 0, false
			}
			m, k := atan2DD(math.Abs(y), x)
			return signed(y, m, k)
		},
		slow: func(y, x float64) float64 { return math.Copysign(crSlow(crFnAtan2, math.Abs(y), x), y) },
		random: []crInput{
			{"|y|, |x| < 10", func(r *rand.Rand) (float64, float64) { return crUni(r, -10, 10), crUni(r, -10, 10) }},
			{"2^-30 ... 2^30", func(r *rand.Rand) (float64, float64) {
				return crLogUni(r, -30, 30, true), crLogUni(r, -30, 30, true)
			}},
			{"near the axes (|y/x| or |x/y| 2^50 ... 2^70)", func(r *rand.Rand) (float64, float64) {
				x := crLogUni(r, -10, 10, true)
				y := crLogUni(r, -10, 10, true) * math.Ldexp(1, 50+r.IntN(21))
				if r.IntN(2) == 0 {
					return x, y
				}
				return y, x
			}},
			{"subnormal angles", func(r *rand.Rand) (float64, float64) {
				return crLogUni(r, -1000, -900, true), crLogUni(r, 50, 200, false)
			}},
			{"random bits", func(r *rand.Rand) (float64, float64) {
				y, x := crRandPositive(r), crRandPositive(r)
				if r.IntN(2) == 0 {
					y = -y
				}
				if r.IntN(2) == 0 {
					x = -x
				}
				return y, x
			}},
		},
		fixed: [][2]float64{{1, 1}, {1, -1}, {-1, -1}, {1, 0x1p-60}, {0x1p-60, -1}, {3 * 0x1p-1074, 2}, {5 * 0x1p-1074, 4},
			{1e-300, 1e300}, {-1e-300, -1e300}, {math.MaxFloat64, math.MaxFloat64}, {math.MaxFloat64, -math.MaxFloat64},
			{0x1p-1074, 0x1p-1074}, {1, 0x1p-1074}},
		bench:  func(r *rand.Rand) (float64, float64) { return crUni(r, -10, 10), crUni(r, -10, 10) },
		digest: 0x414ccc72b4d78723},
	{name: "hypot", arity: 2, cr: Hypot, std: math.Hypot,
		ref: refHypot,
		core: func(x, y float64) (dd, int, bool) {
			p, q := math.Abs(x), math.Abs(y)
			if p < q {
				p, q = q, p
			}
			if !finite(p) || !finite(q) || q == 0 || q < p*0x1p-28 {
				return dd{}, 0, false
			}
			m, k := hypotDD(p, q)
			return m, k, true
		},
		random: []crInput{
			{"|x|, |y| < 10", func(r *rand.Rand) (float64, float64) { return crUni(r, -10, 10), crUni(r, -10, 10) }},
			{"random bits", func(r *rand.Rand) (float64, float64) { return crRandPositive(r), crRandPositive(r) }},
			{"ratio 2^-29 ... 2^-27", func(r *rand.Rand) (float64, float64) {
				x := crLogUni(r, -20, 20, false)
				return x, x * math.Ldexp(1+r.Float64(), -29+r.IntN(2))
			}},
			{"subnormal", func(r *rand.Rand) (float64, float64) {
				return math.Float64frombits(1 + r.Uint64()>>13), math.Float64frombits(1 + r.Uint64()>>13)
			}},
			{"near overflow", func(r *rand.Rand) (float64, float64) {
				return crLogUni(r, 1020, 1023, true), crLogUni(r, 1020, 1023, true)
			}},
			{"Pythagorean midpoints", func(r *rand.Rand) (float64, float64) { return crPythagorean(r) }},
		},
		fixed: [][2]float64{{3, 4}, {5, 12}, {1, 1}, {math.MaxFloat64, math.MaxFloat64}, {math.MaxFloat64, 1},
			{0x1p-1074, 0x1p-1074}, {3 * 0x1p-1074, 4 * 0x1p-1074}, {1, 0x1p-28}, {1, 0x1p-29}},
		bench:  func(r *rand.Rand) (float64, float64) { return crUni(r, -10, 10), crUni(r, -10, 10) },
		digest: 0xa433ec05d83a0bb4},
	{name: "erf", arity: 1, cr: un(Erf), std: un(math.Erf),
		ref:     func(x, _ float64) *big.Float { return refErf(x) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 7 },
		core: func(x, _ float64) (dd, int, bool) {
			if x == 0 || !(math.Abs(x) < 6) {
				return dd{}, 0, false
			}
			m, k := erfDD(math.Abs(x))
			return signed(x, m, k)
		},
		slow: func(x, _ float64) float64 { return math.Copysign(crSlow(crFnErf, math.Abs(x), 0), x) },
		random: []crInput{
			{"|x|<1", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1, 1) })},
			{"|x|<6", crArg1(func(r *rand.Rand) float64 { return crUni(r, -6, 6) })},
			{"5 ... 6", crArg1(func(r *rand.Rand) float64 { return crUni(r, 5, 6) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		},
		fixed:  at1(0.5, 1, 2, 3, 5.8, 5.9, crUlps(6, -1), 0x1p-60, crUlps(0x1p-60, -1), 0x1p-1074, -0x1p-1022),
		digest: 0x2ab05e207e9b4b3d},
	{name: "log1p", arity: 1, cr: un(Log1p), std: un(math.Log1p),
		ref: func(x, _ float64) *big.Float { return refLog1p(refF(x)) },
		core: func(x, _ float64) (dd, int, bool) {
			if !(finite(x) && x > -1 && math.Abs(x) >= 0x1p-54) {
				return dd{}, 0, false
			}
			return log1pAnyDD(x), 0, true
		},
		random: []crInput{
			{"(-1, 10)", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.999, 10) })},
			{"|x|<0.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.5, 0.5) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -20, true) })},
			{"near -1", crArg1(func(r *rand.Rand) float64 { return -1 + crLogUni(r, -52, -2, false) })},
			{"random bits", crArg1(crRandPositive)},
		},
		fixed: at1(0x1p-54, -0x1p-54, 0x1p-53, -0x1p-53, crUlps(0x1p-54, -1), 1, -0.5, 1-0x1p-53, -1+0x1p-53,
			math.MaxFloat64, math.Sqrt2-1, math.Sqrt2/2-1),
		bench: crBench(-0.9, 10), digest: 0x71732b1a8cf86b62},
	{name: "expm1", arity: 1, cr: un(Expm1), std: un(math.Expm1),
		ref:     func(x, _ float64) *big.Float { return refExpm1(x) },
		refSafe: func(x, _ float64) bool { return math.Abs(x) < 1e4 },
		core: func(x, _ float64) (dd, int, bool) {
			if !(x >= -40 && x <= 710 && math.Abs(x) >= 0x1p-54) {
				return dd{}, 0, false
			}
			m, k := expm1DD(x)
			return m, k, true
		},
		random: []crInput{
			{"|x|<0.25", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.25, 0.25) })},
			{"|x|<3", crArg1(func(r *rand.Rand) float64 { return crUni(r, -3, 3) })},
			{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -60, -9, true) })},
			{"[-40, 709.7]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -40, 709.7) })},
		},
		fixed:  at1(0.25, -0.25, crUlps(0.25, -1), 0x1p-54, -0x1p-54, 0x1p-53, 0x1p-8, -40, 80, crUlps(80, -1), 709.782712893384, 1, -1),
		digest: 0x6a51c92851f1ad15},
	{name: "cbrt", arity: 1, cr: un(Cbrt), std: un(math.Cbrt),
		ref: func(x, _ float64) *big.Float { return refCbrt(x) },
		core: func(x, _ float64) (dd, int, bool) {
			if x == 0 || !finite(x) {
				return dd{}, 0, false
			}
			m, k := cbrtDD(math.Abs(x))
			return signed(x, m, k)
		},
		slow: func(x, _ float64) float64 { return math.Copysign(crSlow(crFnCbrt, math.Abs(x), 0), x) },
		random: []crInput{
			{"|x|<10", crArg1(func(r *rand.Rand) float64 { return crUni(r, -10, 10) })},
			{"random bits", crArg1(func(r *rand.Rand) float64 {
				x := crRandPositive(r)
				if r.IntN(2) == 0 {
					x = -x
				}
				return x
			})},
			{"subnormal", crArg1(func(r *rand.Rand) float64 { return math.Float64frombits(1 + r.Uint64()>>13) })},
			{"near cubes", crArg1(func(r *rand.Rand) float64 {
				n := float64(1 + r.IntN(1<<17))
				return crUlps(n*n*n, r.IntN(5)-2)
			})},
		},
		fixed:  at1(27, -8, 2, 3, 0.001, 1e300, 0x1p-1074, 0x1p-1022, math.MaxFloat64, 0x1p-1073),
		digest: 0xdabad0f29fc6dc91},
}

// The arguments shared by several functions.
var (
	crTrigFixed = at1(math.Pi/2, math.Pi, 3*math.Pi/2, 2*math.Pi, crUlps(math.Pi, 1), crUlps(math.Pi, -1),
		crUlps(math.Pi/2, 1), crUlps(math.Pi/2, -1), 6381956970095103*0x1p797, 5, 1e22, math.MaxFloat64,
		0x1p20*(math.Pi/2), crUlps(cwTrigMax, -1), cwTrigMax, 0x1p-1074, 0x1p-1022)
	crLogFixed = at1(2, 10, 0.5, math.E, math.MaxFloat64, 0x1p-1074, 0x1p-1022, 1+0x1p-52, 1-0x1p-53, math.Sqrt2,
		math.Sqrt2/2, 0.7071067811865475, 1.4142135623730951)
	crSinhInputs = []crInput{
		{"|x|<0.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.5, 0.5) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		{"0.5 ... 40", crArg1(func(r *rand.Rand) float64 { return crUni(r, 0.5, 40) })},
		{"|x|<711", crArg1(func(r *rand.Rand) float64 { return crUni(r, -711, 711) })},
	}
	crSinhFixed  = at1(0.5, crUlps(0.5, -1), 40, crUlps(40, -1), 710.4758600739439, 710.475860073944, 711)
	crAsinInputs = []crInput{
		{"(-1, 1)", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1, 1) })},
		{"near ±1", crArg1(func(r *rand.Rand) float64 {
			x := 1 - crLogUni(r, -53, -3, false)
			if r.IntN(2) == 0 {
				x = -x
			}
			return x
		})},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
	}
	crAsinFixed = at1(0.5, 1-0x1p-53, -1+0x1p-53, 0x1p-1074, math.Sqrt2/2)
)

// logCore1 is the core of a logarithm (finite x > 0).
func logCore1(f func(float64) dd) func(x, y float64) (dd, int, bool) {
	return func(x, _ float64) (dd, int, bool) { return f(x), 0, x > 0 && finite(x) }
}

func crBench(lo, hi float64) func(r *rand.Rand) (float64, float64) {
	return func(r *rand.Rand) (float64, float64) { return crUni(r, lo, hi), 0 }
}

// crPythagorean returns the legs (a, b) of a right triangle whose
// hypotenuse u² + v² is an odd integer of 54 bits, halfway between two
// float64: a = u² - v², b = 2uv, u/v near 1 + √2 so that both legs are
// below 2^53.
func crPythagorean(r *rand.Rand) (float64, float64) {
	for {
		v := int64(1<<25 + r.IntN(1<<24))
		u := int64(float64(v)*(1+math.Sqrt2)) + int64(r.IntN(1<<10)) - 1<<9
		if (u+v)%2 == 0 || gcd(u, v) != 1 {
			continue
		}
		a, b, h := u*u-v*v, 2*u*v, u*u+v*v
		if a > 0 && a < 1<<53 && b < 1<<53 && h >= 1<<53 {
			return float64(a), float64(b)
		}
	}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// crLookup returns the case of a function.
func crLookup(name string) *crCase {
	for i := range crFuncs {
		if crFuncs[i].name == name {
			return &crFuncs[i]
		}
	}
	panic(name)
}

// refFloat returns the reference value of c at (x, y) rounded to float64.
func (c *crCase) refFloat(x, y float64) float64 { return refFloat(c.ref(x, y)) }

func (c *crCase) slowPath(i int, x, y float64) float64 {
	if c.slow != nil {
		return c.slow(x, y)
	}
	return crSlow(crFn(i), x, y)
}

func crStdSigmoid(a float64) float64 {
	if a >= 0 {
		return 1 / (1 + math.Exp(-a))
	}
	e := math.Exp(a)
	return e / (1 + e)
}

func crStdSoftplus(a float64) float64 {
	if a > 0 {
		return a + math.Log1p(math.Exp(-a))
	}
	return math.Log1p(math.Exp(a))
}

// TestCRSpecialValues checks NaN, infinities, signed zeros, domain errors,
// overflow and underflow against the math package, bit for bit, at every
// special argument (every pair for two arguments); elsewhere the result
// must be the reference's.
func TestCRSpecialValues(t *testing.T) {
	for _, c := range crFuncs {
		ys := []float64{0}
		if c.arity == 2 {
			ys = crSpecials
		}
		for _, x := range crSpecials {
			for _, y := range ys {
				got, want := c.cr(x, y), c.std(x, y)
				special := want != want || math.IsInf(want, 0) || want == 0 || !finite(x) || x == 0 ||
					c.arity == 2 && (!finite(y) || y == 0) || c.special != nil && c.special(x, y)
				switch {
				case special:
				case c.refSafe == nil || c.refSafe(x, y):
					want = c.refFloat(x, y)
				default:
					continue
				}
				if !crSame(got, want) {
					t.Errorf("%s(%v, %v) = %v, want %v (special %v)", c.name, x, y, got, want, special)
				}
			}
		}
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"sigmoid(-Inf)", Sigmoid(math.Inf(-1)), 0},
		{"sigmoid(+Inf)", Sigmoid(math.Inf(1)), 1},
		{"sigmoid(-0)", Sigmoid(math.Copysign(0, -1)), 0.5},
		{"sigmoid(-1000)", Sigmoid(-1000), 0},
		{"softplus(-Inf)", Softplus(math.Inf(-1)), 0},
		{"softplus(+Inf)", Softplus(math.Inf(1)), math.Inf(1)},
		{"softplus(1000)", Softplus(1000), 1000},
		{"softplus(-1000)", Softplus(-1000), 0},
		{"tanh(-0)", Tanh(math.Copysign(0, -1)), math.Copysign(0, -1)},
		{"atan(+Inf)", Atan(math.Inf(1)), math.Pi / 2},
		{"atan(-Inf)", Atan(math.Inf(-1)), -math.Pi / 2},
		{"exp(-Inf)", Exp(math.Inf(-1)), 0},
		{"acos(-1)", Acos(-1), math.Pi},
		{"atan2(-0, -1)", Atan2(math.Copysign(0, -1), -1), -math.Pi},
		{"atan2(-Inf, -Inf)", Atan2(math.Inf(-1), math.Inf(-1)), -3 * math.Pi / 4},
		{"hypot(Inf, NaN)", Hypot(math.Inf(1), math.NaN()), math.Inf(1)},
		{"erf(-Inf)", Erf(math.Inf(-1)), -1},
		{"erf(-0)", Erf(math.Copysign(0, -1)), math.Copysign(0, -1)},
		{"log1p(-1)", Log1p(-1), math.Inf(-1)},
		{"expm1(-Inf)", Expm1(math.Inf(-1)), -1},
		{"cbrt(-Inf)", Cbrt(math.Inf(-1)), math.Inf(-1)},
	} {
		if !crSame(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestCRExactPow checks the powers whose exact value is a float64 or the
// midpoint between two (the double-double path alone cannot round those).
func TestCRExactPow(t *testing.T) {
	exact := func(c int64, n int64, e int) float64 { // c^n·2^e, rounded
		v := new(big.Float).SetPrec(4000).SetInt(new(big.Int).Exp(big.NewInt(c), big.NewInt(n), nil))
		v.SetMantExp(v, e)
		f, _ := v.Float64()
		return f
	}
	m := int64(1<<18 - 1) // m^3 has 54 bits: a midpoint
	cases := []struct{ x, y, want float64 }{
		{3, 34, exact(3, 34, 0)},              // 54 bits, odd: a midpoint
		{3, 33, exact(3, 33, 0)},              // exact
		{-3, 35, -exact(3, 35, 0)},            // not representable, sign
		{float64(m * m), 1.5, exact(m, 3, 0)}, // midpoint via a square root
		{float64(m*m) * 0x1p-600, 1.5, exact(m, 3, -900)},
		{81, 0.25, 3},
		{81, 0.75, 27},
		{81, -0.25, 1.0 / 3},
		{6561, 0.125, 3},
		{0x1.8p-400, 2, exact(3, 2, -802)},    // 1.5·2^-400 squared
		{3 * 0x1p-215, 5, exact(3, 5, -1075)}, // 243·2^-1075: a subnormal midpoint
		{5 * 0x1p-215, 5, exact(5, 5, -1075)}, // 3125·2^-1075
		{2, -1074, math.SmallestNonzeroFloat64},
		{2, -1075, 0}, // 2^-1075: tie to even
		{-2, -1075, math.Copysign(0, -1)},
		{0.5, 1075, 0},
		{0.5, 1074, math.SmallestNonzeroFloat64},
		{2, 1023, 0x1p1023},
		{2, 1024, math.Inf(1)},
		{-2, 1023, -0x1p1023},
		{4, 0.5, 2},
		{4, -0.5, 0.5},
		{0x1p-1074, 0.5, 0x1p-537},
		{0x1p-1074, -0.5, 0x1p537},
		{27, 1.0 / 3, 3}, // 1/3 is not a dyadic: the result is 3 - tiny, rounding to 3
		{1e10, 3, exact(10, 30, 0)},
		{-1, 1 << 60, 1},
		{-1, 1<<53 - 1, -1},
	}
	for _, c := range cases {
		if got := Pow(c.x, c.y); !crSame(got, c.want) {
			t.Errorf("pow(%v, %v) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

// crInput is one argument generator: n arguments of one kind.
type crInput struct {
	kind string
	gen  func(r *rand.Rand) (x, y float64)
}

// crUni returns a uniform float64 in [lo, hi) (the same on every GOARCH:
// float64(...) keeps the product from being fused with the sum).
func crUni(r *rand.Rand, lo, hi float64) float64 { return lo + float64((hi-lo)*r.Float64()) }

// crLogUni returns ±m·2^e, m in [1, 2), e uniform in [e0, e1].
func crLogUni(r *rand.Rand, e0, e1 int, signed bool) float64 {
	x := math.Ldexp(1+r.Float64(), e0+r.IntN(e1-e0+1))
	if signed && r.IntN(2) == 0 {
		x = -x
	}
	return x
}

// crUlps moves x by k crUlps.
func crUlps(x float64, k int) float64 {
	return math.Float64frombits(uint64(int64(math.Float64bits(x)) + int64(k)))
}

// positive returns a positive finite float64 with random bits.
func crRandPositive(r *rand.Rand) float64 {
	for {
		x := math.Float64frombits(r.Uint64() >> 1)
		if x > 0 && !math.IsInf(x, 0) && x == x {
			return x
		}
	}
}

func crArg1(f func(r *rand.Rand) float64) func(r *rand.Rand) (float64, float64) {
	return func(r *rand.Rand) (float64, float64) { return f(r), 0 }
}

var crTrigInputs = []crInput{
	{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -20, true) })},
	{"|x|<1", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1, 1) })},
	{"|x|<100", crArg1(func(r *rand.Rand) float64 { return crUni(r, -100, 100) })},
	{"near k·π/2, k<64", crArg1(func(r *rand.Rand) float64 {
		return crUlps(float64(1+r.IntN(64))*(math.Pi/2), r.IntN(7)-3)
	})},
	{"near k·π/2, k<2^20", crArg1(func(r *rand.Rand) float64 {
		return crUlps(float64(1+r.IntN(1<<20))*(math.Pi/2), r.IntN(7)-3)
	})},
	{"Cody-Waite range", crArg1(func(r *rand.Rand) float64 { return crUni(r, -cwTrigMax, cwTrigMax) })},
	{"2^20...2^1023 (Payne-Hanek)", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, 20, 1023, true) })},
}

var crLogInputs = []crInput{
	{"random bits", crArg1(crRandPositive)},
	{"near 1", crArg1(func(r *rand.Rand) float64 { return crUlps(1, r.IntN(2000001)-1000000) })},
	{"|x-1|<0.01", crArg1(func(r *rand.Rand) float64 { return 1 + crUni(r, -0.01, 0.01) })},
	{"(0, 10)", crArg1(func(r *rand.Rand) float64 { return crUni(r, 0, 10) })},
	{"subnormal", crArg1(func(r *rand.Rand) float64 { return math.Float64frombits(1 + r.Uint64()>>13) })},
}

// TestCRRandom compares every function with the math/big reference on
// pseudo-random arguments (fixed seed) and requires the same float64.
// It logs how many of the same arguments the math package rounds wrongly.
func TestCRRandom(t *testing.T) {
	perKind := 400
	if testing.Short() {
		perKind = 40
	}
	type count struct{ n, ours, std int }
	results := make([]count, len(crFuncs))
	slow0 := crSlowCalls.Load()
	t.Run("funcs", func(t *testing.T) {
		for i := range crFuncs {
			f := &crFuncs[i]
			t.Run(f.name, func(t *testing.T) {
				t.Parallel()
				r := rand.New(rand.NewPCG(1, uint64(i)))
				c := &results[i]
				check := func(kind string, x, y float64) {
					want := f.refFloat(x, y)
					c.n++
					if got := f.cr(x, y); !crSame(got, want) {
						c.ours++
						if c.ours <= 10 {
							t.Errorf("%s %s(%v, %v) = %v, correctly rounded %v", kind, f.name, x, y, got, want)
						}
					}
					if !crSame(f.std(x, y), want) {
						c.std++
					}
				}
				for _, a := range f.fixed {
					check("fixed", a[0], a[1])
				}
				for _, in := range f.random {
					for k := 0; k < perKind; k++ {
						x, y := in.gen(r)
						check(in.kind, x, y)
					}
				}
			})
		}
	})
	var tn, to, ts int
	for i, c := range results {
		t.Logf("%-8s %5d arguments: %d not correctly rounded here, %d by the math package (%.1f%%)",
			crFuncs[i].name, c.n, c.ours, c.std, 100*float64(c.std)/float64(max(c.n, 1)))
		tn, to, ts = tn+c.n, to+c.ours, ts+c.std
	}
	t.Logf("total    %5d arguments: %d not correctly rounded here, %d by the math package (%.1f%%); %d needed the math/big path",
		tn, to, ts, 100*float64(ts)/float64(max(tn, 1)), crSlowCalls.Load()-slow0)
}

// crBigOf returns m·2^k exactly.
func crBigOf(m dd, k int) *big.Float {
	v := new(big.Float).SetPrec(2200).SetFloat64(m.hi)
	v.Add(v, new(big.Float).SetFloat64(m.lo))
	return v.SetMantExp(v, k)
}

// crAccuracyBits returns -log2 of the relative error of v against ref.
func crAccuracyBits(v, ref *big.Float) float64 {
	d := new(big.Float).SetPrec(2200).Sub(v, ref)
	if d.Sign() == 0 {
		return 999
	}
	d.Quo(d, ref)
	f, _ := d.Float64()
	return -math.Log2(math.Abs(f))
}

// crEpsOf is the bound crRound assumes for the double-double values of
// function fn.
func crEpsOf(fn crFn) float64 {
	switch fn {
	case crFnPow:
		return crEpsPow
	case crFnErf:
		return crEpsErf
	}
	return crEps
}

// TestCRAccuracy measures the relative error of the double-double values
// before their rounding, which crRound assumes to be below crEps (crEpsPow
// for pow, crEpsErf for erf): each must stay 2 bits below that bound on the
// random and fixed arguments.
func TestCRAccuracy(t *testing.T) {
	n := 80
	if testing.Short() {
		n = 10
	}
	for i := range crFuncs {
		c := &crFuncs[i]
		eps := crEpsOf(crFn(i))
		r := rand.New(rand.NewPCG(2, uint64(i)))
		worst, wx, wy := 999.0, 0.0, 0.0
		measure := func(x, y float64) {
			m, e, ok := c.core(x, y)
			if !ok {
				return // not evaluated in double-double
			}
			want := c.ref(x, y)
			if c.name == "pow" && x < 0 {
				want.Abs(want)
			}
			if b := crAccuracyBits(crBigOf(m, e), want); b < worst {
				worst, wx, wy = b, x, y
			}
		}
		for _, a := range c.fixed {
			measure(a[0], a[1])
		}
		for _, in := range c.random {
			for k := 0; k < n; k++ {
				measure(in.gen(r))
			}
		}
		t.Logf("%-8s worst relative error 2^-%.1f (at %v, %v)", c.name, worst, wx, wy)
		if need := -math.Log2(eps) + 2; worst < need {
			t.Errorf("%s: relative error 2^-%.1f at (%v, %v), want below 2^-%v", c.name, worst, wx, wy, need)
		}
	}
	// ln(1+u), used by softplus, on its whole domain [0, 1].
	r := rand.New(rand.NewPCG(2, 99))
	worst := 999.0
	for k := 0; k < 4*n; k++ {
		u := r.Float64()
		if k%2 == 0 {
			u = crLogUni(r, -80, -5, false)
		}
		worst = min(worst, crAccuracyBits(crBigOf(log1pDD(dd{u, 0}), 0), refLog1p(refF(u))))
	}
	t.Logf("log1pDD  worst relative error 2^-%.1f", worst)
	if worst < 98 {
		t.Errorf("log1pDD: relative error 2^-%.1f", worst)
	}
}

// crDigestOf hashes (FNV-1a) the arguments, results and double-double
// values (before rounding) of function i on 40 arguments of each kind.
func crDigestOf(i int) uint64 {
	c := &crFuncs[i]
	h := fnv.New64a()
	var b [8]byte
	put := func(f float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(f))
		h.Write(b[:])
	}
	r := rand.New(rand.NewPCG(5, uint64(i)))
	for _, in := range c.random {
		for k := 0; k < 40; k++ {
			x, y := in.gen(r)
			put(x)
			put(c.cr(x, y))
			if m, e, ok := c.core(x, y); ok {
				put(m.hi)
				put(m.lo)
				put(float64(e))
			}
		}
	}
	return h.Sum64()
}

// TestCRSameEverywhere checks that amd64 (any GOAMD64), arm64 and js/wasm
// compute the very same bits: each function's digest (crDigestOf) is
// written in its case. Update one only for a deliberate change of its
// algorithm.
func TestCRSameEverywhere(t *testing.T) {
	for i := range crFuncs {
		if got, want := crDigestOf(i), crFuncs[i].digest; got != want {
			t.Errorf("%s: digest of the double-double values %#x, want %#x", crFuncs[i].name, got, want)
		}
	}
}

// TestCRHardCases checks arguments whose value lies within about 2^-106 of
// a midpoint between two float64 (or on one): the double-double value
// cannot decide its rounding, crRound sees it, and the math/big path rounds
// correctly.
func TestCRHardCases(t *testing.T) {
	cases := []struct {
		name string
		x, y float64
	}{
		{"exp", 0x1p-53, 0},          // 1 + 2^-53 + 2^-107
		{"exp", -0x1p-54, 0},         // 1 - 2^-54 + 2^-109
		{"exp", -3 * 0x1p-54, 0},     // 1 - 3·2^-54 + ...
		{"cosh", 0x1p-26, 0},         // 1 + 2^-53 + 2^-104/24
		{"cosh", 3 * 0x1p-26, 0},     // 1 + 9·2^-53 + ...
		{"sigmoid", 3 * 0x1p-52, 0},  // 1/2 + 3·2^-54 - 2^-156·27/48
		{"sigmoid", -3 * 0x1p-53, 0}, // 1/2 - 3·2^-55 + ...
		{"sigmoid", 5 * 0x1p-52, 0},
		{"pow", 1 + 0x1p-52, 1.5}, // 1 + 3·2^-53 + 3·2^-107
		{"pow", 1 - 0x1p-53, 1.5},
		{"pow", 4 * (1 + 0x1p-52), 1.5},
		{"pow", 1 + 0x1p-52, 2.5},
		{"pow", 1 + 3*0x1p-52, 0.5 * 3},
		{"pow", 1 + 0x1p-51, 0.75},
		{"atan2", 3 * 0x1p-1074, 2}, // atan(1.5·2^-1074): just below a midpoint
	}
	r := rand.New(rand.NewPCG(7, 7))
	for k := 0; k < 3; k++ {
		a, b := crPythagorean(r) // the hypotenuse is a midpoint
		cases = append(cases, struct {
			name string
			x, y float64
		}{"hypot", a, b})
	}
	for _, c := range cases {
		f := crLookup(c.name)
		want := f.refFloat(c.x, c.y)
		before := crSlowCalls.Load()
		got := f.cr(c.x, c.y)
		slow := crSlowCalls.Load() - before
		if !crSame(got, want) {
			t.Errorf("%s(%v, %v) = %v, correctly rounded %v", c.name, c.x, c.y, got, want)
		}
		if slow == 0 {
			t.Errorf("%s(%v, %v) did not need the math/big path", c.name, c.x, c.y)
		}
		if m, k, _ := f.core(c.x, c.y); roundScale(m, k) != want {
			t.Logf("%s(%v, %v): rounding the double-double value alone gives %v", c.name, c.x, c.y, roundScale(m, k))
		}
	}
}

// TestCRSlowPath compares the math/big path itself with the reference on
// random arguments of every kind.
func TestCRSlowPath(t *testing.T) {
	n := 6
	if testing.Short() {
		n = 1
	}
	for i := range crFuncs {
		c := &crFuncs[i]
		r := rand.New(rand.NewPCG(4, uint64(i)))
		for _, in := range c.random {
			for k := 0; k < n; k++ {
				x, y := in.gen(r)
				if _, _, ok := c.core(x, y); !ok {
					continue // answered without the double-double value
				}
				if got, want := c.slowPath(i, x, y), c.refFloat(x, y); !crSame(got, want) {
					t.Errorf("crSlow %s(%v, %v) = %v, correctly rounded %v", c.name, x, y, got, want)
				}
			}
		}
	}
}

func TestCRTables(t *testing.T) {
	for _, s := range crTableSpecs() {
		for i, w := range s.want {
			if want := refDD(w); s.got[i] != want {
				t.Errorf("%s[%d] = %v, want %v", s.name, i, s.got[i], want)
			}
		}
	}
	check := func(name string, got []float64, v *big.Float, bits uint) {
		want := refCWPieces(v, bits, len(got))
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
			}
		}
	}
	pio2 := refMul(refAt(refPi(), 1700), big.NewFloat(0.5))
	check("pio2CW", pio2CW[:], pio2, 32)
	check("ln2o64CW", ln2o64CW[:], refQuo(refAt(refLn2(), 1700), refInt(64, 1700)), 36)
	for i, w := range refTwoOverPi(len(twoOverPi)) {
		if twoOverPi[i] != w {
			t.Errorf("twoOverPi[%d] = %#x, want %#x", i, twoOverPi[i], w)
		}
	}
	// The first digits of 2/π, as published (e.g. in Go's math/trig_reduce.go, as 4/π).
	if twoOverPi[1] != 0xa2f9836e4e441529 || twoOverPi[2] != 0xfc2757d1f534ddc0 {
		t.Errorf("twoOverPi starts %#x %#x", twoOverPi[1], twoOverPi[2])
	}
}

// TestCRRoundScale checks the rounding of m·2^k to subnormals, ties included.
func TestCRRoundScale(t *testing.T) {
	for _, c := range []struct {
		m    dd
		k    int
		want float64
	}{
		{dd{1, 0}, -1074, 0x1p-1074},
		{dd{1, 0}, -1075, 0},                      // tie: to even (0)
		{dd{1, 0x1p-60}, -1075, 0x1p-1074},        // just above the tie
		{dd{1.5, 0}, -1074, 0x1p-1073},            // 1.5 ulp: tie to even (2)
		{dd{1.5, -0x1p-60}, -1074, 0x1p-1074},     // just below
		{dd{1.25, 0}, -1073, 0x1p-1073},           // 2.5 ulp: tie to even (2)
		{dd{1.25, 0x1p-70}, -1073, 3 * 0x1p-1074}, // just above
		{dd{-1.75, 0}, -1073, -4 * 0x1p-1074},     // 3.5 ulp: tie to even (4)
		{dd{1, 0}, -1076, 0},
		{dd{1, -0x1p-60}, -1022, 0x1p-1022},
		{dd{1.9999999999999998, 0}, 1023, math.MaxFloat64},
		{dd{1, 0}, 1024, math.Inf(1)},
		{dd{-1, 0}, 1024, math.Inf(-1)},
	} {
		if got := roundScale(c.m, c.k); !crSame(got, c.want) {
			t.Errorf("roundScale(%v, %d) = %v, want %v", c.m, c.k, got, c.want)
		}
	}
}

// BenchmarkCR times each function against its math counterpart on the same
// 1024 arguments: compare ns/op of NAME/cr and NAME/math.
func BenchmarkCR(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, c := range crFuncs {
		gen := c.bench
		if gen == nil {
			gen = crBench(-10, 10)
		}
		var xs, ys [1024]float64
		for i := range xs {
			xs[i], ys[i] = gen(r)
		}
		for _, impl := range []struct {
			name string
			f    func(x, y float64) float64
		}{{"cr", c.cr}, {"math", c.std}} {
			b.Run(c.name+"/"+impl.name, func(b *testing.B) {
				s := 0.0
				for i := 0; b.Loop(); i++ {
					s += impl.f(xs[i&1023], ys[i&1023])
				}
				crSink = s
			})
		}
	}
}

func BenchmarkCRHard(b *testing.B) {
	for _, c := range []struct {
		name string
		f    func() float64
	}{
		{"exp(2^-53)", func() float64 { return Exp(0x1p-53) }},
		{"sigmoid(3·2^-52)", func() float64 { return Sigmoid(3 * 0x1p-52) }},
		{"pow(1+2^-52,1.5)", func() float64 { return Pow(1+0x1p-52, 1.5) }},
		{"sin(1e300) slow path", func() float64 { return crSlow(crFnSin, 1e300, 0) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				crSink = c.f()
			}
		})
	}
}

var crSink float64

// crTableSpec describes one table of crmath.go: its exact values (in
// math/big, from the reference functions) and its entries.
type crTableSpec struct {
	name string
	want []*big.Float // exact values at refPrec bits
	got  []dd         // the table's entries
}

// refRat returns p/q at refPrec bits.
func refRat(p, q int64) *big.Float { return refQuo(refInt(p, refPrec), refInt(q, refPrec)) }

func crTableSpecs() []crTableSpec {
	var specs []crTableSpec
	add := func(name string, got []dd, f func(i int) *big.Float) {
		s := crTableSpec{name: name, got: got}
		for i := range got {
			s.want = append(s.want, f(i))
		}
		specs = append(specs, s)
	}
	fact := func(n int) *big.Int { return new(big.Int).MulRange(1, int64(n)) }
	inv := func(n *big.Int, neg bool) *big.Float {
		v := refQuo(refInt(1, refPrec), new(big.Float).SetPrec(refPrec).SetInt(n))
		if neg {
			v.Neg(v)
		}
		return v
	}
	add("expCoef", expCoef[:], func(i int) *big.Float { return inv(fact(i), false) })
	add("sinCoef", sinCoef[:], func(i int) *big.Float { return inv(fact(2*i+1), i%2 == 1) })
	add("cosCoef", cosCoef[:], func(i int) *big.Float { return inv(fact(2*i), i%2 == 1) })
	add("atanCoef", atanCoef[:], func(i int) *big.Float { return inv(big.NewInt(int64(2*i+1)), i%2 == 1) })
	add("atanhCoef", atanhCoef[:], func(i int) *big.Float { return inv(big.NewInt(int64(2*i+1)), false) })
	add("exp2Tab", exp2Tab[:], func(j int) *big.Float {
		v := refInt(1, refPrec+64)
		v.SetMantExp(v, j) // 2^j, then six square roots: 2^(j/64)
		for k := 0; k < 6; k++ {
			v = refSqrt(v)
		}
		return refAt(v, refPrec)
	})
	add("logTab", logTab[:], func(i int) *big.Float { return refLog(refRat(int64(i+logTabMin), 64)) })
	add("atanTab", atanTab[:], func(j int) *big.Float { return refAtan(refRat(int64(j), 64)) })
	pio2 := refMul(refAt(refPi(), refPrec), refRat(1, 2))
	add("pio2", []dd{ddPio2}, func(int) *big.Float { return pio2 })
	add("ln2", []dd{ddLn2}, func(int) *big.Float { return refAt(refLn2(), refPrec) })
	add("invLn2", []dd{ddInvLn2}, func(int) *big.Float { return refQuo(refInt(1, refPrec), refLn2()) })
	add("invLn10", []dd{ddInvLn10}, func(int) *big.Float { return refQuo(refInt(1, refPrec), refLog(refF(10))) })
	add("pi", []dd{ddPi}, func(int) *big.Float { return refAt(refPi(), refPrec) })
	add("twoOverSqrtPi", []dd{ddTwoOverSqrtPi}, func(int) *big.Float {
		return refQuo(refInt(2, refPrec), refSqrt(refAt(refPi(), refPrec)))
	})
	return specs
}

// refDD splits v into the double-double nearest to it.
func refDD(v *big.Float) dd {
	hi, _ := v.Float64()
	lo, _ := refSub(refAt(v, refPrec), refF(hi)).Float64()
	return dd{hi, lo}
}

// refCWPieces splits v into n-1 pieces of `bits` significant bits and a last
// piece of 53 bits (Cody and Waite).
func refCWPieces(v *big.Float, bits uint, n int) []float64 {
	rest := refAt(v, 1700)
	var out []float64
	for i := 0; i < n; i++ {
		b := bits
		if i == n-1 {
			b = 53
		}
		p := new(big.Float).SetPrec(b).Set(rest)
		f, _ := p.Float64()
		out = append(out, f)
		rest = refSub(rest, new(big.Float).SetFloat64(f))
	}
	return out
}

// refTwoOverPi returns the binary digits of 2/π as uint64 words,
// 2/π = Σ w[i]·2^(-64i) (w[0], the integer part, is 0).
func refTwoOverPi(n int) []uint64 {
	v := refQuo(refInt(2, 2800), refPi())
	out := make([]uint64, n)
	for i := 1; i < n; i++ {
		v.SetMantExp(v, 64)
		w, _ := v.Uint64() // truncates
		out[i] = w
		v = refSub(v, new(big.Float).SetPrec(2800).SetUint64(w))
	}
	return out
}

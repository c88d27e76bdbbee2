package crmath

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
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
		} else if want := refFuncs["log10"](x, 0); got != want {
			t.Errorf("log10(%v) = %v, want %v", x, got, want)
		}
	}
}

// crUnary lists the functions of one argument with their math counterparts
// (for the sigmoid and softplus, the usual stable float64 formulas).
var crUnary = []struct {
	name    string
	cr, std func(float64) float64
}{
	{"sin", Sin, math.Sin},
	{"cos", Cos, math.Cos},
	{"tan", Tan, math.Tan},
	{"exp", Exp, math.Exp},
	{"log", Log, math.Log},
	{"log2", Log2, math.Log2},
	{"log10", Log10, math.Log10},
	{"sinh", Sinh, math.Sinh},
	{"cosh", Cosh, math.Cosh},
	{"tanh", Tanh, math.Tanh},
	{"asin", Asin, math.Asin},
	{"acos", Acos, math.Acos},
	{"atan", Atan, math.Atan},
	{"sigmoid", Sigmoid, crStdSigmoid},
	{"softplus", Softplus, crStdSoftplus},
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

// crRefSafe reports whether the reference can evaluate name(x) quickly
// (the exp-based references are not meant for |x| beyond 10^4).
func crRefSafe(name string, x float64) bool {
	switch name {
	case "exp", "sinh", "cosh", "tanh", "sigmoid", "softplus":
		return math.Abs(x) < 1e4
	}
	return true
}

var crSpecials = []float64{
	math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1.5, -1.5,
	math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1022, -0x1p-1022, 0x1p-600, -0x1p-600,
	math.MaxFloat64, -math.MaxFloat64, 1e300, -1e300, 1 << 53, -(1 << 53), 1<<53 + 2, 1 << 63, -(1 << 63), 1e20,
	800, -800, 1000, -1000, 720, -720, 1 + 0x1p-52, 1 - 0x1p-53, -1 - 0x1p-52, -1 + 0x1p-53,
}

// TestCRSpecialValues checks NaN, infinities, signed zeros, domain errors,
// overflow and underflow against the math package, bit for bit.
func TestCRSpecialValues(t *testing.T) {
	for _, f := range crUnary {
		for _, x := range crSpecials {
			got, want := f.cr(x), f.std(x)
			if math.IsInf(want, 0) || want != want || want == 0 || x != x || math.IsInf(x, 0) || x == 0 {
				if !crSame(got, want) {
					t.Errorf("%s(%v) = %v, math gives %v", f.name, x, got, want)
				}
			} else if crRefSafe(f.name, x) {
				if want := refFuncs[f.name](x, 0); !crSame(got, want) {
					t.Errorf("%s(%v) = %v, reference %v", f.name, x, got, want)
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
	} {
		if !crSame(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// pow: every pair of special values. Where math.Pow's result or an
	// argument is special (NaN, ±Inf, ±0, x = 1, y = 0 or 1) the result must
	// be math.Pow's, bit for bit; otherwise the correctly rounded value.
	for _, x := range crSpecials {
		for _, y := range crSpecials {
			got, want := Pow(x, y), math.Pow(x, y)
			special := want != want || math.IsInf(want, 0) || want == 0 ||
				x != x || y != y || math.IsInf(x, 0) || math.IsInf(y, 0) || x == 0 || x == 1 || y == 0 || y == 1
			if !special {
				want = refFuncs["pow"](x, y)
			}
			if !crSame(got, want) {
				t.Errorf("pow(%v, %v) = %v, want %v (special %v)", x, y, got, want, special)
			}
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

// crRandom lists, per function, the kinds of arguments drawn.
var crRandom = map[string][]crInput{
	"sin": crTrigInputs, "cos": crTrigInputs, "tan": crTrigInputs,
	"exp": {
		{"[-745.2, 709.8]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -745.2, 709.8) })},
		{"|x|<5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -5, 5) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		{"near overflow", crArg1(func(r *rand.Rand) float64 { return crUni(r, 709.7, 709.8) })},
		{"subnormal results", crArg1(func(r *rand.Rand) float64 { return crUni(r, -745.2, -708.3) })},
	},
	"log": crLogInputs, "log2": crLogInputs, "log10": crLogInputs,
	"sinh": {
		{"|x|<0.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.5, 0.5) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		{"0.5 ... 40", crArg1(func(r *rand.Rand) float64 { return crUni(r, 0.5, 40) })},
		{"|x|<711", crArg1(func(r *rand.Rand) float64 { return crUni(r, -711, 711) })},
	},
	"tanh": {
		{"|x|<0.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -0.5, 0.5) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
		{"|x|<25", crArg1(func(r *rand.Rand) float64 { return crUni(r, -25, 25) })},
	},
	"atan": {
		{"2^-60 ... 2^80", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -60, 80, true) })},
		{"|x|<1.5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1.5, 1.5) })},
		{"near 1", crArg1(func(r *rand.Rand) float64 { return crUlps(1, r.IntN(201)-100) })},
		{"huge", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, 60, 1023, true) })},
	},
	"asin": {
		{"(-1, 1)", crArg1(func(r *rand.Rand) float64 { return crUni(r, -1, 1) })},
		{"near ±1", crArg1(func(r *rand.Rand) float64 {
			x := 1 - crLogUni(r, -53, -3, false)
			if r.IntN(2) == 0 {
				x = -x
			}
			return x
		})},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
	},
	"pow": {
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
	"sigmoid": {
		{"[-750, 50]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -750, 50) })},
		{"|x|<40", crArg1(func(r *rand.Rand) float64 { return crUni(r, -40, 40) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
	},
	"softplus": {
		{"[-750, 60]", crArg1(func(r *rand.Rand) float64 { return crUni(r, -750, 60) })},
		{"|x|<5", crArg1(func(r *rand.Rand) float64 { return crUni(r, -5, 5) })},
		{"tiny", crArg1(func(r *rand.Rand) float64 { return crLogUni(r, -80, -10, true) })},
	},
}

func init() {
	crRandom["cosh"] = crRandom["sinh"]
	crRandom["acos"] = crRandom["asin"]
}

// crFixed are hand-picked arguments for each function (compared with the
// reference like the random ones).
var crFixed = map[string][]float64{
	"sin": {math.Pi / 2, math.Pi, 3 * math.Pi / 2, 2 * math.Pi, crUlps(math.Pi, 1), crUlps(math.Pi, -1),
		crUlps(math.Pi/2, 1), crUlps(math.Pi/2, -1), 6381956970095103 * 0x1p797, 5, 1e22, math.MaxFloat64,
		0x1p20 * (math.Pi / 2), crUlps(cwTrigMax, -1), cwTrigMax, 0x1p-1074, 0x1p-1022},
	"exp": {709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641,
		-708.3964185322642, 1, -1, 0x1p-54, -0x1p-54, 0x1p-53, 0.5, 100},
	"log": {2, 10, 0.5, math.E, math.MaxFloat64, 0x1p-1074, 0x1p-1022, 1 + 0x1p-52, 1 - 0x1p-53, math.Sqrt2,
		math.Sqrt2 / 2, 0.7071067811865475, 1.4142135623730951},
	"atan":     {1, math.Sqrt(3), 1 / math.Sqrt(3), 0x1p60, 0x1p61, math.MaxFloat64, 0x1p-1074},
	"asin":     {0.5, 1 - 0x1p-53, -1 + 0x1p-53, 0x1p-1074, math.Sqrt2 / 2},
	"sinh":     {0.5, crUlps(0.5, -1), 40, crUlps(40, -1), 710.4758600739439, 710.475860073944, 711},
	"tanh":     {0.5, crUlps(0.5, -1), 19.06, 20, crUlps(20, -1)},
	"sigmoid":  {-745.1, -708.4, -40, 37.43, 40, -60, -59},
	"softplus": {-745.1, -708.4, -41, -40, 50, 0x1p-1074},
}

func init() {
	for _, n := range []string{"cos", "tan"} {
		crFixed[n] = crFixed["sin"]
	}
	for _, n := range []string{"log2", "log10"} {
		crFixed[n] = crFixed["log"]
	}
	crFixed["cosh"] = crFixed["sinh"]
	crFixed["acos"] = crFixed["asin"]
}

// crFunc returns the correctly rounded and the math version of a function
// of one or two arguments.
func crFunc(name string) (cr, std func(x, y float64) float64) {
	if name == "pow" {
		return Pow, math.Pow
	}
	for _, f := range crUnary {
		if f.name == name {
			return func(x, _ float64) float64 { return f.cr(x) }, func(x, _ float64) float64 { return f.std(x) }
		}
	}
	panic(name)
}

var crNames = []string{"sin", "cos", "tan", "exp", "log", "log2", "log10", "sinh", "cosh", "tanh",
	"asin", "acos", "atan", "pow", "sigmoid", "softplus"}

// TestCRRandom compares every function with the math/big reference on
// pseudo-random arguments (fixed seed) and requires the same float64.
// It logs how many of the same arguments the math package rounds wrongly.
func TestCRRandom(t *testing.T) {
	perKind := 400
	if testing.Short() {
		perKind = 40
	}
	type count struct{ n, ours, std int }
	results := make([]count, len(crNames))
	slow0 := crSlowCalls.Load()
	t.Run("funcs", func(t *testing.T) {
		for i, name := range crNames {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				cr, std := crFunc(name)
				ref := refFuncs[name]
				r := rand.New(rand.NewPCG(1, uint64(i)))
				c := &results[i]
				check := func(kind string, x, y float64) {
					want := ref(x, y)
					c.n++
					if got := cr(x, y); !crSame(got, want) {
						c.ours++
						if c.ours <= 10 {
							t.Errorf("%s %s(%v, %v) = %v, correctly rounded %v", kind, name, x, y, got, want)
						}
					}
					if !crSame(std(x, y), want) {
						c.std++
					}
				}
				for _, x := range crFixed[name] {
					check("fixed", x, 0)
				}
				for _, in := range crRandom[name] {
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
			crNames[i], c.n, c.ours, c.std, 100*float64(c.std)/float64(max(c.n, 1)))
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

// crCores are the double-double evaluations behind each function (value
// m·2^k before the final rounding), for finite arguments inside the domain.
var crCores = map[string]func(x, y float64) (dd, int){
	"sin":   func(x, _ float64) (dd, int) { return sinDD(x), 0 },
	"cos":   func(x, _ float64) (dd, int) { return sinCosDD(math.Abs(x), true), 0 },
	"tan":   func(x, _ float64) (dd, int) { return tanDD(x), 0 },
	"exp":   func(x, _ float64) (dd, int) { return expCore(x, 0) },
	"log":   func(x, _ float64) (dd, int) { return logDD(x), 0 },
	"log2":  func(x, _ float64) (dd, int) { return log2DD(x), 0 },
	"log10": func(x, _ float64) (dd, int) { return log10DD(x), 0 },
	"sinh":  func(x, _ float64) (dd, int) { return sinhDD(x) },
	"cosh":  func(x, _ float64) (dd, int) { return coshDD(x) },
	"tanh":  func(x, _ float64) (dd, int) { return tanhDD(x), 0 },
	"asin":  func(x, _ float64) (dd, int) { return asinDD(x), 0 },
	"acos":  func(x, _ float64) (dd, int) { return acosDD(x), 0 },
	"atan": func(x, _ float64) (dd, int) {
		if x < 0 {
			return atanPos(dd{-x, 0}).neg(), 0
		}
		return atanPos(dd{x, 0}), 0
	},
	"pow":      func(x, y float64) (dd, int) { return powCore(math.Abs(x), y) },
	"sigmoid":  func(x, _ float64) (dd, int) { return sigmoidDD(x) },
	"softplus": func(x, _ float64) (dd, int) { return softplusDD(x) },
}

// TestCRAccuracy measures the relative error of the double-double values
// before their rounding, which crRound assumes to be below crEps (crEpsPow
// for pow): each must stay 2 bits below that bound on the random arguments.
func TestCRAccuracy(t *testing.T) {
	n := 80
	if testing.Short() {
		n = 10
	}
	for i, name := range crNames {
		core, ref := crCores[name], refBig[name]
		eps := crEps
		if name == "pow" {
			eps = crEpsPow
		}
		r := rand.New(rand.NewPCG(2, uint64(i)))
		worst, wx, wy := 999.0, 0.0, 0.0
		for _, in := range crRandom[name] {
			for k := 0; k < n; k++ {
				x, y := in.gen(r)
				switch {
				case name == "pow" && math.Abs(y*math.Log(math.Abs(x))) > 700,
					name == "tanh" && math.Abs(x) > 20, name == "sigmoid" && x > 40, name == "softplus" && x > 50:
					continue // not evaluated in double-double
				}
				m, e := core(x, y)
				want := ref(x, y)
				if name == "pow" && x < 0 {
					want.Abs(want)
				}
				if b := crAccuracyBits(crBigOf(m, e), want); b < worst {
					worst, wx, wy = b, x, y
				}
			}
		}
		t.Logf("%-8s worst relative error 2^-%.1f (at %v, %v)", name, worst, wx, wy)
		if need := -math.Log2(eps) + 2; worst < need {
			t.Errorf("%s: relative error 2^-%.1f at (%v, %v), want below 2^-%v", name, worst, wx, wy, need)
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
	t.Logf("log1p    worst relative error 2^-%.1f", worst)
	if worst < 98 {
		t.Errorf("log1p: relative error 2^-%.1f", worst)
	}
}

// crDigest is an FNV-1a hash of the double-double values (before rounding)
// of every function on 40 arguments of each kind: TestCRSameEverywhere
// checks that amd64 (any GOAMD64), arm64 and js/wasm compute the very same
// bits. Update it only for a deliberate change of an algorithm.
const crDigest = 0xfd3ad3bf8c1ead47

func TestCRSameEverywhere(t *testing.T) {
	h := fnv.New64a()
	var b [8]byte
	put := func(f float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(f))
		h.Write(b[:])
	}
	for i, name := range crNames {
		r := rand.New(rand.NewPCG(5, uint64(i)))
		cr, _ := crFunc(name)
		for _, in := range crRandom[name] {
			for k := 0; k < 40; k++ {
				x, y := in.gen(r)
				put(x)
				put(cr(x, y))
				if name == "tanh" && math.Abs(x) > 20 || name == "sigmoid" && x > 40 || name == "softplus" && x > 50 ||
					name == "pow" && math.Abs(y*math.Log(math.Abs(x))) > 700 {
					continue
				}
				m, e := crCores[name](x, y)
				put(m.hi)
				put(m.lo)
				put(float64(e))
			}
		}
	}
	if got := h.Sum64(); got != crDigest {
		t.Errorf("digest of the double-double values %#x, want %#x", got, uint64(crDigest))
	}
}

// TestCRHardCases checks arguments whose value lies within about 2^-106 of
// a midpoint between two float64: the double-double value cannot decide
// its rounding, crRound sees it, and the math/big path rounds correctly.
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
	}
	for _, c := range cases {
		want := refFuncs[c.name](c.x, c.y)
		cr, _ := crFunc(c.name)
		before := crSlowCalls.Load()
		got := cr(c.x, c.y)
		slow := crSlowCalls.Load() - before
		if !crSame(got, want) {
			t.Errorf("%s(%v, %v) = %v, correctly rounded %v", c.name, c.x, c.y, got, want)
		}
		if slow == 0 {
			t.Errorf("%s(%v, %v) did not need the math/big path", c.name, c.x, c.y)
		}
		m, k := crCores[c.name](c.x, c.y)
		if r := roundScale(m, k); r != want {
			t.Logf("%s(%v, %v): rounding the double-double value alone gives %v", c.name, c.x, c.y, r)
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
	for i, name := range crNames {
		fn := crFn(i) // crNames is in crFn order
		r := rand.New(rand.NewPCG(4, uint64(i)))
		for _, in := range crRandom[name] {
			for k := 0; k < n; k++ {
				x, y := in.gen(r)
				want := refFuncs[name](x, y)
				if name == "pow" && x < 0 {
					x, want = -x, math.Abs(want)
				}
				if name == "tanh" && math.Abs(x) > 20 || name == "sigmoid" && x > 40 || name == "softplus" && x > 50 {
					continue
				}
				if got := crSlow(fn, x, y); !crSame(got, want) {
					t.Errorf("crSlow %s(%v, %v) = %v, correctly rounded %v", name, x, y, got, want)
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
	args := func(lo, hi float64) []float64 {
		v := make([]float64, 1024)
		for i := range v {
			v[i] = crUni(r, lo, hi)
		}
		return v
	}
	for _, f := range crUnary {
		in := args(-10, 10)
		switch f.name {
		case "log", "log2", "log10":
			in = args(0, 100)
		case "asin", "acos":
			in = args(-1, 1)
		}
		for _, impl := range []struct {
			name string
			f    func(float64) float64
		}{{"cr", f.cr}, {"math", f.std}} {
			b.Run(f.name+"/"+impl.name, func(b *testing.B) {
				s := 0.0
				for i := 0; b.Loop(); i++ {
					s += impl.f(in[i&1023])
				}
				crSink = s
			})
		}
	}
	xs, ys := args(0, 10), args(-10, 10)
	for _, impl := range []struct {
		name string
		f    func(x, y float64) float64
	}{{"cr", Pow}, {"math", math.Pow}} {
		b.Run("pow/"+impl.name, func(b *testing.B) {
			s := 0.0
			for i := 0; b.Loop(); i++ {
				s += impl.f(xs[i&1023], ys[i&1023])
			}
			crSink = s
		})
	}
}

// BenchmarkCRHard times the math/big path on hard cases (see
// TestCRHardCases): sigmoid needs its second round, at 320 bits.
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

// The reference: the same functions in math/big at 384 bits, by textbook
// series that share no code and no table with crmath.go and crbig.go (π by
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

// Reference functions on float64 arguments, for finite arguments inside
// each function's domain (the special values are tested against math).
var refBig = map[string]func(x, y float64) *big.Float{
	"sin": func(x, _ float64) *big.Float { s, _ := refSinCos(refF(x)); return (s) },
	"cos": func(x, _ float64) *big.Float { _, c := refSinCos(refF(x)); return (c) },
	"tan": func(x, _ float64) *big.Float {
		s, c := refSinCos(refF(x))
		return (refQuo(s, c))
	},
	"exp": func(x, _ float64) *big.Float { return (refExp(refF(x))) },
	"log": func(x, _ float64) *big.Float { return (refLog(refF(x))) },
	"log2": func(x, _ float64) *big.Float {
		return (refQuo(refLog(refF(x)), refAt(refLn2(), refPrec)))
	},
	"log10": func(x, _ float64) *big.Float {
		return (refQuo(refLog(refF(x)), refLog(refF(10))))
	},
	"sinh": func(x, _ float64) *big.Float { return (refSinh(refF(x))) },
	"cosh": func(x, _ float64) *big.Float { return (refCosh(refF(x))) },
	"tanh": func(x, _ float64) *big.Float {
		return (refQuo(refSinh(refF(x)), refCosh(refF(x))))
	},
	"atan": func(x, _ float64) *big.Float { return (refAtan(refF(x))) },
	"asin": func(x, _ float64) *big.Float {
		p := refPrec + 128
		t := new(big.Float).SetPrec(uint(p)).SetFloat64(x)
		one := refInt(1, uint(p))
		return (refAtan(refQuo(t, refSqrt(refSub(one, refMul(t, t))))))
	},
	"acos": func(x, _ float64) *big.Float {
		// acos x = π/2 - asin x, with 128 spare bits for the cancellation.
		p := uint(refPrec + 128)
		t := new(big.Float).SetPrec(p).SetFloat64(x)
		one := refInt(1, p)
		as := refAtan(refQuo(t, refSqrt(refSub(one, refMul(t, t)))))
		pio2 := refMul(refAt(refPi(), p), new(big.Float).SetFloat64(0.5))
		return (refSub(pio2, as))
	},
	"pow": func(x, y float64) *big.Float {
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
		return (v)
	},
	"sigmoid": func(x, _ float64) *big.Float {
		one := refInt(1, refPrec)
		return (refQuo(one, refAdd(one, refExp(refF(-x)))))
	},
	"softplus": func(x, _ float64) *big.Float {
		if x > 0 {
			return (refAdd(refF(x), refLog1p(refExp(refF(-x)))))
		}
		return (refLog1p(refExp(refF(x))))
	},
}

// refFuncs are the reference values rounded to float64.
var refFuncs = map[string]func(x, y float64) float64{}

func init() {
	for name, f := range refBig {
		refFuncs[name] = func(x, y float64) float64 { return refFloat(f(x, y)) }
	}
}

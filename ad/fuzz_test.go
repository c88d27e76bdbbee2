package ad_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/adviz/adviz/ad"
)

// FuzzParse: whatever the text, building never panics; an error is an
// *ad.Error whose position lies in the text; a program that builds can be
// traced in every mode and written in every format.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"ln(x1) + x1*x2 - sin(x2)", "-x^2", "2^3^2", "a = x*2; b = a + 1\nc = a*b", "x ** -1",
		"max(x, y) - min(x, 1e-3)", "sqrt(x) / 0", "ln(x1 +", "2x", "sin()", "((((x", "θ = x; θ^θ",
		"x # comment\n", "1e999", "\xff", "x\x00", "pow(x, 0.5) + abs(x) + relu(x) + sigmoid(x) + softplus(x)",
		"y = x\ny + 1", "a = 2; b = a*3", ";;;\n\n", "x +\n y", "asin(x) + acos(x) + atan(x) + tan(x)",
		"atan2(x, y) + hypot(x, y) + erf(x) + log1p(x) + expm1(x) + cbrt(x)", "floor(x) + ceil(x) + round(x) + sign(x) + step(x)",
		"(x < y) + (x <= 1) + (x > y)*(x >= y) - (x == y) + (x != 2)", "x < y < 1", "x = 1 == 2",
	} {
		f.Add(s, 1.5, -0.5)
	}
	f.Fuzz(func(t *testing.T, src string, x0, x1 float64) {
		prog, err := ad.Parse(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		names := prog.Names()
		if len(names) > 50 {
			names = names[:50]
		}
		g, err := prog.Graph(names, ad.Limits{})
		if err != nil {
			checkError(t, src, err)
			return
		}
		if len(g.Nodes) > 2000 {
			return
		}
		x := make([]float64, len(names))
		for i := range x {
			x[i] = []float64{x0, x1}[i%2]
		}
		for _, mode := range []ad.Mode{ad.Primal, ad.Forward, ad.Reverse} {
			tr := g.Trace(x, mode, nil)
			if _, err := json.Marshal(tr.JSON(4)); err != nil {
				t.Fatalf("JSON: %v", err)
			}
			for _, format := range ad.TableFormats {
				s, err := tr.Table(format, 4)
				if err != nil || !utf8.ValidString(s) {
					t.Fatalf("%s table: %v", format, err)
				}
			}
			// After the sweep every node has its value, and its tangent or
			// adjoint in the modes that compute them.
			for k, s := range tr.StateAt(len(tr.Steps)) {
				if !s.HasValue || mode == ad.Forward && !s.HasTangent || mode == ad.Reverse && !s.HasAdjoint {
					t.Fatalf("%v mode: node %d after the sweep: %+v", mode, k, s)
				}
			}
		}
	})
}

// checkError checks that err is an *ad.Error at a valid position of src.
func checkError(t *testing.T, src string, err error) {
	t.Helper()
	var e *ad.Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %T %v is not an *ad.Error", src, err, err)
	}
	if !e.Pos.Valid() {
		t.Fatalf("%q: error without a position: %v", src, err)
	}
	p := e.Pos
	if p.Offset < 0 || p.Offset > len(src) {
		t.Fatalf("%q: offset %d outside the text", src, p.Offset)
	}
	lines := strings.Split(src, "\n")
	if p.Line > len(lines) {
		t.Fatalf("%q: line %d of %d", src, p.Line, len(lines))
	}
	if n := utf8.RuneCountInString(lines[p.Line-1]); p.Col > n+1 {
		t.Fatalf("%q: column %d of a %d-character line", src, p.Col, n)
	}
	if !strings.HasPrefix(err.Error(), p.String()+": ") {
		t.Fatalf("%q: %q does not start with its position", src, err)
	}
	c := e.Caret()
	if !strings.HasSuffix(c, "^") || strings.Count(c, "\n") != 1 || !utf8.ValidString(c) {
		t.Fatalf("%q: bad caret %q", src, c)
	}
}

// FuzzForwardReverse: on random valid programs (made from the fuzzer's
// bytes), the full Jacobians of forward and reverse mode agree to 1e-12
// relative (see modesDisagree), and are NaN or infinite at the same places.
func FuzzForwardReverse(f *testing.F) {
	f.Add(uint64(1), uint64(2), 0.5, -1.25, 2.0)
	f.Add(uint64(7), uint64(99), 1e-3, 3.0, -2.0)
	f.Fuzz(func(t *testing.T, s1, s2 uint64, a, b, c float64) {
		r := rand.New(rand.NewPCG(s1, s2))
		n := 1 + int(s1%3)
		p := randomProgram(r, n, false)
		g, err := ad.Build(p.src, p.inputs)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.src)
		}
		x := []float64{a, b, c}[:n]
		for _, v := range x {
			if math.IsNaN(v) || math.Abs(v) > 1e3 {
				return
			}
		}
		if msg := modesDisagree(g, x, 1e-12); msg != "" {
			t.Fatalf("%s\n%s", msg, describe(p, x))
		}
	})
}

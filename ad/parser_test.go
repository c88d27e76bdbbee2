package ad

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrecedence checks values that depend on precedence and associativity.
func TestPrecedence(t *testing.T) {
	tests := []struct {
		src  string
		x    float64
		want float64
	}{
		{"-x^2", 3, -9},
		{"2^3^2", 0, 512},
		{"2**3**2", 0, 512},
		{"(2^3)^2", 0, 64},
		{"2*-x", 3, -6},
		{"x^-1", 4, 0.25},
		{"-x*2", 3, -6},
		{"--x", 3, 3},
		{"+x", 3, 3},
		{"1 - 2 - 3", 0, -4},
		{"8 / 4 / 2", 0, 1},
		{"2 + 3 * x", 4, 14},
		{"(2 + 3) * x", 4, 20},
		{"2^-x^2", 1, 0.5},
		{"-2^2", 0, -4},
		{"x^2^-1", 16, 4},
		{"1e-3 * x", 2, 0.002},
		{"2.5E2 + .5 + 2.", 0, 252.5},
		{"pi - x", math.Pi, 0},
		{"e^x", 1, math.E},
		{"log(e) + ln(e)", 0, 2},
		{"a = x*2; b = a + 1", 3, 7},
		{"a = x*2\n\nb = a +\n 1", 3, 7},
		{"sin(\n x\n)", 0, 0},
		{"x # a comment\n", 5, 5},
		{"// comment\nx*3", 5, 15},
		{"θ = x; 2*θ", 1.5, 3},
		{"pow(x, 3) + max(x, 1) + min(x, 1)", 2, 11},
		{"x; ", 7, 7},
	}
	for _, tt := range tests {
		g, err := Build(tt.src, []string{"x"})
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := g.Value([]float64{tt.x})[0]; math.Abs(got-tt.want) > 1e-15*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("%q at x = %v: %v, want %v", tt.src, tt.x, got, tt.want)
		}
	}
}

// TestErrors checks messages and positions of bad programs.
func TestErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"", "1:1: empty program: write an expression such as ln(x1) + x1*x2 - sin(x2)"},
		{"  \n # only a comment", "2:18: empty program: write an expression such as ln(x1) + x1*x2 - sin(x2)"},
		{"x + )", "1:5: unexpected ')'"},
		{"ln(x +", "1:7: unexpected end of input; expected an operand"},
		{"ln(x", "1:5: missing ')' to close '(' at 1:3"},
		{"(x", "1:3: missing ')' to close '(' at 1:1"},
		{"(x y)", "1:4: unexpected name 'y'; expected ')' to close '(' at 1:1"},
		{"2x", "1:2: unexpected name 'x'; write 2*x to multiply"},
		{"2(x)", "1:2: unexpected '('; write * to multiply"},
		{"x y", "1:3: unexpected name 'y'; expected an operator, a newline or ';'"},
		{"sin()", "1:1: sin takes 1 argument, not 0"},
		{"pow(x)", "1:1: pow takes 2 arguments, not 1"},
		{"sin(x, x)", "1:1: sin takes 1 argument, not 2"},
		{"sine(x)", "1:1: unknown function 'sine'; did you mean sin or sinh?"},
		{"Sin(x)", "1:1: unknown function 'Sin'; did you mean sin?"},
		{"foo(x)", "1:1: unknown function 'foo' (to multiply, write foo*(...))"},
		{"x(2)", "1:1: unknown function 'x' (to multiply, write x*(...))"},
		{"sinn(x)", "1:1: unknown function 'sinn'; did you mean sign or sin or sinh?"},
		{"x\n  + x", "1:1: this expression is not the last statement, so nothing uses it; to continue it on the next line, end this line with the operator"},
		{"pi(2)", "1:1: 'pi' is a constant, not a function"},
		{"sin + x", "1:1: 'sin' is a function: call it as sin(...)"},
		{"x $ 2", "1:3: unexpected character '$'"},
		{"x\x00", "1:2: unexpected character U+0000"},
		{"x + \xff", "1:5: invalid UTF-8 encoding"},
		{"1e", "1:1: malformed number '1e': the exponent has no digits"},
		{"1e+", "1:1: malformed number '1e+': the exponent has no digits"},
		{"1e999 * x", "1:1: number 1e999 is too large for a float64"},
		{"y", "1:1: 'y' has no value: give it one as an input"},
		{"x +\n  z", "2:3: 'z' has no value: give it one as an input"},
		{"a = x; a = 2*x", "1:8: 'a' is already assigned at 1:1"},
		{"b = a; a = x", "1:5: 'a' is used before it is assigned at 1:8"},
		{"sin = x", "1:1: cannot assign to 'sin': it is a function"},
		{"pi = 3", "1:1: cannot assign to 'pi': it is a constant"},
		{"x = 2", "1:1: 'x' is assigned here, so it cannot also be an input"},
		{"x + 1; x * 2", "1:1: this expression is not the last statement, so nothing uses it; give it a name (name = ...)"},
		{"ln(-1) + x", "1:1: ln of a negative number (-1)"},
		{"x + 1/0", "1:6: division by zero"},
		{"x + exp(1000)", "1:5: this constant evaluates to Inf"},
		{"x = ", "1:5: unexpected end of input; expected an operand"},
		{"a = ", "1:5: unexpected end of input; expected an operand"},
		{"a = ;b=x", "1:5: unexpected ';'; expected an operand"},
		{"x ** * 2", "1:6: unexpected '*'"},
		{"x ^", "1:4: unexpected end of input; expected an operand"},
		{"x,", "1:2: unexpected ','; expected an operator, a newline or ';'"},
		{"= x", "1:1: unexpected '='"},
	}
	for _, tt := range tests {
		_, err := Build(tt.src, []string{"x"})
		if err == nil {
			t.Errorf("%q: no error, want %s", tt.src, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, err, tt.want)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %T is not an *Error", tt.src, err)
		}
	}
}

func TestCaret(t *testing.T) {
	_, err := Build("y = ln(x1 +\n  x2))", []string{"x1", "x2"})
	e := err.(*Error)
	if got, want := e.Error(), "2:6: unexpected ')'; expected an operator, a newline or ';'"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
	if got, want := e.Caret(), "  x2))\n     ^"; got != want {
		t.Errorf("caret:\n%s\nwant:\n%s", got, want)
	}
	// Columns count characters, not bytes; tabs stay tabs under the caret.
	_, err = Build("θ\t+ )", []string{"θ"})
	e = err.(*Error)
	if e.Pos.Col != 5 || e.Caret() != "θ\t+ )\n \t  ^" {
		t.Errorf("got %v and caret %q", e.Pos, e.Caret())
	}
	// A long line is shown around the column.
	long := strings.Repeat("x + ", 100) + ")"
	_, err = Build(long, []string{"x"})
	e = err.(*Error)
	lines := strings.Split(e.Caret(), "\n")
	if e.Pos.Col != 401 || utf8.RuneCountInString(lines[0]) > maxCaretLine+2 || !strings.HasSuffix(lines[1], "^") {
		t.Errorf("long line: %v\n%s", e.Pos, e.Caret())
	}
	if i := strings.Index(lines[0], ")"); utf8.RuneCountInString(lines[0][:i]) != utf8.RuneCountInString(lines[1])-1 {
		t.Errorf("caret not under ')':\n%s", e.Caret())
	}
}

// TestLimits checks that oversize programs fail with positions, quickly.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000)
	_, err := Build(deep, []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "nested too deeply") || !strings.HasPrefix(err.Error(), "1:501:") {
		t.Errorf("deep nesting: %v", err)
	}
	deepMinus := strings.Repeat("-", 10000) + "x"
	if _, err := Build(deepMinus, []string{"x"}); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deep unary minus: %v", err)
	}
	huge := strings.Repeat("x+", 1<<19) + "x"
	_, err = Build(huge, []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "program is too long") {
		t.Errorf("1 MB program: %v", err)
	}
	_, err = BuildLimits(strings.Repeat("x+", 60)+"x", []string{"x"}, Limits{MaxNodes: 50})
	if err == nil || !strings.Contains(err.Error(), "more than 50 nodes") {
		t.Errorf("node limit: %v", err)
	}
	// A long sum is fine: precedence climbing is iterative on one level.
	if _, err := Build(strings.Repeat("x+", 20000)+"x", []string{"x"}); err != nil {
		t.Errorf("long sum: %v", err)
	}
}

// TestOutputs checks which names become outputs and the warnings.
func TestOutputs(t *testing.T) {
	tests := []struct {
		src      string
		inputs   []string
		outputs  string
		warnings string
	}{
		{"x*2", []string{"x"}, "y=v1", ""},
		{"a = x*2; b = a + 1", []string{"x"}, "b=v2", ""},
		{"a = x*2; b = a + 1; c = a - 1", []string{"x"}, "b=v2 c=v3", ""},
		{"a = x*2; a + 1", []string{"x"}, "y=v2", ""},
		{"a = x*2; b = x; x^2", []string{"x"}, "y=v2", "1:1: 'a' is assigned but never used; 1:10: 'b' is assigned but never used"},
		{"x", []string{"x"}, "y=v0", ""},
		{"x1 * 2", []string{"x1", "x2"}, "y=v1", "input 'x2' has a value but the program does not use it; its derivatives are 0"},
		{"a = 3", nil, "a=v1", ""},
		{"2 * pi", nil, "y=v1", ""},
		{"a = x; b = a; c = a", []string{"x"}, "b=v0 c=v0", ""},
	}
	for _, tt := range tests {
		g, err := Build(tt.src, tt.inputs)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		var outs, warns []string
		for _, o := range g.Outputs {
			outs = append(outs, o.Name+"="+g.Nodes[o.Node].Label())
		}
		for _, w := range g.Warnings {
			warns = append(warns, w.String())
		}
		if got := strings.Join(outs, " "); got != tt.outputs {
			t.Errorf("%q: outputs %s, want %s", tt.src, got, tt.outputs)
		}
		if got := strings.Join(warns, "; "); got != tt.warnings {
			t.Errorf("%q: warnings %q, want %q", tt.src, got, tt.warnings)
		}
	}
}

// TestGraphShape checks that names are nodes, not copies, and constants are
// folded into their operation.
func TestGraphShape(t *testing.T) {
	tests := []struct {
		src      string
		formulas string
	}{
		{"a = x*x; a + sin(a)", "v1 = v0 × v0; v2 = sin v1; v3 = v1 + v2"},
		{"x^2 + 2*x + 1", "v1 = v0^2; v2 = 2 × v0; v3 = v1 + v2; v4 = v3 + 1"},
		{"sin(x * pi/2)", "v1 = v0 × pi; v2 = v1 / 2; v3 = sin v2"},
		{"sin(x * (pi/2))", "v1 = v0 × (pi / 2); v2 = sin v1"},
		{"-x", "v1 = -v0"},
		{"x - -1", "v1 = v0 - (-1)"},
		{"3", "v1 = 3"},
		{"c = 2^10; x*c", "v1 = v0 × c"},
		{"tanh(w1*x1 + w2*x2 + b)", "v1 = v-4 × v-3; v2 = v-2 × v-1; v3 = v1 + v2; v4 = v3 + v0; v5 = tanh v4"},
	}
	for _, tt := range tests {
		prog, err := Parse(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		g, err := prog.Graph(prog.Names(), Limits{})
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		var fs []string
		for k := g.NumInputs(); k < len(g.Nodes); k++ {
			fs = append(fs, g.Nodes[k].Label()+" = "+g.Formula(k))
		}
		if got := strings.Join(fs, "; "); got != tt.formulas {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.formulas)
		}
	}
	// An assigned constant keeps its value and its name.
	g, _ := Build("c = 2^10; x*c", []string{"x"})
	if a := g.Nodes[1].Args[1]; !a.IsConst() || a.Value != 1024 || a.Text != "c" {
		t.Errorf("c is %+v", a)
	}
}

func TestNames(t *testing.T) {
	prog, err := Parse("a = x2 * pi; b = x1 + a; b * x2 + e + θ")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(prog.Names(), ","); got != "x2,x1,θ" {
		t.Errorf("Names = %s, want x2,x1,θ", got)
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		inputs []string
		want   string
	}{
		{[]string{"x", "x"}, "input 'x' is given twice"},
		{[]string{"sin"}, "input name 'sin' is a function"},
		{[]string{"pi"}, "input name 'pi' is a constant"},
		{[]string{"2x"}, "input name '2x' is not a name (letters, digits and _, starting with a letter)"},
		{[]string{""}, "input name '' is not a name (letters, digits and _, starting with a letter)"},
		{[]string{"x y"}, "input name 'x y' is not a name (letters, digits and _, starting with a letter)"},
	}
	for _, tt := range tests {
		_, err := Build("x", tt.inputs)
		if err == nil || err.Error() != tt.want {
			t.Errorf("inputs %q: %v, want %s", tt.inputs, err, tt.want)
		}
	}
}

func TestParseValues(t *testing.T) {
	names, values, err := ParseValues("x1=2, x2:-pi/4;θ=2^-3 z=1e-3 w=-inf")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2, -math.Pi / 4, 0.125, 1e-3, math.Inf(-1)}
	if strings.Join(names, ",") != "x1,x2,θ,z,w" || len(values) != len(want) {
		t.Fatalf("%v %v", names, values)
	}
	for i := range want {
		if values[i] != want[i] {
			t.Errorf("%s = %v, want %v", names[i], values[i], want[i])
		}
	}
	for _, bad := range []string{"x", "x=", "x=y", "x=2+", "=2", "x=sin(y)"} {
		if _, _, err := ParseValues(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

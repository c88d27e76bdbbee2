package ad

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value is the value of an input: one number, or a vector of numbers.
type Value struct {
	Elems  []float64 // the number, or the vector's elements
	Vector bool      // written as a vector [..]; otherwise len(Elems) == 1
}

// Scalar returns the value x.
func Scalar(x float64) Value { return Value{Elems: []float64{x}} }

// Vec returns the vector value [xs...].
func Vec(xs ...float64) Value { return Value{Elems: xs, Vector: true} }

// String writes the value so that ParseValue reads it back exactly:
// "2", "NaN", "[0.5, -1, 2]".
func (v Value) String() string {
	if !v.Vector {
		if len(v.Elems) != 1 {
			return "?"
		}
		return exactNumber(v.Elems[0])
	}
	parts := make([]string, len(v.Elems))
	for i, x := range v.Elems {
		parts[i] = exactNumber(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func exactNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Assignment is one "name=value" of a list of values.
type Assignment struct {
	Name  string
	Value Value
	Text  string // the value as written
}

// Limits of value texts.
const (
	maxValueText = 200     // characters of one constant expression
	maxVectorLen = 100000  // elements of one vector
	maxValueList = 1 << 20 // characters of a whole list of values
)

// ParseValue reads one value:
//
//	a number          2, -0.5, 1e-3, inf, -Infinity, nan
//	a constant        pi/4, -e, 2^-3, sqrt(2)/2, pow(2, 3) (no names but pi and e)
//	a vector          [0.5, -1, 2], [pi/4, 1e-3], [] (elements as above)
//
// Errors say what is wrong: "\"y\" is not a number (use numbers, pi and e)".
func ParseValue(s string) (Value, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Value{}, errors.New("it is empty")
	}
	if len(s) > maxValueList {
		return Value{}, fmt.Errorf("it is too long: %d bytes; the limit is %d", len(s), maxValueList)
	}
	if s[0] != '[' {
		if strings.ContainsAny(s, "[]") {
			return Value{}, fmt.Errorf("%s is not a number (a vector is written [1, 2, 3])", quote(s))
		}
		x, err := parseNumber(s)
		if err != nil {
			return Value{}, err
		}
		return Scalar(x), nil
	}
	if s[len(s)-1] != ']' {
		return Value{}, fmt.Errorf("%s: a vector ends with ']'", quote(s))
	}
	inner := s[1 : len(s)-1]
	if strings.ContainsAny(inner, "[]") {
		return Value{}, fmt.Errorf("%s: a vector's elements are numbers (vectors of vectors are not values)", quote(s))
	}
	v := Value{Elems: []float64{}, Vector: true}
	if strings.TrimSpace(inner) == "" {
		return v, nil
	}
	for i, part := range splitTop(inner, ",") {
		if i >= maxVectorLen {
			return Value{}, fmt.Errorf("the vector is too long: the limit is %d elements", maxVectorLen)
		}
		x, err := parseNumber(strings.TrimSpace(part))
		if err != nil {
			return Value{}, fmt.Errorf("element %d: %v", i, err)
		}
		v.Elems = append(v.Elems, x)
	}
	return v, nil
}

// parseNumber reads a number or a constant expression.
func parseNumber(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("it is empty")
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity", "nan":
		return strconv.ParseFloat(s, 64)
	}
	if utf8.RuneCountInString(s) > maxValueText {
		return 0, fmt.Errorf("%s is too long for a constant expression (the limit is %d characters)", quote(s), maxValueText)
	}
	g, err := BuildLimits(s, nil, Limits{MaxSource: 4 * maxValueText, MaxNodes: 100, MaxDepth: 50})
	if err != nil {
		var ae *Error
		if errors.As(err, &ae) && strings.Contains(ae.Msg, "has no value") {
			return 0, fmt.Errorf("%s is not a number (use numbers, pi and e)", quote(s))
		}
		if errors.As(err, &ae) {
			return 0, fmt.Errorf("%s is not a number: %s", quote(s), ae.Msg)
		}
		return 0, fmt.Errorf("%s is not a number: %v", quote(s), err)
	}
	if len(g.Outputs) != 1 {
		return 0, fmt.Errorf("%s is not one number", quote(s))
	}
	return g.Value(nil)[0], nil
}

// ParseAssignments reads a list of values given by name, in order:
// "x1=2,x2=5", also "x1:2 x2:5" or "w=[0.5, -1, 2]; b=pi/4". Entries are
// separated by commas or semicolons outside brackets and parentheses, or
// by spaces before the next "name=" (or "name:"); values are read by
// ParseValue. A name given twice is an error.
func ParseAssignments(s string) ([]Assignment, error) {
	if len(s) > maxValueList {
		return nil, fmt.Errorf("the values are too long: %d bytes; the limit is %d", len(s), maxValueList)
	}
	var out []Assignment
	seen := map[string]bool{}
	for _, piece := range splitTop(s, ",;") {
		for _, f := range splitEntries(piece) {
			i := strings.IndexAny(f, "=:")
			if i <= 0 {
				return nil, fmt.Errorf("%s is not name=value", quote(f))
			}
			name, text := strings.TrimSpace(f[:i]), strings.TrimSpace(f[i+1:])
			if seen[name] {
				return nil, fmt.Errorf("%s is given twice", quote(name))
			}
			seen[name] = true
			v, err := ParseValue(text)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			out = append(out, Assignment{Name: name, Value: v, Text: text})
		}
	}
	return out, nil
}

// ParseValues reads a list of scalar values by name (see ParseAssignments),
// in order. A vector is an error.
func ParseValues(s string) (names []string, values []float64, err error) {
	as, err := ParseAssignments(s)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range as {
		if a.Value.Vector {
			return nil, nil, fmt.Errorf("%s: %s is a vector; one number is needed here", a.Name, quote(a.Text))
		}
		names = append(names, a.Name)
		values = append(values, a.Value.Elems[0])
	}
	return names, values, nil
}

// splitTop splits s at the separator characters seps that are outside
// brackets and parentheses, dropping empty pieces.
func splitTop(s, seps string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.IndexByte(seps, c) >= 0:
			if p := strings.TrimSpace(s[start:i]); p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	if p := strings.TrimSpace(s[start:]); p != "" {
		out = append(out, p)
	}
	return out
}

// splitEntries splits "x1:2 x2:5" at the spaces (outside brackets) that
// come before a name followed by '=' or ':', so that a value may contain
// spaces ("x: pi / 4").
func splitEntries(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n') && i > start && entryStart(s[i:]):
			if p := strings.TrimSpace(s[start:i]); p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	if p := strings.TrimSpace(s[start:]); p != "" {
		out = append(out, p)
	}
	return out
}

// entryStart reports whether s is spaces, then a name, then optional
// spaces and '=' or ':'.
func entryStart(s string) bool {
	s = strings.TrimLeft(s, " \t\n")
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isLetter(r) && !(n > 0 && (r >= '0' && r <= '9')) {
			break
		}
		n += size
	}
	if n == 0 {
		return false
	}
	rest := strings.TrimLeft(s[n:], " \t")
	return rest != "" && (rest[0] == '=' || rest[0] == ':')
}

// Seed builds the seed of a mode from "name=value,..." (see ParseValues):
// ẋ by input name for forward mode, ȳ by output name for reverse mode.
// Names not given are 0.
func (g *Graph) Seed(mode Mode, s string) ([]float64, error) {
	names, values, err := ParseValues(s)
	if err != nil {
		return nil, err
	}
	var known []string
	what := "input"
	switch mode {
	case Forward:
		for _, in := range g.Inputs {
			known = append(known, in.Name)
		}
	case Reverse:
		what = "output"
		for _, o := range g.Outputs {
			known = append(known, o.Name)
		}
	default:
		return nil, fmt.Errorf("a seed needs forward or reverse mode")
	}
	seed := make([]float64, len(known))
	for i, n := range names {
		k := -1
		for j, name := range known {
			if name == n {
				k = j
			}
		}
		if k < 0 {
			return nil, fmt.Errorf("%q is not an %s (the %ss are %s)", n, what, what, strings.Join(known, ", "))
		}
		seed[k] = values[i]
	}
	return seed, nil
}

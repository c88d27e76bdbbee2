package ad

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseValues parses input values or seeds written "x1=2,x2=5" (also
// "x1:2 x2:5"; separators are commas, spaces or semicolons), in order.
// Values are numbers, inf and nan, or constant expressions such as pi/4.
func ParseValues(s string) (names []string, values []float64, err error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	for _, f := range fields {
		i := strings.IndexAny(f, "=:")
		if i <= 0 {
			return nil, nil, fmt.Errorf("%q is not name=value", f)
		}
		name, vs := strings.TrimSpace(f[:i]), strings.TrimSpace(f[i+1:])
		v, err := parseValue(vs)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %q is not a number", name, vs)
		}
		names = append(names, name)
		values = append(values, v)
	}
	return names, values, nil
}

// parseValue reads a number, or a constant expression such as pi/4,
// -e, 2^-3 or sqrt(2)/2 (no names but pi and e).
func parseValue(s string) (float64, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity", "nan":
		return strconv.ParseFloat(s, 64)
	}
	if len(s) > 200 {
		return 0, fmt.Errorf("too long")
	}
	g, err := Build(s, nil)
	if err != nil {
		return 0, err
	}
	if len(g.Outputs) != 1 {
		return 0, fmt.Errorf("not one expression")
	}
	return g.Value(nil)[0], nil
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

package ad

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseValues parses input values or seeds written "x1=2,x2=5" (also
// "x1:2 x2:5"; separators are commas, spaces or semicolons), in order.
// Values are numbers, or pi, e, inf and nan with an optional sign.
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

func parseValue(s string) (float64, error) {
	t := strings.TrimPrefix(s, "-")
	sign := 1.0
	if len(t) < len(s) {
		sign = -1
	}
	switch strings.ToLower(t) {
	case "pi":
		return sign * math.Pi, nil
	case "e":
		return sign * math.E, nil
	}
	return strconv.ParseFloat(s, 64)
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

package ad

import (
	"math"
	"strings"
	"testing"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		want Value
	}{
		{"2", Scalar(2)},
		{" -0.5 ", Scalar(-0.5)},
		{"pi/4", Scalar(math.Pi / 4)},
		{"pow(2, 3)", Scalar(8)},
		{"-inf", Scalar(math.Inf(-1))},
		{"[0.5, -1, 2]", Vec(0.5, -1, 2)},
		{"[pow(2,3), pi/4, 1e-3]", Vec(8, math.Pi/4, 1e-3)},
		{"[]", Vec()},
		{"[ 7 ]", Vec(7)},
	}
	for _, tt := range tests {
		got, err := ParseValue(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got.Vector != tt.want.Vector || len(got.Elems) != len(tt.want.Elems) {
			t.Errorf("%q = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got.Elems {
			if got.Elems[i] != tt.want.Elems[i] {
				t.Errorf("%q = %v, want %v", tt.in, got, tt.want)
			}
		}
		// String reads back exactly.
		back, err := ParseValue(got.String())
		if err != nil || back.String() != got.String() {
			t.Errorf("%q: String %q reads back as %v, %v", tt.in, got.String(), back, err)
		}
	}
	bad := []struct{ in, want string }{
		{"", "it is empty"},
		{"y", `'y' is not a number (use numbers, pi and e)`},
		{"[1, 2", "a vector ends with ']'"},
		{"[1, [2]]", "vectors of vectors are not values"},
		{"[1, x]", "element 1: 'x' is not a number"},
		{"2+", "'2+' is not a number: unexpected end of input"},
		{"1]", "is not a number (a vector is written [1, 2, 3])"},
	}
	for _, tt := range bad {
		_, err := ParseValue(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestParseAssignments(t *testing.T) {
	as, err := ParseAssignments("x=pow(2,3), w=[0.5, -1, 2]; b: pi / 4 c=1 d:[1,2]")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.Name+"="+a.Value.String())
	}
	want := "x=8 w=[0.5, -1, 2] b=0.7853981633974483 c=1 d=[1, 2]"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
	for _, tt := range []struct{ in, want string }{
		{"x=1,x=2", "'x' is given twice"},
		{"x", "'x' is not name=value"},
		{"x=[1,", "x: '[1,': a vector ends with ']'"},
	} {
		_, err := ParseAssignments(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.in, err, tt.want)
		}
	}
	if _, _, err := ParseValues("w=[1,2]"); err == nil || !strings.Contains(err.Error(), "is a vector") {
		t.Errorf("ParseValues of a vector: %v", err)
	}
}

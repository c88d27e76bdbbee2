package main

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// sameJSON checks that the hand-written JSON of v is valid and means what
// encoding/json writes for it (the same values; encoding/json escapes <,
// > and & where encode.go does not need to).
func sameJSON(t *testing.T, what string, v Encoder) {
	t.Helper()
	got := encodeJSON(v)
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: encoding/json: %v", what, err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: the hand-written JSON does not parse: %v\n%.300s", what, err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: hand-written JSON differs from encoding/json's\n got %.600s\nwant %.600s", what, got, want)
	}
}

// Every result the module sends as JSON, for programs that exercise every
// field: several outputs, named intermediates, constants, numeric
// trouble (NaN, infinities, warnings), every mode.
func TestEncodeLikeEncodingJSON(t *testing.T) {
	programs := []struct {
		src    string
		values []string
	}{
		{baydin, []string{"x1", "2", "x2", "5"}},
		{"a = x*y; b = a + x\nc = sin(a) / 0", []string{"x", "0.5", "y", "-2"}},
		{"y1 = ln(x) + sqrt(x - 3)\ny2 = exp(1000 * x) - exp(-1000 * x)", []string{"x", "-1"}},
		{"z = 3", nil},
		{"tanh(w*x + b) <> \"&\"", []string{"w", "1", "x", "2", "b", "NaN"}},
	}
	for _, p := range programs {
		for _, mode := range []string{"primal", "forward", "reverse"} {
			r, err := Build(&BuildRequest{Program: p.src, Values: values(p.values...), Mode: mode})
			if err != nil {
				if strings.Contains(p.src, "<>") {
					continue // not a program; its error is checked below
				}
				t.Fatalf("%q: %v", p.src, err)
			}
			t.Cleanup(func() { Free(r.Handle) })
			what := mode + " " + p.src
			sameJSON(t, "build "+what, r)
			s, _ := lookup(r.Handle)
			for _, opt := range []graphviz.Options{{}, {EdgeLabels: true, Theme: "dark", Digits: 6}} {
				sameJSON(t, "frames "+what, ComputeFrames(s.Trace, opt))
				for _, step := range []int{0, len(s.Trace.Steps) / 2, len(s.Trace.Steps)} {
					sameJSON(t, "state "+what, (*stepState)(graphviz.State(s.Trace, step, opt)))
				}
			}
			j, err := Jacobian(r.Handle)
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "jacobian "+what, j)
			if len(s.Graph.Inputs) > 0 {
				fd, err := FiniteDiff(r.Handle, &FDRequest{H: 1e-5, Hs: []float64{1e-1, 1e-8}})
				if err != nil {
					t.Fatal(err)
				}
				sameJSON(t, "finiteDiff "+what, fd)
			}
		}
		in, err := Inputs(p.src)
		if err == nil {
			sameJSON(t, "inputs "+p.src, in)
		}
	}
	sameJSON(t, "no inputs", &InputsResult{Names: []string{}})
	sameJSON(t, "layout", &LayoutResult{Key: "k1", SVG: `<svg id="a&amp;b">` + "\n\t<g/></svg>"})
	sameJSON(t, "empty frames", &Frames{})
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "tab\tline\nreturn\r", "\x00\x01\x1f\x7f",
		"v̄0 = v̄0 + v̄2·∂v2/∂v0 ⚠", "<b>&amp;</b>", "\u2028\u2029", "bad \xff\xfe utf-8 \xe2\x82", "\u00a0\u00a0-1"} {
		got := appendString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s does not parse: %v", s, got, err)
			continue
		}
		want, _ := json.Marshal(s)
		var wantBack string
		json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Errorf("%q: reads back as %q, encoding/json's as %q", s, back, wantBack)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, x := range []float64{0, -0.5, 1e-300, 5e-324, math.MaxFloat64, 0.1 + 0.2, 1e21, 123456789012345680} {
		w := &jw{}
		w.num(x)
		if want, _ := json.Marshal(ad.Num(x)); string(w.b) != string(want) {
			t.Errorf("%v: %s, encoding/json %s", x, w.b, want)
		}
	}
	for x, want := range map[float64]string{math.NaN(): `"NaN"`, math.Inf(1): `"Infinity"`, math.Inf(-1): `"-Infinity"`} {
		w := &jw{}
		w.num(x)
		if string(w.b) != want {
			t.Errorf("%v: %s, want %s", x, w.b, want)
		}
	}
}

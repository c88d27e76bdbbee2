package ad

import (
	"reflect"
	"testing"
)

// TestJSONDiagnostics checks that every node's JSON carries its own
// diagnostics (Trace.JSON reads t.Diagnostics in one pass, in node order).
func TestJSONDiagnostics(t *testing.T) {
	g, err := Build("a = ln(x - 3)\nb = abs(x - 2) + sqrt(y)\nc = a / (x - 2) + relu(y)\nd = max(x, 2)", []string{"x", "y"})
	if err != nil {
		t.Fatal(err)
	}
	tr := g.Trace([]float64{2, 0}, Reverse, nil)
	for i := 1; i < len(tr.Diagnostics); i++ {
		if tr.Diagnostics[i].Node < tr.Diagnostics[i-1].Node {
			t.Fatalf("diagnostics out of node order: %+v", tr.Diagnostics)
		}
	}
	js := tr.JSON(4)
	withDiags := 0
	for k := range g.Nodes {
		var want []DiagnosticJSON
		for _, d := range tr.NodeDiagnostics(k) {
			want = append(want, DiagnosticJSON{d.Kind, d.Severity, d.Msg})
		}
		if len(want) > 0 {
			withDiags++
		}
		if got := js.Nodes[k].Diagnostics; (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("node %s: JSON diagnostics %+v, want %+v", g.Nodes[k].Label(), got, want)
		}
	}
	if withDiags < 4 {
		t.Errorf("only %d nodes with diagnostics: the program should give more", withDiags)
	}
}

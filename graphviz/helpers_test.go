package graphviz

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const baydinSrc = "ln(x1) + x1*x2 - sin(x2)"

// baydin returns the trace of Baydin et al.'s example at x1 = 2, x2 = 5.
func baydin(t testing.TB, mode ad.Mode) *ad.Trace {
	t.Helper()
	g, err := ad.Build(baydinSrc, []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	return g.Trace([]float64{2, 5}, mode, nil)
}

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./graphviz -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./graphviz -update if the change is right):\n%s", name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %.300q\ngot  %.300q", i+1, w, g)
		}
	}
	return "(no line differs)"
}

// xnode is an element of a parsed SVG.
type xnode struct {
	name     string
	attrs    map[string]string
	children []*xnode
	text     string // character data directly inside
}

// parseXML parses an SVG strictly (it fails on anything that is not
// well-formed XML).
func parseXML(t testing.TB, data []byte) *xnode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &xnode{name: "#document"}
	stack := []*xnode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top := stack[len(stack)-1]
			top.text += string(tok)
		}
	}
	return root
}

// walk calls f for every element under n, depth first.
func (n *xnode) walk(f func(*xnode)) {
	for _, c := range n.children {
		f(c)
		c.walk(f)
	}
}

// byID returns the element with the given id, or nil.
func (n *xnode) byID(id string) *xnode {
	var found *xnode
	n.walk(func(c *xnode) {
		if found == nil && c.attrs["id"] == id {
			found = c
		}
	})
	return found
}

// all returns the elements named name under n.
func (n *xnode) all(name string) []*xnode {
	var out []*xnode
	n.walk(func(c *xnode) {
		if c.name == name {
			out = append(out, c)
		}
	})
	return out
}

// fieldTexts returns the texts of the fields of every node: id of the
// field's group -> the texts inside it.
func fieldTexts(root *xnode, g *ad.Graph) map[string][]string {
	out := map[string][]string{}
	for k := range g.Nodes {
		for _, f := range []string{"value", "tangent", "adjoint", "mark"} {
			id := "a_" + fieldID(g, k, f)
			n := root.byID(id)
			if n == nil {
				continue
			}
			for _, tx := range n.all("text") {
				out[id] = append(out[id], tx.text)
			}
		}
	}
	return out
}

// nodeBoxes returns the border polygon's points of every node, by id.
func nodeBoxes(root *xnode) map[string]string {
	out := map[string]string{}
	root.walk(func(c *xnode) {
		if c.name != "g" || !strings.HasPrefix(c.attrs["class"], "node") {
			return
		}
		for _, p := range c.all("polygon") {
			if p.attrs["fill"] == "none" {
				out[c.attrs["id"]] = p.attrs["points"]
			}
		}
	})
	return out
}

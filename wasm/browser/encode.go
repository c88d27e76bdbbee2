package main

// The results of the API as JSON, written by hand: encoding/json (its
// reflection-driven encoder and decoder) would add about 0.18 MB gzip to
// the module that every visitor downloads. The field names are those of
// the types' json tags, and encode_test.go checks, natively, that every
// writer gives what encoding/json gives for the same value.

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// jw is a JSON writer. Commas are implicit: a key or a value written
// after another value gets one.
type jw struct{ b []byte }

func (w *jw) sep() {
	if n := len(w.b); n > 0 {
		switch w.b[n-1] {
		case '{', '[', ':':
		default:
			w.b = append(w.b, ',')
		}
	}
}

func (w *jw) open(c byte)  { w.sep(); w.b = append(w.b, c) }
func (w *jw) close(c byte) { w.b = append(w.b, c) }

// key starts the member k of an object.
func (w *jw) key(k string) *jw {
	w.sep()
	w.b = appendString(w.b, k)
	w.b = append(w.b, ':')
	return w
}

func (w *jw) str(s string) { w.sep(); w.b = appendString(w.b, s) }
func (w *jw) int(i int)    { w.sep(); w.b = strconv.AppendInt(w.b, int64(i), 10) }
func (w *jw) null()        { w.sep(); w.b = append(w.b, "null"...) }

func (w *jw) bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
}

// num writes x as ad.Num does: every digit, non-finite numbers as the
// strings "NaN", "Infinity" and "-Infinity".
func (w *jw) num(x float64) {
	switch {
	case math.IsNaN(x):
		w.str("NaN")
	case math.IsInf(x, 1):
		w.str("Infinity")
	case math.IsInf(x, -1):
		w.str("-Infinity")
	default:
		w.sep()
		w.b = strconv.AppendFloat(w.b, x, 'g', -1, 64)
	}
}

func (w *jw) numPtr(x *ad.Num) {
	if x == nil {
		w.null()
		return
	}
	w.num(float64(*x))
}

func (w *jw) intPtr(x *int) {
	if x == nil {
		w.null()
		return
	}
	w.int(*x)
}

func (w *jw) nums(xs []ad.Num) {
	w.array(len(xs), xs == nil, func(i int) { w.num(float64(xs[i])) })
}

func (w *jw) strs(ss []string) { w.array(len(ss), ss == nil, func(i int) { w.str(ss[i]) }) }
func (w *jw) ints(xs []int)    { w.array(len(xs), xs == nil, func(i int) { w.int(xs[i]) }) }

// fields writes an object of string members: key, value, key, value...
func (w *jw) fields(kv ...string) {
	w.open('{')
	for i := 0; i+1 < len(kv); i += 2 {
		w.key(kv[i]).str(kv[i+1])
	}
	w.close('}')
}

// array writes an array of n elements, element i by f(i); or null when
// isNil (a nil slice, as encoding/json writes it). It is not generic: one
// copy of it is smaller than one per element type.
func (w *jw) array(n int, isNil bool, f func(i int)) {
	if isNil {
		w.null()
		return
	}
	w.open('[')
	for i := 0; i < n; i++ {
		f(i)
	}
	w.close(']')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as with encoding/json; <, > and & stay as they are (the result goes to
// JSON.parse, never into HTML).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Encoder is implemented by every result that main_js.go sends as JSON.
type Encoder interface{ encode(w *jw) }

// encodeJSON returns the JSON of a result.
func encodeJSON(v Encoder) []byte {
	w := &jw{b: make([]byte, 0, 1024)}
	v.encode(w)
	return w.b
}

func (r *InputsResult) encode(w *jw) {
	w.open('{')
	w.key("names").strs(r.Names)
	w.close('}')
}

func (r *BuildResult) encode(w *jw) {
	w.open('{')
	w.key("handle").int(r.Handle)
	if t := r.TraceJSON; t != nil {
		w.key("mode").str(t.Mode)
		w.key("inputs")
		w.array(len(t.Inputs), t.Inputs == nil, func(i int) { encodeNameNode(w, &t.Inputs[i]) })
		w.key("outputs")
		w.array(len(t.Outputs), t.Outputs == nil, func(i int) { encodeNameNode(w, &t.Outputs[i]) })
		w.key("x").nums(t.X)
		w.key("seed").nums(t.Seed)
		w.key("nodes")
		w.array(len(t.Nodes), t.Nodes == nil, func(i int) { encodeNode(w, &t.Nodes[i]) })
		w.key("steps")
		w.array(len(t.Steps), t.Steps == nil, func(i int) { encodeStep(w, &t.Steps[i]) })
		w.key("warnings").strs(t.Warnings)
	}
	w.key("digits").int(r.Digits)
	w.key("stepInfo")
	w.array(len(r.StepInfo), r.StepInfo == nil, func(i int) {
		s := &r.StepInfo[i]
		w.open('{')
		w.key("before").str(s.Before)
		w.key("after").str(s.After)
		w.key("field").str(s.Field)
		w.key("arg").int(s.Arg)
		w.close('}')
	})
	w.key("nodeTexts")
	w.array(len(r.NodeTexts), r.NodeTexts == nil, func(i int) {
		t := &r.NodeTexts[i]
		w.fields("value", t.Value, "tangent", t.Tangent, "adjoint", t.Adjoint)
	})
	w.key("table").open('{')
	w.key("head").strs(r.Table.Head)
	w.key("rows")
	w.array(len(r.Table.Rows), r.Table.Rows == nil, func(i int) {
		row := r.Table.Rows[i]
		w.array(len(row), row == nil, func(i int) {
			c := &row[i]
			w.open('{')
			w.key("text").str(c.Text)
			w.key("latex").str(c.LaTeX)
			w.key("step").int(c.Step)
			w.close('}')
		})
	})
	w.close('}')
	w.close('}')
}

func encodeNameNode(w *jw, n *ad.NameNode) {
	w.open('{')
	w.key("name").str(n.Name)
	w.key("node").int(n.Node)
	w.close('}')
}

func encodeNode(w *jw, n *ad.NodeJSON) {
	w.open('{')
	w.key("id").int(n.ID)
	w.key("label").str(n.Label)
	w.key("op").str(n.Op)
	w.key("args").ints(n.Args)
	w.key("operands")
	w.array(len(n.Operands), n.Operands == nil, func(i int) {
		o := &n.Operands[i]
		w.open('{')
		if o.Node != nil {
			w.key("node").int(*o.Node)
		}
		if o.Const != nil {
			w.key("const").num(float64(*o.Const))
		}
		if o.Text != "" {
			w.key("text").str(o.Text)
		}
		w.close('}')
	})
	if n.Name != "" {
		w.key("name").str(n.Name)
	}
	if len(n.Names) > 0 {
		w.key("names").strs(n.Names)
	}
	w.key("formula").str(n.Formula)
	w.key("latex").str(n.LaTeX)
	if n.Pos != "" {
		w.key("pos").str(n.Pos)
	}
	w.key("level").int(n.Level)
	w.key("value").numPtr(n.Value)
	w.key("tangent").numPtr(n.Tangent)
	w.key("adjoint").numPtr(n.Adjoint)
	w.key("edges")
	w.array(len(n.Edges), n.Edges == nil, func(i int) {
		e := &n.Edges[i]
		w.open('{')
		w.key("arg").int(e.Arg)
		w.key("node").int(e.Node)
		w.key("partial").num(float64(e.Partial))
		w.key("text").str(e.Text)
		w.key("latex").str(e.LaTeX)
		w.close('}')
	})
	w.key("diagnostics")
	w.array(len(n.Diagnostics), n.Diagnostics == nil, func(i int) {
		d := &n.Diagnostics[i]
		w.fields("kind", d.Kind, "severity", d.Severity, "message", d.Message)
	})
	w.close('}')
}

func encodeStep(w *jw, s *ad.StepJSON) {
	w.open('{')
	w.key("phase").str(s.Phase)
	w.key("kind").str(s.Kind)
	w.key("node").int(s.Node)
	w.key("from").intPtr(s.From)
	w.key("before").numPtr(s.Before)
	w.key("after").num(float64(s.After))
	w.key("text").str(s.Text)
	w.key("latex").str(s.LaTeX)
	w.close('}')
}

func (r *JacobianResult) encode(w *jw) {
	w.open('{')
	w.key("inputs").strs(r.Inputs)
	w.key("outputs").strs(r.Outputs)
	w.key("value").nums(r.Value)
	for _, m := range []struct {
		name string
		m    *JacobianMode
	}{{"forward", &r.Forward}, {"reverse", &r.Reverse}} {
		w.key(m.name).open('{')
		w.key("J")
		w.array(len(m.m.J), m.m.J == nil, func(i int) { w.nums(m.m.J[i]) })
		w.key("sweeps").int(m.m.Sweeps)
		w.key("counts").open('{')
		w.key("evaluations").int(m.m.Counts.Evaluations)
		w.key("partials").int(m.m.Counts.Partials)
		w.key("multiply_adds").int(m.m.Counts.MultiplyAdds)
		w.close('}')
		w.close('}')
	}
	w.key("ops").int(r.Ops)
	w.key("edges").int(r.Edges)
	w.close('}')
}

func encodeFDPoint(w *jw, p *FDPoint) {
	w.open('{')
	w.key("h").num(float64(p.H))
	w.key("fd").nums(p.FD)
	w.key("absErr").nums(p.AbsErr)
	w.key("relErr").nums(p.RelErr)
	w.key("maxAbs").num(float64(p.MaxAbs))
	w.key("maxRel").num(float64(p.MaxRel))
	w.close('}')
}

func (r *FDResult) encode(w *jw) {
	w.open('{')
	w.key("output").str(r.Output)
	w.key("inputs").strs(r.Inputs)
	w.key("ad").nums(r.AD)
	w.key("at")
	encodeFDPoint(w, &r.At)
	w.key("sweep")
	w.array(len(r.Sweep), r.Sweep == nil, func(i int) { encodeFDPoint(w, &r.Sweep[i]) })
	w.close('}')
}

func (r *LayoutResult) encode(w *jw) {
	w.fields("key", r.Key, "svg", r.SVG)
}

func (f *Frames) encode(w *jw) {
	w.open('{')
	w.key("nodes").strs(f.Nodes)
	w.key("edges").strs(f.Edges)
	b := &f.Base
	w.key("base").open('{')
	w.key("nodeClass").strs(b.NodeClass)
	w.key("tooltip").strs(b.Tooltip)
	w.key("fields")
	w.array(len(b.Fields), b.Fields == nil, func(i int) { w.strs(b.Fields[i][:]) })
	w.key("edgeClass").strs(b.EdgeClass)
	w.key("edgeLabel").strs(b.EdgeLabel)
	w.key("edgeTooltip").strs(b.EdgeTooltip)
	w.close('}')
	w.key("steps")
	w.array(len(f.Steps), f.Steps == nil, func(i int) {
		ch := f.Steps[i]
		w.array(len(ch), ch == nil, func(i int) {
			w.open('[')
			for _, x := range ch[i] {
				switch x := x.(type) {
				case int:
					w.int(x)
				case string:
					w.str(x)
				default:
					panic("frames: a change holds a " + typeName(x))
				}
			}
			w.close(']')
		})
	})
	w.close('}')
}

// typeName names the kind of an unexpected value without package fmt's
// reflection.
func typeName(x any) string {
	switch x.(type) {
	case nil:
		return "nil"
	case float64:
		return "float64"
	case bool:
		return "bool"
	}
	return "value of another type"
}

// stepState is graphviz.StepState as a result.
type stepState graphviz.StepState

func (s *stepState) encode(w *jw) {
	w.open('{')
	w.key("mode").str(s.Mode)
	w.key("step").int(s.Step)
	w.key("steps").int(s.Steps)
	w.key("phase").str(s.Phase)
	w.key("kind").str(s.Kind)
	w.key("node").str(s.Node)
	w.key("from").str(s.From)
	w.key("active").strs(s.Active)
	w.key("text").str(s.Text)
	w.key("caption").strs(s.Caption)
	field := func(name string, f *graphviz.Field) {
		w.key(name).fields("id", f.ID, "text", f.Text, "class", f.Class)
	}
	w.key("nodes")
	w.array(len(s.Nodes), s.Nodes == nil, func(i int) {
		n := &s.Nodes[i]
		w.open('{')
		w.key("id").str(n.ID)
		w.key("class").str(n.Class)
		w.key("tooltip").str(n.Tooltip)
		field("value", &n.Value)
		field("tangent", &n.Tangent)
		field("adjoint", &n.Adjoint)
		field("mark", &n.Mark)
		w.key("diagnostics")
		w.array(len(n.Diagnostics), n.Diagnostics == nil, func(i int) {
			d := &n.Diagnostics[i]
			w.fields("kind", d.Kind, "severity", d.Severity, "message", d.Message)
		})
		w.close('}')
	})
	w.key("edges")
	w.array(len(s.Edges), s.Edges == nil, func(i int) {
		e := &s.Edges[i]
		w.fields("id", e.ID, "class", e.Class, "label", e.Label, "tooltip", e.Tooltip)
	})
	w.close('}')
}

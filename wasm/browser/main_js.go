//go:build js && wasm

// Command browser is adviz compiled to WebAssembly for a JavaScript host
// (the page's Web Worker, or node). It puts one object, globalThis.adviz,
// whose functions take plain JavaScript values and return
// {ok: true, value} or {ok: false, error: {message, line, col, ...}}; they
// never throw. The README documents it ("The JavaScript API").
//
// Requests are read from their JavaScript objects field by field; results
// are written as JSON by encode.go and handed to JSON.parse (one call
// across the boundary for a result of any size). The module does not use
// encoding/json: its reflection-driven code would make the download
// about 0.18 MB (gzip) bigger.
package main

import (
	"fmt"
	"math"
	"strconv"
	"syscall/js"

	"github.com/adviz/adviz/graphviz"
)

func init() { renderer = graphviz.JS() }

// call is one API function: it gets the JavaScript arguments and returns
// an Encoder, a string or a bool, or an error.
type call func(args []js.Value) (any, error)

func main() {
	api := js.Global().Get("Object").New()
	done := make(chan struct{})
	var funcs []js.Func
	def := func(name string, f call) {
		fn := js.FuncOf(func(_ js.Value, args []js.Value) any { return invoke(f, args) })
		funcs = append(funcs, fn)
		api.Set(name, fn)
	}
	for name, f := range calls() {
		def(name, f)
	}
	def("exit", func([]js.Value) (any, error) {
		close(done)
		return true, nil
	})
	api.Set("version", Version)
	js.Global().Set("adviz", api)
	if ready := js.Global().Get("advizReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(api)
	}
	<-done
	js.Global().Delete("adviz")
	for _, fn := range funcs {
		fn.Release()
	}
}

var jsonParse = js.Global().Get("JSON").Get("parse")

// invoke runs f and wraps its result; a panic becomes an error.
func invoke(f call, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = failure(&Error{Message: fmt.Sprintf("internal error: %v", r)})
		}
	}()
	v, err := f(args)
	if err != nil {
		return failure(toError(err))
	}
	var value any
	switch v := v.(type) {
	case Encoder:
		value = jsonParse.Invoke(string(encodeJSON(v)))
	case string, bool:
		value = v
	default:
		return failure(&Error{Message: "internal error: a result of an unknown type"})
	}
	return map[string]any{"ok": true, "value": value}
}

func failure(e *Error) any {
	m := map[string]any{"message": e.Message}
	if e.Line > 0 {
		m["line"], m["col"], m["caret"] = e.Line, e.Col, e.Caret
	}
	if e.Input != "" {
		m["input"] = e.Input
	}
	if e.Seed != "" {
		m["seed"] = e.Seed
	}
	return map[string]any{"ok": false, "error": m}
}

// args reads a call's arguments in order; the first bad one is the error.
type args struct {
	a   []js.Value
	i   int
	err error
}

func (r *args) next() js.Value {
	r.i++
	if r.i <= len(r.a) {
		return r.a[r.i-1]
	}
	return js.Undefined()
}

func (r *args) fail(format string, v ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("argument %d "+format, append([]any{r.i}, v...)...)
	}
}

func (r *args) string() string {
	x := r.next()
	if x.Type() != js.TypeString {
		r.fail("must be a string")
		return ""
	}
	return x.String()
}

func (r *args) int() int {
	x := r.next()
	if x.Type() != js.TypeNumber {
		r.fail("must be a number")
		return 0
	}
	return x.Int()
}

// object reads the next argument, an object of options (or nothing).
func (r *args) object() obj {
	x := r.next()
	if t := x.Type(); t != js.TypeObject && t != js.TypeUndefined && t != js.TypeNull {
		r.fail("does not fit: it must be an object, not a %s", t)
		return obj{r: r, v: js.Undefined()}
	}
	return obj{r: r, v: x}
}

// obj reads the fields of an options object; a missing field (or a
// missing object) is the zero value, a field of the wrong type an error.
type obj struct {
	r *args
	v js.Value
}

// get returns the field name when it is there and has type t.
func (o obj) get(name string, t js.Type, want string) (js.Value, bool) {
	if o.v.Type() != js.TypeObject {
		return js.Undefined(), false
	}
	x := o.v.Get(name)
	switch x.Type() {
	case js.TypeUndefined, js.TypeNull:
		return x, false
	case t:
		return x, true
	}
	o.r.fail("does not fit: %s must be %s, not a %s", name, want, x.Type())
	return x, false
}

func (o obj) str(name string) string {
	x, ok := o.get(name, js.TypeString, "a string")
	if !ok {
		return ""
	}
	return x.String()
}

func (o obj) float(name string) float64 {
	x, ok := o.get(name, js.TypeNumber, "a number")
	if !ok {
		return 0
	}
	return x.Float()
}

func (o obj) int(name string) int {
	x := o.float(name)
	if x != math.Trunc(x) || math.Abs(x) > 1<<31 {
		o.r.fail("does not fit: %s must be an integer", name)
		return 0
	}
	return int(x)
}

func (o obj) bool(name string) bool {
	x, ok := o.get(name, js.TypeBoolean, "true or false")
	return ok && x.Bool()
}

func (o obj) array(name string) (js.Value, int) {
	x, ok := o.get(name, js.TypeObject, "an array")
	if !ok {
		return x, -1
	}
	if !js.Global().Get("Array").Call("isArray", x).Bool() {
		o.r.fail("does not fit: %s must be an array", name)
		return x, -1
	}
	return x, x.Length()
}

// each reads the array name: every element, which must have type t, with
// f(i, element). It reports whether there was an array.
func (o obj) each(name string, t js.Type, want string, f func(i int, e js.Value)) bool {
	x, n := o.array(name)
	for i := 0; i < n; i++ {
		e := x.Index(i)
		if e.Type() != t {
			o.r.fail("does not fit: %s[%d] must be %s, not a %s", name, i, want, e.Type())
			return false
		}
		f(i, e)
	}
	return n >= 0
}

// strings reads an array of strings (nil when there is none).
func (o obj) strings(name string) []string {
	out := []string{}
	if !o.each(name, js.TypeString, "a string", func(_ int, e js.Value) { out = append(out, e.String()) }) {
		return nil
	}
	return out
}

// floats reads an array of numbers (nil when there is none).
func (o obj) floats(name string) []float64 {
	out := []float64{}
	if !o.each(name, js.TypeNumber, "a number", func(_ int, e js.Value) { out = append(out, e.Float()) }) {
		return nil
	}
	return out
}

// values reads an object of numbers or strings by name (BuildRequest's
// values and seed); a number becomes its exact decimal text.
func (o obj) values(name string) map[string]string {
	x, ok := o.get(name, js.TypeObject, "an object")
	if !ok {
		return nil
	}
	keys := js.Global().Get("Object").Call("keys", x)
	m := make(map[string]string, keys.Length())
	for i := 0; i < keys.Length(); i++ {
		k := keys.Index(i).String()
		switch v := x.Get(k); v.Type() {
		case js.TypeString:
			m[k] = v.String()
		case js.TypeNumber:
			m[k] = strconv.FormatFloat(v.Float(), 'g', -1, 64)
		default:
			o.r.fail("does not fit: %s.%s must be a number or a string, not a %s", name, k, v.Type())
			return nil
		}
	}
	return m
}

func (o obj) graphOptions() GraphOptions {
	return GraphOptions{EdgeLabels: o.bool("edgeLabels"), Theme: o.str("theme"), RankDir: o.str("rankdir"),
		Legend: o.bool("legend"), Caption: o.bool("caption")}
}

// with wraps a function of decoded arguments as a call.
func with(read func(r *args) func() (any, error)) call {
	return func(a []js.Value) (any, error) {
		r := &args{a: a}
		f := read(r)
		if r.err != nil {
			return nil, r.err
		}
		return f()
	}
}

// calls are the API functions by name (see the README).
func calls() map[string]call {
	return map[string]call{
		"inputs": with(func(r *args) func() (any, error) {
			src := r.string()
			return func() (any, error) { return Inputs(src) }
		}),
		"build": with(func(r *args) func() (any, error) {
			o := r.object()
			req := BuildRequest{Program: o.str("program"), Values: o.values("values"), Inputs: o.strings("inputs"),
				Mode: o.str("mode"), Seed: o.values("seed"), Digits: o.int("digits")}
			return func() (any, error) { return Build(&req) }
		}),
		"table": with(func(r *args) func() (any, error) {
			h, format := r.int(), r.string()
			return func() (any, error) { return TableText(h, format) }
		}),
		"jacobian": with(func(r *args) func() (any, error) {
			h := r.int()
			return func() (any, error) { return Jacobian(h) }
		}),
		"finiteDiff": with(func(r *args) func() (any, error) {
			h := r.int()
			o := r.object()
			req := FDRequest{Output: o.int("output"), H: o.float("h"), Hs: o.floats("hs")}
			return func() (any, error) { return FiniteDiff(h, &req) }
		}),
		"layout": with(func(r *args) func() (any, error) {
			h := r.int()
			o := r.object()
			req := LayoutRequest{GraphOptions: o.graphOptions(), Have: o.str("have")}
			return func() (any, error) { return Layout(h, &req) }
		}),
		"frames": with(func(r *args) func() (any, error) {
			h := r.int()
			opt := r.object().graphOptions()
			return func() (any, error) { return FramesOf(h, &opt) }
		}),
		"state": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			opt := r.object().graphOptions()
			return func() (any, error) {
				st, err := State(h, step, &opt)
				return (*stepState)(st), err
			}
		}),
		"dot": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			opt := r.object().graphOptions()
			return func() (any, error) { return DOT(h, step, &opt) }
		}),
		"svg": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			opt := r.object().graphOptions()
			return func() (any, error) { return SVG(h, step, &opt) }
		}),
		"animatedSVG": with(func(r *args) func() (any, error) {
			h := r.int()
			o := r.object()
			req := AnimationRequest{GraphOptions: o.graphOptions(), FrameMillis: o.int("frameMillis"), Hold: o.int("hold")}
			return func() (any, error) { return AnimatedSVG(h, &req) }
		}),
		"free": with(func(r *args) func() (any, error) {
			h := r.int()
			return func() (any, error) { Free(h); return true, nil }
		}),
	}
}

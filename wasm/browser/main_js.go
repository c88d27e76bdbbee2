//go:build js && wasm

// Command browser is adviz compiled to WebAssembly for a JavaScript host
// (the page's Web Worker, or node). It puts one object, globalThis.adviz,
// whose functions take plain JavaScript values and return
// {ok: true, value} or {ok: false, error: {message, line, col, ...}}; they
// never throw. API.md documents it.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/adviz/adviz/graphviz"
)

func init() { renderer = graphviz.JS() }

// call is one API function: it gets the JavaScript arguments and returns a
// JSON-encodable value or an error.
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
	b, err := json.Marshal(v)
	if err != nil {
		return failure(toError(err))
	}
	return map[string]any{"ok": true, "value": js.Global().Get("JSON").Call("parse", string(b))}
}

func failure(e *Error) any {
	m := map[string]any{"message": e.Message}
	if e.Line > 0 {
		m["line"], m["col"], m["caret"] = e.Line, e.Col, e.Caret
	}
	if e.Input != "" {
		m["input"] = e.Input
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

// decode reads the next argument (JSON data: an object, or nothing) into
// v through JSON.
func (r *args) decode(v any) {
	x := r.next()
	if x.IsUndefined() || x.IsNull() {
		return
	}
	s := js.Global().Get("JSON").Call("stringify", x)
	if s.Type() != js.TypeString {
		r.fail("is not JSON data")
		return
	}
	if err := json.Unmarshal([]byte(s.String()), v); err != nil {
		r.fail("does not fit: %v", err)
	}
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

// calls are the API functions by name (API.md).
func calls() map[string]call {
	return map[string]call{
		"inputs": with(func(r *args) func() (any, error) {
			src := r.string()
			return func() (any, error) { return Inputs(src) }
		}),
		"build": with(func(r *args) func() (any, error) {
			var req BuildRequest
			r.decode(&req)
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
			var req FDRequest
			r.decode(&req)
			return func() (any, error) { return FiniteDiff(h, &req) }
		}),
		"layout": with(func(r *args) func() (any, error) {
			h := r.int()
			var req LayoutRequest
			r.decode(&req)
			return func() (any, error) { return Layout(h, &req) }
		}),
		"frames": with(func(r *args) func() (any, error) {
			h := r.int()
			var o GraphOptions
			r.decode(&o)
			return func() (any, error) { return FramesOf(h, &o) }
		}),
		"state": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			var o GraphOptions
			r.decode(&o)
			return func() (any, error) { return State(h, step, &o) }
		}),
		"dot": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			var o GraphOptions
			r.decode(&o)
			return func() (any, error) { return DOT(h, step, &o) }
		}),
		"svg": with(func(r *args) func() (any, error) {
			h, step := r.int(), r.int()
			var o GraphOptions
			r.decode(&o)
			return func() (any, error) { return SVG(h, step, &o) }
		}),
		"animatedSVG": with(func(r *args) func() (any, error) {
			h := r.int()
			var req AnimationRequest
			r.decode(&req)
			return func() (any, error) { return AnimatedSVG(h, &req) }
		}),
		"free": with(func(r *args) func() (any, error) {
			h := r.int()
			return func() (any, error) { Free(h); return true, nil }
		}),
	}
}

//go:build js && wasm

package graphviz

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

// jsRenderer calls the host's Graphviz.
type jsRenderer struct{}

// JS returns the renderer that calls the host's Graphviz (for example
// @viz-js/viz) through a synchronous JavaScript function the host puts on
// globalThis:
//
//	globalThis.renderDOT = (dot, format, engine) => string
//
// format is "svg", "json0", "dot", ...; engine is "dot" or "nop2". It
// returns the output as a string or throws an Error. Binary formats (png)
// are not available.
func JS() Renderer { return jsRenderer{} }

// Render implements Renderer.
func (jsRenderer) Render(ctx context.Context, dot string, engine Engine, format Format) (out []byte, err error) {
	if err := CheckEngine(engine); err != nil {
		return nil, err
	}
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	if format == FormatPNG || format == "jpg" {
		return nil, fmt.Errorf("graphviz: format %s is not available in JavaScript", format)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(js.Error); ok {
				out, err = nil, fmt.Errorf("graphviz: %s", jsMessage(e.Value))
				return
			}
			out, err = nil, fmt.Errorf("graphviz: %v", p)
		}
	}()
	fn := js.Global().Get("renderDOT")
	if fn.Type() != js.TypeFunction {
		return nil, errors.New("graphviz: globalThis.renderDOT is not a function")
	}
	v := fn.Invoke(dot, string(format), string(engine))
	if v.Type() != js.TypeString {
		if v.Type() == js.TypeObject && v.Get("then").Type() == js.TypeFunction {
			return nil, errors.New("graphviz: globalThis.renderDOT returned a Promise; it must return a string")
		}
		return nil, fmt.Errorf("graphviz: globalThis.renderDOT returned %s, not a string", v.Type())
	}
	return []byte(v.String()), nil
}

// jsMessage returns the message of a thrown JavaScript value.
func jsMessage(v js.Value) string {
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			return m.String()
		}
	}
	return js.Global().Get("String").Invoke(v).String()
}

//go:build js

package graphviz

import "errors"

// parsePositions is native only (see positions_native.go): in js/wasm
// builds a layout has no positions for positioned DOT.
func parsePositions([]byte) (*positions, error) {
	return nil, errors.New("graphviz: positioned DOT needs the native renderer")
}

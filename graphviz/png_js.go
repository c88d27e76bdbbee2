//go:build js

package graphviz

import (
	"errors"

	"github.com/adviz/adviz/ad"
)

func (l *Layout) stepPNG(t *ad.Trace, step int) ([]byte, error) {
	return nil, errors.New("graphviz: PNG is not available in JavaScript builds")
}

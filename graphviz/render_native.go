//go:build !js

package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/adviz/adviz/graphviz/internal/gvcache"
	"github.com/goccy/go-graphviz/cgraph"
	"github.com/goccy/go-graphviz/gvc"
)

func init() {
	// go-graphviz has compiled its module by now (its init ran first);
	// give the process its TMPDIR back.
	gvcache.Restore()
}

// nativeRenderer is Graphviz compiled to WebAssembly and run by wazero
// inside this process (github.com/goccy/go-graphviz). There is one
// Graphviz per process, so there is one renderer, and a mutex serialises
// its use.
type nativeRenderer struct {
	mu  sync.Mutex
	gvc *gvc.Context
}

var native struct {
	once sync.Once
	r    *nativeRenderer
	err  error
}

// Native returns the renderer that runs Graphviz in this process through
// go-graphviz. It is safe for concurrent use. Its compiled module is
// cached in the user's cache directory (os.UserCacheDir()/adviz/go-graphviz).
func Native() (Renderer, error) {
	native.once.Do(func() {
		c, err := gvc.New(context.Background())
		if err != nil {
			native.err = fmt.Errorf("graphviz: starting Graphviz: %w", err)
			return
		}
		native.r = &nativeRenderer{gvc: c}
	})
	if native.err != nil {
		return nil, native.err
	}
	return native.r, nil
}

// CacheDir returns the directory that holds go-graphviz's compilation
// cache, or "" when it is in the default place ($TMPDIR/go-graphviz)
// because the user has no cache directory.
func CacheDir() string {
	if gvcache.Dir == "" {
		return ""
	}
	return gvcache.Dir + "/go-graphviz"
}

// Render implements Renderer.
func (r *nativeRenderer) Render(ctx context.Context, dot string, engine Engine, format Format) ([]byte, error) {
	out, err := r.RenderFormats(ctx, dot, engine, format)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// RenderFormats lays dot out once and writes it in every format.
func (r *nativeRenderer) RenderFormats(ctx context.Context, dot string, engine Engine, formats ...Format) (out [][]byte, err error) {
	if err := CheckEngine(engine); err != nil {
		return nil, err
	}
	for _, f := range formats {
		if err := CheckFormat(f); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("graphviz: %v", p)
		}
	}()
	g, err := cgraph.ParseBytes([]byte(dot))
	if err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	if g == nil {
		return nil, errors.New("graphviz: the DOT has no graph")
	}
	defer g.Close()
	if err := r.gvc.Layout(ctx, g, string(engine)); err != nil {
		return nil, fmt.Errorf("graphviz: layout: %w", err)
	}
	defer r.gvc.FreeLayout(ctx, g)
	out = make([][]byte, len(formats))
	for i, f := range formats {
		var buf bytes.Buffer
		if err := r.gvc.RenderData(ctx, g, string(f), &buf); err != nil {
			return nil, fmt.Errorf("graphviz: render %s: %w", f, err)
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

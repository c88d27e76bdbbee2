package main

import (
	"context"
	"hash/fnv"
	"strconv"
	"sync"
	"time"

	"github.com/adviz/adviz/graphviz"
)

// renderer is the Graphviz the module lays graphs out with: the host's
// (graphviz.JS) in the browser; tests set the native one.
var renderer graphviz.Renderer

// GraphOptions are the options of a picture (graphviz.Options); the
// number of significant digits is the build's.
type GraphOptions struct {
	EdgeLabels bool   `json:"edgeLabels"` // label edges with ∂v_i/∂v_j
	Theme      string `json:"theme"`      // "light" (default) or "dark"
	RankDir    string `json:"rankdir"`    // "LR" (default) or "TB"
	Legend     bool   `json:"legend"`     // exports: a legend above the graph
	Caption    bool   `json:"caption"`    // exports: the step's arithmetic above the graph
}

// sessionOptions returns the session with handle h and its picture
// options.
func sessionOptions(h int, o *GraphOptions) (*Session, graphviz.Options, error) {
	s, err := lookup(h)
	if err != nil {
		return nil, graphviz.Options{}, err
	}
	opt, err := s.options(o)
	return s, opt, err
}

func (s *Session) options(o *GraphOptions) (graphviz.Options, error) {
	if o == nil {
		o = &GraphOptions{}
	}
	opt := graphviz.Options{Digits: s.Digits, EdgeLabels: o.EdgeLabels, Theme: o.Theme, RankDir: o.RankDir,
		Legend: o.Legend, Caption: o.Caption}
	if err := opt.Validate(); err != nil {
		return opt, toError(err)
	}
	return opt, nil
}

// layouts keeps recent layouts by their key: a new mode, seed or point of
// the same program re-uses the layout without calling Graphviz.
var layouts = struct {
	sync.Mutex
	m     map[string]*graphviz.Layout
	order []string
}{m: map[string]*graphviz.Layout{}}

const maxLayouts = 8

// layoutKey identifies the layout of s's graph with opt: a hash of its DOT,
// which the caption does not change. The same program and options give the
// same key at any point, mode and seed.
func layoutKey(s *Session, opt graphviz.Options) string {
	opt.Caption = false
	f := fnv.New64a()
	f.Write([]byte(graphviz.LayoutDOT(s.Graph, opt)))
	return strconv.FormatUint(f.Sum64(), 36)
}

// layoutOf returns the layout of s's graph with opt (without its caption),
// whose key is key: from the cache, or laid out now.
func layoutOf(s *Session, opt graphviz.Options, key string) (*graphviz.Layout, error) {
	opt.Caption = false
	layouts.Lock()
	l, ok := layouts.m[key]
	layouts.Unlock()
	if ok {
		return l, nil
	}
	// Graphviz cannot be stopped once it runs, and a graph over the limit
	// would keep it busy for many seconds to minutes.
	if err := graphviz.CheckLayoutCost(s.Graph, graphviz.MaxLayoutCost); err != nil {
		return nil, errorf("%v, and Graphviz could take minutes to lay it out; the trace table and the other views still work", err)
	}
	if renderer == nil {
		return nil, errorf("no Graphviz: the host did not provide globalThis.renderDOT")
	}
	l, err := graphviz.NewLayout(context.Background(), renderer, s.Graph, opt)
	if err != nil {
		return nil, toError(err)
	}
	layouts.Lock()
	defer layouts.Unlock()
	layouts.m[key] = l
	layouts.order = append(layouts.order, key)
	for len(layouts.order) > maxLayouts {
		delete(layouts.m, layouts.order[0])
		layouts.order = layouts.order[1:]
	}
	return l, nil
}

// LayoutRequest asks for the laid-out SVG of a session's graph.
type LayoutRequest struct {
	GraphOptions
	// Have is the key of the layout the caller shows; when it is still
	// the right one, SVG is left empty.
	Have string `json:"have"`
}

// LayoutResult is a laid-out graph for a page to animate.
type LayoutResult struct {
	// Key identifies the layout: the same program and options give the
	// same key at any point, mode and seed.
	Key string `json:"key"`
	// SVG is graphviz.Layout.SVG: placeholders in the fields, every node
	// pending, the stylesheet inside.
	SVG string `json:"svg"`
}

// Layout lays out a session's graph (once per program and options).
func Layout(h int, req *LayoutRequest) (*LayoutResult, error) {
	s, opt, err := sessionOptions(h, &req.GraphOptions)
	if err != nil {
		return nil, err
	}
	key := layoutKey(s, opt)
	if key == req.Have {
		return &LayoutResult{Key: key}, nil
	}
	l, err := layoutOf(s, opt, key)
	if err != nil {
		return nil, err
	}
	return &LayoutResult{Key: key, SVG: string(l.SVG())}, nil
}

// exportLayout is the layout of a session with the options of an export:
// the cached layout, with the caption when opt asks for it.
func exportLayout(s *Session, opt graphviz.Options) (*graphviz.Layout, error) {
	l, err := layoutOf(s, opt, layoutKey(s, opt))
	if err != nil || !opt.Caption {
		return l, err
	}
	if l, err = graphviz.LayoutFromSVG(s.Graph, opt, l.RawSVG()); err != nil {
		return nil, toError(err)
	}
	return l, nil
}

// State returns graphviz.State of a session's trace at a step.
func State(h, step int, o *GraphOptions) (*graphviz.StepState, error) {
	s, opt, err := sessionOptions(h, o)
	if err != nil {
		return nil, err
	}
	return graphviz.State(s.Trace, step, opt), nil
}

// DOT returns the annotated DOT of a session's trace at a step.
func DOT(h, step int, o *GraphOptions) (string, error) {
	s, opt, err := sessionOptions(h, o)
	if err != nil {
		return "", err
	}
	return graphviz.DOT(s.Trace, step, opt), nil
}

// SVG returns the SVG of a session's trace at a step: the layout filled
// with the step's state (no new layout).
func SVG(h, step int, o *GraphOptions) (string, error) {
	s, opt, err := sessionOptions(h, o)
	if err != nil {
		return "", err
	}
	l, err := exportLayout(s, opt)
	if err != nil {
		return "", err
	}
	b, err := l.StepSVG(s.Trace, step)
	if err != nil {
		return "", toError(err)
	}
	return string(b), nil
}

// AnimationRequest is the options of an animated SVG.
type AnimationRequest struct {
	GraphOptions
	FrameMillis int `json:"frameMillis"` // how long each step shows; 0: 1500
	Hold        int `json:"hold"`        // frames the finished state holds; 0: 3, negative: none
}

// AnimatedSVG returns one self-contained SVG that plays every step of a
// session's trace with CSS animations (graphviz.Layout.AnimatedSVG).
func AnimatedSVG(h int, req *AnimationRequest) (string, error) {
	s, opt, err := sessionOptions(h, &req.GraphOptions)
	if err != nil {
		return "", err
	}
	l, err := exportLayout(s, opt)
	if err != nil {
		return "", err
	}
	b, err := l.AnimatedSVG(s.Trace, graphviz.Animation{Frame: time.Duration(req.FrameMillis) * time.Millisecond, Hold: req.Hold})
	if err != nil {
		return "", toError(err)
	}
	return string(b), nil
}

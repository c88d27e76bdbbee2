package web

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/adviz/adviz/ad"
	"github.com/adviz/adviz/graphviz"
)

// picture is what the picture endpoints draw: a trace at a step.
type picture struct {
	pr   *program
	t    *ad.Trace
	step int
	opt  graphviz.Options
}

// loadPicture reads the parameters of svg, png and dot. Pictures that
// Graphviz lays out (drawn) are bounded by maxNodes and by MaxLayoutSize
// of graphviz.LayoutCost, so Graphviz's time is bounded.
func loadPicture(c *call, maxNodes int, drawn bool) (*picture, error) {
	pr, err := loadProgram(c.q, ad.Reverse, maxNodes)
	if err != nil {
		return nil, err
	}
	if drawn {
		if err := graphviz.CheckLayoutCost(pr.g, MaxLayoutSize); err != nil {
			return nil, &apiError{Status: 413, Param: "p", Msg: err.Error() + "; values and traces have no such limit"}
		}
	}
	t := pr.g.Trace(pr.x, pr.mode, pr.seed)
	step := graphviz.LastStep(t)
	if s, ok := c.q.get("step"); ok {
		if step, err = graphviz.Step(t, s); err != nil {
			return nil, &apiError{Status: 400, Param: "step", Msg: err.Error()}
		}
	}
	// The options of adviz render, with its defaults.
	opt := graphviz.Options{Digits: pr.digits, Theme: "light", RankDir: "LR", Legend: true, Caption: true}
	if s, ok := c.q.get("theme"); ok {
		opt.Theme = s
	}
	if s, ok := c.q.get("rankdir"); ok {
		opt.RankDir = s
	}
	for _, f := range []struct {
		param string
		v     *bool
	}{{"edge-labels", &opt.EdgeLabels}, {"legend", &opt.Legend}, {"caption", &opt.Caption}} {
		if _, ok := c.q.get(f.param); ok {
			if *f.v, err = parseBool(c.q, f.param); err != nil {
				return nil, err
			}
		}
	}
	if err := opt.Validate(); err != nil {
		param := ""
		if oe := (*graphviz.OptionError)(nil); errors.As(err, &oe) {
			param = oe.Option
		}
		return nil, &apiError{Status: 400, Param: param, Msg: err.Error()}
	}
	return &picture{pr: pr, t: t, step: step, opt: opt}, nil
}

// layout returns the picture's graph laid out by Graphviz: from the cache
// when the same program with the same inputs and options was laid out
// before (every step, mode and point of a program shares one layout), else
// by one Graphviz call, within a render slot.
func (c *call) layout(p *picture) (*graphviz.Layout, error) {
	r := c.h.opt.Renderer
	if r == nil {
		return nil, &apiError{Status: 501, Msg: "this server has no Graphviz; /api/v1/dot works"}
	}
	key := layoutKey(p)
	if l, ok := c.h.layouts.get(key); ok {
		return l, nil
	}
	if err := c.h.acquireRender(c.ctx); err != nil {
		return nil, err
	}
	defer c.h.releaseRender()
	// Graphviz cannot be interrupted once it runs; MaxLayoutSize bounds
	// its time, and a request past its budget is answered while this
	// finishes (see handler.run).
	l, err := graphviz.NewLayout(context.WithoutCancel(c.ctx), r, p.pr.g, p.opt)
	if err != nil {
		return nil, &apiError{Status: 500, Msg: fmt.Sprintf("Graphviz failed to lay the graph out: %v", err)}
	}
	c.h.layouts.put(key, l)
	return l, nil
}

// layoutKey identifies a layout: the program, its inputs in order and the
// options.
func layoutKey(p *picture) string {
	names := make([]string, len(p.pr.g.Inputs))
	for i, in := range p.pr.g.Inputs {
		names[i] = in.Name
	}
	return fmt.Sprintf("%q %q %+v", p.pr.g.Src, names, p.opt)
}

func serveDOT(c *call) (*response, error) {
	p, err := loadPicture(c, MaxNodes, false)
	if err != nil {
		return nil, err
	}
	return &response{contentType: "text/vnd.graphviz; charset=utf-8", body: []byte(graphviz.DOT(p.t, p.step, p.opt))}, nil
}

func serveSVG(c *call) (*response, error) {
	animate, err := parseBool(c.q, "animate")
	if err != nil {
		return nil, err
	}
	frame := 1500 * time.Millisecond
	if s, ok := c.q.get("frame"); ok {
		if !animate {
			return nil, &apiError{Status: 400, Param: "frame", Msg: "frame is for animate=1"}
		}
		if frame, err = time.ParseDuration(s); err != nil || frame < 100*time.Millisecond || frame > time.Minute {
			return nil, &apiError{Status: 400, Param: "frame", Msg: fmt.Sprintf("frame=%q: want how long each step shows, from 100ms to 1m, e.g. 1.5s", s)}
		}
	}
	p, err := loadPicture(c, MaxRenderNodes, true)
	if err != nil {
		return nil, err
	}
	if animate && len(p.t.Steps) > graphviz.MaxAnimatedSteps {
		return nil, &apiError{Status: 413, Param: "p", Msg: fmt.Sprintf(
			"the trace has %d steps; an animated SVG has at most %d (the page, or step=N, shows longer traces)", len(p.t.Steps), graphviz.MaxAnimatedSteps)}
	}
	l, err := c.layout(p)
	if err != nil {
		return nil, err
	}
	var svg []byte
	if animate {
		svg, err = l.AnimatedSVG(p.t, graphviz.Animation{Frame: frame})
	} else {
		svg, err = l.StepSVG(p.t, p.step)
	}
	if err != nil {
		return nil, &apiError{Status: 500, Msg: err.Error()}
	}
	return &response{contentType: "image/svg+xml", body: svg}, nil
}

func servePNG(c *call) (*response, error) {
	if !c.h.opt.PNG {
		// Checked before the parameters: the answer is the same for every
		// program.
		return nil, &apiError{Status: 501,
			Msg: "PNG is not available on this server (the Cloudflare worker makes SVG only); use /api/v1/svg with the same parameters, or the native server (adviz serve)"}
	}
	p, err := loadPicture(c, MaxRenderNodes, true)
	if err != nil {
		return nil, err
	}
	// PNGs are cached: rasterizing takes 0.06-0.4 s of CPU, and course
	// notes fetch the same picture URLs again and again.
	key := c.q.vals.Encode() // sorted: the same parameters give the same key
	if png, ok := c.h.pngs.get(key); ok {
		return &response{contentType: "image/png", body: png}, nil
	}
	// One PNG at a time: when many are asked for, they queue here (and
	// time out with 503) and leave the other core to everything else.
	if err := acquire(c.ctx, c.h.pngSlot); err != nil {
		return nil, err
	}
	defer func() { <-c.h.pngSlot }()
	l, err := c.layout(p)
	if err != nil {
		return nil, err
	}
	// The PNG is the step's SVG rasterized in Go (graphviz.Layout.RenderStep):
	// no Graphviz call, so no render slot.
	png, err := l.RenderStep(c.ctx, c.h.opt.Renderer, p.t, p.step, graphviz.FormatPNG)
	if err != nil {
		return nil, &apiError{Status: 500, Msg: fmt.Sprintf("drawing the PNG failed: %v", err)}
	}
	c.h.pngs.put(key, png)
	return &response{contentType: "image/png", body: png}, nil
}

// lru is a cache of the most recently used values, bounded by the sum of
// their sizes (size 1 each: a bound on entries).
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	total int
	size  func(V) int
	ll    *list.List // of *lruEntry[V], most recent first
	m     map[string]*list.Element
}

type lruEntry[V any] struct {
	key  string
	v    V
	size int
}

func newLRU[V any](max int, size func(V) int) *lru[V] {
	return &lru[V]{max: max, size: size, ll: list.New(), m: map[string]*list.Element{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruEntry[V]).v, true
	}
	var zero V
	return zero, false
}

func (c *lru[V]) put(key string, v V) {
	n := c.size(v)
	if n > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.ll.MoveToFront(e)
		return
	}
	c.m[key] = c.ll.PushFront(&lruEntry[V]{key, v, n})
	c.total += n
	for c.total > c.max {
		e := c.ll.Back()
		c.ll.Remove(e)
		old := e.Value.(*lruEntry[V])
		delete(c.m, old.key)
		c.total -= old.size
	}
}

// Visualizer is what the full page and the embed view share: it builds a
// program through the Go module (in its worker), lays the graph out once,
// and shows any step in the graph, the trace table, the step card and the
// dual-number list. A graph too big to lay out is not drawn (the graph
// panel says why); everything else still works.
import { client } from "./boot.js";
import { sameData, firstGraph, graphLabel } from "./first.js";
import { graphViewFor } from "./graph.js";
import { dark } from "./dom.js";
import { Player } from "./player.js";
import { Trace } from "./trace.js";
import { TraceTable, StepCard, DualList } from "./views.js";

export { dark };

export class Visualizer {
  // theme forces "light" or "dark"; "" follows the system.
  constructor({ graph, player, table, card, dual, dualHint, onStep, onBuilt, theme = "" }) {
    this.client = client;
    this.theme = theme;
    this.onStep = onStep || (() => {});
    this.onBuilt = onBuilt || (() => {});
    // The graph view may already show the prerendered example (first.js).
    this.graph = graphViewFor(graph);
    this.graph.onNodeActivate = (label) => {
      if (!this.trace) return;
      this.player.pause();
      this.player.go(this.trace.stepFor(label, this.player.s));
    };
    this.table = table ? new TraceTable(table, { onPick: (s) => { this.player.pause(); this.player.go(s); } }) : null;
    this.card = card ? new StepCard(card) : null;
    this.dual = dual ? new DualList(dual, dualHint) : null;
    this.player = new Player(player, { onStep: (s) => this.show(s) });
    this.trace = null;
    this.handle = 0;
    this.layoutKey = "";
    this.seq = 0;
  }

  // build builds request (the module's build()) and lays the graph out
  // with graph options; it resolves to {ok, error, stale}. step is the
  // step to show: a number or "last", or a function that returns one
  // when the sweep is ready.
  async build(request, graphOptions, step) {
    const seq = ++this.seq;
    // A build still running after a while is a big layout: drop it, the
    // user has moved on.
    if (this.busySince && performance.now() - this.busySince > 400) {
      this.client.restart();
      this.handle = 0;
    }
    this.busySince = performance.now();
    try {
      return await this.buildNow(seq, request, graphOptions, step);
    } finally {
      if (seq === this.seq) this.busySince = 0;
    }
  }

  // themeNow is the theme of the graph: the forced one, or the system's.
  themeNow() { return this.theme || (dark.matches ? "dark" : "light"); }

  async buildNow(seq, request, graphOptions, step) {
    const r = await this.client.build(request);
    if (seq !== this.seq) {
      if (r.ok) this.client.free(r.value.handle);
      return { stale: true };
    }
    if (!r.ok) return r;
    const handle = r.value.handle;
    const options = { ...graphOptions, theme: this.themeNow() };
    this.graph.busy(true);
    const [lay, frames] = await Promise.all([
      this.client.layout(handle, { ...options, have: this.graph.svg ? this.layoutKey : "" }),
      this.client.frames(handle, options),
    ]);
    this.graph.busy(false);
    if (seq !== this.seq) {
      this.client.free(handle);
      return { stale: true };
    }
    if (!frames.ok) {
      this.client.free(handle);
      this.graph.status(`The graph could not be drawn: ${frames.error.message}`, true);
      return { ok: false, error: frames.error, graph: true };
    }
    const mark = (name) => performance.mark(`adviz-${name}`);
    mark("worker-done");
    const trace = new Trace(r.value);
    if (!lay.ok) {
      // Not drawn (too big for Graphviz, say): the panel says so, and the
      // table, the step card and the player go on without the graph.
      this.layoutKey = "";
      this.graph.notDrawn(lay.error.message);
    } else if (lay.value.svg) {
      if (!this.graph.setLayout(lay.value.svg, graphLabel(request.program), lay.value.key)) {
        this.client.free(handle);
        return { ok: false, error: { message: "no SVG" }, graph: true };
      }
      this.layoutKey = lay.value.key;
      mark("svg-inserted");
    }
    if (this.handle) this.client.free(this.handle);
    this.handle = handle;
    this.show_(trace, frames.value, options, step, true);
    return { ok: true, value: trace, drawn: lay.ok };
  }

  // prime shows a prerendered build (first.js) while the module starts,
  // when it is exactly what request and graphOptions would give; it
  // reports whether it did. The module's build then takes over.
  prime(snap, request, graphOptions, step) {
    const options = { ...graphOptions, theme: this.themeNow() };
    const t = snap?.themes?.[options.theme];
    // The inputs are ordered as the program uses them (as the module's
    // build will be asked), whatever their order in the URL.
    const sorted = (r) => ({ ...r, inputs: [...(r.inputs || [])].sort() });
    if (!t || this.trace || !sameData(sorted(snap.request), sorted(request)) ||
      !sameData({ ...snap.options, theme: options.theme }, options)) return false;
    if (this.graph.key !== t.layout.key) {
      if (!this.graph.setLayout(t.layout.svg, graphLabel(request.program), t.layout.key)) return false;
      performance.mark("adviz-svg-inserted");
    }
    this.layoutKey = t.layout.key;
    this.show_(new Trace(snap.build), t.frames, options, step, false);
    return true;
  }

  // show_ shows a built trace and its frames at step (a number, "last",
  // or a function that returns one); live is false for a prerendered one.
  show_(trace, frames, options, step, live) {
    const mark = (name) => performance.mark(`adviz-${name}`);
    this.trace = trace;
    this.frames = frames;
    this.options = options;
    // The step to show, read now: the user may have stepped meanwhile.
    const want = typeof step === "function" ? step() : step;
    const s = want === "last" ? trace.S : Math.min(Number(want) || 0, trace.S);
    this.graph.bind(this.frames, s, this.current(s));
    mark("graph-bound");
    this.table?.set(trace);
    this.dual?.set(trace);
    this.player.setSteps(trace.S, s);
    mark("shown");
    if (this.graph.svg) firstGraph();
    this.onBuilt(trace, live);
  }

  // current is the index of the node step s changes, or -1.
  current(s) {
    return s > 0 ? this.trace.index(this.trace.steps[s - 1].node) : -1;
  }

  show(s) {
    if (!this.trace) return;
    this.graph.seek(s, this.current(s));
    this.table?.show(s);
    this.card?.show(this.trace, s);
    // Screen readers hear the step taken by hand, not every step played.
    this.card?.root.setAttribute("aria-live", this.player.playing ? "off" : "polite");
    this.dual?.show(s);
    this.onStep(s);
    // Scrolling reads the layout: once per frame, after all the writes.
    if (!this.following) {
      this.following = true;
      requestAnimationFrame(() => {
        this.following = false;
        if (this.player.playing) this.graph.follow();
        this.table?.follow();
        this.dual?.follow();
      });
    }
  }

  // invalidateLayout forgets the layout (the theme changed).
  invalidateLayout() { this.layoutKey = ""; }
}

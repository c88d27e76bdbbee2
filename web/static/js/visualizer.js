// Visualizer is what the full page and the embed view share: it builds a
// program through the Go module (in its worker), lays the graph out once,
// and shows any step in the graph, the trace table, the step card and the
// dual-number list.
import { client } from "./boot.js";
import { GraphView } from "./graph.js";
import { Player } from "./player.js";
import { Trace } from "./trace.js";
import { TraceTable, StepCard, DualList } from "./views.js";

export const dark = matchMedia("(prefers-color-scheme: dark)");

export class Visualizer {
  constructor({ graph, player, table, card, dual, dualHint, onStep, onBuilt }) {
    this.client = client;
    this.onStep = onStep || (() => {});
    this.onBuilt = onBuilt || (() => {});
    this.graph = new GraphView(graph, {
      onNodeActivate: (label) => {
        if (!this.trace) return;
        this.player.pause();
        this.player.go(this.trace.stepFor(label, this.player.s));
      },
    });
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

  async buildNow(seq, request, graphOptions, step) {
    const r = await this.client.build(request);
    if (seq !== this.seq) {
      if (r.ok) this.client.free(r.value.handle);
      return { stale: true };
    }
    if (!r.ok) return r;
    const handle = r.value.handle;
    const options = { theme: dark.matches ? "dark" : "light", ...graphOptions };
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
    if (!lay.ok || !frames.ok) {
      this.client.free(handle);
      const error = (lay.ok ? frames : lay).error;
      this.graph.status(`The graph could not be drawn: ${error.message}`, true);
      return { ok: false, error, graph: true };
    }
    const mark = (name) => performance.mark(`adviz-${name}`);
    mark("worker-done");
    const trace = new Trace(r.value);
    if (lay.value.svg) {
      const label = `Computational graph of ${request.program.replace(/\n/g, "; ")}`;
      if (!this.graph.setLayout(lay.value.svg, label)) return { ok: false, error: { message: "no SVG" }, graph: true };
      this.layoutKey = lay.value.key;
      mark("svg-inserted");
    }
    if (this.handle) this.client.free(this.handle);
    this.handle = handle;
    this.trace = trace;
    this.frames = frames.value;
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
    if (!this.painted) {
      // After the next frame: the first graph is on the screen.
      this.painted = true;
      requestAnimationFrame(() => setTimeout(() => performance.mark("adviz-first-graph")));
    }
    this.onBuilt(trace);
    return { ok: true, value: trace };
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

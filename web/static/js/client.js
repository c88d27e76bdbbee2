// The page's side of the Go module: the module runs in a Web Worker
// (worker.js); every call returns a promise of {ok, value} or
// {ok: false, error: {message, line, col, ...}}. It never rejects.
export class Adviz {
  constructor(workerURL = new URL("./worker.js", import.meta.url)) {
    this.url = workerURL;
    this.next = 1;
    this.pending = new Map();
    this.timings = [];
    this.start();
  }

  start() {
    this.broken = null;
    this.worker = new Worker(this.url, { type: "module" });
    this.worker.onmessage = (ev) => {
      const { id, ms, ...result } = ev.data;
      const resolve = this.pending.get(id);
      this.pending.delete(id);
      if (resolve) resolve(result, ms);
    };
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      const error = { message: `the visualizer's worker failed: ${ev.message || "could not load it"}` };
      for (const resolve of this.pending.values()) resolve({ ok: false, error });
      this.pending.clear();
      this.broken = error;
    };
  }

  // restart stops the worker, whatever it is doing (a long layout), and
  // starts a fresh one: pending calls resolve to {ok: false, error:
  // {cancelled: true}}, and every handle is forgotten.
  restart() {
    this.worker.terminate();
    const error = { message: "cancelled", cancelled: true };
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
    this.start();
  }

  call(method, ...args) {
    if (this.broken) return Promise.resolve({ ok: false, error: this.broken });
    const id = this.next++;
    const t0 = performance.now();
    return new Promise((resolve) => {
      this.pending.set(id, (r, work) => {
        // The last calls' durations (in all, and working in the worker),
        // for benchmarks and curious users.
        this.timings.push({ method, ms: performance.now() - t0, work });
        if (this.timings.length > 50) this.timings.shift();
        resolve(r);
      });
      this.worker.postMessage({ id, method, args });
    });
  }

  // ready resolves when the module and Graphviz have started; its value
  // has their versions and startup: when each part was ready (ms on the
  // page's clock, as performance.now()).
  async ready() {
    const r = await this.call("ready");
    if (r.ok && r.value.startup) {
      for (const [k, t] of Object.entries(r.value.startup)) r.value.startup[k] = Math.round((t - performance.timeOrigin) * 10) / 10;
      this.startup = r.value.startup;
    }
    return r;
  }
  inputs(program) { return this.call("inputs", program); }
  build(request) { return this.call("build", request); }
  table(handle, format) { return this.call("table", handle, format); }
  jacobian(handle) { return this.call("jacobian", handle); }
  finiteDiff(handle, request) { return this.call("finiteDiff", handle, request); }
  layout(handle, options) { return this.call("layout", handle, options); }
  frames(handle, options) { return this.call("frames", handle, options); }
  dot(handle, step, options) { return this.call("dot", handle, step, options); }
  svg(handle, step, options) { return this.call("svg", handle, step, options); }
  state(handle, step) { return this.call("state", handle, step); }
  animatedSVG(handle, options) { return this.call("animatedSVG", handle, options); }
  render(dot, format = "svg") { return this.call("render", dot, format); }
  free(handle) { return this.call("free", handle); }
  terminate() { this.worker.terminate(); }
}

// The page's Web Worker (a module worker): it runs the Go module
// (gen/adviz.wasm) and Graphviz (gen/viz.js), so that building, tracing and
// laying out a big program never freezes the page. Messages in:
// {id, method, args}; out: {id, ok, value} or {id, ok: false, error}.
// Methods are the Go module's functions (API.md) and "render" (DOT -> SVG
// through Graphviz, for the page's own layouts).
// Start fetching and compiling the Go module first; Go's support script
// and Graphviz (a big script) load meanwhile.
const wasm = WebAssembly.compileStreaming(fetch(new URL("../gen/adviz.wasm", import.meta.url)));
const goSupport = import("../gen/wasm_exec.js"); // defines globalThis.Go
let viz = null;

// renderDOT is the host's Graphviz, as the Go module expects it
// (graphviz.JS): renderDOT(dot, format, engine) returns the output as a
// string or throws.
globalThis.renderDOT = (dot, format = "svg", engine = "dot") => {
  if (!viz) throw new Error("Graphviz is not loaded yet");
  return viz.renderString(dot, { format, engine });
};

const ready = (async () => {
  const vizReady = import("../gen/viz.js").then((m) => m.instance()).then((v) => {
    viz = v;
    viz.renderString("digraph { a -> b }"); // warm Graphviz up while Go starts
  });
  const apiReady = new Promise((resolve) => { globalThis.advizReady = resolve; });
  await goSupport;
  const go = new Go();
  const instance = await WebAssembly.instantiate(await wasm, go.importObject);
  go.run(instance).then(() => { globalThis.adviz = null; });
  const [api] = await Promise.all([apiReady, vizReady]);
  return api;
})();

function fail(message) {
  return { ok: false, error: { message } };
}

async function handle(method, args) {
  let api;
  try {
    api = await ready;
  } catch (e) {
    return fail(`the visualizer could not start: ${e.message || e}`);
  }
  if (method === "ready") return { ok: true, value: { version: api.version, graphviz: viz.graphvizVersion } };
  if (method === "render") {
    try {
      return { ok: true, value: globalThis.renderDOT(args[0], args[1] || "svg", args[2] || "dot") };
    } catch (e) {
      return fail(`Graphviz: ${e.message || e}`);
    }
  }
  const f = api[method];
  if (typeof f !== "function" || method === "exit") return fail(`no such function: ${method}`);
  try {
    return f(...args);
  } catch (e) {
    // The module never throws; a JavaScript exception here is a bug in the host.
    return fail(`${method}: ${e.message || e}`);
  }
}

self.onmessage = async (ev) => {
  const { id, method, args = [] } = ev.data || {};
  const t0 = performance.now();
  const result = await handle(method, args);
  self.postMessage({ id, ms: performance.now() - t0, ...result });
};

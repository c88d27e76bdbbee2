// The page's Web Worker (a module worker): it runs the Go module
// (gen/adviz.wasm) and Graphviz (gen/viz.js with gen/graphviz.wasm), so
// that building, tracing and laying out a big program never freezes the
// page. Messages in: {id, method, args}; out: {id, ok, value} or
// {id, ok: false, error}. Methods are the Go module's functions (the README's JavaScript API)
// and "render" (DOT -> SVG through Graphviz, for the page's own layouts).
//
// First thing, both WebAssembly modules are fetched and compiled as they
// stream in, in parallel (and from the browser's code cache on a second
// visit: same URL, streaming compilation); the two scripts load meanwhile.
// startup records when each part was ready (ms since the epoch; the
// client turns them into the page's clock), for scripts/bench-web.sh and
// the curious: ready() answers it.
const startup = {};
const mark = (what) => (x) => { startup[what] = performance.timeOrigin + performance.now(); return x; };
mark("worker")();
// The WebAssembly URLs carry the files' versions (the start of their
// SHA-256, put into the bundle by scripts/build-web.sh): the server lets
// the browser keep such a URL without asking again (web.StaticHandler),
// which Chromium's code cache of compiled WebAssembly needs: it drops
// the compiled code of a response that was revalidated.
const versions = typeof ADVIZ_VERSIONS === "object" ? ADVIZ_VERSIONS : {};
const gen = (name) => new URL(`../gen/${name}${versions[name] ? `?v=${versions[name]}` : ""}`, import.meta.url);
const goWasm = WebAssembly.compileStreaming(fetch(gen("adviz.wasm"))).then(mark("adviz.wasm compiled"));
const vizWasm = WebAssembly.compileStreaming(fetch(gen("graphviz.wasm"))).then(mark("graphviz.wasm compiled"));
const goSupport = import(gen("wasm_exec.js")); // defines globalThis.Go
const vizLoader = import(gen("viz.js"));
let viz = null;

// renderDOT is the host's Graphviz, as the Go module expects it
// (graphviz.JS): renderDOT(dot, format, engine) returns the output as a
// string or throws.
globalThis.renderDOT = (dot, format = "svg", engine = "dot") => {
  if (!viz) throw new Error("Graphviz is not loaded yet");
  return viz.renderString(dot, { format, engine });
};

const ready = (async () => {
  const vizReady = vizLoader.then((m) => m.instance(vizWasm)).then((v) => {
    viz = v;
    mark("Graphviz ready")();
  });
  const apiReady = new Promise((resolve) => { globalThis.advizReady = resolve; }).then(mark("Go module ready"));
  await goSupport;
  const go = new Go();
  const instance = await WebAssembly.instantiate(await goWasm, go.importObject);
  mark("Go instantiated")();
  go.run(instance).then(() => { globalThis.adviz = null; });
  const [api] = await Promise.all([apiReady, vizReady]);
  for (const e of performance.getEntriesByType("resource")) {
    const name = e.name.replace(/^.*\/gen\//, "");
    if (name.endsWith(".wasm")) startup[`${name} downloaded`] = performance.timeOrigin + e.responseEnd;
  }
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
  if (method === "ready") return { ok: true, value: { version: api.version, graphviz: viz.graphvizVersion, startup } };
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

// makeRenderDOT(viz) returns the synchronous
// globalThis.renderDOT(dot, format, engine) that Go calls through syscall/js
// (graphviz.JS(), the js&&wasm Renderer). Contract:
//   - returns the output as a string: format "svg" by default, or any of
//     viz.formats (svg, dot, xdot, json0, plain, ...; not png); engine
//     "dot" by default, or "nop2" to draw the positions the DOT gives;
//   - throws a FormatError (name "FormatError") for a format this Graphviz
//     cannot make -> Go: the picture is not available here (HTTP 501);
//   - throws a DOTError (name "DOTError") when Graphviz rejects the input;
//     its message is Graphviz's, e.g. "syntax error in line 1 near '}'";
//   - anything else it throws (e.g. a WebAssembly.RuntimeError after an
//     Emscripten abort) is a server error, and onBroken() is called so the
//     caller can drop the instance and make a new one.
export class DOTError extends Error {
  constructor(message) {
    super(message);
    this.name = "DOTError";
  }
}

export class FormatError extends Error {
  constructor(message) {
    super(message);
    this.name = "FormatError";
  }
}

export function makeRenderDOT(viz, onBroken = () => {}) {
  const formats = new Set(viz.formats);
  const engines = new Set(viz.engines);
  return function renderDOT(dot, format = "svg", engine = "dot") {
    format = String(format ?? "svg");
    engine = String(engine ?? "dot");
    if (!engines.has(engine)) throw new Error(`Graphviz has no layout engine ${engine}`);
    if (!formats.has(format)) {
      throw new FormatError(`Graphviz ${viz.graphvizVersion} for JavaScript cannot make ${format}`);
    }
    let result;
    try {
      result = viz.render(String(dot), { format, engine });
    } catch (e) {
      onBroken(e);
      throw e;
    }
    if (result.status !== "success") {
      const errors = result.errors.filter((e) => e.level === "error").map((e) => e.message);
      throw new DOTError(errors.join("; ") || "Graphviz could not render the graph");
    }
    return result.output;
  };
}

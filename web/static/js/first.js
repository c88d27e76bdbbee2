// The page's default example, prerendered. scripts/build-web.sh runs the
// page's own module and Graphviz (the same gen/ files) in Node.js and
// writes what they answer for the default state (state.js) to gen/first.js
// (a module of that data, which the page's HTML preloads): the build, and
// the layout and frames of each theme. The
// page draws that graph as soon as these few modules have loaded, before
// its worker has even started and before the rest of the page has been
// filled in (that waits for the frame that shows the graph); the
// visualizer then adopts it (Visualizer.prime), and the module
// builds the same request and takes over the same picture: its layout key
// is the same, so nothing is laid out or drawn again. The browser tests
// check that the live module answers exactly what the file holds.
import { defaults, parseState } from "./state.js";
import { graphViewFor } from "./graph.js";
import { dark } from "./dom.js";

// paintFirst loads the prerendered example when the URL asks for the
// default program, point and options, and draws its graph at the URL's
// step in the page's #graph. It resolves to the example, or to null.
export async function paintFirst(search) {
  const st = parseState(search);
  const d = defaults();
  const same = st.program === d.program && st.mode === d.mode && st.digits === d.digits &&
    !Object.keys(st.seed).length && st.edgeLabels === d.edgeLabels && st.rankdir === d.rankdir &&
    sameData(st.values, d.values);
  if (!same) return null;
  let snap;
  try {
    // A URL computed at run time: the bundler leaves the import alone.
    snap = (await import(new URL("../gen/first.js", import.meta.url).href)).default;
  } catch {
    return null;
  }
  performance.mark("adviz-first-fetched");
  const box = document.getElementById("graph");
  const t = snap.themes[st.theme || (dark.matches ? "dark" : "light")];
  if (!box || !t) return snap;
  const view = graphViewFor(box);
  if (view.svg || !view.setLayout(t.layout.svg, graphLabel(snap.request.program), t.layout.key)) return snap;
  performance.mark("adviz-svg-inserted");
  const b = snap.build;
  const S = b.steps.length;
  const s = st.step === "last" ? S : Math.min(Number(st.step) || 0, S);
  view.bind(t.frames, s, s > 0 ? b.steps[s - 1].node + b.inputs.length - 1 : -1);
  // The rest of the page (the table, the step card) comes after the frame
  // that shows the graph.
  await firstGraph();
  return snap;
}

let painted = null;

// firstGraph marks the time the first graph is on the screen: after the
// next frame. It resolves then.
export function firstGraph() {
  painted ??= new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
    performance.mark("adviz-first-graph");
    resolve();
  })));
  return painted;
}

export function graphLabel(program) {
  return `Computational graph of ${program.replace(/\n/g, "; ")}`;
}

// sameData compares two JSON values (objects whatever their key order;
// undefined members count as absent).
export function sameData(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameData(a[k], b[k]));
}

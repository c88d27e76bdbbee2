// The embed view: graph, trace table and controls of one program, for an
// iframe in course notes; a link opens the full page with the same state.
// Its URL takes the full page's parameters (state.js: the API's p, at,
// mode, seed, step, digits, theme, edge-labels, rankdir), plus layout=wide
// to put the table beside the graph.
import { $ } from "./dom.js";
import { buildRequest, graphOptions, parseState, stateQuery } from "./state.js";
import { Visualizer, dark } from "./visualizer.js";
import { first } from "./boot.js";

const st = parseState(location.search);
if (st.theme) document.documentElement.dataset.theme = st.theme;
const q = new URLSearchParams(location.search);
if (q.get("layout") === "wide") $("#embed").classList.add("wide");

const viz = new Visualizer({
  graph: $("#graph"),
  player: $("#player"),
  table: $("#trace"),
  card: $("#step-card"),
  theme: st.theme,
  onStep: (s) => {
    st.step = s === viz.trace?.S ? "last" : s;
    link();
  },
});
viz.player.keys(document);

$("#embed-program").textContent = st.program.replace(/\n/g, "; ");

function link() {
  const names = viz.trace ? viz.trace.r.inputs.map((i) => i.name) : Object.keys(st.values);
  $("#embed-open").href = new URL(`./${stateQuery(st, names)}`, location.href).href;
}


function describe(names, values) {
  $("#embed-at").textContent = `at ${names.map((n) => `${n} = ${values[n]}`).join(", ")} · ${st.mode} mode`;
}

async function start() {
  // The default example shows before the module has started (first.js).
  const snap = await first;
  if (snap && viz.prime(snap, buildRequest(st, snap.request.inputs, st.values), graphOptions(st), st.step)) {
    describe(snap.request.inputs, st.values);
    link();
  }
  const r = await viz.client.ready();
  if (!r.ok) {
    viz.graph.status(r.error.message, true);
    return;
  }
  const found = await viz.client.inputs(st.program);
  if (!found.ok) {
    const e = found.error;
    viz.graph.status(`${e.line ? `${e.line}:${e.col}: ` : ""}${e.message}`, true);
    return;
  }
  const names = found.value.names;
  const values = {};
  for (const n of names) values[n] = st.values[n] ?? "1";
  describe(names, values);
  const b = await viz.build(buildRequest(st, names, values), graphOptions(st), () => st.step);
  if (!b.ok && !b.stale) viz.graph.status(`${b.error.line ? `${b.error.line}:${b.error.col}: ` : ""}${b.error.message}`, true);
  link();
  document.documentElement.dataset.ready = "true";
}

dark.addEventListener("change", () => {
  if (st.theme) return; // forced by the URL
  viz.invalidateLayout();
  start();
});
start();

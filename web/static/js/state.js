// The whole state of the page lives in its URL (a permalink), in the
// vocabulary of the API (/api/v1/svg, see the README) and of adviz's
// command line, so that one URL's query serves the page, the embed view
// and the API:
//   ?p=PROGRAM&at=x1:2,x2:5&mode=reverse&seed=y:1&step=11
//    &digits=8&theme=dark&edge-labels=1&rankdir=TB
// The page adds h (the step of the finite-difference check) and out (its
// output); the embed view layout=wide. Older links wrote e for p, edges=1,
// dir=TB and x1=2 for x1:2: they are still read.

export const BAYDIN = "ln(x1) + x1*x2 - sin(x2)";

export function defaults() {
  return {
    program: BAYDIN,
    values: { x1: "2", x2: "5" },
    mode: "reverse",
    seed: {},
    step: "last",
    h: "1e-5",
    digits: 4,
    theme: "", // "": as the system prefers
    edgeLabels: false,
    rankdir: "LR",
    output: 0,
  };
}

// splitTop splits s at sep where no parenthesis is open.
function splitTop(s, sep) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

// parseAssignments reads "x1:2,x2:5" (or "x1=2,x2=5") into {x1: "2", x2: "5"}.
export function parseAssignments(s) {
  const m = {};
  if (!s) return m;
  for (const part of splitTop(s, ",")) {
    const i = part.search(/[:=]/);
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (name) m[name] = part.slice(i + 1).trim();
  }
  return m;
}

// formatAssignments writes {x1: "2", x2: "5"} as "x1:2,x2:5".
export function formatAssignments(m, names = Object.keys(m)) {
  return names.filter((n) => m[n] !== undefined && m[n] !== "").map((n) => `${n}:${m[n]}`).join(",");
}

// parseState reads a state from a query string; what is missing comes from
// the defaults (the Baydin example when there is no program).
export function parseState(search) {
  const q = new URLSearchParams(search);
  const st = defaults();
  const program = q.has("p") ? q.get("p") : q.get("e");
  if (program !== null) {
    st.program = program;
    st.values = {};
  }
  if (q.has("at")) st.values = parseAssignments(q.get("at"));
  if (q.get("mode") === "forward" || q.get("mode") === "reverse") st.mode = q.get("mode");
  if (q.has("seed")) st.seed = parseAssignments(q.get("seed"));
  if (q.has("step")) {
    const v = q.get("step");
    st.step = v === "last" ? "last" : v === "first" ? 0 : Math.max(0, parseInt(v, 10) || 0);
  }
  if (q.has("h")) st.h = q.get("h");
  const d = parseInt(q.get("digits"), 10);
  if (d >= 1 && d <= 17) st.digits = d;
  if (q.get("theme") === "light" || q.get("theme") === "dark") st.theme = q.get("theme");
  st.edgeLabels = flag(q.has("edge-labels") ? q.get("edge-labels") : q.get("edges"));
  if ((q.get("rankdir") ?? q.get("dir")) === "TB") st.rankdir = "TB";
  st.output = Math.max(0, parseInt(q.get("out"), 10) || 0);
  return st;
}

// flag reads a boolean parameter as the API does: 1, true, yes or nothing.
function flag(v) {
  return v === "" || v === "1" || v === "true" || v === "yes";
}

function enc(s) {
  return encodeURIComponent(s).replace(/%2C/g, ",").replace(/%3D/g, "=").replace(/%2F/g, "/").replace(/%3A/g, ":");
}

// buildRequest is the module's build request for a state, with values
// (one per name of names, the inputs in program order). The page, the embed
// view and the prerendered default example (scripts/build-web.sh) all make
// it here, so that the prerendered graph is used when the request is the same.
export function buildRequest(st, names, values) {
  return { program: st.program, values, inputs: names, mode: st.mode,
    seed: Object.keys(st.seed).length ? st.seed : undefined, digits: st.digits };
}

// graphOptions are the picture options of a state.
export function graphOptions(st) {
  return { edgeLabels: st.edgeLabels, rankdir: st.rankdir };
}

// apiQuery writes the part of a state that the API's pictures take
// (/api/v1/svg: p, at, mode, seed, step, digits, theme, edge-labels,
// rankdir) as a query string with its "?"; extra pairs follow. names
// orders the inputs as the program does.
export function apiQuery(st, names = Object.keys(st.values), extra = []) {
  const parts = [["p", st.program], ["at", formatAssignments(st.values, names)], ["mode", st.mode]];
  const seed = formatAssignments(st.seed);
  if (seed) parts.push(["seed", seed]);
  if (st.step !== undefined && st.step !== null) parts.push(["step", String(st.step)]);
  if (st.digits !== 4) parts.push(["digits", String(st.digits)]);
  if (st.theme) parts.push(["theme", st.theme]);
  if (st.edgeLabels) parts.push(["edge-labels", "1"]);
  if (st.rankdir === "TB") parts.push(["rankdir", "TB"]);
  return "?" + [...parts, ...extra].map(([k, v]) => `${k}=${enc(v)}`).join("&");
}

// stateQuery writes a state as a query string (with its "?"): apiQuery and
// what only the page reads.
export function stateQuery(st, names = Object.keys(st.values)) {
  const extra = [];
  if (st.h && st.h !== "1e-5") extra.push(["h", st.h]);
  if (st.output) extra.push(["out", String(st.output)]);
  return apiQuery(st, names, extra);
}

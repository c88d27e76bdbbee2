// The whole state of the page lives in its URL (a permalink):
//   ?e=PROGRAM&at=x1=2,x2=5&mode=reverse&seed=x1=1&step=11&h=1e-5
// with the names of adviz's command line (-e, --at, --mode, --seed, --step).
// Display options: digits, edges=1 (edge labels), dir=TB, out (the output
// of the finite-difference check).

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

// parseAssignments reads "x1=2,x2=5" into {x1: "2", x2: "5"}.
export function parseAssignments(s) {
  const m = {};
  if (!s) return m;
  for (const part of splitTop(s, ",")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (name) m[name] = part.slice(i + 1).trim();
  }
  return m;
}

export function formatAssignments(m, names = Object.keys(m)) {
  return names.filter((n) => m[n] !== undefined && m[n] !== "").map((n) => `${n}=${m[n]}`).join(",");
}

// parseState reads a state from a query string; what is missing comes from
// the defaults (the Baydin example when there is no program).
export function parseState(search) {
  const q = new URLSearchParams(search);
  const st = defaults();
  if (q.has("e")) {
    st.program = q.get("e");
    st.values = {};
  }
  if (q.has("at")) st.values = parseAssignments(q.get("at"));
  if (q.get("mode") === "forward" || q.get("mode") === "reverse") st.mode = q.get("mode");
  if (q.has("seed")) st.seed = parseAssignments(q.get("seed"));
  if (q.has("step")) {
    const v = q.get("step");
    st.step = v === "last" ? "last" : Math.max(0, parseInt(v, 10) || 0);
  }
  if (q.has("h")) st.h = q.get("h");
  const d = parseInt(q.get("digits"), 10);
  if (d >= 1 && d <= 17) st.digits = d;
  st.edgeLabels = q.get("edges") === "1";
  if (q.get("dir") === "TB") st.rankdir = "TB";
  st.output = Math.max(0, parseInt(q.get("out"), 10) || 0);
  return st;
}

function enc(s) {
  return encodeURIComponent(s).replace(/%2C/g, ",").replace(/%3D/g, "=").replace(/%2F/g, "/").replace(/%3A/g, ":");
}

// stateQuery writes a state as a query string (with its "?"). names orders
// the inputs as the program does.
export function stateQuery(st, names = Object.keys(st.values)) {
  const parts = [["e", st.program], ["at", formatAssignments(st.values, names)], ["mode", st.mode]];
  const seed = formatAssignments(st.seed);
  if (seed) parts.push(["seed", seed]);
  if (st.step !== undefined && st.step !== null) parts.push(["step", String(st.step)]);
  if (st.h && st.h !== "1e-5") parts.push(["h", st.h]);
  if (st.digits !== 4) parts.push(["digits", String(st.digits)]);
  if (st.edgeLabels) parts.push(["edges", "1"]);
  if (st.rankdir === "TB") parts.push(["dir", "TB"]);
  if (st.output) parts.push(["out", String(st.output)]);
  return "?" + parts.map(([k, v]) => `${k}=${enc(v)}`).join("&");
}

// Numerical differentiation beside AD: the central difference at the h the
// user picks, its error against reverse-mode AD, and a log-log plot of the
// error against h (an SVG drawn here).
import { h, s } from "./dom.js";
import { fmt } from "./trace.js";

// The steps of the plot: 10^-16 ... 10^0, four per decade.
export const sweep = Array.from({ length: 65 }, (_, i) => 10 ** (-16 + i / 4));

const num = (x) => (typeof x === "string" ? Number(x) : x);

export function renderFDTable(box, fd) {
  const rows = fd.inputs.map((name, j) => h("tr", {},
    h("th", { scope: "row" }, `∂${fd.output}/∂${name}`),
    h("td", {}, fmt(fd.ad[j])),
    h("td", {}, fmtFull(fd.at.fd[j])),
    h("td", {}, fmtErr(fd.at.absErr[j])),
    h("td", {}, fmtErr(fd.at.relErr[j]))));
  box.replaceChildren(h("table", { class: "fd" },
    h("caption", { class: "visually-hidden" }, `Finite differences at h = ${fd.at.h}`),
    h("thead", {}, h("tr", {}, ["", "AD (exact)", `FD, h = ${fmtH(num(fd.at.h))}`, "absolute error", "relative error"].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows)));
}

// fmtH writes a step as people do: 1e-5, 0.01, 3.2e-7.
function fmtH(v) {
  if (v >= 1e-3 && v < 1e4) return String(Number(v.toPrecision(3)));
  const [m, e] = v.toExponential(2).split("e");
  return `${Number(m)}e${Number(e)}`;
}

function fmtFull(x) {
  const v = num(x);
  return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(x);
}

function fmtErr(x) {
  const v = num(x);
  if (v === 0) return "0";
  return Number.isFinite(v) ? v.toExponential(2) : String(x);
}

const COLORS = ["var(--tangent)", "var(--adjoint)", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#999999", "#000000"];

// renderFDPlot draws the relative error of every input against h.
export function renderFDPlot(box, fd, hNow) {
  const W = 720;
  const H = 300;
  const L = 56;
  const R = 130; // the legend
  const T = 14;
  const B = 40;
  const floor = -17;
  const pts = fd.inputs.map((_, j) => fd.sweep.map((p) => {
    const e = num(p.relErr[j]);
    return [Math.log10(num(p.h)), e > 0 && Number.isFinite(e) ? Math.max(floor, Math.log10(e)) : e === 0 ? floor : null];
  }));
  const ys = pts.flat().map((p) => p[1]).filter((y) => y !== null);
  const yMax = Math.min(4, Math.ceil(Math.max(0, ...ys)));
  const yMin = floor;
  const x = (lx) => L + ((lx + 16) / 16) * (W - L - R);
  const y = (ly) => T + ((yMax - Math.min(yMax, ly)) / (yMax - yMin)) * (H - T - B);
  const g = [];
  for (let d = -16; d <= 0; d += 2) {
    g.push(s("line", { class: "grid", x1: x(d), x2: x(d), y1: T, y2: H - B }));
    g.push(s("text", { x: x(d), y: H - B + 16, "text-anchor": "middle" }, d === 0 ? "1" : `1e${d}`));
  }
  for (let d = yMin + 1; d <= yMax; d += 2) {
    g.push(s("line", { class: "grid", x1: L, x2: W - R, y1: y(d), y2: y(d) }));
    g.push(s("text", { x: L - 6, y: y(d) + 4, "text-anchor": "end" }, `1e${d}`));
  }
  g.push(s("line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
  g.push(s("line", { class: "axis", x1: L, x2: L, y1: T, y2: H - B }));
  g.push(s("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle" }, "step h"));
  g.push(s("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(T + H - B) / 2})` }, "relative error"));
  // Guides: rounding error ~ ε/h (slope -1) on the left, truncation error
  // ~ h² (slope 2) through the data at h = 0.1 on the right.
  const eps = Math.log10(2 ** -52);
  const inside = (ly) => ly >= yMin && ly <= yMax;
  const guide = (lx0, lx1, f, label, dy) => {
    const xs = [];
    for (let lx = lx0; lx <= lx1 + 1e-9; lx += 0.25) if (inside(f(lx))) xs.push(lx);
    if (xs.length < 2) return;
    g.push(s("polyline", { class: "guide", points: xs.map((lx) => `${x(lx)},${y(f(lx))}`).join(" ") }));
    const mid = xs[Math.floor(xs.length / 2)];
    g.push(s("text", { class: "guide-label", x: x(mid) + 6, y: y(f(mid)) + dy }, label));
  };
  const finite = ys.length > 0;
  if (finite) guide(-16, -7, (lx) => eps - lx, "rounding ∝ ε/h", -8);
  const at01 = pts.map((p) => p[p.length - 5]?.[1]).filter((v) => v !== null && v !== undefined && v > yMin);
  if (at01.length) {
    const a = Math.max(...at01);
    guide(-4, 0, (lx) => a + 2 * (lx + 1), "truncation ∝ h²", 16);
  }
  if (!finite) {
    g.push(s("text", { x: (L + W - R) / 2, y: (T + H - B) / 2, "text-anchor": "middle" },
      "Nothing to plot: the derivative or the differences are not finite here."));
  }
  pts.forEach((series, j) => {
    let d = "";
    let pen = false;
    for (const [lx, ly] of series) {
      if (ly === null) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${x(lx).toFixed(1)},${y(ly).toFixed(1)}`;
      pen = true;
    }
    g.push(s("path", { class: "series", d, stroke: COLORS[j % COLORS.length] }));
  });
  const lh = Math.log10(hNow);
  if (Number.isFinite(lh) && lh >= -16 && lh <= 0) {
    g.push(s("line", { class: "marker", x1: x(lh), x2: x(lh), y1: T, y2: H - B }));
    g.push(s("text", { class: "marker-label", x: x(lh) + 4, y: T + 10 }, `h = ${fmtH(hNow)}`));
  }
  const legend = fd.inputs.slice(0, 14).map((name, j) => s("g", {},
    s("line", { x1: W - R + 12, x2: W - R + 32, y1: T + 12 + 18 * j, y2: T + 12 + 18 * j, stroke: COLORS[j % COLORS.length], "stroke-width": 2 }),
    s("text", { x: W - R + 37, y: T + 16 + 18 * j }, `∂${fd.output}/∂${name}`)));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `Log-log plot of the relative error of central differences against h, for ${fd.inputs.length} input${fd.inputs.length === 1 ? "" : "s"}: large at both ends (rounding for small h, truncation for large h).` },
  ...g, ...legend);
  box.replaceChildren(svg);
}

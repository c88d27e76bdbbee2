// The cost panel: the full Jacobian by forward mode (n sweeps, one per
// input) and by reverse mode (m sweeps, one per output), with the
// operation counts of the Go module (ad.Jacobian) and the matrix.
import { h } from "./dom.js";
import { fmt } from "./trace.js";

export function renderCost(box, jac) {
  const n = jac.inputs.length;
  const m = jac.outputs.length;
  const f = jac.forward;
  const r = jac.reverse;
  const work = (c) => c.evaluations + c.partials + c.multiply_adds;
  const most = Math.max(work(f.counts), work(r.counts), 1);
  const winner = n === m ? null : n < m ? "forward" : "reverse";
  const card = (mode, title, j, why) => h("div", { class: `cost-card ${mode}${winner === mode ? " winner" : ""}` },
    h("h3", {}, title),
    h("p", { class: "hint" }, why),
    h("dl", {},
      h("dt", {}, "sweeps"), h("dd", {}, String(j.sweeps)),
      h("dt", {}, "evaluations of φ"), h("dd", {}, String(j.counts.evaluations)),
      h("dt", {}, "local partials"), h("dd", {}, String(j.counts.partials)),
      h("dt", {}, "multiply-adds"), h("dd", {}, String(j.counts.multiply_adds))),
    h("div", { class: "bar", role: "img", "aria-label": `${work(j.counts)} operations in all` },
      h("span", { style: `width: ${(100 * work(j.counts)) / most}%` })),
    h("p", { class: "hint" }, `${work(j.counts)} operations in all`));
  const verdict = winner === null
    ? `n = m = ${n}: both modes need ${n} sweep${n === 1 ? "" : "s"}; reverse mode evaluates the values only once.`
    : winner === "reverse"
      ? `f: R${sup(n)} → R${sup(m)} has more inputs than outputs, so reverse mode wins: ${m} sweep${m === 1 ? "" : "s"} instead of ${n}. This is why neural networks (millions of inputs, one loss) are trained with reverse mode, backpropagation.`
      : `f: R${sup(n)} → R${sup(m)} has more outputs than inputs, so forward mode wins: ${n} sweep${n === 1 ? "" : "s"} instead of ${m}.`;
  const agree = jac.forward.J.every((row, i) => row.every((x, j) => Object.is(Number(x), Number(jac.reverse.J[i][j])) || x === jac.reverse.J[i][j]));
  const matrix = h("table", { class: "matrix" },
    h("caption", { class: "visually-hidden" }, "The Jacobian"),
    h("thead", {}, h("tr", {}, h("th", {}, ""), jac.inputs.map((x) => h("th", { scope: "col" }, `∂/∂${x}`)))),
    h("tbody", {}, jac.outputs.map((y, i) => h("tr", {}, h("th", { scope: "row" }, y),
      jac.reverse.J[i].map((x) => h("td", {}, fmt(x)))))));
  box.replaceChildren(
    h("p", {}, `The program has n = ${n} input${n === 1 ? "" : "s"}, m = ${m} output${m === 1 ? "" : "s"} and l = ${jac.ops} elementary operations with ${jac.edges} edges between them.`),
    h("div", { class: "cost-grid" },
      card("forward", "Forward mode", f, `One sweep per input direction ẋ = eⱼ gives a column J·eⱼ: n = ${n} sweeps.`),
      card("reverse", "Reverse mode", r, `One forward sweep of values, then one adjoint sweep per output seed ȳ = eᵢ gives a row eᵢᵀJ: m = ${m} sweeps.`),
      h("div", { class: "cost-card" }, h("h3", {}, "The Jacobian J = ∂y/∂x"), matrix,
        h("p", { class: "hint" }, agree ? "Both modes give exactly the same numbers." : "The two modes differ here: see the diagnostics on the graph."))),
    h("p", { class: "verdict" }, verdict));
}

function sup(k) {
  return String(k).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]);
}

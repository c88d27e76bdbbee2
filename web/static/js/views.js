// The views that follow the step: the trace table, the step card (words
// and formula) and the dual-number list. All text goes in as text.
import { h, scrollIntoViewWithin } from "./dom.js";
import { mathML } from "./mathml.js";

// TraceTable is Baydin's two-column table; the cells of step s are
// highlighted, later ones greyed. Clicking a cell goes to its step.
export class TraceTable {
  constructor(box, { onPick }) {
    this.box = box;
    this.onPick = onPick;
    box.addEventListener("click", (ev) => {
      const td = ev.target.closest("td[data-step]");
      if (td) this.onPick(Number(td.dataset.step));
    });
    box.addEventListener("keydown", (ev) => {
      const td = ev.target.closest("td[data-step]");
      if (td && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        ev.stopPropagation();
        this.onPick(Number(td.dataset.step));
      }
    });
  }

  set(trace) {
    const t = trace.r.table;
    this.byStep = new Map(); // step -> cells
    const head = h("thead", {}, h("tr", {}, t.head.map((x, i) => h("th", { scope: "col", class: `col-${i}` }, x))));
    const rows = t.rows.map((row) => {
      const result = row.every((c) => c.step === 0);
      return h("tr", { class: result ? "result" : null }, row.map((c, i) => {
        const td = h("td", { class: `col-${i}` }, c.text);
        if (c.step > 0) {
          td.dataset.step = String(c.step);
          td.tabIndex = -1;
          if (!this.byStep.has(c.step)) this.byStep.set(c.step, []);
          this.byStep.get(c.step).push(td);
        }
        return td;
      }));
    });
    this.table = h("table", { class: `trace ${trace.mode}` },
      h("caption", { class: "visually-hidden" }, `Evaluation trace, ${trace.mode} mode`), head, h("tbody", {}, rows));
    this.box.replaceChildren(this.table);
    this.s = null;
    this.all = [...this.byStep.entries()];
  }

  // show marks step s: its cells current, later ones pending.
  show(s) {
    if (!this.table) return;
    const prev = this.s;
    if (prev === null) {
      for (const [k, cells] of this.all) for (const td of cells) td.classList.toggle("is-pending", k > s);
    } else {
      const [lo, hi] = prev < s ? [prev, s] : [s, prev];
      for (let k = lo + 1; k <= hi; k++) for (const td of this.byStep.get(k) || []) td.classList.toggle("is-pending", k > s);
      for (const td of this.byStep.get(prev) || []) {
        td.classList.remove("is-current");
        td.tabIndex = -1;
      }
    }
    const cur = this.byStep.get(s) || [];
    for (const td of cur) {
      td.classList.add("is-current");
      td.tabIndex = 0;
    }
    this.s = s;
    this.cur = cur[0] || null;
  }

  // follow scrolls the table to the current cell (reads layout: call it
  // once per frame, after the writes).
  follow() {
    if (this.cur) scrollIntoViewWithin(this.box, this.cur, 30);
  }
}

// StepCard explains the current step: its phase, a sentence, the formula
// in MathML and as plain text.
export class StepCard {
  constructor(root) {
    this.root = root;
    this.phase = root.querySelector(".phase");
    this.words = root.querySelector(".words");
    this.formula = root.querySelector(".formula");
    this.plain = root.querySelector(".plain");
  }

  show(trace, s) {
    const st = s > 0 ? trace.steps[s - 1] : null;
    this.root.className = `step-card ${st ? st.phase : ""}`;
    this.phase.textContent = `${trace.phaseName(s)} · step ${s} of ${trace.S}`;
    this.words.textContent = trace.words(s);
    if (!st) {
      this.formula.replaceChildren();
      this.plain.textContent = "";
      return;
    }
    this.formula.replaceChildren(mathML(st.latex, st.text));
    this.plain.textContent = st.text;
    const n = trace.node(st.node);
    if (n.diagnostics.length && st.phase !== "adjoint") {
      for (const d of n.diagnostics) {
        this.plain.append(h("span", { class: "diag", role: "note" }, `\n⚠ ${d.severity}: ${d.message}`));
      }
    }
  }
}

// DualList shows every node as a dual number a + bε (forward mode), or as
// its value and adjoint (reverse mode), as known at the step.
export class DualList {
  constructor(list, hint) {
    this.list = list;
    this.hint = hint;
  }

  set(trace) {
    this.trace = trace;
    const fwd = trace.mode === "forward";
    this.hint.textContent = fwd
      ? "Forward mode computes with dual numbers v + v̇ε, where ε² = 0: every operation on them carries its derivative along. Each node as it stands at this step:"
      : "Dual numbers belong to forward mode. Reverse mode keeps a value v and an adjoint v̄ = ∂y/∂v per node; here they are as they stand at this step:";
    this.items = trace.nodes.map((n) => {
      const val = h("span", { class: "val" });
      const li = h("li", {}, h("span", { class: "lbl" }, n.label), val);
      li.val = val;
      return li;
    });
    this.list.replaceChildren(...this.items);
    this.vals = trace.nodes.map(() => ["", ""]);
    this.s = null;
    this.cur = null;
  }

  // show writes the list at step s; only the nodes whose numbers changed
  // since the last call are touched.
  show(s) {
    const t = this.trace;
    if (!t) return;
    const fwd = t.mode === "forward";
    // Numbers at step s: replay the steps' texts (cheap, no DOM).
    const from = this.s !== null && this.s <= s ? this.s : 0;
    if (from === 0) this.vals = t.nodes.map(() => ["", ""]);
    for (let k = from; k < s; k++) {
      const st = t.steps[k];
      const i = t.index(st.node);
      const info = t.info[k];
      if (info.field === "adjoint") this.vals[i][1] = info.after;
      else {
        this.vals[i][0] = t.r.nodeTexts[i].value;
        if (info.field === "tangent") this.vals[i][1] = info.after;
      }
    }
    this.s = s;
    this.items.forEach((li, i) => {
      const [a, b] = this.vals[i];
      const key = `${a}|${b}`;
      if (li.key === key) return;
      li.key = key;
      li.classList.toggle("is-pending", a === "");
      if (a === "") li.val.replaceChildren("not computed yet");
      else if (fwd) {
        const neg = b.startsWith("-");
        li.val.replaceChildren(a, h("span", { class: "eps" }, ` ${neg ? "−" : "+"} ${neg ? b.slice(1) : b}ε`));
      } else li.val.replaceChildren(a, h("span", { class: "adj" }, b === "" ? "" : `   v̄ = ${b}`));
    });
    if (this.cur) this.cur.classList.remove("is-current");
    this.cur = s > 0 ? this.items[t.index(t.steps[s - 1].node)] : null;
    if (this.cur) this.cur.classList.add("is-current");
  }

  follow() {
    if (this.cur) scrollIntoViewWithin(this.list, this.cur, 10);
  }
}

// The graph panel: the SVG Graphviz laid out once per program (the Go
// module's layout(): graphviz.Layout.SVG), updated at every step with the
// state of that step (graphviz.StepState, as the module's frames():
// classes of nodes and edges, texts and classes of the number fields,
// tooltips). Only what changed is touched.
// Where things are in the SVG is documented in graphviz/doc.go:
//   <g id="v-1" class="node ...">          a node
//   <g id="a_v-1"><a xlink:title=...>       its tooltip
//   <g id="a_v-1_value"> ... <text>         a field (value, tangent, adjoint, mark)
//   <g id="e-1_2" class="edge ...">         an edge; its label in <g id="a_e-1_2-label">
import { h, scrollIntoViewWithin } from "./dom.js";

const XLINK = "http://www.w3.org/1999/xlink";
const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)");
const FIELDS = ["value", "tangent", "adjoint", "mark"];

export class GraphView {
  constructor(container, { onNodeActivate } = {}) {
    this.box = container;
    this.onNodeActivate = onNodeActivate;
    this.svg = null;
    this.zoom = "fit";
    this.tip = h("div", { class: "node-tip", role: "tooltip", id: "node-tip", hidden: true });
    this.box.after(this.tip);
    // The panel's width, kept without forcing a layout.
    this.boxWidth = this.box.clientWidth;
    new ResizeObserver((entries) => {
      const w = entries[0].contentBoxSize?.[0]?.inlineSize ?? this.box.clientWidth;
      if (Math.abs(w - this.boxWidth) > 1) {
        this.boxWidth = w;
        if (this.zoom === "fit") this.applyZoom();
      }
    }).observe(this.box);
    this.box.addEventListener("click", (ev) => this.click(ev));
    this.box.addEventListener("keydown", (ev) => {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.closest?.("g.node")) {
        ev.preventDefault();
        ev.stopPropagation();
        this.activate(ev.target.closest("g.node"));
      }
    });
    this.box.addEventListener("pointerover", (ev) => this.hover(ev.target.closest?.("g.node")));
    this.box.addEventListener("pointerleave", () => this.hover(null));
    this.box.addEventListener("focusin", (ev) => this.hover(ev.target.closest?.("g.node")));
    this.box.addEventListener("focusout", () => this.hover(null));
  }

  // status shows a message instead of the graph.
  status(text, isError = false) {
    this.svg = null;
    this.box.replaceChildren(h("p", { class: "graph-status" + (isError ? " error" : ""), role: isError ? "alert" : null }, text));
  }

  busy(on) { this.box.classList.toggle("busy", on); }

  // setLayout shows a laid-out SVG (a string from Graphviz) and indexes it.
  setLayout(svgText, label) {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const root = doc.documentElement;
    if (root.nodeName !== "svg" || doc.querySelector("parsererror")) {
      this.status("The graph could not be drawn: Graphviz returned no SVG.", true);
      return false;
    }
    const svg = document.adoptNode(root);
    svg.setAttribute("role", "group"); // its nodes are buttons
    svg.setAttribute("aria-label", label);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    // The fields are anchors only to carry tooltips: not links, not tab stops.
    for (const a of svg.querySelectorAll("a")) {
      a.removeAttributeNS(XLINK, "href");
      a.removeAttribute("href");
      a.removeAttribute("target");
    }
    // Less DOM, faster steps: Graphviz's <title>s (the hover tip says
    // more) and the white space between elements.
    for (const t of svg.querySelectorAll("title")) t.remove();
    const blank = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (/\S/.test(n.data) || n.parentNode.nodeName === "text" ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT) });
    const blanks = [];
    while (blank.nextNode()) blanks.push(blank.currentNode);
    for (const n of blanks) n.remove();
    const vb = (root.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
    this.natural = { w: vb[2] * 4 / 3, h: vb[3] * 4 / 3 };
    // One pass over the groups with ids: Graphviz writes one per node,
    // edge, tooltip anchor and field.
    const byId = new Map();
    for (const g of svg.querySelectorAll("g[id]")) byId.set(g.id, g);
    const text = (id) => byId.get(id)?.querySelector("text") || null;
    const anchor = (id) => byId.get(id)?.querySelector("a") || null;
    this.nodes = new Map();
    this.edges = new Map();
    for (const g of byId.values()) {
      if (g.classList.contains("node")) {
        const fields = {};
        for (const f of FIELDS) fields[f] = text(`a_${g.id}_${f}`);
        g.setAttribute("tabindex", "-1");
        g.setAttribute("role", "button");
        this.nodes.set(g.id, { g, fields, tipA: anchor(`a_${g.id}`) });
      } else if (g.classList.contains("edge")) {
        this.edges.set(g.id, { g, label: text(`a_${g.id}-label`), tipA: anchor(`a_${g.id}`) });
      }
    }
    // Big graphs step without transitions: every animated frame repaints
    // the whole SVG.
    this.big = this.nodes.size > 300;
    this.box.classList.toggle("big", this.big);
    this.svg = svg;
    this.box.replaceChildren(svg);
    this.current = null;
    this.model = null;
    this.curK = undefined;
    this.applyZoom();
    return true;
  }

  setZoom(z) {
    if (z === "in" || z === "out") {
      const now = this.zoom === "fit" ? this.fitScale() : this.zoom;
      this.zoom = Math.min(4, Math.max(0.1, now * (z === "in" ? 1.25 : 0.8)));
    } else {
      this.zoom = "fit";
    }
    this.applyZoom();
  }

  fitScale() {
    if (!this.natural) return 1;
    return Math.min(1.5, (this.boxWidth - 2) / this.natural.w);
  }

  applyZoom() {
    if (!this.svg) return;
    const fit = this.zoom === "fit";
    this.box.classList.toggle("fit", fit);
    // Fit: as wide as the panel, but never blown up beyond 1.5x and never
    // smaller than readable (then the panel scrolls).
    const scale = fit ? Math.max(this.fitScale(), 0.6) : this.zoom;
    this.svg.style.width = `${Math.round(this.natural.w * scale)}px`;
    this.svg.style.height = `${Math.round(this.natural.h * scale)}px`;
    this.box.style.placeItems = this.natural.w * scale < this.boxWidth ? "center" : "start";
  }

  // bind attaches the frames of a trace (the Go module's frames(): the
  // state at step 0 and the changes of every step) and shows step s, whose
  // current node has index cur (-1 for none).
  bind(frames, s, cur) {
    if (!this.svg) return;
    this.frames = frames;
    this.nodeEls = frames.nodes.map((id) => this.nodes.get(id) || null);
    this.edgeEls = frames.edges.map((id) => this.edges.get(id) || null);
    if (this.nodeEls.includes(null) || this.edgeEls.includes(null)) {
      this.status("The graph does not match the program (a missing node or edge in the SVG).", true);
      return;
    }
    const b = frames.base;
    this.model = {
      nodeClass: b.nodeClass.slice(),
      tooltip: b.tooltip.slice(),
      fields: b.fields.map((f) => f.slice()),
      edgeClass: b.edgeClass.slice(),
    };
    this.nodeEls.forEach((n, k) => {
      n.k = k;
      this.paintNode(k);
      this.paintTooltip(k);
      for (let f = 0; f < 4; f++) this.paintField(4 * k + f, false);
    });
    this.edgeEls.forEach((e, i) => {
      this.paintEdge(i);
      if (e.label) e.label.textContent = b.edgeLabel[i];
      if (e.tipA) e.tipA.setAttributeNS(XLINK, "xlink:title", b.edgeTooltip[i]);
    });
    this.s = 0;
    this.curK = -1;
    this.seek(s, cur, false);
  }

  // seek shows step s (current node index cur), touching only what
  // differs from the step shown.
  seek(s, cur, animate = true) {
    if (!this.model) return;
    const steps = this.frames.steps;
    const touched = [new Set(), new Set(), new Set(), new Set()];
    const m = this.model;
    const apply = (lo, hi, record) => {
      for (let k = lo; k < hi; k++) {
        for (const c of steps[k]) {
          const [kind, i] = c;
          if (kind === 0) m.nodeClass[i] = c[2];
          else if (kind === 1) m.tooltip[i] = c[2];
          else if (kind === 2) { m.fields[i][0] = c[2]; m.fields[i][1] = c[3]; }
          else m.edgeClass[i] = c[2];
          if (record) touched[kind].add(i);
        }
      }
    };
    if (s >= this.s) apply(this.s, s, true);
    else {
      for (let k = s; k < this.s; k++) for (const [kind, i] of steps[k]) touched[kind].add(i);
      const b = this.frames.base;
      m.nodeClass = b.nodeClass.slice();
      m.tooltip = b.tooltip.slice();
      m.fields = b.fields.map((f) => f.slice());
      m.edgeClass = b.edgeClass.slice();
      apply(0, s, false);
    }
    for (const k of touched[0]) this.paintNode(k);
    for (const k of touched[1]) this.paintTooltip(k);
    for (const i of touched[2]) this.paintField(i, animate);
    for (const i of touched[3]) this.paintEdge(i);
    this.s = s;
    if (this.curK >= 0 && this.curK !== cur) this.focusable(this.curK);
    this.curK = cur;
    if (cur >= 0) this.focusable(cur);
    this.current = cur >= 0 ? this.nodeEls[cur].g : null;
  }

  paintNode(k) {
    const n = this.nodeEls[k];
    n.g.setAttribute("class", this.model.nodeClass[k]);
    this.focusable(k);
  }

  // focusable makes the current node and nodes with trouble tab stops
  // (the others are reached by stepping: a big graph has too many).
  focusable(k) {
    const stop = /\b(current|diag-error|diag-warning)\b/.test(this.model.nodeClass[k]);
    this.nodeEls[k].g.setAttribute("tabindex", stop ? "0" : "-1");
  }

  paintTooltip(k) {
    const n = this.nodeEls[k];
    const tip = this.model.tooltip[k];
    if (n.tipA) n.tipA.setAttributeNS(XLINK, "xlink:title", tip);
    n.g.setAttribute("aria-label", tip.replace(/\n/g, ". "));
  }

  paintField(i, animate) {
    const t = this.nodeEls[i >> 2].fields[FIELDS[i & 3]];
    if (!t) return;
    const [text, cls] = this.model.fields[i];
    if (t.textContent !== text) t.textContent = text;
    t.setAttribute("class", cls);
    if (animate && !this.big && /\bchanged\b/.test(cls) && !reduceMotion.matches) {
      t.animate([{ opacity: 0.15 }, { opacity: 1 }], { duration: 600, easing: "ease-out" });
    }
  }

  paintEdge(i) {
    this.edgeEls[i].g.setAttribute("class", this.model.edgeClass[i]);
  }

  // follow scrolls the graph so that the current node is visible.
  follow() {
    const scrolls = this.box.scrollHeight > this.box.clientHeight + 4 || this.box.scrollWidth > this.box.clientWidth + 4;
    if (this.current && scrolls) {
      scrollIntoViewWithin(this.box, this.current, 40, true);
    }
  }

  click(ev) {
    const a = ev.target.closest("a");
    if (a) ev.preventDefault();
    const g = ev.target.closest("g.node");
    if (g) this.activate(g);
  }

  activate(g) {
    if (this.onNodeActivate) this.onNodeActivate(g.id);
  }

  hover(g) {
    const n = g && this.nodes.get(g.id);
    if (!n || !this.model || n.k === undefined) {
      this.tip.hidden = true;
      return;
    }
    const k = n.k;
    const [title, ...diags] = this.model.tooltip[k].split("\n");
    const parts = [h("div", { class: "tip-title" }, title)];
    for (const d of diags) parts.push(h("p", { class: `diag ${/error/.test(d) ? "error" : "warning"}` }, d));
    const vals = ["value", "tangent", "adjoint"].map((name, f) => [name, this.model.fields[4 * k + f]])
      .filter(([, [, cls]]) => !/unused/.test(cls))
      .map(([name, [text, cls]]) => `${name} ${/empty/.test(cls) ? "not computed yet" : text.trim()}`);
    if (vals.length) parts.push(h("div", {}, vals.join(" · ")));
    this.tip.replaceChildren(...parts);
    this.tip.hidden = false;
    const b = this.box.getBoundingClientRect();
    const r = g.getBoundingClientRect();
    const p = this.tip.offsetParent?.getBoundingClientRect() || { left: 0, top: 0 };
    const left = Math.max(b.left - p.left, Math.min(r.left - p.left, b.right - p.left - this.tip.offsetWidth));
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${r.bottom - p.top + 6}px`;
  }
}

// The graph panel: the SVG Graphviz laid out once per program (the Go
// module's layout(): graphviz.Layout.SVG), updated at every step with the
// state of that step (graphviz.StepState, as the module's frames():
// classes of nodes and edges, texts and classes of the number fields,
// tooltips). Only what changed is touched.
// Where things are in Graphviz's SVG is documented in graphviz/doc.go; the
// page makes it lighter (flatten, below) and then has
//   <g id="v-1" class="node ...">          a node
//   <text id="a_v-1_value">                 a field (value, tangent, adjoint, mark)
//   <g id="e-1_2" class="edge ...">         an edge; its label <text id="a_e-1_2-label">
import { h, scrollIntoViewWithin } from "./dom.js";

const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)");
const FIELDS = ["value", "tangent", "adjoint", "mark"];

const views = new WeakMap();

// graphViewFor returns the one GraphView of a container: the early first
// paint (first.js) and the visualizer share it.
export function graphViewFor(container) {
  if (!views.has(container)) views.set(container, new GraphView(container));
  return views.get(container);
}

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
    this.box.addEventListener("pointerover", (ev) => this.hover(ev.target.closest?.("g.node, g.edge")));
    this.box.addEventListener("pointerleave", () => this.hover(null));
    this.box.addEventListener("focusin", (ev) => this.hover(ev.target.closest?.("g.node")));
    this.box.addEventListener("focusout", () => this.hover(null));
  }

  // status shows a message instead of the graph.
  status(text, isError = false) {
    this.svg = null;
    this.key = "";
    this.model = null;
    this.tip.hidden = true;
    this.box.classList.remove("big");
    this.box.replaceChildren(h("p", { class: "graph-status" + (isError ? " error" : ""), role: isError ? "alert" : null }, text));
  }

  // notDrawn says, instead of the graph, why the module did not lay it out
  // (a graph too big for Graphviz to lay out in reasonable time): the
  // module's message, and that the rest of the page works.
  notDrawn(message) {
    const m = message.replace(/\.?$/, ".");
    this.status("", true);
    const p = this.box.firstChild;
    p.replaceChildren(h("strong", {}, "This graph is not drawn."), " ", m.charAt(0).toUpperCase() + m.slice(1));
    if (!/still work/.test(m)) p.append(h("span", { class: "graph-status-more" }, "The evaluation trace, the step card and the controls work as usual."));
    p.classList.add("not-drawn");
  }

  busy(on) { this.box.classList.toggle("busy", on); }

  // setLayout shows a laid-out SVG (a string from Graphviz) and indexes it;
  // key is the module's key of that layout.
  setLayout(svgText, label, key = "") {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const root = doc.documentElement;
    if (root.nodeName !== "svg" || doc.querySelector("parsererror")) {
      this.status("The graph could not be drawn: Graphviz returned no SVG.", true);
      return false;
    }
    const svg = document.adoptNode(root);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    flatten(svg);
    const vb = (root.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
    this.natural = { w: vb[2] * 4 / 3, h: vb[3] * 4 / 3 };
    // One pass over the elements with ids: the nodes and edges (<g>), the
    // fields and edge labels (<text>, see flatten).
    const byId = new Map();
    for (const el of svg.querySelectorAll("[id]")) byId.set(el.id, el);
    this.nodes = new Map();
    this.edges = new Map();
    for (const g of byId.values()) {
      if (g.classList.contains("node")) {
        const fields = {};
        for (const f of FIELDS) fields[f] = byId.get(`a_${g.id}_${f}`) || null;
        g.setAttribute("tabindex", "-1");
        g.setAttribute("role", "button");
        this.nodes.set(g.id, { g, fields });
      } else if (g.classList.contains("edge")) {
        this.edges.set(g.id, { g, label: byId.get(`a_${g.id}-label`) || null });
      }
    }
    // Big graphs step without transitions: every animated frame repaints
    // the whole SVG.
    this.big = this.nodes.size > 300;
    this.box.classList.toggle("big", this.big);
    this.svg = svg;
    this.key = key;
    this.root = tile(svg);
    this.root.setAttribute("role", "group"); // its nodes are buttons
    this.root.setAttribute("aria-label", label);
    this.box.replaceChildren(this.root);
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
    this.root.style.width = `${Math.round(this.natural.w * scale)}px`;
    this.root.style.height = `${Math.round(this.natural.h * scale)}px`;
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
      e.i = i;
      this.paintEdge(i);
      if (e.label) e.label.textContent = b.edgeLabel[i];
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
    this.nodeEls[k].g.setAttribute("aria-label", this.model.tooltip[k].replace(/\n/g, ". "));
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

  // hover shows the tip of a node (its description, diagnostics and
  // numbers) or of an edge (its local partial), or hides it (g null).
  hover(g) {
    const n = g && (this.nodes.get(g.id) || this.edges.get(g.id));
    if (!n || !this.model || (n.k === undefined && n.i === undefined)) {
      this.tip.hidden = true;
      return;
    }
    if (n.i !== undefined) {
      this.tip.replaceChildren(h("div", { class: "tip-title" }, this.frames.base.edgeTooltip[n.i]));
    } else {
      const k = n.k;
      const [title, ...diags] = this.model.tooltip[k].split("\n");
      const parts = [h("div", { class: "tip-title" }, title)];
      for (const d of diags) parts.push(h("p", { class: `diag ${/error/.test(d) ? "error" : "warning"}` }, d));
      const vals = ["value", "tangent", "adjoint"].map((name, f) => [name, this.model.fields[4 * k + f]])
        .filter(([, [, cls]]) => !/unused/.test(cls))
        .map(([name, [text, cls]]) => `${name} ${/empty/.test(cls) ? "not computed yet" : text.trim()}`);
      if (vals.length) parts.push(h("div", {}, vals.join(" · ")));
      this.tip.replaceChildren(...parts);
    }
    this.tip.hidden = false;
    const b = this.box.getBoundingClientRect();
    const r = g.getBoundingClientRect();
    const p = this.tip.offsetParent?.getBoundingClientRect() || { left: 0, top: 0 };
    const left = Math.max(b.left - p.left, Math.min(r.left - p.left, b.right - p.left - this.tip.offsetWidth));
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${r.bottom - p.top + 6}px`;
  }
}

// flatten makes Graphviz's SVG lighter for the page, with the same
// picture: every step repaints what a changed element belongs to, so
// fewer elements mean faster steps. It drops Graphviz's <title>s, the
// white space between elements and the anchors that carry tooltips (the
// page shows its own, see hover), and gives each field's and edge label's
// id to its <text> in place of the group around it: <text id="a_v-1_value">,
// <text id="a_e-1_2-label">.
function flatten(svg) {
  for (const t of svg.querySelectorAll("title")) t.remove();
  const blank = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (/\S/.test(n.data) || n.parentNode.nodeName === "text" ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT) });
  const blanks = [];
  while (blank.nextNode()) blanks.push(blank.currentNode);
  for (const n of blanks) n.remove();
  for (const a of svg.querySelectorAll("a")) a.replaceWith(...a.childNodes);
  for (const g of svg.querySelectorAll('g[id^="a_"]')) {
    const only = g.childElementCount === 1 ? g.firstElementChild : null;
    if (only?.nodeName === "text" && (g.id.endsWith("-label") || /_(value|tangent|adjoint|mark)$/.test(g.id))) {
      only.id = g.id;
      g.replaceWith(only);
    } else {
      g.replaceWith(...g.childNodes);
    }
  }
}

// Tiles of the graph: a step repaints the tile of each element it
// changes, and only those; one big SVG would be repainted whole (with a
// thousand nodes that is most of a frame's time). Nodes and edges are
// tiled in Graphviz's order, which follows the ranks, so that a step's
// few elements are in few tiles.
const NODES_PER_TILE = 48;
const EDGES_PER_TILE = 96;

// tile splits a laid-out SVG into a stack of SVGs of the same size and
// coordinates (class "tile"), each with some of its nodes or edges, in a
// <div class="graph-svg">; the first keeps the stylesheet, the
// definitions and the background, edges come before nodes as Graphviz
// draws them.
function tile(svg) {
  const root = h("div", { class: "graph-svg" });
  const graph = svg.querySelector("g.graph");
  if (!graph) {
    root.append(svg);
    return root;
  }
  const nodes = [...graph.children].filter((g) => g.classList.contains("node"));
  const edges = [...graph.children].filter((g) => g.classList.contains("edge"));
  const groups = [];
  for (let i = 0; i < edges.length; i += EDGES_PER_TILE) groups.push(edges.slice(i, i + EDGES_PER_TILE));
  for (let i = 0; i < nodes.length; i += NODES_PER_TILE) groups.push(nodes.slice(i, i + NODES_PER_TILE));
  // The first tile is the SVG itself with what is not a node or an edge
  // (and the first group); the others are empty copies.
  const first = groups.shift() || [];
  const keep = new Set(first);
  for (const el of [...nodes, ...edges]) if (!keep.has(el)) el.remove();
  const tiles = [svg];
  for (const group of groups) {
    const t = svg.cloneNode(false);
    const g = graph.cloneNode(false);
    g.removeAttribute("id");
    g.append(...group);
    t.append(g);
    tiles.push(t);
  }
  for (const t of tiles) {
    t.classList.add("tile");
    t.setAttribute("role", "none");
  }
  root.append(...tiles);
  return root;
}

// The full page: the editor, the inputs and seeds, the visualizer, the
// cost of both modes, finite differences, the gallery and the Share
// dialog. The state lives in the URL (state.js).
import { $, h, debounce, accent, DOT, BAR, download } from "./dom.js";
import { Editor } from "./editor.js";
import { examples } from "./gallery.js";
import { apiQuery, buildRequest, graphOptions, parseState, stateQuery } from "./state.js";
import { Visualizer, dark } from "./visualizer.js";
import { first } from "./boot.js";
import { renderCost } from "./cost.js";
import { renderFDTable, renderFDPlot, sweep } from "./fd.js";

const st = parseState(location.search);
if (st.theme) document.documentElement.dataset.theme = st.theme;
let names = Object.keys(st.values); // the inputs, in the program's order
let outputs = [];

const viz = new Visualizer({
  graph: $("#graph"),
  player: $("#player"),
  table: $("#trace"),
  card: $("#step-card"),
  dual: $("#dual"),
  dualHint: $("#dual-hint"),
  theme: st.theme,
  onStep: (s) => {
    st.step = s === viz.trace?.S ? "last" : s;
    saveURL();
  },
  onBuilt: (trace, live) => {
    outputs = trace.r.outputs.map((o) => o.name);
    renderSeeds();
    renderFDOutputs();
    if (live) analysis(); // a prerendered build has no handle in the module yet
  },
});
viz.player.keys(document);
globalThis.advizPage = viz; // for the console, the tests and scripts/bench-web.sh

// ---- URL ----
const saveURL = debounce(() => {
  history.replaceState(null, "", stateQuery(st, names) + location.hash);
}, 150);

// ---- Editor and inputs ----
const programError = $("#program-error");
const editor = new Editor($("#editor"), {
  onInput: (v) => {
    st.program = v;
    analyze();
  },
});
editor.value = st.program;

function showProgramError(err) {
  editor.setError(err);
  $("#graph").classList.toggle("stale", !!err);
  $("#graph-stale").hidden = !err;
  if (!err) {
    programError.hidden = true;
    programError.replaceChildren();
    return;
  }
  const where = err.line ? `${err.line}:${err.col}: ` : "";
  const parts = [`${where}${err.message}`];
  if (err.caret) parts.push(h("span", { class: "caret", "aria-hidden": "true" }, err.caret));
  programError.replaceChildren(...parts);
  programError.hidden = false;
}

const inputsBox = $("#inputs");

function renderInputs() {
  const focused = document.activeElement?.dataset?.input;
  const rows = [];
  names.forEach((name, i) => {
    const id = `in-${i}`;
    const input = h("input", {
      type: "text", id, value: st.values[name] ?? "", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
      dataset: { input: name }, "aria-describedby": `${id}-err`,
    });
    input.addEventListener("input", () => {
      st.values[name] = input.value;
      rebuild();
    });
    rows.push(h("label", { for: id }, name, h("span", { class: "node-id" }, `v${i + 1 - names.length}`)), input,
      h("p", { class: "field-error", id: `${id}-err`, hidden: true }));
  });
  inputsBox.replaceChildren(...rows);
  if (focused) inputsBox.querySelector(`[data-input="${CSS.escape(focused)}"]`)?.focus();
}

function markInputError(err) {
  for (const p of inputsBox.querySelectorAll(".field-error")) p.hidden = true;
  for (const el of document.querySelectorAll("[data-input], [data-seed]")) el.removeAttribute("aria-invalid");
  if (!err) return;
  const el = inputsBox.querySelector(`[data-input="${CSS.escape(err.input)}"]`) || $(`#seed-fields [data-seed="${CSS.escape(err.input)}"]`);
  if (!el) return;
  el.setAttribute("aria-invalid", "true");
  const p = document.getElementById(el.getAttribute("aria-describedby"));
  if (p) {
    p.textContent = err.message;
    p.hidden = false;
  }
}

// ---- Mode and seed ----
for (const r of document.querySelectorAll("input[name=mode]")) {
  r.checked = r.value === st.mode;
  r.addEventListener("change", () => {
    if (!r.checked) return;
    st.mode = r.value;
    st.seed = {};
    st.step = 0;
    renderSeeds();
    rebuild();
  });
}

function renderSeeds() {
  const fwd = st.mode === "forward";
  const box = $("#seed");
  box.classList.toggle("reverse", !fwd);
  $("#seed-title").textContent = fwd ? "Seed ẋ (direction)" : "Seed ȳ (output weights)";
  $("#seed-hint").textContent = fwd
    ? "One forward sweep computes J·ẋ: the derivative of every output along the direction ẋ. The default ẋ = e₁ gives ∂y/∂x₁."
    : "One reverse sweep computes ȳᵀJ: the gradient of ȳ·y. The default ȳ = e₁ gives the gradient of the first output.";
  const list = fwd ? names : outputs;
  const mark = fwd ? DOT : BAR;
  const fields = $("#seed-fields");
  const focused = document.activeElement?.dataset?.seed;
  fields.replaceChildren(...list.flatMap((name, i) => {
    const id = `seed-${i}`;
    const input = h("input", {
      type: "text", id, inputmode: "decimal", autocomplete: "off", spellcheck: "false",
      value: st.seed[name] ?? (i === 0 ? "1" : "0"), dataset: { seed: name }, "aria-describedby": `${id}-err`,
    });
    input.addEventListener("input", () => {
      // A seed different from the default goes into the URL.
      st.seed = {};
      for (const el of fields.querySelectorAll("[data-seed]")) st.seed[el.dataset.seed] = el.value;
      const isDefault = list.every((n, k) => Number(st.seed[n]) === (k === 0 ? 1 : 0));
      if (isDefault) st.seed = {};
      rebuild();
    });
    return [h("label", { for: id }, accent(name, mark)), input, h("p", { class: "field-error", id: `${id}-err`, hidden: true })];
  }));
  if (focused) fields.querySelector(`[data-seed="${CSS.escape(focused)}"]`)?.focus();
}

// ---- Display options ----
const digitsSel = $("#digits");
digitsSel.value = String(st.digits);
if (digitsSel.value !== String(st.digits)) {
  digitsSel.append(h("option", {}, String(st.digits)));
  digitsSel.value = String(st.digits);
}
digitsSel.addEventListener("change", () => { st.digits = Number(digitsSel.value); rebuild(); });
const edgeBox = $("#edge-labels");
edgeBox.checked = st.edgeLabels;
edgeBox.addEventListener("change", () => { st.edgeLabels = edgeBox.checked; rebuild(); });
const dirSel = $("#rankdir");
dirSel.value = st.rankdir;
dirSel.addEventListener("change", () => { st.rankdir = dirSel.value; rebuild(); });
for (const b of document.querySelectorAll("[data-zoom]")) b.addEventListener("click", () => viz.graph.setZoom(b.dataset.zoom));
dark.addEventListener("change", () => {
  if (st.theme) return; // forced by the URL
  viz.invalidateLayout();
  rebuild();
});

// ---- Building ----
let analyzeSeq = 0;

// analyze finds the inputs of the program (while typing), then rebuilds.
const analyze = debounce(async () => {
  const seq = ++analyzeSeq;
  const r = await viz.client.inputs(st.program);
  if (seq !== analyzeSeq) return;
  if (!r.ok) {
    showProgramError(r.error);
    return;
  }
  const found = r.value.names;
  if (found.join("\n") !== names.join("\n")) {
    for (const n of found) if (st.values[n] === undefined || st.values[n] === "") st.values[n] = "1";
    names = found;
    renderInputs();
  }
  await doBuild();
}, 250);

const rebuild = debounce(() => doBuild(), 120);

function request() {
  const values = {};
  for (const n of names) values[n] = st.values[n] ?? "";
  return buildRequest(st, names, values);
}

async function doBuild() {
  const r = await viz.build(request(), graphOptions(st), () => st.step);
  if (r.stale) return;
  if (!r.ok && r.error.seed) {
    // The program's outputs (or inputs) changed under a custom seed: back
    // to the default seed.
    st.seed = {};
    renderSeeds();
    return doBuild();
  }
  if (!r.ok) {
    if (r.graph) return;
    if (r.error.input) {
      showProgramError(null);
      $("#graph").classList.add("stale");
      $("#graph-stale").hidden = false;
      markInputError(r.error);
    } else {
      markInputError(null);
      showProgramError(r.error);
    }
    return;
  }
  showProgramError(null);
  markInputError(null);
  const warnings = r.value.r.warnings;
  if (warnings.length) {
    programError.replaceChildren(...warnings.map((w) => h("span", {}, `⚠ ${w}\n`)));
    programError.classList.add("warning-message");
    programError.hidden = false;
  } else programError.classList.remove("warning-message");
  saveURL();
}

// ---- Cost and finite differences (after each build) ----
async function analysis() {
  const handle = viz.handle;
  const j = await viz.client.jacobian(handle);
  if (handle !== viz.handle) return;
  if (j.ok) renderCost($("#cost"), j.value);
  else $("#cost").replaceChildren(h("p", { class: "error-message" }, j.error.message));
  await runFD();
}

const fdH = $("#fd-h");
const fdRange = $("#fd-h-range");
const fdOut = $("#fd-output");
fdH.value = st.h;
fdRange.value = String(Math.log10(Number(st.h)) || -5);

function renderFDOutputs() {
  $("#fd-output-label").hidden = outputs.length < 2;
  if (st.output >= outputs.length) st.output = 0;
  fdOut.replaceChildren(...outputs.map((o, i) => h("option", { value: String(i) }, o)));
  fdOut.value = String(st.output);
}

async function runFD() {
  const handle = viz.handle;
  if (!handle) return;
  const hv = Number(fdH.value);
  const err = $("#fd-error");
  if (!(hv > 0)) {
    err.textContent = `h must be a positive number, such as 1e-5; "${fdH.value}" is not.`;
    err.hidden = false;
    fdH.setAttribute("aria-invalid", "true");
    return;
  }
  fdH.removeAttribute("aria-invalid");
  err.hidden = true;
  const r = await viz.client.finiteDiff(handle, { output: st.output, h: hv, hs: sweep });
  if (handle !== viz.handle) return;
  if (!r.ok) {
    err.textContent = r.error.message;
    err.hidden = false;
    return;
  }
  renderFDTable($("#fd-table"), r.value);
  renderFDPlot($("#fd-plot"), r.value, hv);
}

const fdChanged = debounce(() => { st.h = fdH.value.trim(); saveURL(); runFD(); }, 120);
fdH.addEventListener("input", () => {
  const v = Number(fdH.value);
  if (v > 0) fdRange.value = String(Math.log10(v));
  fdChanged();
});
fdRange.addEventListener("input", () => {
  const v = Number(fdRange.value);
  fdH.value = Number.isInteger(v) ? `1e${v}` : (10 ** v).toPrecision(2);
  fdChanged();
});
fdOut.addEventListener("change", () => { st.output = Number(fdOut.value); saveURL(); runFD(); });

// ---- Gallery ----
const galleryBtn = $("#gallery-button");
const gallery = $("#gallery");
gallery.replaceChildren(...examples.map((ex) => h("li", { role: "none" },
  h("button", { type: "button", role: "menuitem", title: ex.about, onclick: () => load(ex) },
    h("span", { class: "ex-title" }, ex.title), h("span", { class: "ex-src" }, ex.program.replace(/\n/g, "; "))))));

function setMenu(open) {
  gallery.hidden = !open;
  galleryBtn.setAttribute("aria-expanded", String(open));
  if (open) gallery.querySelector("button")?.focus();
}
galleryBtn.addEventListener("click", () => setMenu(gallery.hidden));
gallery.addEventListener("keydown", (ev) => {
  const items = [...gallery.querySelectorAll("button")];
  const i = items.indexOf(document.activeElement);
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    ev.preventDefault();
    ev.stopPropagation();
    items[(i + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus();
  } else if (ev.key === "Escape") {
    setMenu(false);
    galleryBtn.focus();
  }
});
document.addEventListener("click", (ev) => {
  if (!gallery.hidden && !ev.target.closest(".menu")) setMenu(false);
});

function load(ex) {
  setMenu(false);
  st.program = ex.program;
  st.values = { ...ex.values };
  st.mode = ex.mode;
  st.seed = {};
  st.step = 0;
  names = Object.keys(ex.values);
  editor.value = st.program;
  for (const r of document.querySelectorAll("input[name=mode]")) r.checked = r.value === st.mode;
  renderInputs();
  renderSeeds();
  analyze();
  $("#graph-panel").focus({ preventScroll: true });
}

// ---- Share and export ----
const share = $("#share");
$("#share-button").addEventListener("click", () => {
  $("#share-link").value = new URL(stateQuery(st, names), location.href).href; // a query-only reference drops the fragment
  const embed = new URL(`embed.html${stateQuery(st, names)}`, location.href);
  $("#share-iframe").value = `<iframe src="${escapeAttr(embed.href)}" title="adviz: ${escapeAttr(st.program.replace(/\n/g, "; "))}" width="100%" height="640" style="border:1px solid #ddd;border-radius:8px" loading="lazy"></iframe>`;
  $("#share-status").textContent = "";
  share.showModal();
  showImageURLs();
});

// showImageURLs fills the Markdown images of this step and of the animated
// sweep, drawn by the API of the server that serves the page (adviz serve
// or the worker). A page served without the API (a static copy) hides them.
async function showImageURLs() {
  const block = $("#share-api");
  const step = { ...st, step: viz.player.s };
  const url = (q) => new URL(`api/v1/svg${q}`, location.href).href.replace(/\(/g, "%28").replace(/\)/g, "%29");
  const still = url(apiQuery(step, names));
  const animated = url(apiQuery({ ...st, step: null }, names, [["animate", "1"]]));
  const what = `${st.mode} mode on ${st.program.replace(/\s*\n\s*/g, "; ")}`.replace(/[\\[\]*_`<>]/g, "\\$&");
  $("#share-images").value =
    `![adviz: ${what}, step ${step.step}](${still})\n` + `![adviz: ${what}, animated](${animated})`;
  let status = 0;
  try {
    status = (await fetch(still, { method: "HEAD" })).status;
  } catch {
    // not served here
  }
  block.hidden = status !== 200;
  if (status === 413) $("#share-status").textContent = "This graph is too large for the server's pictures: download its SVG instead.";
}

function escapeAttr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

share.addEventListener("click", async (ev) => {
  const copy = ev.target.closest("[data-copy]");
  if (copy) {
    const field = document.getElementById(copy.dataset.copy);
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      $("#share-status").textContent = "Copied.";
    } catch {
      $("#share-status").textContent = "Selected: press Ctrl+C (⌘C) to copy.";
    }
    return;
  }
  const exp = ev.target.closest("[data-export]");
  if (exp) exportAs(exp.dataset.export);
});

async function exportAs(kind) {
  const hnd = viz.handle;
  const s = viz.player.s;
  const opts = { ...viz.options, legend: true, caption: true };
  const name = "adviz-" + st.mode;
  let r;
  switch (kind) {
    case "dot":
      r = await viz.client.dot(hnd, s, opts);
      if (r.ok) download(`${name}-step${s}.dot`, r.value, "text/vnd.graphviz");
      break;
    case "svg":
      r = await viz.client.svg(hnd, s, opts);
      if (r.ok) download(`${name}-step${s}.svg`, r.value, "image/svg+xml");
      break;
    case "animated":
      r = await viz.client.animatedSVG(hnd, opts);
      if (r.ok) download(`${name}-animated.svg`, r.value, "image/svg+xml");
      break;
    case "markdown":
    case "latex":
      r = await viz.client.table(hnd, kind);
      if (r.ok) download(`${name}-trace.${kind === "latex" ? "tex" : "md"}`, r.value, kind === "latex" ? "text/x-tex" : "text/markdown");
      break;
  }
  $("#share-status").textContent = r && !r.ok ? `Export failed: ${r.error.message}` : "Downloaded.";
}

// ---- Help ----
$("#help-button").addEventListener("click", () => $("#help").showModal());

// ---- Start ----
renderInputs();
renderSeeds();
(async () => {
  // The default example is on the screen before the module has started
  // (first.js); the module's own build below takes it over.
  const snap = await first;
  if (snap) viz.prime(snap, request(), graphOptions(st), st.step);
  const r = await viz.client.ready();
  if (!r.ok) {
    viz.graph.status(r.error.message, true);
    return;
  }
  performance.mark("adviz-module-ready");
  const found = await viz.client.inputs(st.program);
  if (found.ok) {
    const fromURL = names;
    names = found.value.names;
    for (const n of names) if (st.values[n] === undefined) st.values[n] = "1";
    if (fromURL.join() !== names.join()) renderInputs();
  }
  await doBuild();
  performance.mark("adviz-live");
  document.documentElement.dataset.ready = "true";
})();

// The step controls: first, back, play/pause, forward, last, a scrubber
// and the speed; and the keyboard shortcuts (arrows, space, Home/End).
import { h, s } from "./dom.js";

// icon paths, 24×24
const icons = {
  first: [["path", { d: "M6 5h2.5v14H6zM19 5v14l-9.5-7z" }]],
  back: [["path", { d: "M15.5 4.5 8 12l7.5 7.5", fill: "none", stroke: "currentColor", "stroke-width": 2.6, "stroke-linejoin": "round", "stroke-linecap": "round" }]],
  play: [["path", { class: "i-play", d: "M7 4.5v15l12.5-7.5z" }], ["path", { class: "i-pause", d: "M6.5 5h4v14h-4zM13.5 5h4v14h-4z" }]],
  forward: [["path", { d: "M8.5 4.5 16 12l-7.5 7.5", fill: "none", stroke: "currentColor", "stroke-width": 2.6, "stroke-linejoin": "round", "stroke-linecap": "round" }]],
  last: [["path", { d: "M5 5v14l9.5-7zM15.5 5H18v14h-2.5z" }]],
};

const buttons = [
  ["first", "First step (Home)", "First step (Home)"],
  ["back", "Step back (Left arrow)", "Step back (←)"],
  ["play", "Play (Space)", "Play / pause (Space)"],
  ["forward", "Step forward (Right arrow)", "Step forward (→)"],
  ["last", "Last step (End)", "Last step (End)"],
];

// markup fills an empty player element with its controls.
function markup(el) {
  el.replaceChildren(
    ...buttons.map(([act, label, title]) => h("button", { type: "button", class: `btn btn-icon${act === "play" ? " btn-play" : ""}`, dataset: { act }, "aria-label": label, title },
      s("svg", { class: "i", viewBox: "0 0 24 24", "aria-hidden": "true" }, ...icons[act].map(([tag, attrs]) => s(tag, attrs))))),
    h("input", { type: "range", class: "scrubber", dataset: { act: "scrub" }, min: 0, max: 0, value: 0, "aria-label": "Step" }),
    h("output", { class: "counter" }, "0 / 0"),
    h("label", { class: "speed" }, "Speed ",
      h("select", { dataset: { act: "speed" } },
        [["0.25", "¼×"], ["0.5", "½×"], ["1", "1×"], ["2", "2×"], ["4", "4×"], ["16", "16×"]].map(([v, t]) => h("option", { value: v, selected: v === "1" }, t)))),
  );
}

export class Player {
  constructor(el, { onStep }) {
    if (!el.querySelector("button")) markup(el);
    this.el = el;
    this.onStep = onStep;
    this.s = 0;
    this.S = 0;
    this.speed = 1;
    this.timer = 0;
    this.btn = {};
    for (const b of el.querySelectorAll("button[data-act]")) this.btn[b.dataset.act] = b;
    this.scrub = el.querySelector("[data-act=scrub]");
    this.counter = el.querySelector(".counter");
    this.speedSel = el.querySelector("[data-act=speed]");
    el.addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-act]");
      if (!b) return;
      const act = b.dataset.act;
      if (act === "play") this.toggle();
      else this.act(act);
    });
    this.scrub.addEventListener("input", () => {
      this.pause();
      this.go(Number(this.scrub.value));
    });
    this.speedSel?.addEventListener("change", () => {
      this.speed = Number(this.speedSel.value) || 1;
      if (this.timer) this.play();
    });
  }

  // setSteps sets the number of steps and shows step s.
  setSteps(S, s) {
    this.S = S;
    this.scrub.max = String(S);
    this.pause();
    this.show(Math.max(0, Math.min(S, s)));
  }

  act(a) {
    this.pause();
    switch (a) {
      case "first": return this.go(0);
      case "last": return this.go(this.S);
      case "back": return this.go(this.s - 1);
      case "forward": return this.go(this.s + 1);
    }
  }

  go(s) {
    s = Math.max(0, Math.min(this.S, s));
    if (s === this.s) return;
    this.show(s);
  }

  show(s) {
    this.s = s;
    this.scrub.value = String(s);
    this.scrub.setAttribute("aria-valuetext", `step ${s} of ${this.S}`);
    this.counter.value = `${s} / ${this.S}`;
    this.btn.first.disabled = this.btn.back.disabled = s === 0;
    this.btn.last.disabled = this.btn.forward.disabled = s === this.S;
    this.onStep(s);
  }

  get playing() { return this.timer !== 0; }

  toggle() {
    if (this.timer) this.pause();
    else this.play();
  }

  play() {
    clearInterval(this.timer);
    if (this.S === 0) return;
    if (this.s >= this.S) this.show(0);
    this.el.classList.add("playing");
    this.btn.play.setAttribute("aria-label", "Pause (Space)");
    this.timer = setInterval(() => {
      if (this.s >= this.S) return this.pause();
      this.show(this.s + 1);
      if (this.s >= this.S) this.pause();
    }, 900 / this.speed);
  }

  pause() {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = 0;
    this.el.classList.remove("playing");
    this.btn.play.setAttribute("aria-label", "Play (Space)");
  }

  // keys handles the shortcuts on a target (the document, or an embed's
  // root); they do nothing while the focus is in a text field or on a
  // control that uses the key itself.
  keys(target) {
    const ours = (ev) => {
      if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return false;
      const t = ev.target;
      if (t === this.scrub) return true;
      // Radios and checkboxes use the arrows and Space themselves.
      if (t.type === "radio" || t.type === "checkbox") return ev.key === "Home" || ev.key === "End";
      if (t.closest?.("input, textarea, select, [contenteditable], dialog[open]")) return false;
      return !(ev.key === " " && t.closest?.("button, a, summary"));
    };
    target.addEventListener("keydown", (ev) => {
      if (!ours(ev)) return;
      let handled = true;
      switch (ev.key) {
        case "ArrowRight": this.act("forward"); break;
        case "ArrowLeft": this.act("back"); break;
        case "Home": this.act("first"); break;
        case "End": this.act("last"); break;
        case " ": this.toggle(); break;
        default: handled = false;
      }
      if (handled) ev.preventDefault();
    });
    // A browser scrolls the page on the keypress of Space; a synthetic
    // keypress can follow a keydown that was handled.
    target.addEventListener("keypress", (ev) => {
      if (ev.key === " " && ours(ev)) ev.preventDefault();
    });
  }
}

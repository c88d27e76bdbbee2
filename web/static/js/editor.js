// The program editor: a textarea over a mirror that draws the error marker
// at its column, with line numbers. Columns from the Go module count
// characters (code points); JavaScript strings count UTF-16 units.
import { h } from "./dom.js";

export class Editor {
  constructor(root, { onInput }) {
    this.root = root;
    this.ta = root.querySelector("textarea");
    this.mirror = root.querySelector(".editor-mirror");
    this.gutter = root.querySelector(".editor-gutter");
    this.error = null;
    this.ta.addEventListener("input", () => {
      this.draw();
      onInput(this.value);
    });
    this.ta.addEventListener("scroll", () => {
      this.mirror.scrollTop = this.ta.scrollTop;
      this.mirror.scrollLeft = this.ta.scrollLeft;
      this.gutter.scrollTop = this.ta.scrollTop;
    });
    this.ta.addEventListener("keydown", (ev) => {
      // Tab moves the focus (the language needs no tabs): keyboard users
      // must not be trapped in the editor.
      if (ev.key === "Escape") this.ta.blur();
    });
  }

  get value() { return this.ta.value; }

  set value(v) {
    this.ta.value = v;
    this.draw();
  }

  // setError marks {line, col} (1-based, characters) or clears the mark.
  setError(err) {
    this.error = err && err.line ? err : null;
    this.root.classList.toggle("has-error", !!err);
    this.ta.setAttribute("aria-invalid", err ? "true" : "false");
    this.draw();
  }

  // offsetOf converts a line and a column in characters to an index into
  // the text.
  offsetOf(line, col) {
    const text = this.ta.value;
    let i = 0;
    for (let l = 1; l < line; l++) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return text.length;
      i = nl + 1;
    }
    for (let c = 1; c < col && i < text.length && text[i] !== "\n"; c++) {
      i += text.codePointAt(i) > 0xffff ? 2 : 1;
    }
    return i;
  }

  draw() {
    const text = this.ta.value;
    const lines = text.split("\n").length;
    const nums = [];
    for (let l = 1; l <= lines; l++) {
      nums.push(this.error && this.error.line === l ? h("span", { class: "err-line" }, `${l}\n`) : `${l}\n`);
    }
    this.gutter.replaceChildren(...nums);
    this.root.style.setProperty("--gutter-digits", String(String(lines).length));
    this.ta.rows = Math.max(3, Math.min(14, lines + 1));
    if (!this.error) {
      this.mirror.replaceChildren(text + "\n");
      return;
    }
    const i = this.offsetOf(this.error.line, this.error.col);
    let j = i;
    if (j < text.length && text[j] !== "\n") j += text.codePointAt(j) > 0xffff ? 2 : 1;
    const marked = i === j ? "\u00a0" : text.slice(i, j);
    this.mirror.replaceChildren(text.slice(0, i), h("span", { class: "err-mark" }, marked), text.slice(j) + "\n");
  }
}

// LaTeX to MathML for the formulas adviz writes (ad's StepLaTeX,
// FormulaLaTeX, PartialLaTeX): a small subset of LaTeX math, turned into
// MathML Core elements with createElementNS, so no text is ever parsed as
// markup. Unknown commands come out as their name in an <mtext>.

const NS = "http://www.w3.org/1998/Math/MathML";

const greek = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ϵ", zeta: "ζ", eta: "η", theta: "θ",
  iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ",
  tau: "τ", upsilon: "υ", phi: "ϕ", chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ",
  Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
  partial: "∂", infty: "∞",
};
const functions = new Set(["ln", "log", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh",
  "arcsin", "arccos", "arctan", "max", "min"]);
const operators = { cdot: "·", times: "×", geq: "≥", leq: "≤", neq: "≠", lvert: "|", rvert: "|", pm: "±",
  lfloor: "⌊", rfloor: "⌋", lceil: "⌈", rceil: "⌉", land: "∧", lor: "∨", lnot: "¬" };
const accents = { bar: "\u00AF", dot: "\u02D9", hat: "^", tilde: "~", vec: "→" };
const escaped = new Set(["{", "}", "_", "#", "$", "%", "&", "^", "~"]);

function el(name, ...children) {
  const e = document.createElementNS(NS, name);
  for (const c of children) e.append(c);
  return e;
}

function token(name, text, attrs = {}) {
  const e = el(name, text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// row wraps a list of elements as one.
function row(items) {
  return items.length === 1 ? items[0] : el("mrow", ...items);
}

class Parser {
  constructor(src) {
    this.s = src;
    this.i = 0;
  }

  peek() { return this.s[this.i]; }

  // command reads a command name after a backslash.
  command() {
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      return m[0];
    }
    return this.s[this.i++] || "";
  }

  // group reads {...} as a row, or a single atom.
  group() {
    this.skipSpace();
    if (this.peek() === "{") {
      this.i++;
      const items = this.list("}");
      this.i++;
      return row(items);
    }
    const items = [];
    this.atom(items);
    return row(items);
  }

  // raw reads {...} as text.
  raw() {
    this.skipSpace();
    if (this.peek() !== "{") return "";
    let depth = 0;
    const start = this.i + 1;
    for (; this.i < this.s.length; this.i++) {
      if (this.s[this.i] === "\\") { this.i++; continue; }
      if (this.s[this.i] === "{") depth++;
      if (this.s[this.i] === "}" && --depth === 0) break;
    }
    const text = this.s.slice(start, this.i);
    this.i++;
    return text.replace(/\\([{}_#$%&])/g, "$1");
  }

  skipSpace() {
    while (this.peek() === " ") this.i++;
  }

  list(end) {
    const items = [];
    while (this.i < this.s.length && this.peek() !== end) {
      this.atom(items);
    }
    return items;
  }

  // script attaches ^ and _ to the last item.
  script(items, kind) {
    const base = items.pop() || token("mrow", "");
    const arg = this.group();
    const other = kind === "^" ? "_" : "^";
    this.skipSpace();
    if (this.peek() === other) {
      this.i++;
      const arg2 = this.group();
      const [sub, sup] = kind === "_" ? [arg, arg2] : [arg2, arg];
      items.push(el("msubsup", base, sub, sup));
      return;
    }
    items.push(el(kind === "^" ? "msup" : "msub", base, arg));
  }

  atom(items) {
    const c = this.s[this.i++];
    if (c === " ") return;
    if (c === "^" || c === "_") return this.script(items, c);
    if (c === "{") {
      const inner = this.list("}");
      this.i++;
      items.push(el("mrow", ...inner));
      return;
    }
    if (c === "\\") return this.cmd(items);
    if (/[0-9.]/.test(c)) {
      let num = c;
      while (/[0-9.]/.test(this.peek() || "")) num += this.s[this.i++];
      items.push(token("mn", num));
      return;
    }
    if (/\p{L}/u.test(c)) {
      items.push(token("mi", c));
      return;
    }
    if (c === "-") {
      items.push(token("mo", "\u2212"));
      return;
    }
    if ("+=()[],<>/|!;:".includes(c)) {
      items.push(token("mo", c, c === "(" || c === ")" ? { stretchy: "false" } : {}));
      return;
    }
    items.push(token("mtext", c));
  }

  cmd(items) {
    const name = this.command();
    if (escaped.has(name)) {
      if (name === "^" || name === "~") this.raw();
      items.push(token("mi", name));
      return;
    }
    if (name in greek) {
      items.push(token("mi", greek[name]));
      return;
    }
    if (name in operators) {
      items.push(token("mo", operators[name]));
      return;
    }
    if (functions.has(name)) {
      items.push(token("mi", name), token("mo", "\u2061"));
      return;
    }
    switch (name) {
      case "frac": {
        const num = this.group();
        const den = this.group();
        items.push(el("mfrac", num, den));
        return;
      }
      case "sqrt": {
        // \sqrt[n]{x} is the n-th root.
        this.skipSpace();
        if (this.peek() === "[") {
          this.i++;
          const index = row(this.list("]"));
          this.i++;
          items.push(el("mroot", this.group(), index));
          return;
        }
        items.push(el("msqrt", this.group()));
        return;
      }
      case "left":
      case "right": {
        this.skipSpace();
        let d = this.s[this.i++];
        if (d === "\\") d = operators[this.command()] || "";
        if (d && d !== ".") items.push(token("mo", d));
        return;
      }
      case "quad":
        items.push(token("mspace", "", { width: "1em" }));
        return;
      case ",":
        items.push(token("mspace", "", { width: "0.17em" }));
        return;
      case "text":
        items.push(token("mtext", this.raw()));
        return;
      case "textbackslash":
        this.raw();
        items.push(token("mtext", "\\"));
        return;
      case "mathit":
        items.push(token("mi", this.raw(), { mathvariant: "italic" }));
        return;
      case "mathrm":
      case "operatorname":
        items.push(token("mi", this.raw()));
        if (name === "operatorname") items.push(token("mo", "\u2061"));
        return;
      default:
        if (name in accents) {
          const base = this.group();
          const over = el("mover", base, token("mo", accents[name], { stretchy: "false" }));
          over.setAttribute("accent", "true");
          items.push(over);
          return;
        }
        items.push(token("mtext", name));
    }
  }
}

// mathML returns a <math> element for LaTeX math (without $ delimiters),
// with the plain text as its accessible label when one is given.
export function mathML(latex, label = "") {
  const p = new Parser(String(latex));
  const items = [];
  while (p.i < p.s.length) p.atom(items);
  const math = el("math", row(items.length ? items : [token("mrow", "")]));
  if (label) math.setAttribute("aria-label", label);
  return math;
}

// A built sweep (the Go module's build result; see the README's JavaScript API) with the lookups
// the views need, and the words that explain each step.
import { accent, DOT, BAR } from "./dom.js";

export class Trace {
  constructor(r) {
    this.r = r;
    this.mode = r.mode;
    this.nodes = r.nodes;
    this.steps = r.steps;
    this.info = r.stepInfo;
    this.S = r.steps.length;
    this.nin = r.inputs.length;
    this.byLabel = new Map(r.nodes.map((n, i) => [n.label, i]));
    // stepsOf[i]: the steps (1-based) that change node i, in order.
    this.stepsOf = r.nodes.map(() => []);
    r.steps.forEach((st, k) => this.stepsOf[this.index(st.node)].push(k + 1));
    this.uses = r.nodes.map(() => 0);
    for (const m of r.nodes) for (const e of m.edges) this.uses[this.index(e.node)]++;
    this.outputsOf = r.nodes.map(() => []);
    for (const o of r.outputs) this.outputsOf[this.index(o.node)].push(o.name);
  }

  // index returns the position in nodes of the node with trace id.
  index(id) { return id + this.nin - 1; }

  node(id) { return this.nodes[this.index(id)]; }

  // stepFor returns the step to go to when node label is chosen while at
  // step s: the next step that changes it, cycling, preferring the current
  // phase.
  stepFor(label, s) {
    const i = this.byLabel.get(label);
    if (i === undefined) return s;
    const list = this.stepsOf[i];
    if (!list.length) return s;
    const phase = s > 0 ? this.steps[s - 1].phase : null;
    const same = list.filter((k) => this.steps[k - 1].phase === phase);
    const pool = same.length ? same : list;
    return pool.find((k) => k > s) ?? pool[0];
  }

  // phaseName names the phase of step s (1-based; 0 is before the sweep).
  phaseName(s) {
    if (s === 0) return this.mode === "forward" ? "Forward mode · before the sweep" : "Reverse mode · before the sweep";
    const st = this.steps[s - 1];
    switch (st.phase) {
      case "forward": return "Forward mode · one sweep of values and tangents";
      case "primal": return "Reverse mode · 1. forward sweep: values and local partials";
      default: return "Reverse mode · 2. reverse sweep: adjoints";
    }
  }

  // words explains step s in a sentence (plain text, from the trace's own
  // names: nothing here is markup).
  words(s) {
    const r = this.r;
    if (s === 0) {
      const xs = r.inputs.map((inp, i) => `${inp.name} = ${fmt(r.x[i])}`).join(", ");
      if (this.mode === "forward") {
        const seed = r.inputs.map((inp, i) => `${accent(inp.name, DOT)} = ${fmt(r.seed[i])}`).join(", ");
        return `Nothing is computed yet. Forward mode will carry every value together with its tangent (a dual number v + v̇ε) from the inputs ${xs} to the outputs, along the direction ${seed}.`;
      }
      const seed = r.outputs.map((o, i) => `${accent(o.name, BAR)} = ${fmt(r.seed[i])}`).join(", ");
      return `Nothing is computed yet. Reverse mode first evaluates the values at ${xs}, then pushes adjoints back from the outputs, seeded with ${seed}.`;
    }
    const st = this.steps[s - 1];
    const n = this.node(st.node);
    const outs = this.outputsOf[this.index(st.node)];
    const isOut = outs.length ? ` It is the output ${outs.join(", ")}.` : "";
    switch (st.kind) {
      case "input": {
        const i = this.index(st.node);
        if (st.phase === "forward") {
          return `${n.label} is the input ${n.name} = ${fmt(r.x[i])}. Its tangent is the seed ${accent(n.name, DOT)} = ${fmt(r.seed[i])}: how fast ${n.name} moves along the chosen direction.`;
        }
        return `${n.label} is the input ${n.name} = ${fmt(r.x[i])}.`;
      }
      case "op":
        if (st.phase === "forward") {
          return `${n.label} = ${n.formula}: evaluate it, and its tangent by the chain rule, v̇ = Σ ∂${n.label}/∂vⱼ · v̇ⱼ over its arguments.${isOut}`;
        }
        return `${n.label} = ${n.formula}: evaluate it, and remember its local partials ∂${n.label}/∂vⱼ for the reverse sweep.${isOut}`;
      case "seed": {
        const o = r.outputs[this.info[s - 1].arg];
        return `The reverse sweep starts at the output ${o.name} = ${n.label}: its adjoint is the seed ${accent(o.name, BAR)} = ${this.info[s - 1].after}, the derivative of the seeded output with respect to itself.`;
      }
      case "first":
      case "accumulate": {
        const from = this.node(st.from);
        const edge = from.edges.find((e) => e.arg === this.info[s - 1].arg);
        const partial = edge ? edge.text : `∂${from.label}/∂${n.label}`;
        const users = this.uses[this.index(st.node)];
        const head = `${from.label} = ${from.formula} uses ${n.label}, so ${n.label} gets ${from.label}'s adjoint times the local partial ${partial}.`;
        if (st.kind === "first") {
          return users > 1 ? `${head} This is the first of ${users} contributions: ${n.label} is used ${users} times.` : head;
        }
        return `${head} ${n.label} is used more than once (${users} times), so its adjoint accumulates: this contribution adds to what it already has.`;
      }
      case "zero":
        return `${n.label} does not reach any seeded output, so its adjoint is 0.`;
    }
    return "";
  }
}

// fmt writes a number as the trace does for inputs: up to 4 significant
// digits (the module's texts are used wherever it gives them).
export function fmt(x) {
  if (typeof x === "string") return x === "Infinity" ? "Inf" : x === "-Infinity" ? "-Inf" : x;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const s = x.toPrecision(4);
  if (s.includes("e")) return s.replace(/\.?0+e/, "e");
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

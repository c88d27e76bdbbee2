// Package graphviz draws the computational graph of an ad.Trace at any
// step: as Graphviz DOT, as SVG, as PNG and as one self-contained animated
// SVG, laid out once per program.
//
// # What a picture shows
//
// The graph is Baydin et al.'s evaluation trace: one node per v_i (inputs
// v(1-n) ... v0, operations v1 ... vl) and one edge v_j → v_i per argument
// that is a node; constants appear in the formulas. A node shows its name
// and formula ("v2 = v-1 × v0"; an input "v-1 = x1"), the names assigned
// to it or the output it is, and three fields:
//
//	v_i   its value          φ_i(arguments)
//	v̇_i   its tangent        Σ_j ∂v_i/∂v_j · v̇_j       (forward mode)
//	v̄_i   its adjoint        Σ_k v̄_k · ∂v_k/∂v_i       (reverse mode)
//
// A field the mode does not compute, or has not computed yet, shows "·";
// the tangent is blue (Okabe-Ito #0072B2) and the adjoint vermillion
// (#D55E00) everywhere, and their accents (a dot, a bar) say the same
// without colour. An edge can be labelled with the local partial
// ∂v_i/∂v_j at the point (Options.EdgeLabels); its tooltip always shows
// it with its formula. At step s (0 ≤ s ≤ len(t.Steps); 0 is before
// anything is computed) the current step is t.Steps[s-1]: the node it
// changes is "current", the nodes it reads are "source" (a primal or
// forward step reads the arguments; an adjoint step pushes v̄_k of its
// consumer back along one edge), the edges it uses are "active", and the
// other nodes are "done" or "pending" by whether the current sweep has
// computed them. Numeric trouble (ad.Trace.NodeDiagnostics) marks its node
// with "⚠", a red border and the message in the tooltip once the node's
// value is computed.
//
// Numbers have Options.Digits significant digits (ad.FormatNumber) and sit
// right-aligned in fields of fixed width, sized for the longest number
// ("-1.234e+308"), so a step changes text, never a box. Output is
// deterministic: ids come from graph indices and every text is escaped for
// DOT, HTML-like labels and SVG.
//
// # Laid out once
//
// LayoutDOT is the same graph with placeholders in the fields. NewLayout
// has Graphviz lay it out once; Layout.StepSVG then fills the laid-out SVG
// with a step's texts and classes (string edits, no Graphviz call), and
// Layout.RenderStep has Graphviz draw the step's DOT at the layout's
// positions with the nop2 engine. Filling is the default: it is two to
// three orders of magnitude faster than a Graphviz call per step
// (scripts/bench-graphviz.sh measures it). Renderer runs Graphviz: Native
// (go-graphviz, in-process, not in js/wasm builds) or JS (the host's
// Graphviz through syscall/js, js/wasm only). Layout.StepPNG rasterizes
// the step's SVG in Go with the Go fonts (go-graphviz's own PNG renderer
// drops the texts and borders of HTML-like labels); it is not in js/wasm
// builds.
//
// Graphviz cannot be interrupted, and its layout time grows faster than
// linearly with LayoutCost (nodes plus the ranks their edges cross):
// callers refuse graphs over a limit (MaxLayoutCost for the page) before
// calling it, with CheckLayoutCost.
//
// # The SVG contract (for a page that animates the laid-out SVG)
//
// A page shows Layout.SVG() (or LayoutFromSVG(g, opt, svgFromGraphviz).SVG()
// when Graphviz ran in the browser on LayoutDOT(g, opt); use the Layout's
// SVG, not Graphviz's raw output, which has its number fields
// start-anchored). Then for each step it applies a StepState
// (State(t, step, opt), JSON-ready) to the DOM, or, to step through a big
// graph touching only what changes, the Frames of the trace
// (ComputeFrames(t, opt): the state at step 0 and what every step
// changes, computed once; replayed, they are State at every step).
// Nothing else changes:
//
//   - Node: <g id="v-1" class="...">; set its class attribute to
//     NodeState.Class (it starts with "node").
//   - Node tooltip: the <a> inside <g id="a_v-1">; set its xlink:title
//     attribute (namespace http://www.w3.org/1999/xlink) to
//     NodeState.Tooltip.
//   - Fields: <g id="a_v-1_value">, "a_v-1_tangent", "a_v-1_adjoint" and
//     "a_v-1_mark" (the ids are Field.ID) each hold exactly one <text>; set
//     its textContent to Field.Text and its class attribute to Field.Class.
//     Texts are never empty. Number texts are anchored at their end
//     (text-anchor="end"), so they stay right-aligned.
//   - Edge: <g id="e-1_2" class="...">; set its class to EdgeState.Class.
//     The id is "e" + the argument's trace id + "_" + the consumer's; when
//     a consumer uses the same node twice (x*x) the later edge gets "_" and
//     the argument's position ("e0_1_1").
//   - Edge tooltip: the <a> in <g id="a_e-1_2"> (and, with edge labels, in
//     <g id="a_e-1_2-label">): xlink:title = EdgeState.Tooltip.
//   - Edge label (Options.EdgeLabels): the one <text> in
//     <g id="a_e-1_2-label">: textContent = EdgeState.Label.
//
// StepState also says what the step is: Node and From (node ids), Active
// (edge ids), Text (ad.Trace.StepText) and Caption (the lines this package
// draws above a per-step picture).
//
// Classes. Nodes: "node", then "input" or "op", "output" when the node is
// an output, one of "pending", "done", "current", then "source" and one of
// "diag-error" or "diag-warning" when they apply. Fields: "field", then
// "value", "tangent" or "adjoint", then "empty" (not computed yet),
// "unused" (the mode does not compute it) and "changed" (the current step
// wrote it) when they apply; the marker: "mark", plus "error" or "warning".
// Edges: "edge", plus "active primal", "active forward" or
// "active adjoint" for the edges the current step uses; edge labels have
// class "label".
//
// Look. The root <svg> has class "adviz adviz-light" or "adviz
// adviz-dark" and a <style> with StyleSheet(theme). Its colours are CSS
// custom properties on svg.adviz, which a page may override:
// --adviz-bg, --adviz-fg, --adviz-muted, --adviz-tangent, --adviz-adjoint,
// --adviz-tangent-strong, --adviz-adjoint-strong (a number the current
// step wrote: bold, underlined and in this stronger shade, at least 4.5:1
// against the node backgrounds),
// --adviz-pending-bg, --adviz-pending-line, --adviz-done-bg,
// --adviz-done-line, --adviz-current-bg, --adviz-current-line,
// --adviz-source-bg, --adviz-source-line, --adviz-edge, --adviz-error,
// --adviz-warning. A node's box is its first <polygon> (background) and
// its <polygon fill="none"> (border). An active adjoint edge is dashed and
// gets a back-pointing arrow at its tail (<marker id="adviz-back">), since
// adjoints flow against the edges.
//
// # Animated SVG
//
// Layout.AnimatedSVG writes every step into one SVG that loops with CSS
// animations only: a field's successive texts are stacked <text> elements
// (class "fr"; the finished state's also "fin") shown in turn by
// keyframes w<frames> and a negative animation-delay; node and edge
// colours have keyframes per element; the caption shows each step's
// counter and arithmetic. It plays as an <img> (Markdown, repository
// pages, slides); without animation support or with prefers-reduced-motion
// it shows the finished trace.
package graphviz

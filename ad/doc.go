// Package ad is the automatic-differentiation core of adviz: an expression
// language, its computational graph, and forward and reverse mode, step by
// step.
//
// A program such as
//
//	ln(x1) + x1*x2 - sin(x2)
//
// computes f: Rⁿ → Rᵐ through elementary operations. Its evaluation trace
// (Baydin et al., "Automatic Differentiation in Machine Learning: a
// Survey", Tables 2 and 3) names the inputs v(1-n) ... v0 and the
// operations v1 ... vl, each vi = φi(its arguments), numbered by level (the
// longest path from the inputs) and then by position in the source.
//
// Every primitive φ is one row of Rules: its evaluation, its local partials
// ∂φ/∂a and ∂φ/∂b, and its formula text. Both modes are the chain rule over
// those partials:
//
//   - Forward mode carries dual numbers v + v̇ε (ε² = 0) through the trace:
//     v̇i = Σj ∂vi/∂vj · v̇j. A sweep seeded with ẋ gives J·ẋ; the full
//     Jacobian takes n sweeps.
//   - Reverse mode evaluates the trace, then seeds the outputs with ȳ and
//     pushes adjoints back: v̄j += v̄i · ∂vi/∂vj for each use of vj, from
//     the last operation to the first. A sweep gives ȳᵀJ; the full Jacobian
//     takes m sweeps.
//
// A zero tangent or adjoint contributes exactly zero, even through a partial
// that is infinite or NaN. At non-differentiable points (abs and relu at 0,
// max and min at a tie) a one-sided derivative is used and the trace says
// which (Diagnostic). Domain errors (ln of x <= 0, division by zero, ...),
// NaN and overflow are reported on the node that causes them.
//
// The elementary functions (sin, cos, exp, ln, pow, ...) are correctly
// rounded: each result is the float64 nearest to the exact value
// (double-double evaluation with a math/big fallback near ties; see
// ad/internal/crmath), so the traces reproduce published tables to the last digit,
// e.g. ∂(sin v0)/∂v0 = cos 5 = 0.28366218546322625.
//
// Graph.Trace records every step with its arithmetic, for teaching; Eval,
// Gradient, JVP and Jacobian are the fast paths over a compiled tape, with
// the same numbers.
package ad

// The gallery of examples: each one teaches something.
export const examples = [
  {
    title: "Baydin et al.'s example",
    about: "The running example of the survey: f(x1, x2) = ln(x1) + x1·x2 − sin(x2) at (2, 5). Reverse mode gives ∂f/∂x1 = 5.5 and ∂f/∂x2 = 1.716 in one sweep.",
    program: "ln(x1) + x1*x2 - sin(x2)",
    values: { x1: "2", x2: "5" },
    mode: "reverse",
  },
  {
    title: "Rosenbrock's function",
    about: "The banana valley of optimisation, at its classic starting point (−1.2, 1).",
    program: "(1 - x)^2 + 100*(y - x^2)^2",
    values: { x: "-1.2", y: "1" },
    mode: "reverse",
  },
  {
    title: "micrograd's tanh neuron",
    about: "The neuron of Karpathy's micrograd: o = tanh(x1·w1 + x2·w2 + b). Backprop gives x1's gradient −1.5 and w1's 1.",
    program: "n = x1*w1 + x2*w2 + b\no = tanh(n)",
    values: { x1: "2", w1: "-3", x2: "0", w2: "1", b: "6.8813735870195432" },
    mode: "reverse",
  },
  {
    title: "A reused subexpression",
    about: "u = x·y is used three times: in reverse mode its adjoint collects one contribution per use (the multivariable chain rule).",
    program: "u = x*y\nf = sin(u) + u*u",
    values: { x: "0.5", y: "3" },
    mode: "reverse",
  },
  {
    title: "Two outputs",
    about: "f: R² → R². Forward mode needs one sweep per input, reverse one per output: the cost panel compares them.",
    program: "y1 = x1*x2 + sin(x1)\ny2 = exp(x1) - x2^2",
    values: { x1: "1", x2: "2" },
    mode: "forward",
  },
  {
    title: "Many inputs, one output",
    about: "A loss of five parameters: reverse mode gets the whole gradient in one sweep, forward mode needs five.",
    program: "z = w1*x1 + w2*x2 + w3*x3 + b\nloss = softplus(-z)",
    values: { w1: "0.5", x1: "1", w2: "-1", x2: "2", w3: "0.25", x3: "-1", b: "0.1" },
    mode: "reverse",
  },
  {
    title: "One input, many outputs",
    about: "A curve t ↦ (cos t, sin t, t²): forward mode gets all three derivatives in one sweep.",
    program: "x = cos(t)\ny = sin(t)\nz = t^2",
    values: { t: "pi/3" },
    mode: "forward",
  },
  {
    title: "Trouble: a domain error",
    about: "ln of a negative number: the node that causes it is marked, and so is every derivative it spoils.",
    program: "ln(x - 3) + sqrt(x)",
    values: { x: "1" },
    mode: "forward",
  },
];

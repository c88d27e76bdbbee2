package ad

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatNumber formats x with the given number of significant digits
// (shortest exact representation if digits <= 0), as people write numbers:
// 2, 0.6931, -0.2837, 1.235e+8, 1e-5, NaN, Inf, -Inf.
func FormatNumber(x float64, digits int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	if digits <= 0 {
		digits = -1
	}
	s := strconv.FormatFloat(x, 'g', digits, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		// 1e-05 -> 1e-5, 1.2e+08 -> 1.2e+8
		mant, exp := s[:i], s[i+1:]
		sign := exp[:1]
		exp = strings.TrimLeft(exp[1:], "0")
		s = mant + "e" + sign + exp
	}
	return s
}

// fill substitutes a formula template: $a and $b by args[0] and args[1],
// $c by args[2], $y by y.
func fill(tmpl string, args []string, y string) string {
	if !strings.Contains(tmpl, "$") {
		return tmpl
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] == '$' && i+1 < len(tmpl) {
			switch tmpl[i+1] {
			case 'a':
				b.WriteString(arg(args, 0))
				i++
				continue
			case 'b':
				b.WriteString(arg(args, 1))
				i++
				continue
			case 'c':
				b.WriteString(arg(args, 2))
				i++
				continue
			case 'y':
				b.WriteString(y)
				i++
				continue
			}
		}
		b.WriteByte(tmpl[i])
	}
	return b.String()
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// Combining marks for tangents and adjoints.
const (
	dotAbove = "\u0307" // v̇
	macron   = "\u0304" // v̄
)

// accent puts a combining mark over the first character of name: x1 -> ẋ1.
// Letters that have a precomposed form get it (ẋ, ẏ, ȳ, ā), as text
// written by people usually does (Unicode NFC).
func accent(name, mark string) string {
	r, size := utf8.DecodeRuneInString(name)
	if c, ok := precomposed[mark][r]; ok {
		return string(c) + name[size:]
	}
	return name[:size] + mark + name[size:]
}

// TangentName writes the tangent of a program name: ẋ1 for x1.
func TangentName(name string) string { return accent(name, dotAbove) }

// AdjointName writes the adjoint of a program name: ȳ for y.
func AdjointName(name string) string { return accent(name, macron) }

// Decompose splits a letter that accent writes precomposed (ẋ, ȳ) into its
// base letter and combining mark (U+0307 or U+0304), for a renderer whose
// fonts lack the precomposed letter; ok is false for any other rune.
func Decompose(r rune) (base, mark rune, ok bool) {
	d, ok := decomposed[r]
	return d[0], d[1], ok
}

var decomposed = func() map[rune][2]rune {
	m := map[rune][2]rune{}
	for mark, letters := range precomposed {
		mr, _ := utf8.DecodeRuneInString(mark)
		for base, c := range letters {
			m[c] = [2]rune{base, mr}
		}
	}
	return m
}()

var precomposed = map[string]map[rune]rune{
	dotAbove: {
		'a': 'ȧ', 'b': 'ḃ', 'c': 'ċ', 'd': 'ḋ', 'e': 'ė', 'f': 'ḟ', 'g': 'ġ', 'h': 'ḣ', 'm': 'ṁ', 'n': 'ṅ',
		'o': 'ȯ', 'p': 'ṗ', 'r': 'ṙ', 's': 'ṡ', 't': 'ṫ', 'w': 'ẇ', 'x': 'ẋ', 'y': 'ẏ', 'z': 'ż',
	},
	macron: {'a': 'ā', 'e': 'ē', 'g': 'ḡ', 'i': 'ī', 'o': 'ō', 'u': 'ū', 'y': 'ȳ'},
}

// varText returns the plain-text name of node k: "v-1".
func (g *Graph) varText(k int) string { return g.Nodes[k].Label() }

// varLaTeX returns the LaTeX name of node k: "v_{-1}".
func (g *Graph) varLaTeX(k int) string { return "v_{" + strconv.Itoa(g.Nodes[k].ID) + "}" }

var greek = map[string]string{
	"alpha": `\alpha`, "beta": `\beta`, "gamma": `\gamma`, "delta": `\delta`, "epsilon": `\epsilon`,
	"zeta": `\zeta`, "eta": `\eta`, "theta": `\theta`, "iota": `\iota`, "kappa": `\kappa`,
	"lambda": `\lambda`, "mu": `\mu`, "nu": `\nu`, "xi": `\xi`, "rho": `\rho`, "sigma": `\sigma`,
	"tau": `\tau`, "upsilon": `\upsilon`, "phi": `\phi`, "chi": `\chi`, "psi": `\psi`, "omega": `\omega`,
	"Gamma": `\Gamma`, "Delta": `\Delta`, "Theta": `\Theta`, "Lambda": `\Lambda`, "Xi": `\Xi`,
	"Pi": `\Pi`, "Sigma": `\Sigma`, "Phi": `\Phi`, "Psi": `\Psi`, "Omega": `\Omega`,
	"α": `\alpha`, "β": `\beta`, "γ": `\gamma`, "δ": `\delta`, "ε": `\epsilon`, "ζ": `\zeta`,
	"η": `\eta`, "θ": `\theta`, "ι": `\iota`, "κ": `\kappa`, "λ": `\lambda`, "μ": `\mu`,
	"ν": `\nu`, "ξ": `\xi`, "π": `\pi`, "ρ": `\rho`, "σ": `\sigma`, "τ": `\tau`, "υ": `\upsilon`,
	"φ": `\phi`, "χ": `\chi`, "ψ": `\psi`, "ω": `\omega`, "Γ": `\Gamma`, "Δ": `\Delta`,
	"Θ": `\Theta`, "Λ": `\Lambda`, "Ξ": `\Xi`, "Π": `\Pi`, "Σ": `\Sigma`, "Φ": `\Phi`,
	"Ψ": `\Psi`, "Ω": `\Omega`,
}

// NameLaTeX writes a program name in LaTeX: x1 -> x_{1}, w_2 -> w_{2},
// theta -> \theta, θ0 -> \theta_{0}, loss -> \mathit{loss}. The accent, if
// not empty, is a LaTeX accent command such as \dot or \bar.
func NameLaTeX(name, accentCmd string) string {
	base, sub := name, ""
	// Split a trailing subscript: digits, or anything after the last '_'.
	if i := strings.LastIndexByte(name, '_'); i > 0 && i < len(name)-1 {
		base, sub = name[:i], name[i+1:]
	} else {
		j := len(name)
		for j > 0 && name[j-1] >= '0' && name[j-1] <= '9' {
			j--
		}
		if j > 0 && j < len(name) {
			base, sub = name[:j], name[j:]
		}
	}
	var b string
	switch g, ok := greek[base]; {
	case ok:
		b = g
	case utf8.RuneCountInString(base) == 1:
		b = base
	default:
		b = `\mathit{` + latexEscape(base) + `}`
	}
	if accentCmd != "" {
		b = accentCmd + "{" + b + "}"
	}
	if sub != "" {
		b += "_{" + latexEscape(sub) + "}"
	}
	return b
}

// latexEscape escapes LaTeX's special characters in text.
func latexEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '_', '#', '$', '%', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '^':
			b.WriteString(`\^{}`)
		case '~':
			b.WriteString(`\~{}`)
		default:
			if unicode.IsControl(r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numText formats a number to substitute into a formula: negative numbers
// are parenthesized so "2 × (-5)" reads right.
func numText(x float64, digits int) string {
	s := FormatNumber(x, digits)
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}

// numLaTeX formats a number for LaTeX: 1.2e-5 as 1.2 \times 10^{-5}.
func numLaTeX(x float64, digits int, paren bool) string {
	s := FormatNumber(x, digits)
	switch s {
	case "NaN":
		s = `\mathrm{NaN}`
	case "Inf":
		s = `\infty`
	case "-Inf":
		s = `-\infty`
	default:
		s = numberLaTeX(s)
	}
	if paren && strings.HasPrefix(s, "-") {
		return `(` + s + `)`
	}
	return s
}

package graphviz

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text from the program (names, formulas with their constants, messages)
// reaches three languages: DOT quoted strings, Graphviz HTML-like labels
// and the SVG written here. Every path goes through one of these.

// clean makes s valid UTF-8 without control characters, which XML cannot
// carry: invalid bytes become U+FFFD, newlines become keepNL (or a space)
// and other control characters a space.
func clean(s string, keepNL bool) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepNL:
			return r
		case r == 0xfffe || r == 0xffff:
			return 0xfffd
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// xmlEscaper escapes text for XML element content and attribute values
// (SVG, and Graphviz's HTML-like labels, which are XML).
var xmlEscaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&quot;",
	"'", "&#39;",
	"\n", "&#10;",
)

// xmlText escapes s for XML: element content or a quoted attribute value.
// Newlines become character references, so they survive in attributes.
func xmlText(s string) string { return xmlEscaper.Replace(clean(s, true)) }

// Graphviz gives backslashes meaning in every string it reads: \N, \G,
// \L ... are replaced (in labels, HTML labels and tooltips alike, after
// entities are decoded), and the DOT scanner pairs a backslash with the
// quote after it. No escaping of a backslash survives every path, so a
// backslash from user text reaches Graphviz as U+29F5 REVERSE SOLIDUS
// OPERATOR, which looks the same. Program names cannot contain one; only
// hostile input does.
const backslashLookalike = "\u29f5"

// htmlLabel escapes s for the text of a Graphviz HTML-like label.
func htmlLabel(s string) string {
	return strings.ReplaceAll(xmlEscaper.Replace(clean(s, false)), `\`, backslashLookalike)
}

// dotString returns s as a quoted DOT string. Graphviz decodes HTML
// entities in strings, so & is written &amp;; a backslash becomes a
// lookalike (see backslashLookalike); a quote is escaped; a newline
// becomes \n, a line break in tooltips.
func dotString(s string) string {
	s = clean(s, true)
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(backslashLookalike)
		case '&':
			b.WriteString("&amp;")
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// xmlUnescape decodes the character references Graphviz writes in SVG
// (&amp; &lt; &gt; &quot; &#39; &#45; &#160; ...). It is used to compare
// ids and read texts back; unknown references are kept as written.
func xmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		ref := s[1:j]
		if r, ok := entity(ref); ok {
			b.WriteRune(r)
		} else {
			b.WriteString(s[:j+1])
		}
		s = s[j+1:]
	}
}

func entity(ref string) (rune, bool) {
	switch ref {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	case "nbsp":
		return '\u00a0', true
	}
	if len(ref) > 1 && ref[0] == '#' {
		n, base := ref[1:], 10
		if n[0] == 'x' || n[0] == 'X' {
			n, base = n[1:], 16
		}
		var r rune
		for _, c := range n {
			var d rune
			switch {
			case c >= '0' && c <= '9':
				d = c - '0'
			case base == 16 && c >= 'a' && c <= 'f':
				d = c - 'a' + 10
			case base == 16 && c >= 'A' && c <= 'F':
				d = c - 'A' + 10
			default:
				return 0, false
			}
			r = r*rune(base) + d
			if r > unicode.MaxRune {
				return 0, false
			}
		}
		return r, n != ""
	}
	return 0, false
}

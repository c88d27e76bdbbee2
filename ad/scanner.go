package ad

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// scanner splits program text into tokens. Comments run from '#' or "//" to
// the end of the line. Spaces, tabs and carriage returns separate tokens;
// newlines are tokens of their own (they end statements).
type scanner struct {
	src string
	off int // offset of the next unread byte
}

// item is one scanned token.
type item struct {
	tok Token
	off int    // byte offset of the first character
	lit string // the token's text
	err string // for ILLEGAL and malformed numbers: what is wrong
}

func (s *scanner) scan() item {
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			s.off++
		case c == '#' || (c == '/' && s.off+1 < len(s.src) && s.src[s.off+1] == '/'):
			for s.off < len(s.src) && s.src[s.off] != '\n' {
				s.off++
			}
		default:
			return s.token()
		}
	}
	return item{tok: EOF, off: len(s.src)}
}

func (s *scanner) token() item {
	start := s.off
	c := s.src[start]
	one := func(t Token) item {
		s.off++
		return item{tok: t, off: start, lit: s.src[start:s.off]}
	}
	// two scans c followed by c2 as t2, else c alone as t1.
	two := func(c2 byte, t2, t1 Token) item {
		if start+1 < len(s.src) && s.src[start+1] == c2 {
			s.off += 2
			return item{tok: t2, off: start, lit: s.src[start:s.off]}
		}
		return one(t1)
	}
	switch c {
	case '\n':
		return one(NEWLINE)
	case ';':
		return one(SEMI)
	case '+':
		return one(ADD)
	case '-':
		return one(SUB)
	case '*':
		return two('*', POW, MUL)
	case '/':
		return one(QUO)
	case '^':
		return one(POW)
	case '=':
		return two('=', EQL, ASSIGN)
	case '<':
		return two('=', LEQ, LSS)
	case '>':
		return two('=', GEQ, GTR)
	case '!':
		if start+1 < len(s.src) && s.src[start+1] == '=' {
			return two('=', NEQ, ILLEGAL)
		}
	case '(':
		return one(LPAREN)
	case ')':
		return one(RPAREN)
	case ',':
		return one(COMMA)
	}
	if isDigit(c) || (c == '.' && start+1 < len(s.src) && isDigit(s.src[start+1])) {
		return s.number()
	}
	r, size := utf8.DecodeRuneInString(s.src[start:])
	if r == utf8.RuneError && size == 1 {
		s.off++
		return item{tok: ILLEGAL, off: start, lit: s.src[start:s.off], err: "invalid UTF-8 encoding"}
	}
	if isLetter(r) {
		for s.off < len(s.src) {
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			if !isLetter(r) && !unicode.IsDigit(r) {
				break
			}
			s.off += size
		}
		return item{tok: NAME, off: start, lit: s.src[start:s.off]}
	}
	s.off += size
	return item{tok: ILLEGAL, off: start, lit: s.src[start:s.off], err: "unexpected character " + describeRune(r)}
}

// number scans digits [. digits] [e [+-] digits], or . digits [...].
func (s *scanner) number() item {
	start := s.off
	for s.off < len(s.src) && isDigit(s.src[s.off]) {
		s.off++
	}
	if s.off < len(s.src) && s.src[s.off] == '.' {
		s.off++
		for s.off < len(s.src) && isDigit(s.src[s.off]) {
			s.off++
		}
	}
	if s.off < len(s.src) && (s.src[s.off] == 'e' || s.src[s.off] == 'E') {
		// An exponent only if digits follow; "2e" alone is a malformed number.
		j := s.off + 1
		if j < len(s.src) && (s.src[j] == '+' || s.src[j] == '-') {
			j++
		}
		if j < len(s.src) && isDigit(s.src[j]) {
			for j < len(s.src) && isDigit(s.src[j]) {
				j++
			}
			s.off = j
		} else {
			s.off = j
			return item{tok: ILLEGAL, off: start, lit: s.src[start:s.off], err: "malformed number " + quote(s.src[start:s.off]) + ": the exponent has no digits"}
		}
	}
	return item{tok: NUMBER, off: start, lit: s.src[start:s.off]}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func describeRune(r rune) string {
	if unicode.IsPrint(r) {
		return fmt.Sprintf("'%c'", r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// quote returns s in single quotes, with unprintable characters escaped and
// shortened to 40 characters.
func quote(s string) string {
	q := fmt.Sprintf("%+q", s)
	q = q[1 : len(q)-1]
	if utf8.RuneCountInString(q) > 40 {
		q = string([]rune(q)[:40]) + "…"
	}
	return "'" + q + "'"
}

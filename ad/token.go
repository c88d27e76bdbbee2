package ad

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a position in program text. Line and Col are 1-based; Col counts
// Unicode characters (not bytes) from the start of the line, so a caret
// printed under the source line lines up. Offset is the byte offset.
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// String formats the position as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Valid reports whether p is a position in some text.
func (p Pos) Valid() bool { return p.Line >= 1 && p.Col >= 1 }

// Token is a lexical token kind.
type Token int

// The tokens of the expression language.
const (
	ILLEGAL Token = iota
	EOF
	NEWLINE // a newline (statement separator)
	SEMI    // ;
	NUMBER  // 2, 2.5, .5, 1e-3
	NAME    // x1, θ, sin
	ADD     // +
	SUB     // -
	MUL     // *
	QUO     // /
	POW     // ^ or **
	ASSIGN  // =
	LPAREN  // (
	RPAREN  // )
	COMMA   // ,
	LSS     // <
	LEQ     // <=
	GTR     // >
	GEQ     // >=
	EQL     // ==
	NEQ     // !=
)

var tokenText = [...]string{
	ILLEGAL: "illegal character",
	EOF:     "end of input",
	NEWLINE: "newline",
	SEMI:    "';'",
	NUMBER:  "number",
	NAME:    "name",
	ADD:     "'+'",
	SUB:     "'-'",
	MUL:     "'*'",
	QUO:     "'/'",
	POW:     "'^'",
	ASSIGN:  "'='",
	LPAREN:  "'('",
	RPAREN:  "')'",
	COMMA:   "','",
	LSS:     "'<'",
	LEQ:     "'<='",
	GTR:     "'>'",
	GEQ:     "'>='",
	EQL:     "'=='",
	NEQ:     "'!='",
}

func (t Token) String() string {
	if t >= 0 && int(t) < len(tokenText) {
		return tokenText[t]
	}
	return fmt.Sprintf("token(%d)", int(t))
}

// Precedence returns the binary-operator precedence of t, or 0 if t is not a
// binary operator. Higher binds tighter: comparisons < + - < * / < unary < ^.
func (t Token) Precedence() int {
	switch t {
	case LSS, LEQ, GTR, GEQ, EQL, NEQ:
		return 1
	case ADD, SUB:
		return 2
	case MUL, QUO:
		return 3
	case POW:
		return 5
	}
	return 0
}

// unaryPrec is the precedence of unary minus and plus: above * and /, below ^,
// so -x^2 is -(x^2) and 2*-x is 2*(-x).
const unaryPrec = 4

// Error is an error in program text (or in the inputs given for it) at a
// position. It prints as "line:col: message".
type Error struct {
	Pos Pos
	Msg string
	// Line is the source line the error is on (possibly shortened around
	// the column); Caret uses it. Empty when the error has no position.
	Line string
	// LineCol is the 1-based column of Pos within Line.
	LineCol int
}

func (e *Error) Error() string {
	if !e.Pos.Valid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Caret returns the source line and a caret under the column, for printing
// below the message. It returns "" when the error has no position.
func (e *Error) Caret() string {
	if !e.Pos.Valid() || e.LineCol < 1 {
		return ""
	}
	var b strings.Builder
	b.WriteString(e.Line)
	b.WriteByte('\n')
	i := 0
	for _, r := range e.Line {
		if i >= e.LineCol-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	for ; i < e.LineCol-1; i++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}

// maxCaretLine is the number of characters of a source line shown by Caret.
const maxCaretLine = 80

// errorAt builds an Error at byte offset off in src.
func errorAt(src string, off int, format string, args ...any) *Error {
	pos := position(src, off)
	e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	e.Line, e.LineCol = displayLine(src, off, pos.Col)
	return e
}

// position converts a byte offset to a Pos.
func position(src string, off int) Pos {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	col := 1 + utf8.RuneCountInString(src[start:off])
	return Pos{Offset: off, Line: line, Col: col}
}

// displayLine returns the printable text of the line containing off,
// shortened to a window around the column, and the column within it.
// Control characters and invalid bytes are shown as U+FFFD so that every
// character keeps one column.
func displayLine(src string, off, col int) (string, int) {
	if off > len(src) {
		off = len(src)
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	// Walk the line once, keeping only a window of characters around col.
	first := 1
	if col > maxCaretLine/2 {
		first = col - maxCaretLine/2
	}
	last := first + maxCaretLine - 1
	var b strings.Builder
	if first > 1 {
		b.WriteString("…")
	}
	n := 0
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(src[i:end])
		i += size
		n++
		if n < first {
			continue
		}
		if n > last {
			b.WriteString("…")
			break
		}
		switch {
		case r == '\t':
		case r == utf8.RuneError && size == 1, r == '\r', !unicode.IsPrint(r) && r != ' ':
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	c := col - first + 1
	if first > 1 {
		c++ // the leading ellipsis
	}
	return b.String(), c
}

// positions converts many byte offsets of one text to positions, in
// O(log lines) each (position is O(offset)).
type positions struct {
	src   string
	lines []int           // start offset of each line
	cols  map[int][]int32 // for lines with non-ASCII text: column of each byte
}

func newPositions(src string) *positions {
	p := &positions{src: src, lines: []int{0}, cols: map[int][]int32{}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

func (p *positions) at(off int) Pos {
	off = max(0, min(off, len(p.src)))
	line := sort.SearchInts(p.lines, off+1) - 1
	start := p.lines[line]
	cols, ok := p.cols[line]
	if !ok {
		end := len(p.src)
		if line+1 < len(p.lines) {
			end = p.lines[line+1]
		}
		text := p.src[start:end]
		for i := 0; i < len(text); i++ {
			if text[i] >= utf8.RuneSelf {
				cols = make([]int32, len(text)+1)
				c := int32(1)
				for j := range text {
					cols[j] = c
					c++
				}
				// Bytes inside a character share its column; the end
				// of the line is one past the last character.
				for j := 1; j < len(cols); j++ {
					if cols[j] == 0 {
						cols[j] = cols[j-1]
					}
				}
				cols[len(text)] = c
				break
			}
		}
		p.cols[line] = cols
	}
	col := off - start + 1
	if cols != nil {
		col = int(cols[off-start])
	}
	return Pos{Offset: off, Line: line + 1, Col: col}
}

package ad

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound the work a program may ask for. Exceeding one is an Error
// at the position where the limit was crossed. The zero value of a field
// means its default.
type Limits struct {
	MaxSource int // bytes of program text (default 65536)
	MaxNodes  int // nodes in the graph, inputs included (default 100000)
	MaxDepth  int // nesting depth of expressions (default 500)
}

// Default limits.
const (
	DefaultMaxSource = 64 << 10
	DefaultMaxNodes  = 100000
	DefaultMaxDepth  = 500
)

func (l Limits) withDefaults() Limits {
	if l.MaxSource <= 0 {
		l.MaxSource = DefaultMaxSource
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultMaxNodes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// Expr is an expression of the syntax tree.
type Expr interface {
	// Span returns the byte offsets of the expression's first character and
	// one past its last.
	Span() (start, end int)
}

// Number is a numeric literal.
type Number struct {
	Start, End int
	Value      float64
}

// Ident is a name: an input, an assigned name or a constant (pi, e).
type Ident struct {
	Start int
	Name  string
}

// Unary is -X (unary + makes no node).
type Unary struct {
	Start int // offset of the operator
	Op    Token
	X     Expr
}

// Binary is X op Y.
type Binary struct {
	OpPos int // offset of the operator
	Op    Token
	X, Y  Expr
}

// Call is f(args...).
type Call struct {
	Start  int // offset of the function name
	Name   string
	Op     Op
	Args   []Expr
	Rparen int // offset of ')'
}

// Paren is (X); it keeps the source span for messages.
type Paren struct {
	Lparen, Rparen int
	X              Expr
}

func (x *Number) Span() (int, int) { return x.Start, x.End }
func (x *Ident) Span() (int, int)  { return x.Start, x.Start + len(x.Name) }
func (x *Unary) Span() (int, int)  { _, e := x.X.Span(); return x.Start, e }
func (x *Binary) Span() (int, int) {
	s, _ := x.X.Span()
	_, e := x.Y.Span()
	return s, e
}
func (x *Call) Span() (int, int)  { return x.Start, x.Rparen + 1 }
func (x *Paren) Span() (int, int) { return x.Lparen, x.Rparen + 1 }

// Stmt is one statement: "Name = X", or a bare expression when Name is "".
type Stmt struct {
	Name    string
	NamePos int // offset of Name
	X       Expr
}

// Program is a parsed program.
type Program struct {
	Src   string
	Stmts []*Stmt
}

// Parse parses program text with the default limits.
func Parse(src string) (*Program, error) { return ParseLimits(src, Limits{}) }

// ParseLimits parses program text. A program is one expression, or
// assignments "name = expr" separated by newlines or ';', optionally followed
// by a final expression. Errors are *Error values with positions.
func ParseLimits(src string, lim Limits) (prog *Program, err error) {
	lim = lim.withDefaults()
	if len(src) > lim.MaxSource {
		return nil, errorAt(src, lim.MaxSource, "program is too long: %d bytes; the limit is %d", len(src), lim.MaxSource)
	}
	p := &parser{s: scanner{src: src}, src: src, maxDepth: lim.MaxDepth}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			prog, err = nil, e
		}
	}()
	p.next()
	prog = &Program{Src: src}
	for {
		for p.tok.tok == NEWLINE || p.tok.tok == SEMI {
			p.next()
		}
		if p.tok.tok == EOF {
			break
		}
		start := p.tok.off
		st := p.stmt()
		if n := len(prog.Stmts); n > 0 && prog.Stmts[n-1].Name == "" {
			s, _ := prog.Stmts[n-1].X.Span()
			if c := p.src[start]; c == '+' || c == '-' {
				p.failAt(s, "this expression is not the last statement, so nothing uses it; to continue it on the next line, end this line with the operator")
			}
			p.failAt(s, "this expression is not the last statement, so nothing uses it; give it a name (name = ...)")
		}
		prog.Stmts = append(prog.Stmts, st)
		switch p.tok.tok {
		case NEWLINE, SEMI, EOF:
		default:
			p.unexpected("; expected an operator, a newline or ';'")
		}
	}
	if len(prog.Stmts) == 0 {
		return nil, errorAt(src, len(src), "empty program: write an expression such as ln(x1) + x1*x2 - sin(x2)")
	}
	return prog, nil
}

type parser struct {
	s        scanner
	src      string
	tok      item // current token
	prev     item // previous token
	depth    int  // current nesting depth of expressions
	parens   int  // open parentheses: newlines inside them are skipped
	maxDepth int
}

func (p *parser) next() {
	p.prev = p.tok
	p.tok = p.s.scan()
	for p.tok.tok == NEWLINE && p.parens > 0 {
		p.tok = p.s.scan()
	}
	if p.tok.tok == ILLEGAL {
		p.failAt(p.tok.off, "%s", p.tok.err)
	}
}

func (p *parser) failAt(off int, format string, args ...any) {
	panic(errorAt(p.src, off, format, args...))
}

// unexpected reports the current token as unexpected, with a hint.
func (p *parser) unexpected(hint string) {
	t := p.tok
	what := describeToken(t)
	if t.tok == NAME && p.prev.tok == NUMBER && p.prev.off+len(p.prev.lit) == t.off {
		hint = fmt.Sprintf("; write %s*%s to multiply", p.prev.lit, t.lit)
	}
	if t.tok == LPAREN && (p.prev.tok == NUMBER || p.prev.tok == RPAREN) {
		hint = "; write * to multiply"
	}
	p.failAt(t.off, "unexpected %s%s", what, hint)
}

func describeToken(t item) string {
	switch t.tok {
	case EOF:
		return "end of input"
	case NEWLINE:
		return "end of line"
	case NAME:
		return "name " + quote(t.lit)
	case NUMBER:
		return "number " + t.lit
	}
	return quote(t.lit)
}

func (p *parser) stmt() *Stmt {
	if p.tok.tok == NAME {
		// Look ahead for '=' without consuming.
		save := p.s
		la := p.s.scan()
		p.s = save
		if la.tok == ASSIGN {
			name, off := p.tok.lit, p.tok.off
			switch {
			case isFunc(name):
				p.failAt(off, "cannot assign to %s: it is a function", quote(name))
			case isConst(name):
				p.failAt(off, "cannot assign to %s: it is a constant", quote(name))
			}
			p.next() // name
			p.next() // '='
			return &Stmt{Name: name, NamePos: off, X: p.expr(1)}
		}
	}
	return &Stmt{X: p.expr(1)}
}

// expr parses a binary expression whose operators have precedence >= min
// (precedence climbing). ^ is right-associative.
func (p *parser) expr(min int) Expr {
	p.depth++
	if p.depth > p.maxDepth {
		p.failAt(p.tok.off, "expression is nested too deeply (the limit is %d levels)", p.maxDepth)
	}
	defer func() { p.depth-- }()
	x := p.unary()
	for {
		op := p.tok.tok
		prec := op.Precedence()
		if prec == 0 || prec < min {
			return x
		}
		off := p.tok.off
		p.next()
		var y Expr
		if op == POW {
			y = p.expr(prec) // right-associative
		} else {
			y = p.expr(prec + 1)
		}
		x = &Binary{OpPos: off, Op: op, X: x, Y: y}
	}
}

func (p *parser) unary() Expr {
	// An operand may start on the next line after an operator.
	for p.tok.tok == NEWLINE {
		p.next()
	}
	switch p.tok.tok {
	case ADD, SUB:
		op, off := p.tok.tok, p.tok.off
		p.next()
		x := p.expr(unaryPrec)
		if op == ADD {
			return x
		}
		return &Unary{Start: off, Op: op, X: x}
	}
	return p.primary()
}

func (p *parser) primary() Expr {
	t := p.tok
	switch t.tok {
	case NUMBER:
		v, err := strconv.ParseFloat(t.lit, 64)
		if err != nil && (v > 1 || v < -1) {
			p.failAt(t.off, "number %s is too large for a float64", t.lit)
		}
		p.next()
		return &Number{Start: t.off, End: t.off + len(t.lit), Value: v}
	case NAME:
		p.next()
		if p.tok.tok == LPAREN {
			return p.call(t)
		}
		if isFunc(t.lit) {
			p.failAt(t.off, "%s is a function: call it as %s(...)", quote(t.lit), t.lit)
		}
		return &Ident{Start: t.off, Name: t.lit}
	case LPAREN:
		p.parens++
		p.next()
		x := p.expr(1)
		if p.tok.tok != RPAREN {
			p.unclosed(t.off, "')'")
		}
		p.parens--
		r := p.tok.off
		p.next()
		return &Paren{Lparen: t.off, Rparen: r, X: x}
	case EOF:
		p.failAt(t.off, "unexpected end of input; expected an operand")
	case NEWLINE, SEMI:
		p.failAt(t.off, "unexpected %s; expected an operand", describeToken(t))
	}
	p.unexpected("")
	return nil
}

// unclosed reports a missing closing token for the opener at off.
func (p *parser) unclosed(open int, want string) {
	if p.tok.tok == EOF || p.tok.tok == NEWLINE || p.tok.tok == SEMI {
		p.failAt(p.tok.off, "missing %s to close '(' at %s", want, position(p.src, open))
	}
	p.unexpected(fmt.Sprintf("; expected %s to close '(' at %s", want, position(p.src, open)))
}

func (p *parser) call(name item) Expr {
	op, ok := funcs[name.lit]
	if !ok {
		msg := "unknown function " + quote(name.lit)
		if s := suggest(name.lit); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += " (to multiply, write " + name.lit + "*(...))"
		}
		if isConst(name.lit) {
			msg = quote(name.lit) + " is a constant, not a function"
		}
		p.failAt(name.off, "%s", msg)
	}
	lparen := p.tok.off
	p.parens++
	p.next()
	c := &Call{Start: name.off, Name: name.lit, Op: op}
	if p.tok.tok != RPAREN {
		for {
			c.Args = append(c.Args, p.expr(1))
			if p.tok.tok != COMMA {
				break
			}
			p.next()
		}
	}
	if p.tok.tok != RPAREN {
		p.unclosed(lparen, "')'")
	}
	p.parens--
	c.Rparen = p.tok.off
	if want := Rules[op].Arity; len(c.Args) != want {
		p.failAt(name.off, "%s takes %d argument%s, not %d", name.lit, want, plural(want), len(c.Args))
	}
	p.next()
	return c
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func isFunc(name string) bool  { _, ok := funcs[name]; return ok }
func isConst(name string) bool { _, ok := constants[name]; return ok }

// suggest returns known function names close to name, or "".
func suggest(name string) string {
	var best []string
	bestD := 2 // at most two edits, one for short names
	if utf8.RuneCountInString(name) <= 3 {
		bestD = 1
	}
	for f := range funcs {
		d := editDistance(strings.ToLower(name), f)
		if d < bestD || d == bestD && len(best) == 0 {
			best, bestD = []string{f}, d
		} else if d == bestD {
			best = append(best, f)
		}
	}
	if len(best) == 0 || len(best) > 3 {
		return ""
	}
	sort.Strings(best)
	return strings.Join(best, " or ")
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 32 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Names returns the names a program reads without assigning them first, in
// order of first use: the inputs it needs values for.
func (p *Program) Names() []string {
	assigned := map[string]bool{}
	seen := map[string]bool{}
	var names []string
	var walk func(Expr)
	walk = func(x Expr) {
		switch x := x.(type) {
		case *Ident:
			if !assigned[x.Name] && !seen[x.Name] && !isConst(x.Name) {
				seen[x.Name] = true
				names = append(names, x.Name)
			}
		case *Unary:
			walk(x.X)
		case *Binary:
			walk(x.X)
			walk(x.Y)
		case *Call:
			for _, a := range x.Args {
				walk(a)
			}
		case *Paren:
			walk(x.X)
		}
	}
	for _, st := range p.Stmts {
		walk(st.X)
		if st.Name != "" {
			assigned[st.Name] = true
		}
	}
	return names
}

package ad

import (
	"testing"
	"unicode/utf8"
)

func TestPositions(t *testing.T) {
	for _, src := range []string{"", "x", "ab\ncd", "θx\n\nαβγ + x\nz", "a\xffb\nc", "\n\n"} {
		p := newPositions(src)
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue // tokens start at characters
			}
			if got, want := p.at(off), position(src, off); got != want {
				t.Errorf("%q at %d: %v, want %v", src, off, got, want)
			}
		}
	}
}

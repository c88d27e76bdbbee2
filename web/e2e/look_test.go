package e2e

import (
	"fmt"
	"testing"
)

// The page at desktop and phone width, in light and dark: screenshots to
// look at (artifacts/e2e/look-*.png), and nothing wider than the screen.
func TestLook(t *testing.T) {
	views := []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"wide", 1680, 1000, false}, {"phone", 390, 844, true}}
	for _, v := range views {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(v.name+"-"+scheme, func(t *testing.T) {
				b := newBrowser(t)
				b.do(t, emulate(v.width, v.height, v.mobile, scheme))
				b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "12"))
				if got := eval[string](t, b, `getComputedStyle(document.body).backgroundColor`); (scheme == "dark") != (got == "rgb(19, 21, 24)") {
					t.Errorf("%s scheme: body background %s", scheme, got)
				}
				if w := eval[int](t, b, `document.documentElement.scrollWidth - innerWidth`); w > 0 {
					t.Errorf("the page is %dpx wider than the screen", w)
				}
				b.screenshot(t, fmt.Sprintf("look-%s-%s", v.name, scheme), true)
				if v.mobile {
					for _, sec := range []string{"graph-panel", "trace-title", "fd-title"} {
						b.do(t, js(fmt.Sprintf(`document.getElementById(%q).scrollIntoView()`, sec)))
						b.screenshot(t, fmt.Sprintf("look-%s-%s-%s", v.name, scheme, sec), false)
					}
				}
			})
		}
	}
}

package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The Share dialog gives a permalink and an iframe snippet, and every export
// downloads a file with the right content.
func TestShareAndExports(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	b.open(t, pageURL(baydin, "x1:2,x2:5", "reverse", "last"))
	b.do(t, chromedp.Click(chromedp.ID("share-button")))
	b.waitFor(t, `document.querySelector("#share").open`)
	link := eval[string](t, b, `document.querySelector("#share-link").value`)
	if !strings.Contains(link, "?p=ln(x1)") || !strings.Contains(link, "at=x1:2,x2:5") || !strings.Contains(link, "step=last") {
		t.Errorf("permalink %q", link)
	}
	snippet := eval[string](t, b, `document.querySelector("#share-iframe").value`)
	if !strings.HasPrefix(snippet, `<iframe src="`) || !strings.Contains(snippet, "/embed.html?p=") {
		t.Errorf("iframe snippet %q", snippet)
	}
	// Markdown images of this step and of the animated sweep, drawn by the
	// API of the server that serves the page.
	b.waitFor(t, `!document.querySelector("#share-api").hidden`)
	images := strings.Split(eval[string](t, b, `document.querySelector("#share-images").value`), "\n")
	imageRE := regexp.MustCompile(`^!\[adviz: reverse mode on ln\(x1\) \+ x1\\\*x2 - sin\(x2\), (step 16|animated)\]\((http://[^ ()]+)\)$`)
	for i, want := range []string{"1.716", "@keyframes"} {
		if i >= len(images) {
			t.Fatalf("Markdown images %q: want 2 lines", images)
		}
		m := imageRE.FindStringSubmatch(images[i])
		if m == nil {
			t.Errorf("Markdown image %q does not match %s", images[i], imageRE)
			continue
		}
		res, err := http.Get(m[2])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %s, %s, %d bytes, want an SVG with %q", m[2], res.Status, res.Header.Get("Content-Type"), len(body), want)
		}
	}
	b.screenshot(t, "share-dialog", false)
	exports := []struct{ button, file, want string }{
		{"dot", "adviz-reverse-step16.dot", "digraph"},
		{"svg", "adviz-reverse-step16.svg", "1.716"},
		{"animated", "adviz-reverse-animated.svg", "@keyframes"},
		{"markdown", "adviz-reverse-trace.md", "| x̄2 = v̄0 = 1.716 |"},
		{"latex", "adviz-reverse-trace.tex", `\begin{tabular}`},
	}
	for _, e := range exports {
		b.do(t, chromedp.Click(chromedp.CSS(`[data-export="`+e.button+`"]`)))
		path := filepath.Join(dir, e.file)
		var data []byte
		for start := time.Now(); time.Since(start) < 15*time.Second; time.Sleep(100 * time.Millisecond) {
			if d, err := os.ReadFile(path); err == nil && len(d) > 0 {
				data = d
				break
			}
		}
		if !strings.Contains(string(data), e.want) {
			t.Errorf("export %s: %s has %d bytes without %q", e.button, e.file, len(data), e.want)
		}
	}
	if msg := eval[string](t, b, `document.querySelector("#share-status").textContent`); msg != "Downloaded." {
		t.Errorf("status %q", msg)
	}
}

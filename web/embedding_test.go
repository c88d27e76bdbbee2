//go:build !js

package web

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/adviz/adviz/web/webtest"
)

// TestEmbeddingDoc fetches every URL of the README (its section on
// embedding in course notes, and the API reference) from the native
// handler, so the recipes stay true: each must answer 200 with the kind of
// content the recipe promises.
func TestEmbeddingDoc(t *testing.T) {
	doc, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, "native", NewHandler(Options{Renderer: nativeRenderer(t), PNG: true, Static: Static()}))
	// URLs end at a quote, a closing parenthesis followed by nothing that
	// continues them, white space or a Markdown attribute block.
	urls := regexp.MustCompile(`http://127\.0\.0\.1:8080(/[^\s"'{}]*?)(?:\)?(?:[\s"'{]|$))`).FindAllStringSubmatch(string(doc), -1)
	if len(urls) < 10 {
		t.Fatalf("found %d URLs in README.md", len(urls))
	}
	seen := map[string]bool{}
	for _, m := range urls {
		path := m[1]
		if path == "" || path == "/" || seen[path] || strings.Contains(path, "{") {
			continue
		}
		seen[path] = true
		t.Log(path)
		// The iframes speak the API's vocabulary: p for the program, at as
		// x1:2 (the page still reads the older e= and x1=2).
		if strings.HasPrefix(path, "/embed.html") && (!strings.Contains(path, "?p=") || strings.Contains(path, "x1=")) {
			t.Errorf("%s: an iframe URL in the old form; want p= and at=x1:2", path)
		}
		r, err := s.Get(path)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"/api/v1/svg": "image/svg+xml", "/api/v1/png": "image/png",
			"/api/v1/trace": "text/", "/embed.html": "text/html",
		}[strings.SplitN(path, "?", 2)[0]]
		if r.Status != 200 || want == "" || !strings.HasPrefix(r.Header.Get("Content-Type"), want) {
			t.Errorf("%s: %d %s (want 200 %s): %.200s", path, r.Status, r.Header.Get("Content-Type"), want, r.Body)
			continue
		}
		if want == "image/svg+xml" {
			if _, err := webtest.SVGNodes(r.Body); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
	}
	t.Logf("%d URLs of README.md answered", len(seen))
}

package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func TestStaticHandler(t *testing.T) {
	big := bytes.Repeat([]byte("(module) "), 200)
	fsys := fstest.MapFS{
		"index.html":      {Data: []byte("<!doctype html><title>t</title>")},
		"gen/adviz.wasm":  {Data: big},
		"js/app.js":       {Data: []byte("export {};")},
		"css/a.css":       {Data: []byte("p{}")},
		"docs/index.html": {Data: []byte("docs")},
	}
	h := StaticHandler(fsys)
	get := func(path string, hdr ...string) *http.Response {
		r := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	for path, want := range map[string]string{
		"/":               "text/html; charset=utf-8",
		"/gen/adviz.wasm": "application/wasm",
		"/js/app.js":      "text/javascript; charset=utf-8",
		"/css/a.css":      "text/css; charset=utf-8",
	} {
		if res := get(path); res.StatusCode != 200 || res.Header.Get("Content-Type") != want {
			t.Errorf("%s: %d %q, want 200 %q", path, res.StatusCode, res.Header.Get("Content-Type"), want)
		}
	}
	// gzip when accepted, the same bytes when unzipped; 304 when unchanged.
	res := get("/gen/adviz.wasm", "Accept-Encoding", "gzip, br")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", res.Header)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !bytes.Equal(b, big) {
		t.Error("the gzip body is not the file")
	}
	if res := get("/gen/adviz.wasm", "Accept-Encoding", "gzip", "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	if res := get("/missing.js"); res.StatusCode != 404 {
		t.Errorf("missing file: %d", res.StatusCode)
	}
	if res := get("/docs"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/docs/" {
		t.Errorf("directory: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := get("/../../etc/passwd"); res.StatusCode != 404 {
		t.Errorf("path outside: %d", res.StatusCode)
	}
	if Built(fsys) {
		t.Error("Built without viz.js")
	}
}

package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStaticHandler(t *testing.T) {
	big := bytes.Repeat([]byte("(module) "), 200)
	wasm := bytes.Repeat([]byte("\x00asm wasm "), 300)
	now := time.Now()
	fsys := fstest.MapFS{
		"index.html":           {Data: []byte("<!doctype html><title>t</title>")},
		"gen/adviz.wasm":       {Data: wasm, ModTime: now},
		"gen/adviz.wasm.br":    {Data: []byte("brotli bytes of adviz.wasm"), ModTime: now},
		"gen/adviz.wasm.gz":    {Data: gz(t, wasm), ModTime: now},
		"gen/viz.js":           {Data: big, ModTime: now},
		"gen/viz.js.br":        {Data: []byte("an old brotli"), ModTime: now.Add(-time.Hour)},
		"gen/wasm_exec.js":     {Data: big},
		"js/app.js":            {Data: []byte("export {};")},
		"css/a.css":            {Data: []byte("p{}")},
		"docs/index.html":      {Data: []byte("docs")},
		"gen/first.json":       {Data: []byte(`{"x":1}`)},
		"gen/first.json.gz":    {Data: gz(t, []byte(`{"x":1}`))},
		"gen/graphviz.wasm.br": {Data: []byte("no file beside it")},
	}
	h := StaticHandler(fsys)
	get := func(path string, hdr ...string) (*http.Response, []byte) {
		r := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result(), w.Body.Bytes()
	}
	for path, want := range map[string]string{
		"/":               "text/html; charset=utf-8",
		"/gen/adviz.wasm": "application/wasm",
		"/js/app.js":      "text/javascript; charset=utf-8",
		"/css/a.css":      "text/css; charset=utf-8",
	} {
		if res, _ := get(path); res.StatusCode != 200 || res.Header.Get("Content-Type") != want {
			t.Errorf("%s: %d %q, want 200 %q", path, res.StatusCode, res.Header.Get("Content-Type"), want)
		}
	}

	// Each file and Accept-Encoding: the coding sent and the bytes once
	// decoded (for brotli, the .br file itself: Go has no brotli decoder;
	// the browser tests decode it).
	tests := []struct {
		path, accept, coding string
		body                 []byte // as decoded (gzip) or as sent (br)
	}{
		{"/gen/adviz.wasm", "gzip, deflate, br, zstd", "br", []byte("brotli bytes of adviz.wasm")},
		{"/gen/adviz.wasm", "br;q=1.0, gzip;q=0.8", "br", []byte("brotli bytes of adviz.wasm")},
		{"/gen/adviz.wasm", "gzip", "gzip", wasm},
		{"/gen/adviz.wasm", "br;q=0, gzip", "gzip", wasm},
		{"/gen/adviz.wasm", "*", "br", []byte("brotli bytes of adviz.wasm")},
		{"/gen/adviz.wasm", "identity", "", wasm},
		{"/gen/adviz.wasm", "", "", wasm},
		{"/gen/viz.js", "br, gzip", "gzip", big},       // its .br is older than it: not used; gzipped here
		{"/gen/wasm_exec.js", "gzip, br", "gzip", big}, // no precompressed files: gzipped here
		{"/gen/first.json", "gzip, br", "gzip", []byte(`{"x":1}`)},
		{"/js/app.js", "gzip", "", []byte("export {};")}, // small: sent as it is
	}
	etags := map[string]string{}
	for _, tt := range tests {
		res, body := get(tt.path, "Accept-Encoding", tt.accept)
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != tt.coding {
			t.Errorf("%s, Accept-Encoding %q: %d, Content-Encoding %q, want %q", tt.path, tt.accept, res.StatusCode, res.Header.Get("Content-Encoding"), tt.coding)
			continue
		}
		if tt.coding == "gzip" {
			body = gunzip(t, body)
		}
		if !bytes.Equal(body, tt.body) {
			t.Errorf("%s, Accept-Encoding %q: the body is not the file (%.40q)", tt.path, tt.accept, body)
		}
		etag := res.Header.Get("ETag")
		if len(etag) < 3 || etag[0] != '"' || res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s, Accept-Encoding %q: ETag %q, Vary %q, Cache-Control %q", tt.path, tt.accept, etag, res.Header.Get("Vary"), res.Header.Get("Cache-Control"))
		}
		// One strong ETag per file and coding; the codings of a file
		// have different ones.
		key := tt.path + " " + tt.coding
		if prev, ok := etags[key]; ok && prev != etag {
			t.Errorf("%s: ETag %s, then %s", key, prev, etag)
		}
		for k, other := range etags {
			if k != key && strings.HasPrefix(k, tt.path+" ") && other == etag {
				t.Errorf("%s and %s share the ETag %s", key, k, etag)
			}
		}
		etags[key] = etag
		// Revalidation: 304 with the same encoding, 200 with another's tag.
		if res, _ := get(tt.path, "Accept-Encoding", tt.accept, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s, Accept-Encoding %q, If-None-Match %s: %d, want 304", tt.path, tt.accept, etag, res.StatusCode)
		}
	}
	if res, _ := get("/gen/adviz.wasm", "Accept-Encoding", "identity", "If-None-Match", etags["/gen/adviz.wasm br"]); res.StatusCode != 200 {
		t.Errorf("identity with the brotli ETag: %d, want 200", res.StatusCode)
	}
	// A URL with the file's version may be kept; another version may not.
	for v, want := range map[string]string{Version(wasm): "public, max-age=31536000, immutable", "0123456789abcdef": "no-cache", "": "no-cache"} {
		res, body := get("/gen/adviz.wasm?v="+v, "Accept-Encoding", "gzip")
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != want || !bytes.Equal(gunzip(t, body), wasm) {
			t.Errorf("?v=%s: %d, Cache-Control %q, want %q", v, res.StatusCode, res.Header.Get("Cache-Control"), want)
		}
	}
	if res, _ := get("/gen/graphviz.wasm", "Accept-Encoding", "br"); res.StatusCode != 404 {
		t.Errorf("a .br without its file: %d, want 404", res.StatusCode)
	}
	if res, _ := get("/missing.js"); res.StatusCode != 404 {
		t.Errorf("missing file: %d", res.StatusCode)
	}
	if res, _ := get("/docs"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/docs/" {
		t.Errorf("directory: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := get("/../../etc/passwd"); res.StatusCode != 404 {
		t.Errorf("path outside: %d", res.StatusCode)
	}
	if Built(fsys) {
		t.Error("Built without gen/graphviz.wasm")
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate, br, zstd", "gzip", true},
		{"gzip", "br", false},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.5", "br", true},
		{"*;q=0.1", "gzip", true},
		{"*, gzip;q=0", "gzip", false},
		{"identity", "gzip", false},
		{"", "gzip", false},
	} {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v", tt.header, tt.coding, got)
		}
	}
}

package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"hash/crc32"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// static is the page: index.html, embed.html, its modules, styles and
// icons, and in static/gen what scripts/build-web.sh generates (the Go
// module, wasm_exec.js and Graphviz's viz.js).
//
//go:embed static
var static embed.FS

// Static returns the page's files, rooted at the page (index.html is at its
// top).
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // cannot happen: static is embedded
	}
	return sub
}

// Built reports whether the generated assets (scripts/build-web.sh) are in
// fsys; without them the page cannot start.
func Built(fsys fs.FS) bool {
	for _, name := range []string{"gen/adviz.wasm", "gen/wasm_exec.js", "gen/viz.js"} {
		if _, err := fs.Stat(fsys, name); err != nil {
			return false
		}
	}
	return true
}

// contentTypes are the types of the page's files, set explicitly so that
// they do not depend on the system's MIME tables.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".md":   "text/markdown; charset=utf-8",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// StaticHandler serves fsys (such as Static()) with the content types of
// the page, gzip when the client accepts it, and no caching (for
// development and tests; the API handler serves the page in production).
func StaticHandler(fsys fs.FS) http.Handler {
	var zipped sync.Map // name and checksum -> []byte, gzip of the file
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			if st, serr := fs.Stat(fsys, path.Join(name, "index.html")); serr == nil && !st.IsDir() {
				http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
				return
			}
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		if ct, ok := contentTypes[path.Ext(name)]; ok {
			h.Set("Content-Type", ct)
		} else {
			h.Set("Content-Type", "application/octet-stream")
		}
		// Revalidated every time (no-cache), answered 304 when unchanged.
		sum := strconv.FormatUint(uint64(crc32.ChecksumIEEE(b)), 16)
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Add("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && len(b) > 512 {
			h.Set("ETag", `"`+sum+`-gz"`)
			key := name + "\x00" + sum
			z, ok := zipped.Load(key)
			if !ok {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
				zw.Write(b)
				zw.Close()
				z, _ = zipped.LoadOrStore(key, buf.Bytes())
			}
			h.Set("Content-Encoding", "gzip")
			b = z.([]byte)
		} else {
			h.Set("ETag", `"`+sum+`"`)
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
	})
}

// DevHandler serves fsys with StaticHandler and the page's security
// headers (PageHeaders): the page as the API handler will serve it, for
// development and the browser tests.
func DevHandler(fsys fs.FS) http.Handler {
	static := StaticHandler(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range PageHeaders {
			w.Header().Set(k, v)
		}
		static.ServeHTTP(w, r)
	})
}

package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"hash/fnv"
	"io"
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
// module, wasm_exec.js, Graphviz's loader viz.js and its graphviz.wasm,
// the prerendered first graph, the bundled modules and stylesheet, and
// the .br and .gz of each of them).
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

// Generated lists the files scripts/build-web.sh writes into gen/; the
// page cannot start without them.
var Generated = []string{"gen/adviz.wasm", "gen/wasm_exec.js", "gen/viz.js", "gen/graphviz.wasm", "gen/first.js",
	"gen/app.js", "gen/embed.js", "gen/worker.js", "gen/adviz.css"}

// Built reports whether the generated assets (scripts/build-web.sh) are in
// fsys; without them the page cannot start.
func Built(fsys fs.FS) bool {
	for _, name := range Generated {
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

// Content codings of the page's files, best first: brotli, then gzip.
// scripts/build-web.sh writes NAME.br and NAME.gz beside the big generated
// files (brotli quality 11 and gzip level 9, which a server cannot afford
// per request); other files are gzipped here once and kept.
var codings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// accepts reports whether an Accept-Encoding header accepts coding (a
// q-value of 0 refuses it; "*" accepts what is not named).
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		switch name {
		case coding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

// variant is one encoding of a file as sent, with its strong ETag.
type variant struct {
	etag string
	data []byte // nil: read the file itself (identity or a precompressed file)
	file string // the file to send when data is nil
}

// StaticHandler serves fsys (such as Static()) with the content types of
// the page. A client that accepts brotli or gzip gets the precompressed
// NAME.br or NAME.gz when fsys has one that is not older than NAME, else
// (gzip only) a gzip made on the first request and kept. Every encoding
// has its own strong ETag (a hash of the bytes sent), and the answer
// varies by Accept-Encoding. Files are revalidated at every use
// (no-cache: an unchanged file costs a 304), except a URL that names the
// file's version, ?v=Version(file): the browser may keep that one for a
// year without asking (the page puts the version in the URLs of its
// WebAssembly, whose compiled code Chromium caches only for a response it
// did not revalidate).
func StaticHandler(fsys fs.FS) http.Handler {
	var cache sync.Map // name, size, time and coding -> *variant
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		st, err := fs.Stat(fsys, name)
		if err != nil || st.IsDir() {
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
		h.Set("Cache-Control", "no-cache")
		if v := r.URL.Query().Get("v"); v != "" {
			if id, err := cached(&cache, fsys, name, st, "version", func() (*variant, error) { return versioned(fsys, name) }); err == nil && id.etag == v {
				h.Set("Cache-Control", "public, max-age=31536000, immutable")
			}
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Add("Vary", "Accept-Encoding")

		accept := r.Header.Get("Accept-Encoding")
		v, coding := (*variant)(nil), ""
		for _, c := range codings {
			if !accepts(accept, c.name) {
				continue
			}
			if zst, err := fs.Stat(fsys, name+c.ext); err == nil && !zst.IsDir() && !zst.ModTime().Before(st.ModTime()) {
				v, err = cached(&cache, fsys, name+c.ext, zst, c.name, func() (*variant, error) {
					return hashed(fsys, name+c.ext, c.name)
				})
				if err == nil {
					coding = c.name
					break
				}
			}
		}
		if v == nil && accepts(accept, "gzip") && st.Size() > 512 {
			v, err = cached(&cache, fsys, name, st, "gzip-made", func() (*variant, error) { return gzipped(fsys, name) })
			if err == nil {
				coding = "gzip"
			}
		}
		if v == nil {
			if v, err = cached(&cache, fsys, name, st, "", func() (*variant, error) { return hashed(fsys, name, "") }); err != nil {
				http.Error(w, "500 cannot read "+name, http.StatusInternalServerError)
				return
			}
		}
		if coding != "" {
			h.Set("Content-Encoding", coding)
		}
		h.Set("ETag", v.etag)
		if v.data != nil {
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(v.data))
			return
		}
		f, err := fsys.Open(v.file)
		if err != nil {
			http.Error(w, "500 cannot read "+name, http.StatusInternalServerError)
			return
		}
		defer f.Close()
		if rs, ok := f.(io.ReadSeeker); ok {
			http.ServeContent(w, r, "", time.Time{}, rs)
			return
		}
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "500 cannot read "+name, http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
	})
}

// cached returns the variant of file name (as it is now: its size and
// time are in the key) for coding, making it once.
func cached(cache *sync.Map, fsys fs.FS, name string, st fs.FileInfo, coding string, build func() (*variant, error)) (*variant, error) {
	key := name + "\x00" + strconv.FormatInt(st.Size(), 10) + "\x00" + st.ModTime().String() + "\x00" + coding
	if v, ok := cache.Load(key); ok {
		return v.(*variant), nil
	}
	v, err := build()
	if err != nil {
		return nil, err
	}
	got, _ := cache.LoadOrStore(key, v)
	return got.(*variant), nil
}

// etag is a strong entity tag: the 64-bit FNV-1a hash of the bytes sent,
// and the coding.
func etag(b []byte, coding string) string {
	f := fnv.New64a()
	f.Write(b)
	t := strconv.FormatUint(f.Sum64(), 36)
	if coding != "" {
		t += "-" + coding
	}
	return `"` + t + `"`
}

// hashed is a file sent as it is stored (identity, or a precompressed
// file sent with its coding).
func hashed(fsys fs.FS, name, coding string) (*variant, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return &variant{etag: etag(b, coding), file: name}, nil
}

// Version is the version of a file's content that a URL can name
// (?v=VERSION) to be kept without revalidation: the first 16 hex digits of
// its SHA-256 (scripts/build-web.sh computes the same).
func Version(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// versioned holds the Version of a file in place of an ETag.
func versioned(fsys fs.FS, name string) (*variant, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return &variant{etag: Version(b)}, nil
}

// gzipped is a file gzipped here (best compression), kept in memory.
func gzipped(fsys fs.FS, name string) (*variant, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return &variant{etag: etag(buf.Bytes(), "gzip"), data: buf.Bytes()}, nil
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

// Package gvcache points go-graphviz's compilation cache at the user's
// cache directory.
//
// go-graphviz compiles Graphviz's WebAssembly module with wazero in its
// package init and caches the result in $TMPDIR/go-graphviz (os.TempDir).
// This package's init runs before that one (Go initialises packages in
// import-path order as soon as their imports are done, and this one needs
// only os and path/filepath, which go-graphviz needs too), and sets TMPDIR
// to os.UserCacheDir()/adviz, so the cache lands in
// os.UserCacheDir()/adviz/go-graphviz. Restore puts TMPDIR back; the
// graphviz package calls it in its own init, which runs after
// go-graphviz's. When there is no user cache directory, TMPDIR is left
// alone.
package gvcache

import (
	"os"
	"path/filepath"
)

var (
	oldTMPDIR string
	hadTMPDIR bool
	changed   bool
	// Dir is the directory that holds the cache (go-graphviz adds
	// "go-graphviz"), or "" when TMPDIR was left alone.
	Dir string
)

func init() {
	base, err := os.UserCacheDir()
	if err != nil {
		return
	}
	dir := filepath.Join(base, "adviz")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	oldTMPDIR, hadTMPDIR = os.LookupEnv("TMPDIR")
	if os.Setenv("TMPDIR", dir) == nil {
		changed, Dir = true, dir
	}
}

// Restore puts TMPDIR back as it was before this package's init.
func Restore() {
	if !changed {
		return
	}
	changed = false
	if hadTMPDIR {
		os.Setenv("TMPDIR", oldTMPDIR)
	} else {
		os.Unsetenv("TMPDIR")
	}
}

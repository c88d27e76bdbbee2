package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/adviz/adviz/graphviz"
	"github.com/adviz/adviz/web"
)

func init() {
	commands["serve"] = command{runServe, "serve the visualizer and its HTTP API (/api/v1/) on 127.0.0.1:8080"}
}

func runServe(e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port` (port 0 picks a free port)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, e, *addr)
}

// serve runs the server on addr until ctx is done, then shuts it down
// gracefully. It prints the URL once it listens.
func serve(ctx context.Context, e *env, addr string) error {
	r, err := graphviz.Native()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("serve: %v", err)
	}
	page := web.Static()
	srv := &http.Server{
		Handler: web.NewHandler(web.Options{Renderer: r, PNG: true, Static: page}),
		// A program of up to 4 KiB travels in the URL, percent-encoded.
		MaxHeaderBytes:    64 << 10,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      web.DefaultTimeout + 20*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(e.stderr, "adviz: serve: ", 0),
	}
	fmt.Fprintf(e.stdout, "adviz: serving on %s (Ctrl-C stops)\n", serverURL(ln.Addr().(*net.TCPAddr)))
	if !web.Built(page) {
		fmt.Fprintln(e.stderr, "adviz: warning: the page's generated files are missing (run scripts/build-web.sh and rebuild); the API works")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serverURL is the URL to open for a listening address; an unspecified
// address (all interfaces) is reached through the loopback.
func serverURL(a *net.TCPAddr) string {
	host := a.IP.String()
	switch {
	case a.IP.IsUnspecified():
		host = "127.0.0.1"
	case a.IP.To4() == nil:
		host = "[" + host + "]"
	}
	return fmt.Sprintf("http://%s:%d/", host, a.Port)
}

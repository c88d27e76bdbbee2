// Command devserver serves the page from web/static on the local machine,
// with the page's security headers: the files are read from disk at every
// request, so an edit shows on reload once scripts/build-web.sh has
// bundled it again (the page loads web/static/gen/app.js, not js/app.js).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/adviz/adviz/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (port 0: any free port)")
	dir := flag.String("dir", "web/static", "directory of the page")
	flag.Parse()
	fsys := os.DirFS(*dir)
	if !web.Built(fsys) {
		log.Fatalf("devserver: %s/gen has no built assets: run scripts/build-web.sh", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The first line says where to go; tests and scripts read it.
	fmt.Printf("http://%s/\n", ln.Addr())
	log.Fatal(http.Serve(ln, web.DevHandler(fsys)))
}

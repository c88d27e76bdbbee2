package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe starts `adviz serve --addr 127.0.0.1:0`, reads the URL it
// prints, asks the API and the page, and stops it.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, &env{stdin: strings.NewReader(""), stdout: pw, stderr: &stderr}, "127.0.0.1:0")
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v; stderr %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	url := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`).FindString(line)
	if url == "" {
		t.Fatalf("printed %q, want the URL", line)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	for path, want := range map[string]string{
		"api/v1/grad?p=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5": `"x1": 5.5`,
		"api/v1/png?p=x*x&at=x:3":                           "\x89PNG",
		"healthz":                                           "ok",
	} {
		res, err := client.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %.200q, want 200 with %q", path, res.StatusCode, body, want)
		}
	}
	// The API mirrors the command line: the same question, the same bytes.
	p := neturl.QueryEscape("ln(x1) + x1*x2 - sin(x2)")
	for _, c := range []struct {
		path string
		args []string
	}{
		{"api/v1/grad?p=" + p + "&at=x1:2,x2:5", []string{"grad"}},
		{"api/v1/jacobian?p=" + p + "&at=x1:2,x2:5&mode=forward", []string{"jacobian", "--mode", "forward"}},
		{"api/v1/trace?p=" + p + "&at=x1:2,x2:5", []string{"trace", "--format", "json"}},
		{"api/v1/trace?p=" + p + "&at=x1:2,x2:5&mode=forward&format=markdown&digits=6", []string{"trace", "--mode", "forward", "--format", "markdown", "--digits", "6"}},
		{"api/v1/trace?p=" + p + "&at=x1:2,x2:5&format=latex&seed=y:2", []string{"trace", "--format", "latex", "--seed", "y=2"}},
		{"api/v1/dot?p=" + p + "&at=x1:2,x2:5&step=4", []string{"render", "--format", "dot", "--step", "4"}},
		{"api/v1/svg?p=" + p + "&at=x1:2,x2:5&step=7&theme=dark", []string{"render", "--format", "svg", "--step", "7", "--theme", "dark"}},
		{"api/v1/svg?p=" + p + "&at=x1:2,x2:5&animate=1", []string{"render", "--format", "animated-svg"}},
	} {
		res, err := client.Get(url + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		status, cli, stderr := adviz(t, "", append(c.args, "-e", "ln(x1) + x1*x2 - sin(x2)", "--at", "x1=2,x2=5")...)
		if status != 0 || res.StatusCode != 200 || string(body) != cli {
			t.Errorf("GET %s: %d, %d bytes; adviz %v: status %d, %d bytes %s; want the same bytes", c.path, res.StatusCode, len(body), c.args, status, len(cli), stderr)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if _, err := client.Get(url + "healthz"); err == nil {
		t.Error("the server still answers after it was stopped")
	}
}

func TestServeBadAddress(t *testing.T) {
	status, _, stderr := adviz(t, "", "serve", "--addr", "127.0.0.1:notaport")
	if status != 2 || !strings.Contains(stderr, "serve:") {
		t.Errorf("status %d, stderr %q; want 2 and the error", status, stderr)
	}
}

func TestServerURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/",
		"0.0.0.0:80":     "http://127.0.0.1:80/",
		"[::1]:9000":     "http://[::1]:9000/",
		"[::]:9000":      "http://127.0.0.1:9000/",
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := serverURL(a); got != want {
			t.Errorf("serverURL(%s) = %s, want %s", addr, got, want)
		}
	}
}

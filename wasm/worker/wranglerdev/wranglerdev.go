//go:build !js

// Package wranglerdev builds adviz's Cloudflare worker and runs it in a
// local workerd through `wrangler dev --ip 127.0.0.1`, for the worker's
// tests and scripts/load. wrangler runs under setsid, in its own process
// group, and Stop ends the whole group (wrangler, esbuild, workerd).
package wranglerdev

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Root returns the repository root: the first directory from dir upwards
// that holds wrangler.toml and go.mod.
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if exists(filepath.Join(dir, "wrangler.toml")) && exists(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no wrangler.toml and go.mod above the working directory")
		}
		dir = parent
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Wrangler is the path of the wrangler binary installed by
// `npm ci --prefix wasm/worker`.
func Wrangler(root string) string {
	return filepath.Join(root, "wasm", "worker", "node_modules", ".bin", "wrangler")
}

// Missing says what is missing to build and run the worker (the npm
// dependencies or node), or "" if nothing is.
func Missing(root string) string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not installed"
	}
	for _, p := range []string{
		Wrangler(root),
		filepath.Join(root, "wasm", "worker", "node_modules", "@viz-js", "viz", "package.json"),
	} {
		if !exists(p) {
			return fmt.Sprintf("%s is missing: run `npm ci --prefix wasm/worker` first", p)
		}
	}
	return ""
}

// Build runs scripts/build-worker.sh, writing its output to out.
func Build(root string, out io.Writer) error {
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "build-worker.sh"))
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scripts/build-worker.sh: %v", err)
	}
	return nil
}

// Dev is a running `wrangler dev`.
type Dev struct {
	URL     string // http://127.0.0.1:PORT
	LogPath string // wrangler's output
	cmd     *exec.Cmd
	waited  chan error
	stop    sync.Once
	stopErr error
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start starts `wrangler dev --ip 127.0.0.1` on a free port for the
// already built worker and waits until it answers /healthz (at most
// ready). Its output goes to logPath.
func Start(root, logPath string, ready time.Duration) (*Dev, error) {
	return StartConfig(root, filepath.Join(root, "wrangler.toml"), logPath, ready)
}

// StartConfig is Start for the worker that the wrangler configuration file
// config describes (scripts/load compares adviz's worker with a baseline).
func StartConfig(root, config, logPath string, ready time.Duration) (*Dev, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	inspector, err := FreePort()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(Wrangler(root), "dev",
		"--config", config,
		"--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-ip", "127.0.0.1", "--inspector-port", strconv.Itoa(inspector),
		"--show-interactive-dev-session=false", "--log-level", "info")
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"CI=1", "WRANGLER_SEND_METRICS=false", "NO_COLOR=1", "FORCE_COLOR=0",
		"WRANGLER_LOG_PATH="+filepath.Join(root, ".wrangler", "logs"))
	cmd.Stdin = nil // /dev/null
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // its own process group
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d := &Dev{URL: fmt.Sprintf("http://127.0.0.1:%d", port), LogPath: logPath, cmd: cmd, waited: make(chan error, 1)}
	go func() { d.waited <- cmd.Wait() }()
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(ready)
	for time.Now().Before(deadline) {
		select {
		case err := <-d.waited:
			d.waited <- err
			d.Stop()
			return nil, fmt.Errorf("wrangler dev exited (%v); its log:\n%s", err, tail(logPath))
		default:
		}
		res, err := client.Get(d.URL + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return d, nil
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	d.Stop()
	return nil, fmt.Errorf("wrangler dev did not answer /healthz within %s; its log:\n%s", ready, tail(logPath))
}

// PGID is the process group of wrangler and its children.
func (d *Dev) PGID() int { return d.cmd.Process.Pid }

// Stop ends the process group: SIGTERM, then SIGKILL after 5 s. It returns
// an error if processes of the group are left. Calls after the first
// return the first one's result and signal nothing.
func (d *Dev) Stop() error {
	d.stop.Do(func() { d.stopErr = d.stopGroup() })
	return d.stopErr
}

func (d *Dev) stopGroup() error {
	pgid := d.PGID()
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	for i := 0; i < 50 && len(GroupPIDs(pgid)) > 0; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	select {
	case err := <-d.waited:
		d.waited <- err
	case <-time.After(5 * time.Second):
	}
	for i := 0; i < 20 && len(GroupPIDs(pgid)) > 0; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if left := GroupPIDs(pgid); len(left) > 0 {
		return fmt.Errorf("processes %v of group %d are still running", left, pgid)
	}
	return nil
}

// GroupPIDs lists the live processes (not zombies) of process group pgid,
// from /proc.
func GroupPIDs(pgid int) []int {
	ents, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g == pgid {
			pids = append(pids, pid)
		}
	}
	return pids
}

// RSS returns the resident memory of a process in bytes, from
// /proc/PID/status.
func RSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024, err
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

// Comm returns a process's command name.
func Comm(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

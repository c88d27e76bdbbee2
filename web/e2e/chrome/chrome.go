// Package chrome starts the headless Chromium that the browser tests and
// scripts/bench-web.sh use: Debian's /usr/bin/chromium with a fresh profile
// and no network of its own.
package chrome

import (
	"context"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path is where Debian installs Chromium.
const Path = "/usr/bin/chromium"

// Available reports whether Chromium is installed.
func Available() bool {
	_, err := exec.LookPath(Path)
	return err == nil
}

// New starts a headless Chromium with the profile directory dir (fresh and
// empty for a fresh profile) and a window of width×height. Cancel the
// returned context to stop it.
func New(dir string, width, height int) (context.Context, context.CancelFunc) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(width, height),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	return ctx, func() { cancel(); acancel() }
}

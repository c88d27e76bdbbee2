package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wellFormed reports whether s is well-formed XML.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestRender(t *testing.T) {
	at := "x1=2,x2=5"
	for _, tc := range []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"dot", []string{"--format", "dot", "--step", "10"}, func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "digraph adviz {") || !strings.Contains(out, `"v3" [id="v3" class="op current"`) {
				t.Errorf("DOT:\n%.500s", out)
			}
		}},
		{"svg last", []string{"--format", "svg"}, func(t *testing.T, out string) {
			if err := wellFormed(out); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`<g id="a_v&#45;1_adjoint">`, `>5.5</text>`, `>1.716</text>`, "step 16 of 16"} {
				if !strings.Contains(out, want) {
					t.Errorf("SVG lacks %s", want)
				}
			}
		}},
		{"svg forward dark labels", []string{"--mode", "forward", "--step", "first", "--theme", "dark", "--edge-labels", "--legend=false"}, func(t *testing.T, out string) {
			if err := wellFormed(out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, `class="adviz adviz-dark"`) || !strings.Contains(out, "forward mode · step 0 of 7") ||
				!strings.Contains(out, `a_e&#45;1_2&#45;label`) {
				t.Errorf("SVG:\n%.800s", out)
			}
		}},
		{"animated", []string{"--format", "animated-svg", "--frame", "500ms"}, func(t *testing.T, out string) {
			if err := wellFormed(out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "@keyframes w1{") || !strings.Contains(out, "animation-duration:10.000s") {
				t.Errorf("animated SVG lacks its animation (17 frames + 3 held of 0.5 s)")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, errs := adviz(t, "", append([]string{"render", "-e", baydin, "--at", at}, tc.args...)...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errs)
			}
			tc.check(t, out)
		})
	}

	// PNG to a file.
	file := filepath.Join(t.TempDir(), "b.png")
	status, out, errs := adviz(t, "", "render", "-e", baydin, "--at", at, "--format", "png", "--step", "7", "-o", file)
	if status != 0 || out != "" {
		t.Fatalf("status %d, stdout %q: %s", status, out, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("not a PNG: %v", err)
	}
}

func TestRenderBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"step too large", []string{"--step", "17"}, "render: step 17 is out of range: this trace has steps 0 to 16"},
		{"negative step", []string{"--step", "-1"}, "out of range"},
		{"step not a number", []string{"--step", "middle"}, `step "middle" is not a number`},
		{"format", []string{"--format", "pdf"}, `unknown format "pdf"`},
		{"theme", []string{"--theme", "pink"}, `unknown theme "pink"`},
		{"rankdir", []string{"--rankdir", "RL"}, `unknown rank direction "RL"`},
		{"digits", []string{"--digits", "40"}, "digits must be between 1 and 17"},
		{"frame", []string{"--frame", "0s"}, "--frame must be positive"},
		{"mode", []string{"--mode", "sideways"}, `unknown mode "sideways"`},
		{"argument", []string{"extra"}, `unexpected argument "extra"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, errs := adviz(t, "", append([]string{"render", "-e", baydin, "--at", "x1=2,x2=5"}, tc.args...)...)
			if status != 2 || out != "" || !strings.Contains(errs, tc.want) {
				t.Errorf("status %d, stdout %q, stderr %q; want status 2 and %q", status, out, errs, tc.want)
			}
		})
	}
	// A bad program fails exactly as in adviz trace: status 2, the
	// position, the source line and a caret.
	for _, src := range []string{"ln(x1 +", "x1 + * x2", "sin(x1, x2)", "2x1"} {
		s1, o1, e1 := adviz(t, "", "render", "-e", src, "--at", "x1=2,x2=5")
		s2, _, e2 := adviz(t, "", "trace", "-e", src, "--at", "x1=2,x2=5")
		if s1 != 2 || o1 != "" || e1 != e2 || s2 != 2 || !strings.Contains(e1, "^") || !strings.HasPrefix(e1, "adviz: 1:") {
			t.Errorf("%q: render %d %q, trace %d %q", src, s1, e1, s2, e2)
		}
	}
	if status, _, errs := adviz(t, "", "render", "-e", baydin); status != 2 || !strings.Contains(errs, "--at") {
		t.Errorf("no --at: status %d: %s", status, errs)
	}
	if status, _, _ := adviz(t, "", "render", "-h"); status != 0 {
		t.Errorf("-h: status %d", status)
	}
}

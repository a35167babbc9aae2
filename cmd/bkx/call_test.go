package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestCall runs the Dockerfile frontend's subrequests per target: a
// check that finds a problem fails the command and prints it; outline
// and targets print their answer and export nothing.
func TestCall(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	dir := t.TempDir()
	file := fmt.Sprintf(`builder "default" {
  driver   = "remote"
  endpoint = %q
}
target "sloppy" {
  dockerfile-inline = "FROM %s AS Build\nRUN echo hi\n"
  output = ["type=local,dest=out"]
}
target "tidy" {
  dockerfile-inline = "FROM %s AS base\nARG GREETING=hello\nRUN echo $GREETING\nFROM base AS final\n"
  output = ["type=local,dest=out"]
}
`, env.BuildkitdTCP(), env.BusyboxImage(), env.BusyboxImage())
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "sloppy", "--call", "check", "--progress", "quiet")
	if code != 1 || !strings.Contains(out, "StageNameCasing") || !strings.Contains(out, "sloppy (check)") {
		t.Fatalf("check: exit %d, want 1 with the StageNameCasing warning:\n%s", code, out)
	}
	// --check is --call=check, and --progress=none prints no progress.
	code, out = bakeIn(t, dir, "sloppy", "--check", "--progress=none")
	if code != 1 || !strings.Contains(out, "StageNameCasing") || strings.Contains(out, "#1 ") {
		t.Fatalf("--check --progress=none: exit %d, want 1 with the warning and no progress:\n%s", code, out)
	}
	code, out = bakeIn(t, dir, "tidy", "--call", "check", "--progress", "quiet")
	if code != 0 || !strings.Contains(out, "no warnings") {
		t.Fatalf("check of a clean Dockerfile: exit %d:\n%s", code, out)
	}
	code, out = bakeIn(t, dir, "tidy", "--call", "targets", "--progress", "quiet")
	if code != 0 || !strings.Contains(out, "base") || !strings.Contains(out, "final") {
		t.Fatalf("targets: exit %d, want the stages base and final:\n%s", code, out)
	}
	code, out = bakeIn(t, dir, "tidy", "--call", "outline", "--progress", "quiet")
	if code != 0 || !strings.Contains(out, "TARGET: final") {
		t.Fatalf("outline: exit %d, want the outline of stage final:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Fatalf("a call exported output: %v", err)
	}

	// format=json, as buildx: each target's resolved definition under
	// "build" and the frontend's answer under the method's name.
	var doc struct {
		Target map[string]struct {
			Build   struct{ Call string }
			Check   *struct{ Warnings []struct{ RuleName string } }
			Outline *struct{ Name string }
		}
	}
	code, out = bakeIn(t, dir, "sloppy", "--call", "check,format=json", "--progress", "quiet")
	js, _, _ := strings.Cut(out, "\nerror: ")
	if err := json.Unmarshal([]byte(js), &doc); err != nil || code != 1 {
		t.Fatalf("check,format=json: exit %d, %v:\n%s", code, err, out)
	}
	if s := doc.Target["sloppy"]; s.Build.Call != "lint" || s.Check == nil || len(s.Check.Warnings) != 1 || s.Check.Warnings[0].RuleName != "StageNameCasing" {
		t.Errorf("check,format=json: %+v\n%s", s, out)
	}
	code, out = bakeIn(t, dir, "tidy", "--call", "outline,format=json", "--progress", "quiet")
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("outline,format=json: exit %d, %v:\n%s", code, err, out)
	}
	if s := doc.Target["tidy"]; s.Build.Call != "outline" || s.Outline == nil || s.Outline.Name != "final" {
		t.Errorf("outline,format=json: %+v\n%s", s, out)
	}
	if code, out = bakeIn(t, dir, "tidy", "--call", "check,ignore=x"); code == 0 || !strings.Contains(out, `invalid --call "check,ignore=x": unknown option ignore=x`) {
		t.Errorf("an unknown --call option: exit %d:\n%s", code, out)
	}
}

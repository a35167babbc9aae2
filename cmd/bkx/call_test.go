package main

import (
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
}

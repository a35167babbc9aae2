package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMain lets tests run the real command in a child process: with
// BKX_TEST_MAIN set, the test binary is bkx.
func TestMain(m *testing.M) {
	if os.Getenv("BKX_TEST_MAIN") == "1" {
		os.Args = append([]string{"bkx"}, strings.Fields(os.Getenv("BKX_TEST_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// runBkx runs bkx in a child process in dir and returns its exit code and
// output.
func runBkx(t *testing.T, dir string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Dir = dir
	cmd.Env = append([]string{"BKX_TEST_MAIN=1", "BKX_TEST_ARGS=" + strings.Join(args, " "), "PATH=/usr/bin:/bin", "HOME=" + t.TempDir()}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// TestWatchdogEndsRunawayEvaluation: a file whose value doubles forty
// times would evaluate for hours; bkx must stop with a located error.
func TestWatchdogEndsRunawayEvaluation(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a second")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("variable \"v0\" { default = [\"x\", \"x\"] }\n")
	for i := 1; i < 40; i++ {
		b.WriteString("variable \"v" + strconv.Itoa(i) + "\" { default = [v" + strconv.Itoa(i-1) + ", v" + strconv.Itoa(i-1) + "] }\n")
	}
	b.WriteString("target \"default\" { args = { A = jsonencode(v39) } }\n")
	if err := os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runBkx(t, dir, []string{"BKX_EVAL_TIMEOUT=1s"}, "bake", "--print")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Fatalf("printed output despite the failure:\n%s", stdout)
	}
	if !strings.Contains(stderr, "docker-bake.hcl:") || !strings.Contains(stderr, "did not finish within 1s") {
		t.Fatalf("error does not name the place and the limit:\n%s", stderr)
	}
}

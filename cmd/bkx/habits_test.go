package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runIn runs bkx in-process in dir with a hermetic environment and
// returns the exit code, stdout and stderr.
func runIn(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	e := map[string]string{"HOME": t.TempDir(), "PATH": "/usr/bin:/bin"}
	for k, v := range env {
		e[k] = v
	}
	var stdout, stderr bytes.Buffer
	c := &cli{env: e, wd: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, exit: func(int) {}}
	code := c.run(args)
	return code, stdout.String(), stderr.String()
}

// TestCommandLineHabits: what users of docker buildx type works the
// same: version, --builder before the subcommand, -D, --allow checked
// with BuildKit's entitlements, --progress=none.
func TestCommandLineHabits(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), []byte("target \"default\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	versionLine := regexp.MustCompile(`^bkx \S+.* \(go1\.\S+, buildkit v0\.\d+\.\d+\)\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := runIn(t, dir, nil, args...)
		if code != 0 || !versionLine.MatchString(out) {
			t.Errorf("bkx %s: exit %d, %q", args[0], code, out)
		}
	}
	// --builder before the subcommand, as `docker buildx --builder X bake`.
	for _, args := range [][]string{{"--builder", "nosuch", "bake", "--plan"}, {"bake", "--builder", "nosuch", "--plan"}} {
		code, _, errOut := runIn(t, dir, nil, args...)
		if code != 1 || !strings.Contains(errOut, `--builder names "nosuch"`) {
			t.Errorf("bkx %s: exit %d, want the unknown builder named:\n%s", strings.Join(args, " "), code, errOut)
		}
	}
	code, _, errOut := runIn(t, dir, nil, "bake", "--allow", "network.hots", "--plan")
	if code != 1 || !strings.Contains(errOut, `unknown entitlement "network.hots"; use one of network.host, security.insecure, device[=NAME], ssh`) {
		t.Errorf("--allow network.hots: exit %d:\n%s", code, errOut)
	}
	code, _, errOut = runIn(t, dir, nil, "bake", "--progress=fancy", "--print")
	if code != 1 || !strings.Contains(errOut, "invalid --progress=fancy: use auto, tty, plain, quiet, none or rawjson") {
		t.Errorf("--progress=fancy: exit %d:\n%s", code, errOut)
	}
	code, _, errOut = runIn(t, dir, nil, "bake", "--check", "--call=outline", "--print")
	if code != 1 || !strings.Contains(errOut, "--check is --call=check") {
		t.Errorf("--check with --call=outline: exit %d:\n%s", code, errOut)
	}
	// As buildx: --print and --list are exclusive, and --allow is
	// checked before listing.
	code, _, errOut = runIn(t, dir, nil, "bake", "--print", "--list", "targets")
	if code != 1 || !strings.Contains(errOut, "--print and --list are mutually exclusive") {
		t.Errorf("--print --list: exit %d:\n%s", code, errOut)
	}
	code, _, errOut = runIn(t, dir, nil, "bake", "--list", "targets", "--allow", "bogus")
	if code != 1 || !strings.Contains(errOut, `unknown entitlement "bogus"`) {
		t.Errorf("--list --allow bogus: exit %d:\n%s", code, errOut)
	}
	code, out, _ := runIn(t, dir, nil, "-D", "bake", "--print", "--progress=none")
	if code != 0 || !strings.Contains(out, `"default"`) {
		t.Errorf("-D bake --print: exit %d:\n%s", code, out)
	}
}

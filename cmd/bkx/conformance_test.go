package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestConformance runs `bkx bake --print` on every case folder and
// compares the result with what `docker buildx bake --print` printed
// (expected.json), as ../shared/conformance/bake/README.md describes. The
// folder is BKX_CONFORMANCE_DIR, or the project's own testdata/conformance
// (the shared cases plus cases of our own, recorded the same way).
func TestConformance(t *testing.T) {
	dir := os.Getenv("BKX_CONFORMANCE_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "conformance")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading conformance cases: %v", err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		caseDir, err := filepath.Abs(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(e.Name(), func(t *testing.T) { runConformanceCase(t, caseDir) })
	}
	if n == 0 {
		t.Fatalf("no conformance cases in %s", dir)
	}
}

func runConformanceCase(t *testing.T, dir string) {
	args := append([]string{"bake", "--print"}, readLines(t, filepath.Join(dir, "args"))...)
	env := caseEnv(t, dir, t.TempDir())
	var stdout, stderr bytes.Buffer
	c := &cli{env: env, wd: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := c.run(args)

	expectsErr := fileExists(filepath.Join(dir, "expected.err"))
	expects := ""
	if b, err := os.ReadFile(filepath.Join(dir, "bkx-expects")); err == nil {
		expects = strings.TrimSpace(string(b))
	}
	if expects == "error" {
		expectsErr = true
	}
	if expectsErr {
		if code == 0 {
			t.Fatalf("bkx accepted input that must be rejected; printed:\n%s", stdout.String())
		}
		if stderr.Len() == 0 {
			t.Fatalf("exit %d with no error message", code)
		}
		t.Logf("rejected as expected:\n%s", stderr.String())
		return
	}
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	want, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	compareBakeJSON(t, want, stdout.Bytes())
	if expects == "warn" {
		if !locatedWarning.Match(stderr.Bytes()) {
			t.Fatalf("no located warning (file:line:col: warning: ...) on stderr:\n%s", stderr.String())
		}
		// --strict makes the warning an error.
		stdout.Reset()
		stderr.Reset()
		c.env["BKX_STRICT"] = "1"
		if code := c.run(args); code == 0 || !locatedError.Match(stderr.Bytes()) {
			t.Fatalf("with BKX_STRICT=1: exit %d, want a located error; stderr:\n%s", code, stderr.String())
		}
	}
}

var (
	locatedWarning = regexp.MustCompile(`(?m)^[^\s:]+:\d+:\d+: warning: `)
	locatedError   = regexp.MustCompile(`(?m)^[^\s:]+:\d+:\d+: error: `)
)

// compareBakeJSON compares the group and target members only, a missing
// group as {}, a group's targets as a multiset.
func compareBakeJSON(t *testing.T, want, got []byte) {
	t.Helper()
	norm := func(b []byte) map[string]any {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("invalid JSON: %v\n%s", err, b)
		}
		out := map[string]any{"group": map[string]any{}, "target": map[string]any{}}
		if g, ok := m["group"].(map[string]any); ok {
			for _, gv := range g {
				if gm, ok := gv.(map[string]any); ok {
					if list, ok := gm["targets"].([]any); ok {
						sort.Slice(list, func(i, j int) bool { return list[i].(string) < list[j].(string) })
					}
				}
			}
			out["group"] = g
		}
		if tg, ok := m["target"]; ok {
			out["target"] = tg
		}
		return out
	}
	w, g := norm(want), norm(got)
	if !reflect.DeepEqual(w, g) {
		wb, _ := json.MarshalIndent(w, "", "  ")
		gb, _ := json.MarshalIndent(g, "", "  ")
		t.Fatalf("output differs from docker buildx bake --print\n--- want\n%s\n--- got\n%s", wb, gb)
	}
}

func readLines(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// caseEnv is the hermetic environment a case folder runs in, as
// ../shared/conformance/bake/README.md says: PATH, an empty HOME, docker
// and buildx config folders below world, an unreachable DOCKER_HOST, and
// the case's env lines.
func caseEnv(t *testing.T, dir, world string) map[string]string {
	t.Helper()
	for _, d := range []string{"home", "docker", "buildx"} {
		if err := os.MkdirAll(filepath.Join(world, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{
		"PATH":          "/usr/bin:/bin",
		"HOME":          filepath.Join(world, "home"),
		"DOCKER_HOST":   "unix:///nonexistent/docker.sock",
		"DOCKER_CONFIG": filepath.Join(world, "docker"),
		"BUILDX_CONFIG": filepath.Join(world, "buildx"),
	}
	for _, l := range readLines(t, filepath.Join(dir, "env")) {
		k, v, _ := strings.Cut(l, "=")
		env[k] = v
	}
	return env
}

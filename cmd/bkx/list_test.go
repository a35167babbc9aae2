package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listKinds are the four --list forms each case of testdata/list was
// recorded with, and the file holding what docker buildx bake v0.38.2
// printed for it.
var listKinds = []struct{ spec, file string }{
	{"targets", "expected-targets.txt"},
	{"variables", "expected-variables.txt"},
	{"type=targets,format=json", "expected-targets.json"},
	{"type=variables,format=json", "expected-variables.json"},
}

// TestList runs `bkx bake --list` on every case of testdata/list, in the
// hermetic environment of the conformance cases (folder, args, env), and
// compares stdout byte for byte with what buildx printed. Where buildx
// failed (expected.err), bkx must fail with a message.
func TestList(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "list", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no list cases in testdata/list (%v)", err)
	}
	for _, dir := range dirs {
		dir, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			fails := fileExists(filepath.Join(dir, "expected.err"))
			for _, k := range listKinds {
				want, err := os.ReadFile(filepath.Join(dir, k.file))
				if err != nil {
					t.Fatal(err)
				}
				code, stdout, stderr := runList(t, dir, k.spec)
				switch {
				case fails && code == 0:
					t.Errorf("--list %s: buildx fails, bkx printed:\n%s", k.spec, stdout)
				case fails && stderr == "":
					t.Errorf("--list %s: exit %d with no message", k.spec, code)
				case !fails && code != 0:
					t.Errorf("--list %s: exit %d:\n%s", k.spec, code, stderr)
				case stdout != string(want):
					t.Errorf("--list %s differs from buildx\n--- want\n%s--- got\n%s", k.spec, want, stdout)
				}
			}
		})
	}
}

// TestListSpec checks how --list reads its value, as buildx does: one CSV
// field is a type unless it starts with "type="; keys are trimmed and
// case-insensitive, values are not; an empty format is a table; the last
// of a key wins. want names the expected file of one case, or "" for an
// error.
func TestListSpec(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "list", "506-variables-null-and-builtins"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ spec, want string }{
		{"type=targets", "expected-targets.txt"},
		{"type=variables,format=", "expected-variables.txt"},
		{"type=variables, format=json", "expected-variables.json"},
		{"type=variables, FORMAT =json", "expected-variables.json"},
		{`type=variables,"format=json"`, "expected-variables.json"},
		{"format=json,type=targets", "expected-targets.json"},
		{"type=variables,TYPE=targets", "expected-targets.txt"},
		{"type=variables,format=json,format=table", "expected-variables.txt"},
		{`"type=targets"`, "expected-targets.txt"},
		{"type=targets\n", "expected-targets.txt"},
		{"foo", ""},
		{"TARGETS", ""},
		{"format=json", ""},
		{"Type=targets", ""},
		{" targets", ""},
		{"type=targets ", ""},
		{"type= targets", ""},
		{"targets,format=json", ""},
		{"type=targets,", ""},
		{"type=targets,format=yaml", ""},
		{"type=targets,format=JSON", ""},
		{"type=targets,format= json", ""},
		{"type=targets,foo=bar", ""},
		{`type="targets"`, ""},
		{`"type=targets,format=json"`, ""},
		{"type=variables,format=json\ntype=targets", ""},
	} {
		code, stdout, stderr := runList(t, dir, tc.spec)
		if tc.want == "" {
			if code == 0 || stderr == "" {
				t.Errorf("--list %q: exit %d, stderr %q; want an error", tc.spec, code, stderr)
			}
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, tc.want))
		if err != nil {
			t.Fatal(err)
		}
		if code != 0 || stdout != string(want) {
			t.Errorf("--list %q: exit %d, stderr %q; want %s\n--- got\n%s", tc.spec, code, stderr, tc.want, stdout)
		}
	}
}

// runList runs `bkx bake --list SPEC ARGS...` in dir with the case's
// environment only.
func runList(t *testing.T, dir, spec string) (code int, stdout, stderr string) {
	t.Helper()
	env := caseEnv(t, dir, t.TempDir())
	args := append([]string{"bake", "--list", spec}, readLines(t, filepath.Join(dir, "args"))...)
	var out, errOut bytes.Buffer
	c := &cli{env: env, wd: dir, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	code = c.run(args)
	return code, out.String(), errOut.String()
}

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runFmt runs bkx with args in wd, stdin as standard input.
func runFmt(t *testing.T, wd, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{env: map[string]string{"PATH": "/usr/bin:/bin"}, wd: wd, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = c.run(args)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	unformatted = `# Images of the app.
variable "TAG" {default="latest"}   # the tag
target "app" {
context="."
    // where it builds
  tags=["app:${TAG}"]
}
`
	formatted = `# Images of the app.
variable "TAG" { default = "latest" } # the tag
target "app" {
  context = "."
  // where it builds
  tags = ["app:${TAG}"]
}
`
)

// TestFmtRewrites formats the default HCL files in place, comments kept,
// mode kept, JSON and Compose files untouched; a second run changes
// nothing.
func TestFmtRewrites(t *testing.T) {
	dir := t.TempDir()
	json := `{"target":{"a":{   "context":"."}}}`
	compose := "services:\n    app:\n        build: .\n"
	writeFiles(t, dir, map[string]string{
		"docker-bake.hcl":          unformatted,
		"docker-bake.override.hcl": formatted,
		"docker-bake.json":         json,
		"compose.yaml":             compose,
		"other.hcl":                unformatted,
	})
	if err := os.Chmod(filepath.Join(dir, "docker-bake.hcl"), 0o640); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runFmt(t, dir, "", "fmt")
	if code != 0 || stdout != "docker-bake.hcl\n" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0, the one changed file", code, stdout, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "docker-bake.hcl")); got != formatted {
		t.Fatalf("formatted:\n%s\nwant:\n%s", got, formatted)
	}
	if st, _ := os.Stat(filepath.Join(dir, "docker-bake.hcl")); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	for name, want := range map[string]string{"docker-bake.json": json, "compose.yaml": compose, "other.hcl": unformatted} {
		if got := readFile(t, filepath.Join(dir, name)); got != want {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 5 {
		t.Errorf("%d files in the directory, want 5 (a temporary file left?)", len(entries))
	}
	if code, stdout, stderr := runFmt(t, dir, "", "fmt"); code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q; want nothing", code, stdout, stderr)
	}
}

// TestFmtSymlink replaces the file a link points to, and keeps the link.
func TestFmtSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real.hcl": unformatted})
	if err := os.Symlink("real.hcl", filepath.Join(dir, "docker-bake.hcl")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runFmt(t, dir, "", "fmt"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Lstat(filepath.Join(dir, "docker-bake.hcl")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	if got := readFile(t, filepath.Join(dir, "real.hcl")); got != formatted {
		t.Fatalf("target not formatted:\n%s", got)
	}
}

func TestFmtCheck(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.hcl": unformatted, "b.hcl": formatted, "c.hcl": unformatted})
	code, stdout, stderr := runFmt(t, dir, "", "fmt", "--check", "a.hcl", "b.hcl", "c.hcl")
	if code != 1 || stdout != "a.hcl\nc.hcl\n" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 1 listing a.hcl and c.hcl", code, stdout, stderr)
	}
	if readFile(t, filepath.Join(dir, "a.hcl")) != unformatted {
		t.Fatal("--check changed a file")
	}
	if code, stdout, _ := runFmt(t, dir, "", "fmt", "--check", "b.hcl"); code != 0 || stdout != "" {
		t.Fatalf("formatted file: exit %d, stdout %q; want 0 and nothing", code, stdout)
	}
}

func TestFmtDiff(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"docker-bake.hcl": unformatted})
	want := `--- a/docker-bake.hcl
+++ b/docker-bake.hcl
@@ -1,7 +1,7 @@
 # Images of the app.
-variable "TAG" {default="latest"}   # the tag
+variable "TAG" { default = "latest" } # the tag
 target "app" {
-context="."
-    // where it builds
-  tags=["app:${TAG}"]
+  context = "."
+  // where it builds
+  tags = ["app:${TAG}"]
 }
`
	code, stdout, stderr := runFmt(t, dir, "", "fmt", "--diff")
	if code != 0 || stdout != want || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	if readFile(t, filepath.Join(dir, "docker-bake.hcl")) != unformatted {
		t.Fatal("--diff changed the file")
	}
	// With --check: the diff instead of the list, and exit 1.
	if code, stdout, _ := runFmt(t, dir, "", "fmt", "--diff", "--check"); code != 1 || stdout != want {
		t.Fatalf("--diff --check: exit %d, stdout:\n%s", code, stdout)
	}
}

// TestWriteDiff checks hunks apart (seven unchanged lines between) and
// together (six), and a last line without a newline.
func TestWriteDiff(t *testing.T) {
	var a, b []string
	for i := 1; i <= 20; i++ {
		a = append(a, "l"+strings.Repeat("x", i)+"\n")
	}
	b = append(b, a...)
	b[1] = "changed\n"
	b[9] = "changed\n"
	b = append(b[:16], b[17:]...)
	b = append(b, "added")
	var out bytes.Buffer
	writeDiff(&out, "f.hcl", []byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
	want := `--- a/f.hcl
+++ b/f.hcl
@@ -1,5 +1,5 @@
 lx
-lxx
+changed
 lxxx
 lxxxx
 lxxxxx
@@ -7,14 +7,14 @@
 lxxxxxxx
 lxxxxxxxx
 lxxxxxxxxx
-lxxxxxxxxxx
+changed
 lxxxxxxxxxxx
 lxxxxxxxxxxxx
 lxxxxxxxxxxxxx
 lxxxxxxxxxxxxxx
 lxxxxxxxxxxxxxxx
 lxxxxxxxxxxxxxxxx
-lxxxxxxxxxxxxxxxxx
 lxxxxxxxxxxxxxxxxxx
 lxxxxxxxxxxxxxxxxxxx
 lxxxxxxxxxxxxxxxxxxxx
+added
\ No newline at end of file
`
	if out.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out.String(), want)
	}
	out.Reset()
	writeDiff(&out, "g.hcl", []byte("a = 1"), nil)
	if want := "--- a/g.hcl\n+++ b/g.hcl\n@@ -1 +0,0 @@\n-a = 1\n\\ No newline at end of file\n"; out.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestFmtParseError names the place of a syntax error, leaves that file
// as it is and still formats the others.
func TestFmtParseError(t *testing.T) {
	dir := t.TempDir()
	bad := "target \"a\" {\n  tags = [\"x\"\n}\n"
	writeFiles(t, dir, map[string]string{"bad.hcl": bad, "good.hcl": unformatted})
	code, stdout, stderr := runFmt(t, dir, "", "fmt", "bad.hcl", "good.hcl")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !regexp.MustCompile(`(?m)^bad\.hcl:3:1: error: Missing item separator\n 3 \| }\n   \| \^`).MatchString(stderr) {
		t.Fatalf("no located error with its snippet:\n%s", stderr)
	}
	if readFile(t, filepath.Join(dir, "bad.hcl")) != bad {
		t.Fatal("the file that does not parse was changed")
	}
	if stdout != "good.hcl\n" || readFile(t, filepath.Join(dir, "good.hcl")) != formatted {
		t.Fatalf("the other file was not formatted: stdout %q", stdout)
	}
}

func TestFmtStdin(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runFmt(t, dir, unformatted, "fmt", "-")
	if code != 0 || stdout != formatted || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	if code, stdout, _ := runFmt(t, dir, unformatted, "fmt", "--check", "-"); code != 1 || stdout != "<stdin>\n" {
		t.Fatalf("--check: exit %d, stdout %q; want 1", code, stdout)
	}
	if code, stdout, _ := runFmt(t, dir, formatted, "fmt", "--check", "-"); code != 0 || stdout != "" {
		t.Fatalf("--check, formatted: exit %d, stdout %q; want 0", code, stdout)
	}
	if code, stdout, _ := runFmt(t, dir, unformatted, "fmt", "--diff", "-"); code != 0 || !strings.HasPrefix(stdout, "--- a/<stdin>\n+++ b/<stdin>\n@@ ") {
		t.Fatalf("--diff: exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, stderr = runFmt(t, dir, "a = \n", "fmt", "-")
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "<stdin>:1:5: error: Invalid expression") {
		t.Fatalf("parse error: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if code, _, stderr := runFmt(t, dir, "", "fmt", "-", "a.hcl"); code != 1 || !strings.Contains(stderr, "give it alone") {
		t.Fatalf("- with a file: exit %d, stderr %q", code, stderr)
	}
}

func TestFmtRefuses(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runFmt(t, dir, "", "fmt"); code != 1 || !strings.Contains(stderr, "no HCL build file here") {
		t.Fatalf("no file: exit %d, stderr %q", code, stderr)
	}
	writeFiles(t, dir, map[string]string{"docker-bake.json": `{"target":{}}`})
	if code, _, stderr := runFmt(t, dir, "", "fmt", "docker-bake.json"); code != 1 || !strings.Contains(stderr, "error: Not an HCL file") {
		t.Fatalf("JSON: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runFmt(t, dir, "", "fmt", "missing.hcl"); code != 1 || !strings.Contains(stderr, "missing.hcl: no such file or directory") {
		t.Fatalf("missing file: exit %d, stderr %q", code, stderr)
	}
}

// TestFmtKeepsPrint formats the HCL files of every conformance case that
// docker buildx bake printed, and checks that `bkx bake --print` prints
// the same as on the originals and that formatting again changes nothing.
func TestFmtKeepsPrint(t *testing.T) {
	dir := filepath.Join("testdata", "conformance")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	cases, reformatted := 0, 0
	for _, e := range entries {
		src := filepath.Join(dir, e.Name())
		if b, err := os.ReadFile(filepath.Join(src, "expected.json")); !e.IsDir() || err != nil || len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		hclFiles := findHCL(t, src)
		if len(hclFiles) == 0 {
			continue
		}
		cases++
		t.Run(e.Name(), func(t *testing.T) {
			if formatCase(t, src, hclFiles) {
				reformatted++
			}
		})
	}
	if cases == 0 || reformatted == 0 {
		t.Fatalf("%d cases, %d with a change: the test checks nothing", cases, reformatted)
	}
	t.Logf("%d cases, %d reformatted", cases, reformatted)
}

// formatCase formats a copy of a case and compares its --print before
// and after; it reports whether formatting changed a file.
func formatCase(t *testing.T, src string, hclFiles []string) bool {
	work := filepath.Join(t.TempDir(), "case")
	if err := os.CopyFS(work, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	before := make(map[string]string, len(hclFiles))
	for _, f := range hclFiles {
		before[f] = readFile(t, filepath.Join(work, f))
	}
	code, stdout, stderr := conformancePrint(t, work)
	fcode, fout, ferr := runFmt(t, work, "", append([]string{"fmt"}, hclFiles...)...)
	if fcode != 0 {
		t.Fatalf("bkx fmt: exit %d\n%s%s", fcode, fout, ferr)
	}
	code2, stdout2, stderr2 := conformancePrint(t, work)
	if code2 != code || stdout2 != stdout {
		t.Fatalf("--print changed after formatting %q:\nbefore (exit %d):\n%s%s\nafter (exit %d):\n%s%s", fout, code, stdout, stderr, code2, stdout2, stderr2)
	}
	if fcode, fout, ferr := runFmt(t, work, "", append([]string{"fmt", "--check"}, hclFiles...)...); fcode != 0 || fout != "" {
		t.Fatalf("formatting twice is not a no-op: exit %d\n%s%s", fcode, fout, ferr)
	}
	changed := false
	for _, f := range hclFiles {
		changed = changed || readFile(t, filepath.Join(work, f)) != before[f]
	}
	return changed
}

// findHCL lists a case's .hcl files, relative to it.
func findHCL(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".hcl" {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// conformancePrint runs `bkx bake --print` on a case in dir as
// runConformanceCase does: the case's args and env, a hermetic home.
func conformancePrint(t *testing.T, dir string) (code int, stdout, stderr string) {
	t.Helper()
	args := append([]string{"bake", "--print"}, readLines(t, filepath.Join(dir, "args"))...)
	env := caseEnv(t, dir, filepath.Join(filepath.Dir(dir), "world"))
	var out, errb bytes.Buffer
	c := &cli{env: env, wd: dir, stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code = c.run(args)
	return code, out.String(), errb.String()
}

// TestFmtFollowsInclude: without FILE, the files the default build files
// include are formatted too.
func TestFmtFollowsInclude(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "services", "web"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"build.hcl":              "include = [\"services/*/build.hcl\"]\ntarget \"a\" {}\n",
		"services/web/build.hcl": "target \"web\" {\ncontext=\".\"\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runIn(t, dir, nil, "fmt", "--check")
	if code != 1 || out != "services/web/build.hcl\n" {
		t.Errorf("fmt --check: exit %d, %q %s", code, out, errOut)
	}
}

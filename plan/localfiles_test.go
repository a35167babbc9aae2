package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bake "github.com/bkx-dev/bkx/hcl"
)

// resolveIn parses one build file and resolves every target for a build.
func resolveIn(t *testing.T, src string, targets ...string) (*bake.Project, *bake.Selection) {
	t.Helper()
	p, diags := bake.Parse([]bake.File{{Name: "build.hcl", Data: []byte(src)}}, bake.Options{Env: map[string]string{}, LocalPlatform: "linux/amd64"})
	if diags.HasErrors() {
		t.Fatalf("parse: %s", diags.Error())
	}
	sel, diags := p.ResolveForBuild(targets, nil)
	if diags.HasErrors() {
		t.Fatalf("resolve: %s", diags.Error())
	}
	return p, sel
}

// TestCheckLocalFiles: secret files and SSH keys are checked at their
// attribute; a secret read from a set variable, and one read with env=,
// need no file.
func TestCheckLocalFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "here.txt"), []byte("s"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notakey"), []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, sel := resolveIn(t, `target "a" {
  secret = ["id=ok,src=here.txt", "id=gone,src=missing.txt", "id=FROMENV", "id=x,env=X"]
  ssh    = ["default", "key=notakey"]
}
`, "a")
	diags := CheckLocalFiles(sel, dir, map[string]string{"FROMENV": "v"})
	var got []string
	for _, d := range diags {
		got = append(got, d.Subject.Filename+":"+d.Summary)
	}
	want := "build.hcl:Secret file not found, build.hcl:No SSH agent, build.hcl:Invalid SSH key"
	if strings.Join(got, ", ") != want {
		t.Errorf("got %s\nwant %s\n%s", strings.Join(got, ", "), want, diags.Error())
	}
	if !strings.Contains(diags.Error(), `secret "gone" reads missing.txt`) {
		t.Errorf("the secret error names the file:\n%s", diags.Error())
	}
}

// TestBuildChecksFiles: with CheckFiles, a missing context, Dockerfile or
// named context is an error of the plan, with the secret checks; without
// it (a tree not on this machine) nothing is looked at.
func TestBuildChecksFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, sel := resolveIn(t, `builder "default" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1"
}
target "ctx" {
  context = "nope"
}
target "df" {
  context    = "app"
  dockerfile = "Dockerfile.prod"
}
target "named" {
  dockerfile-inline = "FROM scratch\n"
  contexts = { assets = "./assets", img = "docker-image://alpine", dep = "target:df" }
  secret   = ["id=s,src=nope.txt"]
}
`, "ctx", "df", "named")
	opt := Options{LocalPlatform: "linux/amd64", Workdir: dir, CheckFiles: true}
	_, diags := Build(sel, p.Builders, opt)
	var got []string
	for _, d := range diags {
		got = append(got, d.Summary)
	}
	for _, want := range []string{"Context directory not found", "Dockerfile not found", "Secret file not found"} {
		if !strings.Contains(strings.Join(got, "|"), want) {
			t.Errorf("missing %q in %v", want, got)
		}
	}
	if n := strings.Count(strings.Join(got, "|"), "Context directory not found"); n != 2 {
		t.Errorf("%d missing contexts, want 2 (nope, ./assets): %v", n, got)
	}
	opt.CheckFiles = false
	if _, diags := Build(sel, p.Builders, opt); diags.HasErrors() {
		t.Errorf("without CheckFiles: %s", diags.Error())
	}
}

// TestIsLocal: which contexts are directories of this machine.
func TestIsLocal(t *testing.T) {
	for s, want := range map[string]bool{
		".": true, "../x": true, "/abs": true, "": false, "-": false,
		"target:a": false, "docker-image://alpine": false, "oci-layout:///x": false,
		"https://github.com/a/b.git": false, "git@github.com:a/b.git": false,
	} {
		if isLocal(s) != want {
			t.Errorf("isLocal(%q) = %v, want %v", s, !want, want)
		}
	}
	if got := Abs("/w", "a/b"); got != "/w/a/b" {
		t.Errorf("Abs: %s", got)
	}
	if got := Abs("/w", "/x"); got != "/x" {
		t.Errorf("Abs: %s", got)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBakeInclude builds a monorepo whose root build file includes
// services/*/build.hcl: each service builds from its own folder (context
// "." and its Dockerfile there) and writes its output beside it.
func TestBakeInclude(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+`
include = ["services/*/build.hcl"]

group "default" {
  targets = ["web", "api"]
}
`)
	w.file("hello.txt", "the root's, never built")
	w.file("Dockerfile", "FROM scratch\nCOPY root-only.txt /\n")
	for _, svc := range []string{"web", "api"} {
		w.file("services/"+svc+"/build.hcl", `
target "`+svc+`" {
  context = "."
  output  = ["type=local,dest=out"]
}
`)
		w.file("services/"+svc+"/Dockerfile", "FROM scratch\nCOPY hello.txt /"+svc+".txt\n")
		w.file("services/"+svc+"/hello.txt", svc+" "+w.nonce)
	}

	r := w.bake("bake", "--print")
	if r.code != 0 {
		t.Fatal(r)
	}
	var printed struct {
		Target map[string]struct {
			Context    string              `json:"context"`
			Dockerfile string              `json:"dockerfile"`
			Output     []map[string]string `json:"output"`
		} `json:"target"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &printed); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	for _, svc := range []string{"web", "api"} {
		got := printed.Target[svc]
		if got.Context != "services/"+svc || got.Dockerfile != "Dockerfile" || len(got.Output) != 1 || got.Output[0]["dest"] != "services/"+svc+"/out" {
			t.Errorf("--print %s: %+v", svc, got)
		}
	}

	r = w.bake("bake", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, svc := range []string{"web", "api"} {
		if got := w.read("services/" + svc + "/out/" + svc + ".txt"); got != svc+" "+w.nonce {
			t.Errorf("%s: %s.txt = %q, want the service's own hello.txt", svc, svc, got)
		}
	}
	w.absent("out")
}

// TestBakeIncludeErrors: a cycle and an entry that names no file are
// errors at the include entry, saying what to do.
func TestBakeIncludeErrors(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"build.hcl":       "include = [\"services/*/build.hcl\", \"common.hcl\"]\n",
		"services/a.hcl":  "",
		"services/x/.ok":  "",
		"loop/build.hcl":  "include = [\"../loop/b.hcl\"]\ntarget \"default\" {}\n",
		"loop/b.hcl":      "include = [\n  \"build.hcl\",\n]\n",
		"loop/Dockerfile": "FROM scratch\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runIn(t, dir, nil, "bake", "--print")
	for _, want := range []string{
		"build.hcl:1:12: error: Include matches no file\n 1 | include = [\"services/*/build.hcl\", \"common.hcl\"]\n   |            ^^^^^^^^^^^^^^^^^^^^^^\n  No file matches services/*/build.hcl",
		"build.hcl:1:36: error: Included file not found\n",
		"  common.hcl does not exist",
		"2 errors.",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q in:\n%s", want, errOut)
		}
	}
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	// A cycle through another name of the same file (../loop/build.hcl
	// is build.hcl) is still a cycle, reported under the names written.
	code, _, errOut = runIn(t, filepath.Join(dir, "loop"), nil, "bake", "--print")
	if code != 1 || !strings.Contains(errOut, "../loop/b.hcl:2:3: error: Include cycle\n") || !strings.Contains(errOut, "  build.hcl → ../loop/b.hcl → build.hcl.") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}

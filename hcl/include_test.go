package hcl

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
)

// readProject reads the build files of fsys as bkx bake does (names, or
// the default files) and parses them.
func readProject(t *testing.T, fsys fstest.MapFS, names ...string) ([]File, *Project, hcl.Diagnostics) {
	t.Helper()
	files, diags := ReadFiles(fsys, names, nil, nil)
	if diags.HasErrors() {
		return files, nil, diags
	}
	p, pd := Parse(files, Options{})
	return files, p, append(diags, pd...)
}

func fileNames(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

// TestIncludeMonorepo reads testdata/include/monorepo: the root file
// includes services/*/build.hcl, and services/api/build.hcl includes a
// file beside it.
func TestIncludeMonorepo(t *testing.T) {
	files, diags := ReadFiles(os.DirFS(filepath.Join("testdata", "include", "monorepo")), nil, nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	// Included files come right after the file that includes them, a
	// glob's matches in order, each followed by its own includes.
	want := []string{"build.hcl", "services/api/build.hcl", "services/api/build.test.hcl", "services/web/build.hcl"}
	if got := fileNames(files); !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	p, diags := Parse(files, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sel, diags := p.Resolve([]string{"web", "api", "api-test", "root"}, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var printed struct {
		Target map[string]map[string]any `json:"target"`
	}
	if err := json.Unmarshal(sel.Print(), &printed); err != nil {
		t.Fatal(err)
	}
	check := func(target, attr string, want any) {
		t.Helper()
		got, _ := json.Marshal(printed.Target[target][attr])
		w, _ := json.Marshal(want)
		if string(got) != string(w) {
			t.Errorf("%s.%s = %s, want %s", target, attr, got, w)
		}
	}
	check("web", "context", "services/web")
	check("web", "dockerfile", "Dockerfile")
	check("web", "platforms", []string{"linux/amd64"}) // inherited from the root file
	check("web", "secret", []map[string]string{{"id": "npm", "src": "services/web/.npmrc"}, {"id": "token", "env": "TOKEN"}, {"id": "var", "src": "VAR"}})
	check("web", "ssh", []map[string]any{{"id": "default"}, {"id": "key", "paths": []string{"services/web/keys/id_ed25519", "/abs/key"}}})
	check("web", "output", []map[string]string{{"type": "local", "dest": "services/web/out"}})
	check("web", "cache-to", []map[string]string{{"type": "local", "dest": "services/web/.cache"}})
	// No context of its own: the folder of the file that defines it.
	check("api", "context", "services/api")
	check("api", "dockerfile", "api.Dockerfile")
	check("api", "contexts", map[string]string{"shared": "shared", "base": "target:api-base", "alpine": "docker-image://alpine:3.20", "here": "cwd://tools"})
	check("api", "cache-from", []map[string]string{{"type": "local", "src": "/tmp/cache"}, {"type": "registry", "ref": "example/api:cache"}})
	check("api-base", "context", "services/api/base")
	check("api-test", "context", "services/api")
	check("api-test", "contexts", printed.Target["api"]["contexts"])
	// The including file's paths stay relative to the working directory.
	check("root", "context", ".")
	if path, _ := sel.Targets["api"].DockerfilePath(); path != filepath.Join("services", "api", "api.Dockerfile") {
		t.Errorf("api's Dockerfile is read from %s", path)
	}
}

// TestIncludeOnce: a file included twice, or also named with -f, is read
// once, where it first appears.
func TestIncludeOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"a.hcl":      {Data: []byte(`include = ["common.hcl", "b.hcl"]`)},
		"b.hcl":      {Data: []byte(`include = ["common.hcl"]`)},
		"common.hcl": {Data: []byte(`target "x" { annotations = ["a=1"] }`)},
	}
	files, p, diags := readProject(t, fsys, "a.hcl", "common.hcl")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got, want := fileNames(files), []string{"a.hcl", "b.hcl", "common.hcl"}; !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	if got := p.Targets["x"].Annotations; len(got) != 1 {
		t.Errorf("annotations %v: the file was merged more than once", got)
	}
}

// TestIncludeParse: Parse knows an included file from the include
// entries of the others, however the list of files was read.
func TestIncludeParse(t *testing.T) {
	p, diags := Parse([]File{
		{Name: "build.hcl", Data: []byte(`include = ["svc/*.hcl"]`)},
		{Name: "svc/app.hcl", Data: []byte(`target "default" { contexts = { src = "src" } }`)},
	}, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sel, diags := p.Resolve(nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got := sel.Targets["default"]; *got.Context != "svc" || *got.Contexts["src"] != "svc/src" {
		t.Errorf("context %q, contexts %v", *got.Context, *got.Contexts["src"])
	}
}

// TestIncludeNotAList: a top-level include that is not a list of string
// literals is the variable buildx sees.
func TestIncludeNotAList(t *testing.T) {
	for _, src := range []string{
		`include = "nope.hcl"`,
		`include = ["${FOO}.hcl"]`,
		`include = [1, 2]`,
		`include = { a = "nope.hcl" }`,
	} {
		fsys := fstest.MapFS{"docker-bake.hcl": {Data: []byte(src + "\nvariable \"FOO\" { default = \"x\" }\ntarget \"default\" { args = { I = jsonencode(include) } }\n")}}
		files, p, diags := readProject(t, fsys)
		if diags.HasErrors() {
			t.Errorf("%s: %s", src, diags.Error())
			continue
		}
		if len(files) != 1 {
			t.Errorf("%s: read %v", src, fileNames(files))
		}
		if v := p.Targets["default"].Args["I"]; v == nil || *v == "" {
			t.Errorf("%s: include is not a variable", src)
		}
	}
}

// TestIncludeJSON: a JSON build file includes too.
func TestIncludeJSON(t *testing.T) {
	fsys := fstest.MapFS{
		"docker-bake.json":     {Data: []byte(`{"include": ["app/docker-bake.json"], "group": {"default": {"targets": ["app"]}}}`)},
		"app/docker-bake.json": {Data: []byte(`{"target": {"app": {"context": "src"}}}`)},
	}
	_, p, diags := readProject(t, fsys)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sel, diags := p.Resolve(nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if c := *sel.Targets["app"].Context; c != "app/src" {
		t.Errorf("context %q, want app/src", c)
	}
}

// TestIncludeRemote: in a remote definition, an included file's context
// is that folder of the repository.
func TestIncludeRemote(t *testing.T) {
	fsys := fstest.MapFS{
		"docker-bake.hcl":     {Data: []byte(`include = ["svc/build.hcl"]`)},
		"svc/build.hcl":       {Data: []byte(`target "default" {}`)},
		"svc/other/build.hcl": {Data: []byte(``)},
	}
	files, diags := ReadFiles(fsys, nil, nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	p, _ := Parse(files, Options{RemoteContext: "https://github.com/o/r.git#main"})
	sel, diags := p.ResolveForBuild(nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if c := *sel.Targets["default"].Context; c != "https://github.com/o/r.git#main:svc" {
		t.Errorf("context %q", c)
	}
}

// TestIncludeErrors reads each folder of testdata/include-errors (its
// build.hcl, with what it includes) and checks the "# ERROR: summary" markers of every file in
// it, as TestErrorFixtures does for one file.
func TestIncludeErrors(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "include-errors", "*"))
	if len(dirs) == 0 {
		t.Fatal("no fixtures")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want := map[string]bool{} // "file:line summary"
			_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err != nil || info.IsDir() {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				for i, line := range strings.Split(string(data), "\n") {
					if _, m, ok := strings.Cut(line, "# ERROR: "); ok {
						want[filepath.ToSlash(rel)+":"+strconv.Itoa(i+1)+" "+strings.TrimSpace(m)] = true
					}
				}
				return nil
			})
			_, diags := ReadFiles(os.DirFS(dir), nil, nil, nil)
			var got []string
			for _, d := range diags {
				if d.Subject == nil {
					t.Errorf("no position: %s: %s", d.Summary, d.Detail)
					continue
				}
				key := d.Subject.Filename + ":" + strconv.Itoa(d.Subject.Start.Line) + " " + d.Summary
				got = append(got, key)
				if !want[key] {
					t.Errorf("unexpected %s: %s", key, d.Detail)
				}
				if !strings.Contains(d.Detail, ". ") {
					t.Errorf("%s: the detail should say what to do: %s", key, d.Detail)
				}
			}
			for k := range want {
				if !slices.Contains(got, k) {
					t.Errorf("expected %s was not reported", k)
				}
			}
			sort.Strings(got)
			t.Logf("reported: %v", got)
		})
	}
}

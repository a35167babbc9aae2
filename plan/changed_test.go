package plan

import (
	"os"
	"path/filepath"
	"testing"

	bake "github.com/bkx-dev/bkx/hcl"
)

func TestChanged(t *testing.T) {
	dir := t.TempDir()
	for p, data := range map[string]string{
		"base/Dockerfile":    "FROM scratch\n",
		"app/Dockerfile":     "FROM base\n",
		"app/.dockerignore":  "*.md\n",
		"app/README.md":      "x",
		"app/main.go":        "x",
		"lib/x.txt":          "x",
		"tools/Dockerfile":   "FROM scratch\n",
		"docs/Dockerfile":    "FROM scratch\n",
		"release/Dockerfile": "FROM scratch\n",
	} {
		full := filepath.Join(dir, p)
		_ = os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	resolve := func(src string) *bake.Selection {
		t.Helper()
		p, diags := bake.Parse([]bake.File{{Name: "docker-bake.hcl", Data: []byte(src)}}, bake.Options{Env: map[string]string{}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		sel, diags := p.ResolveForBuild([]string{"app", "tools", "docs", "release", "new"}, nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return sel
	}
	const common = `
target "base" { context = "base" }
target "app" {
  context  = "app"
  contexts = { base = "target:base", lib = "lib" }
}
target "docs" { context = "docs" }
target "release" {
  context    = "release"
  depends_on = ["docs"]
}
target "new" { context = "base" }
`
	before := resolve(common + `target "tools" { context = "tools" }` + "\n")
	now := resolve(common + `target "tools" {
  context = "tools"
  args = { V = "2" }
}
`)
	// Only a file the .dockerignore leaves out changed in app: app is not
	// kept for it. docs' Dockerfile changed: docs and release (which
	// waits for docs) are.
	changed := []string{filepath.Join(dir, "app", "README.md"), filepath.Join(dir, "docs", "Dockerfile")}
	delete(before.Targets, "new") // as if the ref had no target "new"
	got, err := Changed(now, before, changed, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"docs":    "Dockerfile docs/Dockerfile changed",
		"release": "uses docs, which changed",
		"tools":   "its definition changed",
		"new":     "new since the ref",
	}
	if len(got) != len(want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	// A file of a named context, and the base: app is kept through both.
	got, _ = Changed(now, now, []string{filepath.Join(dir, "lib", "x.txt")}, dir)
	if got["app"] != "named context lib: x.txt changed" || len(got) != 1 {
		t.Errorf("named context: %v", got)
	}
	got, _ = Changed(now, now, []string{filepath.Join(dir, "base", "Dockerfile")}, dir)
	if got["base"] == "" || got["app"] != "uses base, which changed" {
		t.Errorf("base changed: %v", got)
	}
}

package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
)

// fromTagsIn writes files into a temporary working directory, resolves
// the targets of its build.hcl and returns the FROM warnings of the plan.
func fromTagsIn(t *testing.T, files map[string]string) hcl.Diagnostics {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, diags := bake.Parse([]bake.File{{Name: "build.hcl", Data: []byte(files["build.hcl"])}}, bake.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sel, diags := p.ResolveForBuild(p.TargetOrder, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	_, diags = Build(sel, p.Builders, Options{LocalPlatform: "linux/amd64", Workdir: dir})
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Summary == "Base image built by another target" {
			out = append(out, d)
		}
	}
	return out
}

const fromTagsBake = `
target "base" {
  context = "base"
  tags    = ["example.com/acme/base:1", "acme/base"]
}

target "app" {
  context = "app"
}
`

func TestFromTagsWarning(t *testing.T) {
	diags := fromTagsIn(t, map[string]string{
		"build.hcl":       fromTagsBake,
		"base/Dockerfile": "FROM alpine\n",
		// docker.io/acme/base:latest is acme/base, normalized.
		"app/Dockerfile": "# syntax=docker/dockerfile:1\nFROM golang AS build\nRUN true\nFROM build AS test\nFROM docker.io/acme/base:latest\nCOPY --from=build / /\n",
	})
	if len(diags) != 1 {
		t.Fatalf("want one warning, got %d: %v", len(diags), diags)
	}
	d := diags[0]
	if d.Severity != hcl.DiagWarning {
		t.Errorf("severity %v, want a warning", d.Severity)
	}
	if d.Subject == nil || d.Subject.Filename != "app/Dockerfile" || d.Subject.Start.Line != 5 {
		t.Fatalf("subject %v, want app/Dockerfile line 5", d.Subject)
	}
	if got := string(d.Subject.SliceBytes([]byte("# syntax=docker/dockerfile:1\nFROM golang AS build\nRUN true\nFROM build AS test\nFROM docker.io/acme/base:latest\nCOPY --from=build / /\n"))); got != "FROM docker.io/acme/base:latest" {
		t.Errorf("subject covers %q", got)
	}
	for _, want := range []string{`"base"`, "build.hcl:4", `contexts = { "docker.io/acme/base:latest" = "target:base" }`, `target "app"`} {
		if !strings.Contains(d.Detail, want) {
			t.Errorf("detail lacks %s: %s", want, d.Detail)
		}
	}
}

func TestFromTagsArgs(t *testing.T) {
	files := map[string]string{
		"build.hcl":       fromTagsBake,
		"base/Dockerfile": "FROM alpine\n",
		"app/Dockerfile":  "ARG REGISTRY=example.com\nARG BASE=${REGISTRY}/acme/base:1\nARG UNKNOWN\nFROM ${BASE} AS one\nFROM ${UNKNOWN}/x\nFROM $BUILDPLATFORM\n",
	}
	diags := fromTagsIn(t, files)
	if len(diags) != 1 || diags[0].Subject.Start.Line != 4 {
		t.Fatalf("want one warning at line 4, got %v", diags)
	}
	// A target's args win over the defaults.
	files["build.hcl"] = strings.Replace(fromTagsBake, `context = "app"`, `context = "app"
  args = { BASE = "alpine" }`, 1)
	if diags := fromTagsIn(t, files); len(diags) != 0 {
		t.Errorf("args replace the default: %v", diags)
	}
}

func TestFromTagsInline(t *testing.T) {
	bakeFile := strings.Replace(fromTagsBake, `context = "app"`, `dockerfile-inline = "FROM scratch\nFROM acme/base\n"`, 1)
	diags := fromTagsIn(t, map[string]string{"build.hcl": bakeFile, "base/Dockerfile": "FROM alpine\n"})
	if len(diags) != 1 {
		t.Fatalf("want one warning, got %v", diags)
	}
	d := diags[0]
	if d.Subject == nil || d.Subject.Filename != "build.hcl" || d.Subject.Start.Line != 8 || !strings.Contains(d.Detail, "line 2 of its dockerfile-inline") {
		t.Errorf("subject %v, detail %s", d.Subject, d.Detail)
	}
}

// What already orders the two builds silences the warning.
func TestFromTagsOrdered(t *testing.T) {
	for name, attr := range map[string]string{
		"context by name":       `contexts = { "acme/base" = "target:base" }`,
		"context by equal name": `contexts = { "docker.io/acme/base:latest" = "docker-image://acme/base" }`,
		"depends_on":            `depends_on = ["base"]`,
	} {
		t.Run(name, func(t *testing.T) {
			bakeFile := strings.Replace(fromTagsBake, `context = "app"`, "context = \"app\"\n  "+attr, 1)
			diags := fromTagsIn(t, map[string]string{
				"build.hcl":       bakeFile,
				"base/Dockerfile": "FROM alpine\n",
				"app/Dockerfile":  "FROM acme/base\n",
			})
			if len(diags) != 0 {
				t.Errorf("warned: %v", diags)
			}
		})
	}
}

// A target that tags what it builds FROM (a rebuild of its own image),
// and a missing Dockerfile, get no warning.
func TestFromTagsQuiet(t *testing.T) {
	diags := fromTagsIn(t, map[string]string{
		"build.hcl":       fromTagsBake,
		"base/Dockerfile": "FROM acme/base\n",
	})
	if len(diags) != 0 {
		t.Errorf("warned: %v", diags)
	}
}

package main

import (
	"strings"
	"testing"
)

// TestBakePlanFromTags: --plan warns that a target builds FROM the image
// another target tags, at the FROM line, naming the other target's tags
// and the named context that orders the two.
func TestBakePlanFromTags(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+`
group "default" {
  targets = ["base", "app"]
}

target "base" {
  context = "base"
  tags    = ["acme/base:1"]
}

target "app" {
  context = "app"
}
`)
	w.file("base/Dockerfile", "FROM scratch\n")
	w.file("app/Dockerfile", "ARG BASE=docker.io/acme/base:1\nFROM ${BASE}\n")
	r := w.bake("bake", "--plan")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, want := range []string{
		"app/Dockerfile:2:1: warning: Base image built by another target\n",
		`target "base" tags (tags at build.hcl:12)`,
		`add contexts = { "docker.io/acme/base:1" = "target:base" } to target "app"`,
	} {
		if !strings.Contains(strings.Join(strings.Fields(r.stderr), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("missing %q in:\n%s", want, r.stderr)
		}
	}

	// With the named context, no warning, and base builds first.
	w.file("build.hcl", strings.Replace(w.read("build.hcl"), `context = "app"`, `context = "app"
  contexts = { "docker.io/acme/base:1" = "target:base" }`, 1))
	r = w.bake("bake", "--plan")
	if r.code != 0 || strings.Contains(r.stderr, "Base image built by another target") {
		t.Fatal(r)
	}
}

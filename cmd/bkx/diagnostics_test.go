package main

import (
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBakeWarnings: the Dockerfile frontend's lint warnings are listed
// after the summary, once per target even when several platforms warn,
// at the Dockerfile's path and line; BUILDX_METADATA_WARNINGS puts them
// in the metadata file as buildx does.
func TestBakeWarnings(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("sub/Dockerfile", fmt.Sprintf("FROM %s as base\nRUN echo %s\n", w.env.BusyboxImage(), w.nonce))
	w.file("build.hcl", w.remoteBuilder("default")+`
target "default" {
  context   = "sub"
  platforms = ["linux/amd64", "linux/arm64"]
}
`)
	r := w.bake("bake", "--progress", "plain", "--metadata-file", filepath.Join(w.dir, "plain.json"))
	if r.code != 0 {
		t.Fatal(r)
	}
	want := "  default: sub/Dockerfile:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n    https://docs.docker.com/go/dockerfile/rule/from-as-casing/\n"
	if !strings.Contains(r.stderr, "\n1 warning:\n"+want) || strings.Count(r.stderr, "sub/Dockerfile:1: FromAsCasing") != 1 {
		t.Errorf("want the warning listed once after the summary:\n%s", r.stderr)
	}
	if md := readMetadata(t, filepath.Join(w.dir, "plain.json")); md["buildx.build.warnings"] != nil {
		t.Errorf("warnings in the metadata file without BUILDX_METADATA_WARNINGS")
	}

	w.vars["BUILDX_METADATA_WARNINGS"] = "true"
	if r := w.bake("bake", "--progress", "quiet", "--metadata-file", filepath.Join(w.dir, "md.json")); r.code != 0 || strings.Contains(r.stderr, "FromAsCasing") {
		t.Fatalf("quiet prints no warnings:\n%s", r)
	}
	raw := w.read("md.json")
	if !strings.Contains(raw, `"buildx.build.warnings": [`) {
		t.Fatalf("no buildx.build.warnings:\n%s", raw)
	}
	short := base64.StdEncoding.EncodeToString([]byte("FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"))
	if !strings.Contains(raw, `"short": "`+short+`"`) || !strings.Contains(raw, `"url": "https://docs.docker.com/go/dockerfile/rule/from-as-casing/"`) {
		t.Errorf("buildx.build.warnings lacks the warning in buildx's shape:\n%s", raw)
	}
}

// TestBakeFailureAtStep: a failed step is shown at its Dockerfile line,
// the path from the working directory, whichever target's Dockerfile it
// is: here the one of a target: dependency; what the failed build warned
// about is listed before.
func TestBakeFailureAtStep(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("base/Dockerfile", fmt.Sprintf("FROM %s as b0\nRUN echo %s\nRUN echo failing && exit 4\n", w.env.BusyboxImage(), w.nonce))
	w.file("Dockerfile", "FROM base\nRUN echo app\n")
	w.file("build.hcl", w.remoteBuilder("default")+`
target "base" {
  context = "base"
}
target "app" {
  contexts = { base = "target:base" }
}
`)
	r := w.bake("bake", "--progress", "quiet", "app")
	if r.code != 1 {
		t.Fatal(r)
	}
	want := "base/Dockerfile:3:1: error: Target \"base\" failed at this step\n 3 | RUN echo failing && exit 4\n   | ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  process \"/bin/sh -c echo failing && exit 4\" did not complete successfully: exit code: 4\n"
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("want the failure at its step first:\n%s\ngot:\n%s", want, r.stderr)
	}
	// The failed build's warnings are listed too, before the failure.
	r = w.bake("bake", "--progress", "plain", "app")
	warning := "\n1 warning:\n  base: base/Dockerfile:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n"
	if i, j := strings.Index(r.stderr, warning), strings.Index(r.stderr, "\n"+want); r.code != 1 || i < 0 || j < i {
		t.Errorf("want the warning, then the failure:\n%s", r.stderr)
	}
}

// TestBakeUnreachableNode: a node nobody answers at is named with its
// endpoint and the dial's cause, not reported as a node lost mid-build.
func TestBakeUnreachableNode(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	dir := t.TempDir()
	file := fmt.Sprintf("builder \"default\" {\n  driver = \"remote\"\n  endpoint = \"tcp://%s\"\n}\ntarget \"default\" {\n  dockerfile-inline = \"FROM scratch\\n\"\n}\n", addr)
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "--progress", "quiet")
	want := fmt.Sprintf("error: target default: cannot reach node default/default at tcp://%[1]s: dial tcp %[1]s: connect: connection refused. Is its buildkitd running? `bkx builder inspect default` shows what bkx sees\n", addr)
	if code != 1 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
}

// TestBakeMissingFiles: a context, a Dockerfile or a named context that
// is not there is an error at its attribute before anything is built,
// all of them at once; --print does not look, as buildx.
func TestBakeMissingFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := `builder "default" {
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
  contexts = { assets = "./assets" }
}
`
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "--progress", "quiet", "ctx", "df", "named")
	for _, want := range []string{
		"build.hcl:6:13: error: Context directory not found\n",
		"build.hcl:10:16: error: Dockerfile not found\n",
		"there is no Dockerfile at app/Dockerfile.prod",
		"build.hcl:14:14: error: Context directory not found\n",
		"3 errors.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if code != 1 || strings.Contains(out, "connecting") || strings.Contains(out, "cannot reach") {
		t.Errorf("exit %d; nothing may run:\n%s", code, out)
	}
	if code, out := bakeIn(t, dir, "--print", "ctx", "df", "named"); code != 0 {
		t.Errorf("--print: exit %d:\n%s", code, out)
	}
}

// TestBakeSBOMScanner: an SBOM attestation whose scanner image cannot be
// pulled fails at the attest attribute, naming the image and what to do.
func TestBakeSBOMScanner(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	scanner := w.env.Registry() + "/bkx-test/no-such-scanner:1"
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nRUN echo %s\n"
  attest = ["type=sbom,generator=%s"]
}
`, w.env.BusyboxImage(), w.nonce, scanner))
	r := w.bake("bake", "--progress", "quiet")
	text := strings.Join(strings.Fields(r.stderr), " ") // the detail is wrapped
	if r.code != 1 || !strings.HasPrefix(r.stderr, "build.hcl:8:12: error: SBOM scanner image cannot be pulled\n") ||
		!strings.Contains(text, "runs the scanner image "+scanner) || !strings.Contains(text, "not found") || !strings.Contains(text, "drop the sbom attestation") {
		t.Errorf("want the SBOM failure at the attest attribute:\n%s", r)
	}
}

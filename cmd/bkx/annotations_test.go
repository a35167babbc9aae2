package main

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestBakeAnnotations: a target's annotations reach the pushed image at
// the levels they name, as buildx puts them: the manifest by default and
// with manifest:, the index with index:, the index's descriptors of the
// manifests with manifest-descriptor:, one platform's manifest with
// manifest[PLATFORM]:.
func TestBakeAnnotations(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	ref := w.image("annotations")
	t.Cleanup(func() { deleteManifest(ref) })
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nRUN echo %s\n"
  platforms   = ["linux/amd64", "linux/arm64"]
  tags        = [%q]
  output      = ["type=registry"]
  annotations = [
    "org.example.plain=manifest-default",
    "index:org.example.index=on-index",
    "manifest-descriptor:org.example.desc=on-descriptor",
    "manifest[linux/arm64]:org.example.arm=arm-only",
  ]
}
`, w.env.BusyboxImage(), w.nonce, ref))
	r := w.bake("bake", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	var idx struct {
		Annotations map[string]string
		Manifests   []struct {
			Digest      string
			Annotations map[string]string
			Platform    *struct{ Architecture string }
		}
	}
	if err := json.Unmarshal(getManifest(t, ref).body, &idx); err != nil {
		t.Fatal(err)
	}
	if idx.Annotations["org.example.index"] != "on-index" {
		t.Errorf("index annotations: %v", idx.Annotations)
	}
	seen := 0
	for _, m := range idx.Manifests {
		if m.Platform == nil || m.Platform.Architecture == "unknown" {
			continue
		}
		seen++
		if m.Annotations["org.example.desc"] != "on-descriptor" {
			t.Errorf("%s descriptor annotations: %v", m.Platform.Architecture, m.Annotations)
		}
		var man struct{ Annotations map[string]string }
		if err := json.Unmarshal(getManifestAt(t, ref, m.Digest).body, &man); err != nil {
			t.Fatal(err)
		}
		if man.Annotations["org.example.plain"] != "manifest-default" {
			t.Errorf("%s manifest annotations: %v", m.Platform.Architecture, man.Annotations)
		}
		if arm := man.Annotations["org.example.arm"]; (m.Platform.Architecture == "arm64") != (arm == "arm-only") {
			t.Errorf("%s: org.example.arm = %q", m.Platform.Architecture, arm)
		}
	}
	if seen != 2 {
		t.Errorf("want 2 platform manifests, got %d", seen)
	}
}

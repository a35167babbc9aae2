package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// attestationsOf returns, for each attestation manifest of the index at
// ref, the digest of the image manifest it describes.
func attestationsOf(t *testing.T, ref string) []string {
	t.Helper()
	m := getManifest(t, ref)
	var idx ociIndex
	if err := json.Unmarshal(m.body, &idx); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range idx.Manifests {
		if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
			out = append(out, d.Annotations["vnd.docker.reference.digest"])
		}
	}
	return out
}

// TestBakeDefaultProvenance: as buildx, an image gets a minimal
// provenance attestation unless the target turns it off or
// BUILDX_NO_DEFAULT_ATTESTATIONS is set; a target built from another
// (through target:, in one gateway session) gets it too.
func TestBakeDefaultProvenance(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	refs := map[string]string{}
	for _, n := range []string{"plain", "off", "linked", "env"} {
		refs[n] = w.image("attest-" + n)
		t.Cleanup(func() { deleteManifest(refs[n]) })
	}
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "base" {
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s > /base\n"
}
target "plain" {
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s plain > /x\n"
  output = ["type=registry,name=%[3]s"]
}
target "off" {
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s off > /x\n"
  attest = ["type=provenance,disabled=true"]
  output = ["type=registry,name=%[4]s"]
}
target "linked" {
  contexts = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN echo %[2]s linked > /x\n"
  output = ["type=registry,name=%[5]s"]
}
target "env" {
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s env > /x\n"
  output = ["type=registry,name=%[6]s"]
}
`, w.env.BusyboxImage(), w.nonce, refs["plain"], refs["off"], refs["linked"], refs["env"]))
	if r := w.bake("bake", "--progress", "plain", "plain", "off", "linked"); r.code != 0 {
		t.Fatal(r)
	}
	w.vars["BUILDX_NO_DEFAULT_ATTESTATIONS"] = "1"
	if r := w.bake("bake", "--progress", "plain", "env"); r.code != 0 {
		t.Fatal(r)
	}
	for name, want := range map[string]int{"plain": 1, "linked": 1, "off": 0, "env": 0} {
		got := attestationsOf(t, refs[name])
		if len(got) != want {
			t.Errorf("target %s: %d attestation manifests, want %d", name, len(got), want)
			continue
		}
		if want == 0 {
			continue
		}
		// The attestation points at the image beside it, and says how it
		// was built: from the busybox base.
		var idx ociIndex
		_ = json.Unmarshal(getManifest(t, refs[name]).body, &idx)
		var images []string
		var att string
		for _, d := range idx.Manifests {
			if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
				att = d.Digest
			} else {
				images = append(images, d.Digest)
			}
		}
		if !slices.Contains(images, got[0]) {
			t.Errorf("target %s: attestation describes %s, not an image of the index %v", name, got[0], images)
		}
		var am ociIndex
		_ = json.Unmarshal(getManifestAt(t, refs[name], att).body, &am)
		if len(am.Layers) != 1 || !strings.HasPrefix(am.Layers[0].Annotations["in-toto.io/predicate-type"], "https://slsa.dev/provenance/") {
			t.Fatalf("target %s: attestation layers %+v", name, am.Layers)
		}
		if stmt := string(getBlob(t, refs[name], am.Layers[0].Digest)); !strings.Contains(stmt, "pkg:docker/"+strings.TrimSuffix(w.env.BusyboxImage(), ":latest")) {
			t.Errorf("target %s: provenance does not name the base image:\n%.600s", name, stmt)
		}
	}

	w.vars["BUILDX_NO_DEFAULT_ATTESTATIONS"] = "maybe"
	r := w.bake("bake", "--progress", "plain", "env")
	if r.code == 0 || !strings.Contains(r.stderr, `invalid BUILDX_NO_DEFAULT_ATTESTATIONS="maybe"`) || strings.Contains(r.stderr, "RUN echo") {
		t.Errorf("an invalid BUILDX_NO_DEFAULT_ATTESTATIONS must stop bkx before any build:\n%s", r)
	}
}

// TestBakeMetadataProvenance: the metadata file carries each build's
// provenance from BuildKit's build history as buildx writes it: SLSA
// v0.2, minimal by default, per platform for a multi-platform target,
// everything with BUILDX_METADATA_PROVENANCE=max, nothing when disabled.
func TestBakeMetadataProvenance(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "one" {
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s one > /x\n"
}
target "two" {
  platforms = ["linux/amd64", "linux/arm64"]
  dockerfile-inline = "FROM %[1]s\nRUN echo %[2]s two > /x\n"
}
`, w.env.BusyboxImage(), w.nonce))
	bake := func(mode string) map[string]map[string]any {
		t.Helper()
		w.vars["BUILDX_METADATA_PROVENANCE"] = mode
		md := filepath.Join(w.dir, "md-"+mode+".json")
		if r := w.bake("bake", "--progress", "plain", "--metadata-file", md, "one", "two"); r.code != 0 {
			t.Fatal(r)
		}
		return readMetadata(t, md)
	}
	keys := func(v any) []string {
		m, _ := v.(map[string]any)
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	min := bake("min")
	if got := keys(min["one"]["buildx.build.provenance"]); !slices.Equal(got, []string{"buildType", "builder", "invocation", "materials"}) {
		t.Errorf("min provenance of one: keys %v", got)
	}
	mat, _ := json.Marshal(min["one"]["buildx.build.provenance"])
	if !strings.Contains(string(mat), "pkg:docker/"+strings.TrimSuffix(w.env.BusyboxImage(), ":latest")) {
		t.Errorf("provenance of one does not name its base:\n%s", mat)
	}
	// Each platform's provenance names the base image of that platform.
	for _, p := range []string{"linux/amd64", "linux/arm64"} {
		prov, _ := json.Marshal(min["two"]["buildx.build.provenance/"+p])
		if want := "platform=" + strings.ReplaceAll(p, "/", "%2F"); !strings.Contains(string(prov), want) {
			t.Errorf("two: buildx.build.provenance/%s does not name the %s base (%s):\n%s", p, p, want, prov)
		}
	}
	if _, ok := min["two"]["buildx.build.provenance"]; ok {
		t.Errorf("two has a provenance without a platform: %v", keys(min["two"]))
	}
	max := bake("max")
	if got := keys(max["one"]["buildx.build.provenance"]); !slices.Contains(got, "buildConfig") || !slices.Contains(got, "metadata") {
		t.Errorf("max provenance of one: keys %v", got)
	}
	off := bake("disabled")
	for _, name := range []string{"one", "two"} {
		for k := range off[name] {
			if strings.HasPrefix(k, "buildx.build.provenance") {
				t.Errorf("disabled: %s still has %s", name, k)
			}
		}
		if off[name]["buildx.build.ref"] == nil {
			t.Errorf("disabled: %s lost its build ref", name)
		}
	}
}

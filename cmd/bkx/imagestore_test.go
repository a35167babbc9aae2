package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/image"
	dockerclient "github.com/docker/docker/client"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestBakeContainerdImageStore runs the docker driver on the test world's
// second dockerd (moby v28 with the containerd image store): bkx asks the
// daemon, --plan says what it found, and what the classic store refuses
// works as buildx allows it: a two-platform image with its provenance
// attestation, kept in the daemon's store, and an OCI tarball of both
// platforms.
func TestBakeContainerdImageStore(t *testing.T) {
	w := newBuildWorld(t, testenv.DockerCtrd)
	w.vars["DOCKER_HOST"] = w.env.DockerCtrdHost()
	ref := w.image("ctrd-store")
	w.file("docker-bake.hcl", fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nARG TARGETARCH\nRUN echo %s-$TARGETARCH > /arch\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = [%q]
  output    = ["type=image", "type=oci,dest=out/app.tar"]
}
`, w.env.BusyboxImage(), w.nonce, ref))
	r := w.bake("bake", "--plan")
	if r.code != 0 || !strings.Contains(r.stdout, "default (docker driver, containerd image store)") {
		t.Fatalf("--plan on a containerd-store daemon:\n%s", r)
	}
	r = w.bake("bake", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	dc, err := dockerclient.NewClientWithOpts(dockerclient.WithHost(w.env.DockerCtrdHost()), dockerclient.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Cleanup(func() { _, _ = dc.ImageRemove(ctx, ref, image.RemoveOptions{Force: true}) })
	insp, err := dc.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatalf("the daemon's store has no %s: %v", ref, err)
	}
	if insp.Descriptor == nil || !strings.Contains(insp.Descriptor.MediaType, "index") {
		t.Errorf("%s is not stored as an index of platforms: %+v", ref, insp.Descriptor)
	}
	files := tarFiles(t, filepath.Join(w.dir, "out", "app.tar"))
	var top ociIndex
	if err := json.Unmarshal(files["index.json"], &top); err != nil || len(top.Manifests) != 1 {
		t.Fatalf("index.json: %v\n%s", err, files["index.json"])
	}
	inner := files["blobs/"+strings.Replace(top.Manifests[0].Digest, ":", "/", 1)]
	if got := indexPlatforms(t, inner); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("oci tarball platforms %v", got)
	}
	// The default provenance attestation: an attestation manifest per
	// platform in the index, as buildx adds on such a daemon.
	var idx ociIndex
	_ = json.Unmarshal(inner, &idx)
	att := 0
	for _, m := range idx.Manifests {
		if m.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
			att++
		}
	}
	if att != 2 {
		t.Errorf("want 2 attestation manifests, got %d:\n%s", att, inner)
	}

	// A target of two platforms that names no output, and one loaded with
	// --load: both go into the daemon's store as one image of both
	// platforms, as buildx loads them there (the classic store refuses).
	loaded := w.image("ctrd-load")
	t.Cleanup(func() { _, _ = dc.ImageRemove(ctx, loaded, image.RemoveOptions{Force: true}) })
	w.file("docker-bake.hcl", fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nRUN echo %s-load\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = [%q]
}
`, w.env.BusyboxImage(), w.nonce, loaded))
	for _, args := range [][]string{{"bake", "--progress", "plain"}, {"bake", "--load", "--progress", "plain"}} {
		_, _ = dc.ImageRemove(ctx, loaded, image.RemoveOptions{Force: true})
		if r := w.bake(args...); r.code != 0 {
			t.Fatalf("%v: %s", args, r)
		}
		insp, err := dc.ImageInspect(ctx, loaded)
		if err != nil || insp.Descriptor == nil || !strings.Contains(insp.Descriptor.MediaType, "index") {
			t.Errorf("%v: the daemon's store has no index %s: %v %+v", args, loaded, err, insp.Descriptor)
		}
	}
}

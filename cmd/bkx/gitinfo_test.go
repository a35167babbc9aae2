package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestBakeGitInfo: built in a git working tree with BUILDX_GIT_LABELS and
// BUILDX_GIT_CHECK_DIRTY, the image carries buildx's labels: the origin
// (without its credentials), the commit marked -dirty, and the
// Dockerfile's path in the repository.
func TestBakeGitInfo(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+`
target "default" {
  context = "app"
  output  = ["type=oci,dest=out/app.tar"]
}
`)
	w.file("app/Dockerfile", "FROM "+w.env.BusyboxImage()+"\nLABEL dev.bkx.test="+w.nonce+"\n")
	git := gitIn(t, w.dir)
	git("init", "-q", "-b", "main")
	git("remote", "add", "origin", "https://bot:secret-token@git.example.com/acme/app.git")
	git("add", "-A")
	git("commit", "-q", "-m", "x")
	head := git("rev-parse", "HEAD")
	w.file("app/untracked.txt", "dirty") // the tree is dirty now

	w.vars["BUILDX_GIT_LABELS"] = "1"
	w.vars["BUILDX_GIT_CHECK_DIRTY"] = "1"
	r := w.bake("bake", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	files := tarFiles(t, filepath.Join(w.dir, "out", "app.tar"))
	var idx ociIndex
	if err := json.Unmarshal(files["index.json"], &idx); err != nil || len(idx.Manifests) == 0 {
		t.Fatalf("index.json: %v", err)
	}
	blob := func(d string) []byte { return files["blobs/"+strings.Replace(d, ":", "/", 1)] }
	var man ociIndex
	_ = json.Unmarshal(blob(idx.Manifests[0].Digest), &man)
	if len(man.Manifests) > 0 { // an index with the image and its attestation
		for _, m := range man.Manifests {
			if m.Platform != nil && m.Platform.OS != "unknown" {
				_ = json.Unmarshal(blob(m.Digest), &man)
				break
			}
		}
	}
	var cfg struct {
		Config struct{ Labels map[string]string }
	}
	if err := json.Unmarshal(blob(man.Config.Digest), &cfg); err != nil {
		t.Fatalf("image config: %v", err)
	}
	for k, v := range map[string]string{
		"org.opencontainers.image.source":    "https://git.example.com/acme/app.git",
		"org.opencontainers.image.revision":  head + "-dirty",
		"com.docker.image.source.entrypoint": "app/Dockerfile",
		"dev.bkx.test":                       w.nonce,
	} {
		if got := cfg.Config.Labels[k]; got != v {
			t.Errorf("label %s = %q, want %q", k, got, v)
		}
	}
	if strings.Contains(r.stderr, "secret-token") {
		t.Errorf("the remote's credentials are in the output")
	}
}

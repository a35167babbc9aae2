package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestBakeCacheS3 exports the cache of a build on one buildkitd node to
// the test world's S3-compatible server, with the credentials taken from
// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY as buildx takes them, and
// imports it on the other node: the rebuild is all cache hits, so its
// output is byte for byte the first build's. A gha cache in the same file
// is skipped with a warning outside GitHub Actions, as buildx skips it.
func TestBakeCacheS3(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t, testenv.S3)
	s3 := fmt.Sprintf("type=s3,endpoint_url=%s,bucket=%s,region=us-east-1,use_path_style=true,name=cache-%s", w.env.S3(), w.env.S3Bucket(), w.nonce)
	w.vars["AWS_ACCESS_KEY_ID"] = "bkx"
	w.vars["AWS_SECRET_ACCESS_KEY"] = "bkx-secret"
	cacheRoundTrip(t, w, s3+",mode=max", s3)

	// The same with a gha cache beside it: skipped with a warning outside
	// GitHub Actions, as buildx skips it, and the build goes on.
	w.file("gha.hcl", w.remoteBuilder("first")+fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\n"
  cache-to   = ["type=gha"]
  cache-from = ["type=gha"]
}
`, w.env.BusyboxImage()))
	r := w.bake("bake", "-f", "gha.hcl", "--builder", "first", "--progress", "plain")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: gha cache skipped") {
		t.Errorf("a gha cache outside GitHub Actions: want a warning and a build\n%s", r)
	}

	// Without credentials BuildKit cannot sign its requests: an s3 cache
	// needs region and bucket at least, checked before anything runs.
	w.file("bad.hcl", `target "default" {
  dockerfile-inline = "FROM scratch\n"
  cache-to = ["type=s3,bucket=b"]
}
`+w.remoteBuilder("first"))
	r = w.bake("bake", "-f", "bad.hcl", "--builder", "first", "--plan")
	if r.code != 1 || !strings.Contains(r.stderr, "bad.hcl:3:") || !strings.Contains(r.stderr, "Cache type=s3 needs region") {
		t.Errorf("an s3 cache without region: want a located plan error\n%s", r)
	}
}

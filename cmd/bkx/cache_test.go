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
	tls := w.env.TLS()
	name := "cache-" + w.nonce
	s3 := fmt.Sprintf("type=s3,endpoint_url=%s,bucket=%s,region=us-east-1,use_path_style=true,name=%s", w.env.S3(), w.env.S3Bucket(), name)
	w.file("build.hcl", w.remoteBuilder("first")+fmt.Sprintf(`
builder "second" {
  driver      = "remote"
  endpoint    = %q
  driver-opts = { cacert = %q, cert = %q, key = %q, servername = "localhost" }
}
variable "NONCE" {}
variable "OUT" {}
target "default" {
  dockerfile-inline = "FROM %s\nRUN echo cache-${NONCE} && cat /proc/sys/kernel/random/uuid > /id\n"
  cache-to   = ["%s,mode=max", "type=gha"]
  cache-from = ["%s", "type=gha"]
  output     = ["type=local,dest=${OUT}"]
}
`, w.env.BuildkitdTLS(), tls.CA, tls.Cert, tls.Key, w.env.BusyboxImage(), s3, s3))
	w.vars["AWS_ACCESS_KEY_ID"] = "bkx"
	w.vars["AWS_SECRET_ACCESS_KEY"] = "bkx-secret"
	word := "cache-" + w.nonce
	r := w.bake("bake", "--builder", "first", "--progress", "plain", "--var", "NONCE="+w.nonce, "--var", "OUT=out1")
	if r.code != 0 {
		t.Fatal(r)
	}
	if stepRuns(r.stderr, word) != 1 {
		t.Fatalf("first build: the step did not run\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "warning: gha cache skipped") {
		t.Errorf("no warning for the gha cache outside GitHub Actions:\n%s", r.stderr)
	}
	r = w.bake("bake", "--builder", "second", "--progress", "plain", "--var", "NONCE="+w.nonce, "--var", "OUT=out2")
	if r.code != 0 {
		t.Fatal(r)
	}
	if stepRuns(r.stderr, word) != 0 {
		t.Errorf("rebuild on the other node ran the step again instead of a cache hit from S3\n%s", r.stderr)
	}
	if a, b := w.read("out1/id"), w.read("out2/id"); a != b {
		t.Errorf("rebuild produced id %q, first build %q: the step ran again", b, a)
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

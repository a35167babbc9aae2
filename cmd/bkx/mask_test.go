package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestBakeSecretsMasked: a step that prints its secrets, then fails with
// one in its error: the values appear as *** in the progress, the
// failure and the summary, never as themselves.
func TestBakeSecretsMasked(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	envSecret := "env-" + w.nonce + "-value"
	fileSecret := "file-" + w.nonce + "-value"
	w.vars["BKX_TEST_TOKEN"] = envSecret
	w.file("token.txt", fileSecret+"\n")
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "default" {
  secret = ["id=token,env=BKX_TEST_TOKEN", "id=filetoken,src=token.txt"]
  dockerfile-inline = <<EOT
FROM %s
RUN --mount=type=secret,id=token --mount=type=secret,id=filetoken \
    echo "token is $(cat /run/secrets/token) and $(cat /run/secrets/filetoken)" && \
    sh -c "echo failing with $(cat /run/secrets/token) >&2; exit 3"
EOT
}
`, w.env.BusyboxImage()))
	r := w.bake("bake", "--progress", "plain")
	if r.code != 1 {
		t.Fatalf("want the step to fail:\n%s", r)
	}
	for _, s := range []string{envSecret, fileSecret} {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("the secret %q is in the output:\n%s", s, r)
		}
	}
	if !strings.Contains(r.stderr, "token is *** and ***") || !strings.Contains(r.stderr, "failing with ***") {
		t.Errorf("want the values masked as ***:\n%s", r.stderr)
	}

	// A value split between two writes is masked too.
	var out bytes.Buffer
	m := newMasker(&out, [][]byte{[]byte("s3cr3t")})
	_, _ = m.Write([]byte("a s3c"))
	_, _ = m.Write([]byte("r3t b\nc s3cr3t"))
	m.Flush()
	if out.String() != "a *** b\nc ***" {
		t.Errorf("masker: %q", out.String())
	}
}

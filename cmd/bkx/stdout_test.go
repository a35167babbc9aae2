package main

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBakeOutputToStdout: dest=- (and the "-" shorthand) streams the
// output as a tar to standard output, as buildx does, and never makes a
// file named "-"; two targets both streaming are refused by the plan.
func TestBakeOutputToStdout(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "files" {
  dockerfile-inline = "FROM scratch\nCOPY hello.txt /hello.txt\n"
  output = ["type=local,dest=-"]
}
target "tarball" {
  dockerfile-inline = "FROM scratch\nCOPY hello.txt /other.txt\n"
  output = ["-"]
}
`))
	w.file("hello.txt", "hello "+w.nonce)
	for _, c := range []struct{ target, file string }{{"files", "hello.txt"}, {"tarball", "other.txt"}} {
		r := w.bake("bake", c.target, "--progress", "quiet")
		if r.code != 0 {
			t.Fatal(r)
		}
		tr := tar.NewReader(bytes.NewReader([]byte(r.stdout)))
		found := false
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if strings.TrimPrefix(h.Name, "/") == c.file {
				b, _ := io.ReadAll(tr)
				found = string(b) == "hello "+w.nonce
			}
		}
		if !found {
			t.Errorf("%s: standard output is not a tar holding %s (%d bytes)", c.target, c.file, len(r.stdout))
		}
		if _, err := os.Stat(filepath.Join(w.dir, "-")); err == nil {
			t.Errorf("%s: a file named - was written", c.target)
		}
	}
	r := w.bake("bake", "files", "tarball", "--plan")
	if r.code != 1 || !strings.Contains(r.stderr, "build.hcl:") || !strings.Contains(r.stderr, "standard output") {
		t.Errorf("two targets streaming to standard output must be refused at the output:\n%s", r)
	}
}

package remotedef

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in              string
		ok              bool
		remote, ref, sd string
		archive         bool
		context         string
	}{
		{in: "app", ok: false},
		{in: "default", ok: false},
		{in: "git://h/r.git", ok: true, remote: "git://h/r.git", context: "git://h/r.git"},
		{in: "git://h/r.git#v1", ok: true, remote: "git://h/r.git", ref: "v1", context: "git://h/r.git#v1"},
		{in: "https://h/r.git#main:defs/x/", ok: true, remote: "https://h/r.git", ref: "main", sd: "defs/x", context: "https://h/r.git#main:defs/x"},
		{in: "git@github.com:o/r.git#:sub", ok: true, remote: "git@github.com:o/r.git", sd: "sub", context: "git@github.com:o/r.git#:sub"},
		{in: "ssh://git@h/r#main:../../etc", ok: true, remote: "ssh://git@h/r", ref: "main", sd: "etc", context: "ssh://git@h/r#main:etc"},
		{in: "https://h/defs.tar.gz", ok: true, remote: "https://h/defs.tar.gz", archive: true, context: "https://h/defs.tar.gz"},
	} {
		d, ok := Parse(c.in)
		if ok != c.ok {
			t.Errorf("Parse(%q) ok = %v", c.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if d.Remote != c.remote || d.Ref != c.ref || d.Subdir != c.sd || d.Archive != c.archive || d.Context() != c.context {
			t.Errorf("Parse(%q) = %+v, context %q", c.in, *d, d.Context())
		}
	}
}

func TestAuthHeader(t *testing.T) {
	if got := AuthHeader(map[string]string{"BUILDX_BAKE_GIT_AUTH_TOKEN": "tok"}); got != "basic eC1hY2Nlc3MtdG9rZW46dG9r" {
		t.Errorf("token header = %q", got)
	}
	if got := AuthHeader(map[string]string{"BUILDX_BAKE_GIT_AUTH_TOKEN": "tok", "BUILDX_BAKE_GIT_AUTH_HEADER": "bearer x"}); got != "bearer x" {
		t.Errorf("a header wins over a token: %q", got)
	}
}

func TestSSHCommand(t *testing.T) {
	key := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(key, []byte("key"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := sshCommand("default," + key)
	if err != nil || !strings.Contains(got, "-i '"+key+"' -o IdentitiesOnly=yes") {
		t.Errorf("sshCommand = %q, %v", got, err)
	}
	if _, err := sshCommand("id=/nonexistent/key"); err == nil || !strings.Contains(err.Error(), "BUILDX_BAKE_GIT_SSH names /nonexistent/key") {
		t.Errorf("a missing key: %v", err)
	}
}

// TestFetchArchive serves a gzip tar archive that tries to escape its
// folder: the files land inside it, and the token reaches the server.
func TestFetchArchive(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range map[string]string{"defs/docker-bake.hcl": "target \"a\" {}\n", "../../escape": "x"} {
		_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
		_, _ = tw.Write([]byte(body))
	}
	_ = tw.Close()
	_ = zw.Close()
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		_, _ = w.Write(buf.Bytes())
	}))
	defer srv.Close()
	d, ok := Parse(srv.URL + "/defs.tar.gz")
	if !ok || !d.Archive {
		t.Fatalf("not an archive: %+v", d)
	}
	dir, cleanup, err := Fetch(context.Background(), d, map[string]string{"BUILDX_BAKE_GIT_AUTH_HEADER": "bearer t"})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if b, err := os.ReadFile(filepath.Join(dir, "defs", "docker-bake.hcl")); err != nil || !strings.Contains(string(b), `target "a"`) {
		t.Errorf("defs/docker-bake.hcl: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape")); err != nil {
		t.Errorf("../../escape should land inside the folder as escape: %v", err)
	}
	if auth != "bearer t" {
		t.Errorf("Authorization = %q", auth)
	}
	cleanup()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s", dir)
	}
}

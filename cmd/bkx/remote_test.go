package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// Remote bake definitions (issue 11, part 4) against the test world's
// git servers: git daemon on :9418 and the token-protected HTTP server on
// :9480 (hack/gitserver, in front of git http-backend).

// gitRepo makes a bare repository served by both git servers, holding
// files on branch main, tagged v1, and removed after the test. It returns
// the repository's path below the servers' root.
func (w *buildWorld) gitRepo(files map[string]string) string {
	w.t.Helper()
	name := "bkx-test/tests/" + strings.ToLower(testenv.UniqueName(w.t.Name())) + ".git"
	bare := filepath.Join(w.env.GitRoot(), name)
	work := w.t.TempDir()
	for p, content := range files {
		full := filepath.Join(work, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			w.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			w.t.Fatal(err)
		}
	}
	run := func(dir string, args ...string) {
		w.t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + work, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@bkx.invalid",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@bkx.invalid"}
		if out, err := cmd.CombinedOutput(); err != nil {
			w.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run(work, "init", "-q", "-b", "main")
	run(work, "add", "-A")
	run(work, "commit", "-q", "-m", "test")
	run(work, "tag", "v1")
	w.t.Cleanup(func() { os.RemoveAll(bare) })
	if err := os.MkdirAll(filepath.Dir(bare), 0o755); err != nil {
		w.t.Fatal(err)
	}
	run(work, "clone", "-q", "--bare", work, bare)
	return name
}

// imageFile reads one file from the first platform image of ref.
func imageFile(t *testing.T, ref, path string) string {
	t.Helper()
	m := getManifest(t, ref)
	var doc struct {
		Manifests []struct {
			Digest   string
			Platform *struct{ Architecture string }
		}
		Layers []struct{ Digest string }
	}
	if err := json.Unmarshal(m.body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, d := range doc.Manifests {
		if d.Platform != nil && d.Platform.Architecture != "unknown" {
			_ = json.Unmarshal(getManifestAt(t, ref, d.Digest).body, &doc)
			break
		}
	}
	for _, l := range doc.Layers {
		zr, err := gzip.NewReader(bytes.NewReader(getBlob(t, ref, l.Digest)))
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if strings.TrimPrefix(h.Name, "/") == strings.TrimPrefix(path, "/") {
				b, _ := io.ReadAll(tr)
				return string(b)
			}
		}
	}
	t.Fatalf("%s has no file %s", ref, path)
	return ""
}

func TestBakeRemoteDefinition(t *testing.T) {
	w := newBuildWorld(t, testenv.Git, testenv.SSH)
	app, sub := w.image("remote-app"), w.image("remote-sub")
	t.Cleanup(func() { deleteManifest(app); deleteManifest(sub) })
	repo := w.gitRepo(map[string]string{
		"docker-bake.hcl": `
variable "TAG" {
  default = "t1"
}
target "app" {
  args     = { BASE = "` + w.env.BusyboxImage() + `" }
  tags     = ["` + app + `"]
  output   = ["type=image,push=true"]
  contexts = { extra = "sub" }
}
target "abs" {
  context = "/sub"
}
target "sub" {
  inherits = ["app"]
  context  = "sub"
  tags     = ["` + sub + `"]
}
group "default" {
  targets = ["app", "sub"]
}
`,
		"Dockerfile":     "ARG BASE\nFROM ${BASE}\nCOPY hello.txt /hello.txt\nCOPY --from=extra sub.txt /from-extra.txt\n",
		"hello.txt":      "hello " + w.nonce,
		"sub/Dockerfile": "ARG BASE\nFROM ${BASE}\nCOPY sub.txt /sub.txt\n",
		"sub/sub.txt":    "sub " + w.nonce,
	})
	daemon := w.env.GitDaemon() + "/" + repo
	private := w.env.GitHTTP() + "/" + repo

	t.Run("print", func(t *testing.T) {
		r := w.bake("bake", "--print", daemon+"#v1", "sub", "app", "abs")
		if r.code != 0 {
			t.Fatal(r)
		}
		var out struct {
			Target map[string]struct {
				Context  string
				Contexts map[string]string
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatal(err)
		}
		if got := out.Target["app"].Context; got != daemon+"#v1" {
			t.Errorf("app context = %q, want the remote itself", got)
		}
		if got := out.Target["sub"].Context; got != daemon+"#v1:sub" {
			t.Errorf("sub context = %q, want the remote's sub folder", got)
		}
		// As buildx prints them: an absolute path is inside the
		// repository too, and named contexts are left as written.
		if got := out.Target["abs"].Context; got != daemon+"#v1:sub" {
			t.Errorf("abs context = %q, want the remote's sub folder", got)
		}
		if got := out.Target["app"].Contexts["extra"]; got != "sub" {
			t.Errorf("named context printed as %q, want it as written", got)
		}
	})

	t.Run("build with a local builder file", func(t *testing.T) {
		// The builder comes from this machine (cwd://), the targets from
		// the repository, which is also the build context.
		w.file("builders.hcl", w.remoteBuilder("rem"))
		r := w.bake("bake", "--progress", "plain", "-f", "docker-bake.hcl", "-f", "cwd://builders.hcl", "--builder", "rem", daemon+"#main", "app", "sub")
		if r.code != 0 {
			t.Fatal(r)
		}
		if got := imageFile(t, app, "hello.txt"); got != "hello "+w.nonce {
			t.Errorf("app's hello.txt = %q", got)
		}
		// The named context "sub" is the repository's folder at build time.
		if got := imageFile(t, app, "from-extra.txt"); got != "sub "+w.nonce {
			t.Errorf("app's from-extra.txt = %q", got)
		}
		if got := imageFile(t, sub, "sub.txt"); got != "sub "+w.nonce {
			t.Errorf("sub's sub.txt = %q", got)
		}
	})

	t.Run("private repository", func(t *testing.T) {
		r := w.bake("bake", "--print", private+"#main")
		if r.code == 0 || !strings.Contains(r.stderr, "BUILDX_BAKE_GIT_AUTH_TOKEN") {
			t.Fatalf("without a token: want an error naming BUILDX_BAKE_GIT_AUTH_TOKEN\n%s", r)
		}
		w.vars["BUILDX_BAKE_GIT_AUTH_HEADER"] = "bearer " + w.env.GitToken()
		r = w.bake("bake", "--print", private+"#main", "app")
		delete(w.vars, "BUILDX_BAKE_GIT_AUTH_HEADER")
		if r.code != 0 || !strings.Contains(r.stdout, `"context": "`+private+`#main"`) {
			t.Fatalf("with BUILDX_BAKE_GIT_AUTH_HEADER: %s", r)
		}
		// With a token, BuildKit fetches the context from the private
		// server too: the build succeeds only if the token reached it.
		w.vars["BUILDX_BAKE_GIT_AUTH_TOKEN"] = w.env.GitToken()
		defer delete(w.vars, "BUILDX_BAKE_GIT_AUTH_TOKEN")
		deleteManifest(sub)
		r = w.bake("bake", "--progress", "plain", "-f", "docker-bake.hcl", "-f", "cwd://builders.hcl", "--builder", "rem", private+"#v1", "sub")
		if r.code != 0 {
			t.Fatal(r)
		}
		if got := imageFile(t, sub, "sub.txt"); got != "sub "+w.nonce {
			t.Errorf("sub's sub.txt = %q", got)
		}
	})

	t.Run("over ssh with BUILDX_BAKE_GIT_SSH", func(t *testing.T) {
		// The test world's ssh host serves the same repositories as
		// files: ssh://bkx-testenv-ssh/PATH, with its key named as buildx
		// takes it.
		overSSH := w.env.SSHDockerHost() + filepath.Join(w.env.GitRoot(), repo)
		w.vars["BUILDX_BAKE_GIT_SSH"] = w.env.SSHKey()
		defer delete(w.vars, "BUILDX_BAKE_GIT_SSH")
		r := w.bake("bake", "--print", overSSH+"#v1", "sub")
		if r.code != 0 || !strings.Contains(r.stdout, `"context": "`+overSSH+`#v1:sub"`) {
			t.Fatalf("over ssh: %s", r)
		}
		w.vars["BUILDX_BAKE_GIT_SSH"] = "/nonexistent/key"
		if r := w.bake("bake", "--print", overSSH+"#v1"); r.code != 1 || !strings.Contains(r.stderr, "BUILDX_BAKE_GIT_SSH names /nonexistent/key") {
			t.Errorf("a missing key: %s", r)
		}
	})

	t.Run("bad ref", func(t *testing.T) {
		r := w.bake("bake", "--print", daemon+"#nosuch")
		if r.code == 0 || !strings.Contains(r.stderr, `has no "nosuch"`) {
			t.Fatalf("want an error naming the missing ref\n%s", r)
		}
		r = w.bake("bake", "--print", daemon+"#main:nosuch")
		if r.code == 0 || !strings.Contains(r.stderr, `no folder "nosuch"`) {
			t.Fatalf("want an error naming the missing folder\n%s", r)
		}
	})
}

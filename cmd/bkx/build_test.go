package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	dockerclient "github.com/docker/docker/client"

	"github.com/bkx-dev/bkx/drivers/dockercontainer"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// End-to-end tests of `bkx bake` against the test world (issue 6): every
// test writes its own build file, runs the real command and checks what
// it produced on disk, in the registry or in dockerd.

// bakeResult is one in-process run of bkx.
type bakeResult struct {
	code   int
	stdout string
	// stderr holds the progress display, the summary and errors.
	stderr string
}

func (r bakeResult) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

// buildWorld is a test's folder and hermetic environment.
type buildWorld struct {
	t    *testing.T
	env  *testenv.Env
	dir  string
	vars map[string]string
	// nonce makes the test's build steps its own: no other run of the
	// suite has them in any cache.
	nonce string
}

func newBuildWorld(t *testing.T, components ...testenv.Component) *buildWorld {
	t.Helper()
	env := testenv.Require(t, append([]testenv.Component{testenv.Buildkitd, testenv.Registry}, components...)...)
	return &buildWorld{
		t:     t,
		env:   env,
		dir:   t.TempDir(),
		vars:  map[string]string{"HOME": t.TempDir(), "PATH": "/usr/bin:/bin", "DOCKER_HOST": env.DockerHost()},
		nonce: fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano()),
	}
}

// file writes a file of the test's folder.
func (w *buildWorld) file(name, content string) {
	w.t.Helper()
	p := filepath.Join(w.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// remoteBuilder is a builder block on the first buildkitd node.
func (w *buildWorld) remoteBuilder(name string) string {
	return fmt.Sprintf("builder %q {\n  driver   = \"remote\"\n  endpoint = %q\n}\n", name, w.env.BuildkitdTCP())
}

// image names an image of this test run in the local registry.
func (w *buildWorld) image(name string) string {
	return fmt.Sprintf("%s/bkx-test-exec/%s-%d:t1", w.env.Registry(), strings.ToLower(name), os.Getpid())
}

// bake runs bkx in-process. stderr is a file, so that the progress
// display is captured with the rest.
func (w *buildWorld) bake(args ...string) bakeResult {
	w.t.Helper()
	errf, err := os.CreateTemp(w.t.TempDir(), "stderr")
	if err != nil {
		w.t.Fatal(err)
	}
	defer errf.Close()
	var out bytes.Buffer
	c := &cli{env: w.vars, wd: w.dir, stdin: strings.NewReader(""), stdout: &out, stderr: errf, exit: func(int) {}}
	code := c.run(args)
	stderr, err := os.ReadFile(errf.Name())
	if err != nil {
		w.t.Fatal(err)
	}
	r := bakeResult{code: code, stdout: out.String(), stderr: string(stderr)}
	w.t.Logf("bkx %s: exit %d", strings.Join(args, " "), code)
	return r
}

// read returns a file of the test's folder.
func (w *buildWorld) read(name string) string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}

// absent fails when a path of the test's folder exists.
func (w *buildWorld) absent(name string) {
	w.t.Helper()
	if _, err := os.Lstat(filepath.Join(w.dir, name)); !os.IsNotExist(err) {
		w.t.Errorf("%s exists after a failed or cancelled build (err %v)", name, err)
	}
}

// noPartials fails when a temporary output is left anywhere in the
// test's folder.
func (w *buildWorld) noPartials() {
	w.t.Helper()
	_ = filepath.WalkDir(w.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".bkx-partial-") {
			w.t.Errorf("temporary output left behind: %s", p)
		}
		return nil
	})
}

// waitNoProcess waits (bounded) until no process on the machine has s in
// its command line: a cancelled build must stop its RUN steps in the
// daemon, which runs them as processes of this machine.
func waitNoProcess(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var left []string
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			if e.Name()[0] < '0' || e.Name()[0] > '9' {
				continue
			}
			b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if err == nil && bytes.Contains(b, []byte(s)) {
				left = append(left, e.Name()+": "+strings.ReplaceAll(string(b), "\x00", " "))
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("build steps still running after the build ended: %v", left)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// stepRuns counts how many times a RUN step that echoes word ran, from
// --progress plain output: each run logs the word once ("#N 0.052 word").
// Vertex outcomes (DONE, CACHED) are no proof: the display keys vertices
// by digest, so the same step in two sessions shows as one vertex.
func stepRuns(out, word string) int {
	re := regexp.MustCompile(`(?m)^#\d+ \d+\.\d+ ` + regexp.QuoteMeta(word) + `$`)
	return len(re.FindAllString(out, -1))
}

// registry reads the local registry (plain HTTP).
type manifest struct {
	digest    string
	mediaType string
	body      []byte
}

func getManifest(t *testing.T, ref string) manifest {
	t.Helper()
	_, _, tag := splitRef(t, ref)
	return getManifestAt(t, ref, tag)
}

// getManifestAt reads the manifest of ref's repository at a tag or digest.
func getManifestAt(t *testing.T, ref, tag string) manifest {
	t.Helper()
	host, repo, _ := splitRef(t, ref)
	req, _ := http.NewRequest("GET", fmt.Sprintf("http://%s/v2/%s/manifests/%s", host, repo, tag), nil)
	req.Header.Set("Accept", strings.Join([]string{
		"application/vnd.oci.image.index.v1+json",
		"application/vnd.docker.distribution.manifest.list.v2+json",
		"application/vnd.oci.image.manifest.v1+json",
		"application/vnd.docker.distribution.manifest.v2+json",
	}, ", "))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("registry: %s: %s\n%s", ref, resp.Status, body)
	}
	return manifest{digest: resp.Header.Get("Docker-Content-Digest"), mediaType: resp.Header.Get("Content-Type"), body: body}
}

func getBlob(t *testing.T, ref, digest string) []byte {
	t.Helper()
	host, repo, _ := splitRef(t, ref)
	resp, err := http.Get(fmt.Sprintf("http://%s/v2/%s/blobs/%s", host, repo, digest))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("registry: blob %s of %s: %s", digest, ref, resp.Status)
	}
	return body
}

// deleteManifest removes what a test pushed (the registry allows
// deletion); blobs are left to the registry's garbage collection.
func deleteManifest(ref string) {
	host, repo, tag, ok := cutRef(ref)
	if !ok {
		return
	}
	req, _ := http.NewRequest("HEAD", fmt.Sprintf("http://%s/v2/%s/manifests/%s", host, repo, tag), nil)
	req.Header.Set("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
	if d := resp.Header.Get("Docker-Content-Digest"); d != "" {
		req, _ := http.NewRequest("DELETE", fmt.Sprintf("http://%s/v2/%s/manifests/%s", host, repo, d), nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

func cutRef(ref string) (host, repo, tag string, ok bool) {
	host, rest, ok := strings.Cut(ref, "/")
	if !ok {
		return "", "", "", false
	}
	repo, tag, ok = strings.Cut(rest, ":")
	return host, repo, tag, ok
}

func splitRef(t *testing.T, ref string) (host, repo, tag string) {
	t.Helper()
	host, repo, tag, ok := cutRef(ref)
	if !ok {
		t.Fatalf("bad reference %q", ref)
	}
	return host, repo, tag
}

type ociDescriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Annotations map[string]string `json:"annotations"`
	Platform    *struct {
		OS           string `json:"os"`
		Architecture string `json:"architecture"`
	} `json:"platform"`
}

type ociIndex struct {
	MediaType string          `json:"mediaType"`
	Manifests []ociDescriptor `json:"manifests"`
	Config    ociDescriptor   `json:"config"`
	Layers    []ociDescriptor `json:"layers"`
}

// indexPlatforms are the image platforms of an index, attestation
// manifests left out, sorted.
func indexPlatforms(t *testing.T, data []byte) []string {
	t.Helper()
	var idx ociIndex
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatalf("index: %v\n%s", err, data)
	}
	var out []string
	for _, m := range idx.Manifests {
		if m.Platform != nil && m.Platform.OS != "unknown" {
			out = append(out, m.Platform.OS+"/"+m.Platform.Architecture)
		}
	}
	sort.Strings(out)
	return out
}

// tarFiles reads a tarball's regular files.
func tarFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := map[string][]byte{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if h.Typeflag == tar.TypeReg {
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			files[strings.TrimPrefix(h.Name, "./")] = b
		}
	}
}

func readMetadata(t *testing.T, path string) map[string]map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var md map[string]map[string]any
	if err := json.Unmarshal(b, &md); err != nil {
		t.Fatalf("metadata file: %v\n%s", err, b)
	}
	return md
}

func dockerClient(t *testing.T, env *testenv.Env) *dockerclient.Client {
	t.Helper()
	dc, err := dockerclient.NewClientWithOpts(dockerclient.WithHost(env.DockerHost()), dockerclient.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dc.Close() })
	return dc
}

// TestBakeTargetContextBuiltOnce: app takes base through a target:
// context. base is built once: its RUN (which writes a random id) runs
// once, and base's own output and what app got from it hold the same id.
// Selected alone, app still runs base's step once (base is then only a
// cache-only dependency).
func TestBakeTargetContextBuiltOnce(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
variable "NONCE" {}
group "default" {
  targets = ["app", "base"]
}
target "base" {
  dockerfile-inline = "FROM %s\nRUN echo base-${NONCE} && cat /proc/sys/kernel/random/uuid > /id\n"
  output = ["type=local,dest=out/base"]
}
target "app" {
  contexts = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN cp /id /app-id\n"
  output = ["type=local,dest=out/app"]
}
`, w.env.BusyboxImage()))
	r := w.bake("bake", "--progress", "plain", "--var", "NONCE="+w.nonce, "--metadata-file", filepath.Join(w.dir, "md.json"))
	if r.code != 0 {
		t.Fatal(r)
	}
	id := w.read("out/base/id")
	if len(strings.TrimSpace(id)) != 36 {
		t.Fatalf("base wrote %q, not an id", id)
	}
	if got := w.read("out/app/id"); got != id {
		t.Errorf("app's base has id %q, base's output %q: base was built twice", got, id)
	}
	if got := w.read("out/app/app-id"); got != id {
		t.Errorf("app copied id %q, base's output has %q", got, id)
	}
	if n := stepRuns(r.stderr, "base-"+w.nonce); n != 1 {
		t.Errorf("base's RUN step ran %d times, want once\n%s", n, r.stderr)
	}
	md := readMetadata(t, filepath.Join(w.dir, "md.json"))
	for _, name := range []string{"app", "base"} {
		if ref, _ := md[name]["buildx.build.ref"].(string); !strings.HasPrefix(ref, "default/default/") {
			t.Errorf("metadata of %s: buildx.build.ref = %q", name, ref)
		}
	}

	// Only app selected: base is built as a dependency, once.
	nonce2 := w.nonce + "-2"
	r = w.bake("bake", "app", "--progress", "plain", "--var", "NONCE="+nonce2)
	if r.code != 0 {
		t.Fatal(r)
	}
	if n := stepRuns(r.stderr, "base-"+nonce2); n != 1 {
		t.Errorf("app alone: base's RUN step ran %d times, want once\n%s", n, r.stderr)
	}
	if got := w.read("out/app/app-id"); got == id || len(strings.TrimSpace(got)) != 36 {
		t.Errorf("second build of app: id %q (first %q)", got, id)
	}
	w.noPartials()
}

// TestBakeOutputs builds a two-platform image into every file output and
// the registry, and a single-platform docker tarball, and checks each.
func TestBakeOutputs(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	ref := w.image("outputs")
	single := w.image("outputs-single")
	t.Cleanup(func() { deleteManifest(ref) })
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
group "default" {
  targets = ["multi", "single"]
}
target "multi" {
  platforms = ["linux/amd64", "linux/arm64"]
  dockerfile-inline = "FROM %[1]s\nARG TARGETPLATFORM\nRUN echo hello $TARGETPLATFORM > /hello.txt\n"
  tags   = [%[2]q]
  output = ["type=local,dest=out/local", "type=tar,dest=out/fs.tar", "type=oci,dest=out/oci.tar", "type=registry"]
}
target "single" {
  platforms = ["linux/arm64"]
  dockerfile-inline = "FROM %[1]s\nRUN echo single > /single.txt\n"
  tags   = [%[3]q]
  output = ["type=docker,dest=out/docker.tar"]
}
`, w.env.BusyboxImage(), ref, single))
	r := w.bake("bake", "--progress", "quiet", "--metadata-file", filepath.Join(w.dir, "out/md.json"))
	if r.code != 0 {
		t.Fatal(r)
	}
	t.Logf("summary:\n%s", r.stderr)

	// type=local: a folder per platform, with the mode of a folder
	// made in place.
	if fi, err := os.Stat(filepath.Join(w.dir, "out/local")); err != nil || fi.Mode().Perm() != 0o777&^umask(t) {
		t.Errorf("out/local: %v %v, want mode %v", fi.Mode(), err, os.FileMode(0o777&^umask(t)))
	}
	if fi, err := os.Stat(filepath.Join(w.dir, "out/fs.tar")); err != nil || fi.Mode().Perm() != 0o666&^umask(t) {
		t.Errorf("out/fs.tar: %v %v, want mode %v", fi.Mode(), err, os.FileMode(0o666&^umask(t)))
	}
	for _, p := range []string{"linux/amd64", "linux/arm64"} {
		got := w.read(filepath.Join("out/local", strings.ReplaceAll(p, "/", "_"), "hello.txt"))
		if got != "hello "+p+"\n" {
			t.Errorf("local output for %s: hello.txt = %q", p, got)
		}
	}
	// type=tar: the same, in one tarball.
	files := tarFiles(t, filepath.Join(w.dir, "out/fs.tar"))
	if got := string(files["linux_arm64/hello.txt"]); got != "hello linux/arm64\n" {
		t.Errorf("tar output: linux_arm64/hello.txt = %q", got)
	}
	// type=oci: an OCI layout whose index points at a two-platform index.
	files = tarFiles(t, filepath.Join(w.dir, "out/oci.tar"))
	if _, ok := files["oci-layout"]; !ok {
		t.Errorf("oci tarball has no oci-layout")
	}
	var top ociIndex
	if err := json.Unmarshal(files["index.json"], &top); err != nil || len(top.Manifests) != 1 {
		t.Fatalf("oci tarball index.json: %v\n%s", err, files["index.json"])
	}
	inner := files["blobs/"+strings.Replace(top.Manifests[0].Digest, ":", "/", 1)]
	if got := indexPlatforms(t, inner); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("oci tarball platforms %v", got)
	}
	// type=docker,dest=: a docker tarball, tagged.
	files = tarFiles(t, filepath.Join(w.dir, "out/docker.tar"))
	var dm []struct {
		Config   string
		RepoTags []string
		Layers   []string
	}
	if err := json.Unmarshal(files["manifest.json"], &dm); err != nil || len(dm) != 1 {
		t.Fatalf("docker tarball manifest.json: %v\n%s", err, files["manifest.json"])
	}
	if !slices.Contains(dm[0].RepoTags, single) {
		t.Errorf("docker tarball tags %v, want %s", dm[0].RepoTags, single)
	}
	var cfg struct{ Architecture string }
	if err := json.Unmarshal(files[dm[0].Config], &cfg); err != nil || cfg.Architecture != "arm64" {
		t.Errorf("docker tarball config: architecture %q (%v)", cfg.Architecture, err)
	}
	// type=registry: a two-platform index, the digest the metadata names.
	m := getManifest(t, ref)
	if got := indexPlatforms(t, m.body); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("registry %s platforms %v (%s)", ref, got, m.mediaType)
	}
	md := readMetadata(t, filepath.Join(w.dir, "out/md.json"))
	if d := md["multi"]["containerimage.digest"]; d != m.digest {
		t.Errorf("metadata containerimage.digest %v, registry has %s", d, m.digest)
	}
	if n := md["multi"]["image.name"]; n != ref {
		t.Errorf("metadata image.name %v", n)
	}
	w.noPartials()
}

// umask reads the process's umask (Linux).
func umask(t *testing.T) os.FileMode {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "Umask:"); ok {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			if err != nil {
				t.Fatal(err)
			}
			return os.FileMode(n)
		}
	}
	t.Fatal("no Umask in /proc/self/status")
	return 0
}

// TestBakePush: --push sends a two-platform image to the registry; the
// metadata file names the digest the registry serves and the build ref.
func TestBakePush(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	ref := w.image("push")
	t.Cleanup(func() { deleteManifest(ref) })
	w.file("Dockerfile", fmt.Sprintf("FROM %s\nCOPY msg /msg\n", w.env.BusyboxImage()))
	w.file("msg", w.nonce)
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "default" {
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = [%q]
  labels    = { "dev.bkx.test" = %q }
}
`, ref, w.nonce))
	r := w.bake("bake", "--push", "--progress", "quiet", "--metadata-file", filepath.Join(w.dir, "md.json"))
	if r.code != 0 {
		t.Fatal(r)
	}
	m := getManifest(t, ref)
	if got := indexPlatforms(t, m.body); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Fatalf("registry %s platforms %v", ref, got)
	}
	if fi, err := os.Stat(filepath.Join(w.dir, "md.json")); err != nil || fi.Mode().Perm() != 0o666&^umask(t) {
		t.Errorf("metadata file: %v %v, want mode %v", fi.Mode(), err, os.FileMode(0o666&^umask(t)))
	}
	md := readMetadata(t, filepath.Join(w.dir, "md.json"))["default"]
	if md["containerimage.digest"] != m.digest {
		t.Errorf("metadata containerimage.digest %v, registry %s", md["containerimage.digest"], m.digest)
	}
	if s, _ := md["buildx.build.ref"].(string); !strings.HasPrefix(s, "default/default/") || len(s) <= len("default/default/") {
		t.Errorf("metadata buildx.build.ref %q", s)
	}
	// The arm64 image carries the label and the file.
	var idx ociIndex
	_ = json.Unmarshal(m.body, &idx)
	for _, d := range idx.Manifests {
		if d.Platform == nil || d.Platform.Architecture != "arm64" {
			continue
		}
		var im ociIndex
		if err := json.Unmarshal(getManifestAt(t, ref, d.Digest).body, &im); err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			Architecture string
			Config       struct{ Labels map[string]string }
		}
		if err := json.Unmarshal(getBlob(t, ref, im.Config.Digest), &cfg); err != nil {
			t.Fatal(err)
		}
		if cfg.Architecture != "arm64" || cfg.Config.Labels["dev.bkx.test"] != w.nonce {
			t.Errorf("arm64 image config: %+v", cfg)
		}
	}
}

// loadTest builds an image with --load on builder block and checks that
// dockerd holds it, with this build's label.
func loadTest(t *testing.T, w *buildWorld, name, builder string) {
	ref := w.image("load-" + strings.ReplaceAll(t.Name(), "/", "-"))
	dc := dockerClient(t, w.env)
	t.Cleanup(func() {
		_, _ = dc.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true, PruneChildren: true})
	})
	w.file("build.hcl", builder+fmt.Sprintf(`
target "default" {
  builder = %q
  dockerfile-inline = "FROM %s\nRUN echo loaded > /loaded.txt\n"
  tags   = [%q]
  labels = { "dev.bkx.test" = %q }
}
`, name, w.env.BusyboxImage(), ref, w.nonce))
	r := w.bake("bake", "--load", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	insp, err := dc.ImageInspect(context.Background(), ref)
	if err != nil {
		t.Fatalf("after --load, dockerd has no %s: %v\n%s", ref, err, r)
	}
	if insp.Config == nil || insp.Config.Labels["dev.bkx.test"] != w.nonce {
		t.Errorf("dockerd's %s is not this build's image: %+v", ref, insp.Config)
	}
	if !strings.Contains(r.stderr, "loaded into docker "+ref) {
		t.Errorf("summary does not say the image was loaded:\n%s", r.stderr)
	}
}

// TestBakeLoadDockerDriver: --load with the docker driver puts the image
// in the daemon's own store.
func TestBakeLoadDockerDriver(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t, testenv.Docker)
	block := fmt.Sprintf("builder \"local\" {\n  driver   = \"docker\"\n  endpoint = %q\n}\n", w.env.DockerHost())
	loadTest(t, w, "local", block)

	// type=image on the docker driver is the daemon's own image store too.
	ref := w.image("image-output")
	dc := dockerClient(t, w.env)
	t.Cleanup(func() {
		_, _ = dc.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true, PruneChildren: true})
	})
	w.file("build.hcl", block+fmt.Sprintf(`
target "default" {
  builder = "local"
  dockerfile-inline = "FROM %s\nLABEL dev.bkx.test=%s\n"
  tags   = [%q]
  output = ["type=image"]
}
`, w.env.BusyboxImage(), w.nonce, ref))
	if r := w.bake("bake", "--progress", "quiet"); r.code != 0 {
		t.Fatal(r)
	}
	if insp, err := dc.ImageInspect(context.Background(), ref); err != nil || insp.Config.Labels["dev.bkx.test"] != w.nonce {
		t.Errorf("type=image with the docker driver: %v", err)
	}
}

// TestBakeLoadDockerContainerDriver: --load with docker-container streams
// a docker tarball into dockerd. The builder's container is removed with
// `bkx builder rm` and nothing of it is left.
func TestBakeLoadDockerContainerDriver(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t, testenv.Docker)
	name := fmt.Sprintf("bkxtestload%d", os.Getpid())
	dc := dockerClient(t, w.env)
	rm := func() {
		if r := w.bake("builder", "rm", name); r.code != 0 {
			t.Errorf("builder rm: %s", r)
		}
	}
	t.Cleanup(func() {
		rm()
		list, err := dc.ContainerList(context.Background(), container.ListOptions{
			All: true, Filters: filters.NewArgs(filters.Arg("label", "dev.bkx.builder="+name)),
		})
		if err != nil || len(list) > 0 {
			t.Errorf("containers left after builder rm: %v %v", list, err)
		}
	})
	loadTest(t, w, name, fmt.Sprintf("builder %q {\n  driver      = \"docker-container\"\n  endpoint    = %q\n  driver-opts = { image = %q, network = \"host\" }\n}\n",
		name, w.env.DockerHost(), w.env.BuildkitImage()))

	// When the daemon to load into cannot be reached, the error says so
	// (not BuildKit's "closed pipe"), and the build fails.
	w.vars["DOCKER_HOST"] = "unix://" + filepath.Join(w.dir, "no-docker.sock")
	r := w.bake("bake", "--load", "--no-cache", "--progress", "plain")
	if r.code != 1 {
		t.Fatalf("--load to an unreachable daemon: %s", r)
	}
	if errLine := lastLine(r.stderr, "error: "); !strings.Contains(errLine, "loading the image into docker") || !strings.Contains(errLine, "no-docker.sock") {
		t.Errorf("the error does not say the load failed, and where: %q\n%s", errLine, r.stderr)
	} else {
		t.Log(errLine)
	}
	w.vars["DOCKER_HOST"] = w.env.DockerHost()
}

// TestBakeCacheExportImport builds on one buildkitd node exporting its
// cache to the registry, then on the other node importing it: the
// rebuild is all cache hits, so its output is byte for byte the first
// build's (a RUN writes a random id).
func TestBakeCacheExportImport(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	cache := w.image("cache")
	t.Cleanup(func() { deleteManifest(cache) })
	first, second := cacheRoundTrip(t, w, "type=registry,ref="+cache+",mode=max", "type=registry,ref="+cache)
	if !strings.Contains(first, "exporting cache to registry") {
		t.Errorf("first build did not export its cache:\n%s", first)
	}
	m := getManifest(t, cache)
	if !strings.Contains(m.mediaType, "index") && !strings.Contains(m.mediaType, "manifest") {
		t.Errorf("cache in the registry: %s", m.mediaType)
	}
	if !strings.Contains(second, "importing cache manifest from "+cache) {
		t.Errorf("rebuild did not import the cache:\n%s", second)
	}
}

// cacheRoundTrip builds a target whose RUN writes a random id on the
// first buildkitd node, exporting its cache (cacheTo), then on the other
// node importing it (cacheFrom): the rebuild must be all cache hits, so
// its output is byte for byte the first build's. It returns both builds'
// progress. (A step that runs prints its echo in the progress; a cache
// hit does not. A hit from a remote cache whose layer must be pulled for
// the output is shown as DONE, not CACHED, by BuildKit.)
func cacheRoundTrip(t *testing.T, w *buildWorld, cacheTo, cacheFrom string) (first, second string) {
	t.Helper()
	tls := w.env.TLS()
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
  cache-to   = [%q]
  cache-from = [%q]
  output     = ["type=local,dest=${OUT}"]
}
`, w.env.BuildkitdTLS(), tls.CA, tls.Cert, tls.Key, w.env.BusyboxImage(), cacheTo, cacheFrom))
	word := "cache-" + w.nonce
	r := w.bake("bake", "--builder", "first", "--progress", "plain", "--var", "NONCE="+w.nonce, "--var", "OUT=out1")
	if r.code != 0 {
		t.Fatal(r)
	}
	if stepRuns(r.stderr, word) != 1 {
		t.Fatalf("first build: the step did not run\n%s", r.stderr)
	}
	first = r.stderr
	r = w.bake("bake", "--builder", "second", "--progress", "plain", "--var", "NONCE="+w.nonce, "--var", "OUT=out2")
	if r.code != 0 {
		t.Fatal(r)
	}
	if stepRuns(r.stderr, word) != 0 {
		t.Errorf("rebuild on the other node ran the step again instead of a cache hit\n%s", r.stderr)
	}
	if a, b := w.read("out1/id"), w.read("out2/id"); a != b {
		t.Errorf("rebuild produced id %q, first build %q: the step ran again", b, a)
	}
	return first, r.stderr
}

// failingFile is a build file with a target that fails and others.
func failingFile(w *buildWorld, extra string) {
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "bad" {
  dockerfile-inline = "FROM %[1]s\nRUN echo bad-%[2]s && exit 3\n"
}
`, w.env.BusyboxImage(), w.nonce)+extra)
}

// TestBakeFailFast: the first failure cancels the other targets: a
// target sleeping a minute is stopped (in the daemon too), its output
// never appears, exit 1, and the error names the failing target only.
func TestBakeFailFast(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	failingFile(w, fmt.Sprintf(`
group "default" {
  targets = ["bad", "slow"]
}
target "slow" {
  dockerfile-inline = "FROM %s\nRUN echo slow-%s && sleep 60 && echo done > /done\n"
  output = ["type=local,dest=out/slow", "type=tar,dest=out/slow.tar"]
}
`, w.env.BusyboxImage(), w.nonce))
	// Were the slow target not cancelled, it would finish its sleep and
	// be built: the summary and its outputs below tell.
	r := w.bake("bake", "--progress", "plain")
	if r.code != 1 {
		t.Fatal(r)
	}
	// The failure is shown at the step that failed, with its cause.
	if want := fmt.Sprintf("\ndockerfile-inline:2:1: error: Target \"bad\" failed at this step\n 2 | RUN echo bad-%s && exit 3\n", w.nonce); !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "did not complete successfully: exit code: 3") {
		t.Errorf("the failure is not shown at its step (%q) with its cause:\n%s", want, r.stderr)
	}
	if strings.Contains(r.stderr, "target slow") {
		t.Errorf("the cancelled target is reported as a failure:\n%s", r.stderr)
	}
	if !summaryHas(r.stderr, "slow", "not built") || !summaryHas(r.stderr, "bad", "FAILED") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	w.absent("out/slow")
	w.absent("out/slow.tar")
	w.noPartials()
	waitNoProcess(t, "slow-"+w.nonce)
}

// TestBakeKeepGoing: with --keep-going, a target independent of the
// failed one is built, one that depends on it is not; exit 1 naming the
// failed target.
func TestBakeKeepGoing(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	failingFile(w, fmt.Sprintf(`
group "default" {
  targets = ["bad", "ok", "dependent"]
}
target "ok" {
  dockerfile-inline = "FROM %[1]s\nRUN echo ok-%[2]s && sleep 2 && echo ok > /ok.txt\n"
  output = ["type=local,dest=out/ok"]
}
target "dependent" {
  contexts = { bad = "target:bad" }
  dockerfile-inline = "FROM bad\nRUN echo dependent > /dependent.txt\n"
  output = ["type=local,dest=out/dependent"]
}
`, w.env.BusyboxImage(), w.nonce))
	r := w.bake("bake", "--keep-going", "--progress", "plain")
	if r.code != 1 {
		t.Fatal(r)
	}
	if got := w.read("out/ok/ok.txt"); got != "ok\n" {
		t.Errorf("independent target's output: %q", got)
	}
	w.absent("out/dependent")
	if !strings.Contains(r.stderr, "error: Target \"bad\" failed at this step") || strings.Contains(r.stderr, "Target \"dependent\" failed") {
		t.Errorf("the error does not name the failed target only:\n%s", r.stderr)
	}
	if !summaryHas(r.stderr, "dependent", "not built") || !summaryHas(r.stderr, "ok", "directory out/ok") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	// It ends with every failed target and its root cause, at the step.
	tail := r.stderr[strings.LastIndex(r.stderr, "1 target failed"):]
	if !strings.HasPrefix(tail, "1 target failed, 1 not built, 1 built:\n  bad: ") ||
		!strings.Contains(tail, ":2: RUN echo bad-"+w.nonce+" && exit 3: ") || !strings.Contains(tail, "exit code: 3") ||
		!strings.Contains(tail, "  dependent: not built, it needs bad\n") {
		t.Errorf("the closing summary of failures:\n%s", tail)
	}
	w.noPartials()
}

// lastLine returns the last line of out that starts with prefix.
func lastLine(out, prefix string) string {
	line := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			line = l
		}
	}
	return line
}

// summaryHas tells whether the summary has a row for target holding s.
func summaryHas(out, target, s string) bool {
	_, sum, ok := strings.Cut(out, "TARGET  ")
	if !ok {
		return false
	}
	for _, l := range strings.Split(sum, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == target && strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// TestBakeInterrupt sends SIGINT to bkx while a step runs: exit 130, no
// output or temporary output left, the step stopped in the daemon, no
// temporary files of bkx left.
func TestBakeInterrupt(t *testing.T) {
	t.Parallel()
	t.Run("remote", func(t *testing.T) {
		t.Parallel()
		w := newBuildWorld(t)
		interruptTest(t, w, w.remoteBuilder("default"))
	})
	// On a docker-container builder, nothing of the interrupted build is
	// left in the container (the dial-stdio exec ends with bkx), and
	// builder rm leaves no container.
	t.Run("docker-container", func(t *testing.T) {
		t.Parallel()
		w := newBuildWorld(t, testenv.Docker)
		name := fmt.Sprintf("bkxtestsigint%d", os.Getpid())
		dc := dockerClient(t, w.env)
		t.Cleanup(func() {
			if r := w.bake("builder", "rm", name); r.code != 0 {
				t.Errorf("builder rm: %s", r)
			}
			list, err := dc.ContainerList(context.Background(), container.ListOptions{
				All: true, Filters: filters.NewArgs(filters.Arg("label", "dev.bkx.builder="+name)),
			})
			if err != nil || len(list) > 0 {
				t.Errorf("containers left after builder rm: %v %v", list, err)
			}
		})
		interruptTest(t, w,
			fmt.Sprintf("builder %q {\n  driver      = \"docker-container\"\n  endpoint    = %q\n  driver-opts = { image = %q, network = \"host\" }\n}\n",
				name, w.env.DockerHost(), w.env.BuildkitImage()), "--builder", name)
		// Only buildkitd is left running in the builder's container.
		ctr := dockercontainer.ContainerName(name, name)
		deadline := time.Now().Add(20 * time.Second)
		for {
			top, err := dc.ContainerTop(context.Background(), ctr, nil)
			if err != nil {
				t.Fatalf("processes of %s: %v", ctr, err)
			}
			var extra []string
			for _, p := range top.Processes {
				if l := strings.Join(p, " "); !strings.Contains(l, "buildkitd") || strings.Contains(l, "buildctl") {
					extra = append(extra, l)
				}
			}
			if len(extra) == 0 {
				t.Logf("processes in %s: %v", ctr, top.Processes)
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("processes left in %s after the interrupted build: %v", ctr, extra)
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
}

// interruptTest runs bkx in a child process on builder, interrupts it
// while a step runs, and checks the outcome.
func interruptTest(t *testing.T, w *buildWorld, builder string, args ...string) {
	w.file("build.hcl", builder+fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nRUN echo sigint-%s && sleep 60 && echo done > /done\n"
  output = ["type=local,dest=out/dir", "type=tar,dest=out/fs.tar"]
}
`, w.env.BusyboxImage(), w.nonce))
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0])
	cmd.Dir = w.dir
	cmd.Env = []string{"BKX_TEST_MAIN=1", "BKX_TEST_ARGS=bake --progress plain " + strings.Join(args, " "),
		"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "TMPDIR=" + tmp, "DOCKER_HOST=" + w.env.DockerHost()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	defer func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
		}
	}()
	// Wait for the step to start, then interrupt.
	var out strings.Builder
	started := make(chan struct{})
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(stderr)
		once := false
		for sc.Scan() {
			l := sc.Text()
			out.WriteString(l + "\n")
			if !once && strings.Contains(l, "] RUN echo sigint-"+w.nonce) {
				once = true
				close(started)
			}
		}
	}()
	select {
	case <-started:
	case <-time.After(60 * time.Second):
		t.Fatal("the build step did not start within a minute")
	}
	// The step's shell is a process of this machine once it runs.
	deadline := time.Now().Add(20 * time.Second)
	for !processWith("sigint-"+w.nonce) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	waitErr := make(chan error, 1)
	go func() { <-readDone; waitErr <- cmd.Wait(); close(exited) }()
	select {
	case err = <-waitErr:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		t.Fatalf("bkx did not exit within 30s of SIGINT\n%s", out.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	t.Logf("bkx output:\n%s", out.String())
	if code != 130 {
		t.Errorf("exit %d after SIGINT, want 130\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "interrupted") {
		t.Errorf("no word of the interruption:\n%s", out.String())
	}
	w.absent("out/dir")
	w.absent("out/fs.tar")
	w.noPartials()
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left in TMPDIR: %v", left)
	}
	waitNoProcess(t, "sigint-"+w.nonce)
}

// processWith tells whether a process of this machine has s in its
// command line.
func processWith(s string) bool {
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// TestBakeSecretNotLeaked: a step reads a secret and writes its hash. The
// hash is right, and the secret's value appears nowhere: not in bkx's
// output, the metadata file, the exported files, or the pushed image
// (manifest, config, history).
func TestBakeSecretNotLeaked(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	secret := "s3cr3t-" + w.nonce + "-value"
	w.vars["BKX_TEST_TOKEN"] = secret
	w.file("token.txt", secret+"-file")
	ref := w.image("secret")
	t.Cleanup(func() { deleteManifest(ref) })
	w.file("build.hcl", w.remoteBuilder("default")+fmt.Sprintf(`
target "default" {
  secret = ["id=token,env=BKX_TEST_TOKEN", "id=filetoken,src=token.txt"]
  dockerfile-inline = <<EOT
FROM %s
RUN --mount=type=secret,id=token,required=true --mount=type=secret,id=filetoken,required=true \
    sha256sum /run/secrets/token | cut -d' ' -f1 > /token.sha256 && \
    sha256sum /run/secrets/filetoken | cut -d' ' -f1 > /filetoken.sha256 && echo %s
EOT
  tags   = [%q]
  output = ["type=local,dest=out", "type=registry"]
}
`, w.env.BusyboxImage(), w.nonce, ref))
	// The fullest provenance, in the metadata file and beside the image.
	w.vars["BUILDX_METADATA_PROVENANCE"] = "max"
	r := w.bake("bake", "--progress", "plain", "--provenance", "mode=max", "--metadata-file", filepath.Join(w.dir, "md.json"))
	if r.code != 0 {
		t.Fatal(r)
	}
	sum := sha256.Sum256([]byte(secret))
	if got := strings.TrimSpace(w.read("out/token.sha256")); got != hex.EncodeToString(sum[:]) {
		t.Errorf("the step saw another secret: hash %s", got)
	}
	sum = sha256.Sum256([]byte(secret + "-file"))
	if got := strings.TrimSpace(w.read("out/filetoken.sha256")); got != hex.EncodeToString(sum[:]) {
		t.Errorf("the step saw another file secret: hash %s", got)
	}
	leak := func(where string, data []byte) {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the secret's value is in %s", where)
		}
	}
	leak("stdout", []byte(r.stdout))
	leak("stderr", []byte(r.stderr))
	leak("the metadata file", []byte(w.read("md.json")))
	_ = filepath.WalkDir(filepath.Join(w.dir, "out"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			leak(p, b)
		}
		return nil
	})
	m := getManifest(t, ref)
	leak("the manifest", m.body)
	var man ociIndex
	if err := json.Unmarshal(m.body, &man); err != nil {
		t.Fatal(err)
	}
	if len(man.Manifests) > 0 { // an index: the image's own manifest
		attested := false
		for _, d := range man.Manifests {
			if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
				var am ociIndex
				_ = json.Unmarshal(getManifestAt(t, ref, d.Digest).body, &am)
				for _, l := range am.Layers {
					attested = true
					leak("the provenance attestation", getBlob(t, ref, l.Digest))
				}
			}
		}
		if !attested {
			t.Errorf("no provenance attestation beside the image: %s", m.body)
		}
		if md := w.read("md.json"); !strings.Contains(md, `"buildConfig"`) {
			t.Errorf("the metadata file has no max provenance:\n%s", md)
		}
		for _, d := range man.Manifests {
			if d.Platform != nil && d.Platform.OS != "unknown" {
				b := getManifestAt(t, ref, d.Digest).body
				leak("the image manifest", b)
				man = ociIndex{}
				_ = json.Unmarshal(b, &man)
			}
		}
	}
	if man.Config.Digest == "" {
		t.Fatalf("no image config in %s", m.body)
	}
	cfg := getBlob(t, ref, man.Config.Digest)
	leak("the image config and history", cfg)
	if !bytes.Contains(cfg, []byte("secret,id=token")) && !bytes.Contains(cfg, []byte(w.nonce)) {
		t.Errorf("the image history does not show the step: %s", cfg)
	}
}

// TestBakeDefaultLoad: on a builder with default-load=true a target that
// names no output is loaded into docker, as buildx does, unless
// BUILDX_NO_DEFAULT_LOAD is set; a multi-platform one stays in the cache.
func TestBakeDefaultLoad(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t, testenv.Docker)
	dc := dockerClient(t, w.env)
	loaded, kept, multi := w.image("default-load"), w.image("no-default-load"), w.image("default-load-multi")
	t.Cleanup(func() {
		for _, ref := range []string{loaded, kept, multi} {
			_, _ = dc.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true, PruneChildren: true})
		}
	})
	w.file("build.hcl", fmt.Sprintf(`builder "default" {
  driver      = "remote"
  endpoint    = %[1]q
  driver-opts = { default-load = "true" }
}
target "one" {
  dockerfile-inline = "FROM %[2]s\nLABEL dev.bkx.test=%[3]s\n"
  tags = [%[4]q]
}
target "kept" {
  dockerfile-inline = "FROM %[2]s\nLABEL dev.bkx.test=%[3]s-kept\n"
  tags = [%[5]q]
}
target "multi" {
  dockerfile-inline = "FROM %[2]s\nLABEL dev.bkx.test=%[3]s-multi\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags = [%[6]q]
}
`, w.env.BuildkitdTCP(), w.env.BusyboxImage(), w.nonce, loaded, kept, multi))
	if r := w.bake("bake", "--progress", "plain", "one", "multi"); r.code != 0 {
		t.Fatal(r)
	}
	if insp, err := dc.ImageInspect(context.Background(), loaded); err != nil || insp.Config.Labels["dev.bkx.test"] != w.nonce {
		t.Errorf("default-load=true did not load %s: %v", loaded, err)
	}
	if _, err := dc.ImageInspect(context.Background(), multi); err == nil {
		t.Errorf("a multi-platform target was loaded into docker")
	}
	w.vars["BUILDX_NO_DEFAULT_LOAD"] = "1"
	if r := w.bake("bake", "--progress", "plain", "kept"); r.code != 0 {
		t.Fatal(r)
	}
	if _, err := dc.ImageInspect(context.Background(), kept); err == nil {
		t.Errorf("BUILDX_NO_DEFAULT_LOAD=1 still loaded %s", kept)
	}
}

// TestBakeLocalContexts: the main context and a local named context are
// sent with their .dockerignore applied, and targets reading the same
// directories share one transfer of each.
func TestBakeLocalContexts(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	w.file("app/a.txt", "a "+w.nonce)
	w.file("app/secret.txt", "not for the image")
	w.file("app/.dockerignore", "secret.txt\n")
	w.file("assets/b.txt", "b "+w.nonce)
	w.file("assets/skip.txt", "skipped")
	w.file("assets/.dockerignore", "skip.txt\n")
	w.file("build.hcl", w.remoteBuilder("default")+`
group "default" {
  targets = ["one", "two"]
}
target "_common" {
  context  = "app"
  contexts = { assets = "./assets" }
  dockerfile-inline = "FROM scratch\nCOPY . /app/\nCOPY --from=assets . /assets/\n"
}
target "one" {
  inherits = ["_common"]
  output   = ["type=local,dest=out/one"]
}
target "two" {
  inherits = ["_common"]
  output   = ["type=local,dest=out/two"]
}
`)
	r := w.bake("bake", "--progress", "plain")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, name := range []string{"one", "two"} {
		if got := w.read("out/" + name + "/app/a.txt"); got != "a "+w.nonce {
			t.Errorf("%s: app/a.txt = %q", name, got)
		}
		if got := w.read("out/" + name + "/assets/b.txt"); got != "b "+w.nonce {
			t.Errorf("%s: assets/b.txt = %q", name, got)
		}
		w.absent("out/" + name + "/app/secret.txt")
		w.absent("out/" + name + "/assets/skip.txt")
	}
	// Each step carries one target's name, once.
	for _, twice := range []string{"[one one", "[two two", "[one two", "[two one"} {
		if strings.Contains(r.stderr, twice) {
			t.Errorf("a step is prefixed %q:\n%s", twice, r.stderr)
		}
	}
	// One transfer step of each directory for both targets.
	for _, prefix := range []string{"transferring context-", "transferring ctx-"} {
		steps := map[string]bool{}
		for _, l := range strings.Split(r.stderr, "\n") {
			if i := strings.Index(l, " "+prefix); i > 0 && strings.HasPrefix(l, "#") {
				steps[l[:i]] = true
			}
		}
		if len(steps) != 1 {
			t.Errorf("%d steps %q..., want one shared by both targets:\n%s", len(steps), prefix, r.stderr)
		}
	}
}

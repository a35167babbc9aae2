package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// bakeIn runs `bkx bake ARGS` in-process in dir and returns the exit code
// and everything it printed.
func bakeIn(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	c := &cli{env: map[string]string{"HOME": dir, "PATH": "/usr/bin:/bin"}, wd: dir,
		stdin: strings.NewReader(""), stdout: &out, stderr: &out, exit: func(int) {}}
	code := c.run(append([]string{"bake"}, args...))
	return code, out.String()
}

// twoNodes is a builder of the test world's two buildkitd nodes, each
// declared for one platform.
func twoNodes(env *testenv.Env, amd, arm string) string {
	tls := env.TLS()
	return fmt.Sprintf(`builder "default" {
  driver = "remote"
  node "amd" {
    endpoint  = %q
    platforms = [%q]
  }
  node "arm" {
    endpoint    = %q
    platforms   = [%q]
    driver-opts = { cacert = %q, cert = %q, key = %q, servername = "localhost" }
  }
}
`, env.BuildkitdTCP(), amd, env.BuildkitdTLS(), arm, tls.CA, tls.Cert, tls.Key)
}

// registryIndex fetches an index from the test registry and returns its
// digest and the platforms of its manifests.
func registryIndex(t *testing.T, image string) (string, []string) {
	t.Helper()
	host, rest, _ := strings.Cut(image, "/")
	repo, tag, _ := strings.Cut(rest, ":")
	req, _ := http.NewRequest("GET", "http://"+host+"/v2/"+repo+"/manifests/"+tag, nil)
	req.Header.Set("Accept", "application/vnd.oci.image.index.v1+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", image, resp.Status)
	}
	var idx struct {
		Manifests []struct {
			Platform struct{ OS, Architecture string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&idx); err != nil {
		t.Fatal(err)
	}
	var plats []string
	for _, m := range idx.Manifests {
		if m.Platform.OS != "" && m.Platform.OS != "unknown" {
			plats = append(plats, m.Platform.OS+"/"+m.Platform.Architecture)
		}
	}
	return resp.Header.Get("Docker-Content-Digest"), plats
}

// TestMultiNodeIndex builds linux/amd64 on one node and linux/arm64 on
// the other and pushes one index with both, under two tags.
func TestMultiNodeIndex(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	dir := t.TempDir()
	image := fmt.Sprintf("%s/bkx-test-multinode/app-%d", env.Registry(), os.Getpid())
	file := twoNodes(env, "linux/amd64", "linux/arm64") + fmt.Sprintf(`
target "app" {
  dockerfile-inline = "FROM %s\nRUN uname -m > /arch\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = ["%s:a", "%s:b"]
  output    = ["type=image,push=true"]
}
`, env.BusyboxImage(), image, image)
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "app", "--progress", "plain", "--metadata-file", "md.json")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, tag := range []string{"a", "b"} {
		_, plats := registryIndex(t, image+":"+tag)
		if strings.Join(plats, ",") != "linux/amd64,linux/arm64" && strings.Join(plats, ",") != "linux/arm64,linux/amd64" {
			t.Errorf("%s:%s lists %v, want linux/amd64 and linux/arm64", image, tag, plats)
		}
	}
	digest, _ := registryIndex(t, image+":a")
	var md map[string]map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "md.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &md); err != nil {
		t.Fatal(err)
	}
	if got := md["app"]["containerimage.digest"]; got != digest {
		t.Errorf("metadata digest %v, registry %s", got, digest)
	}
	if nodes := fmt.Sprint(md["app"]["bkx.nodes"]); !strings.Contains(nodes, "default/amd") || !strings.Contains(nodes, "default/arm") {
		t.Errorf("metadata nodes %s, want both", nodes)
	}
}

// TestSpreadOverNodes pins each buildkitd node to one CPU core and builds
// four CPU-bound targets of one platform: the plan spreads them over both
// nodes, and the summary shows each node built two.
func TestSpreadOverNodes(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	pinNodes(t)
	dir := t.TempDir()
	var file strings.Builder
	file.WriteString(twoNodes(env, "linux/amd64", "linux/amd64"))
	file.WriteString("group \"default\" {\n  targets = [\"c0\", \"c1\", \"c2\", \"c3\"]\n}\n")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&file, `target "c%d" {
  dockerfile-inline = "FROM %s\nRUN i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo %d-%d > /done\n"
  no-cache = true
}
`, i, env.BusyboxImage(), i, os.Getpid())
	}
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "--progress", "plain")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	count := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 2 && strings.HasPrefix(f[0], "c") {
			count[f[1]]++
		}
	}
	if count["default/amd"] != 2 || count["default/arm"] != 2 {
		t.Fatalf("targets per node %v, want 2 and 2:\n%s", count, out)
	}
	// Each step is prefixed with its target once, client-side steps too.
	for i := 0; i < 4; i++ {
		if want := fmt.Sprintf("[c%d] connecting to node default/", i); strings.Count(out, want) > 1 || strings.Contains(out, fmt.Sprintf("[c%d c%d", i, i)) {
			t.Errorf("target c%d's steps prefixed twice:\n%s", i, out)
		}
	}
	if !strings.Contains(out, "] connecting to node default/amd") || !strings.Contains(out, "] connecting to node default/arm") {
		t.Errorf("no connection step per node:\n%s", out)
	}
}

// pinNodes pins the test world's buildkitd nodes to one core each (their
// RUN steps inherit it) for the test, and unpins them after.
func pinNodes(t *testing.T) {
	for i := 0; i < 2; i++ {
		data, err := os.ReadFile(fmt.Sprintf("/run/bkx-testenv/pids/buildkitd%d.pid", i))
		if err != nil {
			t.Fatalf("buildkitd pid: %v (is make testenv up?)", err)
		}
		pid := strings.TrimSpace(string(data))
		if out, err := exec.Command("taskset", "-a", "-pc", strconv.Itoa(i), pid).CombinedOutput(); err != nil {
			t.Fatalf("taskset: %v: %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("taskset", "-a", "-pc", "0-1", pid).Run() })
	}
}

// TestNodeLossRetry starts a third buildkitd, lets the plan put a build
// on it, kills it in the middle of a RUN step, and checks that the build
// is retried on the other node, says so, and produces the right result.
func TestNodeLossRetry(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	tmp, err := os.MkdirTemp("/var/tmp", "bkx-nodeloss-")
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(tmp, "buildkitd.sock")
	cfg := filepath.Join(tmp, "buildkitd.toml")
	if err := os.WriteFile(cfg, []byte("[worker.containerd]\n  enabled = false\n[registry.\"localhost:5000\"]\n  http = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bk := exec.Command(env.Get("BKX_TESTENV_BUILDKITD"), "--config", cfg, "--root", filepath.Join(tmp, "root"), "--addr", "unix://"+sock)
	bk.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var bkLog bytes.Buffer
	bk.Stdout, bk.Stderr = &bkLog, &bkLog
	if err := bk.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	kill := func() {
		if !killed {
			killed = true
			_ = syscall.Kill(-bk.Process.Pid, syscall.SIGKILL)
			_ = bk.Wait()
		}
	}
	t.Cleanup(func() {
		kill()
		unmountUnder(tmp)
		os.RemoveAll(tmp)
	})
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("extra buildkitd did not start:\n%s", bkLog.String())
		}
	}
	dir := t.TempDir()
	file := fmt.Sprintf(`builder "default" {
  driver = "remote"
  node "doomed" {
    endpoint  = "unix://%s"
    platforms = ["linux/amd64"]
  }
  node "survivor" {
    endpoint  = %q
    platforms = ["linux/amd64"]
  }
}
target "app" {
  dockerfile-inline = "FROM %s\nRUN echo started-%d && sleep 4 && echo survived-%d > /result\n"
  output = ["type=local,dest=out"]
}
`, sock, env.BuildkitdTCP(), env.BusyboxImage(), os.Getpid(), os.Getpid())
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	var out syncWriter
	c := &cli{env: map[string]string{"HOME": dir, "PATH": "/usr/bin:/bin"}, wd: dir,
		stdin: strings.NewReader(""), stdout: &out, stderr: &out, exit: func(int) {}}
	done := make(chan int)
	go func() { done <- c.run([]string{"bake", "app", "--progress", "plain"}) }()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(out.String(), fmt.Sprintf("started-%d", os.Getpid())); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the build never reached its RUN step:\n%s", out.String())
		}
	}
	kill()
	var code int
	select {
	case code = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("no result 2 minutes after the node died:\n%s", out.String())
	}
	if code != 0 {
		t.Fatalf("exit %d after the node died:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "node default/doomed lost") || !strings.Contains(out.String(), "retrying on node survivor") {
		t.Errorf("the progress does not say the job moved:\n%s", out.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "out", "result"))
	if err != nil || strings.TrimSpace(string(got)) != fmt.Sprintf("survived-%d", os.Getpid()) {
		t.Fatalf("result %q, %v", got, err)
	}
}

// syncWriter is a buffer written by one goroutine and read by another.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// unmountUnder detaches every mount below dir (a killed buildkitd leaves
// its snapshot mounts behind).
func unmountUnder(dir string) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var mounts []string
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) > 4 && strings.HasPrefix(f[4], dir) {
			mounts = append(mounts, f[4])
		}
	}
	for i := len(mounts) - 1; i >= 0; i-- {
		_ = syscall.Unmount(mounts[i], syscall.MNT_DETACH)
	}
}

// TestCrossNodeDependency builds base on one builder's node and app, which
// uses base through target:, on another's: base's result travels through
// an OCI store on the client, and base is not built again on app's node.
func TestCrossNodeDependency(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	tls := env.TLS()
	dir := t.TempDir()
	file := fmt.Sprintf(`builder "b1" {
  driver   = "remote"
  endpoint = %q
}
builder "b2" {
  driver      = "remote"
  endpoint    = %q
  driver-opts = { cacert = %q, cert = %q, key = %q, servername = "localhost" }
}
target "base" {
  builder           = "b1"
  dockerfile-inline = "FROM %s\nRUN echo token-$RANDOM-%d > /token\n"
  no-cache          = true
}
target "app" {
  builder           = "b2"
  contexts          = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN cat /token > /out.txt\n"
  output            = ["type=local,dest=out"]
}
`, env.BuildkitdTCP(), env.BuildkitdTLS(), tls.CA, tls.Cert, tls.Key, env.BusyboxImage(), os.Getpid())
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := bakeIn(t, dir, "app", "--progress", "plain")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	runs := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "#") && strings.Contains(l, "RUN echo token") && strings.Contains(l, "] RUN") {
			runs++
		}
	}
	if runs != 1 {
		t.Errorf("base's RUN step ran %d times, want once:\n%s", runs, out)
	}
	if !strings.Contains(out, "OCI load from client") {
		t.Errorf("app did not take base from the client's OCI store:\n%s", out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "out", "out.txt"))
	if err != nil || !strings.HasPrefix(string(got), "token-") || !strings.Contains(string(got), fmt.Sprint(os.Getpid())) {
		t.Fatalf("app's result %q, %v", got, err)
	}
}

// TestMultiNodeOCI builds linux/amd64 on one node and linux/arm64 on the
// other into one OCI layout tarball holding both, with every blob.
func TestMultiNodeOCI(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	dir := t.TempDir()
	file := twoNodes(env, "linux/amd64", "linux/arm64") + fmt.Sprintf(`
target "app" {
  dockerfile-inline = "FROM %s\nRUN uname -m > /arch\n"
  platforms = ["linux/amd64", "linux/arm64"]
  output    = ["type=oci,dest=img.tar"]
}
`, env.BusyboxImage())
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := bakeIn(t, dir, "app", "--progress", "plain"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	files := tarFiles(t, filepath.Join(dir, "img.tar"))
	var idx struct {
		Manifests []struct {
			Digest   string
			Platform struct{ OS, Architecture string }
		}
	}
	if err := json.Unmarshal(files["index.json"], &idx); err != nil {
		t.Fatalf("index.json: %v (files %d)", err, len(files))
	}
	var plats []string
	for _, m := range idx.Manifests {
		plats = append(plats, m.Platform.OS+"/"+m.Platform.Architecture)
		blob := files["blobs/sha256/"+strings.TrimPrefix(m.Digest, "sha256:")]
		var man struct {
			Config struct{ Digest string }
			Layers []struct{ Digest string }
		}
		if err := json.Unmarshal(blob, &man); err != nil || man.Config.Digest == "" {
			t.Fatalf("manifest %s missing or unreadable: %v", m.Digest, err)
		}
		for _, d := range append([]string{man.Config.Digest}, func() (l []string) {
			for _, x := range man.Layers {
				l = append(l, x.Digest)
			}
			return
		}()...) {
			if _, ok := files["blobs/sha256/"+strings.TrimPrefix(d, "sha256:")]; !ok {
				t.Errorf("blob %s of %s is not in the layout", d, m.Platform.Architecture)
			}
		}
	}
	if strings.Join(plats, ",") != "linux/amd64,linux/arm64" && strings.Join(plats, ",") != "linux/arm64,linux/amd64" {
		t.Fatalf("layout holds %v, want linux/amd64 and linux/arm64", plats)
	}
}

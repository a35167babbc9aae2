package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestBuilderLsAllDrivers lists a docker, a docker-container, a remote
// (TLS) and a kubernetes builder from one file against the test world.
// ls must not create anything; inspect --bootstrap starts the container
// builder; rm removes it.
func TestBuilderLsAllDrivers(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Docker, testenv.Registry, testenv.K8s)
	tls := env.TLS()
	dir := t.TempDir()
	suffix := fmt.Sprint(os.Getpid())
	file := fmt.Sprintf(`
builder "local" {
  driver   = "docker"
  endpoint = %q
}
builder "box%[6]s" {
  driver      = "docker-container"
  endpoint    = %[1]q
  driver-opts = { image = %[2]q, network = "host" }
}
builder "release" {
  driver = "remote"
  node "plain" {
    endpoint = %[3]q
  }
  node "tls" {
    endpoint    = %[4]q
    driver-opts = { cacert = %[7]q, cert = %[8]q, key = %[9]q, servername = "localhost" }
  }
}
builder "cluster" {
  driver      = "kubernetes"
  driver-opts = { image = %[5]q, image-pull-policy = "Never", namespace = "default" }
}
target "app" {}
`, env.DockerHost(), env.BuildkitImage(), env.BuildkitdTCP(), env.BuildkitdTLS(), env.K8sBuildkitImage(), suffix, tls.CA, tls.Cert, tls.Key)
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		c := &cli{env: map[string]string{"HOME": dir, "KUBECONFIG": env.Kubeconfig(), "PATH": "/usr/bin:/bin"},
			wd: dir, stdin: strings.NewReader(""), stdout: &out, stderr: &errb, exit: func(int) {}}
		code := c.run(args)
		return code, out.String() + errb.String()
	}
	box := "box" + suffix
	t.Cleanup(func() { run("builder", "rm", box) })

	code, out := run("builder", "ls")
	t.Logf("bkx builder ls:\n%s", out)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"local", "load-by-default=yes cache-export=inline only tarball=no multi-platform=no",
		box, "cluster", "release", "buildkitd-config=managed externally",
		"plain", "tls",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ls output lacks %q", want)
		}
	}
	lines := strings.Split(out, "\n")
	status := func(node string) string {
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 2 && f[0] == node && strings.HasPrefix(l, "  ") {
				return l
			}
		}
		return ""
	}
	if l := status("tls"); !strings.Contains(l, "running") || !strings.Contains(l, "linux/arm64") {
		t.Errorf("TLS remote node: %q", l)
	}
	if l := status(box); !strings.Contains(l, "not created") {
		t.Errorf("ls must not start the container builder: %q", l)
	}
	if l := status("cluster"); !strings.Contains(l, "not created") {
		t.Errorf("ls must not start the kubernetes builder: %q", l)
	}
	if code, out := run("builder", "inspect", box, "--bootstrap"); code != 0 || !strings.Contains(status2(out, box), "running") {
		t.Fatalf("inspect --bootstrap: exit %d\n%s", code, out)
	}
	if code, out := run("builder", "rm", box); code != 0 {
		t.Fatalf("rm: exit %d\n%s", code, out)
	}
	if _, out := run("builder", "ls"); !strings.Contains(status2(out, box), "not created") {
		t.Fatalf("after rm the container is still there:\n%s", out)
	}
}

func status2(out, node string) string {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == node && strings.HasPrefix(l, "  ") {
			return l
		}
	}
	return ""
}

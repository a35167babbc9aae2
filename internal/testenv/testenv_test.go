package testenv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// Load reads the env file named by BKX_TESTENV_FILE; no daemon needed.
func TestLoadEnvFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "env")
	content := `# comment
BKX_TESTENV_BUILDKITD0_UNIX=unix:///x/b0.sock
BKX_TESTENV_BUILDKITD0_TCP=tcp://127.0.0.1:1234
BKX_TESTENV_BUILDKITD1_TLS=tcp://127.0.0.1:1235
BKX_TESTENV_TLS_CA=/c/ca.pem
BKX_TESTENV_TLS_CERT=/c/client.pem
BKX_TESTENV_TLS_KEY=/c/client-key.pem
BKX_TESTENV_TLS_SERVER_NAME=localhost
BKX_TESTENV_PLATFORMS=linux/amd64, linux/arm64
BKX_TESTENV_REGISTRY=localhost:5000
BKX_TESTENV_DOCKER_HOST="unix:///x/docker.sock"
BKX_TESTENV_CONTAINER_SECURITY=no-sys-resource
`
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(testenv.FileEnvVar, p)
	if got := testenv.File(); got != p {
		t.Fatalf("File() = %q, want %q", got, p)
	}
	e, err := testenv.Load()
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]string{
		"BuildkitdUnix(0)": {e.BuildkitdUnix(0), "unix:///x/b0.sock"},
		"BuildkitdUnix(1)": {e.BuildkitdUnix(1), ""},
		"BuildkitdTCP":     {e.BuildkitdTCP(), "tcp://127.0.0.1:1234"},
		"BuildkitdTLS":     {e.BuildkitdTLS(), "tcp://127.0.0.1:1235"},
		"TLS.CA":           {e.TLS().CA, "/c/ca.pem"},
		"TLS.Key":          {e.TLS().Key, "/c/client-key.pem"},
		"Registry":         {e.Registry(), "localhost:5000"},
		"DockerHost":       {e.DockerHost(), "unix:///x/docker.sock"},
		"Kubeconfig":       {e.Kubeconfig(), ""},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if ps := e.Platforms(); len(ps) != 2 || ps[0] != "linux/amd64" || ps[1] != "linux/arm64" {
		t.Errorf("Platforms() = %q", ps)
	}
	sec := e.BuildkitContainerSecurity()
	if sec.Privileged || len(sec.CapDrop) != 1 || sec.CapDrop[0] != "SYS_RESOURCE" {
		t.Errorf("BuildkitContainerSecurity() = %+v, want the capability workaround", sec)
	}
	if err := e.Check(testenv.K8s); err == nil {
		t.Error("Check(K8s) succeeded without a kubeconfig")
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Setenv(testenv.FileEnvVar, filepath.Join(t.TempDir(), "nope"))
	if _, err := testenv.Load(); !os.IsNotExist(err) {
		t.Fatalf("Load() error = %v, want not-exist", err)
	}
}

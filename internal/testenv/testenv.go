// Package testenv is how bkx's tests reach the daemons started by
// `make testenv` (hack/testenv): two buildkitd nodes, dockerd, a local
// registry, and (after `make testenv-k8s`) a single-node Kubernetes cluster.
//
// Every endpoint comes from one file, written by hack/testenv/up.sh:
// $BKX_TESTENV_FILE, or /run/bkx-testenv/env when that is unset. It holds
// KEY=VALUE lines (shell syntax) and can be sourced by scripts too.
//
// A test that needs a daemon calls Require (or RequireK8s): under
// `go test -short` it skips; otherwise a missing or stopped environment is a
// test failure that says to run `make testenv`.
//
// The package only uses the standard library, so importing it costs nothing.
package testenv

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultFile is where hack/testenv writes the endpoints.
const DefaultFile = "/run/bkx-testenv/env"

// FileEnvVar names the environment variable that overrides DefaultFile.
const FileEnvVar = "BKX_TESTENV_FILE"

// Keys of the env file.
const (
	KeyBuildkitVersion   = "BKX_TESTENV_BUILDKIT_VERSION"
	KeyBuildkitd         = "BKX_TESTENV_BUILDKITD"
	KeyBuildctl          = "BKX_TESTENV_BUILDCTL"
	KeyBuildkitd0Unix    = "BKX_TESTENV_BUILDKITD0_UNIX"
	KeyBuildkitd0TCP     = "BKX_TESTENV_BUILDKITD0_TCP"
	KeyBuildkitd1Unix    = "BKX_TESTENV_BUILDKITD1_UNIX"
	KeyBuildkitd1TLS     = "BKX_TESTENV_BUILDKITD1_TLS"
	KeyTLSCA             = "BKX_TESTENV_TLS_CA"
	KeyTLSCert           = "BKX_TESTENV_TLS_CERT"
	KeyTLSKey            = "BKX_TESTENV_TLS_KEY"
	KeyTLSServerName     = "BKX_TESTENV_TLS_SERVER_NAME"
	KeyPlatforms         = "BKX_TESTENV_PLATFORMS"
	KeyRegistry          = "BKX_TESTENV_REGISTRY"
	KeyBusyboxImage      = "BKX_TESTENV_BUSYBOX_IMAGE"
	KeyDockerHost        = "BKX_TESTENV_DOCKER_HOST"
	KeyBuildkitImage     = "BKX_TESTENV_BUILDKIT_IMAGE"
	KeyContainerSecurity = "BKX_TESTENV_CONTAINER_SECURITY"
	KeyKubeconfig        = "BKX_TESTENV_KUBECONFIG"
	KeyK8sNamespace      = "BKX_TESTENV_K8S_NAMESPACE"
	KeyK8sBuildkitImage  = "BKX_TESTENV_K8S_BUILDKIT_IMAGE"
	KeyK8sAPIServer      = "BKX_TESTENV_K8S_APISERVER"
	KeyKubectl           = "BKX_TESTENV_KUBECTL"
	KeyGitRoot           = "BKX_TESTENV_GIT_ROOT"
	KeyGitDaemon         = "BKX_TESTENV_GIT_DAEMON"
	KeyGitHTTP           = "BKX_TESTENV_GIT_HTTP"
	KeyGitToken          = "BKX_TESTENV_GIT_TOKEN"
	KeyDockerTLSHost     = "BKX_TESTENV_DOCKER_TLS_HOST"
	KeySSHDockerHost     = "BKX_TESTENV_SSH_DOCKER_HOST"
	KeySSHKey            = "BKX_TESTENV_SSH_KEY"
	KeyDockerCtrdHost    = "BKX_TESTENV_DOCKER_CTRD_HOST"
	KeyS3                = "BKX_TESTENV_S3"
	KeyS3Bucket          = "BKX_TESTENV_S3_BUCKET"
)

// Values of KeyContainerSecurity.
const (
	// SecurityPrivileged: --privileged containers work on this host.
	SecurityPrivileged = "privileged"
	// SecurityNoSysResource: the host withholds CAP_SYS_RESOURCE, so a
	// privileged container fails ("unable to apply caps"); run BuildKit
	// containers as BuildkitContainerSecurity says instead.
	SecurityNoSysResource = "no-sys-resource"
)

// Env is the loaded test environment. Its accessors never fail: a key that
// is missing yields "" (Require checks the keys a component needs).
type Env struct {
	path string
	vals map[string]string
}

// File returns the env file path in use.
func File() string {
	if p := os.Getenv(FileEnvVar); p != "" {
		return p
	}
	return DefaultFile
}

// Load reads the env file. It does not check that the daemons answer.
func Load() (*Env, error) {
	p := File()
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	e := &Env{path: p, vals: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: malformed line %q", p, line)
		}
		e.vals[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// Component names a part of the environment that Require checks is up.
type Component string

const (
	Buildkitd Component = "buildkitd" // both nodes, all listeners
	Docker    Component = "docker"    // dockerd
	Registry  Component = "registry"  // 127.0.0.1:5000
	K8s       Component = "k8s"       // the Kubernetes apiserver
	Git       Component = "git"       // git daemon :9418 and the token-protected HTTP server :9480
	S3        Component = "s3"        // the S3-compatible server :9490
	SSH       Component = "ssh"       // the ssh docker host :2222 and dockerd's TLS listener :2376
	// DockerCtrd is the second dockerd (moby v28), with the containerd
	// image store.
	DockerCtrd Component = "docker-ctrd"
)

var (
	loadOnce sync.Once
	loaded   *Env
	loadErr  error
)

func cached() (*Env, error) {
	loadOnce.Do(func() { loaded, loadErr = Load() })
	return loaded, loadErr
}

// Require returns the environment for a test that needs real daemons.
// Under `go test -short` it skips the test. Otherwise, if the env file is
// missing, or a listed component (all but K8s when none are listed) does not
// answer, the test fails with a message saying how to start it.
func Require(t testing.TB, components ...Component) *Env {
	t.Helper()
	if testing.Short() {
		t.Skip("needs the bkx test environment (make testenv); skipped under -short")
	}
	e, err := cached()
	if err != nil {
		t.Fatalf("bkx test environment not found (%v).\n"+
			"Start it with `make testenv` (as root; see hack/testenv/README.md), "+
			"or run `go test -short` to skip tests that need it.", err)
	}
	if len(components) == 0 {
		components = []Component{Buildkitd, Docker, Registry}
	}
	for _, c := range components {
		if err := e.Check(c); err != nil {
			hint := "make testenv"
			if c == K8s {
				hint = "make testenv-k8s"
			}
			t.Fatalf("bkx test environment: %s is not usable: %v.\n"+
				"Start it with `%s` (as root; see hack/testenv/README.md), "+
				"or run `go test -short` to skip tests that need it.", c, err, hint)
		}
	}
	return e
}

// RequireK8s is Require for tests of the kubernetes driver.
func RequireK8s(t testing.TB) *Env {
	t.Helper()
	return Require(t, K8s)
}

// Check reports whether component c is configured and accepts connections.
func (e *Env) Check(c Component) error {
	var addrs []string
	switch c {
	case Buildkitd:
		addrs = []string{e.BuildkitdUnix(0), e.BuildkitdTCP(), e.BuildkitdUnix(1), e.BuildkitdTLS()}
	case Docker:
		addrs = []string{e.DockerHost()}
	case Registry:
		if r := e.Registry(); r != "" {
			addrs = []string{"tcp://" + r}
		} else {
			addrs = []string{""}
		}
	case Git:
		addrs = []string{strings.Replace(e.GitDaemon(), "git://", "tcp://", 1), strings.Replace(e.GitHTTP(), "http://", "tcp://", 1)}
	case S3:
		addrs = []string{strings.Replace(e.S3(), "http://", "tcp://", 1)}
	case DockerCtrd:
		addrs = []string{e.DockerCtrdHost()}
	case SSH:
		addrs = []string{"tcp://127.0.0.1:2222", e.DockerTLSHost()}
	case K8s:
		if e.Kubeconfig() == "" {
			return fmt.Errorf("%s has no %s: the cluster was not started", e.path, KeyKubeconfig)
		}
		if _, err := os.Stat(e.Kubeconfig()); err != nil {
			return err
		}
		addrs = []string{e.get(KeyK8sAPIServer)}
	default:
		return fmt.Errorf("unknown component %q", c)
	}
	for _, a := range addrs {
		if a == "" {
			return fmt.Errorf("%s lacks an endpoint for %s", e.path, c)
		}
		if err := probe(a); err != nil {
			return err
		}
	}
	return nil
}

// probe dials a unix://, tcp:// or https:// address once.
func probe(addr string) error {
	u, err := url.Parse(addr)
	if err != nil {
		return err
	}
	network, target := "tcp", u.Host
	if u.Scheme == "unix" {
		network, target = "unix", u.Path
	}
	c, err := net.DialTimeout(network, target, 3*time.Second)
	if err != nil {
		return fmt.Errorf("nothing answers at %s: %w", addr, err)
	}
	return c.Close()
}

func (e *Env) get(k string) string { return e.vals[k] }

// GitRoot is the folder the git servers serve: a bare repository at
// GitRoot/NAME.git is git://.../NAME.git and http://.../NAME.git.
func (e *Env) GitRoot() string { return e.get(KeyGitRoot) }

// GitDaemon is the git daemon's base URL, git://127.0.0.1:9418.
func (e *Env) GitDaemon() string { return e.get(KeyGitDaemon) }

// GitHTTP is the smart HTTP server's base URL; it wants GitToken.
func (e *Env) GitHTTP() string { return e.get(KeyGitHTTP) }

// DockerTLSHost is the test dockerd on TCP with TLS: the TLS() CA and
// client certificate are required.
func (e *Env) DockerTLSHost() string { return e.get(KeyDockerTLSHost) }

// SSHDockerHost is the test dockerd reached over ssh (ssh://bkx-testenv-ssh,
// a host entry of the system's ssh client configuration).
func (e *Env) SSHDockerHost() string { return e.get(KeySSHDockerHost) }

// SSHKey is the private key the ssh host (bkx-testenv-ssh, root) takes.
func (e *Env) SSHKey() string { return e.get(KeySSHKey) }

// DockerCtrdHost is the second dockerd, with the containerd image store.
func (e *Env) DockerCtrdHost() string { return e.get(KeyDockerCtrdHost) }

// S3 is the S3-compatible server's endpoint URL (path-style, any
// credentials); S3Bucket exists there.
func (e *Env) S3() string       { return e.get(KeyS3) }
func (e *Env) S3Bucket() string { return e.get(KeyS3Bucket) }

// GitToken is the token the HTTP git server requires.
func (e *Env) GitToken() string { return e.get(KeyGitToken) }

// Get returns any key of the env file.
func (e *Env) Get(key string) string { return e.get(key) }

// Path is the env file the values came from.
func (e *Env) Path() string { return e.path }

// BuildkitdUnix is node n's (0 or 1) unix socket address, "unix:///...".
func (e *Env) BuildkitdUnix(n int) string {
	switch n {
	case 0:
		return e.get(KeyBuildkitd0Unix)
	case 1:
		return e.get(KeyBuildkitd1Unix)
	}
	return ""
}

// BuildkitdTCP is node 0's plain TCP address, "tcp://127.0.0.1:1234".
func (e *Env) BuildkitdTCP() string { return e.get(KeyBuildkitd0TCP) }

// BuildkitdTLS is node 1's TLS address, "tcp://127.0.0.1:1235"; it requires
// a client certificate (TLS).
func (e *Env) BuildkitdTLS() string { return e.get(KeyBuildkitd1TLS) }

// TLSFiles are the PEM files for BuildkitdTLS.
type TLSFiles struct {
	CA, Cert, Key string
	ServerName    string // a name in the server certificate (localhost; 127.0.0.1 works too)
}

// TLS returns the CA and the client certificate accepted by BuildkitdTLS.
func (e *Env) TLS() TLSFiles {
	return TLSFiles{CA: e.get(KeyTLSCA), Cert: e.get(KeyTLSCert), Key: e.get(KeyTLSKey), ServerName: e.get(KeyTLSServerName)}
}

// Platforms are the platforms every buildkitd node can run (linux/amd64,linux/arm64).
func (e *Env) Platforms() []string { return splitList(e.get(KeyPlatforms)) }

// Registry is the local registry's host:port as image references spell it
// ("localhost:5000"; plain HTTP).
func (e *Env) Registry() string { return e.get(KeyRegistry) }

// BusyboxImage is the multi-arch (linux/amd64, linux/arm64) base image in
// the local registry, for FROM lines and llb.Image.
func (e *Env) BusyboxImage() string { return e.get(KeyBusyboxImage) }

// DockerHost is dockerd's address ("unix:///run/bkx-testenv/docker.sock"),
// for DOCKER_HOST or client.WithHost.
func (e *Env) DockerHost() string { return e.get(KeyDockerHost) }

// BuildkitImage is the BuildKit image loaded into dockerd for the
// docker-container driver (built from the same buildkitd binary).
func (e *Env) BuildkitImage() string { return e.get(KeyBuildkitImage) }

// BuildkitVersion is the buildkit module version the daemons were built from.
func (e *Env) BuildkitVersion() string { return e.get(KeyBuildkitVersion) }

// Buildctl is the path of the buildctl binary built with the daemons.
func (e *Env) Buildctl() string { return e.get(KeyBuildctl) }

// ContainerSecurity is SecurityPrivileged or SecurityNoSysResource.
func (e *Env) ContainerSecurity() string { return e.get(KeyContainerSecurity) }

// Kubeconfig is the admin kubeconfig of the test cluster ("" if not started).
func (e *Env) Kubeconfig() string { return e.get(KeyKubeconfig) }

// K8sNamespace is the namespace tests may create objects in.
func (e *Env) K8sNamespace() string { return e.get(KeyK8sNamespace) }

// K8sBuildkitImage is the BuildKit image present in the cluster's containerd
// (use it with imagePullPolicy: Never).
func (e *Env) K8sBuildkitImage() string { return e.get(KeyK8sBuildkitImage) }

// Kubectl is the path of the kubectl binary built for the cluster.
func (e *Env) Kubectl() string { return e.get(KeyKubectl) }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// UniqueName returns "bkx-test-<prefix>-<random>", a name for a container,
// image repository or pod that a test creates (and must remove).
func UniqueName(prefix string) string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "bkx-test-" + prefix + "-" + hex.EncodeToString(b)
}

// ContainerSecurityOpts says how to run a BuildKit container on this host's
// dockerd (fields map onto docker's container.HostConfig).
type ContainerSecurityOpts struct {
	Privileged  bool
	CapAdd      []string
	CapDrop     []string
	SecurityOpt []string
	Binds       []string
	// UnconfinedSystemPaths is the CLI's --security-opt systempaths=unconfined;
	// in the API it is HostConfig.MaskedPaths and ReadonlyPaths set to
	// empty, non-nil lists.
	UnconfinedSystemPaths bool
}

// BuildkitContainerSecurity returns the HostConfig settings that let
// buildkitd and its RUN steps work inside a container here: --privileged on
// a normal host; on a host that withholds CAP_SYS_RESOURCE (where privileged
// containers fail with "unable to apply caps: operation not permitted"), all
// capabilities but SYS_RESOURCE, seccomp, apparmor and system paths
// unconfined, and /sys/fs/cgroup mounted read-write.
func (e *Env) BuildkitContainerSecurity() ContainerSecurityOpts {
	if e.ContainerSecurity() == SecurityNoSysResource {
		return ContainerSecurityOpts{
			CapAdd:      []string{"ALL"},
			CapDrop:     []string{"SYS_RESOURCE"},
			SecurityOpt: []string{"seccomp=unconfined", "apparmor=unconfined"},
			Binds:       []string{"/sys/fs/cgroup:/sys/fs/cgroup:rw"},

			UnconfinedSystemPaths: true,
		}
	}
	return ContainerSecurityOpts{Privileged: true}
}

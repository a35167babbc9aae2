package testenv_test

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	dockerclient "github.com/docker/docker/client"
	bkclient "github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// newDockerClient connects to the testenv dockerd with API version negotiation.
func newDockerClient(t *testing.T, ctx context.Context, env *testenv.Env) *dockerclient.Client {
	t.Helper()
	dc, err := dockerclient.NewClientWithOpts(dockerclient.WithHost(env.DockerHost()), dockerclient.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatalf("docker client for %s: %v", env.DockerHost(), err)
	}
	t.Cleanup(func() { dc.Close() })
	if _, err := dc.Ping(ctx); err != nil {
		t.Fatalf("docker ping %s: %v", env.DockerHost(), err)
	}
	return dc
}

// A build through dockerd's own BuildKit: the buildkit client reaches it by
// hijacking the docker API's /grpc and /session endpoints.
func TestDockerBuildKit(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	ctx := testContext(t, 3*time.Minute)
	dc := newDockerClient(t, ctx, env)
	t.Logf("dockerd API version %s", dc.ClientVersion())

	c := newBuildkitClient(t, ctx, "",
		bkclient.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return dc.DialHijack(ctx, "/grpc", "h2c", nil)
		}),
		bkclient.WithSessionDialer(func(ctx context.Context, proto string, meta map[string][]string) (net.Conn, error) {
			return dc.DialHijack(ctx, "/session", proto, meta)
		}),
	)
	ps := workerPlatforms(t, ctx, c)
	if !contains(ps, "linux/amd64") {
		t.Fatalf("dockerd's BuildKit lists %v, want linux/amd64", ps)
	}

	p := parsePlatform(t, "linux/amd64")
	token := testenv.UniqueName("docker")
	dir := solveToDir(t, ctx, c, runState(env.BusyboxImage(), p, "uname -m > /out/machine; echo "+token+" > /out/token"), p)
	if got := readTrim(t, filepath.Join(dir, "token")); got != token {
		t.Fatalf("RUN step in dockerd's BuildKit wrote %q, want %q", got, token)
	}
	if got := readTrim(t, filepath.Join(dir, "machine")); got != "x86_64" {
		t.Fatalf("uname -m = %q, want x86_64", got)
	}
}

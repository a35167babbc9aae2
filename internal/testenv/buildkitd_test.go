package testenv_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bkclient "github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// A RUN step on linux/amd64 and on linux/arm64 (through qemu emulation),
// FROM the local multi-arch busybox, on buildkitd node 0 over its unix socket.
func TestBuildkitdRunStepPerPlatform(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	ctx := testContext(t, 3*time.Minute)
	c := newBuildkitClient(t, ctx, env.BuildkitdUnix(0))

	platforms := env.Platforms()
	for _, want := range []string{"linux/amd64", "linux/arm64"} {
		if !contains(platforms, want) {
			t.Fatalf("%s = %v, want it to include %s", testenv.KeyPlatforms, platforms, want)
		}
	}
	for _, ps := range platforms {
		t.Run(ps, func(t *testing.T) {
			p := parsePlatform(t, ps)
			token := testenv.UniqueName("run")
			st := runState(env.BusyboxImage(), p, fmt.Sprintf("uname -m > /out/machine; echo %s > /out/token", token))
			dir := solveToDir(t, ctx, c, st, p)
			if got, want := readTrim(t, filepath.Join(dir, "machine")), unameMachine[p.Architecture]; got != want {
				t.Errorf("uname -m in a %s RUN step = %q, want %q", ps, got, want)
			}
			if got := readTrim(t, filepath.Join(dir, "token")); got != token {
				t.Errorf("RUN step wrote %q, want %q", got, token)
			}
		})
	}
}

// Both nodes answer on every listener they have, and list linux/arm64
// (emulation was up before they started).
func TestBuildkitdNodesListPlatforms(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd)
	ctx := testContext(t, time.Minute)
	tls := env.TLS()
	for _, tc := range []struct {
		name string
		addr string
	}{
		{"node0-unix", env.BuildkitdUnix(0)},
		{"node0-tcp", env.BuildkitdTCP()},
		{"node1-unix", env.BuildkitdUnix(1)},
		{"node1-tls", env.BuildkitdTLS()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []bkclient.ClientOpt
			if tc.name == "node1-tls" {
				opts = tlsOpts(tls, true)
			}
			c := newBuildkitClient(t, ctx, tc.addr, opts...)
			ps := workerPlatforms(t, ctx, c)
			for _, want := range []string{"linux/amd64", "linux/arm64"} {
				if !contains(ps, want) {
					t.Errorf("%s lists %v, want %s among them", tc.addr, ps, want)
				}
			}
		})
	}
}

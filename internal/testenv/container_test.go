package testenv_test

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	dockerclient "github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
	bkclient "github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/internal/stdioconn"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// A docker-container node: a container from the testenv BuildKit image,
// reached with `buildctl dial-stdio` through docker exec, answers
// ListWorkers and runs a RUN step for linux/amd64 and linux/arm64. The
// container is removed at the end, and the test checks that it is gone.
func TestDockerContainerNode(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	ctx := testContext(t, 4*time.Minute)
	dc := newDockerClient(t, ctx, env)

	if _, err := dc.ImageInspect(ctx, env.BuildkitImage()); err != nil {
		t.Fatalf("BuildKit image %s is not in dockerd: %v", env.BuildkitImage(), err)
	}
	name := testenv.UniqueName("container")
	sec := env.BuildkitContainerSecurity()
	t.Logf("container security for this host: %s %+v", env.ContainerSecurity(), sec)
	hc := &container.HostConfig{
		Privileged:  sec.Privileged,
		CapAdd:      sec.CapAdd,
		CapDrop:     sec.CapDrop,
		SecurityOpt: sec.SecurityOpt,
		Binds:       sec.Binds,
		// The registry listens on 127.0.0.1 only: host networking lets the
		// node pull localhost:5000/bkx-test/busybox.
		NetworkMode: "host",
	}
	if sec.UnconfinedSystemPaths {
		hc.MaskedPaths, hc.ReadonlyPaths = []string{}, []string{}
	}
	created, err := dc.ContainerCreate(ctx, &container.Config{
		Image:  env.BuildkitImage(),
		Labels: map[string]string{"dev.bkx.testenv.test": name},
	}, hc, nil, nil, name)
	if err != nil {
		t.Fatalf("create container: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := dc.ContainerRemove(ctx, created.ID, container.RemoveOptions{Force: true, RemoveVolumes: true}); err != nil {
			t.Errorf("remove container %s: %v", name, err)
		}
		left, err := dc.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("name", name))})
		if err != nil || len(left) != 0 {
			t.Errorf("container %s left behind (%d, %v)", name, len(left), err)
		}
	})
	if err := dc.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatalf("start container: %v", err)
	}

	// Wait for buildkitd inside to answer.
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, out, err := stdioconn.DockerOutput(ctx, dc, created.ID, "buildctl", "debug", "workers")
		if err == nil && code == 0 {
			break
		}
		if time.Now().After(deadline) {
			logs := containerLogs(ctx, dc, created.ID)
			t.Fatalf("buildkitd in %s not ready: exit %d, %v: %s\ncontainer log:\n%s", name, code, err, out, logs)
		}
		time.Sleep(300 * time.Millisecond)
	}

	c := newBuildkitClient(t, ctx, "", bkclient.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return stdioconn.Docker(ctx, dc, created.ID, "buildctl", "dial-stdio")
	}))
	ps := workerPlatforms(t, ctx, c)
	for _, want := range []string{"linux/amd64", "linux/arm64"} {
		if !contains(ps, want) {
			t.Errorf("docker-container node lists %v, want %s", ps, want)
		}
	}
	for _, ps := range []string{"linux/amd64", "linux/arm64"} {
		t.Run(ps, func(t *testing.T) {
			p := parsePlatform(t, ps)
			dir := solveToDir(t, ctx, c, runState(env.BusyboxImage(), p, "uname -m > /out/machine"), p)
			if got, want := readTrim(t, filepath.Join(dir, "machine")), unameMachine[p.Architecture]; got != want {
				t.Errorf("uname -m in the container node's %s RUN step = %q, want %q", ps, got, want)
			}
		})
	}
}

func containerLogs(ctx context.Context, dc *dockerclient.Client, id string) string {
	rc, err := dc.ContainerLogs(ctx, id, container.LogsOptions{ShowStdout: true, ShowStderr: true, Tail: "30"})
	if err != nil {
		return err.Error()
	}
	defer rc.Close()
	var out bytes.Buffer
	_, _ = stdcopy.StdCopy(&out, &out, rc)
	return out.String()
}

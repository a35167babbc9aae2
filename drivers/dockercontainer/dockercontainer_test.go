package dockercontainer_test

import (
	"context"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/volume"
	dockerclient "github.com/docker/docker/client"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/dockercontainer"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestConformance runs the driver suite on a BuildKit container that the
// driver creates in the test environment's dockerd (host network, so that
// it reaches the registry on 127.0.0.1), then removes it and checks that
// no container or volume is left.
func TestConformance(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	name := "bkx-test-" + time.Now().Format("150405.000")
	cfg := drivers.Config{Name: name, Nodes: []drivers.NodeConfig{{
		Name:     "n0",
		Endpoint: env.DockerHost(),
		Opts:     map[string]string{"image": env.BuildkitImage(), "network": "host", "env.BUILDKIT_STEP_LOG_MAX_SIZE": "1048576"},
	}}}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		b, err := dockercontainer.Driver{}.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.(drivers.Remover).Remove(ctx); err != nil {
			t.Errorf("Remove: %v", err)
		}
		_ = b.Close(ctx)
		assertNothingLeft(t, ctx, env.DockerHost(), name)
	})
	drivertest.Run(t, drivertest.Setup{
		Driver:        dockercontainer.Driver{},
		Config:        cfg,
		Image:         env.BusyboxImage(),
		WantPlatforms: []string{"linux/amd64", "linux/arm64"},
		Registry:      env.Registry(),
		DockerHost:    env.DockerHost(),
	})
}

func assertNothingLeft(t *testing.T, ctx context.Context, host, builder string) {
	dc, err := dockerclient.NewClientWithOpts(dockerclient.WithHost(host), dockerclient.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	f := filters.NewArgs(filters.Arg("label", dockercontainer.LabelBuilder+"="+builder))
	cs, err := dc.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil || len(cs) != 0 {
		t.Errorf("containers left: %d (%v)", len(cs), err)
	}
	vs, err := dc.VolumeList(ctx, volume.ListOptions{Filters: f})
	if err != nil || len(vs.Volumes) != 0 {
		t.Errorf("volumes left: %v (%v)", vs.Volumes, err)
	}
}

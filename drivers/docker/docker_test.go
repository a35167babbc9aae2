package docker_test

import (
	"context"
	"testing"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/docker"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestConformance runs the driver suite against the test environment's
// dockerd, whose BuildKit is reached by hijacking /grpc and /session. The
// docker driver lacks multi-platform builds, tarball outputs and cache
// export other than inline (plan/drivers_test.go checks that the plan
// refuses them); the suite loads an image into the daemon.
func TestConformance(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	drivertest.Run(t, drivertest.Setup{
		Driver:        docker.Driver{},
		Config:        drivers.Config{Name: "docker-test", Nodes: []drivers.NodeConfig{{Name: "daemon", Endpoint: env.DockerHost()}}},
		Image:         env.BusyboxImage(),
		WantPlatforms: []string{"linux/amd64"},
		Registry:      env.Registry(),
		DockerHost:    env.DockerHost(),
	})
}

// TestProbeImageStore asks the test world's dockerd (20.10, classic
// store) which image store it has: the classic one, whose capabilities
// are the static ones. A daemon reporting the containerd snapshotter
// (Docker Engine 24+ with the containerd image store) gets multi-platform
// builds, tarballs and every cache type.
func TestProbeImageStore(t *testing.T) {
	if !docker.ImageStore([][2]string{{"driver-type", "io.containerd.snapshotter.v1"}}) ||
		docker.ImageStore([][2]string{{"Backing Filesystem", "extfs"}, {"Supports d_type", "true"}}) {
		t.Fatal("ImageStore misreads DriverStatus")
	}
	env := testenv.Require(t, testenv.Docker)
	b, err := docker.Driver{}.New(drivers.Config{Name: "probe", Nodes: []drivers.NodeConfig{{Name: "daemon", Endpoint: env.DockerHost()}}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(context.Background())
	caps, found, err := b.(drivers.CapabilityProber).ProbeCapabilities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if found != "classic image store, overlay2" || caps.MultiPlatform || caps.TarballOutput {
		t.Errorf("dockerd 20.10: found %q, caps %+v", found, caps)
	}
}

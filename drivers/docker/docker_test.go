package docker_test

import (
	"testing"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/docker"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestConformance runs the driver suite against the test environment's
// dockerd, whose BuildKit is reached by hijacking /grpc and /session. The
// docker driver lacks multi-platform builds, tarball outputs and cache
// export other than inline: the suite checks that the plan refuses them.
func TestConformance(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	drivertest.Run(t, drivertest.Setup{
		Driver:        docker.Driver{},
		Config:        drivers.Config{Name: "docker-test", Nodes: []drivers.NodeConfig{{Name: "daemon", Endpoint: env.DockerHost()}}},
		Image:         env.BusyboxImage(),
		WantPlatforms: []string{"linux/amd64"},
	})
}

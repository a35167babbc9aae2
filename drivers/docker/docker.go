// Package docker is the docker driver: the BuildKit inside dockerd,
// reached through the docker API, which loads results into the daemon's
// image store.
package docker

import (
	"fmt"

	"github.com/bkx-dev/bkx/drivers"
)

// Name is the driver's name in builder blocks.
const Name = "docker"

// Driver is the docker driver.
type Driver struct{}

// Interface guards.
var _ drivers.Driver = Driver{}

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options: the docker driver takes none; dockerd is configured on its own.
func (Driver) Options() []drivers.Option { return nil }

// Capabilities of the BuildKit inside a docker daemon without the
// containerd image store: inline cache only, one platform, no tarballs,
// results loaded into the daemon.
func (Driver) Capabilities(map[string]string) drivers.Capabilities {
	return drivers.Capabilities{
		DefaultLoad:    true,
		CacheExport:    []string{"inline"},
		TarballOutput:  false,
		MultiPlatform:  false,
		BuildkitConfig: drivers.Unsupported,
		Load:           true,
	}
}

// New makes a docker builder for the daemon at the endpoint (DOCKER_HOST
// form; empty means the environment's).
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	return nil, fmt.Errorf("builder %q: the docker driver cannot connect to dockerd yet in this version of bkx", cfg.Name)
}

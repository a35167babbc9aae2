// Package dockercontainer is the docker-container driver: a BuildKit
// container (and its state volume) that bkx creates, starts, stops and
// removes in a docker daemon.
package dockercontainer

import (
	"fmt"
	"strconv"

	"github.com/bkx-dev/bkx/drivers"
)

// Name is the driver's name in builder blocks.
const Name = "docker-container"

// Driver is the docker-container driver.
type Driver struct{}

// Interface guards.
var _ drivers.Driver = Driver{}

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options are docker container settings of the BuildKit container.
func (Driver) Options() []drivers.Option {
	return []drivers.Option{
		{Name: "image", Doc: "BuildKit image to run"},
		{Name: "network", Doc: "container network mode"},
		{Name: "cgroup-parent", Doc: "cgroup parent of the container"},
		{Name: "env.", Prefix: true, Doc: "environment variable of buildkitd"},
		{Name: "memory", Doc: "memory limit, e.g. 2g"},
		{Name: "memory-swap", Doc: "memory+swap limit"},
		{Name: "cpu-quota", Kind: drivers.KindInt},
		{Name: "cpu-period", Kind: drivers.KindInt},
		{Name: "cpu-shares", Kind: drivers.KindInt},
		{Name: "cpuset-cpus"},
		{Name: "cpuset-mems"},
		{Name: "default-load", Kind: drivers.KindBool, Doc: "load results into docker when no output is named"},
		{Name: "restart-policy", Kind: drivers.KindEnum, Values: []string{"no", "always", "on-failure", "unless-stopped"}},
	}
}

// Capabilities of a BuildKit container: everything BuildKit does.
func (Driver) Capabilities(opts map[string]string) drivers.Capabilities {
	load, _ := strconv.ParseBool(opts["default-load"])
	return drivers.Capabilities{
		DefaultLoad:    load,
		TarballOutput:  true,
		MultiPlatform:  true,
		BuildkitConfig: drivers.Supported,
		Load:           true,
	}
}

// New makes a docker-container builder.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	return nil, fmt.Errorf("builder %q: the docker-container driver cannot start BuildKit containers yet in this version of bkx", cfg.Name)
}

// Package kubernetes is the kubernetes driver: a Deployment of BuildKit
// pods that bkx creates in a cluster, each ready pod a node, reached by
// exec'ing `buildctl dial-stdio` in the pod.
package kubernetes

import (
	"fmt"
	"strconv"

	"github.com/bkx-dev/bkx/drivers"
)

// Name is the driver's name in builder blocks.
const Name = "kubernetes"

// Driver is the kubernetes driver.
type Driver struct{}

// Interface guards.
var _ drivers.Driver = Driver{}

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options shape the Deployment.
func (Driver) Options() []drivers.Option {
	return []drivers.Option{
		{Name: "namespace"},
		{Name: "replicas", Kind: drivers.KindInt},
		{Name: "image"},
		{Name: "requests.", Prefix: true, Doc: "resource requests: requests.cpu, requests.memory"},
		{Name: "limits.", Prefix: true, Doc: "resource limits: limits.cpu, limits.memory"},
		{Name: "nodeselector", Kind: drivers.KindKeyValues},
		{Name: "tolerations"},
		{Name: "annotations", Kind: drivers.KindKeyValues},
		{Name: "labels", Kind: drivers.KindKeyValues},
		{Name: "rootless", Kind: drivers.KindBool},
		{Name: "loadbalance", Kind: drivers.KindEnum, Values: []string{"sticky", "random"}},
		{Name: "default-load", Kind: drivers.KindBool},
		{Name: "timeout", Kind: drivers.KindDuration, Doc: "how long to wait for ready pods"},
		{Name: "env.", Prefix: true},
		{Name: "serviceaccount"},
		{Name: "schedulername"},
		{Name: "image-pull-policy", Kind: drivers.KindEnum, Values: []string{"Always", "IfNotPresent", "Never"}},
	}
}

// Capabilities of BuildKit pods: everything BuildKit does.
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

// New makes a kubernetes builder.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	return nil, fmt.Errorf("builder %q: the kubernetes driver cannot create BuildKit pods yet in this version of bkx", cfg.Name)
}

// Package remote is the remote driver: a buildkitd that someone else runs,
// reached over tcp://, unix://, docker-container:// or kube-pod://, with
// TLS when certificates are given. bkx never starts or stops it.
package remote

import (
	"fmt"
	"strconv"

	"github.com/bkx-dev/bkx/drivers"
)

// Name is the driver's name in builder blocks.
const Name = "remote"

// Driver is the remote driver.
type Driver struct{}

// Interface guards.
var _ drivers.Driver = Driver{}

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options are the TLS settings of the connection.
func (Driver) Options() []drivers.Option {
	return []drivers.Option{
		{Name: "cacert", Doc: "CA certificate that signed the daemon's certificate"},
		{Name: "cert", Doc: "client certificate"},
		{Name: "key", Doc: "client key"},
		{Name: "servername", Doc: "server name to verify, default the endpoint's host"},
		{Name: "default-load", Kind: drivers.KindBool},
	}
}

// Capabilities of a remote buildkitd: everything BuildKit does; its
// configuration is its owner's.
func (Driver) Capabilities(opts map[string]string) drivers.Capabilities {
	load, _ := strconv.ParseBool(opts["default-load"])
	return drivers.Capabilities{
		DefaultLoad:    load,
		TarballOutput:  true,
		MultiPlatform:  true,
		BuildkitConfig: drivers.External,
		Load:           true,
	}
}

// New makes a remote builder.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	return nil, fmt.Errorf("builder %q: the remote driver cannot connect yet in this version of bkx", cfg.Name)
}

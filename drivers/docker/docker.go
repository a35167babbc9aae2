// Package docker is the docker driver: the BuildKit inside dockerd,
// reached through the docker API, which loads results into the daemon's
// image store.
package docker

import (
	"context"
	"errors"
	"fmt"
	"net"

	dockerclient "github.com/docker/docker/client"
	"github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/internal/dockerhost"
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

// Capabilities of the BuildKit inside a docker daemon with the classic
// image store, the safe answer before the daemon is asked: inline cache
// only, one platform, no tarballs, results loaded into the daemon.
func (Driver) Capabilities(map[string]string) drivers.Capabilities {
	return classic
}

var classic = drivers.Capabilities{
	DefaultLoad:        true,
	CacheExport:        []string{"inline"},
	TarballOutput:      false,
	MultiPlatform:      false,
	BuildkitConfig:     drivers.Unsupported,
	Load:               true,
	MaxNodes:           1,
	ImageStoreExporter: "moby",
	Unlock:             `turn on dockerd's containerd image store ("features": {"containerd-snapshotter": true} in daemon.json, the default of current Docker Desktop and Engine releases)`,
}

// containerdStore: with the containerd image store (the default of
// current Docker Engine and Desktop releases), the daemon's BuildKit
// keeps image indexes, so it builds multi-platform images with
// attestations, writes oci and docker tarballs and exports every cache
// type, as buildx allows.
var containerdStore = drivers.Capabilities{
	DefaultLoad:        true,
	TarballOutput:      true,
	MultiPlatform:      true,
	BuildkitConfig:     drivers.Unsupported,
	Load:               true,
	MaxNodes:           1,
	ImageStoreExporter: "moby",
}

// snapshotterDriverType is the DriverStatus "driver-type" of a daemon
// whose images live in containerd.
const snapshotterDriverType = "io.containerd.snapshotter.v1"

// ImageStore tells from a daemon's info which image store it uses.
func ImageStore(driverStatus [][2]string) (containerd bool) {
	for _, kv := range driverStatus {
		if kv[0] == "driver-type" && kv[1] == snapshotterDriverType {
			return true
		}
	}
	return false
}

// New makes a docker builder for the daemon at the node's endpoint, as
// buildx reads it: a DOCKER_HOST-form address (ssh:// too), or the name of
// a docker context; empty means the daemon the docker CLI would use
// (DOCKER_HOST, DOCKER_CONTEXT, the current context). The docker driver
// has exactly one node.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	if len(cfg.Nodes) != 1 {
		return nil, fmt.Errorf("builder %q: the docker driver has exactly one node, the daemon's own BuildKit", cfg.Name)
	}
	nc := cfg.Nodes[0]
	ep, err := dockerhost.Resolve(cfg.Environ(), nc.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("builder %q: %w", cfg.Name, err)
	}
	dc, err := ep.NewClient()
	if err != nil {
		return nil, fmt.Errorf("builder %q: docker client: %w", cfg.Name, err)
	}
	return &builder{docker: dc, node: &node{docker: dc, ClientNode: drivers.ClientNode{
		NodeName: nc.Name,
		Dial: func(ctx context.Context) (*client.Client, error) {
			return Dial(ctx, dc)
		},
	}}}, nil
}

// node is the daemon's BuildKit.
type node struct {
	drivers.ClientNode
	docker *dockerclient.Client
}

// Interface guards.
var _ drivers.Versioner = (*node)(nil)

// Version is the daemon's: its BuildKit is the one bundled with it.
func (n *node) Version(ctx context.Context) (string, error) {
	v, err := n.docker.ServerVersion(ctx)
	if err != nil {
		return "", err
	}
	return "docker " + v.Version, nil
}

// Dial reaches the BuildKit inside a docker daemon by hijacking its /grpc
// and /session endpoints.
func Dial(ctx context.Context, dc *dockerclient.Client) (*client.Client, error) {
	if _, err := dc.Ping(ctx); err != nil {
		return nil, fmt.Errorf("docker daemon at %s: %w", dc.DaemonHost(), err)
	}
	return client.New(ctx, "",
		client.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return dc.DialHijack(ctx, "/grpc", "h2c", nil)
		}),
		client.WithSessionDialer(func(ctx context.Context, proto string, meta map[string][]string) (net.Conn, error) {
			return dc.DialHijack(ctx, "/session", proto, meta)
		}),
	)
}

// builder is the one-node builder of a docker daemon.
type builder struct {
	docker *dockerclient.Client
	node   *node
}

// Interface guards.
var _ drivers.Builder = (*builder)(nil)

func (b *builder) Nodes() []drivers.Node { return []drivers.Node{b.node} }

// Interface guards.
var _ drivers.CapabilityProber = (*builder)(nil)

// ProbeCapabilities asks the daemon which image store it uses.
func (b *builder) ProbeCapabilities(ctx context.Context) (drivers.Capabilities, string, error) {
	info, err := b.docker.Info(ctx)
	if err != nil {
		return classic, "", err
	}
	if ImageStore(info.DriverStatus) {
		return containerdStore, "containerd image store", nil
	}
	return classic, "classic image store, " + info.Driver, nil
}

// Close closes the BuildKit client and the docker client.
func (b *builder) Close(ctx context.Context) error {
	return errors.Join(b.node.Close(ctx), b.docker.Close())
}

// Docker returns the docker client, for loading images.
func (b *builder) Docker() *dockerclient.Client { return b.docker }

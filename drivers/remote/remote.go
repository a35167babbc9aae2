// Package remote is the remote driver: a buildkitd that someone else runs,
// reached over tcp://, unix://, docker-container:// or kube-pod://, with
// TLS when certificates are given. bkx never starts or stops it.
package remote

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/moby/buildkit/client"
	// Schemes that reach buildkitd through a helper command.
	_ "github.com/moby/buildkit/client/connhelper/dockercontainer"
	_ "github.com/moby/buildkit/client/connhelper/kubepod"

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
	return drivers.BuildKitCapabilities(opts, drivers.External)
}

var schemes = []string{"tcp", "unix", "docker-container", "kube-pod"}

// New checks every node's endpoint and TLS options and makes a builder
// whose nodes connect on first use.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	var nodes drivers.NodeList
	for _, nc := range cfg.Nodes {
		opts, err := clientOptions(nc)
		if err != nil {
			return nil, fmt.Errorf("builder %q, node %q: %w", cfg.Name, nc.Name, err)
		}
		addr := nc.Endpoint
		nodes = append(nodes, &drivers.ClientNode{
			NodeName: nc.Name,
			Dial: func(ctx context.Context) (*client.Client, error) {
				return client.New(ctx, addr, opts...)
			},
		})
	}
	return nodes, nil
}

func clientOptions(nc drivers.NodeConfig) ([]client.ClientOpt, error) {
	if nc.Endpoint == "" {
		return nil, fmt.Errorf("no endpoint: set endpoint = \"tcp://HOST:PORT\" (or unix://, docker-container://, kube-pod://)")
	}
	u, err := url.Parse(nc.Endpoint)
	if err != nil || !slices.Contains(schemes, u.Scheme) {
		return nil, fmt.Errorf("endpoint %q: use one of the schemes %s://", nc.Endpoint, strings.Join(schemes, "://, "))
	}
	o := nc.Opts
	if o["cacert"] == "" && o["cert"] == "" && o["key"] == "" {
		return nil, nil
	}
	if u.Scheme != "tcp" {
		return nil, fmt.Errorf("TLS options need a tcp:// endpoint, not %s://", u.Scheme)
	}
	if o["cacert"] == "" {
		return nil, fmt.Errorf("TLS is on (cert or key is set) but cacert is missing: name the CA certificate that signed the daemon's")
	}
	if (o["cert"] == "") != (o["key"] == "") {
		return nil, fmt.Errorf("cert and key go together: set both or neither")
	}
	server := o["servername"]
	if server == "" {
		server = u.Hostname()
	}
	opts := []client.ClientOpt{client.WithServerConfig(server, o["cacert"])}
	if o["cert"] != "" {
		opts = append(opts, client.WithCredentials(o["cert"], o["key"]))
	}
	return opts, nil
}

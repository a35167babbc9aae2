package remote_test

import (
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	"github.com/bkx-dev/bkx/drivers/remote"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestConformance runs the driver suite against the test environment's
// two buildkitd nodes: one over TCP, one over TCP with TLS and a client
// certificate.
func TestConformance(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	tls := env.TLS()
	drivertest.Run(t, drivertest.Setup{
		Driver: remote.Driver{},
		Config: drivers.Config{Name: "remote-test", Nodes: []drivers.NodeConfig{
			{Name: "plain", Endpoint: env.BuildkitdTCP()},
			{Name: "tls", Endpoint: env.BuildkitdTLS(), Opts: map[string]string{
				"cacert": tls.CA, "cert": tls.Cert, "key": tls.Key, "servername": "localhost",
			}},
			{Name: "unix", Endpoint: env.BuildkitdUnix(0)},
		}},
		Image:         env.BusyboxImage(),
		WantPlatforms: []string{"linux/amd64", "linux/arm64"},
		Registry:      env.Registry(),
		DockerHost:    env.DockerHost(),
	})
}

func TestOptionErrors(t *testing.T) {
	for _, c := range []struct {
		node drivers.NodeConfig
		want string
	}{
		{drivers.NodeConfig{Name: "n"}, "no endpoint"},
		{drivers.NodeConfig{Name: "n", Endpoint: "http://x:1"}, "schemes"},
		{drivers.NodeConfig{Name: "n", Endpoint: "tcp://x:1", Opts: map[string]string{"cert": "c", "key": "k"}}, "cacert is missing"},
		{drivers.NodeConfig{Name: "n", Endpoint: "tcp://x:1", Opts: map[string]string{"cacert": "ca", "cert": "c"}}, "cert and key go together"},
		{drivers.NodeConfig{Name: "n", Endpoint: "unix:///x", Opts: map[string]string{"cacert": "ca"}}, "need a tcp://"},
	} {
		_, err := remote.Driver{}.New(drivers.Config{Name: "b", Nodes: []drivers.NodeConfig{c.node}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.node, err, c.want)
		}
	}
}

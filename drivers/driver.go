package drivers

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/client"
)

// Driver is one kind of builder: docker, docker-container, kubernetes or
// remote.
type Driver interface {
	// Name is the name builder blocks use: driver = "NAME".
	Name() string
	// Options is the schema of the driver's driver-opts.
	Options() []Option
	// Capabilities says what builders of this driver can do with these
	// (already validated) options. It must not touch the network.
	Capabilities(opts map[string]string) Capabilities
	// New makes a builder from its configuration without connecting;
	// nodes boot on first use.
	New(cfg Config) (Builder, error)
}

// Config is a builder as the build files or the user's builders file
// declare it.
type Config struct {
	Name  string
	Nodes []NodeConfig
	// Env is the environment drivers read (DOCKER_HOST, KUBECONFIG);
	// nil means the process environment.
	Env map[string]string
}

// Getenv reads the configuration's environment, or the process's.
func (c Config) Getenv(key string) string {
	if c.Env != nil {
		return c.Env[key]
	}
	return os.Getenv(key)
}

// Environ is the configuration's environment as a map: Env, or the
// process's.
func (c Config) Environ() map[string]string {
	if c.Env != nil {
		return c.Env
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// NodeConfig is one node of a builder.
type NodeConfig struct {
	Name            string
	Endpoint        string
	Platforms       []string // declared; empty means "ask the node"
	Opts            map[string]string
	BuildkitdConfig string
	BuildkitdFlags  []string
}

// Builder is a set of nodes. Close releases what the builder holds (not
// what it created: Remove does that) and must work after a partial boot.
type Builder interface {
	Nodes() []Node
	Close(ctx context.Context) error
}

// CapabilityProber is a builder whose capabilities depend on the live
// daemon (the docker driver's image store): it asks, and says what it
// found in a few words for the plan ("containerd image store").
type CapabilityProber interface {
	ProbeCapabilities(ctx context.Context) (caps Capabilities, found string, err error)
}

// NodeNamer is a driver whose node blocks stand for several nodes (the
// kubernetes driver's replicas): it names them.
type NodeNamer interface {
	NodeNames(nc NodeConfig) []string
}

// Statuser is a node that can tell whether it runs without booting it
// (a container or a Deployment that bkx creates on first use).
type Statuser interface {
	// Status is "running", "stopped" or "not created".
	Status(ctx context.Context) (string, error)
}

// Remover is a builder that created things (containers, volumes,
// deployments) and can delete them: `bkx builder rm`.
type Remover interface {
	Remove(ctx context.Context) error
}

// Node is one BuildKit endpoint.
type Node interface {
	Name() string
	// Client boots the node if needed and returns a connected client.
	Client(ctx context.Context) (*client.Client, error)
	Close(ctx context.Context) error
}

var (
	mu       sync.RWMutex
	registry = map[string]Driver{}
)

// Register adds a driver. A duplicate or empty name is a programming
// error and panics.
func Register(d Driver) {
	mu.Lock()
	defer mu.Unlock()
	name := d.Name()
	if name == "" {
		panic("drivers: Register with an empty name")
	}
	if _, dup := registry[name]; dup {
		panic(fmt.Sprintf("drivers: driver %q registered twice", name))
	}
	registry[name] = d
}

// Lookup returns the driver registered under name.
func Lookup(name string) (Driver, bool) {
	mu.RLock()
	defer mu.RUnlock()
	d, ok := registry[name]
	return d, ok
}

// Names lists the registered drivers, sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Package dockerhost finds the docker daemon the way the docker CLI does,
// so that bkx talks to the daemon `docker` talks to: DOCKER_HOST (with
// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else the context named by
// DOCKER_CONTEXT, else the config file's current context, else the
// default socket. Contexts are read from the docker CLI's own context
// store (with their TLS material), and ssh:// hosts are reached through
// the docker CLI's ssh connection helper (`ssh HOST docker system
// dial-stdio`). Everything is read from the environment bkx was given,
// never from the process's own.
package dockerhost

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/docker/cli/cli/config"
	"github.com/docker/cli/cli/connhelper"
	dockercontext "github.com/docker/cli/cli/context"
	"github.com/docker/cli/cli/context/store"
	dockerclient "github.com/docker/docker/client"
	"github.com/docker/go-connections/tlsconfig"
)

// DefaultHost is the daemon of the "default" context.
const DefaultHost = "unix:///var/run/docker.sock"

// Endpoint is how to reach one daemon.
type Endpoint struct {
	// Context is the docker context it came from ("default" for
	// DOCKER_HOST or no context).
	Context string
	// Host is in DOCKER_HOST form: unix://, tcp://, ssh://, npipe://.
	Host string
	// TLS is the client TLS configuration, nil for none.
	TLS *tls.Config
}

// ConfigDir is the docker CLI's configuration folder: DOCKER_CONFIG,
// else ~/.docker.
func ConfigDir(env map[string]string) string {
	if d := env["DOCKER_CONFIG"]; d != "" {
		return d
	}
	return filepath.Join(env["HOME"], ".docker")
}

// Current is the daemon the docker CLI would use with env.
func Current(env map[string]string) (Endpoint, error) {
	if h := env["DOCKER_HOST"]; h != "" {
		ep := Endpoint{Context: "default", Host: h}
		tlsCfg, err := envTLS(env)
		if err != nil {
			return Endpoint{}, err
		}
		ep.TLS = tlsCfg
		return ep, nil
	}
	name := CurrentContext(env)
	if name == "default" {
		return Endpoint{Context: "default", Host: DefaultHost}, nil
	}
	return FromContext(env, name)
}

// CurrentContext is the name of the docker context in use: DOCKER_CONTEXT,
// else the config file's currentContext, else "default".
func CurrentContext(env map[string]string) string {
	if c := env["DOCKER_CONTEXT"]; c != "" {
		return c
	}
	if cf, err := config.Load(ConfigDir(env)); err == nil && cf.CurrentContext != "" {
		return cf.CurrentContext
	}
	return "default"
}

func contextStore(env map[string]string) *store.ContextStore {
	cfg := store.NewConfig(func() any { return &map[string]any{} },
		store.EndpointTypeGetter("docker", func() any { return &dockercontext.EndpointMetaBase{} }))
	return store.New(filepath.Join(ConfigDir(env), "contexts"), cfg)
}

// HasContext tells whether a docker context of that name exists.
func HasContext(env map[string]string, name string) bool {
	if name == "default" {
		return true
	}
	_, err := contextStore(env).GetMetadata(name)
	return err == nil
}

// FromContext is the daemon of a named docker context, with its TLS
// material.
func FromContext(env map[string]string, name string) (Endpoint, error) {
	if name == "default" {
		return Endpoint{Context: "default", Host: DefaultHost}, nil
	}
	s := contextStore(env)
	meta, err := s.GetMetadata(name)
	if err != nil {
		return Endpoint{}, fmt.Errorf("docker context %q: %w (docker context ls lists the contexts)", name, err)
	}
	raw, ok := meta.Endpoints["docker"]
	if !ok {
		return Endpoint{}, fmt.Errorf("docker context %q has no docker endpoint", name)
	}
	var em dockercontext.EndpointMetaBase
	switch v := raw.(type) {
	case *dockercontext.EndpointMetaBase:
		em = *v
	case dockercontext.EndpointMetaBase:
		em = v
	default:
		return Endpoint{}, fmt.Errorf("docker context %q: unexpected endpoint %T", name, raw)
	}
	ep := Endpoint{Context: name, Host: em.Host}
	if ep.Host == "" {
		ep.Host = DefaultHost
	}
	data, err := dockercontext.LoadTLSData(s, name, "docker")
	if err != nil {
		return Endpoint{}, err
	}
	if data != nil || em.SkipTLSVerify {
		if ep.TLS, err = tlsFrom(data, em.SkipTLSVerify); err != nil {
			return Endpoint{}, fmt.Errorf("docker context %q: %w", name, err)
		}
	}
	return ep, nil
}

func tlsFrom(data *dockercontext.TLSData, skipVerify bool) (*tls.Config, error) {
	var opts []func(*tls.Config)
	if data != nil && data.CA != nil {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(data.CA) {
			return nil, errors.New("its ca.pem holds no certificate")
		}
		opts = append(opts, func(c *tls.Config) { c.RootCAs = pool })
	}
	if data != nil && data.Cert != nil && data.Key != nil {
		cert, err := tls.X509KeyPair(data.Cert, data.Key)
		if err != nil {
			return nil, fmt.Errorf("its client certificate: %w", err)
		}
		opts = append(opts, func(c *tls.Config) { c.Certificates = []tls.Certificate{cert} })
	}
	if skipVerify {
		opts = append(opts, func(c *tls.Config) { c.InsecureSkipVerify = true })
	}
	return tlsconfig.ClientDefault(opts...), nil
}

// envTLS reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (ca.pem, cert.pem,
// key.pem) as the docker CLI does for DOCKER_HOST.
func envTLS(env map[string]string) (*tls.Config, error) {
	dir := env["DOCKER_CERT_PATH"]
	verify := env["DOCKER_TLS_VERIFY"] != ""
	if dir == "" && !verify {
		return nil, nil
	}
	if dir == "" {
		dir = ConfigDir(env)
	}
	read := func(n string) []byte {
		b, _ := os.ReadFile(filepath.Join(dir, n))
		return b
	}
	data := &dockercontext.TLSData{CA: read("ca.pem"), Cert: read("cert.pem"), Key: read("key.pem")}
	if !verify {
		data.CA = nil
	}
	cfg, err := tlsFrom(data, !verify)
	if err != nil {
		return nil, fmt.Errorf("DOCKER_CERT_PATH=%s: %w", dir, err)
	}
	return cfg, nil
}

// ClientOpts are the docker client options for the endpoint: its host
// and TLS, or the ssh connection helper for ssh://.
func (e Endpoint) ClientOpts() ([]dockerclient.Opt, error) {
	opts := []dockerclient.Opt{dockerclient.WithAPIVersionNegotiation()}
	if strings.HasPrefix(e.Host, "ssh://") {
		h, err := connhelper.GetConnectionHelper(e.Host)
		if err != nil {
			return nil, fmt.Errorf("docker host %s: %w", e.Host, err)
		}
		return append(opts,
			dockerclient.WithHTTPClient(&http.Client{Transport: &http.Transport{DialContext: h.Dialer}}),
			dockerclient.WithHost(h.Host),
			dockerclient.WithDialContext(h.Dialer),
		), nil
	}
	opts = append(opts, dockerclient.WithHost(e.Host))
	if e.TLS != nil {
		opts = append(opts, dockerclient.WithHTTPClient(&http.Client{Transport: &http.Transport{TLSClientConfig: e.TLS}}))
	}
	return opts, nil
}

// NewClient is a docker client for the endpoint.
func (e Endpoint) NewClient() (*dockerclient.Client, error) {
	opts, err := e.ClientOpts()
	if err != nil {
		return nil, err
	}
	return dockerclient.NewClientWithOpts(opts...)
}

// Resolve reads an endpoint as a docker builder's node takes it, as
// buildx does: a DOCKER_HOST-form address (anything with "://"), a docker
// context name, or "" for the daemon the docker CLI would use.
func Resolve(env map[string]string, endpoint string) (Endpoint, error) {
	switch {
	case endpoint == "":
		return Current(env)
	case strings.Contains(endpoint, "://"):
		return Endpoint{Context: "default", Host: endpoint}, nil
	default:
		return FromContext(env, endpoint)
	}
}

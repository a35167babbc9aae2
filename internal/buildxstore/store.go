package buildxstore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bkx-dev/bkx/internal/dockerhost"
)

// Store is docker buildx's builder store, read only.
type Store struct {
	dir string
	env map[string]string
}

// Builder is one instances/NAME file, as buildx v0.38 writes it.
type Builder struct {
	Name    string
	Driver  string
	Nodes   []Node
	Dynamic bool
	// Path is the file it was read from.
	Path string `json:"-"`
}

// Node is one node of a buildx builder.
type Node struct {
	Name       string
	Endpoint   string
	Platforms  []Platform
	DriverOpts map[string]string
	// Flags are buildkitd's flags (BuildkitdFlags in buildx, saved as
	// "Flags").
	Flags []string
	// Files are BuildKit configuration files by name
	// ("buildkitd.toml"), base64 in the JSON.
	Files map[string][]byte
}

// Platform is an OCI platform as buildx saves it.
type Platform struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
	Variant      string `json:"variant,omitempty"`
}

func (p Platform) String() string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// Open finds the store from an environment: BUILDX_CONFIG, else
// DOCKER_CONFIG/buildx, else HOME/.docker/buildx. A store that does not
// exist is empty.
func Open(env map[string]string) *Store {
	dir := env["BUILDX_CONFIG"]
	if dir == "" {
		dir = filepath.Join(dockerhost.ConfigDir(env), "buildx")
	}
	return &Store{dir: dir, env: env}
}

// Dir is the store's folder.
func (s *Store) Dir() string { return s.dir }

// Names lists the builders of the store, sorted.
func (s *Store) Names() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "instances"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Builder reads one builder. buildx keeps names in lower case.
func (s *Store) Builder(name string) (*Builder, error) {
	path := filepath.Join(s.dir, "instances", strings.ToLower(name))
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b := &Builder{Path: path}
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("%s: not a docker buildx builder: %w", path, err)
	}
	if b.Name == "" {
		b.Name = filepath.Base(path)
	}
	return b, nil
}

func (s *Store) exists(name string) bool {
	_, err := os.Stat(filepath.Join(s.dir, "instances", strings.ToLower(name)))
	return err == nil
}

// current is the store's current file, written by `docker buildx use`.
type current struct {
	Key    string
	Name   string
	Global bool
}

// Current is the builder `docker buildx use` selected for the docker
// endpoint of the environment (DockerEndpoint), as buildx reads it: the
// current file when it is global or its key is that endpoint, else the
// endpoint's defaults/ entry (`docker buildx use --default`). The name is
// empty when none is selected or the selected one is not in the store
// (the docker context's own builder).
func (s *Store) Current() (string, error) {
	key := DockerEndpoint(s.env)
	data, err := os.ReadFile(filepath.Join(s.dir, "current"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err == nil {
		var c current
		if err := json.Unmarshal(data, &c); err != nil {
			return "", fmt.Errorf("%s: %w", filepath.Join(s.dir, "current"), err)
		}
		if c.Name != "" {
			if c.Global && s.exists(c.Name) {
				return strings.ToLower(c.Name), nil
			}
			if c.Key == key {
				if s.exists(c.Name) {
					return strings.ToLower(c.Name), nil
				}
				return "", nil
			}
		}
	}
	data, err = os.ReadFile(filepath.Join(s.dir, "defaults", endpointHash(key)))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if name := strings.TrimSpace(string(data)); name != "" && s.exists(name) {
		return strings.ToLower(name), nil
	}
	return "", nil
}

// endpointHash names an endpoint's defaults/ file: the first 20 hex
// digits of its sha256, as buildx does.
func endpointHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])[:20]
}

// DockerEndpoint is the key buildx files its current builder under: the
// docker context's name, or for the default context its host. As the
// docker CLI does, DOCKER_HOST selects the default context, then
// DOCKER_CONTEXT, then the config file's currentContext.
func DockerEndpoint(env map[string]string) string {
	if h := env["DOCKER_HOST"]; h != "" {
		return h
	}
	if name := dockerhost.CurrentContext(env); name != "default" {
		return name
	}
	return dockerhost.DefaultHost
}

package buildxstore

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers"
	_ "github.com/bkx-dev/bkx/drivers/all" // Lookup knows every driver
	"github.com/bkx-dev/bkx/drivers/dockercontainer"
	"github.com/bkx-dev/bkx/drivers/kubernetes"
	bake "github.com/bkx-dev/bkx/hcl"
)

// ContainerPrefix starts the name of the container (and of its state
// volume) of a buildx docker-container node: buildx_buildkit_<node>.
const ContainerPrefix = "buildx_buildkit_"

// Entry is one builder of the store, as bkx uses it.
type Entry struct {
	Name string
	// Block is the builder as a builder block; nil when bkx cannot use
	// it (an unreadable file, a driver bkx does not have).
	Block *bake.Builder
	// Diags are warnings: what bkx leaves out, and why.
	Diags hcl.Diagnostics
}

// Load reads every builder of the store. A file that cannot be read is
// a warning on its entry, not an error: it must not stop builds that do
// not use it.
func (s *Store) Load() ([]Entry, error) {
	names, err := s.Names()
	if err != nil {
		return nil, fmt.Errorf("docker buildx builder store %s: %w", s.dir, err)
	}
	var out []Entry
	for _, name := range names {
		b, err := s.Builder(name)
		if err != nil {
			out = append(out, Entry{Name: name, Diags: hcl.Diagnostics{{
				Severity: hcl.DiagWarning,
				Summary:  "Unreadable docker buildx builder",
				Detail:   fmt.Sprintf("bkx cannot use the docker buildx builder %q: %v.", name, err),
			}}})
			continue
		}
		block, diags := b.Block()
		out = append(out, Entry{Name: b.Name, Block: block, Diags: diags})
	}
	return out, nil
}

// Block turns a buildx builder into a builder block: the same driver,
// nodes, platforms and buildkitd flags; endpoints as bkx's drivers take
// them; and the option that names the container (buildx_buildkit_<node>)
// or Deployment (the node's name) that buildx made, so that bkx uses it
// rather than starting its own. Options bkx's driver does not have are
// left out with a warning, never an error: buildx has options bkx lacks.
func (b *Builder) Block() (*bake.Builder, hcl.Diagnostics) {
	at := hcl.Range{Filename: b.Path, Start: hcl.InitialPos, End: hcl.InitialPos}
	warn := func(summary, format string, args ...any) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: at.Ptr()}
	}
	d, ok := drivers.Lookup(b.Driver)
	if !ok {
		return nil, hcl.Diagnostics{warn("Driver not available",
			"The docker buildx builder %q uses the %q driver, which bkx does not have (%s), so bkx cannot use it.",
			b.Name, b.Driver, strings.Join(drivers.Names(), ", "))}
	}
	out := &bake.Builder{Name: b.Name, Driver: b.Driver, DefRange: at, DriverRange: at}
	var diags hcl.Diagnostics
	for _, n := range b.Nodes {
		node := &bake.Node{Name: n.Name, BuildkitdFlags: n.Flags, DriverOpts: map[string]string{}, DefRange: at, Ranges: map[string]hcl.Range{}}
		for _, p := range n.Platforms {
			node.Platforms = append(node.Platforms, p.String())
		}
		for _, k := range sortedKeys(n.DriverOpts) {
			v := n.DriverOpts[k]
			if errs := drivers.ValidateOptions(d, map[string]string{k: v}); len(errs) > 0 {
				diags = append(diags, warn("Driver option left out",
					"docker buildx builder %q, node %q: %s. bkx uses the builder without it; it would matter only where bkx has to create the node's container or Deployment.",
					b.Name, n.Name, strings.TrimSuffix(errs[0].Error(), ".")))
				continue
			}
			node.DriverOpts[k] = v
		}
		if len(n.Files) > 0 {
			diags = append(diags, warn("BuildKit configuration not applied",
				"docker buildx builder %q, node %q has BuildKit configuration files (%s) in the buildx store, which bkx does not apply: if the node's container or Deployment does not exist yet, bkx creates it without them. Run `docker buildx inspect --bootstrap %s` first to have buildx create it.",
				b.Name, n.Name, strings.Join(sortedKeys(n.Files), ", "), b.Name))
		}
		diags = append(diags, b.adopt(node, n, warn)...)
		out.Nodes = append(out.Nodes, node)
	}
	return out, diags
}

// adopt points a node at what buildx made for it, per driver.
func (b *Builder) adopt(node *bake.Node, n Node, warn func(string, string, ...any) *hcl.Diagnostic) hcl.Diagnostics {
	switch b.Driver {
	case dockercontainer.Name:
		// The endpoint is a docker host or a docker context's name, as
		// the driver reads it.
		node.Endpoint = n.Endpoint
		node.DriverOpts[dockercontainer.OptContainer] = ContainerPrefix + n.Name
	case kubernetes.Name:
		node.DriverOpts[kubernetes.OptDeployment] = DeploymentName(n.Name)
		u, err := url.Parse(n.Endpoint)
		if err != nil || u.Scheme != "kubernetes" {
			return hcl.Diagnostics{warn("Kubernetes endpoint not read",
				"docker buildx builder %q, node %q reaches its cluster through %q, which bkx does not read: bkx uses KUBECONFIG.", b.Name, n.Name, n.Endpoint)}
		}
		if kc := u.Query().Get("kubeconfig"); kc != "" {
			node.DriverOpts[kubernetes.OptKubeconfig] = kc
		}
	default:
		node.Endpoint = n.Endpoint
	}
	return nil
}

// DeploymentName is the Deployment buildx's kubernetes driver makes for
// a node.
func DeploymentName(node string) string { return strings.ReplaceAll(node, "_", "-") }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package plan

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/docker"
	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// DefaultBuilder is the name of the builder used when nothing else
// names one.
const DefaultBuilder = "default"

// Builders turns builder blocks into plan builders, checking driver names
// and options. A builder named "default" in the files is the default;
// otherwise an implicit one on the docker driver is added.
func Builders(blocks []*bake.Builder, opt Options) (map[string]*Builder, hcl.Diagnostics) {
	out := map[string]*Builder{}
	var diags hcl.Diagnostics
	for _, b := range blocks {
		pb, d := fromBlock(b, opt)
		diags = append(diags, d...)
		if prev, dup := out[b.Name]; dup && prev.Range != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate builder",
				Detail:   fmt.Sprintf("Builder %q is already declared at %s. Give each builder its own name.", b.Name, prev.Range),
				Subject:  b.DefRange.Ptr(),
			})
			continue
		}
		if pb != nil {
			out[b.Name] = pb
		}
	}
	if _, ok := out[DefaultBuilder]; !ok {
		out[DefaultBuilder] = &Builder{
			Name:   DefaultBuilder,
			Driver: docker.Name,
			Caps:   docker.Driver{}.Capabilities(nil),
			Config: drivers.Config{Name: DefaultBuilder, Nodes: []drivers.NodeConfig{{Name: DefaultBuilder}}},
			Nodes:  []*Node{nodePlatforms(DefaultBuilder, DefaultBuilder, nil, opt)},
		}
	}
	noLoad, noAttest := envBool(opt.Env, "BUILDX_NO_DEFAULT_LOAD"), envBool(opt.Env, "BUILDX_NO_DEFAULT_ATTESTATIONS")
	for _, b := range out {
		b.noDefaultLoad, b.noDefaultAttest = noLoad, noAttest
	}
	return out, diags
}

func fromBlock(b *bake.Builder, opt Options) (*Builder, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	if b.Driver == "" {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Missing driver",
			Detail:   fmt.Sprintf("Builder %q needs a driver: one of %s.", b.Name, names.Quoted(drivers.Names())),
			Subject:  b.DefRange.Ptr(),
		}}
	}
	d, ok := drivers.Lookup(b.Driver)
	if !ok {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Unknown driver",
			Detail:   fmt.Sprintf("There is no driver %q.%s Drivers: %s.", b.Driver, names.Suggest(b.Driver, drivers.Names()), names.Quoted(drivers.Names())),
			Subject:  b.DriverRange.Ptr(),
		}}
	}
	r := b.DefRange
	pb := &Builder{Name: b.Name, Driver: b.Driver, Range: &r, Config: drivers.Config{Name: b.Name}}
	var caps *drivers.Capabilities
	for _, n := range b.Nodes {
		for _, e := range drivers.ValidateOptions(d, n.DriverOpts) {
			at := n.Ranges["driver-opts."+e.Key]
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid driver option",
				Detail:   fmt.Sprintf("Builder %q: %s: %s", b.Name, e.Key, e.Detail),
				Subject:  rangeOr(at, n.DefRange),
			})
		}
		if n.BuildkitdConfig != "" || len(n.BuildkitdFlags) > 0 {
			c := d.Capabilities(n.DriverOpts)
			if err := c.Supports(drivers.FeatureBuildkitConfig, ""); err != nil {
				at := n.Ranges["buildkitd-config"]
				if at.Filename == "" {
					at = n.Ranges["buildkitd-flags"]
				}
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "BuildKit configuration not supported",
					Detail:   fmt.Sprintf("Builder %q uses the %s driver: %v.", b.Name, b.Driver, err),
					Subject:  rangeOr(at, n.DefRange),
				})
			}
		}
		if caps == nil {
			c := d.Capabilities(n.DriverOpts)
			caps = &c
		}
		nc := drivers.NodeConfig{
			Name: n.Name, Endpoint: n.Endpoint, Platforms: n.Platforms, Opts: n.DriverOpts,
			BuildkitdConfig: n.BuildkitdConfig, BuildkitdFlags: n.BuildkitdFlags,
		}
		pb.Config.Nodes = append(pb.Config.Nodes, nc)
		names := []string{n.Name}
		if nn, ok := d.(drivers.NodeNamer); ok {
			names = nn.NodeNames(nc) // kubernetes replicas are nodes
		}
		for _, name := range names {
			pb.Nodes = append(pb.Nodes, nodePlatforms(b.Name, name, n.Platforms, opt))
		}
	}
	if caps != nil {
		pb.Caps = *caps
	}
	if max := pb.Caps.MaxNodes; max > 0 && len(b.Nodes) > max {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Too many nodes for the %s driver", b.Driver),
			Detail:   fmt.Sprintf("Builder %q has %d nodes, but the %s driver has %s. Use the docker-container or remote driver for several nodes.", b.Name, len(b.Nodes), b.Driver, maxNodes(max)),
			Subject:  b.DefRange.Ptr(),
		})
	}
	return pb, diags
}

// nodePlatforms fills a node's platforms: the declared ones (native),
// then those of the live answer not declared (the first native when
// nothing is declared, the rest emulated); with neither, the local
// platform is assumed.
func nodePlatforms(builder, node string, declared []string, opt Options) *Node {
	n := &Node{Name: node}
	add := func(p string) {
		p = normalize(p, opt.LocalPlatform)
		if indexOf(n.Platforms, p) < 0 {
			n.Platforms = append(n.Platforms, p)
		}
	}
	for _, p := range declared {
		add(p)
	}
	n.Native = len(n.Platforms)
	if opt.NodePlatforms != nil {
		for _, p := range opt.NodePlatforms(builder, node) {
			add(p)
		}
	}
	if n.Native == 0 && len(n.Platforms) > 0 {
		n.Native = 1
	}
	if len(n.Platforms) == 0 {
		add(opt.LocalPlatform)
		n.Native, n.Assumed = 1, true
	}
	return n
}

// envBool reads a boolean variable of env; a value that is not one is
// false (cmd/bkx refuses it before a build).
func envBool(env map[string]string, name string) bool {
	b, _ := strconv.ParseBool(env[name])
	return b
}

// maxNodes says how many nodes a driver has at most.
func maxNodes(n int) string {
	if n == 1 {
		return "one"
	}
	return fmt.Sprintf("at most %d", n)
}

func rangeOr(r, fallback hcl.Range) *hcl.Range {
	if r.Filename == "" {
		return fallback.Ptr()
	}
	return r.Ptr()
}

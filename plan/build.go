package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// Build makes the plan of a selection. blocks are the builder blocks of
// the files (and of the user's builders file).
func Build(sel *bake.Selection, blocks []*bake.Builder, opt Options) (*Plan, hcl.Diagnostics) {
	if opt.LocalPlatform == "" {
		opt.LocalPlatform = "linux/amd64"
	}
	// Builders' nodes are asked for their platforms (which may start
	// them) only when a target uses the builder.
	lazy := opt
	lazy.NodePlatforms = nil
	bs, diags := Builders(blocks, lazy)
	g := &graph{sel: sel, opt: opt, builders: bs, builderOf: map[string]*Builder{}}
	g.order = slices.Clone(sel.Order)
	for _, name := range g.order {
		if b, d := g.pickBuilder(sel.Targets[name]); b != nil {
			g.builderOf[name] = b
		} else {
			diags = append(diags, d)
		}
	}
	if opt.NodePlatforms != nil {
		asked := map[*Builder]bool{}
		for _, b := range g.builderOf {
			if !asked[b] {
				asked[b] = true
				b.Nodes = livePlatforms(b, blocks, opt)
			}
		}
	}
	if opt.LiveCapabilities != nil {
		asked := map[*Builder]bool{}
		for _, b := range g.builderOf {
			if !asked[b] {
				asked[b] = true
				if caps, probed, ok := opt.LiveCapabilities(b.Name); ok {
					b.Caps, b.Probed = caps, probed
				}
			}
		}
	}
	diags = append(diags, g.edges()...)
	diags = append(diags, checkStdout(sel)...)
	diags = append(diags, checkUnapplied(sel)...)
	sorted, d := g.topo()
	diags = append(diags, d...)
	for _, name := range sorted {
		if b := g.builderOf[name]; b != nil {
			diags = append(diags, check(sel.Targets[name], b, opt)...)
		}
	}
	diags = append(diags, fromTagWarnings(sel, opt.Workdir)...)
	if diags.HasErrors() {
		return nil, diags
	}
	p := &Plan{}
	a := newAssigner(g)
	for _, name := range sorted {
		diags = append(diags, a.assign(sel.Targets[name], g.builderOf[name])...)
	}
	diags = append(diags, checkSplit(a, sel)...)
	if diags.HasErrors() {
		return nil, diags
	}
	p.Steps = a.steps
	seen := map[string]bool{}
	for _, s := range p.Steps {
		if !seen[s.Builder] {
			seen[s.Builder] = true
			p.Builders = append(p.Builders, bs[s.Builder])
		}
	}
	return p, diags
}

type graph struct {
	sel       *bake.Selection
	opt       Options
	builders  map[string]*Builder
	builderOf map[string]*Builder
	order     []string
	// deps maps a target to the targets it needs, with the range that
	// made the edge.
	deps map[string][]edge
}

type edge struct {
	to  string
	at  hcl.Range
	via string // "contexts" or "depends_on"
}

// livePlatforms are the nodes of a builder a target uses, with the
// platforms its live nodes answer.
func livePlatforms(b *Builder, blocks []*bake.Builder, opt Options) []*Node {
	for i := range blocks { // the first of a name is the one Builders kept
		if blocks[i].Name == b.Name {
			if pb, _ := fromBlock(blocks[i], opt); pb != nil {
				return pb.Nodes
			}
			return b.Nodes
		}
	}
	if b.Name == DefaultBuilder && b.Range == nil {
		return []*Node{nodePlatforms(DefaultBuilder, DefaultBuilder, nil, opt)}
	}
	return b.Nodes
}

// pickBuilder applies the order --builder, the target's builder
// attribute, then the default builder (Options.DefaultBuilder, else
// "default").
func (g *graph) pickBuilder(t *bake.Target) (*Builder, *hcl.Diagnostic) {
	name, at := DefaultBuilder, (*hcl.Range)(nil)
	if g.opt.DefaultBuilder != "" {
		name = g.opt.DefaultBuilder
	}
	switch {
	case g.opt.Builder != "":
		name = g.opt.Builder
	case t.Builder != nil:
		name = *t.Builder
		r := t.Ranges["builder"]
		at = &r
	}
	if b, ok := g.builders[name]; ok {
		return b, nil
	}
	var known []string
	for n := range g.builders {
		known = append(known, n)
	}
	slices.Sort(known)
	d := &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Unknown builder",
		Detail:   fmt.Sprintf("Target %q runs on builder %q, which is not declared.%s Builders: %s. Declare it with builder %q { driver = ... }.", t.Name, name, names.Suggest(name, known), names.Quoted(known), name),
		Subject:  at,
	}
	if at == nil {
		d.Detail = fmt.Sprintf("--builder names %q, which is not declared.%s Builders: %s.", name, names.Suggest(name, known), names.Quoted(known))
	}
	return nil, d
}

// edges collects dependencies from target: contexts and depends_on.
func (g *graph) edges() hcl.Diagnostics {
	var diags hcl.Diagnostics
	g.deps = map[string][]edge{}
	for _, name := range g.order {
		t := g.sel.Targets[name]
		for _, k := range names.SortedKeys(t.Contexts) {
			v := t.Contexts[k]
			if v != nil && strings.HasPrefix(*v, "target:") {
				g.deps[name] = append(g.deps[name], edge{strings.TrimPrefix(*v, "target:"), t.Ranges["contexts"], "contexts"})
			}
		}
		for _, dep := range t.DependsOn {
			at := t.Ranges["depends_on"]
			if _, ok := g.sel.Targets[dep]; !ok {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Unknown target in depends_on",
					Detail:   fmt.Sprintf("Target %q depends on %q, which is not a target.%s", name, dep, names.Suggest(dep, g.sel.Order)),
					Subject:  at.Ptr(),
				})
				continue
			}
			if dep == name {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Target depends on itself",
					Detail:   fmt.Sprintf("Target %q lists itself in depends_on. Remove it.", name),
					Subject:  at.Ptr(),
				})
				continue
			}
			g.deps[name] = append(g.deps[name], edge{dep, at, "depends_on"})
		}
	}
	return diags
}

// topo orders targets so that dependencies come first, keeping the
// selection order otherwise; a cycle is reported whole.
func (g *graph) topo() ([]string, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	state := map[string]int{}
	var out, stack []string
	var vias []string // the kind of edge into each stack entry
	var visit func(name, via string)
	visit = func(name, via string) {
		state[name] = 1
		stack = append(stack, name)
		vias = append(vias, via)
		for _, e := range g.deps[name] {
			switch state[e.to] {
			case 1:
				i := slices.Index(stack, e.to)
				if e.via == "contexts" && !slices.Contains(vias[i+1:], "depends_on") {
					continue // a cycle of contexts only: hcl/ reported it
				}
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Dependency cycle",
					Detail:   fmt.Sprintf("%s → %s (through %s). Targets cannot depend on each other in a loop; remove one of these dependencies.", strings.Join(stack[i:], " → "), e.to, e.via),
					Subject:  e.at.Ptr(),
				})
			case 0:
				visit(e.to, e.via)
			}
		}
		stack = stack[:len(stack)-1]
		vias = vias[:len(vias)-1]
		state[name] = 2
		out = append(out, name)
	}
	for _, name := range g.order {
		if state[name] == 0 {
			visit(name, "")
		}
	}
	return out, diags
}

// checkSplit refuses outputs that cannot be assembled from several
// nodes: a target whose platforms went to different nodes can only push
// (each node pushes its platforms by digest, then one index is pushed)
// or keep its result in the build cache.
func checkSplit(a *assigner, sel *bake.Selection) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, name := range sel.Order {
		steps := a.stepsOf[name]
		var nodes []string
		for _, s := range steps {
			if !slices.Contains(nodes, s.Node) {
				nodes = append(nodes, s.Node)
			}
		}
		if len(nodes) < 2 {
			continue
		}
		t := sel.Targets[name]
		for _, o := range t.Output {
			switch o.Type() {
			case "cacheonly", "registry":
				continue
			case "oci":
				if o["dest"] != "" {
					continue // the parts are joined into one layout
				}
			case "image":
				if o["push"] == "true" {
					continue
				}
			}
			diags = append(diags, errorAt(t, "output", "Output needs one node",
				fmt.Sprintf("Target %q builds its platforms on nodes %s; a type=%s output must come from one node. Push the image (type=image,push=true or --push) or write an OCI tarball (type=oci,dest=FILE): both join the platforms into one index. Or give one node all the platforms.",
					name, strings.Join(nodes, " and "), o.Type())))
		}
	}
	return diags
}

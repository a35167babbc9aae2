package plan

import (
	"fmt"
	"strings"

	"github.com/containerd/platforms"
	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// assigner places steps on nodes, in dependency order.
type assigner struct {
	g       *graph
	load    map[*Node]int      // steps placed on each node so far
	stepsOf map[string][]*Step // target → its steps
	steps   []*Step
}

func newAssigner(g *graph) *assigner {
	return &assigner{g: g, load: map[*Node]int{}, stepsOf: map[string][]*Step{}}
}

// assign makes the steps of one target: one per platform (one with no
// platform when the target names none, built for the node's own).
func (a *assigner) assign(t *bake.Target, b *Builder) hcl.Diagnostics {
	var diags hcl.Diagnostics
	plats := []string{""}
	if len(t.Platforms) > 0 {
		plats = plats[:0]
		seen := map[string]bool{}
		for _, p := range t.Platforms {
			np, err := parsePlatform(p, a.g.opt.LocalPlatform)
			if err != nil {
				diags = append(diags, errorAt(t, "platforms", "Invalid platform",
					fmt.Sprintf("Target %q: %q is not a platform: %v. Write os/arch[/variant], such as linux/arm64.", t.Name, p, err)))
				continue
			}
			if !seen[np] {
				seen[np] = true
				plats = append(plats, np)
			}
		}
	}
	for _, p := range plats {
		node, emulated := a.pick(t, b, p)
		if node == nil {
			diags = append(diags, errorAt(t, "platforms", "No node builds "+p,
				fmt.Sprintf("Target %q builds %s, but no node of builder %q (%s driver) offers it: %s. Add a node with platforms = [%q], set up emulation on a node, or drop the platform.", t.Name, p, b.Name, b.Driver, describeNodes(b), p)))
			continue
		}
		s := &Step{
			ID: t.Name, Target: t.Name, Platform: p, Builder: b.Name, Node: node.Name,
			Emulated: emulated, Linked: t.Linked, Spec: t,
		}
		if p != "" {
			s.ID = t.Name + "@" + p
		}
		for _, o := range t.Output {
			s.Outputs = append(s.Outputs, entryString(o))
		}
		for _, e := range a.g.deps[t.Name] {
			s.DependsOn = append(s.DependsOn, stepIDs(a.stepsOf[e.to], p)...)
		}
		a.load[node]++
		a.stepsOf[t.Name] = append(a.stepsOf[t.Name], s)
		a.steps = append(a.steps, s)
	}
	return diags
}

// pick chooses the node for a (target, platform): nodes that build the
// platform natively first, else by emulation; among them the node that
// built a dependency of the same platform (no transfer), else the least
// loaded, the first declared on a tie.
func (a *assigner) pick(t *bake.Target, b *Builder, p string) (*Node, bool) {
	var native, emulated []*Node
	for _, n := range b.Nodes {
		switch i := indexOf(n.Platforms, p); {
		case p == "" || (i >= 0 && i < n.Native):
			native = append(native, n)
		case i >= 0:
			emulated = append(emulated, n)
		}
	}
	cands, emu := native, false
	if len(cands) == 0 {
		cands, emu = emulated, true
	}
	if len(cands) == 0 {
		return nil, false
	}
	for _, e := range a.g.deps[t.Name] {
		for _, s := range a.stepsOf[e.to] {
			if s.Builder != b.Name || (p != "" && s.Platform != p) {
				continue
			}
			for _, n := range cands {
				if n.Name == s.Node {
					return n, emu
				}
			}
		}
	}
	best := cands[0]
	for _, n := range cands[1:] {
		if a.load[n] < a.load[best] {
			best = n
		}
	}
	return best, emu
}

func indexOf(list []string, p string) int {
	for i, x := range list {
		if x == p {
			return i
		}
	}
	return -1
}

// stepIDs returns the dependency steps a step of platform p waits for:
// the one of the same platform, else all of them.
func stepIDs(steps []*Step, p string) []string {
	for _, s := range steps {
		if s.Platform == p {
			return []string{s.ID}
		}
	}
	ids := make([]string, len(steps))
	for i, s := range steps {
		ids[i] = s.ID
	}
	return ids
}

func describeNodes(b *Builder) string {
	var parts []string
	for _, n := range b.Nodes {
		parts = append(parts, fmt.Sprintf("%s builds %s", n.Name, strings.Join(n.Platforms, ", ")))
	}
	return strings.Join(parts, "; ")
}

// parsePlatform normalizes a platform string ("local" is the local one).
func parsePlatform(p, local string) (string, error) {
	if p == "local" {
		p = local
	}
	pl, err := platforms.Parse(p)
	if err != nil {
		return "", err
	}
	return platforms.Format(platforms.Normalize(pl)), nil
}

func normalize(p, local string) string {
	if n, err := parsePlatform(p, local); err == nil {
		return n
	}
	return p
}

// entryString renders an entry as CSV, type first, then sorted keys.
func entryString(e bake.Entry) string {
	var parts []string
	if t, ok := e["type"]; ok {
		parts = append(parts, "type="+t)
	}
	for _, k := range names.SortedKeys(e) {
		if k != "type" {
			parts = append(parts, k+"="+e[k])
		}
	}
	return strings.Join(parts, ",")
}

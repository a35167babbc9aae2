package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Text renders the plan as a readable tree: builders and their nodes,
// then each target with its steps (platform, node, what it waits for)
// and outputs.
func (p *Plan) Text() string {
	var b strings.Builder
	b.WriteString("Builders\n")
	for _, bl := range p.Builders {
		probed := ""
		if bl.Probed != "" {
			probed = ", " + bl.Probed
		}
		fmt.Fprintf(&b, "  %s (%s driver%s)\n", bl.Name, bl.Driver, probed)
		for _, n := range bl.Nodes {
			assumed := ""
			if n.Assumed {
				assumed = " (assumed: local platform)"
			}
			fmt.Fprintf(&b, "    node %s: %s%s\n", n.Name, strings.Join(n.Platforms, ", "), assumed)
		}
	}
	b.WriteString("Targets, in build order\n")
	var last string
	for _, s := range p.Steps {
		if s.Target != last {
			last = s.Target
			linked := ""
			if s.Linked {
				linked = " (used as a context only)"
			}
			fmt.Fprintf(&b, "  %s on %s%s\n", s.Target, s.Builder, linked)
			p.writeDefaults(&b, s)
		}
		plat := s.Platform
		if plat == "" {
			plat = "(node platform)"
		}
		how := ""
		if s.Emulated {
			how = " (emulated)"
		}
		fmt.Fprintf(&b, "    %s → node %s%s", plat, s.Node, how)
		if len(s.DependsOn) > 0 {
			fmt.Fprintf(&b, ", after %s", strings.Join(s.DependsOn, ", "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// writeDefaults writes a target's outputs and attestations: its own, or
// those buildx gives a target that names none.
func (p *Plan) writeDefaults(b *strings.Builder, s *Step) {
	var bl *Builder
	for _, c := range p.Builders {
		if c.Name == s.Builder {
			bl = c
		}
	}
	switch {
	case len(s.Outputs) > 0:
		fmt.Fprintf(b, "    outputs: %s\n", strings.Join(s.Outputs, "; "))
	case bl != nil && s.Spec != nil && bl.DefaultLoad(s.Spec):
		b.WriteString("    outputs: loaded into docker (default load)\n")
	}
	if bl != nil && s.Spec != nil {
		if v := bl.DefaultProvenance(s.Spec); v != "" {
			fmt.Fprintf(b, "    attestations: provenance %s (default)\n", v)
		}
	}
}

// JSON renders the plan as indented JSON.
func (p *Plan) JSON() string {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic("plan: " + err.Error())
	}
	return string(b) + "\n"
}

// Dot renders the plan as a Graphviz digraph: a cluster per node, a box
// per step, an edge from each dependency to its user.
func (p *Plan) Dot() string {
	var b strings.Builder
	b.WriteString("digraph bkx {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n")
	for i, bl := range p.Builders {
		for j, n := range bl.Nodes {
			fmt.Fprintf(&b, "  subgraph cluster_%d_%d {\n    label=%q;\n", i, j, bl.Name+"/"+n.Name)
			for _, s := range p.Steps {
				if s.Builder == bl.Name && s.Node == n.Name {
					label := s.Target
					if s.Platform != "" {
						label += "\\n" + s.Platform
					}
					fmt.Fprintf(&b, "    %q [label=\"%s\"];\n", s.ID, label)
				}
			}
			b.WriteString("  }\n")
		}
	}
	for _, s := range p.Steps {
		for _, d := range s.DependsOn {
			fmt.Fprintf(&b, "  %q -> %q;\n", d, s.ID)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

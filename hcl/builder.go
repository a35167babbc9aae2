package hcl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Builder is a builder block: a driver and its nodes. hcl/ only decodes
// it; drivers/ checks the driver name and options.
//
//	builder "release" {
//	  driver = "remote"
//	  node "amd" { endpoint = "tcp://10.0.0.5:1234"  platforms = ["linux/amd64"] }
//	}
//
// A builder with no node block is one node whose attributes sit directly
// in the builder block.
type Builder struct {
	Name     string
	Driver   string
	Nodes    []*Node
	DefRange hcl.Range
	// DriverRange is the range of the driver value.
	DriverRange hcl.Range
}

// Node is one BuildKit endpoint of a builder.
type Node struct {
	Name            string
	Endpoint        string
	Platforms       []string
	DriverOpts      map[string]string
	BuildkitdConfig string
	BuildkitdFlags  []string
	DefRange        hcl.Range
	// Ranges holds, per attribute, its expression's range; driver option
	// keys are under "driver-opts.KEY".
	Ranges map[string]hcl.Range
}

var nodeAttrs = []hcl.AttributeSchema{
	{Name: "endpoint"}, {Name: "platforms"}, {Name: "driver-opts"},
	{Name: "buildkitd-config"}, {Name: "buildkitd-flags"},
}

var builderSchema = &hcl.BodySchema{
	Attributes: append([]hcl.AttributeSchema{{Name: "driver"}}, nodeAttrs...),
	Blocks:     []hcl.BlockHeaderSchema{{Type: "node", LabelNames: []string{"name"}}},
}

var nodeSchema = &hcl.BodySchema{Attributes: nodeAttrs}

func (ev *evaluator) collectBuilder(b *hcl.Block) {
	content, _ := ev.content(b.Body, builderSchema, "builder", fmt.Sprintf("builder %q", b.Labels[0]))
	bl := &Builder{Name: b.Labels[0], DefRange: b.DefRange, DriverRange: b.DefRange}
	if a, ok := content.Attributes["driver"]; ok {
		bl.DriverRange = a.Expr.Range()
		if v := ev.eval(a.Expr, nil); v.IsWhollyKnown() && !v.IsNull() && v.Type() == cty.String {
			bl.Driver = v.AsString()
		} else if v.IsWhollyKnown() {
			ev.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Wrong type for driver",
				Detail: `driver is a string: "docker", "docker-container", "kubernetes" or "remote".`, Subject: a.Expr.Range().Ptr()})
		}
	}
	inline := false
	for name := range content.Attributes {
		if name != "driver" {
			inline = true
		}
	}
	if len(content.Blocks) > 0 && inline {
		ev.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Mixed node forms",
			Detail:  fmt.Sprintf("Builder %q has node blocks and node attributes directly in the builder. Move endpoint, platforms and driver-opts into the node blocks.", bl.Name),
			Subject: b.DefRange.Ptr()})
	}
	if len(content.Blocks) == 0 {
		bl.Nodes = append(bl.Nodes, ev.decodeNode(bl.Name, content.Attributes, b.DefRange))
	}
	for _, nb := range content.Blocks {
		nc, _ := ev.content(nb.Body, nodeSchema, "node", fmt.Sprintf("node %q of builder %q", nb.Labels[0], b.Labels[0]))
		bl.Nodes = append(bl.Nodes, ev.decodeNode(nb.Labels[0], nc.Attributes, nb.DefRange))
	}
	ev.builders = append(ev.builders, bl)
}

func (ev *evaluator) decodeNode(name string, attrs hcl.Attributes, def hcl.Range) *Node {
	n := &Node{Name: name, DefRange: def, Ranges: map[string]hcl.Range{}}
	// Reuse the target field decoders: same shapes, same messages.
	tmp := &Target{}
	for key, a := range attrs {
		if key == "driver" {
			continue
		}
		n.Ranges[key] = a.Expr.Range()
		v := ev.eval(a.Expr, nil)
		if !v.IsWhollyKnown() {
			continue
		}
		var f *field
		switch key {
		case "endpoint", "buildkitd-config":
			f = fieldByName["context"]
		case "platforms", "buildkitd-flags":
			f = fieldByName["tags"]
		case "driver-opts":
			f = fieldByName["args"]
		}
		*tmp = Target{}
		if d := decodeField(f, v, a, tmp); d != nil {
			d.Summary = "Wrong type for " + key
			d.Detail = fmt.Sprintf("See the builder block syntax: endpoint and buildkitd-config are strings, platforms and buildkitd-flags lists of strings, driver-opts a map of strings.")
			ev.add(d)
			continue
		}
		switch key {
		case "endpoint":
			n.Endpoint = deref(tmp.Context)
		case "buildkitd-config":
			n.BuildkitdConfig = deref(tmp.Context)
		case "platforms":
			n.Platforms = tmp.Tags
		case "buildkitd-flags":
			n.BuildkitdFlags = tmp.Tags
		case "driver-opts":
			n.DriverOpts = map[string]string{}
			for k, v := range tmp.Args {
				if v != nil {
					n.DriverOpts[k] = *v
				}
				n.Ranges["driver-opts."+k] = a.Expr.Range()
			}
		}
	}
	return n
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

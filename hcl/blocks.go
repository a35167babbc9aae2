package hcl

import (
	"fmt"
	"regexp"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/bkx-dev/bkx/internal/names"
)

var blockTypes = []string{"variable", "function", "target", "group", "builder"}

var rootSchema = func() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, t := range blockTypes {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: t, LabelNames: []string{"name"}})
	}
	return s
}()

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "description"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "condition", Required: true}, {Name: "error_message"}},
}

var groupSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "targets", Required: true}, {Name: "description"}, {Name: "matrix"}, {Name: "name"}},
}

var targetSchema = func() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, n := range targetAttrNames() {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
	}
	return s
}()

// validName is the target name rule of buildx.
var validName = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// collect reads the top level of every file: blocks by type and
// top-level attributes, in file order.
func (ev *evaluator) collect(files []*hcl.File) {
	for _, f := range files {
		blocks, attrs := ev.topLevel(f)
		for _, a := range attrs {
			ev.declare(&global{name: a.Name, kind: "attribute", attr: a}, a.NameRange)
		}
		for _, b := range blocks {
			switch b.Type {
			case "variable":
				ev.collectVariable(b)
			case "function":
				ev.collectFunction(b)
			case "target":
				ev.collectTarget(b)
			case "group":
				ev.groupDefs = append(ev.groupDefs, b)
			case "builder":
				ev.collectBuilder(b)
			}
		}
	}
}

// topLevel splits a file body into its blocks and attributes. Native HCL
// bodies are read directly so that an unknown block gets a precise error
// with a suggestion; JSON bodies go through the schema.
func (ev *evaluator) topLevel(f *hcl.File) (hcl.Blocks, []*hcl.Attribute) {
	var attrs []*hcl.Attribute
	if body, ok := f.Body.(*hclsyntax.Body); ok {
		var blocks hcl.Blocks
		for _, b := range body.Blocks {
			hb := b.AsHCLBlock()
			if !slices.Contains(blockTypes, b.Type) {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagWarning,
					Summary:  "Unknown block type",
					Detail:   fmt.Sprintf("Build files have no %q block: docker buildx bake ignores it, and so does bkx.%s Known blocks: %s.", b.Type, names.Suggest(b.Type, blockTypes), names.Quoted(blockTypes)),
					Subject:  b.TypeRange.Ptr(),
				})
				continue
			}
			if len(b.Labels) != 1 {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  fmt.Sprintf("A %s block needs exactly one name", b.Type),
					Detail:   fmt.Sprintf("Write it as %s \"NAME\" { ... }.", b.Type),
					Subject:  hb.DefRange.Ptr(),
				})
				continue
			}
			blocks = append(blocks, hb)
		}
		for _, a := range body.Attributes {
			attrs = append(attrs, a.AsHCLAttribute())
		}
		sort.Slice(attrs, func(i, j int) bool { return attrs[i].Range.Start.Byte < attrs[j].Range.Start.Byte })
		return blocks, attrs
	}
	content, remain, d := f.Body.PartialContent(rootSchema)
	ev.add(d...)
	if content == nil {
		return nil, nil
	}
	ja, d := remain.JustAttributes()
	ev.add(d...)
	for _, a := range ja {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].Range.Start.Byte < attrs[j].Range.Start.Byte })
	return content.Blocks, attrs
}

// declare adds a global; a later declaration of the same name replaces an
// earlier one, as a later file overrides an earlier one in buildx.
func (ev *evaluator) declare(g *global, at hcl.Range) {
	if prev := ev.globals[g.name]; prev != nil {
		if prev.kind == "built-in" {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Built-in variable redeclared",
				Detail:   fmt.Sprintf("%s is a built-in variable; this declaration is ignored (as in docker buildx bake) and the built-in value is used. Remove it.", g.name),
				Subject:  at.Ptr(),
			})
			return
		}
		if prev.kind != g.kind {
			// A variable and a top-level attribute of one name: as in
			// buildx, the attribute's value wins over the variable's
			// default, and a --var or environment value over both.
			v, a := prev, g
			if g.kind == "variable" {
				v, a = g, prev
			}
			v.attr = a.attr
			ev.globals[g.name] = v
			return
		}
	} else {
		ev.order = append(ev.order, g.name)
	}
	ev.globals[g.name] = g
}

func (ev *evaluator) collectVariable(b *hcl.Block) {
	what := fmt.Sprintf("variable %q", b.Labels[0])
	content, _ := ev.content(b.Body, variableSchema, "variable", what)
	vd := &variableDef{}
	if a, ok := content.Attributes["default"]; ok {
		vd.def = a.Expr
	}
	if a, ok := content.Attributes["type"]; ok {
		vd.typeExpr = a.Expr
	}
	if a, ok := content.Attributes["description"]; ok {
		v, d := a.Expr.Value(nil)
		ev.add(d...)
		if !d.HasErrors() && v.Type().FriendlyName() == "string" && !v.IsNull() {
			vd.description = v.AsString()
		}
	}
	for _, vb := range content.Blocks {
		vc, _ := ev.content(vb.Body, validationSchema, "validation", "The validation block of "+what)
		if c, ok := vc.Attributes["condition"]; ok {
			val := validation{condition: c.Expr}
			if m, ok := vc.Attributes["error_message"]; ok {
				val.message = m.Expr
			}
			vd.validations = append(vd.validations, val)
		}
	}
	ev.declare(&global{name: b.Labels[0], kind: "variable", block: b, vdef: vd}, b.LabelRanges[0])
}

// targetDef is one target block as written, before matrix expansion.
type targetDef struct {
	block *hcl.Block
	attrs hcl.Attributes
	name  string
}

func (ev *evaluator) collectTarget(b *hcl.Block) {
	name := b.Labels[0]
	content, _ := ev.content(b.Body, targetSchema, "target", fmt.Sprintf("target %q", name))
	if !validName.MatchString(name) {
		ev.add(invalidName(name, b.LabelRanges[0]))
		return
	}
	ev.defs = append(ev.defs, &targetDef{block: b, attrs: content.Attributes, name: name})
}

func invalidName(name string, at hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid name",
		Detail:   fmt.Sprintf("%q is not a valid target name: only letters, digits, \"_\" and \"-\" are allowed ([a-zA-Z0-9_-]+).", name),
		Subject:  at.Ptr(),
	}
}

// instance is one target name after matrix expansion, with every block
// that defines it (a target defined twice is merged).
type instance struct {
	name  string
	parts []part
	state map[string]int
	vals  map[string]cty.Value
	t     *Target
}

// part is one block's contribution to an instance, with the matrix
// values it sees.
type part struct {
	def   *targetDef
	scope *hcl.EvalContext
}

func (ev *evaluator) addPart(name string, p part) {
	inst := ev.targets[name]
	if inst == nil {
		inst = &instance{
			name:  name,
			state: map[string]int{},
			vals:  map[string]cty.Value{},
			t:     &Target{Name: name, DefRange: p.def.block.DefRange, Ranges: map[string]hcl.Range{}},
		}
		ev.targets[name] = inst
		ev.targetOrder = append(ev.targetOrder, name)
	}
	inst.parts = append(inst.parts, p)
}

// expandTargets turns target blocks into instances, expanding matrices,
// so that every target name is known before any attribute is evaluated.
func (ev *evaluator) expandTargets() {
	total := 0
	// Each block expands on its own; blocks of one label merge by name.
	// A label with a matrix block gets a group of every name its blocks
	// produced, in block order (a plain block produces the label).
	produced := map[string][]string{}
	hasMatrix := map[string]bool{}
	var labels []string
	for _, def := range ev.defs {
		if _, seen := produced[def.name]; !seen {
			labels = append(labels, def.name)
			produced[def.name] = []string{}
		}
		m, ok := def.attrs["matrix"]
		if !ok {
			if n, ok := def.attrs["name"]; ok {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "name requires matrix",
					Detail:   "The name attribute names the targets a matrix creates. Remove it, or add a matrix.",
					Subject:  n.NameRange.Ptr(),
				})
			}
			total++
			ev.addPart(def.name, part{def: def})
			produced[def.name] = append(produced[def.name], def.name)
			continue
		}
		hasMatrix[def.name] = true
		combos, ok := ev.matrix(def, m, ev.opt.MaxTargets-total)
		if !ok {
			continue
		}
		total += len(combos)
		produced[def.name] = append(produced[def.name], ev.expandMatrix(def, combos)...)
	}
	for _, label := range labels {
		names := dedupe(produced[label])
		if !hasMatrix[label] || len(names) == 0 || (len(names) == 1 && names[0] == label) {
			continue // (one target named like the label needs no group)
		}
		var def *targetDef
		for _, d := range ev.defs {
			if d.name == label {
				def = d
				break
			}
		}
		ev.groups[label] = &Group{Name: label, Targets: names, DefRange: def.block.DefRange, Implicit: true}
		ev.groupOrder = append(ev.groupOrder, label)
	}
}

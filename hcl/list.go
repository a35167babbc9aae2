package hcl

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// ListEntry is one row of `bake --list targets`.
type ListEntry struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Group       bool   `json:"group,omitempty"`
}

// ListTargets lists targets and groups as docker buildx bake does: the
// targets, then the groups (those of group blocks, then those of
// matrices), each in file order, sorted by name with Go's unstable sort.
// A name that is both a target and a group is listed twice, in the order
// that sort leaves them: the target first up to 12 rows, either way
// beyond (where, with matrices, buildx's own order varies from run to
// run). Names starting with "_" are hidden. A group is described by its
// description and its members, sorted: "DESCRIPTION (a, b)", or "a, b"
// alone. The result is nil when nothing is listed (JSON null, as buildx).
func (p *Project) ListTargets() []ListEntry {
	all := make([]ListEntry, 0, len(p.TargetOrder)+len(p.GroupOrder))
	for _, name := range p.TargetOrder {
		if t := p.Targets[name]; t != nil {
			all = append(all, ListEntry{Name: name, Description: deref(t.Description)})
		}
	}
	for _, implicit := range []bool{false, true} {
		for _, name := range p.GroupOrder {
			if g := p.Groups[name]; g != nil && g.Implicit == implicit {
				all = append(all, ListEntry{Name: name, Description: groupDescription(g), Group: true})
			}
		}
	}
	for _, g := range p.shadowed { // a matrix group a block replaced
		all = append(all, ListEntry{Name: g.Name, Description: groupDescription(g), Group: true})
	}
	slices.SortFunc(all, func(a, b ListEntry) int { return cmp.Compare(a.Name, b.Name) })
	var out []ListEntry
	for _, e := range all {
		if !strings.HasPrefix(e.Name, "_") {
			out = append(out, e)
		}
	}
	return out
}

// groupDescription is "DESCRIPTION (MEMBERS)", the members sorted and
// hidden ones included, or whichever of the two is not empty.
func groupDescription(g *Group) string {
	members := slices.Clone(g.Targets)
	slices.Sort(members)
	names := strings.Join(slices.Compact(members), ", ")
	switch {
	case names == "":
		return g.Description
	case g.Description == "":
		return names
	}
	return g.Description + " (" + names + ")"
}

// VariableEntry is one row of `bake --list variables`. Value is nil when
// the variable is null.
type VariableEntry struct {
	Name        string  `json:"name"`
	Description string  `json:"description,omitempty"`
	Type        string  `json:"type,omitempty"`
	Value       *string `json:"value,omitempty"`
}

// ListVariables lists declared variables sorted by name, hidden ones too,
// never nil (buildx prints [] in JSON). The type is cty's name for the
// declared constraint ("list of string", "any type"); the value is a
// string as it is when its type (declared, else its own) is string, else
// JSON against that type, so a part typed any carries its type as
// {"value": …, "type": …}.
func (p *Project) ListVariables() []VariableEntry {
	out := make([]VariableEntry, 0, len(p.Variables))
	for _, v := range p.Variables {
		ty, typed := variableType(v.Type)
		e := VariableEntry{Name: v.Name, Description: v.Description}
		if typed {
			e.Type = ty.FriendlyNameForConstraint()
		} else if v.Type != "" {
			e.Type = v.Type // (not a type expression: errors were reported)
		}
		e.Value = listValue(v.Value, ty, typed)
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b VariableEntry) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// variableType reads a variable's type expression back from its source
// text, which in a JSON file is a JSON string.
func variableType(src string) (cty.Type, bool) {
	if src == "" {
		return cty.NilType, false
	}
	if strings.HasPrefix(src, `"`) {
		if err := json.Unmarshal([]byte(src), &src); err != nil {
			return cty.NilType, false
		}
	}
	expr, diags := hclsyntax.ParseExpression([]byte(src), "", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilType, false
	}
	ty, diags := typeexpr.TypeConstraint(expr)
	if diags.HasErrors() {
		return cty.NilType, false
	}
	return ty, true
}

// listValue renders a variable's value for the list, nil when null.
func listValue(v cty.Value, ty cty.Type, typed bool) *string {
	if v.IsNull() || !v.IsWhollyKnown() {
		return nil
	}
	if !typed {
		ty = v.Type()
	}
	s := ""
	if ty == cty.String && v.Type() == cty.String {
		s = v.AsString()
	} else if b, err := ctyjson.Marshal(v, ty); err == nil {
		s = string(b)
	} else if b, err := marshalValue(v); err == nil {
		s = string(b)
	} else {
		s = v.GoString()
	}
	return &s
}

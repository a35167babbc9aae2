package hcl

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// ListEntry is one row of `bake --list targets`.
type ListEntry struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Group       bool   `json:"group,omitempty"`
}

// ListTargets lists targets and groups by name, leaving out names that
// start with "_" (hidden, as in buildx). A group without a description is
// described by its members.
func (p *Project) ListTargets() []ListEntry {
	var out []ListEntry
	for _, name := range p.allNames() {
		if strings.HasPrefix(name, "_") {
			continue
		}
		if g, ok := p.Groups[name]; ok {
			desc := g.Description
			if desc == "" {
				desc = strings.Join(g.Targets, ", ")
			}
			out = append(out, ListEntry{Name: name, Description: desc, Group: true})
			continue
		}
		out = append(out, ListEntry{Name: name, Description: deref(p.Targets[name].Description)})
	}
	return out
}

// VariableEntry is one row of `bake --list variables`.
type VariableEntry struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Type        string `json:"type,omitempty"`
	Value       string `json:"value,omitempty"`
}

// ListVariables lists declared variables by name with their values.
func (p *Project) ListVariables() []VariableEntry {
	var out []VariableEntry
	for _, v := range p.Variables {
		e := VariableEntry{Name: v.Name, Description: v.Description, Type: v.Type}
		switch {
		case !v.Value.IsWhollyKnown() || v.Value.IsNull():
		case v.Value.Type() == cty.String:
			e.Value = v.Value.AsString()
		default:
			e.Value = showValue(v.Value)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

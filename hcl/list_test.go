package hcl

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// The expectations below are what docker buildx bake v0.38.2 prints for
// --list; cmd/bkx/testdata/list holds whole cases recorded from it.

func TestGroupDescription(t *testing.T) {
	for _, tc := range []struct {
		desc    string
		members []string
		want    string
	}{
		{"", nil, ""},
		{"only", []string{}, "only"},
		{"", []string{"web", "_tools", "api", "web"}, "_tools, api, web"},
		{"all", []string{"n-2_5", "n-10", "n-1"}, "all (n-1, n-10, n-2_5)"},
	} {
		g := &Group{Description: tc.desc, Targets: tc.members}
		if got := groupDescription(g); got != tc.want {
			t.Errorf("groupDescription(%q, %q) = %q, want %q", tc.desc, tc.members, got, tc.want)
		}
	}
	g := &Group{Targets: []string{"b", "a"}}
	groupDescription(g)
	if g.Targets[0] != "b" {
		t.Errorf("groupDescription sorted the group's own members: %q", g.Targets)
	}
}

func TestVariableTypeNames(t *testing.T) {
	for src, want := range map[string]string{
		"string":            "string",
		"list(string)":      "list of string",
		"set(number)":       "set of number",
		"map(list(string))": "map of list of string",
		"any":               "any type",
		"list(any)":         "list of any single type",
		"object({a = string, b = optional(number)})": "object",
		"tuple([string, number])":                    "tuple",
		`"list(bool)"`:                               "list of bool", // a JSON file's type
	} {
		ty, ok := variableType(src)
		if !ok {
			t.Errorf("variableType(%q) failed", src)
			continue
		}
		if got := ty.FriendlyNameForConstraint(); got != want {
			t.Errorf("type %s is listed as %q, want %q", src, got, want)
		}
	}
	if _, ok := variableType(""); ok {
		t.Error("an untyped variable has a type")
	}
}

func TestListValue(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name  string
		value cty.Value
		typ   string // declared type, "" when untyped
		want  *string
	}{
		{"null", cty.NullVal(cty.String), "string", nil},
		{"untyped null", cty.NullVal(cty.DynamicPseudoType), "", nil},
		{"empty string", cty.StringVal(""), "", str("")},
		{"string as is", cty.StringVal(`a"b`), "string", str(`a"b`)},
		{"number", cty.NumberIntVal(5), "", str("5")},
		{"untyped object", cty.ObjectVal(map[string]cty.Value{"b": cty.NumberIntVal(1), "a": cty.True}), "", str(`{"a":true,"b":1}`)},
		{"string typed any", cty.StringVal("x"), "any", str(`{"value":"x","type":"string"}`)},
		{"list of any", cty.ListVal([]cty.Value{cty.StringVal("q")}), "list(any)", str(`[{"value":"q","type":"string"}]`)},
		{"optional attribute", cty.ObjectVal(map[string]cty.Value{"a": cty.NullVal(cty.String)}), "object({a = optional(string)})", str(`{"a":null}`)},
	} {
		ty, typed := variableType(tc.typ)
		got := listValue(tc.value, ty, typed)
		switch {
		case got == nil && tc.want == nil:
		case got == nil || tc.want == nil || *got != *tc.want:
			t.Errorf("%s: got %v, want %v", tc.name, deref(got), deref(tc.want))
		}
	}
}

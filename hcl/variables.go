package hcl

import (
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/bkx-dev/bkx/internal/names"
)

// Variable is a declared variable after resolution, as --list shows it.
type Variable struct {
	Name        string
	Description string
	Type        string // the declared type expression, "" when untyped
	Value       cty.Value
	DefRange    hcl.Range
}

// override is a value given from outside the files for a variable.
type override struct {
	value  string
	source string // "--var NAME" or "environment variable NAME"
}

// lookupOverride finds the --var or environment value for name, --var
// first. Environment lookups are off when BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP
// is true.
func (o *Options) lookupOverride(name string) (override, bool) {
	if v, ok := o.Vars[name]; ok {
		return override{v, "--var " + name}, true
	}
	if o.envLookupDisabled() {
		return override{}, false
	}
	if v, ok := o.Env[name]; ok {
		return override{v, "environment variable " + name}, true
	}
	return override{}, false
}

func (o *Options) envLookupDisabled() bool {
	b, _ := strconv.ParseBool(o.Env["BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP"])
	return b
}

// overrideValue computes a variable's value from NAME or NAME_JSON as
// buildx does: a typed variable takes NAME_JSON first (JSON of its type),
// then NAME (CSV for lists, sets and tuples, "k:v" CSV for maps); an
// untyped one parses NAME as the type of its default, and takes NAME_JSON
// as a plain string only when NAME is unset. ok is false when neither is
// set.
func (ev *evaluator) overrideValue(g *global, ty cty.Type, typed bool, def cty.Value) (cty.Value, bool, error) {
	plain, hasPlain := ev.opt.lookupOverride(g.name)
	jsonName := g.name + "_JSON"
	js, hasJSON := ev.opt.lookupOverride(jsonName)
	if _, declared := ev.globals[jsonName]; declared {
		hasJSON = false
	}
	if !typed && !def.IsNull() && !def.Type().IsPrimitiveType() && (hasPlain || hasJSON) {
		src := plain.source
		if !hasPlain {
			src = js.source
		}
		return cty.NilVal, true, fmt.Errorf("%s is set, but %s has no type and its default is %s, which cannot be read from a string; declare type = %s to set it from outside", src, g.name, describeType(def.Type()), typeString(impliedType(def.Type())))
	}
	switch {
	case typed && hasJSON:
		v, err := parseJSONValue(js.value, ty)
		if err != nil {
			return cty.NilVal, true, fmt.Errorf("%s is not valid JSON for type %s: %v", js.source, typeString(ty), err)
		}
		return v, true, nil
	case hasPlain:
		if !typed {
			ty = cty.String
			if !def.IsNull() {
				ty = def.Type()
			}
		}
		v, err := parseTypedString(plain.value, ty, g.name)
		if err != nil {
			return cty.NilVal, true, fmt.Errorf("%s=%q: %v", plain.source, plain.value, err)
		}
		return v, true, nil
	case hasJSON:
		return cty.StringVal(js.value), true, nil
	}
	return cty.NilVal, false, nil
}

func parseJSONValue(s string, ty cty.Type) (cty.Value, error) {
	if ty == cty.DynamicPseudoType {
		// buildx reads "any" JSON as cty's typed-JSON envelope and fails on
		// plain JSON; bkx fails too, with a clearer word.
		return cty.NilVal, fmt.Errorf("a variable of type any cannot be set from outside; declare a concrete type")
	}
	return ctyjson.Unmarshal([]byte(s), ty)
}

// parseTypedString parses an override string as ty.
func parseTypedString(s string, ty cty.Type, name string) (cty.Value, error) {
	switch {
	case ty == cty.String:
		return cty.StringVal(s), nil
	case ty == cty.Number:
		// As buildx: a float64, in Go's syntax (0x1p4 and 1_000 too).
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return cty.NilVal, fmt.Errorf("not a number (the variable %s is a number)", name)
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return cty.NilVal, fmt.Errorf("invalid number value (the variable %s is a number)", name)
		}
		return cty.NumberFloatVal(f), nil
	case ty == cty.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return cty.NilVal, fmt.Errorf("not a bool; use true, false, 1 or 0 (the variable %s is a bool)", name)
		}
		return cty.BoolVal(b), nil
	case (ty.IsListType() || ty.IsSetType() || ty.IsMapType()) && !ty.ElementType().IsPrimitiveType(),
		ty.IsTupleType() && !allPrimitive(ty.TupleElementTypes()):
		return cty.NilVal, fmt.Errorf("a %s cannot be given as comma-separated values; set %s_JSON to a JSON value instead", typeString(ty), name)
	case ty.IsListType() || ty.IsSetType():
		fields, err := readCSV(s)
		if err != nil {
			return cty.NilVal, err
		}
		vals := make([]cty.Value, 0, len(fields))
		for _, f := range fields {
			v, err := parseTypedString(f, ty.ElementType(), name)
			if err != nil {
				return cty.NilVal, fmt.Errorf("element %q: %v", f, err)
			}
			vals = append(vals, v)
		}
		if len(vals) == 0 {
			if ty.IsListType() {
				return cty.ListValEmpty(ty.ElementType()), nil
			}
			return cty.SetValEmpty(ty.ElementType()), nil
		}
		if ty.IsListType() {
			return cty.ListVal(vals), nil
		}
		return cty.SetVal(vals), nil
	case ty.IsTupleType():
		fields, err := readCSV(s)
		if err != nil {
			return cty.NilVal, err
		}
		types := ty.TupleElementTypes()
		if len(fields) != len(types) {
			return cty.NilVal, fmt.Errorf("%d comma-separated values given, the tuple type needs %d", len(fields), len(types))
		}
		vals := make([]cty.Value, len(fields))
		for i, f := range fields {
			if vals[i], err = parseTypedString(f, types[i], name); err != nil {
				return cty.NilVal, fmt.Errorf("element %d %q: %v", i, f, err)
			}
		}
		return cty.TupleVal(vals), nil
	case ty.IsMapType():
		fields, err := readCSV(s)
		if err != nil {
			return cty.NilVal, err
		}
		vals := make(map[string]cty.Value, len(fields))
		for _, f := range fields {
			kv := strings.Split(f, ":")
			if len(kv) != 2 {
				return cty.NilVal, fmt.Errorf("%q is not a key:value pair (maps are given as k1:v1,k2:v2, or as JSON in %s_JSON)", f, name)
			}
			if vals[kv[0]], err = parseTypedString(kv[1], ty.ElementType(), name); err != nil {
				return cty.NilVal, fmt.Errorf("key %q: %v", kv[0], err)
			}
		}
		if len(vals) == 0 {
			return cty.MapValEmpty(ty.ElementType()), nil
		}
		return cty.MapVal(vals), nil
	}
	return cty.NilVal, fmt.Errorf("a variable of type %s cannot be set from a plain string; set %s_JSON to a JSON value instead", typeString(ty), name)
}

func readCSV(s string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("not valid comma-separated values: %v", err)
	}
	return rec, nil
}

// typeString renders a type as it is written in a file.
func typeString(ty cty.Type) string {
	switch {
	case ty == cty.DynamicPseudoType:
		return "any"
	case ty.IsPrimitiveType():
		return ty.FriendlyName()
	case ty.IsListType():
		return "list(" + typeString(ty.ElementType()) + ")"
	case ty.IsSetType():
		return "set(" + typeString(ty.ElementType()) + ")"
	case ty.IsMapType():
		return "map(" + typeString(ty.ElementType()) + ")"
	case ty.IsTupleType():
		var parts []string
		for _, t := range ty.TupleElementTypes() {
			parts = append(parts, typeString(t))
		}
		return "tuple([" + strings.Join(parts, ", ") + "])"
	case ty.IsObjectType():
		var parts []string
		for _, k := range names.SortedKeys(ty.AttributeTypes()) {
			parts = append(parts, k+" = "+typeString(ty.AttributeType(k)))
		}
		return "object({" + strings.Join(parts, ", ") + "})"
	}
	return ty.FriendlyName()
}

// convertDefault converts a typed variable's default to its type.
func convertDefault(v cty.Value, ty cty.Type) (cty.Value, error) {
	if ty == cty.DynamicPseudoType {
		return v, nil
	}
	return convert.Convert(v, ty)
}

// impliedType turns a literal's tuple/object type into the list/map type
// a user would declare for it.
func impliedType(ty cty.Type) cty.Type {
	switch {
	case ty.IsTupleType():
		if ets := ty.TupleElementTypes(); len(ets) > 0 && allSame(ets) {
			return cty.List(ets[0])
		}
		return cty.List(cty.String)
	case ty.IsObjectType():
		var ats []cty.Type
		for _, t := range ty.AttributeTypes() {
			ats = append(ats, t)
		}
		if len(ats) > 0 && allSame(ats) {
			return cty.Map(ats[0])
		}
		return cty.Map(cty.String)
	}
	return ty
}

func allSame(ts []cty.Type) bool {
	for _, t := range ts[1:] {
		if !t.Equals(ts[0]) {
			return false
		}
	}
	return true
}

func allPrimitive(ts []cty.Type) bool {
	for _, t := range ts {
		if !t.IsPrimitiveType() {
			return false
		}
	}
	return true
}

package hcl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// evalTargets evaluates every attribute of every target, in order.
// Attributes referred to as target.NAME.ATTR are evaluated on first use.
func (ev *evaluator) evalTargets() {
	for _, name := range ev.targetOrder {
		inst := ev.targets[name]
		for i := range fields {
			f := &fields[i]
			for _, p := range inst.parts {
				if a, ok := p.def.attrs[f.name]; ok {
					ev.targetAttr(inst, f, a.NameRange)
					break
				}
			}
		}
	}
}

// targetAttr evaluates one attribute of a target across the blocks that
// define it, merges them, and returns the value as references see it.
func (ev *evaluator) targetAttr(inst *instance, f *field, from hcl.Range) cty.Value {
	key := "target." + inst.name + "." + f.name
	switch inst.state[f.name] {
	case stateDone:
		return inst.vals[f.name]
	case stateBusy:
		ev.cycle("Reference cycle", key, from, "Each of these attributes needs the next one to be evaluated first. Write one of them without the reference.")
		return cty.DynamicVal
	}
	inst.state[f.name] = stateBusy
	ev.stack = append(ev.stack, key)
	failed := false
	for _, p := range inst.parts {
		a, ok := p.def.attrs[f.name]
		if !ok {
			continue
		}
		v := ev.eval(a.Expr, p.scope)
		if !v.IsWhollyKnown() {
			failed = true
			continue
		}
		tmp := &Target{}
		if d := decodeField(f, v, a, tmp); d != nil {
			ev.add(d)
			failed = true
			continue
		}
		if mergeField(f, inst.t, tmp) {
			inst.t.Ranges[f.name] = a.Expr.Range()
		}
	}
	ev.stack = ev.stack[:len(ev.stack)-1]
	val := cty.DynamicVal
	if !failed {
		val = fieldValue(f, inst.t)
	}
	inst.vals[f.name] = val
	inst.state[f.name] = stateDone
	return val
}

// decodeField converts an attribute's value into the field of t.
func decodeField(f *field, v cty.Value, a *hcl.Attribute, t *Target) *hcl.Diagnostic {
	if v.IsNull() {
		// buildx accepts a null for most attributes (it means unset) but
		// not for entry lists and description.
		if f.kind == kEntries || f.kind == kEntriesAppend || f.name == "description" {
			return &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Null " + f.name,
				Detail:   fmt.Sprintf("%s must not be null. Remove the attribute to leave it unset.", f.name),
				Subject:  a.Expr.Range().Ptr(),
			}
		}
		return nil
	}
	wrong := func(want, example string) *hcl.Diagnostic {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Wrong type for " + f.name,
			Detail:   fmt.Sprintf("%s must be %s, but this is %s. Write it as %s = %s.", f.name, want, describeType(v.Type()), f.name, example),
			Subject:  a.Expr.Range().Ptr(),
		}
	}
	switch p := f.ptr(t).(type) {
	case **string:
		s, err := convert.Convert(v, cty.String)
		if err != nil {
			return wrong("a string", `"value"`)
		}
		str := s.AsString()
		if f.name == "description" && str == "" {
			return nil // an empty description leaves the inherited one
		}
		*p = &str
	case **bool:
		b, err := convert.Convert(v, cty.Bool)
		if err != nil || b.IsNull() {
			return wrong("true or false", "true")
		}
		bv := b.True()
		*p = &bv
	case *[]string:
		ty := v.Type()
		if !(ty.IsListType() || ty.IsTupleType() || ty.IsSetType()) {
			return wrong("a list of strings", `["a", "b"]`)
		}
		list := []string{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() {
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Null in " + f.name,
					Detail:   fmt.Sprintf("%s must not contain null. Remove the element, or filter it out: [for x in LIST : x if x != null].", f.name),
					Subject:  a.Expr.Range().Ptr(),
				}
			}
			s, err := convert.Convert(e, cty.String)
			if err != nil {
				return wrong("a list of strings", `["a", "b"]`)
			}
			list = append(list, s.AsString())
		}
		*p = list
	case *map[string]*string:
		ty := v.Type()
		if !(ty.IsObjectType() || ty.IsMapType()) {
			return wrong("a map of strings", `{ KEY = "value" }`)
		}
		m := map[string]*string{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.IsNull() {
				if f.name == "contexts" {
					return &hcl.Diagnostic{
						Severity: hcl.DiagError,
						Summary:  "Null in contexts",
						Detail:   fmt.Sprintf("contexts.%s is null. Remove the key, or set it to \"\" to drop an inherited context.", k.AsString()),
						Subject:  a.Expr.Range().Ptr(),
					}
				}
				m[k.AsString()] = nil
				continue
			}
			s, err := convert.Convert(e, cty.String)
			if err != nil {
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Wrong type for " + f.name,
					Detail:   fmt.Sprintf("%s.%s must be a string, number or bool, but it is %s.", f.name, k.AsString(), describeType(e.Type())),
					Subject:  a.Expr.Range().Ptr(),
				}
			}
			str := s.AsString()
			m[k.AsString()] = &str
		}
		*p = m
	case *[]Entry:
		ty := v.Type()
		if !(ty.IsListType() || ty.IsTupleType() || ty.IsSetType()) {
			return wrong("a list", `["type=...", { type = "..." }]`)
		}
		list := []Entry{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			en, err := entryFromValue(f.entry, e)
			if err != nil {
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid " + f.name + " entry",
					Detail:   err.Error() + ".",
					Subject:  a.Expr.Range().Ptr(),
				}
			}
			if en != nil {
				list = append(list, en)
			}
		}
		*p = list
	default:
		panic("hcl: unhandled field " + f.name)
	}
	return nil
}

func describeType(ty cty.Type) string {
	switch {
	case ty == cty.String:
		return "a string"
	case ty == cty.Number:
		return "a number"
	case ty == cty.Bool:
		return "a bool"
	case ty.IsTupleType() || ty.IsListType():
		return "a list"
	case ty.IsSetType():
		return "a set"
	case ty.IsObjectType() || ty.IsMapType():
		return "an object"
	}
	return ty.FriendlyName()
}

// fieldValue returns a field as a cty value, for target.NAME.ATTR.
func fieldValue(f *field, t *Target) cty.Value {
	switch p := f.ptr(t).(type) {
	case **string:
		if *p == nil {
			return cty.NullVal(cty.String)
		}
		return cty.StringVal(**p)
	case **bool:
		if *p == nil {
			return cty.NullVal(cty.Bool)
		}
		return cty.BoolVal(**p)
	case *[]string:
		if *p == nil {
			return cty.NullVal(cty.List(cty.String))
		}
		return stringList(*p)
	case *map[string]*string:
		if *p == nil {
			return cty.NullVal(cty.Map(cty.String))
		}
		return stringMap(*p)
	case *[]Entry:
		if *p == nil {
			return cty.NullVal(cty.List(cty.Map(cty.String)))
		}
		vals := make([]cty.Value, len(*p))
		for i, e := range *p {
			m := make(map[string]*string, len(e))
			for k, v := range e {
				m[k] = &v
			}
			vals[i] = stringMap(m)
		}
		if len(vals) == 0 {
			return cty.ListValEmpty(cty.Map(cty.String))
		}
		return cty.ListVal(vals)
	}
	panic("hcl: unhandled field " + f.name)
}

func stringList(list []string) cty.Value {
	if len(list) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vals := make([]cty.Value, len(list))
	for i, s := range list {
		vals[i] = cty.StringVal(s)
	}
	return cty.ListVal(vals)
}

func stringMap(m map[string]*string) cty.Value {
	if len(m) == 0 {
		return cty.MapValEmpty(cty.String)
	}
	vals := make(map[string]cty.Value, len(m))
	for k, v := range m {
		if v == nil {
			vals[k] = cty.NullVal(cty.String)
		} else {
			vals[k] = cty.StringVal(*v)
		}
	}
	return cty.MapVal(vals)
}

// evalGroups evaluates group blocks; a group defined again replaces the
// earlier definition, and replaces a matrix's implicit group too.
func (ev *evaluator) evalGroups() {
	for _, b := range ev.groupDefs {
		name := b.Labels[0]
		content, _ := ev.content(b.Body, groupSchema, "group", fmt.Sprintf("group %q", name))
		for _, bad := range []string{"matrix", "name"} {
			if a, ok := content.Attributes[bad]; ok {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  bad + " is not supported for groups",
					Detail:   fmt.Sprintf("Only targets take %s. Put it on the targets, and list them (or the matrix label) in the group.", bad),
					Subject:  a.NameRange.Ptr(),
				})
			}
		}
		g := &Group{Name: name, DefRange: b.DefRange, Targets: []string{}}
		if a, ok := content.Attributes["targets"]; ok {
			g.TargetsRng = a.Expr.Range()
			v := ev.eval(a.Expr, nil)
			if v.IsWhollyKnown() && !v.IsNull() {
				tmp := &Target{}
				if d := decodeField(fieldByName["tags"], v, a, tmp); d != nil {
					d.Summary, d.Detail = "Wrong type for targets", "targets must be a list of target and group names, as in targets = [\"app\", \"db\"]."
					ev.add(d)
				} else {
					g.Targets = dedupe(tmp.Tags)
				}
			}
		} else {
			g.TargetsRng = b.DefRange
		}
		if a, ok := content.Attributes["description"]; ok {
			if v := ev.eval(a.Expr, nil); v.IsWhollyKnown() && !v.IsNull() {
				if s, err := convert.Convert(v, cty.String); err == nil {
					g.Description = s.AsString()
				}
			}
		}
		if _, ok := ev.groups[name]; !ok {
			ev.groupOrder = append(ev.groupOrder, name)
		}
		ev.groups[name] = g
	}
}

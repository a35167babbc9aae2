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
			return fieldError(a, "Null "+f.name, fmt.Sprintf("%s must not be null. Remove the attribute to leave it unset.", f.name))
		}
		return nil
	}
	d := &fieldDecoder{f: f, v: v, a: a}
	switch p := f.ptr(t).(type) {
	case **string:
		return d.str(p)
	case **bool:
		return d.boolean(p)
	case *[]string:
		return d.list(p)
	case *map[string]*string:
		return d.strMap(p)
	case *[]Entry:
		return d.entries(p)
	default:
		panic("hcl: unhandled field " + f.name)
	}
}

// fieldDecoder converts one attribute's value into a Target field.
type fieldDecoder struct {
	f *field
	v cty.Value
	a *hcl.Attribute
}

func fieldError(a *hcl.Attribute, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: a.Expr.Range().Ptr()}
}

// wrong says the value has the wrong type, and how to write it.
func (d *fieldDecoder) wrong(want, example string) *hcl.Diagnostic {
	return fieldError(d.a, "Wrong type for "+d.f.name,
		fmt.Sprintf("%s must be %s, but this is %s. Write it as %s = %s.", d.f.name, want, describeType(d.v.Type()), d.f.name, example))
}

func (d *fieldDecoder) isList() bool {
	ty := d.v.Type()
	return ty.IsListType() || ty.IsTupleType() || ty.IsSetType()
}

func (d *fieldDecoder) str(p **string) *hcl.Diagnostic {
	s, err := convert.Convert(d.v, cty.String)
	if err != nil {
		return d.wrong("a string", `"value"`)
	}
	str := s.AsString()
	if d.f.name == "description" && str == "" {
		return nil // an empty description leaves the inherited one
	}
	*p = &str
	return nil
}

func (d *fieldDecoder) boolean(p **bool) *hcl.Diagnostic {
	b, err := convert.Convert(d.v, cty.Bool)
	if err != nil || b.IsNull() {
		return d.wrong("true or false", "true")
	}
	bv := b.True()
	*p = &bv
	return nil
}

func (d *fieldDecoder) list(p *[]string) *hcl.Diagnostic {
	if !d.isList() {
		return d.wrong("a list of strings", `["a", "b"]`)
	}
	list := []string{}
	for it := d.v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			return fieldError(d.a, "Null in "+d.f.name,
				fmt.Sprintf("%s must not contain null. Remove the element, or filter it out: [for x in LIST : x if x != null].", d.f.name))
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			return d.wrong("a list of strings", `["a", "b"]`)
		}
		list = append(list, s.AsString())
	}
	*p = list
	return nil
}

func (d *fieldDecoder) strMap(p *map[string]*string) *hcl.Diagnostic {
	ty := d.v.Type()
	if !(ty.IsObjectType() || ty.IsMapType()) {
		return d.wrong("a map of strings", `{ KEY = "value" }`)
	}
	m := map[string]*string{}
	for it := d.v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if e.IsNull() {
			if d.f.name == "contexts" {
				return fieldError(d.a, "Null in contexts",
					fmt.Sprintf("contexts.%s is null. Remove the key, or set it to \"\" to drop an inherited context.", k.AsString()))
			}
			m[k.AsString()] = nil
			continue
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			return fieldError(d.a, "Wrong type for "+d.f.name,
				fmt.Sprintf("%s.%s must be a string, number or bool, but it is %s.", d.f.name, k.AsString(), describeType(e.Type())))
		}
		str := s.AsString()
		m[k.AsString()] = &str
	}
	*p = m
	return nil
}

func (d *fieldDecoder) entries(p *[]Entry) *hcl.Diagnostic {
	if !d.isList() {
		return d.wrong("a list", `["type=...", { type = "..." }]`)
	}
	list := []Entry{}
	for it := d.v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		en, err := entryFromValue(d.f.entry, e)
		if err != nil {
			return fieldError(d.a, "Invalid "+d.f.name+" entry", err.Error()+".")
		}
		if en != nil {
			list = append(list, en)
		}
	}
	*p = list
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
		if prev, ok := ev.groups[name]; !ok {
			ev.groupOrder = append(ev.groupOrder, name)
		} else if prev.Implicit {
			// buildx keeps the matrix's group beside the block's: --list
			// shows both.
			ev.shadowed = append(ev.shadowed, prev)
		}
		ev.groups[name] = g
	}
}

package hcl

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// axis is one matrix key and its values.
type axis struct {
	key    string
	values []cty.Value
}

// matrix evaluates a matrix attribute into the list of combinations, each
// a map from key to value. Keys vary as nested loops in the order they are
// written, the first outermost (buildx's own order is random). It refuses
// to create more than limit combinations, before creating any.
func (ev *evaluator) matrix(def *targetDef, m *hcl.Attribute, limit int) ([]map[string]cty.Value, bool) {
	for _, tr := range m.Expr.Variables() {
		if tr.RootName() == "target" {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid matrix",
				Detail:   "A matrix cannot refer to other targets: target names depend on it. Use variables instead.",
				Subject:  tr.SourceRange().Ptr(),
			})
			return nil, false
		}
	}
	v := ev.eval(m.Expr, nil)
	if !v.IsWhollyKnown() {
		return nil, false
	}
	bad := func(detail string) ([]map[string]cty.Value, bool) {
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid matrix",
			Detail:   detail,
			Subject:  m.Expr.Range().Ptr(),
		})
		return nil, false
	}
	if v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return bad(`matrix must be a map of lists, as in matrix = { os = ["alpine", "debian"] }.`)
	}
	var axes []axis
	count := 1
	for _, key := range matrixKeys(m.Expr, v) {
		var list cty.Value
		if v.Type().IsObjectType() {
			list = v.GetAttr(key)
		} else {
			list = v.Index(cty.StringVal(key))
		}
		ty := list.Type()
		if list.IsNull() || !(ty.IsListType() || ty.IsTupleType() || ty.IsSetType()) {
			return bad(fmt.Sprintf("matrix values must be lists: %q is %s. Write %s = [ ... ].", key, ty.FriendlyName(), key))
		}
		a := axis{key: key}
		for it := list.ElementIterator(); it.Next(); {
			_, e := it.Element()
			a.values = append(a.values, e)
		}
		if len(a.values) > 0 && count > limit/len(a.values) {
			return bad(fmt.Sprintf("This matrix would create more than %d targets (the limit on generated targets, set with --max-targets or BKX_MAX_TARGETS). Make it smaller or split it.", max(limit, 0)))
		}
		count *= len(a.values)
		axes = append(axes, a)
	}
	combos := make([]map[string]cty.Value, 0, count)
	var walk func(i int, cur map[string]cty.Value)
	walk = func(i int, cur map[string]cty.Value) {
		if i == len(axes) {
			c := make(map[string]cty.Value, len(cur))
			for k, v := range cur {
				c[k] = v
			}
			combos = append(combos, c)
			return
		}
		for _, v := range axes[i].values {
			cur[axes[i].key] = v
			walk(i+1, cur)
		}
	}
	walk(0, map[string]cty.Value{})
	return combos, true
}

// matrixKeys returns the keys in source order when the matrix is written
// as an object constructor, else sorted.
func matrixKeys(expr hcl.Expression, v cty.Value) []string {
	var keys []string
	if obj, ok := expr.(*hclsyntax.ObjectConsExpr); ok {
		for _, item := range obj.Items {
			if k, d := item.KeyExpr.Value(nil); !d.HasErrors() && k.Type() == cty.String && k.IsKnown() && !k.IsNull() {
				if v.Type().IsObjectType() && v.Type().HasAttribute(k.AsString()) || v.Type().IsMapType() {
					keys = append(keys, k.AsString())
				}
			}
		}
		if len(keys) == lenOf(v) {
			return keys
		}
	}
	keys = keys[:0]
	for it := v.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		keys = append(keys, k.AsString())
	}
	sort.Strings(keys)
	return keys
}

func lenOf(v cty.Value) int {
	n := 0
	for it := v.ElementIterator(); it.Next(); {
		n++
	}
	return n
}

// expandMatrix creates one instance per combination, named by the name
// attribute (the block label when absent, which only works for a single
// combination).
func (ev *evaluator) expandMatrix(def *targetDef, combos []map[string]cty.Value) []string {
	nameAttr := def.attrs["name"]
	seen := map[string]bool{}
	names := make([]string, 0, len(combos))
	for _, combo := range combos {
		scope := ev.ctx.NewChild()
		scope.Variables = combo
		name := def.name
		at := def.block.LabelRanges[0]
		if nameAttr != nil {
			at = nameAttr.Expr.Range()
			v := ev.eval(nameAttr.Expr, scope)
			if !v.IsWhollyKnown() {
				return nil
			}
			if v.IsNull() || v.Type() != cty.String {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid name",
					Detail:   "name must be a string, such as \"app-${os}\".",
					Subject:  at.Ptr(),
				})
				return nil
			}
			name = v.AsString()
		}
		if !validName.MatchString(name) {
			ev.add(invalidName(name, at))
			return nil
		}
		if seen[name] {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate target name",
				Detail:   fmt.Sprintf("Two combinations of this matrix are both named %q. Use every matrix key in name, as in name = \"%s-${key}\".", name, def.name),
				Subject:  at.Ptr(),
			})
			return nil
		}
		seen[name] = true
		names = append(names, name)
		ev.addPart(name, part{def: def, scope: scope})
	}
	return names
}

package hcl

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/bkx-dev/bkx/internal/names"
)

var functionSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "params"}, {Name: "variadic_params"}, {Name: "result", Required: true}},
}

// userFunc is a function block: function "f" { params = [a, b]
// variadic_params = rest  result = expr }.
type userFunc struct {
	name     string
	block    *hcl.Block
	params   []string
	variadic string
	result   hcl.Expression
}

func (ev *evaluator) collectFunction(b *hcl.Block) {
	content, ok := ev.content(b.Body, functionSchema, "function", fmt.Sprintf("function %q", b.Labels[0]))
	if !ok {
		return
	}
	uf := &userFunc{name: b.Labels[0], block: b, result: content.Attributes["result"].Expr}
	if a, ok := content.Attributes["params"]; ok {
		exprs, d := hcl.ExprList(a.Expr)
		ev.add(d...)
		for _, e := range exprs {
			name := hcl.ExprAsKeyword(e)
			if name == "" {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid parameter name",
					Detail:   "Parameters are bare names, as in params = [repo, tag].",
					Subject:  e.Range().Ptr(),
				})
				continue
			}
			uf.params = append(uf.params, name)
		}
	}
	if a, ok := content.Attributes["variadic_params"]; ok {
		uf.variadic = hcl.ExprAsKeyword(a.Expr)
		if uf.variadic == "" {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid parameter name",
				Detail:   "variadic_params is one bare name, as in variadic_params = rest.",
				Subject:  a.Expr.Range().Ptr(),
			})
		}
	}
	ev.funcs[uf.name] = uf
}

// registerFunctions checks user functions for call cycles and adds them
// to the evaluation context, where they shadow built-ins of the same name.
func (ev *evaluator) registerFunctions() {
	calls := map[string][]*hclsyntax.FunctionCallExpr{}
	for name, uf := range ev.funcs {
		if e, ok := uf.result.(hclsyntax.Expression); ok {
			hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
				if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
					if _, user := ev.funcs[c.Name]; user {
						calls[name] = append(calls[name], c)
					}
				}
				return nil
			})
		}
	}
	state := map[string]int{}
	var path []string
	var visit func(name string)
	visit = func(name string) {
		state[name] = stateBusy
		path = append(path, name)
		for _, c := range calls[name] {
			switch state[c.Name] {
			case stateBusy:
				start := 0
				for i, p := range path {
					if p == c.Name {
						start = i
					}
				}
				chain := append(append([]string{}, path[start:]...), c.Name)
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Function cycle",
					Detail:   fmt.Sprintf("%s. Functions cannot call themselves, directly or through others: bake has no recursion. Rewrite it with a for expression.", strings.Join(chain, " → ")),
					Subject:  c.Range().Ptr(),
				})
			case stateNew:
				visit(c.Name)
			}
		}
		path = path[:len(path)-1]
		state[name] = stateDone
	}
	for _, name := range names.SortedKeys(ev.funcs) {
		if state[name] == stateNew {
			visit(name)
		}
	}
	for _, name := range names.SortedKeys(ev.funcs) {
		uf := ev.funcs[name]
		if _, builtin := ev.ctx.Functions[name]; builtin {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Function shadows a built-in",
				Detail:   fmt.Sprintf("%s is a built-in function, which wins over this definition (as in docker buildx bake), so this function is never called. Rename it.", name),
				Subject:  uf.block.LabelRanges[0].Ptr(),
			})
			continue
		}
		ev.ctx.Functions[name] = ev.makeFunction(uf)
	}
}

func (ev *evaluator) makeFunction(uf *userFunc) function.Function {
	spec := &function.Spec{
		Type: function.StaticReturnType(cty.DynamicPseudoType),
	}
	for _, p := range uf.params {
		spec.Params = append(spec.Params, function.Parameter{Name: p, Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true})
	}
	if uf.variadic != "" {
		spec.VarParam = &function.Parameter{Name: uf.variadic, Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true}
	}
	spec.Impl = func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if ev.depth >= maxCallDepth {
			return cty.NilVal, fmt.Errorf("calls nest more than %d deep; bake functions cannot recurse", maxCallDepth)
		}
		ev.depth++
		ev.inFunction++
		defer func() { ev.depth--; ev.inFunction-- }()
		scope := ev.ctx.NewChild()
		scope.Variables = map[string]cty.Value{}
		for i, p := range uf.params {
			scope.Variables[p] = args[i]
		}
		if uf.variadic != "" {
			rest := args[len(uf.params):]
			if len(rest) == 0 {
				scope.Variables[uf.variadic] = cty.EmptyTupleVal
			} else {
				scope.Variables[uf.variadic] = cty.TupleVal(rest)
			}
		}
		before := len(ev.diags)
		v := ev.eval(uf.result, scope)
		if len(ev.diags) > before {
			// The call site reports the failure; keep the inner reason.
			inner := ev.diags[before:]
			ev.diags = ev.diags[:before]
			return cty.NilVal, fmt.Errorf("in function %q: %s", uf.name, diagText(inner))
		}
		return v, nil
	}
	return function.New(spec)
}

// diagText joins diagnostics into one line with their positions.
func diagText(diags hcl.Diagnostics) string {
	var parts []string
	for _, d := range diags {
		s := d.Summary
		if d.Detail != "" {
			s += ": " + d.Detail
		}
		if d.Subject != nil {
			s = d.Subject.String() + ": " + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

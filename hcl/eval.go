package hcl

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/bkx-dev/bkx/hcl/funcs"
	"github.com/bkx-dev/bkx/internal/names"
)

// Options is everything Parse takes from outside the files.
type Options struct {
	// Env is the environment: variable overrides, SOURCE_DATE_EPOCH and
	// the BUILDX_BAKE_* switches are read from it and nowhere else.
	Env map[string]string
	// Vars are --var NAME=VALUE values; they win over Env.
	Vars map[string]string
	// LocalPlatform is BAKE_LOCAL_PLATFORM, e.g. "linux/amd64".
	LocalPlatform string
	// HomeDir is what homedir() returns.
	HomeDir string
	// Now is the clock of timestamp(); nil means time.Now.
	Now func() time.Time
	// MaxTargets caps how many targets matrix expansion may create.
	// 0 means DefaultMaxTargets.
	MaxTargets int
	// RemoteContext is set for a remote definition (bkx bake URL): the
	// git URL (with #ref[:subdir]) that is the default context, and the
	// base of every relative local context, as in buildx.
	RemoteContext string
	// CmdContext is BAKE_CMD_CONTEXT: "cwd://" unless a remote
	// definition is given a command context URL.
	CmdContext string
	// Trace, when set, is called with each expression's range before it
	// is evaluated, so that a watchdog can say where evaluation is stuck.
	Trace func(hcl.Range)
}

// DefaultMaxTargets is far above any real project (the largest real bake
// files have hundreds of targets) and far below what exhausts memory.
const DefaultMaxTargets = 100_000

// maxCallDepth bounds nested user function calls.
const maxCallDepth = 64

const (
	stateNew = iota
	stateBusy
	stateDone
)

// global is a top-level name: a variable, a top-level attribute or a
// built-in.
type global struct {
	name  string
	kind  string // "variable", "attribute" or "built-in"
	block *hcl.Block
	attr  *hcl.Attribute // for top-level attributes
	vdef  *variableDef   // for variables
	state int
	value cty.Value
}

type variableDef struct {
	def         hcl.Expression // nil when absent
	typeExpr    hcl.Expression // nil when untyped
	description string
	validations []validation
}

type validation struct {
	condition hcl.Expression
	message   hcl.Expression
}

// evaluator holds the state of one Parse.
type evaluator struct {
	opt     Options
	files   map[string]*hcl.File
	ctx     *hcl.EvalContext // globals and functions
	globals map[string]*global
	order   []string // globals in declaration order
	funcs   map[string]*userFunc
	depth   int // user function call depth
	// inFunction counts user function bodies being evaluated: they see
	// no targets or groups.
	inFunction int
	// valCtx evaluates validation blocks: variables and the built-in
	// functions only, as in buildx.
	valCtx *hcl.EvalContext
	// groupVals memoizes group attributes read as group.NAME.ATTR.
	groupVals map[string]cty.Value
	stack     []string // names being resolved, for cycle messages
	diags     hcl.Diagnostics
	reported  map[string]bool // cycle diagnostics already given

	targets     map[string]*instance
	targetOrder []string
	defs        []*targetDef
	groups      map[string]*Group
	groupOrder  []string
	groupDefs   []*hcl.Block
	shadowed    []*Group // matrix groups a group block of their name replaced
	builders    []*Builder
}

func newEvaluator(opt Options) *evaluator {
	if opt.MaxTargets <= 0 {
		opt.MaxTargets = DefaultMaxTargets
	}
	if opt.LocalPlatform == "" {
		opt.LocalPlatform = "linux/amd64"
	}
	ev := &evaluator{
		opt:      opt,
		globals:  map[string]*global{},
		funcs:    map[string]*userFunc{},
		targets:  map[string]*instance{},
		groups:   map[string]*Group{},
		reported: map[string]bool{},
	}
	ev.ctx = &hcl.EvalContext{
		Variables: map[string]cty.Value{},
		Functions: funcs.Stdlib(funcs.Options{Now: opt.Now, HomeDir: opt.HomeDir}),
	}
	ev.valCtx = &hcl.EvalContext{Variables: ev.ctx.Variables, Functions: funcs.Stdlib(funcs.Options{Now: opt.Now, HomeDir: opt.HomeDir})}
	ev.groupVals = map[string]cty.Value{}
	cmdContext := opt.CmdContext
	if cmdContext == "" {
		cmdContext = "cwd://"
	}
	for name, v := range map[string]string{
		"BAKE_CMD_CONTEXT":    cmdContext,
		"BAKE_LOCAL_PLATFORM": opt.LocalPlatform,
	} {
		ev.globals[name] = &global{name: name, kind: "built-in", state: stateDone, value: cty.StringVal(v)}
		ev.ctx.Variables[name] = cty.StringVal(v)
	}
	return ev
}

func (ev *evaluator) add(d ...*hcl.Diagnostic) { ev.diags = append(ev.diags, d...) }

// source returns a file's bytes, for quoting names in messages.
func (ev *evaluator) source(name string) []byte {
	if f := ev.files[name]; f != nil {
		return f.Bytes
	}
	return nil
}

// resolveGlobal computes a global's value once, resolving what it refers
// to first. A global met again while it is being resolved closes a cycle.
func (ev *evaluator) resolveGlobal(name string, from hcl.Range) {
	g := ev.globals[name]
	if g == nil || g.state == stateDone {
		return
	}
	if g.state == stateBusy {
		ev.cycle("Variable cycle", name, from, "Each of these names needs the next one to be resolved first. Give one of them a value that does not refer back.")
		return
	}
	g.state = stateBusy
	// Until resolved, the name evaluates to unknown, so that a cycle is
	// reported once and not again as an unknown variable.
	ev.ctx.Variables[name] = cty.DynamicVal
	ev.stack = append(ev.stack, name)
	var v cty.Value
	switch g.kind {
	case "variable":
		v = ev.variableValue(g)
	case "attribute":
		v = ev.eval(g.attr.Expr, nil)
	}
	ev.stack = ev.stack[:len(ev.stack)-1]
	g.value = v
	g.state = stateDone
	ev.ctx.Variables[name] = v
	if g.kind == "variable" {
		ev.validate(g)
	}
}

// cycle reports a reference cycle once, printing the whole chain.
func (ev *evaluator) cycle(summary, name string, at hcl.Range, detail string) {
	start := 0
	for i, n := range ev.stack {
		if n == name {
			start = i
		}
	}
	chain := append(append([]string{}, ev.stack[start:]...), name)
	key := summary + strings.Join(sortedCopy(chain[:len(chain)-1]), ",")
	if ev.reported[key] {
		return
	}
	ev.reported[key] = true
	ev.add(&hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf("%s. %s", strings.Join(chain, " → "), detail),
		Subject:  at.Ptr(),
	})
}

func (ev *evaluator) variableValue(g *global) cty.Value {
	vd := g.vdef
	ty, typed := cty.DynamicPseudoType, false
	if vd.typeExpr != nil {
		t, d := typeexpr.TypeConstraint(vd.typeExpr)
		ev.add(d...)
		if d.HasErrors() {
			return cty.DynamicVal
		}
		ty, typed = t, true
	}
	def := cty.NullVal(ty)
	if vd.def != nil {
		def = ev.eval(vd.def, nil)
		if !def.IsWhollyKnown() {
			return cty.DynamicVal
		}
		if typed {
			c, err := convertDefault(def, ty)
			if err != nil {
				ev.add(&hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid default value for variable",
					Detail:   fmt.Sprintf("The default of %s does not match its type %s: %v.", g.name, typeString(ty), err),
					Subject:  vd.def.Range().Ptr(),
				})
				return cty.DynamicVal
			}
			def = c
		}
	} else if !typed {
		def = cty.StringVal("")
	}
	v, ok, err := ev.overrideValue(g, ty, typed, def)
	if err != nil {
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable " + g.name,
			Detail:   fmt.Sprintf("%v. Fix or unset it to use the default.", err),
			Subject:  g.block.LabelRanges[0].Ptr(),
			Context:  g.block.DefRange.Ptr(),
		})
		return cty.DynamicVal
	}
	if ok {
		return v
	}
	if g.attr != nil {
		return ev.eval(g.attr.Expr, nil)
	}
	return def
}

// validate runs a variable's validation blocks.
func (ev *evaluator) validate(g *global) {
	if !g.value.IsWhollyKnown() {
		return
	}
	for _, val := range g.vdef.validations {
		c := ev.eval(val.condition, ev.valCtx)
		if !c.IsKnown() {
			continue
		}
		if !c.IsNull() {
			if b, err := convert.Convert(c, cty.Bool); err == nil {
				c = b
			}
		}
		if c.IsNull() || c.Type() != cty.Bool {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid validation condition",
				Detail:   "A validation condition must be true or false.",
				Subject:  val.condition.Range().Ptr(),
			})
			continue
		}
		if c.True() {
			continue
		}
		msg := "The value of " + g.name + " is not valid."
		if val.message != nil {
			if m := ev.eval(val.message, ev.valCtx); m.IsKnown() && !m.IsNull() && m.Type() == cty.String {
				msg = m.AsString()
			}
		}
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Validation failed",
			Detail:   fmt.Sprintf("%s (%s = %s). Set %s to a value that passes this condition.", msg, g.name, showValue(g.value), g.name),
			Subject:  val.condition.Range().Ptr(),
		})
	}
}

// showValue renders a value briefly for messages.
func showValue(v cty.Value) string {
	if !v.IsKnown() {
		return "(unknown)"
	}
	if v.IsNull() {
		return "null"
	}
	if v.Type() == cty.String {
		return fmt.Sprintf("%q", v.AsString())
	}
	if b, err := marshalValue(v); err == nil {
		return string(b)
	}
	return v.GoString()
}

// eval evaluates an expression, first resolving the globals and target
// attributes it refers to. scope is an optional child context (matrix
// values, function parameters).
func (ev *evaluator) eval(expr hcl.Expression, scope *hcl.EvalContext) cty.Value {
	ctx := scope
	if ctx == nil {
		ctx = ev.ctx
	}
	var refs, groups map[string]map[string]cty.Value
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if ev.inScope(scope, root) {
			continue
		}
		if (root == "target" || root == "group") && ev.inFunction > 0 {
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Functions cannot read " + root + "s",
				Detail:   "A function sees variables and its parameters only (as in docker buildx bake). Pass the value in as a parameter.",
				Subject:  tr.SourceRange().Ptr(),
			})
			continue
		}
		if root == "target" {
			if refs == nil {
				refs = map[string]map[string]cty.Value{}
			}
			ev.targetRef(tr, refs)
			continue
		}
		if root == "group" {
			if groups == nil {
				groups = map[string]map[string]cty.Value{}
			}
			ev.groupRef(tr, groups)
			continue
		}
		ev.resolveGlobal(root, tr.SourceRange())
	}
	if refs != nil || groups != nil {
		ctx = ctx.NewChild()
		ctx.Variables = map[string]cty.Value{}
		for root, m := range map[string]map[string]map[string]cty.Value{"target": refs, "group": groups} {
			if m == nil {
				continue
			}
			objs := make(map[string]cty.Value, len(m))
			for name, attrs := range m {
				if attrs == nil {
					objs[name] = cty.DynamicVal
				} else {
					objs[name] = cty.ObjectVal(attrs)
				}
			}
			ctx.Variables[root] = cty.ObjectVal(objs)
		}
	}
	if ev.opt.Trace != nil {
		ev.opt.Trace(expr.Range())
	}
	v, d := expr.Value(ctx)
	for _, diag := range d {
		if diag.Summary == "Unknown variable" && diag.Subject != nil {
			name := string(diag.Subject.SliceBytes(ev.source(diag.Subject.Filename)))
			diag.Detail = fmt.Sprintf("There is no variable named %q.%s Declare it with variable %q { default = ... }, or fix the name.", name, names.Suggest(name, ev.order), name)
		}
	}
	ev.add(d...)
	if d.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// inScope reports whether name is defined by a child scope (a matrix
// value or a function parameter), which shadows globals.
func (ev *evaluator) inScope(scope *hcl.EvalContext, name string) bool {
	for c := scope; c != nil && c != ev.ctx && c != ev.valCtx; c = c.Parent() {
		if _, ok := c.Variables[name]; ok {
			return true
		}
	}
	return false
}

// targetRef resolves a reference target.NAME[.ATTR] into refs.
func (ev *evaluator) targetRef(tr hcl.Traversal, refs map[string]map[string]cty.Value) {
	if len(tr) < 2 {
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid target reference",
			Detail:   "Refer to an attribute of another target, as in target.base.tags.",
			Subject:  tr.SourceRange().Ptr(),
		})
		return
	}
	if _, ok := tr[1].(hcl.TraverseAttr); !ok {
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid target reference",
			Detail:   "Name the target as an attribute, as in target.base.tags; target[\"base\"] is not supported (as in docker buildx bake).",
			Subject:  tr.SourceRange().Ptr(),
		})
		return
	}
	name, ok := traverserName(tr[1])
	if !ok {
		return
	}
	inst := ev.targets[name]
	if inst == nil {
		refs[name] = nil // evaluates to unknown: one error, not two
		ev.add(&hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown target",
			Detail:   fmt.Sprintf("There is no target named %q.%s", name, names.Suggest(name, ev.targetOrder)),
			Subject:  tr.SourceRange().Ptr(),
		})
		return
	}
	if refs[name] == nil {
		refs[name] = map[string]cty.Value{}
	}
	var attrs []string
	if len(tr) > 2 {
		attr, ok := traverserName(tr[2])
		if !ok {
			return
		}
		if attr == "name" {
			refs[name][attr] = cty.StringVal(name)
			return
		}
		if fieldByName[attr] == nil {
			refs[name][attr] = cty.DynamicVal
			ev.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown target attribute",
				Detail:   fmt.Sprintf("Targets have no attribute %q.%s", attr, names.Suggest(attr, targetAttrNames())),
				Subject:  tr.SourceRange().Ptr(),
			})
			return
		}
		attrs = []string{attr}
	} else {
		for _, f := range fields {
			attrs = append(attrs, f.name)
		}
	}
	for _, a := range attrs {
		refs[name][a] = ev.targetAttr(inst, fieldByName[a], tr.SourceRange())
	}
}

func traverserName(t hcl.Traverser) (string, bool) {
	switch t := t.(type) {
	case hcl.TraverseAttr:
		return t.Name, true
	case hcl.TraverseIndex:
		if t.Key.Type() == cty.String && t.Key.IsKnown() && !t.Key.IsNull() {
			return t.Key.AsString(), true
		}
	}
	return "", false
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// groupRef resolves a reference group.NAME.ATTR (targets or description)
// into groups, from the last definition of the group.
func (ev *evaluator) groupRef(tr hcl.Traversal, groups map[string]map[string]cty.Value) {
	if len(tr) < 3 {
		ev.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid group reference",
			Detail: "Refer to an attribute of a group, as in group.default.targets.", Subject: tr.SourceRange().Ptr()})
		return
	}
	if _, ok := tr[1].(hcl.TraverseAttr); !ok {
		ev.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid group reference",
			Detail: "Name the group as an attribute, as in group.default.targets; group[\"default\"] is not supported (as in docker buildx bake).", Subject: tr.SourceRange().Ptr()})
		return
	}
	name, ok1 := traverserName(tr[1])
	attr, ok2 := traverserName(tr[2])
	if !ok1 || !ok2 {
		return
	}
	var block *hcl.Block
	var known []string
	for _, b := range ev.groupDefs {
		known = append(known, b.Labels[0])
		if b.Labels[0] == name {
			block = b
		}
	}
	if groups[name] == nil {
		groups[name] = map[string]cty.Value{}
	}
	if block == nil || (attr != "targets" && attr != "description") {
		groups[name][attr] = cty.DynamicVal
		detail := fmt.Sprintf("There is no group named %q.%s", name, names.Suggest(name, known))
		if block != nil {
			detail = fmt.Sprintf("Groups have targets and description, not %q.", attr)
		}
		ev.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid group reference", Detail: detail, Subject: tr.SourceRange().Ptr()})
		return
	}
	key := fmt.Sprintf("%p.%s", block, attr)
	if v, ok := ev.groupVals[key]; ok {
		groups[name][attr] = v
		return
	}
	ev.groupVals[key] = cty.DynamicVal // a cycle reads unknown
	v := cty.NullVal(cty.String)
	if attr == "targets" {
		v = cty.NullVal(cty.List(cty.String))
	}
	content, _ := block.Body.Content(groupSchema)
	if a, ok := content.Attributes[attr]; ok {
		v = ev.eval(a.Expr, nil)
	}
	ev.groupVals[key] = v
	groups[name][attr] = v
}

package hcl

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/internal/names"
)

// Selection is what a command works on: the targets it names (through
// groups, globs and target: links), fully resolved.
type Selection struct {
	// Groups are the groups the selection went through, plus "default":
	// the file's own when no name was given, else the names given.
	Groups map[string]*Group
	// Targets are resolved: inherits merged, --set applied, normalized,
	// defaults filled in.
	Targets map[string]*Target
	// Order lists Targets in selection order, linked targets last.
	Order []string
	// Requested are the target names the command line selected, in order.
	Requested []string
}

// Resolve selects targets by name (globs allowed; none means "default")
// and applies --set overrides, as docker buildx bake does: the result is
// what --print prints.
func (p *Project) Resolve(names, set []string) (*Selection, hcl.Diagnostics) {
	return p.resolve(names, set, false)
}

// ResolveForBuild is Resolve that also selects the targets named in
// depends_on (which buildx ignores), so that they are built first.
func (p *Project) ResolveForBuild(names, set []string) (*Selection, hcl.Diagnostics) {
	return p.resolve(names, set, true)
}

func (p *Project) resolve(names, set []string, forBuild bool) (*Selection, hcl.Diagnostics) {
	overrides, diags := parseOverrides(set)
	if diags.HasErrors() {
		return nil, diags
	}
	r := &resolver{p: p, sel: &Selection{Groups: map[string]*Group{}, Targets: map[string]*Target{}},
		resolved: map[string]*Target{}, state: map[string]int{}, forBuild: forBuild}
	def, d := r.defaultGroup(names)
	diags = append(diags, d...)
	if def == nil {
		return nil, diags
	}
	r.sel.Groups["default"] = def
	if d := r.checkOverrides(overrides); d.HasErrors() {
		return nil, append(diags, d...)
	}
	// Members of the file's default group are one level down; names from
	// the command line are at the top.
	depth := 0
	if def == p.Groups["default"] {
		depth = 1
	}
	for _, n := range def.Targets {
		r.visit(n, def, nil, depth)
	}
	for _, n := range r.unlisted {
		r.visit(n, def, nil, depth)
	}
	if fd := p.Groups["default"]; r.defaultReached && fd != nil && def != fd {
		// buildx merges the file's default group, when the selection
		// reaches it, into the printed one: its members and description.
		merged := &Group{Name: "default", Description: fd.Description, DefRange: fd.DefRange, TargetsRng: fd.TargetsRng}
		for _, n := range dedupe(append(append([]string{}, def.Targets...), fd.Targets...)) {
			if n != "default" {
				merged.Targets = append(merged.Targets, n)
			}
		}
		r.sel.Groups["default"] = merged
	}
	diags = append(diags, r.links()...)
	diags = append(diags, r.diags...)
	for _, name := range r.sel.Order {
		t := r.sel.Targets[name]
		r.finish(t)
		diags = append(diags, t.validate()...)
	}
	// With errors the selection is partial, but later stages can still
	// check it, so that one run reports every problem.
	return r.sel, diags
}

type resolver struct {
	p        *Project
	sel      *Selection
	resolved map[string]*Target // inherits merged
	state    map[string]int
	stack    []string
	diags    hcl.Diagnostics
	// overrides are applied to every selected target, linked ones too.
	overrides []setOverride
	// forBuild selects depends_on targets too, and points the named
	// contexts of a remote definition at the remote.
	forBuild bool
	// defaultReached is set when the selection goes through the file's
	// default group.
	defaultReached bool
	// unlisted are names selected but left out of the printed default
	// group (a target named "default" after other names, as in buildx).
	unlisted []string
}

func (r *resolver) add(d *hcl.Diagnostic) { r.diags = append(r.diags, d) }

// defaultGroup builds the "default" group of the selection.
func (r *resolver) defaultGroup(names []string) (*Group, hcl.Diagnostics) {
	if len(names) == 0 || (len(names) == 1 && names[0] == "default") {
		if g, ok := r.p.Groups["default"]; ok {
			return g, nil
		}
		if _, ok := r.p.Targets["default"]; ok {
			return &Group{Name: "default", Targets: []string{"default"}}, nil
		}
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "No default target",
			Detail:   fmt.Sprintf("No target was named and the files define no group or target called \"default\". Name targets on the command line (%s), or add group \"default\" { targets = [...] }.", r.p.knownNames()),
		}}
	}
	var out []string
	var diags hcl.Diagnostics
	for _, n := range names {
		if g, ok := r.p.Groups["default"]; ok && n == "default" {
			// With other names, "default" stands for its members.
			out = append(out, g.Targets...)
			r.defaultReached = true
			continue
		}
		if n == "default" && len(out) > 0 {
			// buildx builds a target named default given after other
			// names but leaves it out of the default group it prints.
			r.unlisted = append(r.unlisted, n)
			continue
		}
		if !strings.ContainsAny(n, "*?[") {
			out = append(out, n)
			continue
		}
		var matched []string
		for _, k := range r.p.allNames() {
			if ok, err := path.Match(n, k); err != nil {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid pattern",
					Detail: fmt.Sprintf("%q is not a valid glob pattern: %v.", n, err)})
				break
			} else if ok {
				matched = append(matched, k)
			}
		}
		if len(matched) == 0 && !diags.HasErrors() {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "No target matches " + n,
				Detail: fmt.Sprintf("No target or group name matches the pattern %q. Known names: %s.", n, r.p.knownNames())})
		}
		out = append(out, matched...)
	}
	sort.Strings(out)
	return &Group{Name: "default", Targets: slices.Compact(out)}, diags
}

func (p *Project) allNames() []string {
	seen := map[string]bool{}
	var names []string
	for _, n := range append(append([]string{}, p.GroupOrder...), p.TargetOrder...) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func (p *Project) knownNames() string {
	names := p.allNames()
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// visit selects a group's members or a target. from is the group that
// names it; path the groups being expanded, for cycles; depth is 0 for
// names from the command line.
func (r *resolver) visit(name string, from *Group, path []string, depth int) {
	if g, ok := r.p.Groups[name]; ok && !(from != nil && from.Name == name && r.p.Targets[name] != nil) {
		// (A member named like its own group, as a matrix target named
		// after its label, is the target.)
		if slices.Contains(path, name) {
			i := slices.Index(path, name)
			r.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Group cycle",
				Detail:   fmt.Sprintf("%s → %s. A group cannot contain itself, directly or through other groups. Remove one of these members.", strings.Join(path[i:], " → "), name),
				Subject:  rangePtr(from.TargetsRng),
			})
			return
		}
		if len(g.Targets) == 0 && depth > 0 {
			// buildx looks an empty member group up as a target.
			r.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Empty group",
				Detail:   fmt.Sprintf("Group %q, a member of group %q, has no targets. Give it targets or remove it from %q.", name, from.Name, from.Name),
				Subject:  rangePtr(from.TargetsRng),
			})
			return
		}
		if name == "default" {
			r.defaultReached = true
		} else {
			// "default" in the output is the selection's own group.
			if _, done := r.sel.Groups[name]; done {
				return
			}
			r.sel.Groups[name] = g
		}
		for _, m := range g.Targets {
			r.visit(m, g, append(path, name), depth+1)
		}
		return
	}
	if _, ok := r.p.Targets[name]; !ok {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown target",
			Detail:   fmt.Sprintf("There is no target or group named %q.%s", name, names.Suggest(name, r.p.allNames())),
		}
		if from != nil && from.TargetsRng.Filename != "" {
			d.Subject = from.TargetsRng.Ptr()
			d.Detail += fmt.Sprintf(" Group %q lists it.", from.Name)
		} else {
			d.Detail += " Known names: " + r.p.knownNames() + "."
		}
		r.add(d)
		return
	}
	r.selectTarget(name, false)
}

func rangePtr(r hcl.Range) *hcl.Range {
	if r.Filename == "" {
		return nil
	}
	return r.Ptr()
}

func (r *resolver) selectTarget(name string, linked bool) {
	if t, ok := r.sel.Targets[name]; ok {
		if !linked {
			t.Linked = false
		}
		return
	}
	base := r.inherit(name)
	if base == nil {
		return
	}
	t := &Target{Name: name, DefRange: base.DefRange, Linked: linked}
	t.merge(base)
	r.sel.Targets[name] = t
	r.sel.Order = append(r.sel.Order, name)
	if !linked {
		r.sel.Requested = append(r.sel.Requested, name)
	}
}

// inherit returns a target with its parents merged in (earlier parents
// first, later ones win, the target itself last).
func (r *resolver) inherit(name string) *Target {
	if t, ok := r.resolved[name]; ok {
		return t
	}
	own := r.p.Targets[name]
	if r.state[name] == stateBusy {
		return nil
	}
	r.state[name] = stateBusy
	r.stack = append(r.stack, name)
	out := &Target{Name: name, DefRange: own.DefRange}
	for _, parent := range own.Inherits {
		at := rangePtr(own.Ranges["inherits"])
		if _, ok := r.p.Targets[parent]; !ok {
			detail := fmt.Sprintf("Target %q inherits from %q, which is not a target.%s", name, parent, names.Suggest(parent, r.p.TargetOrder))
			if _, isGroup := r.p.Groups[parent]; isGroup {
				detail = fmt.Sprintf("Target %q inherits from %q, which is a group; only targets can be inherited.", name, parent)
			}
			r.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown inherits parent", Detail: detail, Subject: at})
			continue
		}
		if r.state[parent] == stateBusy {
			i := slices.Index(r.stack, parent)
			r.add(&hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Inheritance cycle",
				Detail:   fmt.Sprintf("%s → %s. A target cannot inherit from itself, directly or through its parents. Remove %q from the inherits of %q.", strings.Join(r.stack[i:], " → "), parent, parent, name),
				Subject:  at,
			})
			continue
		}
		if pt := r.inherit(parent); pt != nil {
			out.merge(pt)
		}
	}
	out.merge(own)
	out.Inherits = nil
	// buildx resolves every target the same way, parents included: the
	// network entitlement and --set apply to a parent before a child
	// inherits from it.
	out.addNetworkEntitlement()
	r.diags = append(r.diags, r.applyTo(out)...)
	r.stack = r.stack[:len(r.stack)-1]
	r.state[name] = stateDone
	r.resolved[name] = out
	return out
}

// links follows target: contexts, selecting linked targets (with a
// cacheonly output unless selected themselves) and rejecting self-links,
// cycles and platform mismatches.
func (r *resolver) links() hcl.Diagnostics {
	var diags hcl.Diagnostics
	state := map[string]int{}
	var stack []string
	var walk func(name string)
	walk = func(name string) {
		state[name] = stateBusy
		stack = append(stack, name)
		t := r.sel.Targets[name]
		for _, k := range names.SortedKeys(t.Contexts) {
			v := t.Contexts[k]
			if v == nil || !strings.HasPrefix(*v, "target:") {
				continue
			}
			dep := strings.TrimPrefix(*v, "target:")
			at := rangePtr(t.Ranges["contexts"])
			switch {
			case dep == name:
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Target links to itself",
					Detail: fmt.Sprintf("Target %q uses target:%s as context %q. A target cannot be its own context; name another target.", name, dep, k), Subject: at})
				continue
			case r.p.Targets[dep] == nil:
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown target in context",
					Detail: fmt.Sprintf("Context %q of target %q is target:%s, but there is no target %q.%s", k, name, dep, dep, names.Suggest(dep, r.p.TargetOrder)), Subject: at})
				continue
			case state[dep] == stateBusy:
				i := slices.Index(stack, dep)
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Context cycle",
					Detail: fmt.Sprintf("%s → %s. Targets cannot use each other as contexts in a loop. Remove one of these target: contexts.", strings.Join(stack[i:], " → "), dep), Subject: at})
				continue
			}
			if _, ok := r.sel.Targets[dep]; !ok {
				r.selectTarget(dep, true)
			}
			if d := platformSubset(r.sel.Targets[dep], t, at); d != nil {
				diags = append(diags, d)
			}
			if state[dep] == stateNew {
				walk(dep)
			}
			// A target needs the entitlements of what it builds on.
			if d := r.sel.Targets[dep]; d != nil {
				for _, e := range d.Entitlements {
					if !slices.Contains(t.Entitlements, e) {
						t.Entitlements = append(t.Entitlements, e)
					}
				}
			}
		}
		if r.forBuild {
			for _, dep := range t.DependsOn {
				if r.p.Targets[dep] == nil {
					diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown target in depends_on",
						Detail:  fmt.Sprintf("Target %q depends on %q, which is not a target.%s", name, dep, names.Suggest(dep, r.p.TargetOrder)),
						Subject: rangePtr(t.Ranges["depends_on"])})
					continue
				}
				if _, ok := r.sel.Targets[dep]; !ok {
					r.selectTarget(dep, false)
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[name] = stateDone
	}
	for i := 0; i < len(r.sel.Order); i++ {
		if name := r.sel.Order[i]; state[name] == stateNew {
			walk(name)
		}
	}
	return diags
}

// platformSubset checks buildx's rule: when both a target and the target
// it uses as a context build several platforms, the context's platforms
// must be among the user's.
func platformSubset(dep, user *Target, at *hcl.Range) *hcl.Diagnostic {
	depPlats, userPlats := dedupe(dep.Platforms), dedupe(user.Platforms)
	if len(depPlats) < 2 || len(userPlats) < 2 {
		return nil
	}
	for _, p := range userPlats {
		if !slices.Contains(depPlats, p) {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Platforms do not match",
				Detail: fmt.Sprintf("Target %q builds %s but uses target %q, which builds only %s. Build %q for every platform of %q.",
					user.Name, strings.Join(user.Platforms, ", "), dep.Name, strings.Join(dep.Platforms, ", "), dep.Name, user.Name),
				Subject: at}
		}
	}
	return nil
}

// finish normalizes a selected target and fills in what buildx fills in.
func (r *resolver) finish(t *Target) {
	if t.Linked {
		t.Output = []Entry{{"type": "cacheonly"}}
	}
	for k, v := range t.Contexts {
		if v == nil || *v == "" {
			delete(t.Contexts, k)
		}
	}
	if sde, ok := r.p.opt.Env["SOURCE_DATE_EPOCH"]; ok {
		if _, set := t.Args["SOURCE_DATE_EPOCH"]; !set {
			if t.Args == nil {
				t.Args = map[string]*string{}
			}
			t.Args["SOURCE_DATE_EPOCH"] = &sde
		}
	}
	t.normalize()
	// buildx drops empty strings from these lists when it builds the
	// final target (a tag from an empty variable, say).
	for _, l := range []*[]string{&t.Tags, &t.Platforms, &t.NoCacheFilter, &t.Entitlements, &t.Annotations, &t.Ulimits} {
		if *l != nil {
			*l = slices.DeleteFunc(*l, func(s string) bool { return s == "" })
		}
	}
	r.p.defaultContext(t)
	switch {
	case r.p.opt.RemoteContext != "":
		t.rebaseRemote(r.p.opt.RemoteContext, r.forBuild)
	case t.Context == nil || *t.Context == "":
		dot := "."
		t.Context = &dot
	case strings.HasPrefix(*t.Context, "cwd://"):
		// cwd:// names a path relative to the working directory.
		c := filepath.Clean(strings.TrimPrefix(*t.Context, "cwd://"))
		t.Context = &c
	case *t.Context != "-" && !IsRemote(*t.Context):
		c := filepath.Clean(*t.Context)
		t.Context = &c
	}
	if t.Dockerfile == nil || *t.Dockerfile == "" {
		df := "Dockerfile"
		t.Dockerfile = &df
	}
}

// IsRemote tells a context that is not a local directory: a URL (git,
// https, docker-image://, oci-layout://, ...) or a git SSH address.
func IsRemote(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@")
}

// DockerfilePath is where the target's Dockerfile is read on this
// machine: the dockerfile attribute (default Dockerfile) inside a local
// context, relative to the working directory when the context is, or the
// attribute itself when it is absolute. ok is false for an inline
// Dockerfile and for one read from a remote context.
func (t *Target) DockerfilePath() (path string, ok bool) {
	if t.DockerfileInline != nil {
		return "", false
	}
	context, dockerfile := ".", "Dockerfile"
	if t.Context != nil && *t.Context != "" {
		context = *t.Context
	}
	if t.Dockerfile != nil && *t.Dockerfile != "" {
		dockerfile = *t.Dockerfile
	}
	if filepath.IsAbs(dockerfile) {
		return dockerfile, true
	}
	if IsRemote(context) {
		return "", false
	}
	return filepath.Join(context, dockerfile), true
}

package hcl

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Project is every definition of the loaded files, evaluated: targets
// after matrix expansion and merging of duplicate definitions, but before
// inherits and --set (Resolve applies those to the selected targets).
type Project struct {
	// Files maps file names to parsed files, for rendering snippets.
	Files map[string]*hcl.File

	Targets     map[string]*Target
	TargetOrder []string
	Groups      map[string]*Group
	GroupOrder  []string
	Variables   []*Variable
	Builders    []*Builder

	// shadowed are matrix groups a group block of the same name
	// replaced: --list still shows them, as buildx does.
	shadowed []*Group
	opt      Options
	// includeDirs maps each included file to its folder (include.go).
	includeDirs map[string]string
}

// Parse parses and evaluates build files. It returns the project with
// every diagnostic found; the project is nil only when a file could not be
// parsed at all. Diagnostics are sorted by file and position.
//
// Compose files among them (see splitFiles) are loaded first: their
// services are targets that bake files' targets of the same name merge
// over, as in docker buildx bake.
func Parse(files []File, opt Options) (*Project, hcl.Diagnostics) {
	compose, aux, bake := splitFiles(files, opt.Env)
	parsed, parser, diags := parseFiles(bake)
	fileMap := parser.Files()
	composed, cdiags := readCompose(compose, aux, opt, fileMap)
	diags = append(diags, cdiags...)
	if diags.HasErrors() {
		return &Project{Files: fileMap, opt: opt}, sortDiags(diags, files)
	}
	ev := newEvaluator(opt)
	ev.files = fileMap
	ev.add(diags...)
	ev.collect(parsed)
	ev.registerFunctions()
	for _, name := range ev.order {
		ev.resolveGlobal(name, hcl.Range{})
	}
	ev.expandTargets()
	ev.evalTargets()
	dirs := includeDirs(files)
	ev.rebaseIncluded(dirs)
	ev.evalGroups()
	ev.mergeCompose(composed)

	p := &Project{
		Files:       fileMap,
		Targets:     make(map[string]*Target, len(ev.targets)),
		TargetOrder: ev.targetOrder,
		Groups:      ev.groups,
		GroupOrder:  ev.groupOrder,
		shadowed:    ev.shadowed,
		Builders:    ev.builders,
		opt:         ev.opt,
		includeDirs: dirs,
	}
	for name, inst := range ev.targets {
		p.Targets[name] = inst.t
	}
	for _, name := range ev.order {
		g := ev.globals[name]
		if g.kind != "variable" {
			continue
		}
		v := &Variable{Name: name, Description: g.vdef.description, Value: g.value, DefRange: g.block.DefRange}
		if g.vdef.typeExpr != nil {
			v.Type = string(g.vdef.typeExpr.Range().SliceBytes(fileMap[g.vdef.typeExpr.Range().Filename].Bytes))
		}
		p.Variables = append(p.Variables, v)
	}
	return p, sortDiags(ev.diags, files)
}

// sortDiags orders diagnostics by file (in load order) and offset; those
// without a position come last, in the order they were found.
func sortDiags(diags hcl.Diagnostics, files []File) hcl.Diagnostics {
	rank := map[string]int{}
	for i, f := range files {
		rank[f.Name] = i
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a != nil && b == nil
		case a.Filename != b.Filename:
			return rank[a.Filename] < rank[b.Filename]
		}
		return a.Start.Byte < b.Start.Byte
	})
	return diags
}

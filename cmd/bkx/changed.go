package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/gitinfo"
	"github.com/bkx-dev/bkx/internal/names"
	"github.com/bkx-dev/bkx/plan"
)

// changedSince says, for --changed-since REF, which targets of sel must
// be built and why (plan.Changed): the build files as they were at REF
// are resolved the same way, to compare each target's definition. files
// are the build files read now.
func (c *cli) changedSince(ref string, sel *hcl.Selection, files []hcl.File, opt hcl.Options, targets, set []string) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	repo, err := gitinfo.Open(ctx, c.wd, c.env)
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs the build in a git working tree: %w", err)
	}
	changed, err := repo.ChangedSince(ctx, ref)
	if err != nil {
		return nil, err
	}
	var then []hcl.File
	for _, f := range files {
		p := f.Name
		data, ok, err := repo.FileAt(ctx, ref, plan.Abs(c.wd, p))
		if err != nil {
			return nil, err
		}
		if ok {
			then = append(then, hcl.File{Name: f.Name, Data: data})
		}
	}
	var before *hcl.Selection
	if len(then) > 0 {
		if project, diags := hcl.Parse(then, opt); !diags.HasErrors() && project.Targets != nil {
			if s, diags := project.ResolveForBuild(targets, set); !diags.HasErrors() {
				before = s
			}
		}
	}
	return plan.Changed(sel, before, changed, c.wd)
}

// keepChanged narrows a build's selection to the changed targets: an
// unchanged target that a changed one uses through a target: context stays,
// as a context only; the others go.
func keepChanged(sel *hcl.Selection, reasons map[string]string) {
	needed := map[string]bool{}
	var need func(string)
	need = func(name string) {
		t := sel.Targets[name]
		if t == nil || needed[name] {
			return
		}
		needed[name] = true
		for _, k := range names.SortedKeys(t.Contexts) {
			if v := t.Contexts[k]; v != nil && strings.HasPrefix(*v, "target:") {
				need(strings.TrimPrefix(*v, "target:"))
			}
		}
	}
	for name := range reasons {
		need(name)
	}
	var order []string
	for _, name := range sel.Order {
		t := sel.Targets[name]
		switch {
		case reasons[name] != "":
			order = append(order, name)
		case needed[name]:
			if !t.Linked {
				t.Linked = true
				t.Output = []hcl.Entry{{"type": "cacheonly"}}
			}
			order = append(order, name)
		default:
			delete(sel.Targets, name)
		}
	}
	sel.Order = order
	for _, g := range sel.Groups {
		g.Targets = slices.DeleteFunc(slices.Clone(g.Targets), func(n string) bool { return sel.Targets[n] == nil })
	}
}

// writeReasons prints why each kept target is built.
func writeReasons(w io.Writer, ref string, reasons map[string]string) {
	if len(reasons) == 0 {
		fmt.Fprintf(w, "Nothing changed since %s: no target to build.\n", ref)
		return
	}
	fmt.Fprintf(w, "Changed since %s\n", ref)
	for _, name := range names.SortedKeys(reasons) {
		fmt.Fprintf(w, "  %s: %s\n", name, reasons[name])
	}
}

package plan

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/patternmatcher"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// Changed says which targets of sel have to be built again since a git
// ref (--changed-since): a target whose inputs changed (a file of its
// context that its .dockerignore lets in, its Dockerfile, a file of a
// local named context), whose resolved definition differs from the one at
// the ref (before; a target missing there is new), and every target that
// uses one of those (target: contexts, depends_on). changed are the
// changed files, absolute; local paths are relative to workdir. The
// reasons are keyed by target name; a target without one is unchanged.
func Changed(sel, before *bake.Selection, changed []string, workdir string) (map[string]string, error) {
	abs := func(p string) string {
		return filepath.Clean(Abs(workdir, p))
	}
	reasons := map[string]string{}
	for _, name := range sel.Order {
		t := sel.Targets[name]
		if r, err := inputChanged(t, changed, abs); err != nil {
			return nil, err
		} else if r != "" {
			reasons[name] = r
			continue
		}
		var was *bake.Target
		if before != nil {
			was = before.Targets[name]
		}
		switch {
		case was == nil:
			reasons[name] = "new since the ref"
		case !bytes.Equal(definition(t), definition(was)):
			reasons[name] = "its definition changed"
		}
	}
	g := &graph{sel: sel, order: slices.Clone(sel.Order)}
	g.edges()
	sorted, _ := g.topo()
	for _, name := range sorted {
		if reasons[name] != "" {
			continue
		}
		for _, e := range g.deps[name] {
			if reasons[e.to] != "" {
				reasons[name] = fmt.Sprintf("uses %s, which changed", e.to)
				break
			}
		}
	}
	return reasons, nil
}

// definition is a target as --print prints it, for comparing.
func definition(t *bake.Target) []byte {
	return (&bake.Selection{Groups: map[string]*bake.Group{}, Targets: map[string]*bake.Target{t.Name: t}}).Print()
}

// inputChanged names the first changed input of t, or "".
func inputChanged(t *bake.Target, changed []string, abs func(string) string) (string, error) {
	if p, ok := t.DockerfilePath(); ok && slices.Contains(changed, abs(p)) {
		return "Dockerfile " + p + " changed", nil
	}
	dockerfile := "Dockerfile"
	if t.Dockerfile != nil && *t.Dockerfile != "" {
		dockerfile = *t.Dockerfile
	}
	if t.Context != nil && isLocal(*t.Context) {
		dir := abs(*t.Context)
		if f, err := changedIn(dir, dockerfile, t.DockerfileInline != nil, changed); err != nil {
			return "", err
		} else if f != "" {
			return "context file " + f + " changed", nil
		}
	}
	for _, k := range names.SortedKeys(t.Contexts) {
		if v := t.Contexts[k]; v != nil && isLocal(*v) {
			if f, err := changedIn(abs(*v), "", true, changed); err != nil {
				return "", err
			} else if f != "" {
				return "named context " + k + ": " + f + " changed", nil
			}
		}
	}
	return "", nil
}

// changedIn is the first changed file below dir that the build context
// holds (its .dockerignore applied), relative to dir; "" for none.
func changedIn(dir, dockerfile string, inline bool, changed []string) (string, error) {
	var inside []string
	for _, c := range changed {
		if rel, err := filepath.Rel(dir, c); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			inside = append(inside, filepath.ToSlash(rel))
		}
	}
	if len(inside) == 0 {
		return "", nil
	}
	patterns, err := DockerIgnore(dir, dockerfile, inline)
	if err != nil {
		return "", err
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return "", fmt.Errorf("%s/.dockerignore: %w", dir, err)
	}
	slices.Sort(inside)
	for _, rel := range inside {
		if ok, _ := pm.MatchesOrParentMatches(rel); !ok {
			return rel, nil
		}
	}
	return "", nil
}

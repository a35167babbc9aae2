package hcl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/containerd/platforms"
	"github.com/docker/go-units"
	"github.com/hashicorp/hcl/v2"
)

// annotationLevels are the places an annotation can go.
var annotationLevels = []string{"manifest", "index", "manifest-descriptor", "index-descriptor"}

// validate checks the values buildx checks while resolving, so that a
// mistake is reported at its attribute before anything runs: platforms,
// ulimits, shm-size, annotations, and stdin where bake cannot read it.
func (t *Target) validate() hcl.Diagnostics {
	var diags hcl.Diagnostics
	bad := func(attr, summary, detail string) {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf("Target %q: %s", t.Name, detail)}
		if r, ok := t.Ranges[attr]; ok && r.Filename != "" {
			d.Subject = r.Ptr()
		}
		diags = append(diags, d)
	}
	for _, list := range t.Platforms {
		for _, p := range strings.Split(list, ",") {
			if p == "local" {
				continue
			}
			if _, err := platforms.Parse(p); err != nil {
				bad("platforms", "Invalid platform", fmt.Sprintf("%q is not a platform (%v). Write os/arch[/variant], such as linux/arm64, or \"local\".", p, err))
			}
		}
	}
	for _, u := range t.Ulimits {
		if _, err := units.ParseUlimit(u); err != nil {
			bad("ulimits", "Invalid ulimit", fmt.Sprintf("%q: %v. Write name=soft[:hard], such as nofile=1024:2048.", u, err))
		}
	}
	if t.ShmSize != nil {
		if _, err := units.RAMInBytes(*t.ShmSize); err != nil {
			bad("shm-size", "Invalid shm-size", fmt.Sprintf("%q is not a size. Write a number of bytes with an optional unit, such as 64m or 1g.", *t.ShmSize))
		}
	}
	for _, a := range t.Annotations {
		key, _, ok := strings.Cut(a, "=")
		if !ok {
			bad("annotations", "Invalid annotation", fmt.Sprintf("%q is not key=value.", a))
			continue
		}
		if levels, _, ok := strings.Cut(key, ":"); ok {
			for _, l := range strings.Split(levels, ",") {
				if i := strings.Index(l, "["); i >= 0 {
					l = l[:i] // manifest[linux/amd64]
				}
				if !slices.Contains(annotationLevels, l) {
					bad("annotations", "Invalid annotation", fmt.Sprintf("%q: unknown annotation level %q; use %s.", a, l, strings.Join(annotationLevels, ", ")))
				}
			}
		}
	}
	for _, e := range t.Secret {
		if e["id"] == "" {
			bad("secret", "Secret without an id", "a secret needs an id, as in \"id=token,src=./token.txt\" or \"id=token,env=TOKEN\".")
			break
		}
	}
	if t.Context != nil && *t.Context == "-" {
		bad("context", "Context from stdin", "bake cannot read a context from standard input. Name a directory or URL.")
	}
	if t.Dockerfile != nil && *t.Dockerfile == "-" {
		bad("dockerfile", "Dockerfile from stdin", "bake cannot read a Dockerfile from standard input. Name a file, or use dockerfile-inline.")
	}
	return diags
}

package plan

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// checkUnapplied refuses, at its attribute, what a build file asks for
// that bkx cannot apply, rather than build without it: --print shows
// these attributes as buildx does, but a build must not silently drop
// them.
//   - resources (per-step memory and CPU limits, buildx v0.35): the
//     BuildKit bkx builds with (v0.34) has no per-step limits.
//   - policy (Rego source policies, which buildx evaluates itself): bkx
//     has no policy engine; an entry with disabled=true asks for nothing.
func checkUnapplied(sel *bake.Selection) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, name := range sel.Order {
		t := sel.Targets[name]
		if len(t.Resources) > 0 {
			diags = append(diags, errorAt(t, "resources", "Per-step resource limits are not applied",
				fmt.Sprintf("Target %q sets resources (%s), but the BuildKit bkx builds with (v0.34) has no per-step limits, so bkx would build without them. Remove resources, or limit the whole builder (docker-container driver options memory, memory-swap, cpu-quota, cpu-period, cpu-shares, cpuset-cpus; kubernetes limits.cpu, limits.memory).", t.Name, names.Quoted(names.SortedKeys(t.Resources)))))
		}
		for _, p := range t.Policy {
			if p["disabled"] == "true" {
				continue
			}
			diags = append(diags, errorAt(t, "policy", "Source policies are not applied",
				fmt.Sprintf("Target %q has a policy entry, but bkx has no policy engine (docker buildx bake evaluates Rego source policies itself), so bkx would build without it. Build this target with docker buildx bake, or remove the entry (disabled=true is accepted).", t.Name)))
			break
		}
	}
	return diags
}

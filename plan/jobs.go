package plan

import (
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
)

// Job is one CI job of `bkx matrix`: a target (or one platform of it)
// built by its own bkx process, after the jobs it needs.
type Job struct {
	// ID is stable across runs and safe as a CI job name.
	ID        string   `json:"id"`
	Target    string   `json:"target"`
	Platforms []string `json:"platforms"`
	// Wave is 0 for a job without dependencies; every job a job needs is
	// in a lower wave.
	Wave  int      `json:"wave"`
	Needs []string `json:"needs"`
	// Run is the bkx command line the job runs.
	Run string `json:"run"`
	// Publish is true for the job that joins a split target's shards.
	Publish bool `json:"publish,omitempty"`
	// Shard is the platform a shard job builds.
	Shard string `json:"shard,omitempty"`
}

// JobOptions say how jobs are cut and what they run.
type JobOptions struct {
	// SplitPlatforms gives a target of several platforms one job per
	// platform (`bkx bake T --shard P`) and a final `bkx publish T` job.
	SplitPlatforms bool
	// Bake and Publish are the command lines a job starts with, such as
	// "bkx bake -f docker-bake.hcl" (the target and flags are added).
	Bake, Publish string
	// Keep, when set, are the targets that get jobs (--changed-since);
	// the others are left out, and nothing waits for them.
	Keep map[string]bool
}

var unsafeID = regexp.MustCompile(`[^a-zA-Z0-9_-]+`)

// JobID is a job's id: the target, and for a shard its platform, with
// anything but letters, digits, "_" and "-" turned into "-".
func JobID(target, platform string) string {
	if platform == "" {
		return target
	}
	return target + "-" + strings.Trim(unsafeID.ReplaceAllString(platform, "-"), "-")
}

// Jobs cuts a selection into CI jobs in waves: a target's job comes after
// the jobs of the targets it uses (target: contexts, depends_on).
func Jobs(sel *bake.Selection, opt JobOptions) ([]Job, hcl.Diagnostics) {
	g := &graph{sel: sel, order: slices.Clone(sel.Order)}
	diags := g.edges()
	sorted, d := g.topo()
	if diags = append(diags, d...); diags.HasErrors() {
		return nil, diags
	}
	wave := map[string]int{}     // target → wave of its (last) job
	ids := map[string][]string{} // target → the ids a dependent needs
	var jobs []Job
	for _, name := range sorted {
		if opt.Keep != nil && !opt.Keep[name] {
			continue
		}
		t := sel.Targets[name]
		w := 0
		var needs []string
		for _, e := range g.deps[name] {
			if opt.Keep != nil && !opt.Keep[e.to] {
				continue
			}
			w = max(w, wave[e.to]+1)
			for _, id := range ids[e.to] {
				if !slices.Contains(needs, id) {
					needs = append(needs, id)
				}
			}
		}
		if needs == nil {
			needs = []string{}
		}
		plats := slices.Clone(t.Platforms)
		if plats == nil {
			plats = []string{}
		}
		if opt.SplitPlatforms && len(plats) > 1 {
			var shards []string
			for _, p := range plats {
				id := JobID(name, p)
				shards = append(shards, id)
				jobs = append(jobs, Job{ID: id, Target: name, Platforms: []string{p}, Wave: w, Needs: needs,
					Run: opt.Bake + " " + name + " --shard " + p, Shard: p})
			}
			id := JobID(name, "") + "-publish"
			jobs = append(jobs, Job{ID: id, Target: name, Platforms: plats, Wave: w + 1, Needs: shards,
				Run: opt.Publish + " " + name, Publish: true})
			wave[name] = w + 1
			ids[name] = []string{id}
			continue
		}
		jobs = append(jobs, Job{ID: JobID(name, ""), Target: name, Platforms: plats, Wave: w, Needs: needs,
			Run: opt.Bake + " " + name})
		wave[name] = w
		ids[name] = []string{JobID(name, "")}
	}
	slices.SortStableFunc(jobs, func(a, b Job) int { return a.Wave - b.Wave })
	return jobs, diags
}

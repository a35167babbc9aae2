package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/spf13/cobra"

	"github.com/bkx-dev/bkx/exec"
	"github.com/bkx-dev/bkx/hcl"
)

// runID is the CI run that shard and publish jobs belong to: --run-id,
// else GITHUB_RUN_ID, else CI_PIPELINE_ID.
func runID(flag string, env map[string]string) (string, error) {
	for _, v := range []string{flag, env["GITHUB_RUN_ID"], env["CI_PIPELINE_ID"]} {
		if v != "" {
			return v, nil
		}
	}
	return "", fmt.Errorf("shard and publish jobs need the CI run they belong to: give --run-id, or run them where GITHUB_RUN_ID or CI_PIPELINE_ID is set")
}

// applyShard makes a selection one shard job's work (`bkx bake TARGET
// --shard PLATFORM`): the one target named builds only that platform
// and pushes it under the run's staging tag (exec.ShardTag) in each
// repository of its tags, never under the tags themselves; `bkx publish
// TARGET` tags it later, with the other platforms.
func applyShard(sel *hcl.Selection, platform, run string) error {
	var named []string
	for _, n := range sel.Order {
		if !sel.Targets[n].Linked {
			named = append(named, n)
		}
	}
	if len(named) != 1 {
		return fmt.Errorf("--shard builds one platform of one target, but %d are selected (%s): name one target", len(named), strings.Join(named, ", "))
	}
	t := sel.Targets[named[0]]
	want, err := platforms.Parse(platform)
	if err != nil {
		return fmt.Errorf("--shard %s: %v", platform, err)
	}
	// is tells a platform as written from the shard's (linux/arm64 is
	// linux/arm64/v8).
	is := func(p string) bool {
		pl, err := platforms.Parse(p)
		return err == nil && platforms.Format(platforms.Normalize(pl)) == platforms.Format(platforms.Normalize(want))
	}
	if !slices.ContainsFunc(t.Platforms, is) {
		return fmt.Errorf("--shard %s: target %q builds %s, not %s", platform, t.Name, strings.Join(t.Platforms, ", "), platform)
	}
	if len(t.Tags) == 0 {
		return fmt.Errorf("--shard: target %q has no tags; a shard is pushed beside the target's tags, so give it tags", t.Name)
	}
	refs, err := exec.ShardRefs(t.Tags, run, t.Name, platform)
	if err != nil {
		return err
	}
	t.Platforms = []string{platform}
	t.Output = []hcl.Entry{{"type": "image", "name": strings.Join(refs, ","), "push": "true"}}
	// What it uses through target: contexts is needed for that platform
	// only.
	for _, n := range sel.Order {
		if d := sel.Targets[n]; d.Linked && slices.ContainsFunc(d.Platforms, is) {
			d.Platforms = []string{platform}
		}
	}
	return nil
}

type publishFlags struct {
	files, set, vars []string
	runID            string
}

func (c *cli) newPublishCommand() *cobra.Command {
	var f publishFlags
	cmd := &cobra.Command{
		Use:   "publish [OPTIONS] TARGET...",
		Short: "Push one index of a target's platforms, built by shard jobs, under its tags",
		Long: `Push one index of every platform of each target under its tags, from the
shards that jobs of this CI run pushed (bkx bake TARGET --shard PLATFORM).
When a platform's shard is missing, nothing is tagged and the missing
platform is named. The run is --run-id, else GITHUB_RUN_ID, else
CI_PIPELINE_ID.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runPublish(&f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.files, "file", "f", nil, "Build definition file (repeatable), as the shard jobs had")
	fl.StringArrayVar(&f.set, "set", nil, "Override a target value, as the shard jobs had")
	fl.StringArrayVar(&f.vars, "var", nil, "Set a variable, as the shard jobs had")
	fl.StringVar(&f.runID, "run-id", "", "The CI run (default: GITHUB_RUN_ID, else CI_PIPELINE_ID)")
	return cmd
}

func (c *cli) runPublish(f *publishFlags, targets []string) error {
	run, err := runID(f.runID, c.env)
	if err != nil {
		return err
	}
	rs, err := c.resolveSelection(f.files, f.set, f.vars, targets)
	if err != nil {
		return err
	}
	if err := report(c.stderr, rs.files, rs.diags); err != nil {
		return err
	}
	sel := rs.sel
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	failed := false
	for _, name := range targets {
		t := sel.Targets[name]
		if t == nil {
			return fmt.Errorf("no target %q in the selection", name)
		}
		d, err := exec.Publish(ctx, c.env, run, t.Name, t.Tags, t.Platforms)
		if err != nil {
			fmt.Fprintf(c.stderr, "error: %v\n", err)
			failed = true
			continue
		}
		fmt.Fprintf(c.stdout, "%s: pushed %s (%s) as %s\n", t.Name, d, strings.Join(t.Platforms, ", "), strings.Join(t.Tags, ", "))
	}
	if failed {
		return exitError{code: 1}
	}
	return nil
}

// applyRunCache wires a CI run's registry cache (`--run-cache REPO`, what
// `bkx matrix --run-cache REPO` gives every job): each target the job
// builds exports its cache to REPO:bkx-cache-RUN-TARGET (a shard job's,
// REPO:bkx-cache-RUN-TARGET-PLATFORM), and every target of the selection,
// the dependencies that earlier jobs built included, imports from both
// forms, so a dependency built in an earlier job is cache hits here
// instead of a rebuild. shard is the platform of a shard job, or "".
func applyRunCache(sel *hcl.Selection, repo, run, shard string, env map[string]string) error {
	if named, err := reference.ParseNormalizedNamed(repo); err != nil || !reference.IsNameOnly(named) {
		return fmt.Errorf("--run-cache %s: name a repository without tag, such as localhost:5000/acme/ci-cache", repo)
	}
	// A target: dependency is solved in its user's solve, with the user's
	// cache imports: every target imports every cache of the selection
	// that earlier jobs wrote (those that do not exist yet are left out,
	// which keeps BuildKit's "not found" errors out of the CI log).
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var from []hcl.Entry
	for _, name := range sel.Order {
		refs := []string{exec.RunCacheRef(repo, run, name, "")}
		for _, p := range sel.Targets[name].Platforms {
			refs = append(refs, exec.RunCacheRef(repo, run, name, p))
		}
		for _, ref := range refs {
			if exec.RefExists(ctx, env, ref) {
				from = append(from, hcl.Entry{"type": "registry", "ref": ref})
			}
		}
	}
	for _, name := range sel.Order {
		t := sel.Targets[name]
		t.CacheFrom = append(t.CacheFrom, from...)
		if !t.Linked {
			t.CacheTo = append(t.CacheTo, hcl.Entry{"type": "registry", "ref": exec.RunCacheRef(repo, run, name, shard), "mode": "max"})
		}
	}
	return nil
}

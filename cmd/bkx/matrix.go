package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	hcl2 "github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

type matrixFlags struct {
	files        []string
	set          []string
	vars         []string
	format       string
	wave         int
	split        string
	strict       bool
	command      string
	runCache     string
	changedSince string
}

func (c *cli) newMatrixCommand() *cobra.Command {
	f := matrixFlags{wave: -1}
	cmd := &cobra.Command{
		Use:   "matrix [OPTIONS] [TARGET...]",
		Short: "Print the selected targets as CI jobs, in waves, for a CI matrix",
		Long: `Print the selected targets as CI jobs: each job has an id (stable, safe as a
CI job name), its target and platforms, its wave (0 for jobs without
dependencies; every job it needs is in a lower wave), the ids it needs and
the bkx command line it runs.

  --format json     {"jobs": [...]} (default)
  --format github   {"include": [...]}, for strategy.matrix (one matrix job per wave: --wave N)
  --format gitlab   a child pipeline with one stage per wave and needs:

--split platforms gives a target of several platforms one job per platform
(bkx bake TARGET --shard PLATFORM, pushed by digest) and a final job that
publishes one index under the tags (bkx publish TARGET).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runMatrix(&f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.files, "file", "f", nil, "Build definition file (repeatable); passed on to every job")
	fl.StringArrayVar(&f.set, "set", nil, "Override a target value: TARGET.KEY=VALUE (repeatable); passed on to every job")
	fl.StringArrayVar(&f.vars, "var", nil, "Set a variable: NAME=VALUE (repeatable); passed on to every job")
	fl.StringVar(&f.format, "format", "json", "json, github or gitlab")
	fl.IntVar(&f.wave, "wave", -1, "Keep only the jobs of this wave")
	fl.StringVar(&f.split, "split", "", "platforms: one job per (target, platform)")
	fl.BoolVar(&f.strict, "strict", false, "Make every warning an error")
	fl.StringVar(&f.command, "command", "bkx", "The command that runs bkx in the jobs")
	fl.StringVar(&f.changedSince, "changed-since", "", "Only the jobs of targets whose inputs or definition changed since this git ref, and of those that use them")
	fl.StringVar(&f.runCache, "run-cache", "", "A registry repository the jobs share their build cache through (bkx bake --run-cache): a job reuses what the jobs it needs built")
	return cmd
}

func (c *cli) runMatrix(f *matrixFlags, targets []string) error {
	switch f.format {
	case "json", "github", "gitlab":
	default:
		return fmt.Errorf("invalid --format %s: use json, github or gitlab", f.format)
	}
	if f.split != "" && f.split != "platforms" {
		return fmt.Errorf("invalid --split %s: the one split is platforms", f.split)
	}
	rs, err := c.resolveSelection(f.files, f.set, f.vars, targets)
	if err != nil {
		return err
	}
	sel, files, diags := rs.sel, rs.files, rs.diags
	if f.strict {
		strictDiags(diags)
	}
	if diags.HasErrors() {
		return report(c.stderr, files, diags)
	}
	// The -f, --var and --set every job is given, as the matrix was.
	var flags string
	for _, x := range f.files {
		flags += " -f " + shellQuote(x)
	}
	for _, x := range f.vars {
		flags += " --var " + shellQuote(x)
	}
	for _, x := range f.set {
		flags += " --set " + shellQuote(x)
	}
	bake := f.command + " bake" + flags
	if f.runCache != "" {
		bake += " --run-cache " + shellQuote(f.runCache)
	}
	jopt := plan.JobOptions{SplitPlatforms: f.split == "platforms", Bake: bake, Publish: f.command + " publish" + flags}
	if f.changedSince != "" {
		reasons, err := c.changedSince(f.changedSince, sel, rs.srcs, rs.opt, rs.targets, f.set)
		if err != nil {
			return err
		}
		writeReasons(c.stderr, f.changedSince, reasons)
		jopt.Keep = map[string]bool{}
		for name := range reasons {
			jopt.Keep[name] = true
		}
	}
	jobs, jd := plan.Jobs(sel, jopt)
	if err := report(c.stderr, files, append(diags, jd...)); err != nil {
		return err
	}
	if f.wave >= 0 {
		var kept []plan.Job
		for _, j := range jobs {
			if j.Wave == f.wave {
				kept = append(kept, j)
			}
		}
		jobs = kept
	}
	if jobs == nil {
		jobs = []plan.Job{}
	}
	switch f.format {
	case "gitlab":
		return writeGitLab(c.stdout, jobs)
	case "github":
		return writeJSON(c.stdout, map[string]any{"include": jobs})
	default:
		return writeJSON(c.stdout, map[string]any{"jobs": jobs})
	}
}

// resolved is what resolveSelection read and resolved.
type resolved struct {
	sel     *hcl.Selection
	files   map[string]*hcl2.File
	diags   hcl2.Diagnostics
	srcs    []hcl.File
	opt     hcl.Options
	targets []string // after a remote definition's URLs
}

// resolveSelection reads, parses and resolves the build files as `bkx
// bake` does for a build (depends_on included).
func (c *cli) resolveSelection(fileArgs, set, vars []string, targets []string) (*resolved, error) {
	opt, err := parseOptions(&bakeFlags{vars: vars}, c.env)
	if err != nil {
		return nil, err
	}
	fsys, targets, cleanup, err := c.buildFiles(context.Background(), targets, &opt)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	r := &resolved{opt: opt, targets: targets}
	r.srcs, r.diags = hcl.ReadFiles(fsys, fileArgs, c.env, c.stdin)
	if r.diags.HasErrors() {
		return r, nil
	}
	project, d := hcl.Parse(r.srcs, opt)
	r.diags, r.files = append(r.diags, d...), project.Files
	if project.Targets == nil {
		return r, nil
	}
	sel, d := project.ResolveForBuild(targets, set)
	r.sel, r.diags = sel, append(r.diags, d...)
	return r, nil
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// writeGitLab writes a child pipeline: one stage per wave, each job with
// its needs and its command.
func writeGitLab(w io.Writer, jobs []plan.Job) error {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	var b strings.Builder
	b.WriteString("# Generated by bkx matrix --format gitlab: a child pipeline, one stage per wave.\n")
	b.WriteString("stages:\n")
	seen := map[int]bool{}
	for _, j := range jobs {
		if !seen[j.Wave] {
			seen[j.Wave] = true
			fmt.Fprintf(&b, "  - %s\n", q("wave-"+strconv.Itoa(j.Wave)))
		}
	}
	if len(jobs) == 0 {
		// GitLab refuses a pipeline without jobs: one that says so.
		b.WriteString("  - nothing\nnothing-to-build:\n  stage: nothing\n  script:\n    - echo nothing to build\n")
	}
	for _, j := range jobs {
		fmt.Fprintf(&b, "%s:\n  stage: %s\n  needs: [", q(j.ID), q("wave-"+strconv.Itoa(j.Wave)))
		for i, n := range j.Needs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q(n))
		}
		fmt.Fprintf(&b, "]\n  script:\n    - %s\n", q(j.Run))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shellQuote quotes an argument for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

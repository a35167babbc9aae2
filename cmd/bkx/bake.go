package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/containerd/console"
	dockerclient "github.com/docker/docker/client"
	hcl2 "github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"github.com/tonistiigi/go-csvvalue"

	"github.com/bkx-dev/bkx/drivers"
	_ "github.com/bkx-dev/bkx/drivers/all"
	"github.com/bkx-dev/bkx/exec"
	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/dockerhost"
	"github.com/bkx-dev/bkx/plan"
)

type bakeFlags struct {
	files        []string
	set          []string
	vars         []string
	print        bool
	list         string
	maxTargets   int
	push, load   bool
	noCache      bool
	pull         bool
	call         string
	callMethod   string // --call's method, as buildx reads it
	callJSON     bool   // --call ...,format=json
	sbom         string
	provenance   string
	plan         string
	builder      string
	allow        []string
	progress     string
	parallelism  int
	keepGoing    bool
	retries      int
	metadataFile string
	report       string // --report FILE.html
	shard        string // --shard PLATFORM
	runID        string // --run-id
	runCache     string // --run-cache REPO
	changedSince string // --changed-since REF
	publish      string // --publish
	strict       bool
	check        bool
	granted      plan.Allow // --allow, parsed
}

func (c *cli) newBakeCommand() *cobra.Command {
	var f bakeFlags
	cmd := &cobra.Command{
		Use:   "bake [OPTIONS] [URL [CONTEXT-URL]] [TARGET...]",
		Short: "Resolve and build targets from build files",
		Long: `Resolve and build targets from build files.

Without -f, bkx loads every one of these that exists, merged in this order:
build.hcl, build.json, build.override.hcl, build.override.json,
docker-bake.json, docker-bake.hcl, docker-bake.override.json,
docker-bake.override.hcl. BUILDX_BAKE_FILE names files when -f is not given.

A git URL first (git://, ssh://, git@host:repo, https://host/repo.git, with
#REF[:SUBDIR]) or the URL of a tar archive reads the build files from there
instead, as docker buildx bake does: the remote is every target's default
context, and -f cwd://FILE adds a local file. BUILDX_BAKE_GIT_AUTH_TOKEN,
BUILDX_BAKE_GIT_AUTH_HEADER and BUILDX_BAKE_GIT_SSH authenticate.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runBake(cmd, &f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.files, "file", "f", nil, "Build definition file (repeatable; - reads standard input)")
	fl.StringArrayVar(&f.set, "set", nil, "Override a target value: TARGET.KEY=VALUE (repeatable; TARGET may be a glob)")
	fl.StringArrayVar(&f.vars, "var", nil, "Set a variable: NAME=VALUE (repeatable; wins over the environment)")
	fl.BoolVar(&f.print, "print", false, "Print the resolved targets as JSON and do not build")
	fl.StringVar(&f.list, "list", "", "List targets or variables: targets|variables, or type=targets,format=json")
	fl.IntVar(&f.maxTargets, "max-targets", 0, fmt.Sprintf("Limit on targets a matrix may generate (default %d, or BKX_MAX_TARGETS)", hcl.DefaultMaxTargets))
	fl.BoolVar(&f.push, "push", false, "Shorthand for --set=*.push=true")
	fl.BoolVar(&f.load, "load", false, "Shorthand for --set=*.load=true")
	fl.BoolVar(&f.noCache, "no-cache", false, "Do not use cache when building (--set=*.no-cache=true)")
	fl.BoolVar(&f.pull, "pull", false, "Always pull referenced images (--set=*.pull=true)")
	fl.StringVar(&f.call, "call", "", "Frontend method: build, check, outline or targets (--set=*.call=METHOD)")
	fl.StringVar(&f.sbom, "sbom", "", "Shorthand for --set=*.attest=type=sbom (true, false, or generator=IMAGE,...)")
	fl.StringVar(&f.provenance, "provenance", "", "Shorthand for --set=*.attest=type=provenance (true, false, min, max, or mode=max,...)")
	fl.StringVar(&f.plan, "plan", "", "Print the checked plan and do not build: text (default), json or dot")
	fl.Lookup("plan").NoOptDefVal = "text"
	fl.StringVar(&f.progress, "progress", "auto", "Progress output: auto, tty, plain, quiet, none or rawjson")
	fl.BoolVar(&f.check, "check", false, "Shorthand for --call=check")
	fl.StringVar(&f.shard, "shard", "", "Build one platform of the target and push it for bkx publish (a CI job of bkx matrix --split platforms)")
	fl.StringVar(&f.runID, "run-id", "", "The CI run of --shard and --run-cache (default: GITHUB_RUN_ID, else CI_PIPELINE_ID)")
	fl.StringVar(&f.publish, "publish", "", "atomic: push every image by digest, and write the tags only once every target has succeeded (or BKX_PUBLISH=atomic)")
	fl.StringVar(&f.changedSince, "changed-since", "", "Build only the targets whose inputs or definition changed since this git ref, and those that use them")
	fl.StringVar(&f.runCache, "run-cache", "", "Share a CI run's build cache through this registry repository: what earlier jobs built is reused")
	fl.IntVar(&f.parallelism, "parallelism", 0, fmt.Sprintf("Concurrent builds per node (default %d)", exec.DefaultParallelism))
	fl.IntVar(&f.retries, "retries", 1, "When a node stops answering, retry its unfinished work on another node this many times")
	fl.BoolVar(&f.keepGoing, "keep-going", false, "After a failure, keep building what does not depend on it")
	fl.StringVar(&f.metadataFile, "metadata-file", "", "Write each target's build result (digest, image name, build ref, node) to this JSON file")
	fl.StringVar(&f.report, "report", "", "Write an HTML page of the build (a timeline per node, the summary, the warnings) to this file, failed builds included")
	fl.BoolVar(&f.strict, "strict", false, "Make every warning an error, such as an attribute docker buildx bake ignores (or BKX_STRICT=1)")
	fl.StringArrayVar(&f.allow, "allow", nil, "Grant an entitlement: network.host, security.insecure, device[=NAME], ssh, fs=PATH, fs.read=PATH, fs.write=PATH (or =*), image[.push|.load]=NAME")
	return cmd
}

func (c *cli) runBake(cmd *cobra.Command, f *bakeFlags, targets []string) error {
	loadStart := time.Now()
	if err := f.validate(c.env, c.wd); err != nil {
		return err
	}
	opt, err := parseOptions(f, c.env)
	if err != nil {
		return err
	}
	fsys, targets, cleanup, err := c.buildFiles(context.Background(), targets, &opt)
	defer cleanup()
	if err != nil {
		return err
	}
	ld, err := c.loadSelection(cmd, f, fsys, targets, opt)
	if ld == nil || err != nil {
		return err
	}
	if f.list != "" {
		if err := f.reportDiags(c.stderr, ld.project.Files, ld.diags); err != nil {
			return err
		}
		return list(c.stdout, ld.project, f.list)
	}
	reasons, done, err := c.narrow(cmd, f, ld)
	if done || err != nil {
		return err
	}
	sel := ld.sel
	if sel != nil {
		if secrets := secretValues(sel, c.env, c.wd); len(secrets) > 0 {
			// Secret values never reach the log: the progress, the
			// summary and every error go through the masker (run()
			// flushes it).
			c.stderr = newMasker(c.stderr, secrets)
		}
		if f.print || f.plan != "" {
			// A build checks them in plan.Build (CheckFiles).
			ld.diags = append(ld.diags, plan.CheckLocalFiles(sel, c.wd, c.env)...)
		}
	}
	if f.print || sel == nil {
		if err := f.reportDiags(c.stderr, ld.project.Files, ld.diags); err != nil {
			return err
		}
	}
	if f.print {
		_, err := c.stdout.Write(sel.Print())
		return err
	}
	planStart := time.Now()
	p, live, bset, err := c.planBake(f, ld)
	if live != nil {
		defer live.close()
	}
	if err != nil {
		return err
	}
	if f.plan != "" {
		return writePlan(c.stdout, f, p, reasons)
	}
	nodes := map[string]bool{}
	for _, st := range p.Steps {
		nodes[st.Builder+"/"+st.Node] = true
	}
	if f.changedSince != "" && f.progress != "quiet" {
		writeReasons(c.stderr, f.changedSince, reasons)
	}
	steps := []exec.ClientStep{
		{Name: "loading build files and resolving " + plural(len(sel.Targets), "target"), Started: loadStart, Finished: planStart},
		{Name: fmt.Sprintf("checking the plan: %s on %s", plural(len(p.Steps), "step"), plural(len(nodes), "node")), Started: planStart, Finished: time.Now()},
	}
	return c.build(p, f, live, steps, sel, bset.files)
}

// validate checks the flags that do not need the build files, and reads
// the environment variables that stand for flags.
func (f *bakeFlags) validate(env map[string]string, wd string) error {
	var err error
	if f.print && f.list != "" {
		return fmt.Errorf("--print and --list are mutually exclusive: give one")
	}
	if f.granted, err = plan.ParseAllow(f.allow, wd); err != nil {
		return err
	}
	if f.publish == "" {
		f.publish = env["BKX_PUBLISH"]
	}
	if f.publish != "" && f.publish != "atomic" {
		return fmt.Errorf("invalid --publish=%s: the one mode is atomic (or leave it out: each target tags as it finishes)", f.publish)
	}
	if f.check {
		if f.call != "" && f.call != "check" {
			return fmt.Errorf("--check is --call=check: give one of --check and --call=%s", f.call)
		}
		f.call = "check"
	}
	switch f.progress {
	case "none":
		f.progress = "quiet" // nothing but errors, as buildx's none
	case "auto", "tty", "plain", "quiet", "rawjson":
	default:
		return fmt.Errorf("invalid --progress=%s: use auto, tty, plain, quiet, none or rawjson", f.progress)
	}
	if f.call != "" {
		if f.callMethod, f.callJSON, err = parseCall(f.call); err != nil {
			return err
		}
	}
	if !f.strict {
		if f.strict, err = envBool(env, "BKX_STRICT", "makes every warning an error"); err != nil {
			return err
		}
	}
	// The plan reads these two (plan.Builder.DefaultProvenance,
	// DefaultLoad); a value that is not a boolean is refused here.
	if _, err := envBool(env, "BUILDX_NO_DEFAULT_ATTESTATIONS", "builds without the default provenance attestation"); err != nil {
		return err
	}
	if _, err := envBool(env, "BUILDX_NO_DEFAULT_LOAD", "keeps targets without outputs out of docker on builders that load by default"); err != nil {
		return err
	}
	return nil
}

// report prints the diagnostics so far, warnings too, and returns the
// exit error when any is an error; --strict makes warnings errors.
func (f *bakeFlags) reportDiags(w io.Writer, files map[string]*hcl2.File, diags hcl2.Diagnostics) error {
	if f.strict {
		strictDiags(diags)
	}
	return report(w, files, diags)
}

// bakeLoad is what the build files resolved to.
type bakeLoad struct {
	targets []string
	opt     hcl.Options
	files   []hcl.File
	project *hcl.Project
	sel     *hcl.Selection
	diags   hcl2.Diagnostics
}

// loadSelection reads, parses and resolves the build files under the
// evaluation watchdog. A nil load with a nil error means the evaluation
// was stopped (the watchdog said why).
func (c *cli) loadSelection(cmd *cobra.Command, f *bakeFlags, fsys fs.FS, targets []string, opt hcl.Options) (*bakeLoad, error) {
	ld := &bakeLoad{targets: targets, opt: opt}
	files, rdiags := hcl.ReadFiles(fsys, f.files, c.env, c.stdin)
	if rdiags.HasErrors() {
		// The files read so far show the snippet (an include entry).
		src := map[string]*hcl2.File{}
		for _, f := range files {
			src[f.Name] = &hcl2.File{Bytes: f.Data}
		}
		return nil, f.reportDiags(c.stderr, src, rdiags)
	}
	ld.files = files
	wd, err := newEvalWatchdog(c.env)
	if err != nil {
		return nil, err
	}
	ld.opt.Trace = wd.trace
	aborted := false
	wd.run(func() {
		var pdiags hcl2.Diagnostics
		ld.project, pdiags = hcl.Parse(files, ld.opt)
		ld.diags = append(rdiags, pdiags...)
		if f.list == "" && ld.project.Targets != nil {
			// Resolve even after errors, so that one run reports them all.
			resolve := ld.project.Resolve
			if !f.print {
				resolve = ld.project.ResolveForBuild
			}
			var d hcl2.Diagnostics
			ld.sel, d = resolve(targets, append(cliOverrides(cmd, f), f.set...))
			ld.diags = append(ld.diags, d...)
		}
	}, func(msg string) {
		fmt.Fprint(c.stderr, msg)
		aborted = true
		c.exit(1)
	})
	if aborted {
		return nil, exitError{code: 1}
	}
	return ld, nil
}

// narrow makes the selection a CI job's work (--shard, --run-cache) and
// keeps only what changed (--changed-since: reasons); done is true when
// nothing changed and there is nothing more to do.
func (c *cli) narrow(cmd *cobra.Command, f *bakeFlags, ld *bakeLoad) (reasons map[string]string, done bool, err error) {
	sel := ld.sel
	if sel == nil || ld.diags.HasErrors() {
		return nil, false, nil
	}
	if f.shard != "" || f.runCache != "" {
		run, err := runID(f.runID, c.env)
		if err != nil {
			return nil, false, err
		}
		if f.shard != "" {
			if err := applyShard(sel, f.shard, run); err != nil {
				return nil, false, err
			}
		}
		if f.runCache != "" {
			if err := applyRunCache(sel, f.runCache, run, f.shard, c.env); err != nil {
				return nil, false, err
			}
		}
	}
	if f.changedSince == "" {
		return nil, false, nil
	}
	if reasons, err = c.changedSince(f.changedSince, sel, ld.files, ld.opt, ld.targets, append(cliOverrides(cmd, f), f.set...)); err != nil {
		return nil, false, err
	}
	keepChanged(sel, reasons)
	if len(reasons) == 0 && !f.print {
		writeReasons(c.stdout, f.changedSince, reasons)
		return reasons, true, nil
	}
	return reasons, false, nil
}

// planBake loads the builders and makes the checked plan. The live
// builders it returns are to be closed by the caller, also on error.
func (c *cli) planBake(f *bakeFlags, ld *bakeLoad) (*plan.Plan, *liveBuilders, *builderSet, error) {
	f.builder = c.builder
	if f.builder == "" {
		f.builder = c.env["BUILDX_BUILDER"]
	}
	bset, bdiags := c.loadBuilders(ld.project, ld.opt)
	diags := append(ld.diags, bdiags...)
	bset.addDockerContext(f.builder, c.env)
	live := &liveBuilders{c: c, boot: f.plan == "", builders: map[string]drivers.Builder{}}
	popt := plan.Options{
		Builder:          f.builder,
		DefaultBuilder:   bset.current,
		LocalPlatform:    ld.opt.LocalPlatform,
		Workdir:          c.wd,
		Allow:            f.granted,
		Env:              c.env,
		NodePlatforms:    live.platforms,
		LiveCapabilities: live.capabilities,
	}
	// The live builders need only the configurations: no platform
	// questions before the plan asks them.
	configOpt := popt
	configOpt.NodePlatforms = nil
	configOpt.LiveCapabilities = nil
	live.configs, _ = plan.Builders(bset.blocks, configOpt)
	popt.CheckFiles = f.plan == ""
	p, pdiags := plan.Build(ld.sel, bset.blocks, popt)
	if err := f.reportDiags(c.stderr, bset.files, append(diags, pdiags...)); err != nil {
		return nil, live, nil, err
	}
	return p, live, bset, nil
}

// writePlan prints --plan.
func writePlan(w io.Writer, f *bakeFlags, p *plan.Plan, reasons map[string]string) error {
	var out string
	switch f.plan {
	case "text":
		out = p.Text()
	case "json":
		out = p.JSON()
	case "dot":
		out = p.Dot()
	default:
		return fmt.Errorf("invalid --plan=%s: use text, json or dot", f.plan)
	}
	if _, err := io.WriteString(w, out); err != nil {
		return err
	}
	if f.plan == "text" && f.changedSince != "" {
		writeReasons(w, f.changedSince, reasons)
	}
	return nil
}

// build runs the plan, prints the summary and writes the metadata file.
// Ctrl-C cancels every build, cleans up and exits 130.
func (c *cli) build(p *plan.Plan, f *bakeFlags, live *liveBuilders, steps []exec.ClientStep, sel *hcl.Selection, files map[string]*hcl2.File) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	builders := map[string]drivers.Builder{}
	for _, pb := range p.Builders {
		b, err := live.get(pb.Name)
		if err != nil {
			return err
		}
		builders[pb.Name] = b
	}
	var progressOut console.File = writerFile{c.stderr}
	switch w := c.stderr.(type) {
	case *os.File:
		progressOut = w
	case *masker:
		if f, ok := w.w.(*os.File); ok {
			progressOut = maskedFile{File: f, m: w}
		}
	}
	rep, err := exec.Run(ctx, p, exec.Options{
		Builders:           builders,
		Parallelism:        f.parallelism,
		KeepGoing:          f.keepGoing,
		Retries:            f.retries,
		Steps:              steps,
		Progress:           f.progress,
		ProgressOut:        progressOut,
		Workdir:            c.wd,
		Env:                c.env,
		Allow:              f.granted.BuildKit,
		Atomic:             f.publish == "atomic",
		Stdout:             c.stdout,
		MetadataProvenance: metadataProvenance(f.metadataFile, c.env["BUILDX_METADATA_PROVENANCE"]),
		LoadTarget: func() (*dockerclient.Client, error) {
			ep, err := dockerhost.Current(c.env)
			if err != nil {
				return nil, err
			}
			return ep.NewClient()
		},
	})
	if rep != nil {
		failedCheck := false
		for _, t := range rep.Results {
			if t.Call != nil {
				if !f.callJSON {
					fmt.Fprintf(c.stdout, "%s (%s):\n%s", t.Name, callName(t.Call.Method), t.Call.Text)
				}
				failedCheck = failedCheck || t.Call.Failed
			}
		}
		if f.callJSON {
			if jerr := writeCallJSON(c.stdout, sel, rep); jerr != nil && err == nil {
				err = jerr
			}
		}
		if failedCheck && err == nil {
			err = fmt.Errorf("the check found problems (above)")
			if f.callJSON {
				err = fmt.Errorf(`the check found problems (under "check" in the JSON)`)
			}
		}
		if f.progress != "quiet" {
			rep.Summary(c.stderr)
		}
		if f.metadataFile != "" {
			path := f.metadataFile
			if !filepath.IsAbs(path) {
				path = filepath.Join(c.wd, path)
			}
			warnings, _ := strconv.ParseBool(c.env["BUILDX_METADATA_WARNINGS"])
			if merr := rep.WriteMetadata(path, warnings); merr != nil && err == nil {
				err = merr
			}
		}
		if f.report != "" {
			// Written for failed builds too; failing to write it does
			// not hide the build's own error.
			path := f.report
			if !filepath.IsAbs(path) {
				path = filepath.Join(c.wd, path)
			}
			opt := exec.HTMLOptions{Title: "bkx bake", Err: err}
			if sel != nil {
				opt.Title += ": " + strings.Join(sel.Order, ", ")
			}
			if m, ok := c.stderr.(*masker); ok {
				opt.Mask = func(s string) string { return string(m.mask([]byte(s))) }
			}
			if rerr := rep.WriteHTML(path, opt); rerr != nil && err == nil {
				err = fmt.Errorf("--report: %w", rerr)
			} else if rerr != nil {
				fmt.Fprintf(c.stderr, "error: --report: %v\n", rerr)
			}
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "bkx: interrupted; every build was cancelled and partial outputs removed")
		return exitError{code: 130}
	}
	if err == nil {
		return nil
	}
	if rep == nil || len(rep.Failed) == 0 {
		fmt.Fprintf(c.stderr, "error: %v\n", err)
		return exitError{code: 1}
	}
	if f.progress != "quiet" {
		fmt.Fprintln(c.stderr)
	}
	for _, te := range rep.Failed {
		writeFailure(c.stderr, te, sel, files)
	}
	if f.keepGoing {
		writeFailureSummary(c.stderr, rep, p)
	}
	return exitError{code: 1}
}

// newEvalWatchdog makes the watchdog of file evaluation, with limits from
// BKX_EVAL_TIMEOUT (default 10s) and BKX_EVAL_MAX_MEMORY (MiB, default 4096).
func newEvalWatchdog(env map[string]string) (*watchdog, error) {
	timeout, maxMiB := 10*time.Second, uint64(4096)
	if v := env["BKX_EVAL_TIMEOUT"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("BKX_EVAL_TIMEOUT=%q is not a positive duration such as 30s", v)
		}
		timeout = d
	}
	if v := env["BKX_EVAL_MAX_MEMORY"]; v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("BKX_EVAL_MAX_MEMORY=%q is not a positive number of MiB", v)
		}
		maxMiB = n
	}
	return newWatchdog(timeout, maxMiB<<20), nil
}

// envBool reads a boolean environment variable as buildx does: unset is
// false, and a value that is not a boolean is an error saying what true
// does.
func envBool(env map[string]string, name, what string) (bool, error) {
	v, ok := env[name]
	if !ok {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("invalid %s=%q: use true or false (true %s)", name, v, what)
	}
	return b, nil
}

// cliOverrides rewrites shorthand flags as --set values, as buildx does.
func cliOverrides(cmd *cobra.Command, f *bakeFlags) []string {
	var set []string
	changed := cmd.Flags().Changed
	if f.push {
		set = append(set, "*.push=true")
	}
	if f.load {
		set = append(set, "*.load=true")
	}
	if changed("no-cache") {
		set = append(set, "*.no-cache="+strconv.FormatBool(f.noCache))
	}
	if changed("pull") {
		set = append(set, "*.pull="+strconv.FormatBool(f.pull))
	}
	if f.call != "" && f.callMethod != "build" {
		set = append(set, "*.call="+f.callMethod)
	}
	if changed("sbom") {
		set = append(set, "*.attest="+attestFlag("sbom", f.sbom))
	}
	if changed("provenance") {
		set = append(set, "*.attest="+attestFlag("provenance", f.provenance))
	}
	return set
}

// attestFlag turns --sbom/--provenance values into an attest entry.
func attestFlag(typ, v string) string {
	if b, err := strconv.ParseBool(v); err == nil {
		if b {
			return "type=" + typ
		}
		return "type=" + typ + ",disabled=true"
	}
	if typ == "provenance" && (v == "min" || v == "max") {
		return "type=provenance,mode=" + v
	}
	return "type=" + typ + "," + v
}

func parseOptions(f *bakeFlags, env map[string]string) (hcl.Options, error) {
	opt := hcl.Options{
		Env:           env,
		Vars:          map[string]string{},
		LocalPlatform: localPlatform(),
		MaxTargets:    f.maxTargets,
	}
	opt.HomeDir = env["HOME"]
	if opt.MaxTargets == 0 && env["BKX_MAX_TARGETS"] != "" {
		n, err := strconv.Atoi(env["BKX_MAX_TARGETS"])
		if err != nil || n <= 0 {
			return opt, fmt.Errorf("BKX_MAX_TARGETS=%q is not a positive whole number", env["BKX_MAX_TARGETS"])
		}
		opt.MaxTargets = n
	}
	for _, v := range f.vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opt, fmt.Errorf("invalid --var %q: write --var NAME=VALUE", v)
		}
		opt.Vars[name] = value
	}
	return opt, nil
}

// strictDiags makes every warning an error (--strict, BKX_STRICT=1).
func strictDiags(diags hcl2.Diagnostics) {
	for _, d := range diags {
		if d.Severity == hcl2.DiagWarning {
			d.Severity = hcl2.DiagError
			d.Detail = strings.TrimSpace(d.Detail + " --strict makes this warning an error.")
		}
	}
}

// report prints every diagnostic with its position and source snippet
// and returns the exit error when any is an error.
func report(w io.Writer, files map[string]*hcl2.File, diags hcl2.Diagnostics) error {
	// Parse and Resolve each sort their own; merged, order them again
	// by file and place, positionless ones last.
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		if a == nil || b == nil {
			return a != nil && b == nil
		}
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	writeDiagnostics(w, files, diags)
	n := 0
	for _, d := range diags {
		if d.Severity == hcl2.DiagError {
			n++
		}
	}
	if n > 1 {
		fmt.Fprintf(w, "%d errors.\n", n)
	}
	if n > 0 {
		return exitError{code: 1}
	}
	return nil
}

// list prints --list as docker buildx bake does. The spec is read as
// buildx reads it: one CSV field not starting with "type=" is the type;
// otherwise KEY=VALUE fields, keys trimmed and case-insensitive, the
// last of a key winning, format empty meaning table. JSON is indented
// (targets null when none, variables []); tables are aligned with tabs,
// a null value shown as <null>.
func list(w io.Writer, p *hcl.Project, spec string) error {
	typ, format := "", "table"
	fields, err := csvvalue.Fields(spec, nil)
	if err != nil {
		return fmt.Errorf("invalid --list %q: %w", spec, err)
	}
	if len(fields) == 1 && fields[0] == spec && !strings.HasPrefix(spec, "type=") {
		typ = spec
	} else {
		for _, field := range fields {
			k, v, ok := strings.Cut(field, "=")
			if !ok {
				return fmt.Errorf("invalid --list %q: %q is not KEY=VALUE (use type=targets|variables,format=table|json)", spec, field)
			}
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				typ = v
			case "format":
				format = v
			default:
				return fmt.Errorf("invalid --list %q: unknown key %q (use type=targets|variables,format=table|json)", spec, k)
			}
		}
	}
	if format == "" {
		format = "table"
	}
	if format != "table" && format != "json" {
		return fmt.Errorf("invalid --list %q: format %q is not table or json", spec, format)
	}
	var rows any
	switch typ {
	case "targets":
		rows = p.ListTargets()
	case "variables":
		rows = p.ListVariables()
	default:
		return fmt.Errorf("invalid --list %q: type %q is not targets or variables", spec, typ)
	}
	if format == "json" {
		b, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(w, 1, 8, 1, '\t', 0)
	switch rows := rows.(type) {
	case []hcl.ListEntry:
		fmt.Fprintln(tw, "TARGET\tDESCRIPTION")
		for _, e := range rows {
			fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Description)
		}
	case []hcl.VariableEntry:
		fmt.Fprintln(tw, "VARIABLE\tTYPE\tVALUE\tDESCRIPTION")
		for _, e := range rows {
			value := "<null>"
			if e.Value != nil {
				value = *e.Value
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Name, e.Type, value, e.Description)
		}
	}
	return tw.Flush()
}

// osFS reads files relative to a directory; unlike os.DirFS it also takes
// absolute paths and "..", since -f names any file.
type osFS struct{ dir string }

func (f osFS) Open(name string) (fs.File, error) {
	if !filepath.IsAbs(name) {
		name = filepath.Join(f.dir, name)
	}
	return os.Open(name)
}

// metadataProvenance is how much provenance the metadata file gets, read
// as buildx reads BUILDX_METADATA_PROVENANCE: "max" is everything,
// "disabled" or a false boolean none, anything else the minimum.
func metadataProvenance(file, v string) string {
	if file == "" {
		return ""
	}
	if v == "max" {
		return "max"
	}
	if b, err := strconv.ParseBool(v); v == "disabled" || (err == nil && !b) {
		return ""
	}
	return "min"
}

// liveBuilders makes the drivers' builders once per command: planning
// asks them for their nodes' platforms, and the build then uses the same
// connections.
type liveBuilders struct {
	c        *cli
	configs  map[string]*plan.Builder
	boot     bool // start nodes that are not running, to ask them
	builders map[string]drivers.Builder
}

func (l *liveBuilders) get(name string) (drivers.Builder, error) {
	if b, ok := l.builders[name]; ok {
		return b, nil
	}
	pb := l.configs[name]
	if pb == nil {
		return nil, fmt.Errorf("no builder %q", name)
	}
	d, _ := drivers.Lookup(pb.Driver)
	cfg := pb.Config
	cfg.Env = l.c.env
	b, err := d.New(cfg)
	if err != nil {
		return nil, err
	}
	l.builders[name] = b
	return b, nil
}

// platforms answers plan.Options.NodePlatforms from the live node, or
// nil (unknown) when it cannot be reached, or would have to be started
// just to ask (bkx bake --plan).
func (l *liveBuilders) platforms(builder, node string) []string {
	b, err := l.get(builder)
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, n := range b.Nodes() {
		if n.Name() != node {
			continue
		}
		if s, ok := n.(drivers.Statuser); ok && !l.boot {
			if st, err := s.Status(ctx); err != nil || st != "running" {
				return nil
			}
		}
		ps, err := drivers.NodePlatforms(ctx, n)
		if err != nil {
			// Planned with assumed platforms; exec moves its work to
			// another node if it still does not answer. With other nodes
			// to go on with, say why now (a replica that cannot be
			// scheduled, say); alone, the build's own error will.
			if len(b.Nodes()) > 1 {
				fmt.Fprintf(l.c.stderr, "warning: node %s/%s did not answer for its platforms: %s\n", builder, node, drivers.ErrorLine(err))
			}
			return nil
		}
		return ps
	}
	return nil
}

// capabilities answers plan.Options.LiveCapabilities: a builder whose
// capabilities depend on its daemon (the docker driver's image store) is
// asked; any other, or one that cannot be reached, keeps the static ones.
func (l *liveBuilders) capabilities(builder string) (drivers.Capabilities, string, bool) {
	b, err := l.get(builder)
	if err != nil {
		return drivers.Capabilities{}, "", false
	}
	p, ok := b.(drivers.CapabilityProber)
	if !ok {
		return drivers.Capabilities{}, "", false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	caps, probed, err := p.ProbeCapabilities(ctx)
	if err != nil {
		return drivers.Capabilities{}, "", false
	}
	return caps, probed, true
}

func (l *liveBuilders) close() {
	for _, b := range l.builders {
		_ = b.Close(context.Background())
	}
}

// writerFile lets the progress display write to any writer (a test's
// buffer): it is not a terminal, so auto mode prints plain progress.
type writerFile struct{ io.Writer }

func (writerFile) Read([]byte) (int, error) { return 0, io.EOF }
func (writerFile) Close() error             { return nil }
func (writerFile) Fd() uintptr              { return ^uintptr(0) }
func (writerFile) Name() string             { return "" }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

package exec

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/containerd/console"
	dockerclient "github.com/docker/docker/client"
	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/identity"
	"github.com/moby/buildkit/util/progress/progresswriter"
	"github.com/opencontainers/go-digest"

	"github.com/bkx-dev/bkx/drivers"
	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/gitinfo"
	"github.com/bkx-dev/bkx/plan"
)

// DefaultParallelism bounds concurrent solves per node when Options does
// not. BuildKit schedules the operations of concurrent solves itself, so
// the bound is generous: on a 2-core node, 20 small builds finished in a
// median 1.16 s at 32 against 1.36 s at 8 (same run, 12 rounds each);
// it still keeps a release of hundreds of targets from opening hundreds
// of sessions at once.
const DefaultParallelism = 32

// Options are how a plan runs.
type Options struct {
	// Builders are the live builders of the plan, by name. Run does not
	// close them: the caller does, on every path.
	Builders map[string]drivers.Builder
	// Parallelism bounds concurrent solves per node (0: the default).
	Parallelism int
	// KeepGoing lets independent branches finish after a failure.
	KeepGoing bool
	// Progress is the display mode: auto, tty, plain, quiet or rawjson.
	Progress string
	// ProgressOut receives the display (default os.Stderr); a TTY gets
	// the interactive display in auto mode.
	ProgressOut console.File
	// Workdir is what relative paths are relative to.
	Workdir string
	// Env is the environment (docker config, SSH agent, DOCKER_HOST).
	Env map[string]string
	// Stdout receives an output whose dest is "-" (one target at most:
	// the plan checks).
	Stdout io.Writer
	// Atomic is --publish=atomic: images are pushed by digest, and their
	// tags written only once every target has succeeded.
	Atomic bool
	// Allow lists the BuildKit entitlements granted with --allow
	// (plan.Allow.BuildKit).
	Allow []string
	// Steps are client-side steps done before Run (loading files,
	// checking the plan), shown first in the progress.
	Steps []ClientStep
	// Retries is how many times a job whose node stops answering is
	// retried on another node that builds its platforms.
	Retries int
	// LoadTarget is the docker daemon that type=docker outputs load into
	// when the builder is not that daemon.
	LoadTarget func() (*dockerclient.Client, error)
	// MetadataProvenance is how much of each build's provenance the
	// results carry for the metadata file: "" none, "min" or "max"
	// (BUILDX_METADATA_PROVENANCE).
	MetadataProvenance string
}

// job is the steps of one target on one node, built by one solve. Its
// outcome (err, skipped, result, the times) is written by the goroutine
// that runs it and read by others only after done is closed
// (scheduler.go).
type job struct {
	steps    []*plan.Step
	deps     []*job
	done     chan struct{}
	err      error
	skipped  bool
	result   *TargetResult
	started  time.Time
	finished time.Time
	ready    time.Time   // its dependencies were done (timeline.go)
	stats    statusStats // its last solve's steps, failed or not
	// warnings are what the last solve warned about, failed or not, in
	// the target's Dockerfile, named dockerfile.
	warnings   []*client.VertexWarning
	dockerfile string

	// name is its target; at is its node as builder/node, which a retry
	// changes while other jobs read it (transfer.go).
	name string
	at   atomic.Pointer[string]
}

func (j *job) target() string { return j.name }
func (j *job) node() string   { return *j.at.Load() }

// moveTo sets the job's node to steps[0]'s.
func (j *job) moveTo(steps []*plan.Step) {
	j.steps = steps
	at := steps[0].Builder + "/" + steps[0].Node
	j.at.Store(&at)
}

// Run builds the plan: a job per (target, node) starts as soon as the jobs
// it depends on are done and its node has a free slot. On the first
// failure the rest is cancelled (unless KeepGoing); jobs whose
// dependencies failed are skipped, and the report names root causes only.
func Run(ctx context.Context, p *plan.Plan, opt Options) (*Report, error) {
	opt = opt.withDefaults()
	jobs := makeJobs(p)
	printer, err := progresswriter.NewPrinter(context.WithoutCancel(ctx), opt.ProgressOut, opt.Progress)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	mw := progresswriter.NewMultiWriter(printer)
	// keep holds the display open until every job has written.
	keep := mw.WithPrefix("", false)
	showSteps(keep, opt.Steps)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r := newRunner(p, opt, mw, jobs)
	defer r.transfer.close()
	s := &scheduler{parallelism: opt.Parallelism, keepGoing: opt.KeepGoing, solve: r.withRetries(r.run)}
	if cause := s.run(ctx, jobs); cause != nil {
		cancel(cause)
	}
	if ctx.Err() == nil {
		r.joinSplit(ctx, jobs)
	}
	var pub *Publication
	if opt.Atomic {
		pub = r.publishAtomic(ctx, jobs)
	}
	close(keep.Status())
	<-printer.Done()
	rep, err := report(jobs, context.Cause(ctx))
	if rep != nil {
		rep.Publish = pub
		rep.Timeline = newTimeline(p, opt.Steps, jobs, rep)
	}
	if err == nil && pub != nil && len(pub.Failed) > 0 {
		err = fmt.Errorf("--publish=atomic: %d of %d tags could not be written (see the summary)", len(pub.Failed), len(pub.Failed)+len(pub.Done))
	}
	return rep, err
}

// withDefaults fills what Options leaves unset.
func (opt Options) withDefaults() Options {
	if opt.Parallelism <= 0 {
		opt.Parallelism = DefaultParallelism
	}
	if opt.ProgressOut == nil {
		opt.ProgressOut = os.Stderr
	}
	if opt.Progress == "" {
		opt.Progress = "auto"
	}
	return opt
}

// newRunner makes what the jobs of a plan share; the progress of every
// job goes through mw.
func newRunner(p *plan.Plan, opt Options, mw *progresswriter.MultiWriter, jobs []*job) *runner {
	r := &runner{opt: opt, mw: mw, builders: map[string]*plan.Builder{}, split: splitTargets(jobs),
		lost: map[string]error{}, connected: map[string]bool{}, answered: map[string]bool{}, load: map[string]int{},
		transfer: &transfer{jobsOf: map[string][]*job{}}}
	for _, j := range jobs {
		r.transfer.jobsOf[j.target()] = append(r.transfer.jobsOf[j.target()], j)
		r.load[j.node()]++
	}
	r.multiNode = len(r.load) > 1
	for _, b := range p.Builders {
		r.builders[b.Name] = b
	}
	return r
}

// makeJobs groups each target's steps by node, in plan order, and links
// each job to the jobs its steps depend on.
func makeJobs(p *plan.Plan) []*job {
	var jobs []*job
	byKey := map[string]*job{}
	ofStep := map[string]*job{}
	for _, s := range p.Steps {
		key := s.Target + "\x00" + s.Builder + "/" + s.Node
		j := byKey[key]
		if j == nil {
			j = &job{done: make(chan struct{}), name: s.Target}
			at := s.Builder + "/" + s.Node
			j.at.Store(&at)
			byKey[key] = j
			jobs = append(jobs, j)
		}
		j.steps = append(j.steps, s)
		ofStep[s.ID] = j
	}
	for _, j := range jobs {
		seen := map[*job]bool{}
		for _, s := range j.steps {
			for _, d := range s.DependsOn {
				if dj := ofStep[d]; dj != nil && dj != j && !seen[dj] {
					seen[dj] = true
					j.deps = append(j.deps, dj)
				}
			}
		}
	}
	return jobs
}

// TargetError is a failed target, the root cause of a failed run.
type TargetError struct {
	Target string
	Err    error
	// Dockerfile names the Dockerfile of the step that failed (the
	// target's, or a dependency's built in its session), from the working
	// directory; empty when BuildKit gave no position.
	Dockerfile string
	// Warnings are what the failed build warned about before it failed.
	Warnings []*client.VertexWarning

	targetDockerfile string // the target's own Dockerfile, for the warnings
}

func (e *TargetError) Error() string { return fmt.Sprintf("target %s: %v", e.Target, e.Err) }
func (e *TargetError) Unwrap() error { return e.Err }

// runner holds what every job shares.
type runner struct {
	opt       Options
	mw        *progresswriter.MultiWriter
	multiNode bool
	// builders are the plan's builders by name (driver, capabilities,
	// nodes, configuration).
	builders map[string]*plan.Builder
	// split names the targets whose platforms are built on several nodes.
	split map[string]bool

	mu        sync.Mutex
	connected map[string]bool  // builder/node → a job has connected
	lost      map[string]error // builder/node → why it was given up
	answered  map[string]bool  // builder/node → it answered a request in this run
	load      map[string]int   // builder/node → jobs placed on it

	transfer *transfer

	gitMu    sync.Mutex
	gitInfo  map[string]*gitinfo.Info // context folder → its git answer
	gitRoots map[string]string        // context folder → working tree
}

// gitAttrs are a target's git attributes (gitattrs.go), asked once per
// context folder.
func (r *runner) gitAttrs(t *bake.Target) map[string]string {
	r.gitMu.Lock()
	defer r.gitMu.Unlock()
	if r.gitInfo == nil {
		r.gitInfo, r.gitRoots = map[string]*gitinfo.Info{}, map[string]string{}
	}
	return gitAttrs(t, r.opt.Workdir, r.opt.Env, r.gitInfo, r.gitRoots)
}

// splitTargets finds targets with jobs on more than one node.
func splitTargets(jobs []*job) map[string]bool {
	nodes := map[string]string{}
	split := map[string]bool{}
	for _, j := range jobs {
		if n, ok := nodes[j.target()]; ok && n != j.node() {
			split[j.target()] = true
		}
		nodes[j.target()] = j.node()
	}
	return split
}

// ClientStep is work bkx did on this machine, shown as a step of its own.
type ClientStep struct {
	Name              string
	Started, Finished time.Time
}

func showSteps(w progresswriter.Writer, steps []ClientStep) {
	for _, st := range steps {
		started, finished := st.Started, st.Finished
		v := &client.Vertex{Digest: digest.FromString("bkx-client:" + st.Name), Name: "[bkx] " + st.Name, Started: &started, Completed: &finished}
		w.Status() <- &client.SolveStatus{Vertexes: []*client.Vertex{v}}
	}
}

// step shows f as a client-side step of its own. Unlike
// progresswriter.Write, the started and the finished vertex are separate
// values: a prefixing writer renames the vertex it is given in place, so
// a shared one came out with the target's prefix twice.
func step(w progresswriter.Writer, name string, f func() error) {
	stepAs(w, name, func() (string, error) {
		if f == nil {
			return "", nil
		}
		return "", f()
	})
}

// stepAs is step whose function may rename the step when it ends (to
// say how it ended without an error).
func stepAs(w progresswriter.Writer, name string, f func() (string, error)) {
	dgst := digest.FromString("bkx-step:" + identity.NewID())
	started := time.Now()
	w.Status() <- &client.SolveStatus{Vertexes: []*client.Vertex{{Digest: dgst, Name: name, Started: &started}}}
	renamed, err := f()
	if renamed != "" {
		name = renamed
	}
	finished := time.Now()
	done := &client.Vertex{Digest: dgst, Name: name, Started: &started, Completed: &finished}
	if err != nil {
		done.Error = err.Error()
	}
	w.Status() <- &client.SolveStatus{Vertexes: []*client.Vertex{done}}
}

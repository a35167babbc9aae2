package exec

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/moby/buildkit/util/progress/progresswriter"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/bkx-dev/bkx/plan"
)

// These tests run the scheduler over fake solves: plain functions that
// check the order, the contexts and the bounds they see, without
// BuildKit. Nothing here measures time: order is checked with flags and
// channels, concurrency with atomic counters.

// planStep is a step of target on node n of builder b, after deps
// (step IDs, here the targets' names).
func planStep(target, node string, deps ...string) *plan.Step {
	return &plan.Step{ID: target, Target: target, Builder: "b", Node: node, DependsOn: deps}
}

// testJobs makes the jobs of a plan of steps, and finds them by target.
func testJobs(steps ...*plan.Step) ([]*job, map[string]*job) {
	jobs := makeJobs(&plan.Plan{Steps: steps})
	by := map[string]*job{}
	for _, j := range jobs {
		by[j.target()] = j
	}
	return jobs, by
}

// calls records which targets a fake solve was called for.
type calls struct {
	mu    sync.Mutex
	names []string
}

func (c *calls) add(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names = append(c.names, name)
}

func (c *calls) has(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Contains(c.names, name)
}

func (c *calls) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.names)
}

func built(j *job) *TargetResult { return &TargetResult{Name: j.target(), Node: j.steps[0].Node} }

// reportOf is Run's report of the jobs, after the scheduler's run.
func reportOf(t *testing.T, jobs []*job, cause error) (*Report, error) {
	t.Helper()
	rep, err := report(jobs, cause)
	if rep == nil {
		t.Fatalf("no report: %v", err)
	}
	return rep, err
}

func resultNames(rep *Report) []string {
	var out []string
	for _, r := range rep.Results {
		out = append(out, r.Name)
	}
	slices.Sort(out)
	return out
}

func failedNames(rep *Report) []string {
	var out []string
	for _, f := range rep.Failed {
		out = append(out, f.Target)
	}
	slices.Sort(out)
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestSchedulerOrder(t *testing.T) {
	// a → b, c → d (a diamond), c → e on another node, f alone.
	jobs, by := testJobs(
		planStep("a", "n1"),
		planStep("b", "n1", "a"),
		planStep("c", "n2", "a"),
		planStep("d", "n1", "b", "c"),
		planStep("e", "n2", "c"),
		planStep("f", "n2"),
	)
	finished := map[*job]*atomic.Bool{}
	for _, j := range jobs {
		finished[j] = &atomic.Bool{}
	}
	var c calls
	s := &scheduler{parallelism: 4, solve: func(ctx context.Context, j *job) (*TargetResult, error) {
		c.add(j.target())
		for _, d := range j.deps {
			if !finished[d].Load() {
				t.Errorf("%s started before its dependency %s finished", j.target(), d.target())
			}
		}
		finished[j].Store(true)
		return built(j), nil
	}}
	if err := s.run(context.Background(), jobs); err != nil {
		t.Fatalf("run: %v", err)
	}
	if n := c.count(); n != len(jobs) {
		t.Errorf("%d solves for %d jobs: %v", n, len(jobs), c.names)
	}
	if got := by["d"].deps; len(got) != 2 {
		t.Errorf("d waits on %d jobs, want b and c", len(got))
	}
	rep, err := reportOf(t, jobs, nil)
	if err != nil || len(rep.Failed) > 0 || len(rep.Skipped) > 0 {
		t.Errorf("report: err %v, failed %v, skipped %v", err, failedNames(rep), rep.Skipped)
	}
	if got, want := resultNames(rep), []string{"a", "b", "c", "d", "e", "f"}; !slices.Equal(got, want) {
		t.Errorf("built %v, want %v", got, want)
	}
}

func TestSchedulerFailFast(t *testing.T) {
	// a fails while b runs; c needs a, d needs b.
	jobs, by := testJobs(
		planStep("a", "n1"),
		planStep("b", "n1"),
		planStep("c", "n1", "a"),
		planStep("d", "n2", "b"),
	)
	boom := errors.New("boom")
	bRunning := make(chan struct{})
	var c calls
	s := &scheduler{parallelism: 4, solve: func(ctx context.Context, j *job) (*TargetResult, error) {
		c.add(j.target())
		switch j.target() {
		case "a":
			<-bRunning
			return nil, boom
		case "b":
			close(bRunning)
			<-ctx.Done()
			var te *TargetError
			if cause := context.Cause(ctx); !errors.As(cause, &te) || te.Target != "a" || !errors.Is(cause, boom) {
				t.Errorf("b was stopped by %v, want a's failure", cause)
			}
			return nil, context.Cause(ctx)
		}
		t.Errorf("%s ran after a failed", j.target())
		return built(j), nil
	}}
	cause := s.run(context.Background(), jobs)
	var te *TargetError
	if !errors.As(cause, &te) || te.Target != "a" {
		t.Fatalf("run ended with %v, want a's failure", cause)
	}
	if c.has("c") || c.has("d") {
		t.Errorf("dependents of failed or cancelled jobs ran: %v", c.names)
	}
	if !by["c"].skipped {
		t.Errorf("c (needs the failed a) is not skipped: err %v", by["c"].err)
	}
	if !errors.Is(by["d"].err, cause) {
		t.Errorf("d (needs the cancelled b) ended with %v, want the run's cause", by["d"].err)
	}
	rep, err := reportOf(t, jobs, cause)
	if got := failedNames(rep); !slices.Equal(got, []string{"a"}) || !errors.Is(err, boom) {
		t.Errorf("failed %v (err %v), want only a, the root cause", got, err)
	}
	if got, want := sorted(rep.Skipped), []string{"b", "c", "d"}; !slices.Equal(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
}

func TestSchedulerKeepGoing(t *testing.T) {
	// a fails; b runs on after a has ended; c needs a, e needs c, d needs b.
	jobs, by := testJobs(
		planStep("a", "n1"),
		planStep("b", "n2"),
		planStep("c", "n1", "a"),
		planStep("d", "n2", "b"),
		planStep("e", "n2", "c"),
	)
	boom := errors.New("boom")
	var c calls
	s := &scheduler{parallelism: 4, keepGoing: true, solve: func(ctx context.Context, j *job) (*TargetResult, error) {
		c.add(j.target())
		switch j.target() {
		case "a":
			return nil, boom
		case "b":
			<-by["a"].done
			if ctx.Err() != nil {
				t.Errorf("b was cancelled by a's failure with --keep-going: %v", context.Cause(ctx))
			}
		}
		return built(j), nil
	}}
	if cause := s.run(context.Background(), jobs); cause != nil {
		t.Fatalf("run ended with %v, want no cancellation", cause)
	}
	if c.has("c") || c.has("e") {
		t.Errorf("dependents of the failed a ran: %v", c.names)
	}
	for _, n := range []string{"c", "e"} {
		if !by[n].skipped {
			t.Errorf("%s is not skipped: err %v", n, by[n].err)
		}
	}
	rep, err := reportOf(t, jobs, nil)
	if got := failedNames(rep); !slices.Equal(got, []string{"a"}) || !errors.Is(err, boom) {
		t.Errorf("failed %v (err %v), want a", got, err)
	}
	if got, want := resultNames(rep), []string{"b", "d"}; !slices.Equal(got, want) {
		t.Errorf("built %v, want the independent branch %v", got, want)
	}
	if got, want := sorted(rep.Skipped), []string{"c", "e"}; !slices.Equal(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
}

func TestSchedulerParentCancelled(t *testing.T) {
	// One slot on n1 for a and b; c needs a.
	jobs, by := testJobs(
		planStep("a", "n1"),
		planStep("b", "n1"),
		planStep("c", "n2", "a"),
	)
	// As signal.NotifyContext's cause, it is a cancellation.
	stop := fmt.Errorf("interrupt signal received: %w", context.Canceled)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	running := make(chan string, len(jobs))
	var c calls
	s := &scheduler{parallelism: 1, solve: func(ctx context.Context, j *job) (*TargetResult, error) {
		c.add(j.target())
		running <- j.target()
		<-ctx.Done()
		return nil, context.Cause(ctx)
	}}
	done := make(chan error)
	go func() { done <- s.run(ctx, jobs) }()
	first := <-running
	cancel(stop)
	if cause := <-done; !errors.Is(cause, stop) {
		t.Fatalf("run ended with %v, want the parent's cause", cause)
	}
	if n := c.count(); n != 1 {
		t.Errorf("%d solves after the cancellation, want only %s's: %v", n, first, c.names)
	}
	for _, j := range jobs {
		if !errors.Is(j.err, stop) {
			t.Errorf("%s ended with %v, want the parent's cause", j.target(), j.err)
		}
	}
	if !by["c"].started.IsZero() {
		t.Errorf("c started")
	}
	rep, err := reportOf(t, jobs, stop)
	if len(rep.Failed) > 0 || !errors.Is(err, stop) {
		t.Errorf("failed %v (err %v), want no root cause but the interruption", failedNames(rep), err)
	}
}

func TestSchedulerParallelismPerNode(t *testing.T) {
	const slots, perNode = 2, 6
	var steps []*plan.Step
	for _, n := range []string{"n1", "n2"} {
		for i := range perNode {
			steps = append(steps, planStep(n+"-"+string(rune('a'+i)), n))
		}
	}
	jobs, _ := testJobs(steps...)
	running := map[string]*atomic.Int32{"b/n1": {}, "b/n2": {}}
	started := make(chan string, len(jobs))
	release := make(chan struct{})
	s := &scheduler{parallelism: slots, solve: func(ctx context.Context, j *job) (*TargetResult, error) {
		n := running[j.node()].Add(1)
		defer running[j.node()].Add(-1)
		if n > slots {
			t.Errorf("%d jobs at once on %s, --parallelism is %d", n, j.node(), slots)
		}
		started <- j.node()
		<-release
		return built(j), nil
	}}
	done := make(chan error)
	go func() { done <- s.run(context.Background(), jobs) }()
	// Every node fills its slots while none is released: the bound is
	// per node, and reached.
	per := map[string]int{}
	for range 2 * slots {
		per[<-started]++
	}
	if per["b/n1"] != slots || per["b/n2"] != slots {
		t.Errorf("jobs started before any ended: %v, want %d per node", per, slots)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, j := range jobs {
		if j.result == nil {
			t.Errorf("%s not built: %v", j.target(), j.err)
		}
	}
}

// retryRunner is a runner over a plan of one builder b whose nodes all
// build linux/amd64, its progress thrown away.
func retryRunner(t *testing.T, retries int, nodes []string, steps ...*plan.Step) (*runner, []*job) {
	t.Helper()
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	printer, err := progresswriter.NewPrinter(context.Background(), devNull, "quiet")
	if err != nil {
		t.Fatal(err)
	}
	mw := progresswriter.NewMultiWriter(printer)
	keep := mw.WithPrefix("", false)
	t.Cleanup(func() {
		close(keep.Status())
		<-printer.Done()
		devNull.Close()
	})
	b := &plan.Builder{Name: "b"}
	for _, n := range nodes {
		b.Nodes = append(b.Nodes, &plan.Node{Name: n, Platforms: []string{"linux/amd64"}})
	}
	for _, s := range steps {
		s.Platform = "linux/amd64"
	}
	p := &plan.Plan{Builders: []*plan.Builder{b}, Steps: steps}
	jobs := makeJobs(p)
	return newRunner(p, Options{Retries: retries, Parallelism: 4}, mw, jobs), jobs
}

// loseNode is a solve whose node lost answers Unavailable, as a daemon
// that died; other nodes build.
func loseNode(lost string, c *calls) solveFunc {
	return func(ctx context.Context, j *job) (*TargetResult, error) {
		c.add(j.node())
		if j.node() == lost {
			return nil, status.Error(codes.Unavailable, "connection error: desc = \"transport: Error while dialing: dial tcp 127.0.0.1:1: connect: connection refused\"")
		}
		return built(j), nil
	}
}

func TestSchedulerRetryOnLostNode(t *testing.T) {
	// app and lib on n1, which dies; web needs app.
	r, jobs := retryRunner(t, 1, []string{"n1", "n2"},
		planStep("app", "n1"), planStep("lib", "n1"), planStep("web", "n2", "app"))
	var c calls
	s := &scheduler{parallelism: 4, solve: r.withRetries(loseNode("b/n1", &c))}
	if err := s.run(context.Background(), jobs); err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, j := range jobs {
		if j.err != nil || j.result == nil {
			t.Fatalf("%s: %v", j.target(), j.err)
		}
		if j.node() != "b/n2" || j.result.Node != "n2" || j.steps[0].Node != "n2" {
			t.Errorf("%s built on %s (result on %s), want the other node b/n2", j.target(), j.node(), j.result.Node)
		}
	}
	if _, lost := r.lost["b/n1"]; !lost {
		t.Errorf("b/n1 is not marked lost: %v", r.lost)
	}
}

func TestSchedulerRetryLimits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		retries int
		nodes   []string
		solve   func(r *runner, c *calls) solveFunc
		want    string
		solves  int
	}{
		{"no retry left", 0, []string{"n1", "n2"}, func(r *runner, c *calls) solveFunc { return loseNode("b/n1", c) }, "no retry left (--retries 0)", 1},
		{"no other node", 3, []string{"n1"}, func(r *runner, c *calls) solveFunc { return loseNode("b/n1", c) }, "Is its buildkitd running?", 1},
		{"every node lost", 3, []string{"n1", "n2"}, func(r *runner, c *calls) solveFunc {
			return func(ctx context.Context, j *job) (*TargetResult, error) {
				c.add(j.node())
				r.mu.Lock()
				r.answered[j.node()] = true // it answered, then died
				r.mu.Unlock()
				return nil, errors.New("rpc error: code = Unavailable desc = connection reset by peer")
			}
		}, "no other node of builder b builds linux/amd64", 2},
		{"a failed build is not retried", 3, []string{"n1", "n2"}, func(r *runner, c *calls) solveFunc {
			return func(ctx context.Context, j *job) (*TargetResult, error) {
				c.add(j.node())
				return nil, errors.New("process \"/bin/sh -c false\" did not complete successfully: exit code: 1")
			}
		}, "exit code: 1", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, jobs := retryRunner(t, tc.retries, tc.nodes, planStep("app", "n1"))
			var c calls
			s := &scheduler{parallelism: 1, solve: r.withRetries(tc.solve(r, &c))}
			cause := s.run(context.Background(), jobs)
			if err := jobs[0].err; err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("app ended with %v, want %q", err, tc.want)
			}
			if !errors.Is(cause, jobs[0].err) {
				t.Errorf("run ended with %v, want app's failure", cause)
			}
			if n := c.count(); n != tc.solves {
				t.Errorf("%d solves (%v), want %d", n, c.names, tc.solves)
			}
		})
	}
}

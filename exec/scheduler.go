package exec

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

// solveFunc runs one job to its end. Run's is a BuildKit solve, moved to
// another node when its node is lost (runner.withRetries(runner.run));
// the scheduler's tests give plain functions.
type solveFunc func(ctx context.Context, j *job) (*TargetResult, error)

// scheduler runs jobs as their dependencies allow: a job starts once
// every job it depends on is done and its node has a free slot (at most
// parallelism jobs at once per node). Without keepGoing, the first
// failure cancels the rest; a job whose dependency failed or was skipped
// is skipped.
//
// Each job's outcome (result, err, skipped and its times) is written by
// its own goroutine only, before its done channel closes: other jobs read
// a dependency's outcome only after receiving from its done.
type scheduler struct {
	parallelism int
	keepGoing   bool
	solve       solveFunc
}

// run runs every job and returns once all have ended: nil, or why the
// run was cancelled (the first failure without keepGoing, or the cause
// of ctx's cancellation).
func (s *scheduler) run(ctx context.Context, jobs []*job) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sems := s.semaphores(jobs)
	var wg sync.WaitGroup
	for _, j := range jobs {
		// The slot is the job's first node's, even when a retry moves it.
		sem := sems[j.node()]
		wg.Go(func() { s.runJob(ctx, cancel, sem, j) })
	}
	wg.Wait()
	return context.Cause(ctx)
}

// semaphores makes one semaphore of parallelism slots per node.
func (s *scheduler) semaphores(jobs []*job) map[string]*semaphore.Weighted {
	n := int64(s.parallelism)
	if n <= 0 {
		n = DefaultParallelism
	}
	sems := map[string]*semaphore.Weighted{}
	for _, j := range jobs {
		if sems[j.node()] == nil {
			sems[j.node()] = semaphore.NewWeighted(n)
		}
	}
	return sems
}

// runJob waits for the job's dependencies and a slot on its node, then
// solves it. Its outcome is set when its done channel closes.
func (s *scheduler) runJob(ctx context.Context, cancel context.CancelCauseFunc, sem *semaphore.Weighted, j *job) {
	defer close(j.done)
	defer j.ended()
	if j.skipped, j.err = waitDeps(ctx, j); j.skipped || j.err != nil {
		return
	}
	j.ready = time.Now()
	if ctx.Err() != nil {
		j.err = context.Cause(ctx)
		return
	}
	if err := sem.Acquire(ctx, 1); err != nil {
		j.err = context.Cause(ctx)
		return
	}
	defer sem.Release(1)
	j.started = time.Now()
	j.result, j.err = s.solve(ctx, j)
	j.finished = time.Now()
	if j.err != nil && !s.keepGoing {
		cancel(&TargetError{Target: j.target(), Err: j.err})
	}
}

// waitDeps waits until every dependency of j is done, then reads their
// outcomes: j is skipped when one failed or was skipped, and cancelled
// (err is the run's cause) when one was stopped by the run's
// cancellation. It always waits for done: a dependency's outcome is
// written by its own goroutine until then, and once the run is cancelled
// every job ends promptly anyway.
func waitDeps(ctx context.Context, j *job) (skipped bool, err error) {
	for _, d := range j.deps {
		<-d.done
	}
	for _, d := range j.deps {
		switch {
		case d.skipped:
			return true, nil
		case d.err == nil:
		case stoppedBy(ctx, d.err):
			return false, context.Cause(ctx)
		default:
			return true, nil
		}
	}
	return false, nil
}

// stoppedBy tells whether err is a job's answer to the cancellation of
// ctx (it never started, or its solve was cancelled) rather than a
// failure of its own.
func stoppedBy(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.Cause(ctx)) || canceled(err))
}

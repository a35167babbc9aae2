package exec

import (
	"errors"
	"slices"
	"time"

	"github.com/bkx-dev/bkx/plan"
)

// Timeline is when each job of a run waited, ran and ended, and on which
// node: what the HTML report (htmlreport.go) draws. Run fills
// Report.Timeline from the jobs' own timestamps.
type Timeline struct {
	// Start is when the run began (its first client-side step or job);
	// End is when its last job ended.
	Start, End time.Time
	// Nodes are the plan's nodes as builder/node, in plan order.
	Nodes []string
	// Client are bkx's own steps on this machine (Options.Steps).
	Client []ClientStep
	// Spans are the jobs, in plan order.
	Spans []Span
}

// Span is one job: a target's platforms on one node.
type Span struct {
	Target        string
	Builder, Node string
	Platforms     []string
	// Ready is when the jobs it waited on were done (zero when it never
	// got there); Started and Finished bound its solve. A job that never
	// started has a zero Started and Finished is when it was given up.
	Ready, Started, Finished time.Time
	Outcome                  Outcome
	// Cached and Steps count the solve's steps, failed ones included;
	// Ran those that were not sources and did not come from the cache.
	Cached, Steps, Ran int
	// WaitedOn are the jobs it waited for, as indexes into Spans.
	WaitedOn []int
	// Error is why it failed (OutcomeFailed only).
	Error string
}

// Outcome is how a job ended.
type Outcome string

const (
	OutcomeBuilt     Outcome = "built"
	OutcomeCached    Outcome = "cached"    // built, every step from the cache (sources aside)
	OutcomeFailed    Outcome = "failed"    // a root cause of the run's failure
	OutcomeCancelled Outcome = "cancelled" // stopped because another target failed, or Ctrl-C
	OutcomeSkipped   Outcome = "skipped"   // not run: a job it needs failed
)

// ended marks when a job that never finished a solve was given up.
func (j *job) ended() {
	if j.finished.IsZero() {
		j.finished = time.Now()
	}
}

// newTimeline reads the run's jobs once they are all done. Outcomes
// follow the report: a job is failed only when its target is one of the
// report's root causes and its own error is not a cancellation.
func newTimeline(p *plan.Plan, steps []ClientStep, jobs []*job, rep *Report) *Timeline {
	tl := &Timeline{Client: steps}
	for _, b := range p.Builders {
		for _, n := range b.Nodes {
			tl.Nodes = append(tl.Nodes, b.Name+"/"+n.Name)
		}
	}
	failed := map[string]bool{}
	for _, f := range rep.Failed {
		failed[f.Target] = true
	}
	index := map[*job]int{}
	for i, j := range jobs {
		index[j] = i
	}
	for _, j := range jobs {
		s := Span{
			Target: j.target(), Builder: j.steps[0].Builder, Node: j.steps[0].Node, Platforms: platformsOf(j),
			Ready: j.ready, Started: j.started, Finished: j.finished,
			Outcome: outcomeOf(j, failed), Cached: j.stats.cached, Steps: j.stats.total, Ran: j.stats.ran,
		}
		if s.Outcome == OutcomeFailed {
			s.Error = j.err.Error()
		}
		for _, d := range j.deps {
			s.WaitedOn = append(s.WaitedOn, index[d])
		}
		if !slices.Contains(tl.Nodes, j.node()) {
			tl.Nodes = append(tl.Nodes, j.node())
		}
		tl.Spans = append(tl.Spans, s)
	}
	tl.Start, tl.End = tl.bounds()
	return tl
}

// outcomeOf classifies a finished job as report does.
func outcomeOf(j *job, failed map[string]bool) Outcome {
	var te *TargetError
	switch {
	case j.result != nil:
		// Sources (FROM, contexts) are loaded again on every build and
		// never count as cached: the steps that build on them tell.
		if j.stats.ran == 0 && j.stats.cached > 0 {
			return OutcomeCached
		}
		return OutcomeBuilt
	case j.skipped:
		return OutcomeSkipped
	case j.err == nil || canceled(j.err):
		return OutcomeCancelled
	case errors.As(j.err, &te):
		// Another target's failure: a dependency's, or the one that
		// cancelled the run before this job started.
		for _, d := range j.deps {
			if d.target() == te.Target {
				return OutcomeSkipped
			}
		}
		return OutcomeCancelled
	case failed[j.target()]:
		return OutcomeFailed
	}
	return OutcomeCancelled
}

// bounds are the earliest and the latest time on the timeline.
func (tl *Timeline) bounds() (start, end time.Time) {
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if start.IsZero() || t.Before(start) {
			start = t
		}
		if t.After(end) {
			end = t
		}
	}
	for _, c := range tl.Client {
		see(c.Started)
		see(c.Finished)
	}
	for _, s := range tl.Spans {
		see(s.Ready)
		see(s.Started)
		see(s.Finished)
	}
	if start.IsZero() {
		start = time.Now()
		end = start
	}
	return start, end
}

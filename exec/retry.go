package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/plan"
)

// withRetries runs a job with solve and, when its node stops answering,
// moves the job to another node of the builder that builds its
// platforms, up to Options.Retries times. The progress says so.
func (r *runner) withRetries(solve solveFunc) solveFunc {
	return func(ctx context.Context, j *job) (*TargetResult, error) {
		return r.runWithRetries(ctx, j, solve)
	}
}

// runWithRetries is withRetries' loop: attempt after attempt, on the
// job's node of the moment.
func (r *runner) runWithRetries(ctx context.Context, j *job, solve solveFunc) (*TargetResult, error) {
	for attempt := 0; ; attempt++ {
		res, err := solve(ctx, j)
		if err == nil || ctx.Err() != nil || !nodeLost(err) {
			return res, err
		}
		lost := j.node()
		r.mu.Lock()
		r.lost[lost] = err
		answered := r.answered[lost]
		r.mu.Unlock()
		r.closeNode(ctx, j)
		// A node that never answered is unreachable, not lost: say where
		// bkx looked for it.
		what := fmt.Sprintf("node %s was lost while building %s (%v)", lost, j.target(), drivers.ErrorLine(err))
		short := fmt.Sprintf("node %s lost (%s)", lost, drivers.ErrorLine(err))
		if !answered {
			what = fmt.Sprintf("cannot reach node %s%s: %s", lost, r.endpointOf(j), dialCause(err))
			short = what
		}
		if attempt >= r.opt.Retries {
			return nil, fmt.Errorf("%s; no retry left (--retries %d)", what, r.opt.Retries)
		}
		alt := r.alternative(j)
		if alt == nil {
			if !answered {
				return nil, fmt.Errorf("%s. Is its buildkitd running? `bkx builder inspect %s` shows what bkx sees", what, j.steps[0].Builder)
			}
			return nil, fmt.Errorf("%s, and no other node of builder %s builds %s", what, j.steps[0].Builder, strings.Join(platformsOf(j), ", "))
		}
		pw := r.mw.WithPrefix(j.target(), true)
		step(pw, fmt.Sprintf("%s: retrying on node %s", short, alt.Name), nil)
		close(pw.Status())
		steps := make([]*plan.Step, len(j.steps))
		for i, s := range j.steps {
			c := *s
			c.Node = alt.Name
			steps[i] = &c
		}
		j.moveTo(steps)
		r.mu.Lock()
		r.load[j.node()]++
		r.mu.Unlock()
	}
}

// alternative picks, for a job whose node was lost, the least loaded
// other live node of its builder that lists all of the job's platforms.
func (r *runner) alternative(j *job) *plan.Node {
	b := r.builders[j.steps[0].Builder]
	plats := platformsOf(j)
	r.mu.Lock()
	defer r.mu.Unlock()
	var best *plan.Node
	for _, n := range b.Nodes {
		key := b.Name + "/" + n.Name
		if _, dead := r.lost[key]; dead {
			continue
		}
		ok := true
		for _, p := range plats {
			ok = ok && slices.Contains(n.Platforms, p)
		}
		if ok && (best == nil || r.load[key] < r.load[b.Name+"/"+best.Name]) {
			best = n
		}
	}
	return best
}

// closeNode drops the lost node's client so that nothing reuses a dead
// connection.
func (r *runner) closeNode(ctx context.Context, j *job) {
	if b := r.opt.Builders[j.steps[0].Builder]; b != nil {
		for _, n := range b.Nodes() {
			if n.Name() == j.steps[0].Node {
				_ = n.Close(context.WithoutCancel(ctx))
			}
		}
	}
}

func platformsOf(j *job) []string {
	var out []string
	for _, s := range j.steps {
		if s.Platform != "" {
			out = append(out, s.Platform)
		}
	}
	return out
}

// nodeLost tells a node that stopped answering (the daemon died, the
// connection dropped) from a build that failed.
func nodeLost(err error) bool {
	var se interface{ GRPCStatus() *status.Status }
	if errors.As(err, &se) && se.GRPCStatus().Code() == codes.Unavailable {
		return true
	}
	msg := err.Error()
	for _, s := range []string{
		"connection refused", "transport is closing", "connection reset by peer",
		"error reading from server: EOF", "broken pipe", "code = Unavailable",
		"connection error", "dial unix",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// endpointOf is " at ENDPOINT" for the job's node when its builder
// names one.
func (r *runner) endpointOf(j *job) string {
	for _, n := range r.builders[j.steps[0].Builder].Config.Nodes {
		if n.Name == j.steps[0].Node && n.Endpoint != "" {
			return " at " + n.Endpoint
		}
	}
	return ""
}

// dialCause is why a node could not be reached: the failed dial ("dial
// tcp 127.0.0.1:1299: connect: connection refused"), else the whole error
// on one line.
func dialCause(err error) string {
	if c, ok := drivers.DialError(err); ok {
		return c
	}
	return drivers.ErrorLine(err)
}

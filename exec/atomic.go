package exec

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/opencontainers/go-digest"
)

// --publish=atomic: every target pushes by digest while it builds (its
// tags are pending, exportsFor), and a split target's index is pushed by
// digest too (joinSplit); only when every target has succeeded are the
// tags written, in one short final step. When anything failed no tag
// moves, and the summary lists what would have been published. A tag
// write is retried with backoff; one that still fails is named in the
// summary with what each tag points at.

// Publication is what --publish=atomic did with the tags.
type Publication struct {
	// Done are the tags written; Failed those that could not be (Err
	// set); Withheld those not written because a target failed.
	Done, Failed, Withheld []TagWrite
}

// TagWrite is one tag of one target's image.
type TagWrite struct {
	Target, Tag string
	Digest      digest.Digest
	Err         error
}

// tagAttempts and tagBackoff bound the retries of one tag write.
var (
	tagAttempts = 4
	tagBackoff  = time.Second
)

func (r *runner) publishAtomic(ctx context.Context, jobs []*job) *Publication {
	pub := &Publication{}
	failed := ctx.Err() != nil
	var writes []TagWrite
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.err != nil || j.skipped || j.result == nil {
			failed = failed || j.err != nil || j.skipped
			continue
		}
		if seen[j.target()] || len(j.result.pending) == 0 {
			continue
		}
		seen[j.target()] = true
		d := j.result.Index
		if d == "" {
			d = j.result.Response["containerimage.digest"]
		}
		for _, tag := range j.result.pending {
			writes = append(writes, TagWrite{Target: j.target(), Tag: tag, Digest: digest.Digest(d)})
		}
	}
	for _, j := range jobs {
		if j.result == nil && !j.skipped && j.err == nil {
			failed = true // never ran
		}
	}
	if failed {
		pub.Withheld = writes
		return pub
	}
	if len(writes) == 0 {
		return pub
	}
	pw := r.mw.WithPrefix("bkx", true)
	step(pw, fmt.Sprintf("publishing %d tags (--publish=atomic)", len(writes)), func() error {
		for _, w := range writes {
			if w.Err = r.tagWithRetries(ctx, w.Tag, w.Digest); w.Err != nil {
				pub.Failed = append(pub.Failed, w)
			} else {
				pub.Done = append(pub.Done, w)
			}
		}
		if len(pub.Failed) > 0 {
			return fmt.Errorf("%d tags could not be written", len(pub.Failed))
		}
		return nil
	})
	close(pw.Status())
	return pub
}

func (r *runner) tagWithRetries(ctx context.Context, tag string, d digest.Digest) error {
	var err error
	wait := tagBackoff
	for i := 0; i < tagAttempts; i++ {
		if err = tagDigest(ctx, r.opt.Env, tag, d); err == nil || ctx.Err() != nil {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		wait *= 2
	}
	return err
}

// tagDigest points tag at the manifest or index d, already pushed to the
// tag's repository by digest.
func tagDigest(ctx context.Context, env map[string]string, tag string, d digest.Digest) error {
	named, err := reference.ParseNormalizedNamed(tag)
	if err != nil {
		return fmt.Errorf("tag %q: %w", tag, err)
	}
	byDigest := named.Name() + "@" + d.String()
	res := resolver(env)
	_, desc, err := res.Resolve(ctx, byDigest)
	if err != nil {
		return fmt.Errorf("finding %s: %w", byDigest, err)
	}
	f, err := res.Fetcher(ctx, byDigest)
	if err != nil {
		return err
	}
	rc, err := f.Fetch(ctx, desc)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(rc, 8<<20))
	rc.Close()
	if err != nil {
		return err
	}
	ref := reference.TagNameOnly(named).String()
	if err := pushManifest(ctx, resolver(env), ref, desc, data); err != nil {
		return fmt.Errorf("tagging %s: %w", ref, err)
	}
	return nil
}

// summary prints what --publish=atomic did.
func (p *Publication) summary(w io.Writer) {
	if p == nil || len(p.Done)+len(p.Failed)+len(p.Withheld) == 0 {
		return
	}
	line := func(t TagWrite) string {
		return fmt.Sprintf("  %s → %s (%s)", t.Tag, t.Digest, t.Target)
	}
	switch {
	case len(p.Withheld) > 0:
		fmt.Fprintln(w, "\n--publish=atomic: a target failed, so no tag moved. It would have published:")
		for _, t := range p.Withheld {
			fmt.Fprintln(w, line(t))
		}
	case len(p.Failed) > 0:
		fmt.Fprintln(w, "\n--publish=atomic: some tags could not be written. These point at the new images:")
		for _, t := range p.Done {
			fmt.Fprintln(w, line(t))
		}
		fmt.Fprintln(w, "These still point where they did before:")
		for _, t := range p.Failed {
			fmt.Fprintf(w, "%s: %v\n", line(t), strings.ReplaceAll(t.Err.Error(), "\n", " "))
		}
	default:
		fmt.Fprintf(w, "\n--publish=atomic: published %d tags:\n", len(p.Done))
		for _, t := range p.Done {
			fmt.Fprintln(w, line(t))
		}
	}
}

package exec

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/internal/htmlreport"
)

// HTMLOptions are what the HTML report says beyond the Report.
type HTMLOptions struct {
	// Title heads the page (the command line, say).
	Title string
	// Err is the run's error, when it failed.
	Err error
	// Mask hides secret values in every text of the page (nil: none).
	Mask func(string) string
}

// WriteHTML writes the report as one self-contained HTML page
// (internal/htmlreport): the timeline of the jobs per node, the summary
// table, the failures and the warnings. It is written atomically.
func (r *Report) WriteHTML(path string, opt HTMLOptions) error {
	p := r.htmlPage(opt)
	p.Mask(opt.Mask)
	return writeAtomic(path, func(w io.Writer) error { return htmlreport.Render(w, p) })
}

func (r *Report) htmlPage(opt HTMLOptions) *htmlreport.Page {
	p := &htmlreport.Page{Title: opt.Title, Failed: opt.Err != nil || len(r.Failed) > 0, Summary: r.summaryTable(), Warnings: r.warningList()}
	for _, f := range r.Failed {
		p.Failures = append(p.Failures, htmlreport.Failure{Target: f.Target, Text: f.Err.Error()})
	}
	if len(p.Failures) == 0 && opt.Err != nil {
		p.Failures = append(p.Failures, htmlreport.Failure{Target: "the run", Text: opt.Err.Error()})
	}
	var pub bytes.Buffer
	r.Publish.summary(&pub)
	if s := strings.TrimSpace(pub.String()); s != "" {
		p.Notes = append(p.Notes, s)
	}
	if tl := r.Timeline; tl != nil {
		p.Start, p.End = tl.Start, tl.End
		p.Lanes, p.Bars = timelineBars(tl)
	}
	return p
}

// timelineBars draws the timeline: bkx's own steps on a lane of their
// own, then a lane per node with a bar per job.
func timelineBars(tl *Timeline) ([]htmlreport.Lane, []htmlreport.Bar) {
	var lanes []htmlreport.Lane
	var bars []htmlreport.Bar
	if len(tl.Client) > 0 {
		lanes = append(lanes, htmlreport.Lane{ID: "bkx", Name: "this machine (bkx)", Client: true})
		for _, c := range tl.Client {
			bars = append(bars, htmlreport.Bar{Lane: "bkx", Label: c.Name, Target: c.Name, Start: c.Started, End: c.Finished,
				Outcome: "client", Detail: []string{c.Name, "on this machine, " + htmlSeconds(c.Finished.Sub(c.Started))}})
		}
	}
	for _, n := range tl.Nodes {
		lanes = append(lanes, htmlreport.Lane{ID: n, Name: n})
	}
	first := len(bars)
	for _, s := range tl.Spans {
		b := htmlreport.Bar{Lane: s.Builder + "/" + s.Node, Label: spanName(s), Target: s.Target, Platforms: s.Platforms,
			Ready: s.Ready, Start: s.Started, End: s.Finished, Outcome: string(s.Outcome), Detail: spanDetail(tl, s)}
		for _, d := range s.WaitedOn {
			b.Deps = append(b.Deps, first+d)
		}
		bars = append(bars, b)
	}
	return lanes, bars
}

func spanName(s Span) string {
	if len(s.Platforms) == 0 {
		return s.Target
	}
	return s.Target + " " + strings.Join(s.Platforms, ",")
}

// spanDetail is a bar's tooltip: where, how it ended, when, and what it
// waited for.
func spanDetail(tl *Timeline, s Span) []string {
	at := func(t time.Time) string { return "+" + htmlSeconds(t.Sub(tl.Start)) }
	lines := []string{spanName(s) + " on " + s.Builder + "/" + s.Node}
	took := htmlSeconds(s.Finished.Sub(s.Started))
	switch s.Outcome {
	case OutcomeBuilt:
		lines = append(lines, fmt.Sprintf("built in %s: %d steps ran, %d of %d from the cache", took, s.Ran, s.Cached, s.Steps))
	case OutcomeCached:
		lines = append(lines, fmt.Sprintf("built in %s: every step from the cache (%d of %d; sources load each time)", took, s.Cached, s.Steps))
	case OutcomeFailed:
		lines = append(lines, fmt.Sprintf("FAILED after %s (%d of %d steps from the cache)", took, s.Cached, s.Steps))
	case OutcomeCancelled:
		if s.Started.IsZero() {
			lines = append(lines, "cancelled at "+at(s.Finished)+" before it started")
		} else {
			lines = append(lines, "cancelled after "+took)
		}
	case OutcomeSkipped:
		lines = append(lines, "not run: a target it needs failed")
	}
	if !s.Started.IsZero() {
		lines = append(lines, "ran from "+at(s.Started)+" to "+at(s.Finished))
	}
	for _, d := range s.WaitedOn {
		dep := tl.Spans[d]
		lines = append(lines, fmt.Sprintf("waited on %s (%s/%s, %s) until %s", spanName(dep), dep.Builder, dep.Node, dep.Outcome, at(dep.Finished)))
	}
	if !s.Ready.IsZero() && !s.Started.IsZero() && s.Started.Sub(s.Ready) >= 100*time.Millisecond {
		lines = append(lines, fmt.Sprintf("waited %s for a free slot on its node", htmlSeconds(s.Started.Sub(s.Ready))))
	}
	if s.Error != "" {
		e := s.Error
		if len(e) > 400 {
			e = e[:400] + "…"
		}
		lines = append(lines, "error: "+e)
	}
	return lines
}

// summaryTable is the summary as Summary prints it, a row per target.
func (r *Report) summaryTable() htmlreport.Table {
	t := htmlreport.Table{Header: []string{"TARGET", "NODE", "PLATFORMS", "TIME", "CACHED", "OUTPUTS", "DIGEST"}}
	for _, res := range r.Results {
		plats := strings.Join(res.Platforms, ",")
		if plats == "" {
			plats = "(node's)"
		}
		outs := strings.Join(res.Outputs, "; ")
		if outs == "" {
			outs = "(build cache only)"
		}
		dgst := res.Response["containerimage.digest"]
		if res.Index != "" {
			dgst = res.Index
		}
		outcome := OutcomeBuilt
		if r.Timeline != nil {
			for _, s := range r.Timeline.Spans {
				if s.Target == res.Name && s.Builder == res.Builder && s.Node == res.Node {
					outcome = s.Outcome
				}
			}
		}
		t.Rows = append(t.Rows, htmlreport.Row{Target: res.Name, Outcome: string(outcome), Cells: []string{
			res.Name, res.Builder + "/" + res.Node, plats, fmt.Sprintf("%.1fs", res.Duration.Seconds()),
			fmt.Sprintf("%d/%d", res.Cached, res.Steps), outs, shortDigest(dgst)}})
	}
	for _, s := range r.Skipped {
		t.Rows = append(t.Rows, htmlreport.Row{Target: s, Outcome: string(OutcomeSkipped),
			Cells: []string{s, "", "", "", "", "not built: a dependency failed or the build was cancelled", ""}})
	}
	for _, f := range r.Failed {
		t.Rows = append(t.Rows, htmlreport.Row{Target: f.Target, Outcome: string(OutcomeFailed),
			Cells: []string{f.Target, "", "", "", "", "FAILED", ""}})
	}
	return t
}

// warningList is the builds' warnings as printWarnings lists them: each
// once, at its Dockerfile line.
func (r *Report) warningList() []htmlreport.Warning {
	var out []htmlreport.Warning
	seen := map[htmlreport.Warning]bool{}
	add := func(target, dockerfile string, w []*client.VertexWarning) {
		for _, vw := range w {
			l := htmlreport.Warning{Target: target, Where: dockerfile, Text: string(vw.Short), URL: vw.URL}
			if len(vw.Range) > 0 && vw.Range[0] != nil && vw.Range[0].Start != nil {
				l.Where = fmt.Sprintf("%s:%d", l.Where, vw.Range[0].Start.Line)
			}
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	for _, t := range r.Results {
		add(t.Name, t.targetDockerfile, t.Warnings)
	}
	for _, f := range r.Failed {
		add(f.Target, f.targetDockerfile, f.Warnings)
	}
	return out
}

// htmlSeconds writes a duration as the summary does.
func htmlSeconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }

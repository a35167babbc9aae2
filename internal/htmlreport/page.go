package htmlreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"
)

// Page is what the report shows.
type Page struct {
	// Title heads the page (the command line, say).
	Title string
	// Start and End bound the timeline.
	Start, End time.Time
	// Failed tells a run that failed from one that succeeded.
	Failed bool
	Lanes  []Lane
	Bars   []Bar
	// Summary is the table of targets.
	Summary Table
	// Failures are the root causes, with their error text.
	Failures []Failure
	// Notes are preformatted paragraphs after the table (what was
	// published, say).
	Notes    []string
	Warnings []Warning
}

// Lane is a row of the timeline: a node, or this machine.
type Lane struct {
	// ID is what bars name their lane by (builder/node).
	ID   string
	Name string
	// Client marks the lane of the work bkx did on this machine.
	Client bool
}

// Bar is one job on its lane.
type Bar struct {
	Lane string
	// Label is written on the bar: the target and its platforms.
	Label     string
	Target    string
	Platforms []string
	// Ready is when it could start but for a free slot (zero: not
	// drawn); Start and End bound it. A zero Start draws a marker at End:
	// the job never ran.
	Ready, Start, End time.Time
	// Outcome is built, cached, failed, cancelled, skipped or client.
	Outcome string
	// Detail are the lines of the bar's tooltip.
	Detail []string
	// Deps are the bars it waited on, as indexes into Page.Bars: each
	// is drawn as an arrow from its end to this bar.
	Deps []int
}

// Table is the summary: a header and a row per target.
type Table struct {
	Header []string
	Rows   []Row
}

// Row is one target of the summary.
type Row struct {
	Target  string
	Outcome string
	Cells   []string
}

// Failure is a failed target and why.
type Failure struct{ Target, Text string }

// Warning is one warning of a build, once, at its Dockerfile line; URL
// documents its rule.
type Warning struct{ Target, Where, Text, URL string }

// Mask passes every text of the page through f (hiding secret values).
func (p *Page) Mask(f func(string) string) {
	if f == nil {
		return
	}
	all := func(ss []string) {
		for i := range ss {
			ss[i] = f(ss[i])
		}
	}
	p.Title = f(p.Title)
	for i := range p.Lanes {
		l := &p.Lanes[i]
		l.ID, l.Name = f(l.ID), f(l.Name)
	}
	for i := range p.Bars {
		b := &p.Bars[i]
		b.Lane, b.Label, b.Target = f(b.Lane), f(b.Label), f(b.Target)
		all(b.Platforms)
		all(b.Detail)
	}
	all(p.Summary.Header)
	for i := range p.Summary.Rows {
		r := &p.Summary.Rows[i]
		r.Target = f(r.Target)
		all(r.Cells)
	}
	for i := range p.Failures {
		p.Failures[i].Target, p.Failures[i].Text = f(p.Failures[i].Target), f(p.Failures[i].Text)
	}
	all(p.Notes)
	for i := range p.Warnings {
		w := &p.Warnings[i]
		w.Target, w.Where, w.Text, w.URL = f(w.Target), f(w.Where), f(w.Text), f(w.URL)
	}
}

//go:embed page.html
var pageHTML string

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

// Render writes the page as HTML.
func Render(w io.Writer, p *Page) error {
	return pageTemplate.Execute(w, layout(p))
}

// outcomes are the bar kinds, in the legend's order, with what they mean.
var outcomes = []struct{ Name, Meaning string }{
	{"built", "built"},
	{"cached", "built, every step from the cache"},
	{"failed", "failed"},
	{"cancelled", "cancelled: another target failed, or Ctrl-C"},
	{"skipped", "not run: a target it needs failed"},
	{"client", "bkx's own work on this machine"},
}

// seconds writes a duration for people: 0.4s, 12.3s, 2m05s.
func seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

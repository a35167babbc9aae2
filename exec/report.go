package exec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/moby/buildkit/client"
	gateway "github.com/moby/buildkit/frontend/gateway/client"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	bake "github.com/bkx-dev/bkx/hcl"
)

// TargetResult is what one target's build produced on one node.
type TargetResult struct {
	Name      string
	Builder   string
	Node      string
	Platforms []string
	Outputs   []string
	// Ref is builder/node/solve-ref, as buildx's buildx.build.ref.
	Ref string
	// Response is the exporter response (digests, image name...).
	Response map[string]string
	Cached   int
	Steps    int
	Duration time.Duration
	// Index is the digest of the index joining the platforms a split
	// target built on several nodes.
	Index string

	tags     []string // where a split target's index is pushed
	pending  []string // the tags --publish=atomic writes at the end
	splitOCI string   // where a split target's OCI layout is written

	// Call is the answer of a check, outline or targets call.
	Call *CallResult
	// Warnings are what the build warned about (a Dockerfile's lint
	// rules), as BuildKit sent them.
	Warnings []*client.VertexWarning
	// targetDockerfile names the target's Dockerfile in the warnings.
	targetDockerfile string
	// Provenance is the build's SLSA v0.2 provenance predicate by
	// metadata key (buildx.build.provenance, with /PLATFORM for each
	// platform of a multi-platform build), when asked for.
	Provenance map[string]json.RawMessage
}

// CallResult is what a frontend subrequest (--call) answered.
type CallResult struct {
	Method string
	Text   string
	JSON   []byte
	// Failed is true when a check found problems.
	Failed bool
}

// Report is the outcome of a run.
type Report struct {
	Results []*TargetResult
	// Failed are the root causes; targets skipped because a dependency
	// failed are in Skipped.
	Failed  []*TargetError
	Skipped []string
	// Publish is what --publish=atomic did with the tags, nil otherwise.
	Publish *Publication
	// Timeline is when and where each job ran (timeline.go).
	Timeline *Timeline
}

// report collects the jobs' outcomes. A job cancelled because another
// failed is not a root cause.
func report(jobs []*job, cause error) (*Report, error) {
	r := &Report{}
	for _, j := range jobs {
		switch {
		case j.result != nil:
			j.result.Duration = j.finished.Sub(j.started)
			r.Results = append(r.Results, j.result)
		case j.skipped:
			r.Skipped = append(r.Skipped, j.target())
		case j.err != nil:
			var te *TargetError
			if cause != nil && canceled(j.err) {
				// Stopped by the run's cancellation (another target
				// failed, or Ctrl-C): not a root cause. A target built
				// on several nodes is reported once, by its failed part.
				if !errors.As(cause, &te) || te.Target != j.target() {
					r.Skipped = append(r.Skipped, j.target())
				}
				continue
			}
			if errors.As(cause, &te) && te.Target != j.target() && errors.Is(j.err, cause) {
				r.Skipped = append(r.Skipped, j.target())
				continue
			}
			if errors.As(j.err, &te) {
				r.Skipped = append(r.Skipped, j.target())
				continue
			}
			failed := &TargetError{Target: j.target(), Err: j.err, Warnings: j.warnings, targetDockerfile: j.dockerfile}
			var de *dockerfileError
			if errors.As(j.err, &de) {
				failed.Dockerfile = de.name
			}
			r.Failed = append(r.Failed, failed)
		}
	}
	if len(r.Failed) > 0 {
		errs := make([]error, len(r.Failed))
		for i, f := range r.Failed {
			errs[i] = f
		}
		return r, errors.Join(errs...)
	}
	if cause != nil {
		return r, cause
	}
	return r, nil
}

// canceled tells an error that only says the build was cancelled, as
// BuildKit returns it through gRPC, from a failure.
func canceled(err error) bool {
	if errors.Is(err, context.Canceled) {
		return true
	}
	var se interface{ GRPCStatus() *status.Status }
	if errors.As(err, &se) && se.GRPCStatus().Code() == codes.Canceled {
		return true
	}
	return strings.HasSuffix(err.Error(), "context canceled")
}

// Summary writes a line per built target: node, time, cached steps,
// outputs and digest.
func (r *Report) Summary(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	t := r.summaryTable() // one table for this and the --report page
	fmt.Fprintln(tw, strings.Join(t.Header, "\t"))
	for _, row := range t.Rows {
		fmt.Fprintln(tw, strings.Join(row.Cells, "\t"))
	}
	tw.Flush()
	r.Publish.summary(w)
	r.printWarnings(w)
}

// printWarnings lists the builds' warnings after the summary, each once
// (a multi-platform build warns per platform), at its Dockerfile line,
// with the rule's documentation.
func (r *Report) printWarnings(w io.Writer) {
	lines := r.warningList() // one list for this and the --report page
	if len(lines) == 0 {
		return
	}
	if len(lines) == 1 {
		fmt.Fprintln(w, "\n1 warning:")
	} else {
		fmt.Fprintf(w, "\n%d warnings:\n", len(lines))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %s: %s: %s\n", l.Target, l.Where, l.Text)
		if l.URL != "" {
			fmt.Fprintf(w, "    %s\n", l.URL)
		}
	}
}

func shortDigest(d string) string {
	if len(d) > 19 {
		return d[:19]
	}
	return d
}

// WriteMetadata writes the metadata file in the shape buildx writes:
// per target, the exporter response (JSON values decoded), the build ref,
// and bkx's node; with warnings, every build's warnings under
// buildx.build.warnings (BUILDX_METADATA_WARNINGS).
func (r *Report) WriteMetadata(path string, warnings bool) error {
	out := map[string]any{}
	var all []*client.VertexWarning
	for _, t := range r.Results {
		all = append(all, t.Warnings...)
		m, _ := out[t.Name].(map[string]any)
		if m == nil {
			m = map[string]any{"buildx.build.ref": t.Ref}
			out[t.Name] = m
		}
		nodes, _ := m["bkx.nodes"].([]string)
		m["bkx.nodes"] = append(nodes, t.Builder+"/"+t.Node)
		for k, v := range t.Response {
			m[k] = decodeResponseValue(v)
		}
		for k, v := range t.Provenance {
			m[k] = v
		}
		if t.Index != "" {
			// The platforms built on several nodes, joined.
			m["containerimage.digest"] = t.Index
			delete(m, "containerimage.descriptor")
			m["image.name"] = strings.Join(t.tags, ",")
		}
	}
	if warnings && len(all) > 0 {
		out["buildx.build.warnings"] = all
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := createPartial(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// decodeResponseValue turns base64-encoded JSON values of the exporter
// response into JSON, as buildx does; others stay strings.
func decodeResponseValue(v string) any {
	if b, err := base64.StdEncoding.DecodeString(v); err == nil {
		var j any
		if json.Unmarshal(b, &j) == nil {
			if _, isObj := j.(map[string]any); isObj {
				return j
			}
		}
	}
	return v
}

// callOutput reads a subrequest's answer.
func callOutput(t *bake.Target, res *gateway.Result) *CallResult {
	if callRequest(t) == "" {
		return nil
	}
	c := &CallResult{Method: *t.Call}
	if res == nil || res.Metadata == nil {
		c.Text = "Check complete, no warnings found.\n"
		return c
	}
	c.Text = string(res.Metadata["result.txt"])
	c.JSON = res.Metadata["result.json"]
	if code, ok := res.Metadata["result.statuscode"]; ok && strings.TrimSpace(string(code)) != "0" {
		c.Failed = true
	}
	if callRequest(t) == "frontend.lint" {
		var lint struct {
			Warnings []json.RawMessage `json:"warnings"`
		}
		_ = json.Unmarshal(c.JSON, &lint)
		switch n := len(lint.Warnings); {
		case n == 1:
			c.Text = "Check complete, 1 warning has been found!\n" + c.Text
		case n > 1:
			c.Text = fmt.Sprintf("Check complete, %d warnings have been found!\n", n) + c.Text
		case strings.TrimSpace(c.Text) == "" && !c.Failed:
			c.Text = "Check complete, no warnings found.\n"
		}
	}
	return c
}

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	hcl2 "github.com/hashicorp/hcl/v2"
	solvererrdefs "github.com/moby/buildkit/solver/errdefs"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/exec"
	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// writeDiagnostics prints each diagnostic as
//
//	file:line:col: error: Summary
//	   3 |   colour = "blue"
//	     |   ^^^^^^
//	  Detail, which says what to do.
//
// so that editors and terminals can jump to the position.
func writeDiagnostics(w io.Writer, files map[string]*hcl2.File, diags hcl2.Diagnostics) {
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl2.DiagWarning {
			sev = "warning"
		}
		if d.Subject != nil {
			fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, sev, d.Summary)
			if f := files[d.Subject.Filename]; f != nil {
				writeSnippet(w, f.Bytes, *d.Subject)
			}
		} else {
			fmt.Fprintf(w, "%s: %s\n", sev, d.Summary)
		}
		if d.Detail != "" {
			for _, l := range strings.Split(wrap(d.Detail, 96), "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		fmt.Fprintln(w)
	}
}

// writeSnippet prints the subject's first line with a caret underline.
func writeSnippet(w io.Writer, src []byte, r hcl2.Range) {
	lines := bytes.Split(src, []byte("\n"))
	if r.Start.Line < 1 || r.Start.Line > len(lines) {
		return
	}
	line := strings.TrimRight(string(lines[r.Start.Line-1]), "\r")
	line = strings.ToValidUTF8(line, "\uFFFD")
	line = strings.ReplaceAll(line, "\t", " ")
	runes := []rune(line)
	if len(runes) > 200 {
		runes = append(runes[:200], '…')
	}
	start := r.Start.Column - 1
	end := r.End.Column - 1
	if r.End.Line != r.Start.Line {
		end = len(runes)
	}
	start = max(0, min(start, len(runes)))
	end = max(start+1, min(end, len(runes)))
	num := fmt.Sprintf("%d", r.Start.Line)
	fmt.Fprintf(w, " %s | %s\n", num, string(runes))
	fmt.Fprintf(w, " %s | %s%s\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", start), strings.Repeat("^", end-start))
}

// wrap folds text at width on spaces.
func wrap(s string, width int) string {
	var out strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				out.WriteByte('\n')
				col = 0
			} else {
				out.WriteByte(' ')
				col++
			}
		}
		out.WriteString(word)
		col += len(word)
	}
	return out.String()
}

// writeFailure prints why a target failed where the user can act: at the
// attest attribute when an SBOM scanner image could not be pulled, at the
// Dockerfile line of the step that failed, else as the error itself.
func writeFailure(w io.Writer, te *exec.TargetError, sel *hcl.Selection, files map[string]*hcl2.File) {
	var se *exec.ScannerError
	switch {
	case errors.As(te.Err, &se) && sel.Targets[te.Target] != nil:
		writeDiagnostics(w, files, hcl2.Diagnostics{plan.TargetError(sel.Targets[te.Target], "attest",
			"SBOM scanner image cannot be pulled",
			fmt.Sprintf("an SBOM attestation runs the scanner image %s on the builder, and the builder could not pull it (%s). Make it reachable (a registry mirror in the buildkitd config, or generator=REGISTRY/IMAGE naming a copy you pushed), or drop the sbom attestation.", se.Image, pullCause(se.Err)))})
	case !writeStepFailure(w, te):
		fmt.Fprintf(w, "error: %v\n", te)
	}
}

// pullCause is why an image could not be pulled: the failed dial when
// there is one ("dial tcp: lookup registry-1.docker.io: no such host"),
// else the whole error.
func pullCause(err error) string {
	if c, ok := drivers.DialError(err); ok {
		return c
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// writeStepFailure prints a target's failure at the Dockerfile line of
// the step that failed, when BuildKit says which (as the frontend's
// source map does for RUN and COPY steps):
//
//	app/Dockerfile:3:1: error: Target "default" failed at this step
//	 3 | RUN make
//	   | ^^^^^^^^
//	  process "/bin/sh -c make" did not complete successfully: exit code: 2
//
// It returns false, printing nothing, when the error has no position.
func writeStepFailure(w io.Writer, te *exec.TargetError) bool {
	srcs := solvererrdefs.Sources(te.Err)
	if len(srcs) == 0 {
		return false
	}
	src := srcs[len(srcs)-1]
	if src.Info == nil || len(src.Ranges) == 0 || src.Ranges[0].Start == nil {
		return false
	}
	name := te.Dockerfile
	if name == "" {
		name = src.Info.Filename
	}
	lines := strings.Split(string(src.Info.Data), "\n")
	start := src.Ranges[0].Start
	if start.Line < 1 || int(start.Line) > len(lines) {
		return false
	}
	// The range covers the whole instruction: underline its first line.
	r := hcl2.Range{
		Filename: name,
		Start:    hcl2.Pos{Line: int(start.Line), Column: int(start.Character) + 1},
		End:      hcl2.Pos{Line: int(start.Line), Column: len([]rune(lines[start.Line-1])) + 1},
	}
	msg := te.Err.Error()
	msg = strings.TrimPrefix(msg, "failed to solve: ")
	writeDiagnostics(w, map[string]*hcl2.File{name: {Bytes: src.Info.Data}}, hcl2.Diagnostics{{
		Severity: hcl2.DiagError,
		Summary:  fmt.Sprintf("Target %q failed at this step", te.Target),
		Detail:   msg,
		Subject:  &r,
	}})
	return true
}

// writeFailureSummary ends a --keep-going run: every failed target with
// its root cause on one line (the step, at its Dockerfile line, when
// BuildKit says which), then every target not built and the failed
// targets it needed.
func writeFailureSummary(w io.Writer, rep *exec.Report, p *plan.Plan) {
	fmt.Fprintf(w, "%s failed", plural(len(rep.Failed), "target"))
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, ", %d not built", len(rep.Skipped))
	}
	fmt.Fprintf(w, ", %d built:\n", len(rep.Results))
	failed := map[string]bool{}
	for _, te := range rep.Failed {
		failed[te.Target] = true
		fmt.Fprintf(w, "  %s: %s\n", te.Target, rootCause(te))
	}
	targetOf := map[string]string{}
	for _, s := range p.Steps {
		targetOf[s.ID] = s.Target
	}
	for _, name := range rep.Skipped {
		var needs []string
		for _, s := range p.Steps {
			if s.Target != name {
				continue
			}
			for _, d := range s.DependsOn {
				if t := targetOf[d]; failed[t] && !slices.Contains(needs, t) {
					needs = append(needs, t)
				}
			}
		}
		why := "the build was cancelled"
		if len(needs) > 0 {
			why = "it needs " + strings.Join(needs, ", ")
		}
		fmt.Fprintf(w, "  %s: not built, %s\n", name, why)
	}
}

// rootCause is a failure on one line: DOCKERFILE:LINE: INSTRUCTION: the
// error's last line, or the error itself.
func rootCause(te *exec.TargetError) string {
	msg := te.Err.Error()
	msg = strings.TrimPrefix(msg, "failed to solve: ")
	if i := strings.LastIndex(strings.TrimSpace(msg), "\n"); i >= 0 {
		msg = strings.TrimSpace(msg)[i+1:]
	}
	srcs := solvererrdefs.Sources(te.Err)
	if len(srcs) == 0 {
		return msg
	}
	src := srcs[len(srcs)-1]
	if src.Info == nil || len(src.Ranges) == 0 || src.Ranges[0].Start == nil {
		return msg
	}
	name := te.Dockerfile
	if name == "" {
		name = src.Info.Filename
	}
	line := int(src.Ranges[0].Start.Line)
	lines := strings.Split(string(src.Info.Data), "\n")
	text := ""
	if line >= 1 && line <= len(lines) {
		text = strings.TrimSpace(lines[line-1])
		if len([]rune(text)) > 60 {
			text = string([]rune(text)[:60]) + "…"
		}
		text = " " + text
	}
	return fmt.Sprintf("%s:%d:%s: %s", name, line, text, msg)
}

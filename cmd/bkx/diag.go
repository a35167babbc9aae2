package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	hcl2 "github.com/hashicorp/hcl/v2"
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

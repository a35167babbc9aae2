package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	hcl2 "github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/bkx-dev/bkx/hcl"
)

// fmtFlags are the options of bkx fmt.
type fmtFlags struct {
	check bool // --check: list what is not formatted, exit 1 if any
	diff  bool // --diff: print the changes as a unified diff
}

// stdinName names standard input in diagnostics and diffs.
const stdinName = "<stdin>"

func (c *cli) newFmtCommand() *cobra.Command {
	var f fmtFlags
	cmd := &cobra.Command{
		Use:   "fmt [OPTIONS] [FILE...]",
		Short: "Format HCL build files",
		Long: `Format HCL build files in the canonical layout (hclwrite's, as terraform fmt):
two spaces of indentation, one space around operators, aligned = and trailing
comments, one newline at the end. Comments are kept and only the whitespace
between tokens changes, so a file means what it meant.

Without FILE, the HCL files bake loads by default in the current directory:
` + strings.Join(defaultHCLNames(), ", ") + `.
JSON and Compose files are not formatted. Files are rewritten in place, and
only when they change; - formats standard input to standard output.

--check and --diff change nothing: --check lists the files that are not
formatted and exits 1 if there are any; --diff prints the changes.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runFmt(f, args)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.check, "check", false, "Change nothing: list the files that are not formatted, and exit 1 if any")
	fl.BoolVar(&f.diff, "diff", false, "Change nothing: print the changes as a unified diff (with --check, instead of the list)")
	return cmd
}

func (c *cli) runFmt(f fmtFlags, names []string) error {
	if slices.Contains(names, "-") {
		if len(names) > 1 {
			return fmt.Errorf("- formats standard input to standard output: give it alone, or name files only")
		}
		return c.fmtStdin(f)
	}
	if len(names) == 0 {
		var err error
		if names, err = defaultHCLFiles(c.wd); err != nil {
			return err
		}
	}
	files := map[string]*hcl2.File{}
	var diags hcl2.Diagnostics
	changed := 0
	seen := map[string]bool{}
	for _, name := range names {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.wd, p)
		}
		if seen[filepath.Clean(p)] {
			continue
		}
		seen[filepath.Clean(p)] = true
		src, err := os.ReadFile(p)
		if err != nil {
			diags = append(diags, fileDiag("Cannot read build file", name, err, "Check the file name."))
			continue
		}
		files[name] = &hcl2.File{Bytes: src}
		out, d := hcl.Format(hcl.File{Name: name, Data: src})
		diags = append(diags, d...)
		if d.HasErrors() || bytes.Equal(out, src) {
			continue
		}
		changed++
		switch {
		case f.diff:
			writeDiff(c.stdout, name, src, out)
		case f.check:
			fmt.Fprintln(c.stdout, name)
		default:
			if err := replaceFile(p, out); err != nil {
				diags = append(diags, fileDiag("Cannot write formatted file", name, err, "The file is left as it was."))
				continue
			}
			fmt.Fprintln(c.stdout, name)
		}
	}
	if err := report(c.stderr, files, diags); err != nil {
		return err
	}
	if f.check && changed > 0 {
		return exitError{code: 1}
	}
	return nil
}

// fmtStdin formats standard input to standard output; with --check or
// --diff it says instead whether and how it would change.
func (c *cli) fmtStdin(f fmtFlags) error {
	src, err := io.ReadAll(c.stdin)
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	out, diags := hcl.Format(hcl.File{Name: stdinName, Data: src})
	if diags.HasErrors() {
		return report(c.stderr, map[string]*hcl2.File{stdinName: {Bytes: src}}, diags)
	}
	changed := !bytes.Equal(out, src)
	switch {
	case f.diff:
		if changed {
			writeDiff(c.stdout, stdinName, src, out)
		}
	case f.check:
		if changed {
			fmt.Fprintln(c.stdout, stdinName)
		}
	default:
		if _, err := c.stdout.Write(out); err != nil {
			return err
		}
	}
	if f.check && changed {
		return exitError{code: 1}
	}
	return nil
}

// defaultHCLNames are the HCL names among the files bake loads when none
// is named (hcl.DefaultFiles), in bake's order.
func defaultHCLNames() []string {
	var names []string
	for _, n := range hcl.DefaultFiles {
		if path.Ext(n) == ".hcl" {
			names = append(names, n)
		}
	}
	return names
}

// defaultHCLFiles are the files of defaultHCLNames that exist in dir.
func defaultHCLFiles(dir string) ([]string, error) {
	var names []string
	for _, n := range defaultHCLNames() {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no HCL build file here: bkx fmt looks for %s; name the files to format", strings.Join(defaultHCLNames(), ", "))
	}
	// The HCL files they include are formatted too (an include that does
	// not resolve is bake's error to report, not fmt's).
	if files, diags := hcl.ReadFiles(osFS{dir: dir}, names, nil, nil); !diags.HasErrors() {
		for _, f := range files {
			if path.Ext(f.Name) == ".hcl" && !slices.Contains(names, f.Name) {
				names = append(names, f.Name)
			}
		}
	}
	return names, nil
}

// fileDiag is a file's read or write failure as a diagnostic.
func fileDiag(summary, name string, err error, hint string) *hcl2.Diagnostic {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &hcl2.Diagnostic{
		Severity: hcl2.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf("%s: %v. %s", name, err, hint),
	}
}

// replaceFile replaces the file at p with data: written beside it,
// with its mode, then renamed over it, so that a reader sees the old file
// or the new one and a failure leaves the old one. A symbolic link is
// followed: the file it points to is replaced and the link stays.
func replaceFile(p string, data []byte) (err error) {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".bkxfmt-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// writeDiff prints the change from a to b as a unified diff with three
// lines of context, the files named a/NAME and b/NAME (patch -p1 applies
// it from the working directory).
func writeDiff(w io.Writer, name string, a, b []byte) {
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)
	// apos[i], bpos[i]: the lines of a and b before ops[i].
	apos, bpos := make([]int, len(ops)+1), make([]int, len(ops)+1)
	for i, op := range ops {
		apos[i+1], bpos[i+1] = apos[i], bpos[i]
		if op.kind != '+' {
			apos[i+1]++
		}
		if op.kind != '-' {
			bpos[i+1]++
		}
	}
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name)
	for start, end := 0, 0; ; {
		start, end = nextHunk(ops, end)
		if start == end {
			return
		}
		fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(apos[start], apos[end]), hunkRange(bpos[start], bpos[end]))
		for _, op := range ops[start:end] {
			var line string
			if op.kind == '+' {
				line = bl[op.b]
			} else {
				line = al[op.a]
			}
			fmt.Fprintf(w, "%c%s", op.kind, line)
			if !strings.HasSuffix(line, "\n") {
				fmt.Fprint(w, "\n\\ No newline at end of file\n")
			}
		}
	}
}

// diffContext is how many unchanged lines a hunk shows around a change.
const diffContext = 3

// nextHunk returns the ops of the next hunk after ops[from:], with its
// context; changes closer than twice the context share a hunk. It
// returns an empty range when nothing changes any more.
func nextHunk(ops []diffOp, from int) (start, end int) {
	i := from
	for i < len(ops) && ops[i].kind == ' ' {
		i++
	}
	if i == len(ops) {
		return from, from
	}
	start, end = max(i-diffContext, from), i
	for {
		for end < len(ops) && ops[end].kind != ' ' {
			end++
		}
		next := end
		for next < len(ops) && ops[next].kind == ' ' {
			next++
		}
		if next == len(ops) || next-end > 2*diffContext {
			return start, min(end+diffContext, len(ops))
		}
		end = next
	}
}

// hunkRange is a hunk header's "start,count" for the lines [from, to).
func hunkRange(from, to int) string {
	switch n := to - from; n {
	case 0:
		return fmt.Sprintf("%d,0", from)
	case 1:
		return fmt.Sprintf("%d", from+1)
	default:
		return fmt.Sprintf("%d,%d", from+1, n)
	}
}

// splitLines splits text after each newline; the last line may lack one.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := strings.IndexByte(string(b), '\n') + 1
		if i == 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[i:]
	}
	return lines
}

// diffOp is one line of an edit script: ' ' keeps a[a] (which is b[b]),
// '-' deletes a[a], '+' inserts b[b].
type diffOp struct {
	kind byte
	a, b int
}

// diffLines returns a shortest edit script from a to b: the common
// prefix and suffix, and Myers' algorithm between them.
func diffLines(a, b []string) []diffOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []diffOp
	for i := range pre {
		ops = append(ops, diffOp{' ', i, i})
	}
	for _, op := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		ops = append(ops, diffOp{op.kind, op.a + pre, op.b + pre})
	}
	for i := range suf {
		ops = append(ops, diffOp{' ', len(a) - suf + i, len(b) - suf + i})
	}
	return ops
}

// maxEditDistance bounds the search of myers, whose memory grows with
// the square of the distance; past it, the lines are replaced whole.
const maxEditDistance = 1000

// myers is Myers' O(ND) shortest edit script from a to b.
func myers(a, b []string) []diffOp {
	n, m := len(a), len(b)
	maxD := min(n+m, maxEditDistance)
	off := maxD + 1
	v := make([]int, 2*maxD+3) // v[off+k]: furthest x on diagonal k
	// trace[d] is v for diagonals -d..d before step d.
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, slices.Clone(v[off-d:off+d+1]))
		for k := -d; k <= d; k += 2 {
			x := v[off+k-1] + 1
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	var ops []diffOp
	for i := range n {
		ops = append(ops, diffOp{'-', i, 0})
	}
	for j := range m {
		ops = append(ops, diffOp{'+', 0, j})
	}
	return ops
}

// backtrack walks myers' trace back from (n, m) to the edit script.
func backtrack(trace [][]int, n, m int) []diffOp {
	var ops []diffOp
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		at := func(k int) int { return trace[d][k+d] }
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			ops = append(ops, diffOp{' ', x - 1, y - 1})
			x, y = x-1, y-1
		}
		if x == prevX {
			ops = append(ops, diffOp{'+', x, y - 1})
		} else {
			ops = append(ops, diffOp{'-', x - 1, y})
		}
		x, y = prevX, prevY
	}
	for x > 0 && y > 0 {
		ops = append(ops, diffOp{' ', x - 1, y - 1})
		x, y = x-1, y-1
	}
	slices.Reverse(ops)
	return ops
}

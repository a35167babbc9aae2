package hcl

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestErrorFixtures parses every file in testdata/errors. A line that must
// get an error ends with "# ERROR: <summary>" (several: "# ERROR: A | B"),
// one that must get a warning with "# WARNING: <summary>".
// Every diagnostic must land on a marked line with a marked summary, and
// every marker must be hit, so each file checks that all of its errors are
// reported, each at its place. Header lines "# ENV: K=V" and
// "# TARGETS: a b" set the environment and the names resolved.
func TestErrorFixtures(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "errors", "*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int][]string{} // line → severity + summaries
			env := map[string]string{}
			var targets []string
			for i, line := range strings.Split(string(data), "\n") {
				for _, sev := range []string{"ERROR", "WARNING"} {
					if _, m, ok := strings.Cut(line, "# "+sev+": "); ok {
						for _, s := range strings.Split(m, " | ") {
							want[i+1] = append(want[i+1], sev+" "+strings.TrimSpace(s))
						}
					}
				}
				if v, ok := strings.CutPrefix(line, "# ENV: "); ok {
					k, val, _ := strings.Cut(v, "=")
					env[k] = val
				}
				if v, ok := strings.CutPrefix(line, "# TARGETS: "); ok {
					targets = strings.Fields(v)
				}
			}
			if len(want) == 0 {
				t.Fatal("fixture marks no error")
			}
			name := filepath.Base(path)
			p, diags := Parse([]File{{Name: name, Data: data}}, Options{Env: env})
			if p.Targets != nil {
				if targets == nil {
					targets = p.TargetOrder
				}
				_, rd := p.Resolve(targets, nil)
				diags = append(diags, rd...)
			}
			hit := map[string]bool{}
			for _, d := range diags {
				if d.Subject == nil {
					t.Errorf("diagnostic without position: %s: %s", d.Summary, d.Detail)
					continue
				}
				if d.Subject.Filename != name {
					t.Errorf("diagnostic in %q, want %q", d.Subject.Filename, name)
				}
				line := d.Subject.Start.Line
				ok := false
				sev := "ERROR"
				if d.Severity == hcl.DiagWarning {
					sev = "WARNING"
				}
				for _, s := range want[line] {
					if s == sev+" "+d.Summary {
						ok = true
						hit[lineKey(line, s)] = true
					}
				}
				if !ok {
					t.Errorf("unexpected diagnostic at line %d: %s %s: %s", line, sev, d.Summary, d.Detail)
				}
				if d.Detail == "" {
					t.Errorf("line %d: %s has no detail saying what to do", line, d.Summary)
				}
			}
			var lines []int
			for l := range want {
				lines = append(lines, l)
			}
			sort.Ints(lines)
			for _, l := range lines {
				for _, s := range want[l] {
					if !hit[lineKey(l, s)] {
						t.Errorf("line %d: expected %q was not reported", l, s)
					}
				}
			}
		})
	}
}

func lineKey(line int, s string) string { return strings.Repeat(" ", line) + s }

package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
)

// TestErrorFixtures plans every file in testdata/errors. A line that must
// get an error ends with "# ERROR: <summary>" (a warning: "# WARNING:"); every diagnostic must land
// on such a line with that summary and every marker must be hit, so each
// file checks that all its problems are reported at once, each at the
// attribute that caused it. "# ARGS: ..." gives the command line.
func TestErrorFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/errors/*.hcl")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int][]string{}
			var args []string
			for i, line := range strings.Split(string(data), "\n") {
				for _, sev := range []string{"ERROR", "WARNING"} {
					if _, m, ok := strings.Cut(line, "# "+sev+": "); ok {
						for _, s := range strings.Split(m, " | ") {
							want[i+1] = append(want[i+1], sev+" "+s)
						}
					}
				}
				if v, ok := strings.CutPrefix(line, "# ARGS: "); ok {
					args = strings.Fields(v)
				}
			}
			names, set, opt := testOptions(args)
			name := filepath.Base(path)
			p, diags := bake.Parse([]bake.File{{Name: name, Data: data}}, bake.Options{Env: map[string]string{}})
			if diags.HasErrors() {
				t.Fatalf("parse: %s", diags.Error())
			}
			sel, diags := p.ResolveForBuild(names, set)
			if sel != nil {
				_, pd := Build(sel, p.Builders, opt)
				diags = append(diags, pd...)
			}
			hit := map[string]bool{}
			for _, d := range diags {
				if d.Subject == nil {
					t.Errorf("diagnostic without position: %s: %s", d.Summary, d.Detail)
					continue
				}
				line, ok := d.Subject.Start.Line, false
				sev := "ERROR"
				if d.Severity == hcl.DiagWarning {
					sev = "WARNING"
				}
				for _, s := range want[line] {
					if s == sev+" "+d.Summary {
						ok = true
						hit[strings.Repeat(" ", line)+s] = true
					}
				}
				if !ok {
					t.Errorf("unexpected diagnostic at line %d: %s %s: %s", line, sev, d.Summary, d.Detail)
				}
			}
			for line, sums := range want {
				for _, s := range sums {
					if !hit[strings.Repeat(" ", line)+s] {
						t.Errorf("line %d: expected %q was not reported", line, s)
					}
				}
			}
		})
	}
}

package hcl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds returns the bake files of the project's conformance copy, the
// shared cases when they sit beside the repository, and the error
// fixtures.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, pattern := range []string{
		"../cmd/bkx/testdata/conformance/*/*.hcl",
		"../cmd/bkx/testdata/conformance/*/*.json",
		"../../shared/conformance/bake/*/*.hcl",
		"../../shared/conformance/bake/*/*.json",
		"testdata/errors/*",
	} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if strings.HasSuffix(p, "expected.json") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, b)
		}
	}
	if len(seeds) == 0 {
		f.Fatal("no fuzz seeds found")
	}
	return seeds
}

// FuzzParse feeds arbitrary bytes to the parser and evaluator as HCL and
// as JSON: they must return diagnostics, never panic or hang.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		name := "fuzz.hcl"
		if json {
			name = "fuzz.json"
		}
		p, diags := Parse([]File{{Name: name, Data: data}}, Options{Env: map[string]string{}, MaxTargets: 1000})
		checkDiags(t, diags)
		if p == nil {
			t.Fatal("nil project")
		}
	})
}

// FuzzResolve resolves fuzzed files with fuzzed target names and --set
// values and prints the result.
func FuzzResolve(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, "", "")
		f.Add(s, "default", "*.tags+=x")
		f.Add(s, "app", "app.args.X=1")
	}
	f.Fuzz(func(t *testing.T, data []byte, target, set string) {
		p, diags := Parse([]File{{Name: "fuzz.hcl", Data: data}}, Options{Env: map[string]string{"X": "1"}, MaxTargets: 1000})
		checkDiags(t, diags)
		if diags.HasErrors() {
			return
		}
		var names, sets []string
		if target != "" {
			names = []string{target}
		}
		if set != "" {
			sets = []string{set}
		}
		sel, diags := p.Resolve(names, sets)
		if !diags.HasErrors() {
			if out := sel.Print(); len(out) == 0 {
				t.Fatal("empty print")
			}
		}
	})
}

// checkDiags asserts every error says what went wrong.
func checkDiags(t *testing.T, diags interface {
	HasErrors() bool
	Error() string
}) {
	if diags.HasErrors() && diags.Error() == "" {
		t.Fatal("error without message")
	}
}

package plan

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	_ "github.com/bkx-dev/bkx/drivers/all"
	bake "github.com/bkx-dev/bkx/hcl"
)

var update = flag.Bool("update", false, "rewrite the golden plans")

// testOptions are the planning options of every test: a fixed local
// platform and working directory, so plans do not depend on the machine.
func testOptions(args []string) ([]string, []string, Options) {
	opt := Options{LocalPlatform: "linux/amd64", Workdir: "/work/proj"}
	var names, set, allow []string
	var liveOf map[string][]string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--builder":
			i++
			opt.Builder = args[i]
		case a == "--allow":
			i++
			allow = append(allow, args[i])
		case a == "--live":
			// --live NODE=p1,p2: what the node's workers would answer.
			i++
			node, list, _ := strings.Cut(args[i], "=")
			if opt.NodePlatforms == nil {
				live := map[string][]string{}
				opt.NodePlatforms = func(_, n string) []string { return live[n] }
				liveOf = live
			}
			liveOf[node] = strings.Split(list, ",")
		case a == "--set":
			i++
			set = append(set, args[i])
		default:
			names = append(names, a)
		}
	}
	a, err := ParseAllow(allow, opt.Workdir)
	if err != nil {
		panic(err)
	}
	opt.Allow = a
	return names, set, opt
}

// planFiles resolves the build files of an archive and plans them.
func planFiles(t *testing.T, files []bake.File, args []string) (*Plan, string) {
	t.Helper()
	names, set, opt := testOptions(args)
	p, diags := bake.Parse(files, bake.Options{Env: map[string]string{}, LocalPlatform: "linux/amd64"})
	if diags.HasErrors() {
		t.Fatalf("parse: %s", diags.Error())
	}
	sel, diags := p.ResolveForBuild(names, set)
	if diags.HasErrors() {
		t.Fatalf("resolve: %s", diags.Error())
	}
	pl, diags := Build(sel, p.Builders, opt)
	if diags.HasErrors() {
		return nil, diags.Error()
	}
	return pl, ""
}

// TestGolden plans every archive in testdata/golden and compares the text
// rendering with its "plan" file (-update rewrites it). Planning twice
// must give byte-identical text, JSON and dot.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var files []bake.File
			var args []string
			var want string
			for _, f := range ar.Files {
				switch f.Name {
				case "args":
					args = strings.Fields(string(f.Data))
				case "plan":
					want = string(f.Data)
				default:
					files = append(files, bake.File{Name: f.Name, Data: f.Data})
				}
			}
			p1, err1 := planFiles(t, files, args)
			if err1 != "" {
				t.Fatalf("plan failed: %s", err1)
			}
			p2, _ := planFiles(t, files, args)
			if p1.Text() != p2.Text() || p1.JSON() != p2.JSON() || p1.Dot() != p2.Dot() {
				t.Fatal("planning twice gave different output")
			}
			got := p1.Text()
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "plan" {
						ar.Files[i].Data = []byte(got)
						if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
				}
				ar.Files = append(ar.Files, txtar.File{Name: "plan", Data: []byte(got)})
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("plan differs (go test ./plan -update to accept)\n--- want\n%s--- got\n%s", want, got)
			}
		})
	}
}

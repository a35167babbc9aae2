// Package drivertest is the conformance suite every driver's tests run
// against the real daemons of `make testenv`: connect, list workers and
// platforms, solve a small LLB graph and export it, close after a partial
// bootstrap, and refuse — through the plan — what the driver cannot do.
package drivertest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"

	"github.com/bkx-dev/bkx/drivers"
	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// Setup describes the builder under test.
type Setup struct {
	Driver drivers.Driver
	Config drivers.Config
	// Image is a base image every node can pull (linux/amd64), for a RUN
	// step; empty solves a file operation on scratch instead (for nodes
	// that cannot reach the test registry).
	Image string
	// WantPlatforms must be among the platforms the nodes list.
	WantPlatforms []string
}

// Run runs the suite.
func Run(t *testing.T, s Setup) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	newBuilder := func(t *testing.T) drivers.Builder {
		b, err := s.Driver.New(s.Config)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		t.Cleanup(func() {
			if err := b.Close(context.WithoutCancel(ctx)); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return b
	}
	t.Run("Platforms", func(t *testing.T) {
		b := newBuilder(t)
		want := len(s.Config.Nodes)
		if nn, ok := s.Driver.(drivers.NodeNamer); ok {
			want = 0
			for _, nc := range s.Config.Nodes {
				want += len(nn.NodeNames(nc))
			}
		}
		if len(b.Nodes()) != want {
			t.Fatalf("%d nodes, want %d", len(b.Nodes()), want)
		}
		for _, n := range b.Nodes() {
			plats, err := drivers.NodePlatforms(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range s.WantPlatforms {
				if !slices.Contains(plats, want) {
					t.Errorf("node %s lists %v, want %s among them", n.Name(), plats, want)
				}
			}
			v, err := drivers.NodeVersion(ctx, n)
			if err != nil || v == "" {
				t.Errorf("node %s version %q, %v", n.Name(), v, err)
			}
		}
	})
	t.Run("SolveAndExport", func(t *testing.T) {
		b := newBuilder(t)
		for _, n := range b.Nodes() {
			c, err := n.Client(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := "built-by-bkx-x86_64"
			st := llb.Scratch().File(llb.Mkfile("/out.txt", 0o644, []byte(want+"\n")))
			if s.Image != "" {
				st = llb.Image(s.Image).Run(llb.Shlex(`sh -c "echo built-by-bkx-$(uname -m) > /out.txt"`)).Root()
			}
			def, err := st.Marshal(ctx, llb.LinuxAmd64)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			// A file export through the session: the whole client path.
			_, err = c.Solve(ctx, def, client.SolveOpt{
				Exports: []client.ExportEntry{{Type: client.ExporterLocal, OutputDir: dir}},
			}, nil)
			if err != nil {
				t.Fatalf("node %s: solve: %v", n.Name(), err)
			}
			got, err := os.ReadFile(filepath.Join(dir, "out.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(got)) != want {
				t.Fatalf("node %s: exported %q", n.Name(), got)
			}
		}
	})
	t.Run("CloseWithoutBoot", func(t *testing.T) {
		b, err := s.Driver.New(s.Config)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Close(ctx); err != nil {
			t.Fatalf("Close before any use: %v", err)
		}
		if err := b.Close(ctx); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})
	t.Run("PlanRefusesWhatTheDriverLacks", func(t *testing.T) {
		refusals(t, s)
	})
}

// refusals asks the plan for each feature of the capability table; where
// the driver lacks one, planning must fail naming the driver, and where it
// has it, planning must pass.
func refusals(t *testing.T, s Setup) {
	caps := s.Driver.Capabilities(s.Config.Nodes[0].Opts)
	cases := []struct {
		feature drivers.Feature
		arg     string
		attrs   string
	}{
		{drivers.FeatureMultiPlatform, "", `platforms = ["linux/amd64", "linux/arm64"]`},
		{drivers.FeatureTarballOutput, "", `output = ["type=oci,dest=out.tar"]`},
		{drivers.FeatureCacheExport, "registry", `cache-to = ["type=registry,ref=localhost:5000/cache"]`},
		{drivers.FeatureCacheExport, "local", `cache-to = ["type=local,dest=cache"]`},
	}
	for _, c := range cases {
		t.Run(string(c.feature)+c.arg, func(t *testing.T) {
			var nodes strings.Builder
			for _, n := range s.Config.Nodes {
				nodes.WriteString(`node "` + n.Name + `" {
    platforms = ["linux/amd64", "linux/arm64"]
  }
`)
			}
			src := `builder "under-test" {
  driver = "` + s.Driver.Name() + `"
  ` + nodes.String() + `}
target "t" {
  builder = "under-test"
  ` + c.attrs + `
}
`
			p, diags := bake.Parse([]bake.File{{Name: "build.hcl", Data: []byte(src)}}, bake.Options{})
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			sel, diags := p.ResolveForBuild([]string{"t"}, nil)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			_, diags = plan.Build(sel, p.Builders, plan.Options{LocalPlatform: "linux/amd64", Workdir: "/work/proj"})
			lacks := caps.Supports(c.feature, c.arg) != nil
			switch {
			case lacks && !diags.HasErrors():
				t.Fatalf("the %s driver lacks %s, but the plan accepted it", s.Driver.Name(), c.feature)
			case lacks && !strings.Contains(diags.Error(), "the "+s.Driver.Name()+" driver"):
				t.Fatalf("refusal does not name the driver: %s", diags.Error())
			case !lacks && diags.HasErrors():
				t.Fatalf("the %s driver has %s, but the plan refused: %s", s.Driver.Name(), c.feature, diags.Error())
			}
		})
	}
}

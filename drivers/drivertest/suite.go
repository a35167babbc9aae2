// Package drivertest is the conformance suite every driver's tests run
// against the real daemons of `make testenv`. It holds a fixed table of
// what each driver must be able to do (table.go), checks that the
// driver's Capabilities agree with it, then does each of those things on
// the real daemon with the BuildKit client (abilities.go), beside the
// basics: connect, list workers and platforms, solve and export, close
// after a partial bootstrap. That the plan refuses what a driver lacks is
// plan's test (plan/drivers_test.go), over the same table.
package drivertest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"

	"github.com/bkx-dev/bkx/drivers"
)

// Setup describes the builder under test.
type Setup struct {
	Driver drivers.Driver
	Config drivers.Config
	// Image is a base image every node can pull (linux/amd64 and
	// linux/arm64), for RUN steps; empty solves file operations on
	// scratch instead (for nodes that cannot reach the test registry).
	Image string
	// WantPlatforms must be among the platforms the nodes list.
	WantPlatforms []string
	// Registry (host:port, plain HTTP) is where the nodes push caches and
	// images, read back from this process. Empty: the nodes cannot reach
	// one, and caches and attestations go through the client instead (a
	// local cache directory, an OCI tarball).
	Registry string
	// DockerHost is the docker daemon results are loaded into, required
	// where the table says the driver loads.
	DockerHost string
}

// Run runs the suite.
func Run(t *testing.T, s Setup) {
	want, ok := Table[s.Driver.Name()]
	if !ok {
		t.Fatalf("driver %q has no row in drivertest.Table", s.Driver.Name())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	if want.BuildkitConfig == drivers.Supported {
		s.Config = withWorkerLabel(t, s.Config, nonce)
	}
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
	t.Run("CapabilitiesAgreeWithTable", func(t *testing.T) {
		checkCapabilities(t, s, want)
	})
	t.Run("Platforms", func(t *testing.T) {
		platformsAndVersion(ctx, t, s, newBuilder(t))
	})
	t.Run("SolveAndExport", func(t *testing.T) {
		solveAndExport(ctx, t, s, newBuilder(t))
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
	t.Run("Abilities", func(t *testing.T) {
		b := newBuilder(t)
		x := &exercise{s: s, b: b, nonce: nonce, caps: s.Driver.Capabilities(s.Config.Nodes[0].Opts)}
		var err error
		if x.c, err = b.Nodes()[0].Client(ctx); err != nil {
			t.Fatal(err)
		}
		for _, a := range x.abilities(want) {
			if !a.has {
				t.Logf("%s: not in the table for the %s driver (the plan refuses it: plan/drivers_test.go)", a.name, s.Driver.Name())
				continue
			}
			t.Run(a.name, func(t *testing.T) { a.run(ctx, t) })
		}
	})
}

// checkCapabilities: the driver's static capabilities say what the table
// says, feature by feature, for every node's options.
func checkCapabilities(t *testing.T, s Setup, want Abilities) {
	for _, nc := range s.Config.Nodes {
		caps := s.Driver.Capabilities(nc.Opts)
		for _, n := range Needs() {
			err := caps.Supports(n.Feature, n.Arg)
			if has := want.Has(n); has != (err == nil) {
				t.Errorf("node %s: the table says %s: %v, Capabilities says %v", nc.Name, n, has, errOrYes(err))
			}
		}
		if caps.BuildkitConfig != want.BuildkitConfig {
			t.Errorf("node %s: buildkitd configuration %q, the table says %q", nc.Name, caps.BuildkitConfig, want.BuildkitConfig)
		}
		optLoad, _ := strconv.ParseBool(nc.Opts["default-load"])
		if caps.DefaultLoad != (want.DefaultLoad || optLoad) {
			t.Errorf("node %s (default-load=%q): DefaultLoad %v, the table says %v", nc.Name, nc.Opts["default-load"], caps.DefaultLoad, want.DefaultLoad || optLoad)
		}
	}
}

func errOrYes(err error) any {
	if err == nil {
		return "supported"
	}
	return err
}

// withWorkerLabel gives every node a buildkitd configuration that labels
// its workers with nonce, for the BuildkitConfig ability to find.
func withWorkerLabel(t *testing.T, cfg drivers.Config, nonce string) drivers.Config {
	path := filepath.Join(t.TempDir(), "buildkitd.toml")
	toml := "[worker.oci]\n  labels = { \"" + workerLabel + "\" = \"" + nonce + "\" }\n"
	if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Nodes = slices.Clone(cfg.Nodes)
	for i := range cfg.Nodes {
		if cfg.Nodes[i].BuildkitdConfig == "" {
			cfg.Nodes[i].BuildkitdConfig = path
		}
	}
	return cfg
}

// workerLabel is the worker label the suite's buildkitd configuration sets.
const workerLabel = "dev.bkx.drivertest"

func platformsAndVersion(ctx context.Context, t *testing.T, s Setup, b drivers.Builder) {
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
}

// solveAndExport solves a small graph on every node and exports it to a
// directory through the session: the whole client path.
func solveAndExport(ctx context.Context, t *testing.T, s Setup, b drivers.Builder) {
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
}

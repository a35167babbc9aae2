package testenv_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bkclient "github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// testContext is a context bounded well inside go test's default timeout.
func testContext(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// newBuildkitClient connects to a buildkitd address and closes it at the end.
func newBuildkitClient(t *testing.T, ctx context.Context, addr string, opts ...bkclient.ClientOpt) *bkclient.Client {
	t.Helper()
	c, err := bkclient.New(ctx, addr, opts...)
	if err != nil {
		t.Fatalf("buildkit client for %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// runState is FROM image, RUN script (sh -c) with /out as an empty output
// mount; the returned state is /out's content.
func runState(image string, platform ocispecs.Platform, script string) llb.State {
	base := llb.Image(image, llb.Platform(platform))
	run := base.Run(llb.Args([]string{"/bin/sh", "-c", script}), llb.WithCustomName("smoke: "+script))
	return run.AddMount("/out", llb.Scratch())
}

// solveToDir solves st for platform and exports the result into a new
// temporary folder, which it returns.
func solveToDir(t *testing.T, ctx context.Context, c *bkclient.Client, st llb.State, platform ocispecs.Platform) string {
	t.Helper()
	def, err := st.Marshal(ctx, llb.Platform(platform))
	if err != nil {
		t.Fatalf("marshal llb: %v", err)
	}
	dir := t.TempDir()
	_, err = c.Solve(ctx, def, bkclient.SolveOpt{
		Exports: []bkclient.ExportEntry{{Type: bkclient.ExporterLocal, OutputDir: dir}},
	}, nil)
	if err != nil {
		t.Fatalf("solve for %s: %v", platformString(platform), err)
	}
	return dir
}

// readTrim returns a file's content without surrounding white space.
func readTrim(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		entries, _ := os.ReadDir(filepath.Dir(path))
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("read %s: %v (folder holds %v)", path, err, names)
	}
	return strings.TrimSpace(string(b))
}

func platformString(p ocispecs.Platform) string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

func parsePlatform(t *testing.T, s string) ocispecs.Platform {
	t.Helper()
	parts := strings.Split(s, "/")
	if len(parts) < 2 {
		t.Fatalf("bad platform %q", s)
	}
	p := ocispecs.Platform{OS: parts[0], Architecture: parts[1]}
	if len(parts) > 2 {
		p.Variant = parts[2]
	}
	return p
}

// unameMachine is what `uname -m` prints for a platform's architecture.
var unameMachine = map[string]string{"amd64": "x86_64", "arm64": "aarch64"}

// workerPlatforms lists the platforms of every worker a client reports.
func workerPlatforms(t *testing.T, ctx context.Context, c *bkclient.Client) []string {
	t.Helper()
	ws, err := c.ListWorkers(ctx)
	if err != nil {
		t.Fatalf("ListWorkers: %v", err)
	}
	if len(ws) == 0 {
		t.Fatal("ListWorkers returned no workers")
	}
	var out []string
	for _, w := range ws {
		for _, p := range w.Platforms {
			out = append(out, platformString(p))
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

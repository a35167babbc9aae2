package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestBuilderCreateValues: bkx builder create writes the builders file
// with hclwrite, so values holding ${ or quotes read back as written, and
// an existing builder is found by its exact name only.
func TestBuilderCreateValues(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "cfg")}
	tricky := `a "quoted" ${HOME} %{x} \ value`
	code, _, errOut := runIn(t, dir, vars, "builder", "create", "web2", "--driver", "remote", "--endpoint", "tcp://127.0.0.1:1",
		"--driver-opt", "servername="+tricky, "--platform", "linux/arm64")
	if code != 0 {
		t.Fatal(errOut)
	}
	// "web" is a prefix of "web2": a different builder.
	if code, _, errOut := runIn(t, dir, vars, "builder", "create", "web", "--driver", "remote", "--endpoint", "tcp://127.0.0.1:2", "--node", "n1"); code != 0 {
		t.Fatalf("create web after web2: %s", errOut)
	}
	if code, _, errOut := runIn(t, dir, vars, "builder", "create", "web", "--driver", "remote", "--endpoint", "tcp://127.0.0.1:3"); code != 1 || !strings.Contains(errOut, `builder "web" is already in`) {
		t.Errorf("a second web: exit %d %s", code, errOut)
	}
	path := filepath.Join(dir, "cfg", "bkx", "builders.hcl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := hcl.Parse([]hcl.File{{Name: path, Data: data}}, hcl.Options{Env: map[string]string{"HOME": "/nowhere"}})
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, data)
	}
	got := map[string]*hcl.Builder{}
	for _, b := range p.Builders {
		got[b.Name] = b
	}
	if b := got["web2"]; b == nil || b.Nodes[0].DriverOpts["servername"] != tricky || b.Nodes[0].Platforms[0] != "linux/arm64" {
		t.Errorf("web2 reads back as %+v\n%s", b, data)
	}
	if b := got["web"]; b == nil || b.Nodes[0].Name != "n1" || b.Nodes[0].Endpoint != "tcp://127.0.0.1:2" {
		t.Errorf("web reads back as %+v\n%s", b, data)
	}
}

// TestBuilderCreatePruneRm: a docker-container builder made with
// `bkx builder create`, started, pruned and removed: its container and
// volume are gone and its entry leaves the builders file.
func TestBuilderCreatePruneRm(t *testing.T) {
	env := testenv.Require(t, testenv.Docker)
	dir := t.TempDir()
	vars := map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "cfg"), "DOCKER_HOST": env.DockerHost()}
	name := strings.ToLower(testenv.UniqueName("crud"))
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := runIn(t, dir, vars, args...)
		if code != 0 {
			t.Fatalf("bkx %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out + errOut
	}
	run("builder", "create", name, "--driver", "docker-container", "--driver-opt", "image="+env.BuildkitImage())
	t.Cleanup(func() { runIn(t, dir, vars, "builder", "rm", name) })
	if out := run("builder", "inspect", name, "--bootstrap"); !strings.Contains(out, "running") {
		t.Errorf("inspect --bootstrap:\n%s", out)
	}
	dc := dockerClient(t, env)
	list := func() int {
		cs, err := dc.ContainerList(context.Background(), container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("name", name))})
		if err != nil {
			t.Fatal(err)
		}
		return len(cs)
	}
	if list() != 1 {
		t.Fatalf("want the builder's container")
	}
	run("builder", "prune", name)
	run("builder", "rm", name)
	if n := list(); n != 0 {
		t.Errorf("%d containers left after rm", n)
	}
	if out := run("builder", "ls"); strings.Contains(out, name) {
		t.Errorf("builder ls still lists %s:\n%s", name, out)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "cfg", "bkx", "builders.hcl"))
	if strings.Contains(string(data), name) {
		t.Errorf("the builders file still has %s:\n%s", name, data)
	}
}

package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestExampleAnywhere runs README.md's "Try it" commands on
// examples/anywhere as a user on an ordinary Docker host would, with a
// docker-container builder: here the host is the test world's dockerd,
// and BASE names the test world's busybox since Docker Hub is out of
// reach. The app is loaded into docker and runs; the release is one OCI
// archive of both platforms; `bkx builder rm` leaves nothing behind.
func TestExampleAnywhere(t *testing.T) {
	env := testenv.Require(t, testenv.Docker, testenv.Registry)
	dir := copyExample(t, "anywhere")
	vars := map[string]string{
		"DOCKER_HOST":     env.DockerHost(),
		"XDG_CONFIG_HOME": t.TempDir(),
		"BASE":            env.BusyboxImage(),
		"TAG":             strings.ToLower(testenv.UniqueName("example")),
	}
	run := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runIn(t, dir, vars, args...)
		if code != 0 {
			t.Fatalf("bkx %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		return stdout + stderr
	}
	name := strings.ToLower(testenv.UniqueName("demo"))
	// network=host only because the test world's registry (BASE) is on
	// the host's loopback; README's command has no driver option.
	run("builder", "create", name, "--driver", "docker-container", "--driver-opt", "network=host")
	t.Cleanup(func() { runIn(t, dir, vars, "builder", "rm", name) })

	if out := run("bake", "--builder", name, "--plan"); !strings.Contains(out, "app on "+name) {
		t.Errorf("--plan does not put app on %s:\n%s", name, out)
	}
	run("bake", "--builder", name, "app", "--load", "--progress", "plain")
	ref := "bkx-example/app:" + vars["TAG"]
	dc := dockerClient(t, env)
	ctx := context.Background()
	t.Cleanup(func() { _, _ = dc.ImageRemove(ctx, ref, image.RemoveOptions{Force: true, PruneChildren: true}) })
	c, err := dc.ContainerCreate(ctx, &container.Config{Image: ref}, nil, nil, nil, "")
	if err != nil {
		t.Fatalf("the loaded %s does not run: %v", ref, err)
	}
	t.Cleanup(func() { _ = dc.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true}) })
	if out, err := exec.Command("docker", "-H", env.DockerHost(), "start", "-a", c.ID).CombinedOutput(); err != nil ||
		!strings.Contains(string(out), "built by bkx") || !strings.Contains(string(out), "app for linux/amd64") {
		t.Errorf("docker run %s: %v\n%s", ref, err, out)
	}

	run("bake", "--builder", name, "release", "--progress", "plain")
	files := tarFiles(t, filepath.Join(dir, "dist", "app-oci.tar"))
	if _, ok := files["index.json"]; !ok {
		t.Fatalf("dist/app-oci.tar is not an OCI layout: %v", files)
	}
	var top ociIndex
	if err := json.Unmarshal(files["index.json"], &top); err != nil || len(top.Manifests) != 1 {
		t.Fatalf("index.json: %v\n%s", err, files["index.json"])
	}
	inner := files["blobs/"+strings.Replace(top.Manifests[0].Digest, ":", "/", 1)]
	if got := indexPlatforms(t, inner); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("the release holds %v, want both platforms", got)
	}
}

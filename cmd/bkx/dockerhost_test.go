package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/image"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestBakeDockerContexts: bkx reaches the daemon the docker CLI would
// reach. The contexts are made by the real docker CLI in a fresh
// DOCKER_CONFIG: one on the unix socket, one on TCP with TLS material, one
// over ssh through the test world's ssh docker host. Each build loads an
// image (the docker driver's default), which must then be in the test
// dockerd with this build's label.
func TestBakeDockerContexts(t *testing.T) {
	w := newBuildWorld(t, testenv.Docker, testenv.SSH)
	cfg := t.TempDir()
	w.vars["DOCKER_CONFIG"] = cfg
	delete(w.vars, "DOCKER_HOST")
	docker := func(args ...string) {
		t.Helper()
		cmd := exec.Command("docker", args...)
		cmd.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + w.vars["HOME"], "DOCKER_CONFIG=" + cfg}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	tls := w.env.TLS()
	docker("context", "create", "bkx-unix", "--docker", "host="+w.env.DockerHost())
	docker("context", "create", "bkx-tls", "--docker", fmt.Sprintf("host=%s,ca=%s,cert=%s,key=%s", w.env.DockerTLSHost(), tls.CA, tls.Cert, tls.Key))
	docker("context", "create", "bkx-ssh", "--docker", "host="+w.env.SSHDockerHost())

	dc := dockerClient(t, w.env)
	build := func(t *testing.T, vars map[string]string, args ...string) {
		t.Helper()
		ref := w.image("ctx-" + strings.ReplaceAll(t.Name()[strings.LastIndex(t.Name(), "/")+1:], "_", "-"))
		t.Cleanup(func() {
			_, _ = dc.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true, PruneChildren: true})
		})
		w.file("docker-bake.hcl", fmt.Sprintf(`
target "default" {
  dockerfile-inline = "FROM %s\nLABEL dev.bkx.test=%s\n"
  tags = [%q]
}
`, w.env.BusyboxImage(), w.nonce+t.Name(), ref))
		for k, v := range vars {
			w.vars[k] = v
		}
		defer func() {
			for k := range vars {
				delete(w.vars, k)
			}
		}()
		r := w.bake(append([]string{"bake", "--progress", "plain"}, args...)...)
		if r.code != 0 {
			t.Fatal(r)
		}
		insp, err := dc.ImageInspect(context.Background(), ref)
		if err != nil || insp.Config == nil || insp.Config.Labels["dev.bkx.test"] != w.nonce+t.Name() {
			t.Fatalf("the test dockerd has no %s from this build: %v\n%s", ref, err, r)
		}
	}
	t.Run("builder names a context with TLS", func(t *testing.T) { build(t, nil, "--builder", "bkx-tls") })
	t.Run("DOCKER_CONTEXT over ssh", func(t *testing.T) { build(t, map[string]string{"DOCKER_CONTEXT": "bkx-ssh"}) })
	t.Run("DOCKER_HOST over ssh", func(t *testing.T) { build(t, map[string]string{"DOCKER_HOST": w.env.SSHDockerHost()}) })
	t.Run("current context of the config", func(t *testing.T) {
		docker("context", "use", "bkx-unix")
		build(t, nil)
	})
	t.Run("unknown context", func(t *testing.T) {
		r := w.bake("bake", "--builder", "bkx-nosuch", "--plan")
		if r.code != 1 || !strings.Contains(r.stderr, `--builder names "bkx-nosuch"`) {
			t.Fatalf("want an unknown builder error\n%s", r)
		}
	})
}

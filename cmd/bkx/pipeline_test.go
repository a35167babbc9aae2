package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
	"github.com/bkx-dev/bkx/plan"
)

// TestExampleCIPipeline plays examples/ci's pipeline locally, as the
// workflow files run it: `bkx matrix --split platforms --run-cache ...`,
// then each job in wave order as its own bkx process with its own empty
// HOME, config and builder (the base's jobs on one buildkitd node, the
// app's on the other, as on separate runners), sharing only the test
// world's registry; then the publish jobs. It checks that each pushed
// index holds both platforms, that the app's jobs reused the base's
// layers from the run's registry cache instead of running its step again,
// and that a second run with --changed-since HEAD has no jobs, then one
// for the app only after its file changes.
func TestExampleCIPipeline(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	dir := copyExample(t, "ci")
	git := gitIn(t, dir)
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "ci example")

	nonce := strings.ToLower(testenv.UniqueName("ci"))
	registry := env.Registry() + "/bkx-test-ci-" + nonce
	vars := []string{"--var", "REGISTRY=" + registry, "--var", "TAG=1", "--var", "BASE_IMAGE=" + env.BusyboxImage(), "--var", "BUILD_ID=" + nonce}
	t.Cleanup(func() {
		deleteManifest(registry + "/bkx-example/ci-base:1")
		deleteManifest(registry + "/bkx-example/ci-app:1")
	})
	matrix := func(extra ...string) []plan.Job {
		t.Helper()
		code, out, errOut := runIn(t, dir, nil, append(append([]string{"matrix", "-f", "docker-bake.hcl"}, vars...), extra...)...)
		if code != 0 {
			t.Fatalf("bkx matrix: exit %d\n%s", code, errOut)
		}
		var doc struct{ Jobs []plan.Job }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Jobs
	}
	jobs := matrix("--split", "platforms", "--run-cache", registry+"/ci-cache")
	if len(jobs) != 6 {
		t.Fatalf("want 6 jobs (2 shards + publish, twice), got %+v", jobs)
	}
	tls := env.TLS()
	builderFor := map[string][]string{
		"base": {"--driver", "remote", "--endpoint", env.BuildkitdTCP()},
		"app": {"--driver", "remote", "--endpoint", env.BuildkitdTLS(), "--driver-opt", "cacert=" + tls.CA,
			"--driver-opt", "cert=" + tls.Cert, "--driver-opt", "key=" + tls.Key, "--driver-opt", "servername=localhost"},
	}
	run := "run-" + nonce
	outputs := map[string]string{}
	for _, j := range jobs {
		home := t.TempDir()
		jobEnv := []string{"GITHUB_RUN_ID=" + run, "HOME=" + home, "DOCKER_CONFIG=" + filepath.Join(home, ".docker")}
		args := strings.Fields(strings.TrimPrefix(j.Run, "bkx "))
		if !j.Publish {
			if code, out, errOut := runBkx(t, dir, jobEnv, append([]string{"builder", "create", "ci"}, builderFor[j.Target]...)...); code != 0 {
				t.Fatalf("job %s: builder create: %s%s", j.ID, out, errOut)
			}
			args = append(args, "--builder", "ci", "--progress", "plain")
		}
		code, out, errOut := runBkx(t, dir, jobEnv, args...)
		if code != 0 {
			t.Fatalf("job %s (%s): exit %d\n%s%s", j.ID, j.Run, code, out, errOut)
		}
		outputs[j.ID] = out + errOut
	}
	for _, name := range []string{"ci-base", "ci-app"} {
		ref := registry + "/bkx-example/" + name + ":1"
		if got := indexPlatforms(t, getManifest(t, ref).body); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
			t.Errorf("%s: platforms %v", ref, got)
		}
	}
	for _, p := range []string{"linux/amd64", "linux/arm64"} {
		word := "base for " + p + " " + nonce
		if n := stepRuns(outputs["base-"+strings.ReplaceAll(p, "/", "-")], word); n != 1 {
			t.Errorf("the base's %s job ran its step %d times, want 1", p, n)
		}
		app := outputs["app-"+strings.ReplaceAll(p, "/", "-")]
		if n := stepRuns(app, word); n != 0 {
			t.Errorf("the app's %s job ran the base's step again (%d) instead of reusing it:\n%s", p, n, app)
		}
		if !strings.Contains(app, "importing cache manifest from "+registry+"/ci-cache:bkx-cache-"+run+"-base-"+strings.ReplaceAll(p, "/", "-")) {
			t.Errorf("the app's %s job did not import the base's run cache:\n%s", p, app)
		}
	}

	// Nothing changed since HEAD: no jobs. The app's file changes: the
	// app only, with the reason.
	if jobs := matrix("--split", "platforms", "--changed-since", "HEAD"); len(jobs) != 0 {
		t.Errorf("--changed-since HEAD on a clean tree: %+v", jobs)
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "greeting.txt"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range matrix("--changed-since", "HEAD") {
		ids = append(ids, j.ID)
	}
	if !slices.Equal(ids, []string{"app"}) {
		t.Errorf("after changing app/greeting.txt: jobs %v, want [app]", ids)
	}
	cfg := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	if code, _, errOut := runIn(t, dir, cfg, append([]string{"builder", "create", "ci"}, builderFor["base"]...)...); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := runIn(t, dir, cfg, append(append([]string{"bake", "-f", "docker-bake.hcl", "--builder", "ci", "--plan", "--changed-since", "HEAD"}, vars...), "app")...)
	if code != 0 || !strings.Contains(out, "Changed since HEAD\n  app: context file greeting.txt changed\n") {
		t.Errorf("--plan --changed-since: exit %d\n%s%s", code, out, errOut)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bkx-dev/bkx/internal/testenv"
	"github.com/bkx-dev/bkx/plan"
)

const matrixFile = `
target "base" {
  dockerfile-inline = "FROM scratch\nCOPY x /x\n"
  platforms = ["linux/amd64", "linux/arm64"]
}
target "app" {
  contexts = { base = "target:base" }
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["localhost:5000/x/app:1"]
}
target "docs" {
  depends_on = ["app"]
}
target "lint" {}
group "default" {
  targets = ["app", "docs", "lint"]
}
`

// TestMatrixJobs checks the jobs `bkx matrix` prints: waves from target:
// contexts and depends_on, needs, the run lines (with the -f and --set
// the matrix was given), --wave, and the github and gitlab formats.
func TestMatrixJobs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ci.hcl"), []byte(matrixFile), 0o644); err != nil {
		t.Fatal(err)
	}
	jobsOf := func(out string, key string) []plan.Job {
		t.Helper()
		var doc map[string][]plan.Job
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return doc[key]
	}
	code, out, errOut := runIn(t, dir, nil, "matrix", "-f", "ci.hcl", "--set", "*.args.V=1")
	if code != 0 {
		t.Fatal(errOut)
	}
	got := map[string]plan.Job{}
	for _, j := range jobsOf(out, "jobs") {
		got[j.ID] = j
	}
	want := map[string]struct {
		wave  int
		needs []string
	}{"base": {0, []string{}}, "lint": {0, []string{}}, "app": {1, []string{"base"}}, "docs": {2, []string{"app"}}}
	for id, w := range want {
		j, ok := got[id]
		if !ok || j.Wave != w.wave || !slices.Equal(j.Needs, w.needs) {
			t.Errorf("job %s = %+v, want wave %d needs %v", id, j, w.wave, w.needs)
		}
		if j.Run != "bkx bake -f ci.hcl --set '*.args.V=1' "+id {
			t.Errorf("job %s runs %q", id, j.Run)
		}
	}
	if len(got) != len(want) {
		t.Errorf("jobs %v", got)
	}

	_, out, _ = runIn(t, dir, nil, "matrix", "-f", "ci.hcl", "--format", "github", "--wave", "1")
	if js := jobsOf(out, "include"); len(js) != 1 || js[0].ID != "app" {
		t.Errorf("--format github --wave 1: %s", out)
	}

	_, out, _ = runIn(t, dir, nil, "matrix", "-f", "ci.hcl", "--split", "platforms", "app")
	var ids []string
	for _, j := range jobsOf(out, "jobs") {
		ids = append(ids, fmt.Sprintf("%s@%d<%s", j.ID, j.Wave, strings.Join(j.Needs, ",")))
	}
	wantIDs := []string{"base-linux-amd64@0<", "base-linux-arm64@0<", "base-publish@1<base-linux-amd64,base-linux-arm64",
		"app-linux-amd64@2<base-publish", "app-linux-arm64@2<base-publish", "app-publish@3<app-linux-amd64,app-linux-arm64"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("--split platforms:\n got %v\nwant %v", ids, wantIDs)
	}

	_, out, _ = runIn(t, dir, nil, "matrix", "-f", "ci.hcl", "--format", "gitlab", "docs")
	for _, s := range []string{"stages:\n  - \"wave-0\"\n  - \"wave-1\"\n  - \"wave-2\"\n", "\"docs\":\n  stage: \"wave-2\"\n  needs: [\"app\"]\n  script:\n    - \"bkx bake -f ci.hcl docs\"\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("--format gitlab lacks %q:\n%s", s, out)
		}
	}
	if code, _, errOut := runIn(t, dir, nil, "matrix", "-f", "ci.hcl", "--format", "yaml"); code != 1 || !strings.Contains(errOut, "use json, github or gitlab") {
		t.Errorf("--format yaml: %d %s", code, errOut)
	}
}

// TestMatrixShardsPublish plays a split pipeline the way CI runs it: the
// jobs of `bkx matrix --split platforms`, each as its own bkx process
// with its own empty HOME and docker config, sharing only the test
// world's registry and buildkitd, in wave order. Nothing carries the
// target's tag until the publish job, which then pushes one index of both
// platforms; a publish whose run lacks a platform names it and tags
// nothing.
func TestMatrixShardsPublish(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	dir := t.TempDir()
	nonce := strings.ToLower(testenv.UniqueName("matrix"))
	app := fmt.Sprintf("%s/bkx-test-matrix/app-%s:1", env.Registry(), nonce)
	base := fmt.Sprintf("%s/bkx-test-matrix/base-%s:1", env.Registry(), nonce)
	t.Cleanup(func() { deleteManifest(app); deleteManifest(base) })
	file := fmt.Sprintf(`builder "default" {
  driver   = "remote"
  endpoint = %q
}
target "base" {
  dockerfile-inline = "FROM %s\nRUN echo %s > /base\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags = [%q]
}
target "app" {
  contexts = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN cat /base > /app\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags = [%q]
}
`, env.BuildkitdTCP(), env.BusyboxImage(), nonce, base, app)
	if err := os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, dir, nil, "matrix", "--split", "platforms", "app")
	if code != 0 {
		t.Fatal(errOut)
	}
	var doc struct{ Jobs []plan.Job }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	runJob := func(j plan.Job, run string) (int, string) {
		t.Helper()
		args := strings.Fields(strings.TrimPrefix(j.Run, "bkx "))
		if !j.Publish {
			args = append(args, "--progress=plain")
		}
		code, stdout, stderr := runBkx(t, dir, []string{"GITHUB_RUN_ID=" + run, "DOCKER_CONFIG=" + t.TempDir()}, args...)
		return code, stdout + stderr
	}
	run := nonce
	for _, j := range doc.Jobs {
		if j.ID == "app-publish" {
			if _, err := tryManifest(app); err == nil {
				t.Fatalf("%s is tagged before its publish job", app)
			}
		}
		if code, out := runJob(j, run); code != 0 {
			t.Fatalf("job %s (%s): exit %d\n%s", j.ID, j.Run, code, out)
		}
	}
	for _, ref := range []string{base, app} {
		if got := indexPlatforms(t, getManifest(t, ref).body); !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
			t.Errorf("%s after publish: platforms %v", ref, got)
		}
	}

	// Another run with only the amd64 shard of app: publish names the
	// missing platform and leaves the tag where the first run put it.
	before := getManifest(t, app).digest
	var publish plan.Job
	for _, j := range doc.Jobs {
		if j.ID == "app-linux-amd64" {
			if code, out := runJob(j, run+"-2"); code != 0 {
				t.Fatalf("shard: %s", out)
			}
		}
		if j.ID == "app-publish" {
			publish = j
		}
	}
	code, out = runJob(publish, run+"-2")
	if code != 1 || !strings.Contains(out, `no shard of linux/arm64 in this run`) || !strings.Contains(out, "Nothing was tagged") {
		t.Errorf("publish with a platform missing: exit %d\n%s", code, out)
	}
	if after := getManifest(t, app).digest; after != before {
		t.Errorf("a failed publish moved %s from %s to %s", app, before, after)
	}
}

// tryManifest reads a manifest, or says why it cannot.
func tryManifest(ref string) (string, error) {
	host, repo, tag, ok := cutRef(ref)
	if !ok {
		return "", fmt.Errorf("bad reference %s", ref)
	}
	req, _ := http.NewRequest("HEAD", fmt.Sprintf("http://%s/v2/%s/manifests/%s", host, repo, tag), nil)
	req.Header.Set("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("%s: %s", ref, resp.Status)
	}
	return resp.Header.Get("Docker-Content-Digest"), nil
}

package testenv_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bkclient "github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"

	"github.com/bkx-dev/bkx/internal/testenv"
)

const (
	mediaOCIIndex    = "application/vnd.oci.image.index.v1+json"
	mediaDockerList  = "application/vnd.docker.distribution.manifest.list.v2+json"
	mediaOCIManifest = "application/vnd.oci.image.manifest.v1+json"
	mediaDockerV2    = "application/vnd.docker.distribution.manifest.v2+json"
)

// registryURL turns "localhost:5000" into the registry's HTTP base URL.
func registryURL(env *testenv.Env) string {
	return "http://" + strings.Replace(env.Registry(), "localhost", "127.0.0.1", 1)
}

// getManifest fetches repo:ref from the local registry; it returns the body
// and the content digest.
func getManifest(t *testing.T, ctx context.Context, env *testenv.Env, repo, ref string) ([]byte, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/v2/%s/manifests/%s", registryURL(env), repo, ref), nil)
	req.Header.Set("Accept", strings.Join([]string{mediaOCIIndex, mediaDockerList, mediaOCIManifest, mediaDockerV2}, ", "))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET manifest %s:%s: %v", repo, ref, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET manifest %s:%s: %s: %s", repo, ref, resp.Status, body)
	}
	return body, resp.Header.Get("Docker-Content-Digest")
}

// The base image every smoke test builds FROM is a real two-platform index.
func TestRegistryBusyboxIsMultiArch(t *testing.T) {
	env := testenv.Require(t, testenv.Registry)
	ctx := testContext(t, 30*time.Second)
	ref := strings.TrimPrefix(env.BusyboxImage(), env.Registry()+"/")
	repo, tag, _ := strings.Cut(ref, ":")
	body, _ := getManifest(t, ctx, env, repo, tag)
	var idx struct {
		MediaType string `json:"mediaType"`
		Manifests []struct {
			Platform *struct {
				OS           string `json:"os"`
				Architecture string `json:"architecture"`
			} `json:"platform"`
		} `json:"manifests"`
	}
	if err := json.Unmarshal(body, &idx); err != nil {
		t.Fatalf("decode index: %v", err)
	}
	var got []string
	for _, m := range idx.Manifests {
		if m.Platform != nil && m.Platform.OS != "unknown" {
			got = append(got, m.Platform.OS+"/"+m.Platform.Architecture)
		}
	}
	for _, want := range []string{"linux/amd64", "linux/arm64"} {
		if !contains(got, want) {
			t.Errorf("%s (%s) lists platforms %v, want %s", env.BusyboxImage(), idx.MediaType, got, want)
		}
	}
}

// Push an image built on node 1 to the local registry, then pull it on node 0
// (a different daemon, so it really comes from the registry) and read back
// the file it carries. The image is deleted from the registry at the end.
func TestRegistryPushPull(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.Registry)
	ctx := testContext(t, 3*time.Minute)
	p := parsePlatform(t, "linux/amd64")
	repo := "bkx-test/" + testenv.UniqueName("push")
	ref := env.Registry() + "/" + repo + ":latest"
	token := testenv.UniqueName("token")

	pusher := newBuildkitClient(t, ctx, env.BuildkitdUnix(1))
	img := llb.Image(env.BusyboxImage(), llb.Platform(p)).
		Run(llb.Args([]string{"/bin/sh", "-c", "echo " + token + " > /token"})).Root()
	def, err := img.Marshal(ctx, llb.Platform(p))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deleteImage(t, env, repo, "latest") })
	_, err = pusher.Solve(ctx, def, bkclient.SolveOpt{
		Exports: []bkclient.ExportEntry{{
			Type:  bkclient.ExporterImage,
			Attrs: map[string]string{"name": ref, "push": "true", "registry.insecure": "true"},
		}},
	}, nil)
	if err != nil {
		t.Fatalf("build and push %s: %v", ref, err)
	}
	if _, digest := getManifest(t, ctx, env, repo, "latest"); !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("registry returned digest %q for %s", digest, ref)
	}

	puller := newBuildkitClient(t, ctx, env.BuildkitdUnix(0))
	dir := solveToDir(t, ctx, puller, llb.Image(ref, llb.Platform(p)), p)
	if got := readTrim(t, filepath.Join(dir, "token")); got != token {
		t.Fatalf("pulled %s carries token %q, want %q", ref, got, token)
	}
}

// deleteImage removes repo:tag's manifest from the registry (deletion is
// enabled in the testenv registry's config), so tests leave nothing behind.
func deleteImage(t *testing.T, env *testenv.Env, repo, tag string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodHead, fmt.Sprintf("%s/v2/%s/manifests/%s", registryURL(env), repo, tag), nil)
	req.Header.Set("Accept", strings.Join([]string{mediaOCIIndex, mediaDockerList, mediaOCIManifest, mediaDockerV2}, ", "))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("cleanup: HEAD %s:%s: %v", repo, tag, err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return
	}
	digest := resp.Header.Get("Docker-Content-Digest")
	req, _ = http.NewRequestWithContext(ctx, http.MethodDelete, fmt.Sprintf("%s/v2/%s/manifests/%s", registryURL(env), repo, digest), nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("cleanup: DELETE %s@%s: %v", repo, digest, err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Errorf("cleanup: DELETE %s@%s: %s", repo, digest, resp.Status)
	}
}

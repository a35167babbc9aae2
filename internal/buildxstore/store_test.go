package buildxstore

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers/dockercontainer"
	"github.com/bkx-dev/bkx/drivers/kubernetes"
	"github.com/bkx-dev/bkx/internal/dockerhost"
)

// Store entries as docker buildx v0.38.2 writes them (seen by running
// `docker buildx create` against the test world).
const (
	remoteEntry = `{"Name":"rem1","Driver":"remote","Nodes":[{"Name":"rem10","Endpoint":"tcp://127.0.0.1:1234","Platforms":null,"DriverOpts":null,"Flags":null,"Files":null}],"Dynamic":false}`
	kubeEntry   = `{"Name":"kub1","Driver":"kubernetes","Nodes":[{"Name":"kub10","Endpoint":"kubernetes:///kub1?deployment=buildkit-b9d00fcb-6be8-46aa-aabe-8f902136172f-084b4\u0026kubeconfig=%2Fvar%2Flib%2Fbkx-testenv%2Fk8s%2Fadmin.kubeconfig","Platforms":null,"DriverOpts":{"image":"moby/buildkit:buildx-stable-1","namespace":"default","qemu.install":"false","timeout":"90s"},"Flags":["--allow-insecure-entitlement=network.host"],"Files":null}],"Dynamic":false}`
	boxEntry    = `{"Name":"dc1","Driver":"docker-container","Nodes":[{"Name":"dc10","Endpoint":"unix:///run/bkx-testenv/docker.sock","Platforms":[{"architecture":"arm","os":"linux","variant":"v7"}],"DriverOpts":{"image":"moby/buildkit:buildx-stable-1","network":"host"},"Flags":["--allow-insecure-entitlement=network.host"],"Files":{"buildkitd.toml":"ZGVidWcgPSB0cnVlCg=="}}],"Dynamic":false}`
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenDir(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"BUILDX_CONFIG": "/b", "DOCKER_CONFIG": "/d", "HOME": "/h"}, "/b"},
		{map[string]string{"DOCKER_CONFIG": "/d", "HOME": "/h"}, "/d/buildx"},
		{map[string]string{"HOME": "/h"}, "/h/.docker/buildx"},
	} {
		if got := Open(c.env).Dir(); got != c.want {
			t.Errorf("Open(%v).Dir() = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestDockerEndpoint(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"config.json": `{"auths":{},"currentContext":"remote-box"}`})
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DOCKER_HOST": "tcp://h:2375", "DOCKER_CONTEXT": "ctx", "DOCKER_CONFIG": dir}, "tcp://h:2375"},
		{map[string]string{"DOCKER_CONTEXT": "ctx", "DOCKER_CONFIG": dir}, "ctx"},
		{map[string]string{"DOCKER_CONFIG": dir}, "remote-box"},
		{map[string]string{"DOCKER_CONTEXT": "default", "DOCKER_CONFIG": dir}, dockerhost.DefaultHost},
		{map[string]string{"HOME": t.TempDir()}, dockerhost.DefaultHost},
	} {
		if got := DockerEndpoint(c.env); got != c.want {
			t.Errorf("DockerEndpoint(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestCurrent(t *testing.T) {
	const host = "unix:///run/bkx-testenv/docker.sock"
	entries := map[string]string{"instances/rem1": remoteEntry, "instances/kub1": kubeEntry}
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"none", nil, ""},
		{"same endpoint", map[string]string{"current": `{"Key":"` + host + `","Name":"kub1","Global":false}`}, "kub1"},
		{"other endpoint", map[string]string{"current": `{"Key":"unix:///var/run/docker.sock","Name":"kub1","Global":false}`}, ""},
		{"global", map[string]string{"current": `{"Key":"unix:///var/run/docker.sock","Name":"rem1","Global":true}`}, "rem1"},
		{"removed builder", map[string]string{"current": `{"Key":"` + host + `","Name":"gone","Global":false}`}, ""},
		// buildx use --default: the endpoint's default, read when the
		// current file is about another endpoint.
		{"default of the endpoint", map[string]string{
			"current":                       `{"Key":"unix:///var/run/docker.sock","Name":"rem1","Global":false}`,
			"defaults/73a5835a7482b16fd5f8": "kub1",
		}, "kub1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, entries)
			write(t, dir, c.files)
			got, err := Open(map[string]string{"BUILDX_CONFIG": dir, "DOCKER_HOST": host}).Current()
			if err != nil || got != c.want {
				t.Errorf("Current() = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"instances/rem1":    remoteEntry,
		"instances/kub1":    kubeEntry,
		"instances/dc1":     boxEntry,
		"instances/cloudy":  `{"Name":"cloudy","Driver":"cloud","Nodes":[{"Name":"cloudy0","Endpoint":"cloud://x"}]}`,
		"instances/broken":  `{"Name":`,
		"activity/rem1":     "2026-11-28T09:36:03Z",
		"defaults/whatever": "rem1",
	})
	s := Open(map[string]string{"BUILDX_CONFIG": dir, "DOCKER_HOST": "unix:///run/d.sock"})
	entries, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Entry{}
	var names []string
	for _, e := range entries {
		byName[e.Name] = e
		names = append(names, e.Name)
	}
	if want := []string{"broken", "cloudy", "dc1", "kub1", "rem1"}; !slices.Equal(names, want) {
		t.Fatalf("names %v, want %v", names, want)
	}
	for _, name := range []string{"broken", "cloudy"} {
		if e := byName[name]; e.Block != nil || len(e.Diags) != 1 || e.Diags[0].Severity != hcl.DiagWarning {
			t.Errorf("%s: want no block and one warning, got %+v", name, e)
		}
	}

	rem := byName["rem1"]
	if len(rem.Diags) != 0 || rem.Block.Driver != "remote" || len(rem.Block.Nodes) != 1 {
		t.Fatalf("rem1: %+v", rem)
	}
	if n := rem.Block.Nodes[0]; n.Name != "rem10" || n.Endpoint != "tcp://127.0.0.1:1234" || len(n.DriverOpts) != 0 {
		t.Errorf("rem1 node: %+v", n)
	}

	kub := byName["kub1"]
	n := kub.Block.Nodes[0]
	want := map[string]string{
		"image": "moby/buildkit:buildx-stable-1", "namespace": "default", "timeout": "90s",
		kubernetes.OptDeployment: "kub10", kubernetes.OptKubeconfig: "/var/lib/bkx-testenv/k8s/admin.kubeconfig",
	}
	if n.Endpoint != "" || !equalMaps(n.DriverOpts, want) || !slices.Equal(n.BuildkitdFlags, []string{"--allow-insecure-entitlement=network.host"}) {
		t.Errorf("kub1 node: endpoint %q opts %v flags %v; want opts %v", n.Endpoint, n.DriverOpts, n.BuildkitdFlags, want)
	}
	if len(kub.Diags) != 1 || !strings.Contains(kub.Diags[0].Detail, `"qemu.install"`) || kub.Diags[0].Severity != hcl.DiagWarning ||
		kub.Diags[0].Subject == nil || kub.Diags[0].Subject.Filename != filepath.Join(dir, "instances", "kub1") {
		t.Errorf("kub1: want one located warning about qemu.install, got %v", kub.Diags)
	}

	dc := byName["dc1"]
	n = dc.Block.Nodes[0]
	if n.Endpoint != "unix:///run/bkx-testenv/docker.sock" || n.DriverOpts[dockercontainer.OptContainer] != "buildx_buildkit_dc10" ||
		n.DriverOpts["network"] != "host" || !slices.Equal(n.Platforms, []string{"linux/arm/v7"}) {
		t.Errorf("dc1 node: %+v", n)
	}
	if len(dc.Diags) != 1 || !strings.Contains(dc.Diags[0].Detail, "buildkitd.toml") {
		t.Errorf("dc1: want a warning about the configuration file bkx does not apply, got %v", dc.Diags)
	}
}

// TestLoadDockerContext: a docker-container node created under a docker
// context has the context's name as endpoint; it is kept, for the
// driver reads docker contexts (with their TLS) itself.
func TestLoadDockerContext(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"buildx/instances/far": `{"Name":"far","Driver":"docker-container","Nodes":[{"Name":"far0","Endpoint":"far-box","Platforms":null,"DriverOpts":null,"Flags":null,"Files":null}],"Dynamic":false}`,
	})
	entries, err := Open(map[string]string{"DOCKER_CONFIG": dir}).Load()
	if err != nil || len(entries) != 1 || entries[0].Block == nil {
		t.Fatalf("%+v %v", entries, err)
	}
	if n := entries[0].Block.Nodes[0]; n.Endpoint != "far-box" || n.DriverOpts[dockercontainer.OptContainer] != "buildx_buildkit_far0" {
		t.Errorf("node %+v", n)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

package drivertest

import (
	"archive/tar"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/containerd/platforms"
	"github.com/docker/docker/api/types/image"
	dockerclient "github.com/docker/docker/client"
	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/exporter/containerimage/exptypes"
	gateway "github.com/moby/buildkit/frontend/gateway/client"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/bkx-dev/bkx/drivers"
)

// exercise does, on the first node of a builder, each thing the table
// says its driver can do: tiny solves, one RUN on the base image at most.
type exercise struct {
	s     Setup
	b     drivers.Builder
	c     *client.Client
	caps  drivers.Capabilities
	nonce string
}

type ability struct {
	name string
	has  bool
	run  func(ctx context.Context, t *testing.T)
}

func (x *exercise) abilities(a Abilities) []ability {
	return []ability{
		{"MultiPlatform", a.MultiPlatform, x.multiPlatform},
		{"Tarball", a.Tarball, x.tarball},
		{"CacheExportImport", a.Has(Need{drivers.FeatureCacheExport, x.cacheType()}), x.cache},
		{"LoadIntoDocker", a.Load, x.load},
		{"Attestation", a.Attestations, x.attestation},
		{"BuildkitConfig", a.BuildkitConfig == drivers.Supported, x.buildkitConfig},
	}
}

// step is one small step for platform p, named so that its vertex can be
// found: a RUN on the base image, or a file written over a constant base
// layer (a graph of one file operation on scratch exports no cache).
func (x *exercise) step(name string, p ocispecs.Platform) llb.State {
	if x.s.Image != "" {
		return llb.Image(x.s.Image, llb.Platform(p)).Run(
			llb.Shlex(fmt.Sprintf(`sh -c "echo %s-$(uname -m) > /out.txt"`, name)),
			llb.WithCustomName(name)).Root()
	}
	arch := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[p.Architecture]
	base := llb.Scratch().File(llb.Mkfile("/base.txt", 0o644, []byte("bkx\n")))
	return base.File(llb.Mkfile("/out.txt", 0o644, []byte(name+"-"+arch+"\n")), llb.WithCustomName(name))
}

func (x *exercise) def(ctx context.Context, t *testing.T, name string) *llb.Definition {
	p := platforms.MustParse("linux/amd64")
	def, err := x.step(name, p).Marshal(ctx, llb.Platform(p))
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// multiPlatform builds linux/amd64 and linux/arm64 in one solve and reads
// each platform's file back from the local export.
func (x *exercise) multiPlatform(ctx context.Context, t *testing.T) {
	name := "multi-" + x.nonce
	dir := t.TempDir()
	want := map[string]string{"linux/amd64": "x86_64", "linux/arm64": "aarch64"}
	_, err := x.c.Build(ctx, client.SolveOpt{
		Exports: []client.ExportEntry{{Type: client.ExporterLocal, OutputDir: dir}},
	}, "", func(ctx context.Context, gc gateway.Client) (*gateway.Result, error) {
		res := gateway.NewResult()
		var ps exptypes.Platforms
		for _, id := range []string{"linux/amd64", "linux/arm64"} {
			p := platforms.MustParse(id)
			def, err := x.step(name, p).Marshal(ctx, llb.Platform(p))
			if err != nil {
				return nil, err
			}
			r, err := gc.Solve(ctx, gateway.SolveRequest{Definition: def.ToPB(), Evaluate: true})
			if err != nil {
				return nil, err
			}
			ref, err := r.SingleRef()
			if err != nil {
				return nil, err
			}
			res.AddRef(id, ref)
			ps.Platforms = append(ps.Platforms, exptypes.Platform{ID: id, Platform: p})
		}
		dt, err := json.Marshal(ps)
		if err != nil {
			return nil, err
		}
		res.AddMeta(exptypes.ExporterPlatformsKey, dt)
		return res, nil
	}, nil)
	if err != nil {
		t.Fatalf("multi-platform solve: %v", err)
	}
	for id, arch := range want {
		got, err := os.ReadFile(filepath.Join(dir, strings.ReplaceAll(id, "/", "_"), "out.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != name+"-"+arch {
			t.Errorf("%s: %q, want %s-%s", id, got, name, arch)
		}
	}
}

// tarball writes an OCI layout to a file and reads its index and the
// image manifest it names back.
func (x *exercise) tarball(ctx context.Context, t *testing.T) {
	files := x.ociTarball(ctx, t, x.def(ctx, t, "tarball-"+x.nonce), nil)
	idx := readIndex(t, files, "index.json")
	if len(idx.Manifests) == 0 {
		t.Fatal("index.json lists no manifest")
	}
	if _, ok := files[blobPath(idx.Manifests[0].Digest.String())]; !ok {
		t.Fatalf("the tarball has no blob for %s", idx.Manifests[0].Digest)
	}
}

// ociTarball solves def into an OCI tarball and returns its files.
func (x *exercise) ociTarball(ctx context.Context, t *testing.T, def *llb.Definition, attrs map[string]string) map[string][]byte {
	out := filepath.Join(t.TempDir(), "out.tar")
	_, err := x.c.Solve(ctx, def, client.SolveOpt{
		FrontendAttrs: attrs,
		Exports: []client.ExportEntry{{Type: client.ExporterOCI, Output: func(map[string]string) (io.WriteCloser, error) {
			return os.Create(out)
		}}},
	}, nil)
	if err != nil {
		t.Fatalf("oci export: %v", err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := map[string][]byte{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatalf("reading the tarball: %v", err)
		}
		if files[path.Clean(h.Name)], err = io.ReadAll(tr); err != nil {
			t.Fatal(err)
		}
	}
}

func blobPath(digest string) string { return "blobs/" + strings.Replace(digest, ":", "/", 1) }

func readIndex(t *testing.T, files map[string][]byte, name string) ocispecs.Index {
	var idx ocispecs.Index
	if err := json.Unmarshal(files[name], &idx); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return idx
}

// cache exports a step's cache (to the registry, or to a local directory
// when the nodes reach none), prunes the step's records from the node (by
// their description, which names the step, so that only the import can
// make it cached), and solves it again importing that cache: the cache
// manifest is imported and the step is cached.
func (x *exercise) cache(ctx context.Context, t *testing.T) {
	name := "cache-" + x.nonce
	def := x.def(ctx, t, name)
	exp := client.CacheOptionsEntry{Type: "local", Attrs: map[string]string{"dest": t.TempDir(), "mode": "max"}}
	imp := client.CacheOptionsEntry{Type: "local", Attrs: map[string]string{"src": exp.Attrs["dest"]}}
	if x.cacheType() == "registry" {
		ref := x.s.Registry + "/bkx-drivertest/cache-" + x.s.Driver.Name() + ":" + x.nonce
		exp = client.CacheOptionsEntry{Type: "registry", Attrs: map[string]string{"ref": ref, "mode": "max"}}
		imp = client.CacheOptionsEntry{Type: "registry", Attrs: map[string]string{"ref": ref}}
	}
	if _, err := solve(ctx, x.c, def, client.SolveOpt{CacheExports: []client.CacheOptionsEntry{exp}}); err != nil {
		t.Fatalf("cache export (type=%s): %v", exp.Type, err)
	}
	pruned, count := make(chan client.UsageInfo), make(chan int)
	go func() {
		n := 0
		for range pruned {
			n++
		}
		count <- n
	}()
	err := x.c.Prune(ctx, pruned, client.WithFilter([]string{"description~=" + name}))
	close(pruned)
	t.Logf("pruned %d cache records of the step before the import", <-count)
	if err != nil {
		t.Fatalf("prune: %v", err)
	}
	vs, err := solve(ctx, x.c, def, client.SolveOpt{CacheImports: []client.CacheOptionsEntry{imp}})
	if err != nil {
		t.Fatalf("solve importing the cache (type=%s): %v", imp.Type, err)
	}
	imported, cached := false, false
	for _, v := range vs {
		imported = imported || strings.HasPrefix(v.Name, "importing cache manifest") && v.Error == ""
		cached = cached || v.Name == name && v.Cached
	}
	if !imported || !cached {
		t.Errorf("type=%s: cache manifest imported %v, step cached %v; vertices %s", imp.Type, imported, cached, vertexNames(vs))
	}
}

// cacheType is the cache the suite exports: to the registry, or to a
// local directory when the nodes reach none.
func (x *exercise) cacheType() string {
	if x.s.Registry != "" {
		return "registry"
	}
	return "local"
}

// solve is c.Solve, returning the last state of every vertex.
func solve(ctx context.Context, c *client.Client, def *llb.Definition, opt client.SolveOpt) ([]*client.Vertex, error) {
	ch := make(chan *client.SolveStatus)
	var vs []*client.Vertex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		last := map[string]int{}
		for st := range ch {
			for _, v := range st.Vertexes {
				if i, ok := last[v.Digest.String()]; ok {
					vs[i] = v
					continue
				}
				last[v.Digest.String()] = len(vs)
				vs = append(vs, v)
			}
		}
	}()
	_, err := c.Solve(ctx, def, opt, ch)
	wg.Wait()
	return vs, err
}

func vertexNames(vs []*client.Vertex) string {
	var names []string
	for _, v := range vs {
		names = append(names, fmt.Sprintf("%q cached=%v", v.Name, v.Cached))
	}
	return strings.Join(names, ", ")
}

// load puts an image into the docker daemon: through the driver's own
// image store exporter where it has one, else the docker exporter's
// tarball piped into the docker API's ImageLoad; the daemon then knows
// the tag.
func (x *exercise) load(ctx context.Context, t *testing.T) {
	if x.s.DockerHost == "" {
		t.Fatal("the table says this driver loads into docker, but Setup.DockerHost is empty")
	}
	dc, err := dockerclient.NewClientWithOpts(dockerclient.WithHost(x.s.DockerHost), dockerclient.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	tag := "bkx-drivertest/" + x.s.Driver.Name() + ":" + x.nonce
	def := x.def(ctx, t, "load-"+x.nonce)
	if exp := x.caps.ImageStoreExporter; exp != "" {
		_, err = x.c.Solve(ctx, def, client.SolveOpt{Exports: []client.ExportEntry{{Type: exp, Attrs: map[string]string{"name": tag}}}}, nil)
	} else {
		err = loadThroughAPI(ctx, x.c, dc, def, tag)
	}
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	t.Cleanup(func() {
		_, _ = dc.ImageRemove(context.WithoutCancel(ctx), tag, image.RemoveOptions{Force: true, PruneChildren: true})
	})
	if _, err := dc.ImageInspect(ctx, tag); err != nil {
		t.Fatalf("docker does not know %s after the load: %v", tag, err)
	}
}

// loadThroughAPI exports def with the docker exporter into ImageLoad.
func loadThroughAPI(ctx context.Context, c *client.Client, dc *dockerclient.Client, def *llb.Definition, tag string) error {
	pr, pw := io.Pipe()
	loaded := make(chan error, 1)
	go func() {
		resp, err := dc.ImageLoad(ctx, pr, dockerclient.ImageLoadWithQuiet(true))
		if err == nil {
			err = loadError(resp.Body)
			resp.Body.Close()
		}
		pr.CloseWithError(err)
		loaded <- err
	}()
	_, err := c.Solve(ctx, def, client.SolveOpt{Exports: []client.ExportEntry{{
		Type: client.ExporterDocker, Attrs: map[string]string{"name": tag},
		Output: func(map[string]string) (io.WriteCloser, error) { return pw, nil },
	}}}, nil)
	pw.CloseWithError(err)
	if lerr := <-loaded; lerr != nil {
		return fmt.Errorf("ImageLoad: %w", lerr)
	}
	return err
}

// loadError is the error an image load reports in its JSON stream.
func loadError(r io.Reader) error {
	dec := json.NewDecoder(r)
	for {
		var m struct {
			Error string `json:"error"`
		}
		if err := dec.Decode(&m); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if m.Error != "" {
			return fmt.Errorf("%s", m.Error)
		}
	}
}

// attestation builds an image with a provenance attestation, pushes it
// (or writes an OCI tarball, when the nodes reach no registry) and finds
// the attestation manifest in the image's index.
func (x *exercise) attestation(ctx context.Context, t *testing.T) {
	def := x.def(ctx, t, "attest-"+x.nonce)
	attrs := map[string]string{"attest:provenance": "mode=min"}
	var idx ocispecs.Index
	if x.s.Registry == "" {
		files := x.ociTarball(ctx, t, def, attrs)
		top := readIndex(t, files, "index.json")
		if len(top.Manifests) != 1 {
			t.Fatalf("index.json lists %d manifests, want the image index", len(top.Manifests))
		}
		idx = readIndex(t, files, blobPath(top.Manifests[0].Digest.String()))
	} else {
		repo := "bkx-drivertest/attest-" + x.s.Driver.Name()
		_, err := x.c.Solve(ctx, def, client.SolveOpt{FrontendAttrs: attrs, Exports: []client.ExportEntry{{
			Type: client.ExporterImage, Attrs: map[string]string{"name": x.s.Registry + "/" + repo + ":" + x.nonce, "push": "true"},
		}}}, nil)
		if err != nil {
			t.Fatalf("push with provenance: %v", err)
		}
		idx = registryIndex(ctx, t, x.s.Registry, repo, x.nonce)
	}
	for _, m := range idx.Manifests {
		if m.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
			return
		}
	}
	t.Errorf("no attestation manifest in the image index: %+v", idx.Manifests)
}

// registryIndex reads an image index from a plain-HTTP registry.
func registryIndex(ctx context.Context, t *testing.T, registry, repo, tag string) ocispecs.Index {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+registry+"/v2/"+repo+"/manifests/"+tag, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", ocispecs.MediaTypeImageIndex+", application/vnd.docker.distribution.manifest.list.v2+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", req.URL, resp.Status)
	}
	var idx ocispecs.Index
	if err := json.NewDecoder(resp.Body).Decode(&idx); err != nil {
		t.Fatalf("GET %s: %v", req.URL, err)
	}
	return idx
}

// buildkitConfig finds, on every node, the worker label that the suite's
// buildkitd configuration sets.
func (x *exercise) buildkitConfig(ctx context.Context, t *testing.T) {
	for _, n := range x.b.Nodes() {
		c, err := n.Client(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := c.ListWorkers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range ws {
			found = found || w.Labels[workerLabel] == x.nonce
		}
		if !found {
			t.Errorf("node %s: no worker labelled %s=%s (the buildkitd configuration was not applied)", n.Name(), workerLabel, x.nonce)
		}
	}
}

package exec

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/containerd/containerd/v2/core/remotes"
	"github.com/containerd/containerd/v2/core/remotes/docker"
	"github.com/containerd/errdefs"
	"github.com/distribution/reference"
	"github.com/docker/cli/cli/config"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/bkx-dev/bkx/internal/dockerhost"
)

// resolver reaches registries with the docker config's credentials;
// localhost registries are plain HTTP, as BuildKit treats them.
func resolver(env map[string]string) remotes.Resolver {
	cf, err := config.Load(dockerhost.ConfigDir(env))
	creds := func(host string) (string, string, error) {
		if err != nil || cf == nil {
			return "", "", nil
		}
		if host == "registry-1.docker.io" {
			host = "https://index.docker.io/v1/"
		}
		ac, err := cf.GetAuthConfig(host)
		if err != nil {
			return "", "", nil
		}
		if ac.IdentityToken != "" {
			return "", ac.IdentityToken, nil
		}
		return ac.Username, ac.Password, nil
	}
	return docker.NewResolver(docker.ResolverOptions{
		Hosts: docker.ConfigureDefaultRegistries(
			docker.WithPlainHTTP(docker.MatchLocalhost),
			docker.WithAuthorizer(docker.NewDockerAuthorizer(docker.WithAuthCreds(creds))),
		),
	})
}

// platformManifests returns the per-platform manifests behind a pushed
// descriptor: the manifest itself (with platform) or an index's entries.
func platformManifests(ctx context.Context, r remotes.Resolver, repo string, desc ocispecs.Descriptor, platform *ocispecs.Platform) ([]ocispecs.Descriptor, error) {
	switch desc.MediaType {
	case ocispecs.MediaTypeImageIndex, "application/vnd.docker.distribution.manifest.list.v2+json":
		f, err := r.Fetcher(ctx, repo+"@"+desc.Digest.String())
		if err != nil {
			return nil, err
		}
		rc, err := f.Fetch(ctx, desc)
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		var idx ocispecs.Index
		if err := json.NewDecoder(io.LimitReader(rc, 8<<20)).Decode(&idx); err != nil {
			return nil, fmt.Errorf("reading index %s: %w", desc.Digest, err)
		}
		return idx.Manifests, nil
	}
	d := desc
	d.Annotations = nil
	if platform != nil {
		p := *platform
		d.Platform = &p
	}
	return []ocispecs.Descriptor{d}, nil
}

// pushIndex pushes an OCI index of manifests (pushed by digest to the
// repository already) under every tag ("REPO@" pushes it by digest only),
// and returns its digest. Each tag
// gets its own resolver: a resolver remembers what it pushed and would
// skip the second tag of the same index.
func pushIndex(ctx context.Context, newResolver func() remotes.Resolver, tags []string, manifests []ocispecs.Descriptor) (digest.Digest, error) {
	idx := ocispecs.Index{MediaType: ocispecs.MediaTypeImageIndex, Manifests: manifests}
	idx.SchemaVersion = 2
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return "", err
	}
	desc := ocispecs.Descriptor{MediaType: ocispecs.MediaTypeImageIndex, Digest: digest.FromBytes(data), Size: int64(len(data))}
	for _, tag := range tags {
		var ref string
		if repo, ok := strings.CutSuffix(tag, "@"); ok {
			ref = repo + "@" + desc.Digest.String() // REPO@: by digest, no tag
		} else {
			named, err := reference.ParseNormalizedNamed(tag)
			if err != nil {
				return "", fmt.Errorf("tag %q: %w", tag, err)
			}
			ref = reference.TagNameOnly(named).String()
		}
		if err := pushManifest(ctx, newResolver(), ref, desc, data); err != nil {
			return "", fmt.Errorf("pushing index to %s: %w", ref, err)
		}
	}
	return desc.Digest, nil
}

// pushManifest pushes a manifest or index (its blobs are in the
// repository already) to ref, a tag or a digest reference; one already
// there is fine.
func pushManifest(ctx context.Context, res remotes.Resolver, ref string, desc ocispecs.Descriptor, data []byte) error {
	p, err := res.Pusher(ctx, ref)
	if err != nil {
		return err
	}
	w, err := p.Push(ctx, desc)
	if errdefs.IsAlreadyExists(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, bytes.NewReader(data)); err != nil {
		w.Close()
		return err
	}
	if err := w.Commit(ctx, desc.Size, desc.Digest); err != nil && !errdefs.IsAlreadyExists(err) {
		return err
	}
	return nil
}

// repoOf strips the tag and digest of an image reference.
func repoOf(tag string) (string, error) {
	named, err := reference.ParseNormalizedNamed(tag)
	if err != nil {
		return "", fmt.Errorf("image name %q: %w", tag, err)
	}
	return named.Name(), nil
}

// splitNames splits an exporter name list ("a:1,b:2").
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

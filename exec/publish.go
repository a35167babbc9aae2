package exec

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/containerd/containerd/v2/core/remotes"
	"github.com/containerd/errdefs"
	"github.com/containerd/platforms"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// One multi-platform image from several CI runners: each shard job
// (`bkx bake T --shard P`) builds one platform and pushes it under a
// staging tag of the run, ShardTag, in each repository of the target's
// tags; the target's own tags do not move. The publish job (`bkx publish
// T`) finds every platform's shard of the same run in the registry and
// pushes one index under the target's tags, or says which platform is
// missing. The run id keeps two runs of one pipeline apart.

var unsafeTag = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// ShardTag is the staging tag of one platform of a target in one run:
// bkx-shard-RUN-TARGET-PLATFORM, cut to the 128 characters a tag has.
func ShardTag(runID, target, platform string) string {
	p := strings.Trim(unsafeTag.ReplaceAllString(platforms.Format(platforms.Normalize(mustParse(platform))), "-"), "-")
	t := "bkx-shard-" + unsafeTag.ReplaceAllString(runID, "-") + "-" + target + "-" + p
	if len(t) > 128 {
		t = t[:128]
	}
	return t
}

func mustParse(p string) ocispecs.Platform {
	pl, err := platforms.Parse(p)
	if err != nil {
		return ocispecs.Platform{OS: p}
	}
	return pl
}

// RunCacheRef is the registry cache of one target in one CI run (bkx bake
// --run-cache REPO), of one platform when a shard job built it.
func RunCacheRef(repo, run, target, platform string) string {
	tag := "bkx-cache-" + strings.Trim(unsafeTag.ReplaceAllString(run, "-"), "-") + "-" + target
	if platform != "" {
		tag += "-" + strings.Trim(unsafeTag.ReplaceAllString(platform, "-"), "-")
	}
	return repo + ":" + tag
}

// ShardRefs are the staging references a shard job pushes to: its
// platform's ShardTag in every repository of the target's tags.
func ShardRefs(tags []string, runID, target, platform string) ([]string, error) {
	var refs []string
	for _, t := range tags {
		repo, err := repoOf(t)
		if err != nil {
			return nil, err
		}
		ref := repo + ":" + ShardTag(runID, target, platform)
		if !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	return refs, nil
}

// MissingShardsError says which platforms have no shard in the run.
type MissingShardsError struct {
	Target  string
	Missing []string // platforms
	Refs    []string // the staging references looked for
}

func (e *MissingShardsError) Error() string {
	return fmt.Sprintf("target %q: no shard of %s in this run (looked for %s): did those jobs run, with the same --run-id, and succeed? Nothing was tagged",
		e.Target, strings.Join(e.Missing, ", "), strings.Join(e.Refs, ", "))
}

// Publish pushes one index of every platform's shard of the run under
// the target's tags, repository by repository, and returns its digest.
// When a platform's shard is missing it tags nothing and returns a
// *MissingShardsError.
func Publish(ctx context.Context, env map[string]string, runID, target string, tags, plats []string) (digest.Digest, error) {
	if len(tags) == 0 {
		return "", fmt.Errorf("target %q has no tags: publish pushes one index under the target's tags", target)
	}
	byRepo := map[string][]string{}
	var repos []string
	for _, t := range tags {
		repo, err := repoOf(t)
		if err != nil {
			return "", err
		}
		if byRepo[repo] == nil {
			repos = append(repos, repo)
		}
		byRepo[repo] = append(byRepo[repo], t)
	}
	res := resolver(env)
	manifests := map[string][]ocispecs.Descriptor{}
	missing := &MissingShardsError{Target: target}
	for _, repo := range repos {
		for _, p := range plats {
			ref := repo + ":" + ShardTag(runID, target, p)
			_, desc, err := res.Resolve(ctx, ref)
			if errdefs.IsNotFound(err) {
				if !slices.Contains(missing.Missing, p) {
					missing.Missing = append(missing.Missing, p)
				}
				missing.Refs = append(missing.Refs, ref)
				continue
			}
			if err != nil {
				return "", fmt.Errorf("looking for the %s shard %s: %w", p, ref, err)
			}
			pl := mustParse(p)
			ms, err := platformManifests(ctx, res, repo, desc, &pl)
			if err != nil {
				return "", err
			}
			manifests[repo] = append(manifests[repo], ms...)
		}
	}
	if len(missing.Missing) > 0 {
		return "", missing
	}
	var d digest.Digest
	for _, repo := range repos {
		var err error
		d, err = pushIndex(ctx, func() remotes.Resolver { return resolver(env) }, byRepo[repo], manifests[repo])
		if err != nil {
			return "", err
		}
	}
	return d, nil
}

// RefExists tells whether an image reference resolves in its registry.
func RefExists(ctx context.Context, env map[string]string, ref string) bool {
	_, _, err := resolver(env).Resolve(ctx, ref)
	return err == nil
}

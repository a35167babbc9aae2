package exec

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/gitinfo"
	"github.com/bkx-dev/bkx/plan"
)

// Git information of a build, as buildx records it: frontend attributes
// vcs:source and vcs:revision, which the provenance attestation carries
// (on unless BUILDX_GIT_INFO=false), and with BUILDX_GIT_LABELS the image
// labels org.opencontainers.image.source, org.opencontainers.image.revision
// and com.docker.image.source.entrypoint (the Dockerfile's path in the
// repository). BUILDX_GIT_CHECK_DIRTY marks a revision with uncommitted
// changes "-dirty". Nothing is added outside a git working tree.

const (
	labelSource     = "org.opencontainers.image.source"
	labelRevision   = "org.opencontainers.image.revision"
	labelEntrypoint = "com.docker.image.source.entrypoint"
)

// gitAttrs are the git attributes of a target's build from a local
// context; cache holds the answers per context folder for one run.
func gitAttrs(t *bake.Target, workdir string, env map[string]string, cache map[string]*gitinfo.Info, roots map[string]string) map[string]string {
	info, labels := true, false
	if v, ok := env["BUILDX_GIT_INFO"]; ok {
		if b, err := strconv.ParseBool(v); err == nil {
			info = b
		}
	}
	if v, ok := env["BUILDX_GIT_LABELS"]; ok {
		if v == "full" {
			labels = true
		} else if b, err := strconv.ParseBool(v); err == nil {
			labels = b
		}
	}
	ctxDir := deref(t.Context, ".")
	if (!info && !labels) || bake.IsRemote(ctxDir) {
		return nil
	}
	dir := ctxDir
	dir = plan.Abs(workdir, dir)
	gi, ok := cache[dir]
	if !ok {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if repo, err := gitinfo.Open(ctx, dir, env); err == nil {
			check, _ := strconv.ParseBool(env["BUILDX_GIT_CHECK_DIRTY"])
			if d, err := repo.Describe(ctx, check); err == nil {
				gi = &d
				roots[dir] = repo.Root
			}
		}
		cache[dir] = gi
	}
	if gi == nil {
		return nil
	}
	out := map[string]string{}
	rev := gi.Commit
	if gi.Dirty {
		rev += "-dirty"
	}
	if rev != "" {
		if info {
			out["vcs:revision"] = rev
		}
		if labels {
			out["label:"+labelRevision] = rev
		}
	}
	if gi.Remote != "" {
		if info {
			out["vcs:source"] = gi.Remote
		}
		if labels {
			out["label:"+labelSource] = gi.Remote
		}
	}
	if labels {
		if p, ok := t.DockerfilePath(); ok {
			p = plan.Abs(workdir, p)
			if rel, err := filepath.Rel(roots[dir], p); err == nil && !strings.HasPrefix(rel, "..") {
				out["label:"+labelEntrypoint] = filepath.ToSlash(rel)
			}
		}
	}
	return out
}

// Package gitinfo asks the git client of this machine about the working
// tree a build runs in: which files changed since a ref (bkx
// --changed-since), a file's contents at a ref, and the commit, remote and
// dirtiness buildx puts into labels and provenance (BUILDX_GIT_INFO,
// BUILDX_GIT_LABELS, BUILDX_GIT_CHECK_DIRTY).
package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Repo is the git working tree that holds a folder.
type Repo struct {
	// Root is the working tree's top folder; Prefix is the folder's path
	// below it ("" at the top, else ending in "/").
	Root, Prefix string
	env          []string
}

// Open finds the working tree holding dir. It fails when git is missing
// or dir is not in a working tree.
func Open(ctx context.Context, dir string, env map[string]string) (*Repo, error) {
	r := &Repo{}
	for k, v := range env {
		if !strings.HasPrefix(k, "GIT_") {
			r.env = append(r.env, k+"="+v)
		}
	}
	out, err := r.git(ctx, dir, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	r.Root = lines[0]
	if len(lines) > 1 {
		r.Prefix = lines[1]
	}
	return r, nil
}

func (r *Repo) git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(r.env, "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("git is not installed: install git (apt-get install git)")
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return stdout.String(), nil
}

// ChangedSince lists the files (absolute paths) that differ between ref
// and the working tree: committed since, staged, modified or untracked
// (ignored files left out), deleted ones included.
func (r *Repo) ChangedSince(ctx context.Context, ref string) ([]string, error) {
	if _, err := r.git(ctx, r.Root, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--changed-since %s: no such commit in %s (fetch it, e.g. with a deeper clone: fetch-depth: 0)", ref, r.Root)
	}
	diff, err := r.git(ctx, r.Root, "diff", "--name-only", "--no-renames", ref, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := r.git(ctx, r.Root, "ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(diff+untracked, "\n") {
		if l != "" {
			out = append(out, filepath.Join(r.Root, filepath.FromSlash(l)))
		}
	}
	return out, nil
}

// FileAt is a file's contents at ref (path absolute, or relative to the
// working tree's top); ok is false when the file did not exist there.
func (r *Repo) FileAt(ctx context.Context, ref, path string) (data []byte, ok bool, err error) {
	rel := path
	if filepath.IsAbs(path) {
		if rel, err = filepath.Rel(r.Root, path); err != nil || strings.HasPrefix(rel, "..") {
			return nil, false, nil
		}
	}
	out, err := r.git(ctx, r.Root, "cat-file", "-e", ref+":"+filepath.ToSlash(rel))
	_ = out
	if err != nil {
		return nil, false, nil
	}
	s, err := r.git(ctx, r.Root, "show", ref+":"+filepath.ToSlash(rel))
	if err != nil {
		return nil, false, err
	}
	return []byte(s), true, nil
}

// Info is what buildx records about the working tree of a build.
type Info struct {
	Commit string // the HEAD commit
	Remote string // the origin's URL (credentials stripped)
	Dirty  bool   // the tree has changes
}

// Describe reads the commit, the origin's URL and, when checkDirty, whether
// the tree has uncommitted changes.
func (r *Repo) Describe(ctx context.Context, checkDirty bool) (Info, error) {
	var info Info
	c, err := r.git(ctx, r.Root, "rev-parse", "HEAD")
	if err != nil {
		return info, err
	}
	info.Commit = strings.TrimSpace(c)
	if u, err := r.git(ctx, r.Root, "remote", "get-url", "origin"); err == nil {
		info.Remote = stripCredentials(strings.TrimSpace(u))
	}
	if checkDirty {
		s, err := r.git(ctx, r.Root, "status", "--porcelain", "--ignored=no")
		if err != nil {
			return info, err
		}
		info.Dirty = strings.TrimSpace(s) != ""
	}
	return info, nil
}

// stripCredentials removes user:password@ from an https URL.
func stripCredentials(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	if at := strings.Index(rest, "@"); at >= 0 && at < strings.IndexAny(rest+"/", "/") {
		rest = rest[at+1:]
	}
	return scheme + "://" + rest
}

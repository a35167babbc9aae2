package hcl

import (
	"path"
	"path/filepath"
	"strings"
)

// rebaseRemote points a target of a remote definition at the remote, as
// buildx does: the default context "." is the definition's git URL
// (base, such as git://host/repo.git#main), any other path, absolute too,
// is that folder of the repository (git://host/repo.git#main:sub), and
// cwd:// keeps a path on this machine, relative to the working
// directory. buildx prints named contexts as written and points them at
// the remote only when it builds; so does bkx (named).
func (t *Target) rebaseRemote(base string, named bool) {
	c := "."
	if t.Context != nil && *t.Context != "" {
		c = *t.Context
	}
	c = rebase(base, c)
	t.Context = &c
	if !named {
		return
	}
	for k, v := range t.Contexts {
		if v != nil && !strings.HasPrefix(*v, "target:") {
			c := rebase(base, *v)
			t.Contexts[k] = &c
		}
	}
}

func rebase(base, p string) string {
	switch {
	case strings.HasPrefix(p, "cwd://"):
		return filepath.Clean(strings.TrimPrefix(p, "cwd://"))
	case IsRemote(p) || p == "-":
		return p
	case p == ".":
		return base
	}
	remote, frag, _ := strings.Cut(base, "#")
	if strings.HasSuffix(remote, ".tar") || strings.HasSuffix(remote, ".tar.gz") || strings.HasSuffix(remote, ".tgz") {
		return base // an archive has no subfolder syntax
	}
	ref, sub, _ := strings.Cut(frag, ":")
	return remote + "#" + ref + ":" + strings.TrimPrefix(path.Join(sub, filepath.ToSlash(p)), "/")
}

package hcl

import (
	"path"
	"path/filepath"
	"strings"
)

// rebaseRemote points a target of a remote definition at the remote: the
// default context "." is the definition's git URL (base, such as
// git://host/repo.git#main), a relative context or named context is that
// folder of the repository (git://host/repo.git#main:sub), and cwd://
// keeps a path on this machine, relative to the working directory.
func (t *Target) rebaseRemote(base string) {
	c := "."
	if t.Context != nil {
		c = *t.Context
	}
	c = rebase(base, c)
	t.Context = &c
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
	case IsRemote(p) || filepath.IsAbs(p) || p == "-":
		return p
	case p == "." || p == "":
		return base
	}
	remote, frag, _ := strings.Cut(base, "#")
	if strings.HasSuffix(remote, ".tar") || strings.HasSuffix(remote, ".tar.gz") || strings.HasSuffix(remote, ".tgz") {
		return base // an archive has no subfolder syntax
	}
	ref, sub, _ := strings.Cut(frag, ":")
	return remote + "#" + ref + ":" + strings.TrimPrefix(path.Join(sub, filepath.ToSlash(p)), "/")
}

package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/remotedef"
)

// buildFiles says where the build files are read: the working directory,
// or a remote definition (`bkx bake URL [CONTEXT-URL] [TARGET...]`, as
// docker buildx bake takes it) fetched to a temporary copy. It returns the
// file system to read -f names and the default files from, the targets
// left after the URLs, and a cleanup that is never nil.
func (c *cli) buildFiles(ctx context.Context, args []string, opt *hcl.Options) (fs.FS, []string, func(), error) {
	local := osFS{dir: c.wd}
	if len(args) == 0 {
		return local, args, func() {}, nil
	}
	def, ok := remotedef.Parse(args[0])
	if !ok {
		return local, args, func() {}, nil
	}
	args = args[1:]
	// A second URL is the command context, BAKE_CMD_CONTEXT.
	if len(args) > 0 {
		if _, ok := remotedef.Parse(args[0]); ok {
			opt.CmdContext = args[0]
			args = args[1:]
		}
	}
	dir, cleanup, err := remotedef.Fetch(ctx, def, c.env)
	if err != nil {
		return nil, nil, cleanup, err
	}
	opt.RemoteContext = def.Context()
	return remoteFS{remote: osFS{dir: dir}, local: local}, args, cleanup, nil
}

// remoteFS reads a remote definition's files from its copy, and names
// written cwd://NAME from the working directory, as buildx does with
// `-f cwd://local.hcl URL`.
type remoteFS struct{ remote, local osFS }

func (r remoteFS) Open(name string) (fs.File, error) {
	if n, ok := strings.CutPrefix(name, "cwd://"); ok {
		return r.local.Open(n)
	}
	if filepath.IsAbs(name) {
		// An absolute -f names a file inside the repository.
		name = strings.TrimPrefix(filepath.Clean(name), string(os.PathSeparator))
	}
	return r.remote.Open(name)
}

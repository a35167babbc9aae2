package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func (c *cli) newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show bkx's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(c.stdout, version())
			return err
		},
	}
}

// version is bkx's module version (set by go install at a tag), the
// commit it was built from when known, and the versions of Go and of the
// BuildKit client inside, as `bkx version` and `bkx --version` print it.
func version() string {
	v, commit, modified, bk, gover := "(devel)", "", false, "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		gover = bi.GoVersion
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/moby/buildkit" {
				bk = d.Version
			}
		}
	}
	out := "bkx " + v
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		out += " " + commit
		if modified {
			out += "-dirty"
		}
	}
	return fmt.Sprintf("%s (%s, buildkit %s)", out, gover, bk)
}

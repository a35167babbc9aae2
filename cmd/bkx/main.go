// Command bkx is a declarative, bake-style build orchestrator for
// BuildKit. This package only wires flags to the hcl, plan and exec
// packages and renders their results and diagnostics.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"
)

// exitError carries an exit code out of a command whose message has
// already been printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// cli is one invocation's world: tests build their own, hermetic one.
type cli struct {
	env    map[string]string // the environment, read nowhere else
	wd     string            // the working directory
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// exit ends the process; tests replace it. The watchdog calls it
	// because a runaway evaluation cannot be stopped otherwise.
	exit func(code int)

	// Global flags, given before or after the subcommand.
	builder string // --builder
	debug   bool   // -D, --debug
}

func main() {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		os.Exit(1)
	}
	// Libraries (containerd's content store) log through logrus; bkx
	// reports what matters itself.
	logrus.SetLevel(logrus.ErrorLevel)
	c := &cli{env: environ(), wd: wd, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, exit: os.Exit}
	os.Exit(c.run(os.Args[1:]))
}

func environ() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// run executes bkx with args and returns the exit code.
func (c *cli) run(args []string) int {
	stdin, stdout, stderr := c.stdin, c.stdout, c.stderr
	root := &cobra.Command{
		Use:           "bkx",
		Short:         "Build BuildKit targets declared in build.hcl or docker-bake files",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&c.builder, "builder", "", "Builder to use (default: BUILDX_BUILDER, else each target's builder attribute, else \"default\")")
	pf.BoolVarP(&c.debug, "debug", "D", false, "Debug logging, and errors with their whole chain")
	root.Version = version()
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentPreRun = func(*cobra.Command, []string) {
		if c.debug || c.env["BUILDX_DEBUG"] == "1" {
			c.debug = true
			logrus.SetLevel(logrus.DebugLevel)
			logrus.SetOutput(stderr)
		}
	}
	root.AddCommand(c.newBakeCommand(), c.newBuilderCommand(), c.newFmtCommand(), c.newMatrixCommand(), c.newPublishCommand(), c.newVersionCommand())
	err := root.Execute()
	// A command may have put a secret masker in front of stderr: errors
	// go through it too.
	if m, ok := c.stderr.(*masker); ok {
		stderr = m
		defer m.Flush()
	}
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case c.debug:
		fmt.Fprintf(stderr, "Error: %+v\n", err)
		return 1
	default:
		fmt.Fprintf(stderr, "Error: %v\n", err)
		return 1
	}
}

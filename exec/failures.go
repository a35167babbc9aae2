package exec

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	solvererrdefs "github.com/moby/buildkit/solver/errdefs"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// What a failed build is about, found in BuildKit's error so that the
// command can say it where the user can act: the Dockerfile line of the
// step that failed, or the SBOM scanner image that could not be pulled.

// ScannerError is a build that failed because the image of its SBOM
// scanner (the attestation's generator) could not be pulled.
type ScannerError struct {
	Image string
	Err   error
}

func (e *ScannerError) Error() string {
	return fmt.Sprintf("the SBOM scanner image %s could not be pulled: %v", e.Image, e.Err)
}
func (e *ScannerError) Unwrap() error { return e.Err }

// defaultScanner is the generator BuildKit runs for an SBOM attestation
// that names none.
const defaultScanner = "docker/buildkit-syft-scanner:stable-1"

// withScanner marks the failure of a target with an SBOM attestation as a
// ScannerError when BuildKit's error is about the scanner's image.
func withScanner(err error, t *bake.Target) error {
	for _, e := range t.Attest {
		if e.Type() != "sbom" || e["disabled"] == "true" {
			continue
		}
		image := e["generator"]
		if image == "" {
			image = defaultScanner
		}
		repo := strings.TrimPrefix(image, "docker.io/")
		if i := strings.LastIndexAny(repo, ":@"); i > strings.LastIndex(repo, "/") {
			repo = repo[:i]
		}
		if strings.Contains(err.Error(), repo) {
			return &ScannerError{Image: image, Err: err}
		}
	}
	return err
}

// dockerfileError says which Dockerfile the step that failed is in.
type dockerfileError struct {
	name string
	err  error
}

func (e *dockerfileError) Error() string { return e.err.Error() }
func (e *dockerfileError) Unwrap() error { return e.err }

// withDockerfile finds, when BuildKit says where in a Dockerfile a build
// failed, which of the solve's targets (the target and the dependencies
// built in its session) that Dockerfile belongs to: the one with the
// same text.
func withDockerfile(err error, targets []*bake.Target, workdir string) error {
	srcs := solvererrdefs.Sources(err)
	if len(srcs) == 0 || srcs[len(srcs)-1].Info == nil {
		return err
	}
	data := srcs[len(srcs)-1].Info.Data
	for _, t := range targets {
		var text []byte
		if t.DockerfileInline != nil {
			text = []byte(*t.DockerfileInline)
		} else if p, ok := t.DockerfilePath(); ok {
			text, _ = os.ReadFile(plan.Abs(workdir, p))
		}
		if text != nil && bytes.Equal(text, data) {
			return &dockerfileError{name: dockerfileName(t, workdir), err: err}
		}
	}
	return err
}

// dockerfileName names a target's Dockerfile for its warnings and
// failures: the path from the working directory, or where an inline one
// or one in a remote context comes from.
func dockerfileName(t *bake.Target, workdir string) string {
	if t.DockerfileInline != nil {
		return "dockerfile-inline"
	}
	p, ok := t.DockerfilePath()
	if !ok {
		return deref(t.Context, ".") + " " + deref(t.Dockerfile, "Dockerfile")
	}
	if filepath.IsAbs(p) {
		if rel, err := filepath.Rel(workdir, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	return filepath.Clean(p)
}

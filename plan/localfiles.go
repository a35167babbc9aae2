package plan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/moby/patternmatcher/ignorefile"
	"golang.org/x/crypto/ssh"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// CheckLocalFiles checks what the selection reads from this machine that
// docker buildx bake checks even for --print: secret files exist, SSH
// keys exist and are keys, and the default SSH agent is set. workdir is
// the directory relative paths start from; env is the environment.
// Build runs it too when Options.CheckFiles is set.
func CheckLocalFiles(sel *bake.Selection, workdir string, env map[string]string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, name := range names.SortedKeys(sel.Targets) {
		t := sel.Targets[name]
		diags = append(diags, checkSecrets(t, workdir, env)...)
		diags = append(diags, checkSSH(t, workdir, env)...)
	}
	return diags
}

// checkSecrets: every secret read from a file names one that exists.
func checkSecrets(t *bake.Target, workdir string, env map[string]string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, s := range t.Secret {
		// A named src is checked even beside env= (buildx stats it).
		src := s["src"]
		if src == "" {
			if _, src = s.SecretSource(env); src == "" {
				continue
			}
		}
		if _, err := os.Stat(Abs(workdir, src)); err != nil {
			diags = append(diags, TargetError(t, "secret", "Secret file not found", fmt.Sprintf("secret %q reads %s: %v. Create the file, fix src=, or read the secret from the environment with env=NAME.", s["id"], src, errors.Unwrap(err))))
		}
	}
	return diags
}

// checkSSH: every ssh entry names keys or agent sockets that exist, or
// forwards the agent of SSH_AUTH_SOCK.
func checkSSH(t *bake.Target, workdir string, env map[string]string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	bad := func(summary, detail string) { diags = append(diags, TargetError(t, "ssh", summary, detail)) }
	for _, s := range t.SSH {
		if s["paths"] == "" {
			// Any entry without paths forwards the agent, as in buildx.
			sock := env["SSH_AUTH_SOCK"]
			if sock == "" {
				bad("No SSH agent", fmt.Sprintf("ssh %q forwards your SSH agent, but SSH_AUTH_SOCK is not set. Start an agent (eval $(ssh-agent); ssh-add), or name key files: ssh = [\"%s=~/.ssh/id_ed25519\"].", s["id"], s["id"]))
			} else if msg := checkSSHPath(Abs(workdir, sock)); msg != "" {
				bad("Invalid SSH agent", fmt.Sprintf("ssh %q forwards your SSH agent, but SSH_AUTH_SOCK=%s: %s.", s["id"], sock, msg))
			}
			continue
		}
		for _, p := range strings.Split(s["paths"], ",") {
			if msg := checkSSHPath(Abs(workdir, p)); msg != "" {
				bad("Invalid SSH key", fmt.Sprintf("ssh %q: %s: %s.", s["id"], p, msg))
			}
		}
	}
	return diags
}

// checkBuildFiles checks, before a build (not for --print, where buildx
// does not look), that the local directories and Dockerfiles a target
// builds from exist, so that a typo is an error at its attribute rather
// than a failed solve.
func checkBuildFiles(t *bake.Target, workdir string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	bad := func(attr, summary, detail string) { diags = append(diags, TargetError(t, attr, summary, detail)) }
	isDir := func(p string) bool {
		fi, err := os.Stat(Abs(workdir, p))
		return err == nil && fi.IsDir()
	}
	context := "."
	if t.Context != nil && *t.Context != "" {
		context = *t.Context
	}
	localContext := isLocal(context)
	if localContext && !isDir(context) {
		bad("context", "Context directory not found", fmt.Sprintf("context %s is not a directory. Fix the path (relative to %s), or create it.", context, workdir))
		localContext = false
	}
	if p, ok := t.DockerfilePath(); ok && (localContext || filepath.IsAbs(p)) {
		if fi, err := os.Stat(Abs(workdir, p)); err != nil || fi.IsDir() {
			bad("dockerfile", "Dockerfile not found", fmt.Sprintf("there is no Dockerfile at %s (dockerfile is relative to the context, %s). Fix dockerfile or context, or write it inline with dockerfile-inline.", p, context))
		}
	}
	for _, k := range names.SortedKeys(t.Contexts) {
		if v := t.Contexts[k]; v != nil && isLocal(*v) && !isDir(*v) {
			bad("contexts", "Context directory not found", fmt.Sprintf("named context %q is %s, which is not a directory. Fix the path, or name an image (docker-image://...) or a target (target:NAME).", k, *v))
		}
	}
	return diags
}

// TargetError is an error of target t at its attribute attr (its block
// when attr was not written), its detail after "Target NAME: ".
func TargetError(t *bake.Target, attr, summary, detail string) *hcl.Diagnostic {
	return errorAt(t, attr, summary, fmt.Sprintf("Target %q: %s", t.Name, detail))
}

// checkSSHPath accepts an agent socket or a private key file; otherwise
// it says what is wrong.
func checkSSHPath(p string) string {
	fi, err := os.Stat(p)
	if err != nil {
		return "no such file: give the path of a private key or an agent socket"
	}
	if !fi.Mode().IsRegular() {
		return ""
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err.Error()
	}
	if _, err := ssh.ParseRawPrivateKey(data); err != nil {
		var pass *ssh.PassphraseMissingError
		if errors.As(err, &pass) {
			return ""
		}
		return "not an SSH private key (" + err.Error() + ")"
	}
	return ""
}

// Abs is p made absolute against workdir: p itself when it is absolute.
func Abs(workdir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(workdir, p)
}

// isLocal tells whether a context names a directory of this machine:
// not stdin (-), not a URL or git address (bake.IsRemote, which covers
// docker-image:// and oci-layout://) and not another target (target:).
func isLocal(s string) bool {
	return s != "" && s != "-" && !bake.IsRemote(s) && !strings.HasPrefix(s, "target:")
}

// within tells whether path is dir or below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// DockerIgnore reads the exclusions a build context is sent with:
// DOCKERFILE.dockerignore beside the Dockerfile (not for an inline one),
// else DIR/.dockerignore; none when neither exists.
func DockerIgnore(dir, dockerfile string, inline bool) ([]string, error) {
	var candidates []string
	if !inline && dockerfile != "" {
		candidates = append(candidates, Abs(dir, dockerfile)+".dockerignore")
	}
	for _, c := range append(candidates, filepath.Join(dir, ".dockerignore")) {
		f, err := os.Open(c)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		patterns, err := ignorefile.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c, err)
		}
		return patterns, nil
	}
	return nil, nil
}

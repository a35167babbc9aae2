package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	hcl2 "github.com/hashicorp/hcl/v2"
	"golang.org/x/crypto/ssh"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// checkLocalFiles checks what the selection reads from this machine
// before anything else happens, as docker buildx bake does even for
// --print: secret files exist, SSH keys exist and are keys, and the
// default SSH agent is set.
func checkLocalFiles(sel *hcl.Selection, wd string, env map[string]string) hcl2.Diagnostics {
	return forTargets(sel, func(t *hcl.Target, bad func(attr, summary, detail string)) {
		abs := func(p string) string { return absIn(wd, p) }
		for _, s := range t.Secret {
			if s["env"] != "" && s["src"] == "" {
				continue
			}
			if _, set := env[s["id"]]; set && s["env"] == "" && s["src"] == "" {
				continue // id=NAME alone reads the variable NAME when it is set, as buildx
			}
			src := s["src"]
			if src == "" {
				src = s["id"]
			}
			if _, err := os.Stat(abs(src)); err != nil {
				bad("secret", "Secret file not found", fmt.Sprintf("secret %q reads %s: %v. Create the file, fix src=, or read the secret from the environment with env=NAME.", s["id"], src, errors.Unwrap(err)))
			}
		}
		for _, s := range t.SSH {
			if s["paths"] == "" {
				// Any entry without paths forwards the agent, as in buildx.
				sock := env["SSH_AUTH_SOCK"]
				switch {
				case sock == "":
					bad("ssh", "No SSH agent", fmt.Sprintf("ssh %q forwards your SSH agent, but SSH_AUTH_SOCK is not set. Start an agent (eval $(ssh-agent); ssh-add), or name key files: ssh = [\"%s=~/.ssh/id_ed25519\"].", s["id"], s["id"]))
				default:
					if msg := checkSSHPath(abs(sock)); msg != "" {
						bad("ssh", "Invalid SSH agent", fmt.Sprintf("ssh %q forwards your SSH agent, but SSH_AUTH_SOCK=%s: %s.", s["id"], sock, msg))
					}
				}
				continue
			}
			for _, p := range strings.Split(s["paths"], ",") {
				if msg := checkSSHPath(abs(p)); msg != "" {
					bad("ssh", "Invalid SSH key", fmt.Sprintf("ssh %q: %s: %s.", s["id"], p, msg))
				}
			}
		}
	})
}

// checkBuildFiles checks, before a build (not for --print, where buildx
// does not look), that the local directories and Dockerfiles the
// selection builds from exist, so that a typo is an error at its
// attribute rather than a failed solve.
func checkBuildFiles(sel *hcl.Selection, wd string) hcl2.Diagnostics {
	return forTargets(sel, func(t *hcl.Target, bad func(attr, summary, detail string)) {
		abs := func(p string) string { return absIn(wd, p) }
		isDir := func(p string) bool {
			fi, err := os.Stat(abs(p))
			return err == nil && fi.IsDir()
		}
		context := "."
		if t.Context != nil && *t.Context != "" {
			context = *t.Context
		}
		localContext := context != "-" && !hcl.IsRemote(context)
		if localContext && !isDir(context) {
			bad("context", "Context directory not found", fmt.Sprintf("context %s is not a directory. Fix the path (relative to %s), or create it.", context, wd))
			localContext = false
		}
		if p, ok := t.DockerfilePath(); ok && (localContext || filepath.IsAbs(p)) {
			if fi, err := os.Stat(abs(p)); err != nil || fi.IsDir() {
				bad("dockerfile", "Dockerfile not found", fmt.Sprintf("there is no Dockerfile at %s (dockerfile is relative to the context, %s). Fix dockerfile or context, or write it inline with dockerfile-inline.", p, context))
			}
		}
		for _, k := range names.SortedKeys(t.Contexts) {
			v := t.Contexts[k]
			if v == nil || *v == "" || strings.HasPrefix(*v, "target:") || hcl.IsRemote(*v) {
				continue
			}
			if !isDir(*v) {
				bad("contexts", "Context directory not found", fmt.Sprintf("named context %q is %s, which is not a directory. Fix the path, or name an image (docker-image://...) or a target (target:NAME).", k, *v))
			}
		}
	})
}

// forTargets runs check on every selected target, in name order, with
// bad to report a problem at one of its attributes, and returns what was
// reported.
func forTargets(sel *hcl.Selection, check func(t *hcl.Target, bad func(attr, summary, detail string))) hcl2.Diagnostics {
	var diags hcl2.Diagnostics
	for _, name := range names.SortedKeys(sel.Targets) {
		t := sel.Targets[name]
		check(t, func(attr, summary, detail string) {
			diags = append(diags, targetDiag(name, t, attr, summary, detail))
		})
	}
	return diags
}

// targetDiag is an error of target name at its attribute attr, or at the
// target's block when attr was not written.
func targetDiag(name string, t *hcl.Target, attr, summary, detail string) *hcl2.Diagnostic {
	d := &hcl2.Diagnostic{Severity: hcl2.DiagError, Summary: summary, Detail: fmt.Sprintf("Target %q: %s", name, detail)}
	if r, ok := t.Ranges[attr]; ok && r.Filename != "" {
		d.Subject = r.Ptr()
	} else if t.DefRange.Filename != "" {
		d.Subject = t.DefRange.Ptr()
	}
	return d
}

func absIn(wd, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(wd, p)
}

// checkSSHPath accepts an agent socket or a private key file.
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

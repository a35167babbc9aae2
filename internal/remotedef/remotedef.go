// Package remotedef reads a remote bake definition: `bkx bake URL
// [TARGET...]` takes its build files from a git repository (or a tar
// archive over HTTP) instead of the working directory, as docker buildx
// bake does. The files are fetched with the git client of this machine,
// so the plan can be seen without a builder; BUILDX_BAKE_GIT_AUTH_TOKEN,
// BUILDX_BAKE_GIT_AUTH_HEADER and BUILDX_BAKE_GIT_SSH authenticate as in
// buildx.
package remotedef

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Definition is a parsed remote definition URL.
type Definition struct {
	// URL is the argument as given.
	URL string
	// Remote is the repository (or archive) without the fragment.
	Remote string
	// Ref is the branch, tag or commit after '#'; "" is the remote's HEAD.
	Ref string
	// Subdir is the folder after "#ref:" holding the build files.
	Subdir string
	// Archive is true for an HTTP(S) tar archive rather than a git
	// repository.
	Archive bool
}

// Parse recognizes a remote definition: a git URL (git://, ssh://,
// git@host:path, or http(s):// naming a repository) with an optional
// #ref[:subdir], or an http(s) URL of a .tar, .tar.gz or .tgz archive.
// A target name never contains "://" or "@", so anything else is not a
// URL and ok is false.
func Parse(arg string) (d *Definition, ok bool) {
	remote, frag, _ := strings.Cut(arg, "#")
	isGit := strings.HasPrefix(remote, "git://") || strings.HasPrefix(remote, "ssh://") ||
		strings.HasPrefix(remote, "git@")
	isHTTP := strings.HasPrefix(remote, "https://") || strings.HasPrefix(remote, "http://")
	if !isGit && !isHTTP {
		return nil, false
	}
	d = &Definition{URL: arg, Remote: remote}
	if isHTTP && frag == "" && isArchiveName(remote) {
		d.Archive = true
		return d, true
	}
	d.Ref, d.Subdir, _ = strings.Cut(frag, ":")
	d.Subdir = strings.Trim(path.Clean("/"+d.Subdir), "/")
	return d, true
}

func isArchiveName(u string) bool {
	p := u
	if pu, err := url.Parse(u); err == nil {
		p = pu.Path
	}
	for _, ext := range []string{".tar", ".tar.gz", ".tgz"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// Context is the build context a target of this definition gets when it
// names none: the repository at the ref (and subfolder), as buildx uses
// it. An archive is its own URL.
func (d *Definition) Context() string {
	if d.Archive {
		return d.Remote
	}
	c := d.Remote
	if d.Ref != "" || d.Subdir != "" {
		c += "#" + d.Ref
		if d.Subdir != "" {
			c += ":" + d.Subdir
		}
	}
	return c
}

// Fetch makes a local copy of the definition's files in a new temporary
// folder and returns the folder holding the build files (the subfolder
// when the URL names one). cleanup removes the copy; it is never nil.
// env is the environment bkx was given: git runs with it, not with the
// process's own.
func Fetch(ctx context.Context, d *Definition, env map[string]string) (dir string, cleanup func(), err error) {
	tmp, err := os.MkdirTemp("", "bkx-remote-")
	if err != nil {
		return "", func() {}, err
	}
	cleanup = func() { _ = os.RemoveAll(tmp) }
	if d.Archive {
		err = fetchArchive(ctx, d, env, tmp)
	} else {
		err = fetchGit(ctx, d, env, tmp)
	}
	if err != nil {
		cleanup()
		return "", func() {}, err
	}
	dir = filepath.Join(tmp, filepath.FromSlash(d.Subdir))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		cleanup()
		return "", func() {}, fmt.Errorf("remote definition %s: the repository has no folder %q at %s", d.URL, d.Subdir, refName(d))
	}
	return dir, cleanup, nil
}

func refName(d *Definition) string {
	if d.Ref == "" {
		return "its default branch"
	}
	return d.Ref
}

// fetchGit fetches one commit, shallow, into dst and checks it out.
func fetchGit(ctx context.Context, d *Definition, env map[string]string, dst string) error {
	genv, err := gitEnv(d, env)
	if err != nil {
		return err
	}
	git := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = dst
		cmd.Env = genv
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			if errors.Is(err, exec.ErrNotFound) {
				return fmt.Errorf("remote definitions are fetched with git, which is not installed: install git (apt-get install git)")
			}
			return gitError(d, strings.TrimSpace(stderr.String()), err)
		}
		return nil
	}
	if err := git("init", "-q"); err != nil {
		return err
	}
	ref := d.Ref
	if ref == "" {
		ref = "HEAD"
	}
	if err := git("fetch", "-q", "--depth=1", "--no-tags", d.Remote, ref); err != nil {
		// A server that will not send a commit by its hash alone sends
		// it with the whole history.
		if !isHash(ref) || git("fetch", "-q", "--no-tags", d.Remote) != nil {
			return err
		}
		return git("-c", "advice.detachedHead=false", "checkout", "-q", ref)
	}
	return git("-c", "advice.detachedHead=false", "checkout", "-q", "FETCH_HEAD")
}

func isHash(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// gitError says what failed and what to do about it.
func gitError(d *Definition, stderr string, err error) error {
	msg := stderr
	if msg == "" {
		msg = err.Error()
	}
	msg = strings.ReplaceAll(msg, "\n", "; ")
	hint := "Check the URL and the ref after '#'."
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "authentication") || strings.Contains(low, "401") || strings.Contains(low, "403") ||
		strings.Contains(low, "could not read username") || strings.Contains(low, "terminal prompts disabled"):
		hint = "The server wants credentials: set BUILDX_BAKE_GIT_AUTH_TOKEN (a token) or BUILDX_BAKE_GIT_AUTH_HEADER (a whole Authorization header value)."
	case strings.Contains(low, "permission denied (publickey") || strings.Contains(low, "host key verification"):
		hint = "The SSH server refused this machine's keys: load a key into your agent (ssh-add), or set BUILDX_BAKE_GIT_SSH=default or a key file."
	case strings.Contains(low, "couldn't find remote ref") || strings.Contains(low, "not our ref"):
		hint = fmt.Sprintf("The repository has no %q: name a branch, tag or commit that exists after '#'.", d.Ref)
	}
	return fmt.Errorf("cannot read the remote definition %s: %s. %s", d.URL, msg, hint)
}

// gitEnv is the environment git runs with: bkx's environment, no
// prompts, and the buildx authentication variables turned into git
// configuration (never into command-line arguments, which other users
// of the machine can read).
func gitEnv(d *Definition, env map[string]string) ([]string, error) {
	var out []string
	for k, v := range env {
		if strings.HasPrefix(k, "GIT_CONFIG_") {
			continue
		}
		out = append(out, k+"="+v)
	}
	out = append(out, "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never")
	var config [][2]string
	if h := AuthHeader(env); h != "" {
		config = append(config, [2]string{"http.extraHeader", "Authorization: " + h})
	}
	if v := env["BUILDX_BAKE_GIT_SSH"]; v != "" {
		cmd, err := sshCommand(v)
		if err != nil {
			return nil, err
		}
		out = append(out, "GIT_SSH_COMMAND="+cmd)
	}
	out = append(out, fmt.Sprintf("GIT_CONFIG_COUNT=%d", len(config)))
	for i, kv := range config {
		out = append(out, fmt.Sprintf("GIT_CONFIG_KEY_%d=%s", i, kv[0]), fmt.Sprintf("GIT_CONFIG_VALUE_%d=%s", i, kv[1]))
	}
	return out, nil
}

// AuthHeader is the Authorization header value the buildx variables ask
// for: BUILDX_BAKE_GIT_AUTH_HEADER as given, else BUILDX_BAKE_GIT_AUTH_TOKEN
// as BuildKit sends a token ("basic" and base64 of x-access-token:TOKEN).
func AuthHeader(env map[string]string) string {
	if h := env["BUILDX_BAKE_GIT_AUTH_HEADER"]; h != "" {
		return h
	}
	if t := env["BUILDX_BAKE_GIT_AUTH_TOKEN"]; t != "" {
		return "basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:"+t))
	}
	return ""
}

// sshCommand reads BUILDX_BAKE_GIT_SSH as buildx does (a list of ssh
// specs: "default" for the agent, or ID=KEYFILE[,KEYFILE]) into the ssh
// command git runs.
func sshCommand(spec string) (string, error) {
	args := []string{"ssh", "-o", "BatchMode=yes"}
	for _, s := range strings.Split(spec, ",") {
		s = strings.TrimSpace(s)
		if s == "" || s == "default" {
			continue
		}
		_, p, ok := strings.Cut(s, "=")
		if !ok {
			p = s
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return "", fmt.Errorf("BUILDX_BAKE_GIT_SSH names %s: %v. Name a private key file or an agent socket, or use default for your SSH agent", p, err)
		case st.Mode()&os.ModeSocket != 0:
			args = append(args, "-o", "IdentityAgent="+shellQuote(p))
		case st.Mode().IsRegular():
			args = append(args, "-i", shellQuote(p), "-o", "IdentitiesOnly=yes")
		default:
			return "", fmt.Errorf("BUILDX_BAKE_GIT_SSH names %s, which is neither a key file nor an agent socket", p)
		}
	}
	return strings.Join(args, " "), nil
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// maxArchive bounds a definition archive: build files are small, and an
// archive of gigabytes is a wrong URL.
const maxArchive = 256 << 20

// fetchArchive downloads a tar (optionally gzip) archive and unpacks its
// regular files into dst, refusing paths that leave it.
func fetchArchive(ctx context.Context, d *Definition, env map[string]string, dst string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.Remote, nil)
	if err != nil {
		return fmt.Errorf("remote definition %s: %w", d.URL, err)
	}
	if h := AuthHeader(env); h != "" {
		req.Header.Set("Authorization", h)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("cannot read the remote definition %s: %w", d.URL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("cannot read the remote definition %s: the server answered %s", d.URL, resp.Status)
	}
	var r io.Reader = io.LimitReader(resp.Body, maxArchive)
	br := &peekReader{r: r}
	if head, _ := br.peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("remote definition %s: %w", d.URL, err)
		}
		r = gz
	} else {
		r = br
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("remote definition %s is not a tar archive: %w", d.URL, err)
		}
		name := filepath.FromSlash(path.Clean("/" + h.Name))
		target := filepath.Join(dst, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

type peekReader struct {
	r   io.Reader
	buf []byte
}

func (p *peekReader) peek(n int) ([]byte, error) {
	for len(p.buf) < n {
		b := make([]byte, n-len(p.buf))
		m, err := p.r.Read(b)
		p.buf = append(p.buf, b[:m]...)
		if err != nil {
			return p.buf, err
		}
	}
	return p.buf[:n], nil
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.r.Read(b)
}

package exec

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/docker/cli/cli/config"
	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/session"
	"github.com/moby/buildkit/session/auth/authprovider"
	"github.com/moby/buildkit/session/secrets/secretsprovider"
	"github.com/moby/buildkit/session/sshforward/sshprovider"

	bake "github.com/bkx-dev/bkx/hcl"
)

// attachables are the session services a target's solve needs: registry
// auth from the docker config, its secrets and its SSH sockets. Secret
// values are read by BuildKit through the session when a step mounts
// them; they never pass through bkx's output, logs or metadata.
func attachables(targets []*bake.Target, env map[string]string, workdir string) ([]session.Attachable, error) {
	cfgDir := env["DOCKER_CONFIG"]
	if cfgDir == "" {
		cfgDir = filepath.Join(env["HOME"], ".docker")
	}
	cf, err := config.Load(cfgDir)
	if err != nil {
		cf = config.LoadDefaultConfigFile(io.Discard)
	}
	out := []session.Attachable{authprovider.NewDockerAuthProvider(authprovider.DockerAuthProviderConfig{
		AuthConfigProvider: authprovider.LoadAuthConfig(cf),
	})}
	var secrets []secretsprovider.Source
	var ssh []sshprovider.AgentConfig
	seenSecret, seenSSH := map[string]bool{}, map[string]bool{}
	for _, t := range targets {
		for _, s := range t.Secret {
			if seenSecret[s["id"]] {
				continue
			}
			seenSecret[s["id"]] = true
			src := secretsprovider.Source{ID: s["id"]}
			if s["env"] != "" {
				src.Env = s["env"]
			} else {
				p := s["src"]
				if p == "" {
					p = s["id"]
				}
				if !filepath.IsAbs(p) {
					p = filepath.Join(workdir, p)
				}
				src.FilePath = p
			}
			secrets = append(secrets, src)
		}
		for _, s := range t.SSH {
			if seenSSH[s["id"]] {
				continue
			}
			seenSSH[s["id"]] = true
			c := sshprovider.AgentConfig{ID: s["id"]}
			if s["paths"] != "" {
				c.Paths = strings.Split(s["paths"], ",")
			} else if sock := env["SSH_AUTH_SOCK"]; sock != "" {
				c.Paths = []string{sock}
			}
			ssh = append(ssh, c)
		}
	}
	if len(secrets) > 0 {
		store, err := secretsprovider.NewStore(secrets)
		if err != nil {
			return nil, fmt.Errorf("secrets: %w", err)
		}
		out = append(out, secretsprovider.NewSecretProvider(store))
	}
	if len(ssh) > 0 {
		a, err := sshprovider.NewSSHAgentProvider(ssh)
		if err != nil {
			return nil, fmt.Errorf("ssh: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}

// caches converts cache-from and cache-to entries. registry, local and
// inline are supported; other types are refused with what to use.
func caches(t *bake.Target, workdir string) (imports, exports []client.CacheOptionsEntry, err error) {
	conv := func(e bake.Entry, to bool) (client.CacheOptionsEntry, error) {
		typ := e.Type()
		if typ == "" {
			typ = "registry"
		}
		attrs := map[string]string{}
		for k, v := range e {
			if k != "type" {
				attrs[k] = v
			}
		}
		switch typ {
		case "registry", "inline":
		case "local":
			for _, k := range []string{"src", "dest"} {
				if p := attrs[k]; p != "" && !filepath.IsAbs(p) {
					attrs[k] = filepath.Join(workdir, p)
				}
			}
		default:
			dir := "cache-from"
			if to {
				dir = "cache-to"
			}
			return client.CacheOptionsEntry{}, fmt.Errorf("%s type=%s is not supported yet: use type=registry, type=local or type=inline", dir, typ)
		}
		return client.CacheOptionsEntry{Type: typ, Attrs: attrs}, nil
	}
	for _, e := range t.CacheFrom {
		c, err := conv(e, false)
		if err != nil {
			return nil, nil, err
		}
		imports = append(imports, c)
	}
	for _, e := range t.CacheTo {
		c, err := conv(e, true)
		if err != nil {
			return nil, nil, err
		}
		exports = append(exports, c)
	}
	return imports, exports, nil
}

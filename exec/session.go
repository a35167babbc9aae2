package exec

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/docker/cli/cli/config"
	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/session"
	"github.com/moby/buildkit/session/auth/authprovider"
	"github.com/moby/buildkit/session/secrets"
	"github.com/moby/buildkit/session/secrets/secretsprovider"
	"github.com/moby/buildkit/session/sshforward/sshprovider"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/dockerhost"
	"github.com/bkx-dev/bkx/plan"
)

// attachables are the session services a target's solve needs: registry
// auth from the docker config, its secrets and its SSH sockets. Secret
// values are read by BuildKit through the session when a step mounts
// them; they never pass through bkx's output, logs or metadata.
func attachables(targets []*bake.Target, env map[string]string, workdir string) ([]session.Attachable, error) {
	cf, err := config.Load(dockerhost.ConfigDir(env))
	if err != nil {
		cf = config.LoadDefaultConfigFile(io.Discard)
	}
	out := []session.Attachable{authprovider.NewDockerAuthProvider(authprovider.DockerAuthProviderConfig{
		AuthConfigProvider: authprovider.LoadAuthConfig(cf),
	})}
	store := &secretStore{env: map[string]string{}, files: map[string]string{}}
	var ssh []sshprovider.AgentConfig
	seenSecret, seenSSH := map[string]bool{}, map[string]bool{}
	for _, t := range targets {
		for _, s := range t.Secret {
			if seenSecret[s["id"]] {
				continue
			}
			seenSecret[s["id"]] = true
			// Variables come from env, never from bkx's own process.
			name, p := s.SecretSource(env)
			if name != "" {
				v, ok := env[name]
				if !ok {
					continue // not found: a required mount fails, others are skipped
				}
				store.env[s["id"]] = v
				continue
			}
			p = plan.Abs(workdir, p)
			fi, err := os.Stat(p)
			if err != nil {
				return nil, fmt.Errorf("secret %s: %w", s["id"], err)
			}
			if fi.Size() > secretsprovider.MaxSecretSize {
				return nil, fmt.Errorf("secret %s: %s is larger than %d bytes", s["id"], p, secretsprovider.MaxSecretSize)
			}
			store.files[s["id"]] = p
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
	gitAuthSecrets(targets, env, store)
	if len(store.env)+len(store.files) > 0 {
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

// caches converts cache-from and cache-to entries as the plan read them
// (plan.CacheEntry); a gha cache outside GitHub Actions is left out, as
// buildx leaves it out (the plan warned).
func caches(t *bake.Target, env map[string]string, workdir string) (imports, exports []client.CacheOptionsEntry) {
	conv := func(list []bake.Entry) []client.CacheOptionsEntry {
		var out []client.CacheOptionsEntry
		for _, e := range list {
			if c := plan.CacheEntry(e, env, workdir); !c.Inactive {
				out = append(out, client.CacheOptionsEntry{Type: c.Type, Attrs: c.Attrs})
			}
		}
		return out
	}
	return conv(t.CacheFrom), conv(t.CacheTo)
}

// gitAuthSecrets lets BuildKit fetch a git context over HTTP(S) with the
// credentials of a remote definition, as buildx does: BuildKit's git
// source asks the session for GIT_AUTH_TOKEN.HOST (a token, sent as
// x-access-token) and GIT_AUTH_HEADER.HOST (a whole Authorization value).
func gitAuthSecrets(targets []*bake.Target, env map[string]string, store *secretStore) {
	token, header := env["BUILDX_BAKE_GIT_AUTH_TOKEN"], env["BUILDX_BAKE_GIT_AUTH_HEADER"]
	if token == "" && header == "" {
		return
	}
	for _, t := range targets {
		contexts := []string{deref(t.Context, ".")}
		for _, v := range t.Contexts {
			if v != nil {
				contexts = append(contexts, *v)
			}
		}
		for _, c := range contexts {
			u, err := url.Parse(c)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				continue
			}
			if token != "" {
				store.env["GIT_AUTH_TOKEN."+u.Host] = token
			}
			if header != "" {
				store.env["GIT_AUTH_HEADER."+u.Host] = header
			}
		}
	}
}

// secretStore serves secret values from the environment map and files.
type secretStore struct {
	env   map[string]string // id → value
	files map[string]string // id → path
}

func (s *secretStore) GetSecret(ctx context.Context, id string) ([]byte, error) {
	if v, ok := s.env[id]; ok {
		return []byte(v), nil
	}
	if p, ok := s.files[id]; ok {
		return os.ReadFile(p)
	}
	return nil, secrets.ErrNotFound
}

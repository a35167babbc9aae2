package dockerhost

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	dockercontext "github.com/docker/cli/cli/context"
	"github.com/docker/cli/cli/context/store"
)

// TestCurrent checks the docker CLI's order: DOCKER_HOST, then
// DOCKER_CONTEXT, then the config file's currentContext, then default.
func TestCurrent(t *testing.T) {
	cfg := t.TempDir()
	s := contextStore(map[string]string{"DOCKER_CONFIG": cfg})
	for name, host := range map[string]string{"a": "tcp://10.0.0.1:2375", "b": "ssh://user@host"} {
		if err := s.CreateOrUpdate(store.Metadata{Name: name, Metadata: map[string]any{},
			Endpoints: map[string]any{"docker": dockercontext.EndpointMetaBase{Host: host}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(cfg, "config.json"), []byte(`{"currentContext": "b"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DOCKER_HOST": "unix:///x.sock", "DOCKER_CONTEXT": "a"}, "default unix:///x.sock"},
		{map[string]string{"DOCKER_CONTEXT": "a"}, "a tcp://10.0.0.1:2375"},
		{map[string]string{}, "b ssh://user@host"},
		{map[string]string{"DOCKER_CONTEXT": "default"}, "default " + DefaultHost},
	} {
		c.env["DOCKER_CONFIG"] = cfg
		ep, err := Current(c.env)
		if err != nil || ep.Context+" "+ep.Host != c.want {
			t.Errorf("Current(%v) = %s %s, %v; want %s", c.env, ep.Context, ep.Host, err, c.want)
		}
	}
	if _, err := Current(map[string]string{"DOCKER_CONFIG": cfg, "DOCKER_CONTEXT": "nosuch"}); err == nil || !strings.Contains(err.Error(), `docker context "nosuch"`) {
		t.Errorf("an unknown context: %v", err)
	}
	if !HasContext(map[string]string{"DOCKER_CONFIG": cfg}, "a") || HasContext(map[string]string{"DOCKER_CONFIG": cfg}, "c") {
		t.Errorf("HasContext")
	}
	if _, err := (Endpoint{Host: "ssh://user@host"}).ClientOpts(); err != nil {
		t.Errorf("ssh endpoint: %v", err)
	}
}

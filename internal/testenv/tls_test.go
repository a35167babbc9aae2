package testenv_test

import (
	"context"
	"testing"
	"time"

	bkclient "github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/internal/testenv"
)

func tlsOpts(f testenv.TLSFiles, withClientCert bool) []bkclient.ClientOpt {
	opts := []bkclient.ClientOpt{bkclient.WithServerConfig(f.ServerName, f.CA)}
	if withClientCert {
		opts = append(opts, bkclient.WithCredentials(f.Cert, f.Key))
	}
	return opts
}

// Node 1's TCP listener refuses a client without a certificate (and a
// plain-text client), and accepts one with the client certificate.
func TestBuildkitdTLSClientCertificate(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd)
	addr := env.BuildkitdTLS()
	files := env.TLS()

	refused := func(t *testing.T, opts ...bkclient.ClientOpt) error {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		c, err := bkclient.New(ctx, addr, opts...)
		if err != nil {
			return err
		}
		defer c.Close()
		ws, err := c.ListWorkers(ctx)
		if err == nil {
			t.Fatalf("%s answered ListWorkers (%d workers) without a client certificate", addr, len(ws))
		}
		return err
	}

	t.Run("no-client-cert", func(t *testing.T) {
		err := refused(t, tlsOpts(files, false)...)
		t.Logf("refused as expected: %v", err)
	})
	t.Run("plain-text", func(t *testing.T) {
		err := refused(t)
		t.Logf("refused as expected: %v", err)
	})
	t.Run("client-cert", func(t *testing.T) {
		ctx := testContext(t, time.Minute)
		c := newBuildkitClient(t, ctx, addr, tlsOpts(files, true)...)
		ps := workerPlatforms(t, ctx, c)
		if !contains(ps, "linux/amd64") {
			t.Fatalf("%s lists %v, want linux/amd64", addr, ps)
		}
		// And a real solve over the authenticated connection.
		p := parsePlatform(t, "linux/amd64")
		dir := solveToDir(t, ctx, c, runState(env.BusyboxImage(), p, "echo tls-ok > /out/f"), p)
		if got := readTrim(t, dir+"/f"); got != "tls-ok" {
			t.Fatalf("RUN over TLS wrote %q, want tls-ok", got)
		}
	})
}

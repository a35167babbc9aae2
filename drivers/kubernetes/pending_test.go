package kubernetes_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/kubernetes"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestReplicaNeverStarts: a builder whose pod cannot be scheduled, whose
// image is missing, or whose buildkitd exits, fails as soon as the cluster says so, with the
// pod's own reason, as a node that cannot be reached (so exec moves the
// work elsewhere), well before its timeout would have ended the wait.
func TestReplicaNeverStarts(t *testing.T) {
	env := testenv.RequireK8s(t)
	t.Setenv("KUBECONFIG", env.Kubeconfig())
	ns := orDefault(env.K8sNamespace(), "default")
	for _, c := range []struct {
		name  string
		opts  map[string]string
		flags []string
		want  []string
	}{
		{"unschedulable", map[string]string{"requests.cpu": "1000"}, nil, []string{"Unschedulable", "Insufficient cpu"}},
		{"no-image", map[string]string{"image": "localhost/bkx-no-such-image:never"}, nil, []string{"ErrImageNeverPull", "localhost/bkx-no-such-image:never"}},
		{"crash", nil, []string{"--bkx-no-such-flag"}, []string{"exit code 1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			opts := map[string]string{"namespace": ns, "image": env.K8sBuildkitImage(), "image-pull-policy": "Never", "timeout": "20s"}
			for k, v := range c.opts {
				opts[k] = v
			}
			cfg := drivers.Config{Name: fmt.Sprintf("bkx-pending-%s-%d", c.name, os.Getpid()), Nodes: []drivers.NodeConfig{{Name: "k", Opts: opts, BuildkitdFlags: c.flags}}}
			t.Cleanup(func() { removeBuilder(t, cfg) })
			b, err := kubernetes.Driver{}.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close(context.Background())
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a hang guard only
			defer cancel()
			_, err = drivers.NodePlatforms(ctx, b.Nodes()[0])
			if err == nil {
				t.Fatal("the node answered")
			}
			msg := err.Error()
			t.Log(msg)
			for _, w := range append(c.want, "pod bkx-"+cfg.Name+"-k-") {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			if strings.Contains(msg, "not ready after") {
				t.Errorf("error %q: the failure was waited out, not seen", msg)
			}
			if s, ok := status.FromError(err); !ok || s.Code() != codes.Unavailable {
				t.Errorf("error %q is not Unavailable (exec would not move the work)", msg)
			}
			st, serr := b.Nodes()[0].(drivers.Statuser).Status(ctx)
			if serr == nil || !strings.Contains(serr.Error(), c.want[0]) {
				t.Errorf("Status = %q, %v; want the pod's reason", st, serr)
			}
		})
	}
}

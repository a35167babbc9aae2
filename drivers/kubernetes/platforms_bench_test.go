package kubernetes_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/kubernetes"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// BenchmarkNodePlatforms asks both replicas of a running two-replica
// builder for their platforms, one after the other, from a fresh
// builder each time: what bkx bake does before it plans.
func BenchmarkNodePlatforms(b *testing.B) {
	env := testenv.RequireK8s(b)
	b.Setenv("KUBECONFIG", env.Kubeconfig())
	cfg := drivers.Config{Name: fmt.Sprintf("bkx-bench-%d", os.Getpid()), Nodes: []drivers.NodeConfig{{
		Name: "k",
		Opts: map[string]string{
			"namespace": orDefault(env.K8sNamespace(), "default"), "replicas": "2",
			"image": env.K8sBuildkitImage(), "image-pull-policy": "Never", "timeout": "180s",
		},
	}}}
	b.Cleanup(func() { removeBuilder(b, cfg) })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	warm, err := kubernetes.Driver{}.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range warm.Nodes() {
		if _, err := drivers.NodePlatforms(ctx, n); err != nil {
			b.Fatal(err)
		}
	}
	_ = warm.Close(ctx)
	b.ResetTimer()
	for range b.N {
		bl, err := kubernetes.Driver{}.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range bl.Nodes() {
			if _, err := drivers.NodePlatforms(ctx, n); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		_ = bl.Close(ctx)
		b.StartTimer()
	}
}

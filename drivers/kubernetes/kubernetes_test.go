package kubernetes_test

import (
	"context"
	"os"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8s "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	"github.com/bkx-dev/bkx/drivers/kubernetes"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestConformance runs the driver suite on a two-replica BuildKit
// Deployment that the driver creates in the test cluster (the locally
// imported image, never pulled), then removes it and checks nothing is
// left. Pods have no route to the test registry, so the suite's solves
// use file operations instead of a RUN on a base image, and its cache
// and attestation go through the client (no Registry).
func TestConformance(t *testing.T) {
	env := testenv.RequireK8s(t)
	t.Setenv("KUBECONFIG", env.Kubeconfig())
	name := "bkx-test-" + time.Now().Format("150405")
	cfg := drivers.Config{Name: name, Nodes: []drivers.NodeConfig{{
		Name: "k",
		Opts: map[string]string{
			"namespace": orDefault(env.K8sNamespace(), "default"), "replicas": "2",
			"image": env.K8sBuildkitImage(), "image-pull-policy": "Never", "timeout": "180s",
		},
	}}}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		b, err := kubernetes.Driver{}.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.(drivers.Remover).Remove(ctx); err != nil {
			t.Errorf("Remove: %v", err)
		}
		assertNoDeployment(t, ctx, env.Kubeconfig(), cfg.Nodes[0].Opts["namespace"], name)
	})
	drivertest.Run(t, drivertest.Setup{
		Driver:        kubernetes.Driver{},
		Config:        cfg,
		WantPlatforms: []string{"linux/amd64"},
		DockerHost:    env.DockerHost(),
	})
}

func assertNoDeployment(t testing.TB, ctx context.Context, kubeconfig, ns, builder string) {
	rc, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := k8s.NewForConfig(rc)
	if err != nil {
		t.Fatal(err)
	}
	sel := kubernetes.LabelBuilder + "=" + builder
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(time.Second) {
		deps, err := cs.AppsV1().Deployments(ns).List(ctx, metav1.ListOptions{LabelSelector: sel})
		pods, err2 := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: sel})
		if err == nil && err2 == nil && len(deps.Items) == 0 && len(pods.Items) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("left behind after Remove: deployments %v, pods %v (%v %v)", len(deps.Items), len(pods.Items), err, err2)
		}
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// removeBuilder deletes what the driver made for cfg and waits until no
// pod of it is left.
func removeBuilder(t testing.TB, cfg drivers.Config) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b, err := kubernetes.Driver{}.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.(drivers.Remover).Remove(ctx); err != nil {
		t.Errorf("Remove: %v", err)
	}
	assertNoDeployment(t, ctx, os.Getenv("KUBECONFIG"), orDefault(cfg.Nodes[0].Opts["namespace"], "default"), cfg.Name)
}

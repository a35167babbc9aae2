package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8s "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/bkx-dev/bkx/drivers/kubernetes"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// TestKubernetesNodeNeverStarts: a kubernetes builder of two nodes, the
// first declared (so the plan puts the build there) asking for more CPU
// than the cluster has. The build goes to the node that is ready, and the
// progress says which node was left out and the pod's reason; bkx
// builder rm leaves no pod behind.
func TestKubernetesNodeNeverStarts(t *testing.T) {
	env := testenv.RequireK8s(t)
	dir := t.TempDir()
	name := fmt.Sprintf("kpend%d", os.Getpid())
	file := fmt.Sprintf(`builder %[1]q {
  driver = "kubernetes"
  node "bad" {
    driver-opts = { namespace = %[2]q, image = %[3]q, image-pull-policy = "Never", timeout = "60s", "requests.cpu" = "1000" }
  }
  node "ok" {
    driver-opts = { namespace = %[2]q, image = %[3]q, image-pull-policy = "Never", timeout = "60s" }
  }
}
target "app" {
  builder           = %[1]q
  dockerfile-inline = "FROM scratch\nCOPY build.hcl /built-by-bkx\n"
  output            = ["type=local,dest=out"]
}
`, name, k8sNamespace(env), env.K8sBuildkitImage())
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		var out syncWriter
		c := &cli{env: map[string]string{"HOME": dir, "KUBECONFIG": env.Kubeconfig(), "PATH": "/usr/bin:/bin"},
			wd: dir, stdin: strings.NewReader(""), stdout: &out, stderr: &out, exit: func(int) {}}
		done := make(chan int, 1)
		go func() { done <- c.run(args) }()
		select {
		case code := <-done:
			return code, out.String()
		case <-time.After(5 * time.Minute): // a hang guard only
			t.Fatalf("bkx %s hangs:\n%s", strings.Join(args, " "), out.String())
			return 0, ""
		}
	}
	t.Cleanup(func() {
		if code, out := run("builder", "rm", name); code != 0 {
			t.Errorf("builder rm: exit %d\n%s", code, out)
		}
		assertNoPods(t, env, kubernetes.LabelBuilder+"="+name)
	})
	code, out := run("bake", "app", "--progress", "plain")
	t.Logf("bkx bake:\n%s", out)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"cannot reach node " + name + "/bad", "Unschedulable", "Insufficient cpu", "retrying on node ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("the progress does not say %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "built-by-bkx")); err != nil {
		t.Errorf("no output: %v", err)
	}
}

func k8sNamespace(env *testenv.Env) string {
	if ns := env.K8sNamespace(); ns != "" {
		return ns
	}
	return "default"
}

// assertNoPods waits until no pod matches sel.
func assertNoPods(t *testing.T, env *testenv.Env, sel string) {
	t.Helper()
	rc, err := clientcmd.BuildConfigFromFlags("", env.Kubeconfig())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := k8s.NewForConfig(rc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(time.Second) {
		pods, err := cs.CoreV1().Pods(k8sNamespace(env)).List(ctx, metav1.ListOptions{LabelSelector: sel})
		if err == nil && len(pods.Items) == 0 {
			return
		}
		if time.Now().After(deadline) {
			var b bytes.Buffer
			if pods != nil {
				for _, p := range pods.Items {
					fmt.Fprintf(&b, " %s", p.Name)
				}
			}
			t.Fatalf("pods left behind:%s (%v)", b.String(), err)
		}
	}
}

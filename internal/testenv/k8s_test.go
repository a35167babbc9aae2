package testenv_test

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	bkclient "github.com/moby/buildkit/client"
	"github.com/moby/buildkit/client/llb"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/bkx-dev/bkx/internal/stdioconn"
	"github.com/bkx-dev/bkx/internal/testenv"
)

// A BuildKit pod on the test cluster (the shape a kubernetes driver makes:
// privileged, the testenv image with imagePullPolicy Never), reached through
// `buildctl dial-stdio` exec'd in the pod via the apiserver, answers
// ListWorkers and solves a build. The pod is deleted at the end.
func TestKubernetesBuildkitPod(t *testing.T) {
	env := testenv.RequireK8s(t)
	ctx := testContext(t, 4*time.Minute)
	cfg, err := clientcmd.BuildConfigFromFlags("", env.Kubeconfig())
	if err != nil {
		t.Fatalf("kubeconfig %s: %v", env.Kubeconfig(), err)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ns := env.K8sNamespace()
	name := testenv.UniqueName("k8s")
	grace := int64(1)
	privileged := true
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: map[string]string{"app.kubernetes.io/name": name}},
		Spec: corev1.PodSpec{
			TerminationGracePeriodSeconds: &grace,
			Containers: []corev1.Container{{
				Name:            "buildkitd",
				Image:           env.K8sBuildkitImage(),
				ImagePullPolicy: corev1.PullNever,
				Args:            []string{"--addr", "unix:///run/buildkit/buildkitd.sock"},
				SecurityContext: &corev1.SecurityContext{Privileged: &privileged},
				ReadinessProbe: &corev1.Probe{
					ProbeHandler:  corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"buildctl", "debug", "workers"}}},
					PeriodSeconds: 1,
				},
			}},
		},
	}
	if _, err := cs.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create pod: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := cs.CoreV1().Pods(ns).Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: &grace}); err != nil {
			t.Errorf("delete pod %s: %v", name, err)
			return
		}
		for {
			_, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				return
			}
			if ctx.Err() != nil {
				t.Errorf("pod %s still present after a minute", name)
				return
			}
			time.Sleep(500 * time.Millisecond)
		}
	})

	for {
		p, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get pod: %v", err)
		}
		if podReady(p) {
			break
		}
		if ctx.Err() != nil || time.Since(p.CreationTimestamp.Time) > 2*time.Minute {
			t.Fatalf("pod %s not Ready: phase %s, %+v", name, p.Status.Phase, p.Status.ContainerStatuses)
		}
		time.Sleep(500 * time.Millisecond)
	}

	c := newBuildkitClient(t, ctx, "", bkclient.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return stdioconn.Kube(ctx, cfg, cs, ns, name, "buildkitd", "buildctl", "dial-stdio")
	}))
	ps := workerPlatforms(t, ctx, c)
	if !contains(ps, "linux/amd64") {
		t.Fatalf("pod's buildkitd lists %v, want linux/amd64", ps)
	}
	// The pod has no registry access (no egress, registry on the host's
	// loopback), so build from scratch: a file made by the pod's solver.
	token := testenv.UniqueName("pod")
	p := parsePlatform(t, "linux/amd64")
	st := llb.Scratch().File(llb.Mkfile("/token", 0o644, []byte(token)))
	dir := solveToDir(t, ctx, c, st, p)
	if got := readTrim(t, filepath.Join(dir, "token")); got != token {
		t.Fatalf("pod build produced %q, want %q", got, token)
	}
}

func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

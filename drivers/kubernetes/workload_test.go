package kubernetes

import (
	"context"
	"slices"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/bkx-dev/bkx/drivers"
)

// TestExistingWorkload: a node whose deployment option names a workload
// made by someone else (docker buildx: a Deployment named after its node,
// labels of its own) boots without creating anything and finds the pods
// by that workload's own selector, a StatefulSet's too. The object shapes
// only: the real cluster runs in cmd/bkx's TestBuildxBuilders.
func TestExistingWorkload(t *testing.T) {
	labels := map[string]string{"app": "kub10", "team": "build"}
	ready := corev1.PodStatus{Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}
	pod := func(name string, l map[string]string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ci", Labels: l}, Status: ready}
	}
	other := pod("unrelated", map[string]string{"app": "kub10"}) // lacks team=build
	for _, w := range []struct {
		kind    string
		obj     runtime.Object
		wantPod string
	}{
		{"Deployment", &appsv1.Deployment{
			ObjectMeta: metav1.ObjectMeta{Name: "kub10", Namespace: "ci"},
			Spec:       appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: labels}},
			Status:     appsv1.DeploymentStatus{ReadyReplicas: 1},
		}, "kub10-abc"},
		{"StatefulSet", &appsv1.StatefulSet{
			ObjectMeta: metav1.ObjectMeta{Name: "kub10", Namespace: "ci"},
			Spec:       appsv1.StatefulSetSpec{Selector: &metav1.LabelSelector{MatchLabels: labels}},
			Status:     appsv1.StatefulSetStatus{ReadyReplicas: 1},
		}, "kub10-0"},
	} {
		t.Run(w.kind, func(t *testing.T) {
			cs := fake.NewSimpleClientset(w.obj, pod(w.wantPod, labels), other)
			b, err := Driver{}.New(drivers.Config{Name: "kub1", Nodes: []drivers.NodeConfig{{
				Name: "kub10", Opts: map[string]string{"namespace": "ci", OptDeployment: "kub10", "timeout": "5s"},
			}}})
			if err != nil {
				t.Fatal(err)
			}
			d := b.(*builder).deploys[0]
			d.cs, d.ns = cs, "ci"
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if st, err := b.Nodes()[0].(*node).Status(ctx); err != nil || st != "running" {
				t.Errorf("Status = %q, %v", st, err)
			}
			if err := d.boot(ctx); err != nil {
				t.Fatal(err)
			}
			for _, a := range cs.Actions() {
				if a.GetVerb() == "create" {
					t.Errorf("boot created %s", a.GetResource().Resource)
				}
			}
			r, err := d.replicas(ctx, d.selector)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.ready, []string{w.wantPod}) || len(r.notReady) != 0 {
				t.Errorf("pods %+v, want ready [%s]", r, w.wantPod)
			}
		})
	}
}

// TestMissingWorkloadCreated: when the named workload does not exist, a
// Deployment is created under that name (as buildx would create it on
// first use), not under bkx's own name.
func TestMissingWorkloadCreated(t *testing.T) {
	cs := fake.NewSimpleClientset()
	b, err := Driver{}.New(drivers.Config{Name: "kub1", Nodes: []drivers.NodeConfig{{
		Name: "kub10", Opts: map[string]string{"namespace": "ci", OptDeployment: "kub10", "timeout": "1s"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	d := b.(*builder).deploys[0]
	d.cs, d.ns = cs, "ci"
	_ = d.boot(context.Background()) // no controller marks it ready
	got, err := cs.AppsV1().Deployments("ci").Get(context.Background(), "kub10", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("no Deployment kub10: %v", err)
	}
	if got.Spec.Template.Labels["app"] != "kub10" {
		t.Errorf("pod labels %v: buildx finds pods by app=<name>", got.Spec.Template.Labels)
	}
}

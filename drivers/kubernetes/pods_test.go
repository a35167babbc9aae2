package kubernetes

import (
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestPodProblems reads the pod states a replica can be stuck in, as the
// kubelet and the scheduler write them (the real cluster's are checked in
// TestReplicaNeverStarts): failures settle the wait, progress does not.
func TestPodProblems(t *testing.T) {
	waiting := func(reason, msg string) corev1.PodStatus {
		return corev1.PodStatus{Phase: corev1.PodPending, ContainerStatuses: []corev1.ContainerStatus{{
			Name: "buildkitd", State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: msg}},
		}}}
	}
	crash := waiting("CrashLoopBackOff", "back-off 10s restarting failed container=buildkitd")
	crash.ContainerStatuses[0].LastTerminationState.Terminated = &corev1.ContainerStateTerminated{Reason: "OOMKilled", ExitCode: 137}
	for _, c := range []struct {
		name    string
		status  corev1.PodStatus
		want    string
		failure bool
	}{
		{"unschedulable", corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{{
			Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: "Unschedulable", Message: "0/1 nodes are available: 1 Insufficient cpu.",
		}}}, "Unschedulable: 0/1 nodes are available: 1 Insufficient cpu.", true},
		{"never pull", waiting("ErrImageNeverPull", `Container image "x" is not present with pull policy of Never`), "ErrImageNeverPull: Container image", true},
		{"crash loop", crash, "CrashLoopBackOff: back-off 10s restarting failed container=buildkitd (last exit: OOMKilled, exit code 137)", true},
		{"exited", corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{{
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Error", ExitCode: 1}},
		}}}, "Error (exit code 1)", true},
		{"exited with a log", corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{{
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Error", ExitCode: 1,
				Message: "level=info msg=\"starting\"\nbuildkitd: failed to create worker: no runc\n  usage text\n"}},
		}}}, "Error: buildkitd: failed to create worker: no runc (exit code 1)", true},
		{"evicted", corev1.PodStatus{Phase: corev1.PodFailed, Reason: "Evicted", Message: "low on memory"}, "Evicted: low on memory", true},
		{"creating", waiting("ContainerCreating", ""), "ContainerCreating", false},
		{"starting", corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{{
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}},
		}}}, "running, not ready yet", false},
		{"new", corev1.PodStatus{Phase: corev1.PodPending}, "Pending", false},
	} {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p"}, Status: c.status}
		got, failure := podProblem(p)
		if !strings.HasPrefix(got, c.want) || failure != c.failure {
			t.Errorf("%s: %q, failure %v; want %q, %v", c.name, got, failure, c.want, c.failure)
		}
	}
}

// TestSettled: the wait ends when every replica is ready or every pod
// that is not is failing, never while pods are missing or starting.
func TestSettled(t *testing.T) {
	fail, slow := problem{pod: "b", failure: true}, problem{pod: "c"}
	for _, c := range []struct {
		r    replicas
		want bool
	}{
		{replicas{ready: []string{"a", "b"}}, true},
		{replicas{ready: []string{"a"}, notReady: []problem{fail}}, true},
		{replicas{notReady: []problem{fail, fail}}, true},
		{replicas{ready: []string{"a"}, notReady: []problem{slow}}, false},
		{replicas{ready: []string{"a"}}, false},
	} {
		if got := c.r.settled(2); got != c.want {
			t.Errorf("%+v: settled %v", c.r, got)
		}
	}
}

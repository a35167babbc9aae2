package kubernetes

import (
	"fmt"
	"sort"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	corev1 "k8s.io/api/core/v1"
)

// replicas is what the pods of a node's workload are doing: the ready
// ones, and why each other one is not ready.
type replicas struct {
	ready    []string // pod names, sorted
	notReady []problem
}

// problem is why a pod is not ready. A failure (unschedulable, crashing,
// its image missing) will not fix itself soon; anything else (being
// scheduled, pulling, starting) is progress.
type problem struct {
	pod     string
	why     string
	failure bool
}

// settled tells whether waiting longer is pointless: every replica is
// ready, or every pod that is not is failing.
func (r replicas) settled(want int) bool {
	if len(r.ready) >= want {
		return true
	}
	if len(r.ready)+len(r.notReady) < want {
		return false // pods not created yet
	}
	for _, p := range r.notReady {
		if !p.failure {
			return false
		}
	}
	return true
}

// classify sorts a workload's pods into ready ones and problems, both by
// pod name; pods being deleted are left out.
func classify(pods []corev1.Pod) replicas {
	var r replicas
	sort.Slice(pods, func(i, j int) bool { return pods[i].Name < pods[j].Name })
	for i := range pods {
		p := &pods[i]
		if p.DeletionTimestamp != nil {
			continue
		}
		if podReady(p) {
			r.ready = append(r.ready, p.Name)
			continue
		}
		why, failure := podProblem(p)
		r.notReady = append(r.notReady, problem{pod: p.Name, why: why, failure: failure})
	}
	return r
}

func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady && c.Status == corev1.ConditionTrue {
			return true
		}
	}
	return false
}

// crashReasons are the waiting reasons of a container that will not
// start without someone changing something.
var crashReasons = map[string]bool{
	"CrashLoopBackOff": true, "ImagePullBackOff": true, "ErrImagePull": true, "ErrImageNeverPull": true,
	"InvalidImageName": true, "CreateContainerConfigError": true, "CreateContainerError": true,
	"RunContainerError": true, "PreCreateHookError": true, "PostStartHookError": true,
}

// podProblem is why a pod is not ready, in the pod's own words (its
// condition's or container's reason and message), and whether that is a
// failure rather than progress.
func podProblem(p *corev1.Pod) (string, bool) {
	if p.Status.Phase == corev1.PodFailed {
		return join(orDefault(p.Status.Reason, "Failed"), p.Status.Message), true
	}
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
			return join(c.Reason, c.Message), c.Reason == corev1.PodReasonUnschedulable
		}
	}
	statuses := append(append([]corev1.ContainerStatus(nil), p.Status.InitContainerStatuses...), p.Status.ContainerStatuses...)
	for _, cs := range statuses {
		if w := cs.State.Waiting; w != nil && crashReasons[w.Reason] {
			return join(w.Reason, w.Message) + lastExit(cs), true
		}
		if t := cs.State.Terminated; t != nil && t.ExitCode != 0 {
			return join(t.Reason, errorLine(t.Message)) + fmt.Sprintf(" (exit code %d)", t.ExitCode), true
		}
	}
	for _, cs := range statuses {
		if w := cs.State.Waiting; w != nil && w.Reason != "" {
			return join(w.Reason, w.Message), false
		}
		if cs.State.Running != nil && !cs.Ready {
			return "running, not ready yet (buildctl debug workers does not answer)", false
		}
	}
	return join(string(p.Status.Phase), p.Status.Message), false
}

// lastExit says how a crashing container ended last time: " (last exit:
// OOMKilled, exit code 137)".
func lastExit(cs corev1.ContainerStatus) string {
	t := cs.LastTerminationState.Terminated
	if t == nil {
		return ""
	}
	return fmt.Sprintf(" (last exit: %s, exit code %d%s)", orDefault(t.Reason, "Error"), t.ExitCode, prefixed(": ", errorLine(t.Message)))
}

// errorLine is the line of a termination message (the end of the log of
// a container that failed: TerminationMessageFallbackToLogsOnError) that
// says what went wrong: the last one naming an error, cut to 200
// characters; "" when none does (a usage text, say).
func errorLine(msg string) string {
	lines := strings.Split(msg, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		low := strings.ToLower(l)
		if strings.Contains(low, "error") || strings.Contains(low, "fatal") || strings.Contains(low, "failed") || strings.Contains(low, "panic") {
			if len(l) > 200 {
				l = l[:197] + "..."
			}
			return l
		}
	}
	return ""
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func join(reason, message string) string {
	message = strings.TrimSpace(strings.ReplaceAll(message, "\n", " "))
	switch {
	case reason == "":
		return message
	case message == "":
		return reason
	}
	return reason + ": " + message
}

// notReadyError is a replica that cannot be used: to exec (and to
// `bkx builder ls`) it is a node that cannot be reached, so the work
// planned on it moves to a node that is ready. Its text is the pod's own
// reason.
type notReadyError struct{ msg string }

func (e *notReadyError) Error() string { return e.msg }

// GRPCStatus makes the replica Unavailable, as a node whose daemon does
// not answer.
func (e *notReadyError) GRPCStatus() *status.Status {
	return status.New(codes.Unavailable, e.msg)
}

// describe is one line per problem: "pod NAME: REASON: MESSAGE".
func describe(ps []problem) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = "pod " + p.pod + ": " + p.why
	}
	return strings.Join(parts, "; ")
}

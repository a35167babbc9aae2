package kubernetes

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// TestDeploymentShape checks the objects the driver creates, without a
// cluster (the driver's conformance test runs against a real one).
func TestDeploymentShape(t *testing.T) {
	s, err := parseSettings(map[string]string{
		"replicas": "3", "namespace": "ci", "image": "example/buildkit:1", "image-pull-policy": "Never",
		"requests.cpu": "500m", "limits.memory": "2Gi", "nodeselector": "arch=amd64",
		"tolerations": "key=k,operator=Equal,value=v,effect=NoSchedule", "labels": "team=build",
		"env.BUILDKIT_DEBUG": "1", "timeout": "30s",
	})
	if err != nil {
		t.Fatal(err)
	}
	d := deployment(deploymentName("release", "amd"), "release", s, []string{"--debug"}, true)
	if d.Name != "bkx-release-amd" || *d.Spec.Replicas != 3 || d.Namespace != "ci" {
		t.Errorf("name %s replicas %d ns %s", d.Name, *d.Spec.Replicas, d.Namespace)
	}
	pod := d.Spec.Template.Spec
	c := pod.Containers[0]
	if c.Image != "example/buildkit:1" || c.ImagePullPolicy != corev1.PullNever || !*c.SecurityContext.Privileged {
		t.Errorf("container %+v", c)
	}
	if c.TerminationMessagePolicy != corev1.TerminationMessageFallbackToLogsOnError {
		t.Errorf("termination message policy %q: a crash would not say why", c.TerminationMessagePolicy)
	}
	if c.ReadinessProbe == nil || strings.Join(c.ReadinessProbe.Exec.Command, " ") != "buildctl debug workers" {
		t.Errorf("readiness probe %+v", c.ReadinessProbe)
	}
	if c.Resources.Requests.Cpu().String() != "500m" || c.Resources.Limits.Memory().String() != "2Gi" {
		t.Errorf("resources %+v", c.Resources)
	}
	if pod.NodeSelector["arch"] != "amd64" || len(pod.Tolerations) != 1 || pod.Tolerations[0].Effect != corev1.TaintEffectNoSchedule {
		t.Errorf("scheduling %+v %+v", pod.NodeSelector, pod.Tolerations)
	}
	if d.Spec.Template.Labels["team"] != "build" || d.Spec.Template.Labels[LabelBuilder] != "release" {
		t.Errorf("labels %v", d.Spec.Template.Labels)
	}
	if len(pod.Volumes) != 1 || c.VolumeMounts[0].MountPath != "/etc/buildkit" {
		t.Errorf("config volume %+v %+v", pod.Volumes, c.VolumeMounts)
	}
	if *pod.TerminationGracePeriodSeconds > 10 || s.timeout != 30*time.Second {
		t.Errorf("grace %d timeout %s", *pod.TerminationGracePeriodSeconds, s.timeout)
	}
	if len(c.Env) != 1 || c.Env[0].Name != "BUILDKIT_DEBUG" {
		t.Errorf("env %+v", c.Env)
	}
	rootless, _ := parseSettings(map[string]string{"rootless": "true"})
	rd := deployment("x", "x", rootless, nil, false)
	if rc := rd.Spec.Template.Spec.Containers[0]; *rc.SecurityContext.Privileged || rc.Image != DefaultImage+"-rootless" {
		t.Errorf("rootless container %+v", rc)
	}
}

func TestSettingsErrors(t *testing.T) {
	for opts, want := range map[string]map[string]string{
		"replicas":     {"replicas": "0"},
		"quantity":     {"requests.cpu": "lots"},
		"unknown key":  {"tolerations": "colour=red"},
		"not a number": {"tolerations": "key=a,tolerationSeconds=soon"},
	} {
		if _, err := parseSettings(want); err == nil || !strings.Contains(err.Error(), opts) {
			t.Errorf("%v: error %v, want %q", want, err, opts)
		}
	}
}

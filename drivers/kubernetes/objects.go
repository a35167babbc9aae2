package kubernetes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/bkx-dev/bkx/drivers"
)

// DefaultImage is the BuildKit image of the pods when image is unset.
const DefaultImage = "moby/buildkit:buildx-stable-1"

// LabelBuilder marks every object bkx creates with the builder's name.
const LabelBuilder = "dev.bkx.builder"

// settings are a node's options, parsed.
type settings struct {
	namespace      string
	replicas       int32
	image          string
	pullPolicy     corev1.PullPolicy
	requests       corev1.ResourceList
	limits         corev1.ResourceList
	nodeSelector   map[string]string
	tolerations    []corev1.Toleration
	annotations    map[string]string
	labels         map[string]string
	rootless       bool
	loadbalance    string
	timeout        time.Duration
	env            []corev1.EnvVar
	serviceAccount string
	scheduler      string
}

// parseSettings reads a node's options; drivers.ValidateOptions has
// already checked kinds, so errors here are about values.
func parseSettings(o map[string]string) (*settings, error) {
	s := &settings{
		namespace:      o["namespace"],
		replicas:       1,
		image:          o["image"],
		pullPolicy:     corev1.PullPolicy(o["image-pull-policy"]),
		requests:       corev1.ResourceList{},
		limits:         corev1.ResourceList{},
		loadbalance:    orDefault(o["loadbalance"], "sticky"),
		timeout:        120 * time.Second,
		serviceAccount: o["serviceaccount"],
		scheduler:      o["schedulername"],
	}
	if v := o["replicas"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("replicas=%q: give a whole number of pods, at least 1", v)
		}
		s.replicas = int32(n)
	}
	if v := o["timeout"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return nil, fmt.Errorf("timeout=%q: %v", v, err)
		}
		s.timeout = d
	}
	if v := o["rootless"]; v != "" {
		s.rootless, _ = strconv.ParseBool(v)
	}
	if s.image == "" {
		s.image = DefaultImage
		if s.rootless {
			s.image += "-rootless"
		}
	}
	var err error
	for _, kv := range []struct {
		key string
		dst *map[string]string
	}{{"nodeselector", &s.nodeSelector}, {"annotations", &s.annotations}, {"labels", &s.labels}} {
		if *kv.dst, err = drivers.ParseKeyValues(o[kv.key]); err != nil {
			return nil, fmt.Errorf("%s: %v", kv.key, err)
		}
	}
	if s.tolerations, err = parseTolerations(o["tolerations"]); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := o[k]
		switch {
		case strings.HasPrefix(k, "requests.") || strings.HasPrefix(k, "limits."):
			kind, name, _ := strings.Cut(k, ".")
			q, err := resource.ParseQuantity(v)
			if err != nil {
				return nil, fmt.Errorf("%s=%q is not a quantity such as 500m or 2Gi", k, v)
			}
			if kind == "requests" {
				s.requests[corev1.ResourceName(name)] = q
			} else {
				s.limits[corev1.ResourceName(name)] = q
			}
		case strings.HasPrefix(k, "env."):
			s.env = append(s.env, corev1.EnvVar{Name: strings.TrimPrefix(k, "env."), Value: v})
		}
	}
	return s, nil
}

// parseTolerations reads "key=k,operator=Equal,value=v,effect=NoSchedule;...".
func parseTolerations(s string) ([]corev1.Toleration, error) {
	var out []corev1.Toleration
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		var t corev1.Toleration
		for _, kv := range strings.Split(part, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return nil, fmt.Errorf("toleration %q: %q is not key=value", part, kv)
			}
			switch k {
			case "key":
				t.Key = v
			case "operator":
				t.Operator = corev1.TolerationOperator(v)
			case "value":
				t.Value = v
			case "effect":
				t.Effect = corev1.TaintEffect(v)
			case "tolerationSeconds":
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, fmt.Errorf("toleration %q: tolerationSeconds=%q is not a number", part, v)
				}
				t.TolerationSeconds = &n
			default:
				return nil, fmt.Errorf("toleration %q: unknown key %q (key, operator, value, effect, tolerationSeconds)", part, k)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// deploymentName names a node's Deployment (and ConfigMap).
func deploymentName(builder, node string) string {
	n := "bkx-" + builder
	if node != "" && node != builder {
		n += "-" + node
	}
	return strings.ToLower(unsafeName.ReplaceAllString(n, "-"))
}

// deployment builds the Deployment of a node: replicas of buildkitd,
// privileged unless rootless, ready when buildctl answers.
func deployment(name, builder string, s *settings, flags []string, withConfig bool) *appsv1.Deployment {
	labels := map[string]string{LabelBuilder: builder, "app": name}
	podLabels := map[string]string{}
	for k, v := range s.labels {
		podLabels[k] = v
	}
	for k, v := range labels {
		podLabels[k] = v
	}
	grace := int64(5)
	privileged := !s.rootless
	c := corev1.Container{
		Name:            "buildkitd",
		Image:           s.image,
		ImagePullPolicy: s.pullPolicy,
		Args:            flags,
		Env:             s.env,
		SecurityContext: &corev1.SecurityContext{Privileged: &privileged},
		Resources:       corev1.ResourceRequirements{Requests: s.requests, Limits: s.limits},
		// A buildkitd that exits says why in its last lines of log: they
		// become the pod's termination message, which bkx reports.
		TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError,
		ReadinessProbe: &corev1.Probe{
			ProbeHandler:        corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"buildctl", "debug", "workers"}}},
			InitialDelaySeconds: 1,
			PeriodSeconds:       1,
			TimeoutSeconds:      10,
		},
	}
	if s.rootless {
		c.SecurityContext.SeccompProfile = &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeUnconfined}
		c.SecurityContext.AppArmorProfile = &corev1.AppArmorProfile{Type: corev1.AppArmorProfileTypeUnconfined}
		c.Args = append([]string{"--oci-worker-no-process-sandbox"}, c.Args...)
	}
	pod := corev1.PodSpec{
		Containers:                    []corev1.Container{c},
		NodeSelector:                  s.nodeSelector,
		Tolerations:                   s.tolerations,
		ServiceAccountName:            s.serviceAccount,
		SchedulerName:                 s.scheduler,
		TerminationGracePeriodSeconds: &grace,
	}
	if withConfig {
		pod.Volumes = []corev1.Volume{{Name: "config", VolumeSource: corev1.VolumeSource{
			ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: name}},
		}}}
		pod.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "config", MountPath: "/etc/buildkit"}}
	}
	replicas := s.replicas
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: s.namespace, Labels: labels, Annotations: s.annotations},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: podLabels, Annotations: s.annotations},
				Spec:       pod,
			},
		},
	}
}

// configMap holds buildkitd.toml for the pods.
func configMap(name, builder, namespace string, toml []byte) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace, Labels: map[string]string{LabelBuilder: builder}},
		Data:       map[string]string{"buildkitd.toml": string(toml)},
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

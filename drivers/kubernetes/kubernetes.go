// Package kubernetes is the kubernetes driver: a Deployment of BuildKit
// pods that bkx creates in a cluster (KUBECONFIG or in-cluster), each
// ready pod a node, reached by exec'ing `buildctl dial-stdio` in the pod.
// The deployment option names an existing Deployment (or StatefulSet)
// instead, docker buildx's, whose pods are found by its own selector.
package kubernetes

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/moby/buildkit/client"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/internal/stdioconn"
)

// Name is the driver's name in builder blocks.
const Name = "kubernetes"

// Options that point a node at what another tool made.
const (
	// OptDeployment names the node's Deployment instead of bkx's own
	// name: an existing one (docker buildx names it after its node) is
	// used as it is; a StatefulSet of that name too; otherwise bkx
	// creates a Deployment under that name.
	OptDeployment = "deployment"
	// OptKubeconfig is the kubeconfig path list of the node's cluster,
	// instead of KUBECONFIG.
	OptKubeconfig = "kubeconfig"
)

// Driver is the kubernetes driver.
type Driver struct{}

// Interface guards.
var (
	_ drivers.Driver    = Driver{}
	_ drivers.NodeNamer = Driver{}
	_ drivers.Builder   = (*builder)(nil)
	_ drivers.Remover   = (*builder)(nil)
	_ drivers.Statuser  = (*node)(nil)
)

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options shape the Deployment.
func (Driver) Options() []drivers.Option {
	return []drivers.Option{
		{Name: "namespace"},
		{Name: "replicas", Kind: drivers.KindInt},
		{Name: "image"},
		{Name: "image-pull-policy", Kind: drivers.KindEnum, Values: []string{"Always", "IfNotPresent", "Never"}},
		{Name: "requests.", Prefix: true, Doc: "resource requests: requests.cpu, requests.memory"},
		{Name: "limits.", Prefix: true, Doc: "resource limits: limits.cpu, limits.memory"},
		{Name: "nodeselector", Kind: drivers.KindKeyValues},
		{Name: "tolerations"},
		{Name: "annotations", Kind: drivers.KindKeyValues},
		{Name: "labels", Kind: drivers.KindKeyValues},
		{Name: "rootless", Kind: drivers.KindBool},
		{Name: "loadbalance", Kind: drivers.KindEnum, Values: []string{"sticky", "random"}},
		{Name: "default-load", Kind: drivers.KindBool},
		{Name: "timeout", Kind: drivers.KindDuration, Doc: "how long to wait for ready pods"},
		{Name: "env.", Prefix: true},
		{Name: "serviceaccount"},
		{Name: "schedulername"},
		{Name: OptDeployment, Doc: "use this Deployment or StatefulSet (a Deployment is created if neither exists), e.g. a docker buildx builder's, named after its node"},
		{Name: OptKubeconfig, Doc: "kubeconfig file(s) of the cluster, a path list (default KUBECONFIG)"},
	}
}

// Capabilities of BuildKit pods: everything BuildKit does.
func (Driver) Capabilities(opts map[string]string) drivers.Capabilities {
	return drivers.BuildKitCapabilities(opts, drivers.Supported)
}

// NodeNames: every replica is a node, named NODE-0, NODE-1... when there
// are several.
func (Driver) NodeNames(nc drivers.NodeConfig) []string {
	n, _ := strconv.Atoi(nc.Opts["replicas"])
	if n <= 1 {
		return []string{nc.Name}
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%d", nc.Name, i)
	}
	return names
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9-]`)

// New makes a builder; nothing is created in the cluster until a node is
// used.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	b := &builder{name: cfg.Name}
	for _, nc := range cfg.Nodes {
		if nc.Endpoint != "" {
			return nil, fmt.Errorf("builder %q, node %q: the kubernetes driver takes no endpoint; it uses KUBECONFIG (or the pod's service account) and the namespace option", cfg.Name, nc.Name)
		}
		s, err := parseSettings(nc.Opts)
		if err != nil {
			return nil, fmt.Errorf("builder %q, node %q: %w", cfg.Name, nc.Name, err)
		}
		d := &deploy{name: deploymentName(cfg.Name, nc.Name), builder: cfg.Name, s: s, cfg: nc, kubeconfig: cfg.Getenv("KUBECONFIG")}
		if v := nc.Opts[OptDeployment]; v != "" {
			d.name = v
		}
		if v := nc.Opts[OptKubeconfig]; v != "" {
			d.kubeconfig = v
		}
		b.deploys = append(b.deploys, d)
		for i, name := range (Driver{}).NodeNames(nc) {
			n := &node{deploy: d, index: i}
			n.ClientNode = drivers.ClientNode{NodeName: name, Dial: n.dial}
			b.NodeList = append(b.NodeList, n)
		}
	}
	return b, nil
}

// builder's NodeList closes the clients only: the pods stay for the
// next build.
type builder struct {
	name    string
	deploys []*deploy
	drivers.NodeList
}

// Remove deletes the Deployments and ConfigMaps bkx created.
func (b *builder) Remove(ctx context.Context) error {
	var errs []error
	_ = b.Close(ctx)
	for _, d := range b.deploys {
		errs = append(errs, d.remove(ctx))
	}
	return errors.Join(errs...)
}

// deploy is one node block's Deployment, shared by its replicas.
type deploy struct {
	name    string
	builder string
	s       *settings
	cfg     drivers.NodeConfig

	// kubeconfig is KUBECONFIG: a path list; empty means ~/.kube/config
	// or the pod's service account.
	kubeconfig string

	mu     sync.Mutex
	cs     kubernetes.Interface
	rest   *rest.Config
	ns     string
	booted bool
	// selector finds the pods: the workload's own, read when booted.
	selector string
}

// connect loads the cluster configuration once.
func (d *deploy) connect() error {
	if d.cs != nil {
		return nil
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if d.kubeconfig != "" {
		rules.Precedence = filepath.SplitList(d.kubeconfig)
	}
	loader := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{})
	rc, err := loader.ClientConfig()
	if err != nil {
		return fmt.Errorf("the kubernetes driver needs cluster access (KUBECONFIG, or run in a pod): %w", err)
	}
	ns := d.s.namespace
	if ns == "" {
		if ns, _, err = loader.Namespace(); err != nil || ns == "" {
			ns = "default"
		}
	}
	cs, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return err
	}
	d.cs, d.rest, d.ns = cs, rc, ns
	return nil
}

// boot creates the ConfigMap and Deployment if no workload of that
// name exists, and waits until every replica is ready.
func (d *deploy) boot(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.booted {
		return nil
	}
	if err := d.connect(); err != nil {
		return err
	}
	w, err := d.workload(ctx)
	if err != nil {
		return err
	}
	if w == nil {
		if err := d.create(ctx); err != nil {
			return err
		}
	}
	wait, cancel := context.WithTimeout(ctx, d.s.timeout)
	defer cancel()
	for {
		w, err = d.workload(wait)
		if err == nil && w != nil && w.ready >= d.s.replicas {
			d.selector, d.booted = w.selector, true
			return nil
		}
		select {
		case <-wait.Done():
			if err != nil {
				return err
			}
			kind, ready := "Deployment", int32(0)
			if w != nil {
				kind, ready = w.kind, w.ready
			}
			return fmt.Errorf("%s %s/%s: expected %d ready pods within %s, got %d; see kubectl -n %s describe %s %s", kind, d.ns, d.name, d.s.replicas, d.s.timeout, ready, d.ns, strings.ToLower(kind), d.name)
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// create makes the node's ConfigMap (with buildkitd-config) and
// Deployment; one that appeared meanwhile is fine.
func (d *deploy) create(ctx context.Context) error {
	withConfig := d.cfg.BuildkitdConfig != ""
	if withConfig {
		toml, err := os.ReadFile(d.cfg.BuildkitdConfig)
		if err != nil {
			return fmt.Errorf("buildkitd-config: %w", err)
		}
		cm := configMap(d.name, d.builder, d.ns, toml)
		if _, err := d.cs.CoreV1().ConfigMaps(d.ns).Create(ctx, cm, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating ConfigMap %s/%s: %w", d.ns, d.name, err)
		}
	}
	dep := deployment(d.name, d.builder, d.s, d.cfg.BuildkitdFlags, withConfig)
	dep.Namespace = d.ns
	if _, err := d.cs.AppsV1().Deployments(d.ns).Create(ctx, dep, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("creating Deployment %s/%s: %w", d.ns, d.name, err)
	}
	return nil
}

// workload is the Deployment or StatefulSet that runs a node's pods.
type workload struct {
	kind     string
	selector string // its own pod selector
	ready    int32
}

// workload finds the node's Deployment, else a StatefulSet of that name
// (docker buildx makes one for persistent volumes); nil when neither
// exists.
func (d *deploy) workload(ctx context.Context) (*workload, error) {
	dep, err := d.cs.AppsV1().Deployments(d.ns).Get(ctx, d.name, metav1.GetOptions{})
	if err == nil {
		return newWorkload("Deployment", d, dep.Spec.Selector, dep.Status.ReadyReplicas)
	}
	if !apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("Deployment %s/%s: %w", d.ns, d.name, err)
	}
	sts, err := d.cs.AppsV1().StatefulSets(d.ns).Get(ctx, d.name, metav1.GetOptions{})
	if err == nil {
		return newWorkload("StatefulSet", d, sts.Spec.Selector, sts.Status.ReadyReplicas)
	}
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	return nil, fmt.Errorf("StatefulSet %s/%s: %w", d.ns, d.name, err)
}

func newWorkload(kind string, d *deploy, sel *metav1.LabelSelector, ready int32) (*workload, error) {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || s.Empty() {
		return nil, fmt.Errorf("%s %s/%s has no usable pod selector (%v)", kind, d.ns, d.name, err)
	}
	return &workload{kind: kind, selector: s.String(), ready: ready}, nil
}

// readyPods lists the ready pods of the Deployment, by name.
func (d *deploy) readyPods(ctx context.Context) ([]string, error) {
	pods, err := d.cs.CoreV1().Pods(d.ns).List(ctx, metav1.ListOptions{LabelSelector: d.selector})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range pods.Items {
		if p.DeletionTimestamp != nil {
			continue
		}
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.PodReady && c.Status == corev1.ConditionTrue {
				names = append(names, p.Name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

func (d *deploy) remove(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.connect(); err != nil {
		return err
	}
	grace := int64(1)
	policy := metav1.DeletePropagationForeground
	opts := metav1.DeleteOptions{GracePeriodSeconds: &grace, PropagationPolicy: &policy}
	var errs []error
	if err := d.cs.AppsV1().Deployments(d.ns).Delete(ctx, d.name, opts); err != nil && !apierrors.IsNotFound(err) {
		errs = append(errs, err)
	}
	if err := d.cs.CoreV1().ConfigMaps(d.ns).Delete(ctx, d.name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
		errs = append(errs, err)
	}
	d.booted = false
	return errors.Join(errs...)
}

// node is one replica.
type node struct {
	drivers.ClientNode
	deploy *deploy
	index  int
}

// Status tells whether the node's workload exists and this replica is
// ready.
func (n *node) Status(ctx context.Context) (string, error) {
	d := n.deploy
	d.mu.Lock()
	err := d.connect()
	d.mu.Unlock()
	if err != nil {
		return "", err
	}
	w, err := d.workload(ctx)
	switch {
	case err != nil:
		return "", err
	case w == nil:
		return "not created", nil
	case int(w.ready) > n.index:
		return "running", nil
	}
	return "stopped", nil
}

// dial boots the Deployment and connects to the node's pod: the index-th
// ready pod by name (sticky), or any ready pod (loadbalance=random).
func (n *node) dial(ctx context.Context) (*client.Client, error) {
	if err := n.deploy.boot(ctx); err != nil {
		return nil, err
	}
	pods, err := n.deploy.readyPods(ctx)
	if err != nil {
		return nil, err
	}
	if len(pods) == 0 {
		return nil, fmt.Errorf("Deployment %s/%s has no ready pod", n.deploy.ns, n.deploy.name)
	}
	pod := pods[n.index%len(pods)]
	if n.deploy.s.loadbalance == "random" {
		pod = pods[rand.IntN(len(pods))]
	}
	d := n.deploy
	return client.New(ctx, "", client.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return stdioconn.Kube(ctx, d.rest, d.cs, d.ns, pod, "buildkitd", "buildctl", "dial-stdio")
	}))
}

// Package kubernetes is the kubernetes driver: a Deployment of BuildKit
// pods that bkx creates in a cluster (KUBECONFIG or in-cluster), each
// ready pod a node, reached by exec'ing `buildctl dial-stdio` in the pod.
// A replica whose pod cannot start (unschedulable, crashing, its image
// missing) is a node that cannot be reached, with the pod's reason.
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
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/moby/buildkit/client"
	appsv1 "k8s.io/api/apps/v1"
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
		{Name: "timeout", Kind: drivers.KindDuration, Doc: "how long to wait for ready pods (a pod that fails, unschedulable or crashing, ends the wait sooner)"},
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
			d.nodes = append(d.nodes, n)
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

// Close closes the clients, warm ones too (see warm).
func (b *builder) Close(ctx context.Context) error {
	for _, d := range b.deploys {
		d.mu.Lock()
		d.gen++
		d.warmed = false
		d.mu.Unlock()
	}
	return b.NodeList.Close(ctx)
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
	// nodes are the replicas; warmed is set once the first dial after
	// boot has started connecting to the other ready ones.
	nodes  []*node
	warmed bool
	gen    int // Close counts up, so a warm-up that ends late closes its client
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
// name exists, and waits (the timeout option at most) until every
// replica is ready or every one that is not is failing. The replicas not
// ready then are left out: dialling them says why (the pod's reason).
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
	if w, err = d.await(ctx); err != nil {
		return err
	}
	if w == nil {
		return &notReadyError{fmt.Sprintf("Deployment %s/%s: gone while waiting for its pods", d.ns, d.name)}
	}
	d.selector, d.booted = w.selector, true
	return nil
}

// await polls the workload and its pods until they settle (every replica
// ready, or every pod that is not failing) or the timeout option runs
// out, and returns the workload as last seen.
func (d *deploy) await(ctx context.Context) (*workload, error) {
	wait, cancel := context.WithTimeout(ctx, d.s.timeout)
	defer cancel()
	var last *workload
	for {
		w, err := d.workload(wait)
		if err == nil && w != nil {
			last = w
			var r replicas
			if r, err = d.replicas(wait, w.selector); err == nil && (r.settled(int(d.s.replicas)) || w.failure != "") {
				return w, nil
			}
		}
		select {
		case <-wait.Done():
			if ctx.Err() != nil {
				return nil, context.Cause(ctx)
			}
			if last == nil && err != nil {
				return nil, err
			}
			return last, nil
		case <-time.After(200 * time.Millisecond):
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
	// failure is why the workload cannot make its pods (a Deployment's
	// ReplicaFailure condition: a quota, an admission webhook).
	failure string
}

// workload finds the node's Deployment, else a StatefulSet of that name
// (docker buildx makes one for persistent volumes); nil when neither
// exists.
func (d *deploy) workload(ctx context.Context) (*workload, error) {
	dep, err := d.cs.AppsV1().Deployments(d.ns).Get(ctx, d.name, metav1.GetOptions{})
	if err == nil {
		w, err := newWorkload("Deployment", d, dep.Spec.Selector)
		for _, c := range dep.Status.Conditions {
			if w != nil && c.Type == appsv1.DeploymentReplicaFailure && c.Status == corev1.ConditionTrue {
				w.failure = join(c.Reason, c.Message)
			}
		}
		return w, err
	}
	if !apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("Deployment %s/%s: %w", d.ns, d.name, err)
	}
	sts, err := d.cs.AppsV1().StatefulSets(d.ns).Get(ctx, d.name, metav1.GetOptions{})
	if err == nil {
		return newWorkload("StatefulSet", d, sts.Spec.Selector)
	}
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	return nil, fmt.Errorf("StatefulSet %s/%s: %w", d.ns, d.name, err)
}

func newWorkload(kind string, d *deploy, sel *metav1.LabelSelector) (*workload, error) {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || s.Empty() {
		return nil, fmt.Errorf("%s %s/%s has no usable pod selector (%v)", kind, d.ns, d.name, err)
	}
	return &workload{kind: kind, selector: s.String()}, nil
}

// replicas lists the pods of the workload: the ready ones and why the
// others are not.
func (d *deploy) replicas(ctx context.Context, selector string) (replicas, error) {
	pods, err := d.cs.CoreV1().Pods(d.ns).List(ctx, metav1.ListOptions{LabelSelector: selector})
	if err != nil {
		return replicas{}, fmt.Errorf("listing the pods of %s/%s: %w", d.ns, d.name, err)
	}
	return classify(pods.Items), nil
}

// replicaError is why the index-th replica has no ready pod to use
// (those with a pod are the first ones, by pod name): the pod's own
// reason, or how many replicas are ready.
func (d *deploy) replicaError(index int, r replicas, w *workload) error {
	i := index - len(r.ready)
	switch {
	case i >= 0 && i < len(r.notReady) && r.notReady[i].failure:
		p := r.notReady[i]
		return &notReadyError{"pod " + p.pod + ": " + p.why}
	case i >= 0 && i < len(r.notReady):
		p := r.notReady[i]
		return &notReadyError{fmt.Sprintf("pod %s not ready after %s: %s", p.pod, d.s.timeout, p.why)}
	case w != nil && w.failure != "":
		return &notReadyError{fmt.Sprintf("%s %s/%s cannot make its pods: %s", w.kind, d.ns, d.name, w.failure)}
	}
	kind := "Deployment"
	if w != nil {
		kind = w.kind
	}
	return &notReadyError{fmt.Sprintf("%s %s/%s: no pod for replica %d after %s (%d ready); see kubectl -n %s describe %s %s",
		kind, d.ns, d.name, index, d.s.timeout, len(r.ready), d.ns, strings.ToLower(kind), d.name)}
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
	d.booted, d.selector, d.warmed = false, "", false
	return errors.Join(errs...)
}

// node is one replica.
type node struct {
	drivers.ClientNode
	deploy *deploy
	index  int
}

// warm starts connecting, in the background, to the other ready replicas
// of a booted Deployment, once: whoever asks one replica (for its
// platforms, to build) asks the others next, and each connection (an
// exec in a pod) costs about as much as the question, so the connections
// are made side by side rather than one after the other. Close ends them
// as it ends any dialled client.
func (d *deploy) warm(ctx context.Context, from *node, ready int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.warmed || !d.booted {
		return
	}
	d.warmed = true
	ctx, gen := context.WithoutCancel(ctx), d.gen
	for _, n := range d.nodes {
		if n != from && n.index < ready {
			go func() {
				_, _ = n.Client(ctx)
				d.mu.Lock()
				stale := d.gen != gen
				d.mu.Unlock()
				if stale {
					_ = n.Close(ctx)
				}
			}()
		}
	}
}

// Status tells whether the node's workload exists and this replica is
// ready; a replica whose pod fails (unschedulable, crashing) is an error
// with the pod's reason.
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
	}
	r, err := d.replicas(ctx, w.selector)
	switch {
	case err != nil:
		return "", err
	case n.index < len(r.ready):
		return "running", nil
	}
	if i := n.index - len(r.ready); (i < len(r.notReady) && r.notReady[i].failure) || w.failure != "" {
		return "", d.replicaError(n.index, r, w)
	}
	return "stopped", nil
}

// dial boots the Deployment and connects to the node's pod: the index-th
// ready pod by name (sticky), or any ready pod (loadbalance=random). A
// replica without a ready pod is a node that cannot be reached, with its
// pod's reason.
func (n *node) dial(ctx context.Context) (*client.Client, error) {
	d := n.deploy
	if err := d.boot(ctx); err != nil {
		return nil, err
	}
	r, err := d.replicas(ctx, d.selector)
	if err != nil {
		return nil, err
	}
	if n.index >= len(r.ready) {
		w, _ := d.workload(ctx)
		return nil, d.replicaError(n.index, r, w)
	}
	pod := r.ready[n.index]
	if d.s.loadbalance == "random" {
		pod = r.ready[rand.IntN(len(r.ready))]
	}
	d.warm(ctx, n, len(r.ready))
	return client.New(ctx, "", client.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return stdioconn.Kube(ctx, d.rest, d.cs, d.ns, pod, "buildkitd", "buildctl", "dial-stdio")
	}))
}

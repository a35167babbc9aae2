// Package dockercontainer is the docker-container driver: a BuildKit
// container (and its state volume) that bkx creates, starts, stops and
// removes in a docker daemon, reached by exec'ing `buildctl dial-stdio`
// in it. The container option names an existing one instead (docker
// buildx's buildx_buildkit_<node>), which is then used as it is.
package dockercontainer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/mount"
	dockerclient "github.com/docker/docker/client"
	"github.com/docker/go-units"
	"github.com/moby/buildkit/client"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/internal/dockerhost"
	"github.com/bkx-dev/bkx/internal/stdioconn"
)

// Name is the driver's name in builder blocks.
const Name = "docker-container"

// DefaultImage is the BuildKit image run when the image option is unset.
const DefaultImage = "moby/buildkit:buildx-stable-1"

// LabelBuilder marks every container and volume bkx creates with the
// builder's name, so they can be found and removed.
const LabelBuilder = "dev.bkx.builder"

// OptContainer is the option that names the node's container instead
// of ContainerName: a container made by another tool (docker buildx's
// buildx_buildkit_<node>) is used as it is, or created under that name
// when missing, with its state volume NAME_state.
const OptContainer = "container"

// Driver is the docker-container driver.
type Driver struct{}

// Interface guards.
var (
	_ drivers.Driver   = Driver{}
	_ drivers.Builder  = (*builder)(nil)
	_ drivers.Remover  = (*builder)(nil)
	_ drivers.Statuser = (*node)(nil)
)

func init() { drivers.Register(Driver{}) }

func (Driver) Name() string { return Name }

// Options are docker container settings of the BuildKit container.
func (Driver) Options() []drivers.Option {
	return []drivers.Option{
		{Name: "image", Doc: "BuildKit image to run"},
		{Name: "network", Doc: "container network mode"},
		{Name: "cgroup-parent", Doc: "cgroup parent of the container"},
		{Name: "env.", Prefix: true, Doc: "environment variable of buildkitd"},
		{Name: "memory", Doc: "memory limit, e.g. 2g"},
		{Name: "memory-swap", Doc: "memory+swap limit"},
		{Name: "cpu-quota", Kind: drivers.KindInt},
		{Name: "cpu-period", Kind: drivers.KindInt},
		{Name: "cpu-shares", Kind: drivers.KindInt},
		{Name: "cpuset-cpus"},
		{Name: "cpuset-mems"},
		{Name: "default-load", Kind: drivers.KindBool, Doc: "load results into docker when no output is named"},
		{Name: "restart-policy", Kind: drivers.KindEnum, Values: []string{"no", "always", "on-failure", "unless-stopped"}},
		{Name: OptContainer, Doc: "use this container (created if missing) and its volume NAME_state, e.g. a docker buildx builder's buildx_buildkit_<node>"},
	}
}

// Capabilities of a BuildKit container: everything BuildKit does.
func (Driver) Capabilities(opts map[string]string) drivers.Capabilities {
	return drivers.BuildKitCapabilities(opts, drivers.Supported)
}

// New makes a builder whose nodes are containers in the docker daemon of
// each node's endpoint, read as the docker driver reads it (a DOCKER_HOST
// address, ssh:// too, or a docker context; empty means the daemon the
// docker CLI would use).
// Nothing is created until a node is used.
func (Driver) New(cfg drivers.Config) (drivers.Builder, error) {
	b := &builder{name: cfg.Name}
	for _, nc := range cfg.Nodes {
		if err := checkOptions(nc.Opts); err != nil {
			return nil, fmt.Errorf("builder %q, node %q: %w", cfg.Name, nc.Name, err)
		}
		ep, err := dockerhost.Resolve(cfg.Environ(), nc.Endpoint)
		if err != nil {
			return nil, fmt.Errorf("builder %q, node %q: %w", cfg.Name, nc.Name, err)
		}
		dc, err := ep.NewClient()
		if err != nil {
			return nil, fmt.Errorf("builder %q: docker client: %w", cfg.Name, err)
		}
		ctr, _ := NodeResources(cfg.Name, nc)
		n := &node{cfg: nc, builder: cfg.Name, docker: dc, container: ctr}
		n.ClientNode = drivers.ClientNode{NodeName: nc.Name, Dial: n.dial}
		b.NodeList = append(b.NodeList, n)
	}
	return b, nil
}

func checkOptions(o map[string]string) error {
	if v := o[OptContainer]; v != "" && !containerName.MatchString(v) {
		return fmt.Errorf("%s=%q is not a container name: letters, digits, and _ . - after the first character", OptContainer, v)
	}
	for _, k := range []string{"memory", "memory-swap"} {
		if v := o[k]; v != "" && v != "-1" {
			if _, err := units.RAMInBytes(v); err != nil {
				return fmt.Errorf("%s=%q is not a size such as 2g", k, v)
			}
		}
	}
	return nil
}

var (
	unsafeName    = regexp.MustCompile(`[^a-zA-Z0-9_.-]`)
	containerName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)
)

// ContainerName is the name bkx gives a node's container; its state
// volume is the same name with "_state".
func ContainerName(builder, node string) string {
	return "bkx_buildkit_" + unsafeName.ReplaceAllString(builder, "_") + "_" + unsafeName.ReplaceAllString(node, "_")
}

// NodeResources names what a node uses in the docker daemon: its
// container (OptContainer, else ContainerName) and its state volume.
func NodeResources(builder string, nc drivers.NodeConfig) (container, volume string) {
	container = nc.Opts[OptContainer]
	if container == "" {
		container = ContainerName(builder, nc.Name)
	}
	return container, container + "_state"
}

// builder holds *node values.
type builder struct {
	name string
	drivers.NodeList
}

// Close closes the clients; the containers keep running for the next
// build, as buildx leaves them (Remove deletes them). A node's own Close
// leaves its docker client open: a node lost in a build is closed and
// dialled again through it.
func (b *builder) Close(ctx context.Context) error {
	errs := []error{b.NodeList.Close(ctx)}
	for _, n := range b.NodeList {
		errs = append(errs, n.(*node).docker.Close())
	}
	return errors.Join(errs...)
}

// Remove deletes every container and state volume of the builder.
func (b *builder) Remove(ctx context.Context) error {
	var errs []error
	for _, nn := range b.NodeList {
		n := nn.(*node)
		_ = n.Close(ctx)
		if err := n.docker.ContainerRemove(ctx, n.container, container.RemoveOptions{Force: true, RemoveVolumes: true}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
		}
		if err := n.docker.VolumeRemove(ctx, n.volume(), true); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

type node struct {
	drivers.ClientNode
	cfg       drivers.NodeConfig
	builder   string
	docker    *dockerclient.Client
	container string
	bootMu    sync.Mutex
}

// volume is the node's state volume.
func (n *node) volume() string {
	_, v := NodeResources(n.builder, n.cfg)
	return v
}

// Status tells whether the node's container exists and runs.
func (n *node) Status(ctx context.Context) (string, error) {
	insp, err := n.docker.ContainerInspect(ctx, n.container)
	switch {
	case cerrdefs.IsNotFound(err):
		return "not created", nil
	case err != nil:
		return "", err
	case insp.State != nil && insp.State.Running:
		return "running", nil
	}
	return "stopped", nil
}

// dial boots the container if needed and connects through
// `buildctl dial-stdio`.
func (n *node) dial(ctx context.Context) (*client.Client, error) {
	if err := n.boot(ctx); err != nil {
		return nil, err
	}
	return client.New(ctx, "", client.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return stdioconn.Docker(ctx, n.docker, n.container, "buildctl", "dial-stdio")
	}))
}

// boot makes sure the container exists, runs, and answers.
func (n *node) boot(ctx context.Context) error {
	n.bootMu.Lock()
	defer n.bootMu.Unlock()
	insp, err := n.docker.ContainerInspect(ctx, n.container)
	switch {
	case cerrdefs.IsNotFound(err):
		if err := n.create(ctx, false); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("docker daemon at %s: %w", n.docker.DaemonHost(), err)
	case insp.State != nil && insp.State.Running:
		return n.waitReady(ctx)
	}
	if err := n.docker.ContainerStart(ctx, n.container, container.StartOptions{}); err != nil {
		if !strings.Contains(err.Error(), "apply caps") {
			return fmt.Errorf("starting %s: %w", n.container, err)
		}
		// The daemon cannot grant every capability (a host that withholds
		// CAP_SYS_RESOURCE, say): run with what it can grant instead.
		_ = n.docker.ContainerRemove(ctx, n.container, container.RemoveOptions{Force: true})
		if err := n.create(ctx, true); err != nil {
			return err
		}
		if err := n.docker.ContainerStart(ctx, n.container, container.StartOptions{}); err != nil {
			return fmt.Errorf("starting %s without full privileges: %w", n.container, err)
		}
	}
	return n.waitReady(ctx)
}

// create creates the container. unprivileged replaces --privileged by
// every capability the host grants, unconfined seccomp, apparmor and
// system paths, and a writable /sys/fs/cgroup: what buildkitd and its
// RUN steps need.
func (n *node) create(ctx context.Context, unprivileged bool) error {
	o := n.cfg.Opts
	img := o["image"]
	if img == "" {
		img = DefaultImage
	}
	if _, err := n.docker.ImageInspect(ctx, img); cerrdefs.IsNotFound(err) {
		rc, err := n.docker.ImagePull(ctx, img, image.PullOptions{})
		if err != nil {
			return fmt.Errorf("BuildKit image %s is not in the docker daemon and cannot be pulled: %w. Load it (docker load) or set driver-opts image", img, err)
		}
		_, _ = io.Copy(io.Discard, rc)
		rc.Close()
	}
	cfg := &container.Config{
		Image:  img,
		Cmd:    n.cfg.BuildkitdFlags,
		Labels: map[string]string{LabelBuilder: n.builder, "dev.bkx.node": n.cfg.Name},
	}
	for k, v := range o {
		if name, ok := strings.CutPrefix(k, "env."); ok {
			cfg.Env = append(cfg.Env, name+"="+v)
		}
	}
	hc := &container.HostConfig{
		Privileged:  !unprivileged,
		NetworkMode: container.NetworkMode(o["network"]),
		Mounts: []mount.Mount{{
			Type: mount.TypeVolume, Source: n.volume(), Target: "/var/lib/buildkit",
			VolumeOptions: &mount.VolumeOptions{Labels: map[string]string{LabelBuilder: n.builder}},
		}},
		RestartPolicy: container.RestartPolicy{Name: container.RestartPolicyMode(orDefault(o["restart-policy"], "unless-stopped"))},
	}
	if unprivileged {
		hc.CapAdd = []string{"ALL"}
		hc.CapDrop = []string{"SYS_RESOURCE"}
		hc.SecurityOpt = []string{"seccomp=unconfined", "apparmor=unconfined"}
		hc.MaskedPaths, hc.ReadonlyPaths = []string{}, []string{}
		hc.Binds = []string{"/sys/fs/cgroup:/sys/fs/cgroup:rw"}
	}
	r := &hc.Resources
	r.CgroupParent = o["cgroup-parent"]
	if v := o["memory"]; v != "" {
		r.Memory, _ = units.RAMInBytes(v)
	}
	if v := o["memory-swap"]; v != "" {
		if v == "-1" {
			r.MemorySwap = -1
		} else {
			r.MemorySwap, _ = units.RAMInBytes(v)
		}
	}
	r.CPUQuota, _ = strconv.ParseInt(o["cpu-quota"], 10, 64)
	r.CPUPeriod, _ = strconv.ParseInt(o["cpu-period"], 10, 64)
	r.CPUShares, _ = strconv.ParseInt(o["cpu-shares"], 10, 64)
	r.CpusetCpus, r.CpusetMems = o["cpuset-cpus"], o["cpuset-mems"]
	if _, err := n.docker.ContainerCreate(ctx, cfg, hc, nil, nil, n.container); err != nil {
		return fmt.Errorf("creating %s: %w", n.container, err)
	}
	if n.cfg.BuildkitdConfig != "" {
		data, err := os.ReadFile(n.cfg.BuildkitdConfig)
		if err != nil {
			return fmt.Errorf("buildkitd-config: %w", err)
		}
		if err := n.docker.CopyToContainer(ctx, n.container, "/", tarOf("etc/buildkit/buildkitd.toml", data), container.CopyToContainerOptions{}); err != nil {
			return fmt.Errorf("copying buildkitd-config into %s: %w", n.container, err)
		}
	}
	return nil
}

// waitReady waits until buildkitd in the container answers.
func (n *node) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, out, err := stdioconn.DockerOutput(ctx, n.docker, n.container, "buildctl", "debug", "workers")
		if err == nil && code == 0 {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("buildkitd in %s did not answer within 60s (exit %d, %v): %s", n.container, code, err, strings.TrimSpace(out))
		}
		select {
		case <-ctx.Done():
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

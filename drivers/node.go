package drivers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client"
)

// ClientNode is a Node whose BuildKit client is dialled on first use and
// kept until Close. Drivers that need no booting use it as it is.
type ClientNode struct {
	NodeName string
	// Dial connects to BuildKit; it is called at most once per Close.
	Dial func(ctx context.Context) (*client.Client, error)

	mu sync.Mutex
	c  *client.Client
}

// Interface guards.
var _ Node = (*ClientNode)(nil)

func (n *ClientNode) Name() string { return n.NodeName }

// Client returns the node's client, dialling it the first time.
func (n *ClientNode) Client(ctx context.Context) (*client.Client, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.c != nil {
		return n.c, nil
	}
	c, err := n.Dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", n.NodeName, err)
	}
	n.c = c
	return c, nil
}

// Close closes the client if one was dialled. It is safe to call any
// number of times, booted or not.
func (n *ClientNode) Close(context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.c == nil {
		return nil
	}
	err := n.c.Close()
	n.c = nil
	return err
}

// NodeList is a Builder made of nodes that need nothing but closing.
type NodeList []Node

// Interface guards.
var _ Builder = NodeList(nil)

func (l NodeList) Nodes() []Node { return l }

// Close closes every node, even when some fail.
func (l NodeList) Close(ctx context.Context) error {
	var errs []error
	for _, n := range l {
		errs = append(errs, n.Close(ctx))
	}
	return errors.Join(errs...)
}

// NodePlatforms asks a node's workers which platforms they build, the
// native one first, normalized (linux/arm64, not linux/arm64/v8).
func NodePlatforms(ctx context.Context, n Node) ([]string, error) {
	c, err := n.Client(ctx)
	if err != nil {
		return nil, err
	}
	workers, err := c.ListWorkers(ctx)
	if err != nil {
		return nil, fmt.Errorf("node %s: listing workers: %w", n.Name(), err)
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range workers {
		for _, p := range w.Platforms {
			s := platforms.Format(platforms.Normalize(p))
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// Versioner is a node that knows its BuildKit version better than
// BuildKit's own answer (the docker daemon's BuildKit reports none).
type Versioner interface {
	Version(ctx context.Context) (string, error)
}

// NodeVersion returns the BuildKit version of a node: the node's own
// answer if it is a Versioner, else Info, else its workers'.
func NodeVersion(ctx context.Context, n Node) (string, error) {
	if v, ok := n.(Versioner); ok {
		return v.Version(ctx)
	}
	c, err := n.Client(ctx)
	if err != nil {
		return "", err
	}
	if info, err := c.Info(ctx); err == nil && info.BuildkitVersion.Version != "" {
		return info.BuildkitVersion.Version, nil
	}
	workers, err := c.ListWorkers(ctx)
	if err != nil {
		return "", fmt.Errorf("node %s: %w", n.Name(), err)
	}
	for _, w := range workers {
		if w.BuildkitVersion.Version != "" {
			return w.BuildkitVersion.Version, nil
		}
	}
	return "", nil
}

// DialError finds, in the error of a request to a node, the dial that
// failed ("dial tcp 127.0.0.1:1299: connect: connection refused"): the
// node could not be reached at all. ok is false for other errors.
func DialError(err error) (cause string, ok bool) {
	msg := err.Error()
	i := strings.LastIndex(msg, "dial ")
	if i < 0 {
		return "", false
	}
	rest := msg[i:]
	if j := strings.IndexAny(rest, "\"\n"); j > 0 {
		rest = rest[:j]
	}
	return strings.TrimRight(rest, ")"), true
}

// ErrorLine is a node's error on one line, cut at 160 characters, for a
// table cell or a progress step.
func ErrorLine(err error) string {
	s := strings.ReplaceAll(err.Error(), "\n", " ")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

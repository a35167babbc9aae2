// Package stdioconn turns a command's standard streams, run in a docker
// container or a Kubernetes pod, into a net.Conn: with `buildctl
// dial-stdio` on the other end, a connection to the buildkitd there. The
// docker-container and kubernetes drivers dial BuildKit this way, and the
// test world's smoke tests reach their nodes with it too.
package stdioconn

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/docker/docker/api/types/container"
	dockerclient "github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/remotecommand"
)

// Conn is a net.Conn over a command's stdin (writes) and stdout (reads).
type Conn struct {
	r      *io.PipeReader
	w      io.WriteCloser
	stop   func()
	done   chan struct{} // closed when the stream has ended
	stderr Buffer
	once   sync.Once
	name   string
}

func (c *Conn) Read(b []byte) (int, error)  { return c.r.Read(b) }
func (c *Conn) Write(b []byte) (int, error) { return c.w.Write(b) }

// Close ends stdin, which ends `buildctl dial-stdio` and so the stream;
// the stream is cut only if that takes too long.
func (c *Conn) Close() error {
	c.once.Do(func() {
		c.w.Close()
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
		}
		c.stop()
		c.r.Close()
	})
	return nil
}

// Stderr is what the command wrote on standard error (the start of it).
func (c *Conn) Stderr() string { return c.stderr.String() }

func (c *Conn) LocalAddr() net.Addr              { return addr(c.name) }
func (c *Conn) RemoteAddr() net.Addr             { return addr(c.name) }
func (c *Conn) SetDeadline(time.Time) error      { return nil }
func (c *Conn) SetReadDeadline(time.Time) error  { return nil }
func (c *Conn) SetWriteDeadline(time.Time) error { return nil }

type addr string

func (a addr) Network() string { return "stdio" }
func (a addr) String() string  { return string(a) }

// Docker runs cmd in a container with its streams attached (docker exec)
// and returns them as a Conn, stdout taken out of docker's framing.
func Docker(ctx context.Context, dc *dockerclient.Client, id string, cmd ...string) (*Conn, error) {
	ex, err := dc.ContainerExecCreate(ctx, id, container.ExecOptions{Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true})
	if err != nil {
		return nil, err
	}
	resp, err := dc.ContainerExecAttach(ctx, ex.ID, container.ExecAttachOptions{})
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	c := &Conn{r: pr, w: closeWriter{resp.Conn, resp.CloseWrite}, stop: resp.Close, done: make(chan struct{}), name: "docker-exec:" + id}
	go func() {
		defer close(c.done)
		_, err := stdcopy.StdCopy(pw, &c.stderr, resp.Reader)
		if err == nil {
			err = fmt.Errorf("%v exited: %s", cmd, c.stderr.String())
		}
		pw.CloseWithError(err)
	}()
	return c, nil
}

type closeWriter struct {
	io.Writer
	close func() error
}

func (w closeWriter) Close() error { return w.close() }

// DockerOutput runs a command in a container and returns its exit code
// and combined output.
func DockerOutput(ctx context.Context, dc *dockerclient.Client, id string, cmd ...string) (int, string, error) {
	ex, err := dc.ContainerExecCreate(ctx, id, container.ExecOptions{Cmd: cmd, AttachStdout: true, AttachStderr: true})
	if err != nil {
		return -1, "", err
	}
	resp, err := dc.ContainerExecAttach(ctx, ex.ID, container.ExecAttachOptions{})
	if err != nil {
		return -1, "", err
	}
	defer resp.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, &out, resp.Reader); err != nil {
		return -1, out.String(), err
	}
	insp, err := dc.ContainerExecInspect(ctx, ex.ID)
	if err != nil {
		return -1, out.String(), err
	}
	return insp.ExitCode, out.String(), nil
}

// Kube runs cmd in a pod's container with its streams attached
// (WebSocket exec, falling back to SPDY) and returns them as a Conn. The
// stream outlives ctx; Close ends it.
func Kube(ctx context.Context, rc *rest.Config, cs kubernetes.Interface, ns, pod, ctr string, cmd ...string) (*Conn, error) {
	req := cs.CoreV1().RESTClient().Post().Resource("pods").Namespace(ns).Name(pod).SubResource("exec").
		VersionedParams(&corev1.PodExecOptions{Container: ctr, Command: cmd, Stdin: true, Stdout: true, Stderr: true}, scheme.ParameterCodec)
	ws, err := remotecommand.NewWebSocketExecutor(rc, "GET", req.URL().String())
	if err != nil {
		return nil, err
	}
	spdy, err := remotecommand.NewSPDYExecutor(rc, "POST", req.URL())
	if err != nil {
		return nil, err
	}
	exec, err := remotecommand.NewFallbackExecutor(ws, spdy, func(err error) bool {
		return httpstream.IsUpgradeFailure(err) || httpstream.IsHTTPSProxyError(err)
	})
	if err != nil {
		return nil, err
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	c := &Conn{r: outR, w: inW, stop: cancel, done: make(chan struct{}), name: "kube-exec:" + ns + "/" + pod}
	go func() {
		defer close(c.done)
		err := exec.StreamWithContext(sctx, remotecommand.StreamOptions{Stdin: inR, Stdout: outW, Stderr: &c.stderr})
		if err == nil {
			err = fmt.Errorf("%v in pod %s exited: %s", cmd, pod, c.stderr.String())
		}
		outW.CloseWithError(err)
		inR.CloseWithError(err)
	}()
	return c, nil
}

// Buffer keeps the first 64 KiB written to it, safe for concurrent use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() < 64<<10 {
		l.b.Write(p)
	}
	return len(p), nil
}

func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

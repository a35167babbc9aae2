package kubernetes

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/remotecommand"
)

// execConn runs cmd in a pod's container with its standard streams
// attached (WebSocket, falling back to SPDY) and returns them as a
// net.Conn. The stream lives until the connection is closed.
func execConn(rc *rest.Config, cs kubernetes.Interface, ns, pod, container string, cmd []string) (net.Conn, error) {
	req := cs.CoreV1().RESTClient().Post().Resource("pods").Namespace(ns).Name(pod).SubResource("exec").
		VersionedParams(&corev1.PodExecOptions{Container: container, Command: cmd, Stdin: true, Stdout: true, Stderr: true}, scheme.ParameterCodec)
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
	ctx, cancel := context.WithCancel(context.Background())
	c := &streamConn{in: inW, out: outR, cancel: cancel, pod: pod}
	go func() {
		err := exec.StreamWithContext(ctx, remotecommand.StreamOptions{Stdin: inR, Stdout: outW, Stderr: &c.stderr})
		if err == nil {
			err = fmt.Errorf("%v in pod %s exited: %s", cmd, pod, c.stderr.String())
		}
		outW.CloseWithError(err)
		inR.CloseWithError(err)
	}()
	return c, nil
}

// streamConn is a net.Conn over an exec stream.
type streamConn struct {
	in     *io.PipeWriter
	out    *io.PipeReader
	cancel context.CancelFunc
	pod    string
	stderr lockedBuffer
	once   sync.Once
}

func (c *streamConn) Read(b []byte) (int, error)  { return c.out.Read(b) }
func (c *streamConn) Write(b []byte) (int, error) { return c.in.Write(b) }

func (c *streamConn) Close() error {
	c.once.Do(func() {
		c.in.Close()
		c.out.Close()
		c.cancel()
	})
	return nil
}

func (c *streamConn) LocalAddr() net.Addr              { return podAddr(c.pod) }
func (c *streamConn) RemoteAddr() net.Addr             { return podAddr(c.pod) }
func (c *streamConn) SetDeadline(time.Time) error      { return nil }
func (c *streamConn) SetReadDeadline(time.Time) error  { return nil }
func (c *streamConn) SetWriteDeadline(time.Time) error { return nil }

type podAddr string

func (a podAddr) Network() string { return "kube-exec" }
func (a podAddr) String() string  { return string(a) }

// lockedBuffer keeps the start of stderr for error messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() < 64<<10 {
		l.b.Write(p)
	}
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

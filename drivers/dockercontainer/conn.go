package dockercontainer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sync"

	"github.com/docker/docker/api/types/container"
	dockerclient "github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

// execConn runs cmd in a container with its standard streams attached and
// returns them as a net.Conn: writes go to stdin, reads come from stdout
// taken out of docker's stream framing. `buildctl dial-stdio` on the
// other end makes this a connection to buildkitd.
func execConn(ctx context.Context, dc *dockerclient.Client, id string, cmd ...string) (net.Conn, error) {
	ex, err := dc.ContainerExecCreate(ctx, id, container.ExecOptions{Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true})
	if err != nil {
		return nil, err
	}
	resp, err := dc.ContainerExecAttach(ctx, ex.ID, container.ExecAttachOptions{})
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	c := &stdioConn{Conn: resp.Conn, r: pr}
	go func() {
		_, err := stdcopy.StdCopy(pw, &c.stderr, resp.Reader)
		if err == nil {
			err = fmt.Errorf("%v exited: %s", cmd, c.stderr.String())
		}
		pw.CloseWithError(err)
	}()
	return c, nil
}

// stdioConn reads the demultiplexed stdout and writes to the hijacked
// connection.
type stdioConn struct {
	net.Conn
	r      *io.PipeReader
	stderr lockedBuffer
	once   sync.Once
}

func (c *stdioConn) Read(b []byte) (int, error) { return c.r.Read(b) }

func (c *stdioConn) Close() error {
	var err error
	c.once.Do(func() {
		c.r.Close()
		err = c.Conn.Close()
	})
	return err
}

// lockedBuffer is a bytes.Buffer safe for one writer and other readers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 64<<10 {
		return len(p), nil // keep the start; stderr is for messages only
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// execOutput runs a command in a container and returns its exit code and
// combined output.
func execOutput(ctx context.Context, dc *dockerclient.Client, id string, cmd ...string) (int, string, error) {
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

package dockercontainer

import (
	"archive/tar"
	"bytes"
	"io"
)

// tarOf is a tar stream holding one file.
func tarOf(name string, data []byte) io.Reader {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data))})
	_, _ = tw.Write(data)
	_ = tw.Close()
	return &buf
}

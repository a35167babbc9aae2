package main

import (
	"bytes"
	"io"
	"os"
	"sync"

	"github.com/containerd/console"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// minSecret is the shortest secret value that is masked: masking two
// letters everywhere would garble the output and protect nothing.
const minSecret = 4

// maxSecretFile bounds the file secrets read for masking.
const maxSecretFile = 512 << 10

// secretValues are the values of the selection's secrets, read where
// BuildKit will read them (hcl.Entry.SecretSource).
func secretValues(sel *hcl.Selection, env map[string]string, wd string) [][]byte {
	var out [][]byte
	add := func(v []byte) {
		for _, c := range [][]byte{v, bytes.TrimSpace(v)} {
			if len(c) >= minSecret && !bytes.Contains(bytes.Join(out, []byte{0}), c) {
				out = append(out, bytes.Clone(c))
			}
		}
	}
	for _, name := range sel.Order {
		for _, s := range sel.Targets[name].Secret {
			name, src := s.SecretSource(env)
			if name != "" {
				add([]byte(env[name]))
				continue
			}
			src = plan.Abs(wd, src)
			if fi, err := os.Stat(src); err == nil && fi.Mode().IsRegular() && fi.Size() <= maxSecretFile {
				if b, err := os.ReadFile(src); err == nil {
					add(b)
				}
			}
		}
	}
	return out
}

// masker writes through to w with every secret value replaced by ***.
// It holds back the last unfinished line, so that a value split between
// two writes is still masked; Flush writes it.
type masker struct {
	mu      sync.Mutex
	w       io.Writer
	secrets [][]byte
	buf     []byte
}

func newMasker(w io.Writer, secrets [][]byte) *masker { return &masker{w: w, secrets: secrets} }

func (m *masker) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf = append(m.buf, p...)
	i := bytes.LastIndexByte(m.buf, '\n')
	if i < 0 && len(m.buf) < 64<<10 {
		return len(p), nil
	}
	if i < 0 {
		i = len(m.buf) - 1
	}
	if _, err := m.w.Write(m.mask(m.buf[:i+1])); err != nil {
		return 0, err
	}
	m.buf = append(m.buf[:0], m.buf[i+1:]...)
	return len(p), nil
}

// Flush writes what is held back.
func (m *masker) Flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.buf) > 0 {
		_, _ = m.w.Write(m.mask(m.buf))
		m.buf = m.buf[:0]
	}
}

func (m *masker) mask(b []byte) []byte {
	for _, s := range m.secrets {
		b = bytes.ReplaceAll(b, s, []byte("***"))
	}
	return b
}

// maskedFile is a terminal (or file) whose writes are masked: the
// progress display still sees a terminal.
type maskedFile struct {
	console.File
	m *masker
}

func (f maskedFile) Write(p []byte) (int, error) { return f.m.Write(p) }

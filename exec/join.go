package exec

import (
	"archive/tar"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/containerd/containerd/v2/core/content"
	"github.com/containerd/containerd/v2/core/images"
	"github.com/containerd/containerd/v2/core/remotes"
	"github.com/containerd/platforms"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// joinSplit pushes, for every target whose platforms were built on
// several nodes (each pushing its part by digest), one index of all the
// platforms under the target's tags. A target with a failed part is not
// joined: its tags are left as they were.
func (r *runner) joinSplit(ctx context.Context, jobs []*job) {
	byTarget := map[string][]*job{}
	var order []string
	for _, j := range jobs {
		if !r.split[j.target()] {
			continue
		}
		if byTarget[j.target()] == nil {
			order = append(order, j.target())
		}
		byTarget[j.target()] = append(byTarget[j.target()], j)
	}
	res := resolver(r.opt.Env)
	for _, name := range order {
		parts := byTarget[name]
		ok := true
		for _, j := range parts {
			ok = ok && j.result != nil
		}
		if !ok {
			continue
		}
		if dest := parts[0].result.splitOCI; dest != "" {
			pw := r.mw.WithPrefix(name, true)
			var ociErr error
			step(pw, "joining the platforms into one OCI layout "+dest, func() error {
				ociErr = r.joinOCI(ctx, parts, dest)
				return ociErr
			})
			close(pw.Status())
			if ociErr != nil {
				for _, j := range parts {
					j.err = fmt.Errorf("joining the platforms built on several nodes into %s: %w", dest, ociErr)
					j.result = nil
				}
				continue
			}
		}
		if len(parts[0].result.tags) == 0 {
			continue
		}
		tags := parts[0].result.tags
		pw := r.mw.WithPrefix(name, true)
		var index string
		var joinErr error
		step(pw, "joining the platforms of "+strings.Join(tags, ", ")+" into one index", func() error {
			joinErr = func() error {
				var manifests []ocispecs.Descriptor
				repo, err := repoOf(tags[0])
				if err != nil {
					return err
				}
				for _, j := range parts {
					desc, plat, err := resultDescriptor(j)
					if err != nil {
						return err
					}
					ms, err := platformManifests(ctx, res, repo, desc, plat)
					if err != nil {
						return err
					}
					manifests = append(manifests, ms...)
				}
				pushTo := tags
				if r.opt.Atomic { // pushed by digest; tagged with the rest at the end
					pushTo = []string{repo + "@"}
				}
				d, err := pushIndex(ctx, func() remotes.Resolver { return resolver(r.opt.Env) }, pushTo, manifests)
				if err != nil {
					return err
				}
				index = d.String()
				return nil
			}()
			return joinErr
		})
		close(pw.Status())
		if joinErr != nil {
			for _, j := range parts {
				j.err = fmt.Errorf("joining the platforms built on several nodes into one index: %w", joinErr)
				j.result = nil
			}
			continue
		}
		for _, j := range parts {
			j.result.Index = index
			if r.opt.Atomic {
				j.result.pending = tags
			}
		}
	}
}

// resultDescriptor is the image a job's solve exported, and its platform
// when the job built exactly one.
func resultDescriptor(j *job) (ocispecs.Descriptor, *ocispecs.Platform, error) {
	var desc ocispecs.Descriptor
	raw := j.result.Response["containerimage.descriptor"]
	if b, err := base64.StdEncoding.DecodeString(raw); err == nil {
		raw = string(b)
	}
	if err := json.Unmarshal([]byte(raw), &desc); err != nil || desc.Digest == "" {
		return desc, nil, fmt.Errorf("node %s returned no image descriptor for %s", j.node(), j.target())
	}
	if len(j.result.Platforms) != 1 {
		return desc, nil, nil
	}
	p, err := platforms.Parse(j.result.Platforms[0])
	if err != nil {
		return desc, nil, err
	}
	return desc, &p, nil
}

// joinOCI writes one OCI layout tarball at dest holding every platform
// the parts exported into the client's content store.
func (r *runner) joinOCI(ctx context.Context, parts []*job, dest string) error {
	store, err := r.transfer.contentStore()
	if err != nil {
		return err
	}
	var manifests []ocispecs.Descriptor
	for _, j := range parts {
		desc, plat, err := resultDescriptor(j)
		if err != nil {
			return err
		}
		if images.IsIndexType(desc.MediaType) {
			data, err := content.ReadBlob(ctx, store, desc)
			if err != nil {
				return err
			}
			var idx ocispecs.Index
			if err := json.Unmarshal(data, &idx); err != nil {
				return err
			}
			manifests = append(manifests, idx.Manifests...)
			continue
		}
		desc.Annotations = nil
		desc.Platform = plat
		manifests = append(manifests, desc)
	}
	var blobs []ocispecs.Descriptor
	seen := map[digest.Digest]bool{}
	collect := images.HandlerFunc(func(ctx context.Context, d ocispecs.Descriptor) ([]ocispecs.Descriptor, error) {
		if !seen[d.Digest] {
			seen[d.Digest] = true
			blobs = append(blobs, d)
		}
		return nil, nil
	})
	if err := images.Walk(ctx, images.Handlers(collect, images.ChildrenHandler(store)), manifests...); err != nil {
		return fmt.Errorf("reading the exported images: %w", err)
	}
	idx := ocispecs.Index{MediaType: ocispecs.MediaTypeImageIndex, Manifests: manifests}
	idx.SchemaVersion = 2
	index, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	return writeAtomic(dest, func(w io.Writer) error {
		tw := tar.NewWriter(w)
		file := func(name string, data []byte) error {
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data))}); err != nil {
				return err
			}
			_, err := tw.Write(data)
			return err
		}
		if err := file("oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`)); err != nil {
			return err
		}
		if err := file("index.json", index); err != nil {
			return err
		}
		for _, b := range blobs {
			data, err := content.ReadBlob(ctx, store, b)
			if err != nil {
				return err
			}
			if err := file("blobs/"+b.Digest.Algorithm().String()+"/"+b.Digest.Encoded(), data); err != nil {
				return err
			}
		}
		return tw.Close()
	})
}

// writeAtomic writes a file through a temporary file beside it, renamed
// into place only when it is whole.
func writeAtomic(dest string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	f, err := createPartial(dest)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), dest)
}

package exec

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	dockerclient "github.com/docker/docker/client"
	"github.com/moby/buildkit/client"

	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// exports turns a target's outputs into BuildKit export entries. Files
// and directories are written next to their destination and renamed into
// place only when the solve succeeds: a failed or cancelled build leaves
// nothing half-written where an output should be.
type exports struct {
	entries []client.ExportEntry
	// commits run after a successful solve, aborts after a failed one.
	commits []func() error
	aborts  []func()
	// described are the outputs as the summary shows them.
	described []string
	// tags are the names the joined index of a split target goes to.
	tags []string
	// splitOCI is the OCI tarball a split target's parts are joined into.
	splitOCI string
	// pending are the tags --publish=atomic writes once every target
	// succeeded (the image is pushed by digest meanwhile).
	pending []string
	// stdout receives an output whose dest is "-".
	stdout io.Writer
	// causes say why a solve failed when an output made it fail; asked
	// before abort.
	causes []func() error
}

// loadTarget is where type=docker outputs are loaded when the builder is
// not the docker daemon itself.
type loadTarget func() (*dockerclient.Client, error)

// outputSpec is what every output of one solve shares.
type outputSpec struct {
	t *bake.Target
	// b is the target's builder: its capabilities and default load.
	b       *plan.Builder
	workdir string
	load    loadTarget
	// split is true when the target's platforms are built on several
	// nodes: each node then pushes its platforms by digest, and Run
	// pushes the joined index under the tags afterwards.
	split  bool
	atomic bool
}

// abs makes a destination absolute; "-" is standard output.
func (o *outputSpec) abs(dest string) string {
	if dest == "-" {
		return dest
	}
	return plan.Abs(o.workdir, dest)
}

// exportsFor turns a target's outputs, which the plan checked, into
// BuildKit export entries. A target that names none is loaded into
// docker where the plan says so (plan.Builder.DefaultLoad).
func exportsFor(o *outputSpec, stdout io.Writer) (*exports, error) {
	x := &exports{stdout: stdout}
	outputs := o.t.Output
	if len(outputs) == 0 && o.b.DefaultLoad(o.t) {
		outputs = []bake.Entry{{"type": "docker"}}
	}
	annotations := annotationAttrs(o.t.Annotations)
	for _, e := range outputs {
		attrs := maps.Clone(map[string]string(e))
		delete(attrs, "type")
		var err error
		switch typ := e.Type(); typ {
		case "cacheonly":
			x.described = append(x.described, "cache only")
		case "image", "registry":
			err = x.image(o, e, withAnnotations(attrs, annotations))
		case "docker", "oci":
			err = x.tarball(o, e, withAnnotations(attrs, annotations))
		case "local":
			err = x.local(o, attrs)
		case "tar":
			err = x.tar(o, attrs)
		default:
			err = fmt.Errorf("output type=%s is not one of %s: the plan should have refused it", typ, strings.Join(plan.OutputTypes, ", "))
		}
		if err != nil {
			return nil, err
		}
	}
	return x, nil
}

// withAnnotations adds the target's annotations to an image output's
// attributes; the output's own win.
func withAnnotations(attrs, annotations map[string]string) map[string]string {
	for k, v := range annotations {
		if _, set := attrs[k]; !set {
			attrs[k] = v
		}
	}
	return attrs
}

// image is a type=image or type=registry output: into the daemon's own
// image store where the driver has one, else BuildKit's, pushed when
// asked (by digest when atomic or split).
func (x *exports) image(o *outputSpec, e bake.Entry, attrs map[string]string) error {
	push := plan.Pushes(e)
	if push {
		attrs["push"] = "true"
	}
	attrs["name"] = plan.ImageName(o.t, e)
	exporter := client.ExporterImage
	if store := o.b.Caps.ImageStoreExporter; store != "" && !push {
		exporter = store
	}
	if push && (o.atomic || o.split) {
		// --publish=atomic: pushed by digest now, tagged when every target
		// has succeeded (atomic.go). Split: each node pushes its
		// platforms by digest, and Run pushes the joined index.
		repos, tags, err := byDigest(attrs["name"])
		if err != nil {
			return err
		}
		if o.split {
			x.tags = append(x.tags, tags...)
		} else {
			x.pending = append(x.pending, tags...)
		}
		attrs["name"] = repos
		attrs["push-by-digest"] = "true"
	}
	x.entries = append(x.entries, client.ExportEntry{Type: exporter, Attrs: attrs})
	verb := "image"
	if push {
		verb = "pushed"
	}
	x.described = append(x.described, verb+" "+attrs["name"])
	return nil
}

// byDigest are the repositories of a list of names, each once, for a
// push by digest, and the names to tag afterwards.
func byDigest(names string) (repos string, tags []string, err error) {
	var list []string
	for _, n := range splitNames(names) {
		repo, err := repoOf(n)
		if err != nil {
			return "", nil, err
		}
		if !slices.Contains(list, repo) {
			list = append(list, repo)
		}
		tags = append(tags, n)
	}
	return strings.Join(list, ","), tags, nil
}

// tarball is a type=docker or type=oci output: a file (an OCI layout of
// every node's parts for a split target), or, for type=docker without
// dest, an image loaded into docker.
func (x *exports) tarball(o *outputSpec, e bake.Entry, attrs map[string]string) error {
	typ := e.Type()
	attrs["name"] = plan.ImageName(o.t, e)
	if attrs["name"] == "" {
		delete(attrs, "name")
	}
	dest := attrs["dest"]
	delete(attrs, "dest")
	switch {
	case dest != "" && o.split && typ == "oci":
		// Each node's part goes into the client's content store; Run
		// writes one layout of all the platforms afterwards.
		attrs["tar"] = "false"
		x.splitOCI = o.abs(dest)
		x.entries = append(x.entries, client.ExportEntry{Type: typ, Attrs: attrs})
		x.described = append(x.described, "oci tarball "+dest+" (joined)")
	case dest != "":
		out, err := x.file(o.abs(dest))
		if err != nil {
			return err
		}
		x.entries = append(x.entries, client.ExportEntry{Type: typ, Attrs: attrs, Output: out})
		x.described = append(x.described, typ+" tarball "+describeDest(dest))
	case typ == "oci":
		return errNoDest(typ)
	case o.b.Caps.ImageStoreExporter != "":
		x.entries = append(x.entries, client.ExportEntry{Type: o.b.Caps.ImageStoreExporter, Attrs: attrs})
		x.described = append(x.described, "loaded into docker "+attrs["name"])
	default:
		out, err := x.dockerLoad(o.load)
		if err != nil {
			return err
		}
		x.entries = append(x.entries, client.ExportEntry{Type: client.ExporterDocker, Attrs: attrs, Output: out})
		x.described = append(x.described, "loaded into docker "+attrs["name"])
	}
	return nil
}

// local is a type=local output: a directory, or its files as a tar
// stream on standard output (dest=-), as buildx.
func (x *exports) local(o *outputSpec, attrs map[string]string) error {
	dest := attrs["dest"]
	if dest == "" {
		return errNoDest("local")
	}
	delete(attrs, "dest")
	if dest == "-" {
		out, err := x.file("-")
		if err != nil {
			return err
		}
		// BuildKit's local exporter writes to a folder only; its files
		// as one stream are the tar exporter's.
		x.entries = append(x.entries, client.ExportEntry{Type: client.ExporterTar, Attrs: attrs, Output: out})
		x.described = append(x.described, "files as a tar stream to standard output")
		return nil
	}
	dir, err := x.dir(o.abs(dest))
	if err != nil {
		return err
	}
	x.entries = append(x.entries, client.ExportEntry{Type: client.ExporterLocal, Attrs: attrs, OutputDir: dir})
	x.described = append(x.described, "directory "+dest)
	return nil
}

// tar is a type=tar output: the result's files as one tarball.
func (x *exports) tar(o *outputSpec, attrs map[string]string) error {
	dest := attrs["dest"]
	if dest == "" {
		return errNoDest("tar")
	}
	delete(attrs, "dest")
	out, err := x.file(o.abs(dest))
	if err != nil {
		return err
	}
	x.entries = append(x.entries, client.ExportEntry{Type: client.ExporterTar, Attrs: attrs, Output: out})
	x.described = append(x.described, "tarball "+describeDest(dest))
	return nil
}

// errNoDest: the plan refuses an output to files without dest; never
// write one to the working directory itself.
func errNoDest(typ string) error {
	return fmt.Errorf("output type=%s has no dest: the plan should have refused it", typ)
}

// file returns an output function writing to a temporary file beside
// dest, renamed to dest on commit.
func (x *exports) file(dest string) (func(map[string]string) (io.WriteCloser, error), error) {
	if dest == "-" {
		if x.stdout == nil {
			return nil, fmt.Errorf("dest=- streams the output to standard output, which this run does not have")
		}
		return func(map[string]string) (io.WriteCloser, error) { return nopCloser{x.stdout}, nil }, nil
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var tmp string
	x.commits = append(x.commits, func() error {
		mu.Lock()
		defer mu.Unlock()
		if tmp == "" {
			return fmt.Errorf("no output was written for %s", dest)
		}
		return os.Rename(tmp, dest)
	})
	x.aborts = append(x.aborts, func() {
		mu.Lock()
		defer mu.Unlock()
		if tmp != "" {
			os.Remove(tmp)
		}
	})
	return func(map[string]string) (io.WriteCloser, error) {
		f, err := createPartial(dest)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		tmp = f.Name()
		mu.Unlock()
		return f, nil
	}, nil
}

// dir returns a temporary directory beside dest, which replaces dest on
// commit.
func (x *exports) dir(dest string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", err
	}
	tmp, err := mkdirPartial(dest)
	if err != nil {
		return "", err
	}
	x.commits = append(x.commits, func() error {
		old := ""
		if _, err := os.Lstat(dest); err == nil {
			old = tmp + "-old"
			if err := os.Rename(dest, old); err != nil {
				return err
			}
		}
		if err := os.Rename(tmp, dest); err != nil {
			if old != "" {
				_ = os.Rename(old, dest)
			}
			return err
		}
		if old != "" {
			return os.RemoveAll(old)
		}
		return nil
	})
	x.aborts = append(x.aborts, func() { os.RemoveAll(tmp) })
	return tmp, nil
}

// createPartial creates the temporary file of an output beside dest.
// Unlike os.CreateTemp it honours the umask (0666 &^ umask, as the file
// would be if written in place), since the file is renamed to dest.
func createPartial(dest string) (*os.File, error) {
	for range 100 {
		f, err := os.OpenFile(partialName(dest), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !os.IsExist(err) {
			return f, err
		}
	}
	return nil, fmt.Errorf("cannot create a temporary file beside %s", dest)
}

// mkdirPartial is createPartial for a directory (0777 &^ umask).
func mkdirPartial(dest string) (string, error) {
	for range 100 {
		p := partialName(dest)
		err := os.Mkdir(p, 0o777)
		if !os.IsExist(err) {
			return p, err
		}
	}
	return "", fmt.Errorf("cannot create a temporary directory beside %s", dest)
}

func partialName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".bkx-partial-"+strconv.FormatUint(rand.Uint64(), 36))
}

// dockerLoad streams a docker tarball into the docker daemon.
func (x *exports) dockerLoad(load loadTarget) (func(map[string]string) (io.WriteCloser, error), error) {
	if load == nil {
		return nil, fmt.Errorf("type=docker loads into a docker daemon, but none is configured (DOCKER_HOST)")
	}
	dc, err := load()
	if err != nil {
		return nil, fmt.Errorf("docker daemon for --load: %w", err)
	}
	pr, pw := io.Pipe()
	result := make(chan error, 1)
	started := false
	var mu sync.Mutex
	isStarted := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return started
	}
	x.commits = append(x.commits, func() error {
		if !isStarted() {
			dc.Close()
			return fmt.Errorf("no image was sent to docker")
		}
		if err := <-result; err != nil {
			return fmt.Errorf("loading the image into docker: %w", err)
		}
		return nil
	})
	x.aborts = append(x.aborts, func() {
		pw.CloseWithError(context.Canceled)
		if !isStarted() {
			dc.Close()
		}
	})
	// When the load fails first, BuildKit only sees a closed pipe: the
	// daemon's error is the one to report. Asked before abort, so an
	// error here is the daemon's, not the abort's.
	x.causes = append(x.causes, func() error {
		if !isStarted() {
			return nil
		}
		select {
		case err := <-result:
			result <- err
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("loading the image into docker: %w", err)
			}
		case <-time.After(time.Second):
		}
		return nil
	})
	return func(map[string]string) (io.WriteCloser, error) {
		mu.Lock()
		started = true
		mu.Unlock()
		go func() {
			defer dc.Close()
			resp, err := dc.ImageLoad(context.Background(), pr, dockerclient.ImageLoadWithQuiet(true))
			if err == nil {
				// The daemon reports a failed load in the stream.
				err = loadStreamError(resp.Body)
				resp.Body.Close()
			}
			pr.CloseWithError(err)
			result <- err
		}()
		return pw, nil
	}, nil
}

// loadStreamError reads the JSON messages of an image load and returns
// the error the daemon reported in them, if any.
func loadStreamError(r io.Reader) error {
	dec := json.NewDecoder(r)
	for {
		var m struct {
			Error       string `json:"error"`
			ErrorDetail *struct {
				Message string `json:"message"`
			} `json:"errorDetail"`
		}
		if err := dec.Decode(&m); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading the daemon's answer: %w", err)
		}
		if m.ErrorDetail != nil && m.ErrorDetail.Message != "" {
			return errors.New(m.ErrorDetail.Message)
		}
		if m.Error != "" {
			return errors.New(m.Error)
		}
	}
}

// failed returns the error of a failed solve, or the error of an output
// that made it fail. Call it before abort.
func (x *exports) failed(err error) error {
	if canceled(err) {
		return err
	}
	for _, c := range x.causes {
		if cause := c(); cause != nil {
			return cause
		}
	}
	return err
}

// commit finishes every output, in order, after a successful solve.
func (x *exports) commit() error {
	for _, c := range x.commits {
		if err := c(); err != nil {
			x.abort()
			return err
		}
	}
	return nil
}

// abort removes every temporary output.
func (x *exports) abort() {
	for _, a := range x.aborts {
		a()
	}
}

// annotationAttrs turns a target's annotations into exporter attributes,
// as buildx does: "KEY=VALUE" is annotation.KEY (the manifest),
// "LEVELS:KEY=VALUE" is one attribute per level (manifest, index,
// manifest-descriptor, index-descriptor, each optionally [PLATFORM]):
// annotation-index.KEY, annotation-manifest[linux/amd64].KEY, ...
func annotationAttrs(list []string) map[string]string {
	out := map[string]string{}
	for _, a := range list {
		kv, value, ok := strings.Cut(a, "=")
		if !ok {
			continue // the plan refused it
		}
		levels, key, hasLevels := strings.Cut(kv, ":")
		if !hasLevels {
			out["annotation."+kv] = value
			continue
		}
		for _, l := range strings.Split(levels, ",") {
			out["annotation-"+strings.TrimSpace(l)+"."+key] = value
		}
	}
	return out
}

// describeDest names a destination in the summary.
func describeDest(dest string) string {
	if dest == "-" {
		return "to standard output"
	}
	return dest
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

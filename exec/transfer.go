package exec

import (
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/containerd/containerd/v2/core/content"
	"github.com/containerd/containerd/v2/plugins/content/local"
	"github.com/moby/buildkit/client"
)

// depsStoreID names the client-side OCI store through which a result
// travels from the node that built it to a dependent on another node.
const depsStoreID = "bkx-deps"

// transfer moves target: dependencies between nodes: a dependency whose
// dependent runs elsewhere also exports itself into a content store on
// this machine, and the dependent takes it as an oci-layout:// context,
// so it is not built again.
type transfer struct {
	mu     sync.Mutex
	dir    string
	store  content.Store
	jobsOf map[string][]*job // target → its jobs
}

// crossNode reports whether target dep has a dependent job on a node
// where dep is not built.
func (tr *transfer) crossNode(dep string) bool {
	for _, js := range tr.jobsOf {
		for _, j := range js {
			for _, d := range j.deps {
				if d.target() == dep && !tr.builtOn(dep, j.node()) {
					return true
				}
			}
		}
	}
	return false
}

func (tr *transfer) builtOn(target, node string) bool {
	for _, j := range tr.jobsOf[target] {
		if j.node() == node {
			return true
		}
	}
	return false
}

// contentStore opens the store on first use.
func (tr *transfer) contentStore() (content.Store, error) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.store != nil {
		return tr.store, nil
	}
	dir, err := os.MkdirTemp("", "bkx-deps-")
	if err != nil {
		return nil, err
	}
	s, err := local.NewStore(dir)
	if err != nil {
		return nil, err
	}
	tr.dir, tr.store = dir, s
	return s, nil
}

// export is the extra export entry of a dependency built for a dependent
// on another node.
func (tr *transfer) export(target string) (*client.ExportEntry, error) {
	if !tr.crossNode(target) {
		return nil, nil
	}
	s, err := tr.contentStore()
	if err != nil {
		return nil, err
	}
	return &client.ExportEntry{Type: client.ExporterOCI, Attrs: map[string]string{"tar": "false", "name": depsStoreID + "/" + target}, OutputStore: s}, nil
}

// remote returns, for a job, the dependencies built on other nodes only,
// each as the oci-layout:// reference to use as its context.
func (tr *transfer) remote(j *job) (map[string]string, error) {
	out := map[string]string{}
	plats := platformsOf(j)
	for _, d := range j.deps {
		if tr.builtOn(d.target(), j.node()) {
			continue
		}
		// Only the jobs this one waited on are finished: another job of
		// the same target (its other platform on another node) may still
		// be running, and its result must not be read.
		var best *job
		for _, dj := range j.deps {
			if dj.target() != d.target() || dj.result == nil {
				continue
			}
			if best == nil || containsAll(dj.result.Platforms, plats) {
				best = dj
			}
		}
		if best == nil {
			continue
		}
		dgst := best.result.Response["containerimage.digest"]
		if dgst == "" {
			return nil, fmt.Errorf("%s was built on %s but left no image for %s on %s", d.target(), best.node(), j.target(), j.node())
		}
		out[d.target()] = "oci-layout://" + depsStoreID + "@" + dgst
	}
	return out, nil
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func (tr *transfer) close() {
	if tr.dir != "" {
		os.RemoveAll(tr.dir)
	}
}

// useRemote points the frontend inputs of a session at the dependencies
// that come from other nodes, instead of solving them here.
func useRemote(inputs map[string]*frontendInput, remote map[string]string) {
	for _, fi := range inputs {
		for ctxName, dep := range fi.deps {
			if ref, ok := remote[dep]; ok {
				delete(fi.deps, ctxName)
				fi.attrs["context:"+ctxName] = ref
			}
		}
	}
}

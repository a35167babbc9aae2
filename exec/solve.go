package exec

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/containerd/containerd/v2/core/content"
	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client"
	"github.com/moby/buildkit/exporter/containerimage/exptypes"
	gateway "github.com/moby/buildkit/frontend/gateway/client"
	"github.com/moby/buildkit/identity"
	"github.com/moby/buildkit/solver/pb"
	"github.com/moby/buildkit/util/progress/progresswriter"
	"github.com/tonistiigi/fsutil"

	"github.com/bkx-dev/bkx/drivers"
	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// run builds one job: its target, and in the same session the targets it
// takes through target: contexts, passed to the frontend as inputs.
func (r *runner) run(ctx context.Context, j *job) (*TargetResult, error) {
	s := j.steps[0]
	b := r.opt.Builders[s.Builder]
	if b == nil {
		return nil, fmt.Errorf("builder %s is not available", s.Builder)
	}
	var node drivers.Node
	for _, n := range b.Nodes() {
		if n.Name() == s.Node {
			node = n
		}
	}
	if node == nil {
		return nil, fmt.Errorf("builder %s has no node %s", s.Builder, s.Node)
	}
	var plats []string
	for _, st := range j.steps {
		if st.Platform != "" {
			plats = append(plats, st.Platform)
		}
	}
	prefix := s.Target
	if len(plats) > 0 && r.multiNode {
		prefix += " " + strings.Join(plats, ",")
	}
	if r.multiNode {
		prefix += " @" + s.Node
	}
	pw := r.mw.WithPrefix(prefix, true)
	status := make(chan *client.SolveStatus)
	counts := make(chan statusStats, 1)
	go countVertices(status, pw.Status(), counts)
	// fail ends the job before its solve, which would close status.
	fail := func(err error) (*TargetResult, error) {
		close(status)
		<-counts
		return nil, err
	}
	c, err := r.connect(ctx, pw, node, s.Builder)
	if err != nil {
		return fail(err)
	}
	tmp, err := os.MkdirTemp("", "bkx-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)

	t := s.Spec
	remote, err := r.transfer.remote(j)
	if err != nil {
		return fail(err)
	}
	all := append([]*bake.Target{t}, r.depsOf(j, remote)...)
	inputs := map[string]*frontendInput{}
	locals := map[string]fsutil.FS{}
	for _, dt := range all {
		fi, err := frontendFor(dt, platformsFor(dt, plats), r.opt.Workdir, tmp)
		if err != nil {
			return fail(fmt.Errorf("target %s: %w", dt.Name, err))
		}
		if v := r.builders[s.Builder].DefaultProvenance(dt); v != "" {
			fi.attrs["attest:provenance"] = v
		}
		for k, v := range r.gitAttrs(dt) {
			if _, set := fi.attrs[k]; !set { // a label the target sets wins
				fi.attrs[k] = v
			}
		}
		inputs[dt.Name] = fi
		for k, v := range fi.locals {
			locals[k] = v
		}
	}
	useRemote(inputs, remote)
	x, err := exportsFor(&outputSpec{t: t, b: r.builders[s.Builder], workdir: r.opt.Workdir, load: r.opt.LoadTarget, split: r.split[t.Name], atomic: r.opt.Atomic}, r.opt.Stdout)
	if err != nil {
		return fail(err)
	}
	if x.splitOCI != "" {
		store, err := r.transfer.contentStore()
		if err != nil {
			return fail(err)
		}
		for i := range x.entries {
			if x.entries[i].Type == client.ExporterOCI && x.entries[i].Attrs["tar"] == "false" {
				x.entries[i].OutputStore = store
			}
		}
	}
	if e, err := r.transfer.export(t.Name); err != nil {
		return fail(err)
	} else if e != nil {
		x.entries = append(x.entries, *e)
	}
	imports, cacheExports := caches(t, r.opt.Env, r.opt.Workdir)
	att, err := attachables(all, r.opt.Env, r.opt.Workdir)
	if err != nil {
		return fail(err)
	}
	ref := identity.NewID()
	opt := client.SolveOpt{
		Ref:                 ref,
		Exports:             x.entries,
		LocalMounts:         locals,
		CacheImports:        imports,
		CacheExports:        cacheExports,
		Session:             att,
		AllowedEntitlements: r.opt.Allow,
	}
	if len(remote) > 0 {
		store, err := r.transfer.contentStore()
		if err != nil {
			return fail(err)
		}
		opt.OCIStores = map[string]content.Store{depsStoreID: store}
	}
	// Never nil: client.Build adds the cache import attributes to it.
	opt.FrontendAttrs = map[string]string{}
	if len(plats) > 0 {
		// The exporters compare the result with the requested platforms.
		opt.FrontendAttrs["platform"] = strings.Join(plats, ",")
	}
	call := callRequest(t) != ""
	if call {
		// A check, outline or targets call exports nothing.
		x.abort()
		x = &exports{described: []string{"--call " + *t.Call}}
	}
	var callResult *gateway.Result
	build := func(ctx context.Context, gw gateway.Client) (*gateway.Result, error) {
		res, err := solveTarget(ctx, gw, t.Name, inputs, map[string]*gateway.Result{})
		if call {
			callResult = res
			if res == nil {
				res = gateway.NewResult() // the frontend found nothing to say
			}
		}
		return res, err
	}
	var resp *client.SolveResponse
	if fi := inputs[t.Name]; len(fi.deps) == 0 && !call {
		// Nothing to hand over between solves: let the daemon run the
		// frontend itself, without the client-side gateway round trips.
		opt.Frontend = "dockerfile.v0"
		for k, v := range fi.attrs {
			opt.FrontendAttrs[k] = v
		}
		opt.FrontendInputs = maps.Clone(fi.named)
		if fi.context != nil {
			opt.FrontendInputs["context"] = *fi.context
		}
		resp, err = c.Solve(ctx, nil, opt, status)
	} else {
		// BuildKit attaches attestations from the attributes of the
		// request itself, not from the frontend solves inside it.
		for k, v := range fi.attrs {
			if strings.HasPrefix(k, "attest:") || k == "no-cache" || k == "image-resolve-mode" {
				opt.FrontendAttrs[k] = v
			}
		}
		resp, err = c.Build(ctx, opt, "", build, status)
	}
	n := <-counts
	if err == nil || !nodeLost(err) || n.total > 0 {
		r.mu.Lock()
		r.answered[s.Builder+"/"+s.Node] = true
		r.mu.Unlock()
	}
	j.warnings, j.dockerfile = n.warnings, dockerfileName(t, r.opt.Workdir)
	j.stats = n
	if err != nil {
		err = withDockerfile(x.failed(err), all, r.opt.Workdir)
		err = withScanner(err, t)
		x.abort()
		return nil, err
	}
	if err := x.commit(); err != nil {
		return nil, err
	}
	var prov map[string]json.RawMessage
	if r.opt.MetadataProvenance != "" && !call {
		prov = recordProvenance(ctx, c, ref, r.opt.MetadataProvenance, plats, len(t.Platforms) > 1)
	}
	return &TargetResult{
		Name: t.Name, Builder: s.Builder, Node: s.Node, Platforms: plats,
		Outputs: x.described, Ref: s.Builder + "/" + s.Node + "/" + ref,
		Response: resp.ExporterResponse, Cached: n.cached, Steps: n.total, tags: x.tags, pending: x.pending, splitOCI: x.splitOCI,
		Call: callOutput(t, callResult), Provenance: prov, Warnings: n.warnings, targetDockerfile: j.dockerfile,
	}, nil
}

// solveTarget solves a target through the Dockerfile frontend, solving
// the targets it takes as contexts first (once each per session) and
// handing their results over as frontend inputs.
func solveTarget(ctx context.Context, gw gateway.Client, name string, inputs map[string]*frontendInput, done map[string]*gateway.Result) (*gateway.Result, error) {
	if res, ok := done[name]; ok {
		return res, nil
	}
	fi := inputs[name]
	attrs := map[string]string{}
	for k, v := range fi.attrs {
		attrs[k] = v
	}
	defs := map[string]*pb.Definition{}
	states := maps.Clone(fi.named)
	if fi.context != nil {
		states["context"] = *fi.context
	}
	for key, st := range states {
		def, err := st.Marshal(ctx)
		if err != nil {
			return nil, err
		}
		defs[key] = def.ToPB()
	}
	for _, ctxName := range names.SortedKeys(fi.deps) {
		dep := fi.deps[ctxName]
		// A dependency is built, whatever its own --call says.
		delete(inputs[dep].attrs, "requestid")
		res, err := solveTarget(ctx, gw, dep, inputs, done)
		if err != nil {
			return nil, err
		}
		if err := addInput(ctx, res, ctxName, attrs, defs); err != nil {
			return nil, fmt.Errorf("passing %s as context %q: %w", dep, ctxName, err)
		}
	}
	res, err := gw.Solve(ctx, gateway.SolveRequest{
		Frontend:       "dockerfile.v0",
		FrontendOpt:    attrs,
		FrontendInputs: defs,
		Evaluate:       true,
	})
	if err != nil {
		return nil, err
	}
	done[name] = res
	return res, nil
}

// addInput turns a dependency's result into frontend inputs: one per
// platform for a multi-platform result (the frontend looks up
// NAME::os/arch first), with the image config as metadata so that ENV,
// WORKDIR and the like carry over.
func addInput(ctx context.Context, res *gateway.Result, name string, attrs map[string]string, defs map[string]*pb.Definition) error {
	add := func(key string, ref gateway.Reference, config []byte) error {
		st, err := ref.ToState()
		if err != nil {
			return err
		}
		def, err := st.Marshal(ctx)
		if err != nil {
			return err
		}
		defs[key] = def.ToPB()
		attrs["context:"+key] = "input:" + key
		if config != nil {
			md, err := json.Marshal(map[string][]byte{exptypes.ExporterImageConfigKey: config})
			if err != nil {
				return err
			}
			attrs["input-metadata:"+key] = string(md)
		}
		return nil
	}
	if res.Ref != nil {
		return add(name, res.Ref, res.Metadata[exptypes.ExporterImageConfigKey])
	}
	for p, ref := range res.Refs {
		pl, err := platforms.Parse(p)
		if err != nil {
			return err
		}
		key := name + "::" + platforms.FormatAll(platforms.Normalize(pl))
		if err := add(key, ref, res.Metadata[exptypes.ExporterImageConfigKey+"/"+p]); err != nil {
			return err
		}
	}
	return nil
}

// depsOf returns the transitive target: dependencies of a job's target,
// but those that come from other nodes.
func (r *runner) depsOf(j *job, remote map[string]string) []*bake.Target {
	var out []*bake.Target
	seen := map[string]bool{j.target(): true}
	var walk func(t *bake.Target)
	walk = func(t *bake.Target) {
		for _, k := range names.SortedKeys(t.Contexts) {
			v := t.Contexts[k]
			if v == nil || !strings.HasPrefix(*v, "target:") {
				continue
			}
			name := strings.TrimPrefix(*v, "target:")
			if _, elsewhere := remote[name]; seen[name] || elsewhere {
				continue
			}
			seen[name] = true
			if dt := r.spec(j, name); dt != nil {
				out = append(out, dt)
				walk(dt)
			}
		}
	}
	walk(j.steps[0].Spec)
	return out
}

// spec finds a dependency's resolved target among the job's
// dependencies (transitively).
func (r *runner) spec(j *job, name string) *bake.Target {
	var find func(js []*job) *bake.Target
	find = func(js []*job) *bake.Target {
		for _, d := range js {
			if d.target() == name {
				return d.steps[0].Spec
			}
			if t := find(d.deps); t != nil {
				return t
			}
		}
		return nil
	}
	return find(j.deps)
}

// platformsFor is what a target is built for in a job for plats: the
// job's platforms, unless the target names others (a single-platform
// dependency used by a multi-platform target keeps its own).
func platformsFor(t *bake.Target, plats []string) []string {
	if len(t.Platforms) == 0 {
		return plats
	}
	var own []string
	for _, p := range t.Platforms {
		for _, q := range strings.Split(p, ",") {
			if pl, err := platforms.Parse(q); err == nil {
				own = append(own, platforms.Format(platforms.Normalize(pl)))
			}
		}
	}
	for _, p := range plats {
		if !slices.Contains(own, p) {
			return own
		}
	}
	return plats
}

// statusStats is what a solve's status stream told: completed and
// cached vertices, and the build's warnings (a Dockerfile's lint rules).
type statusStats struct {
	cached, total int
	// ran counts the completed steps built on others (not sources, such
	// as FROM or a context) that did not come from the cache.
	ran      int
	warnings []*client.VertexWarning
}

// countVertices forwards status to out and gathers its statistics, sent
// on counts when in closes.
func countVertices(in <-chan *client.SolveStatus, out chan<- *client.SolveStatus, counts chan<- statusStats) {
	seen := map[string]bool{}
	var st statusStats
	for s := range in {
		for _, v := range s.Vertexes {
			if v.Completed != nil && !seen[v.Digest.String()] {
				seen[v.Digest.String()] = true
				st.total++
				if v.Cached {
					st.cached++
				} else if len(v.Inputs) > 0 {
					st.ran++
				}
			}
		}
		st.warnings = append(st.warnings, s.Warnings...)
		out <- s
	}
	close(out)
	counts <- st
}

// connect gets a node's client; the first time a node is used the
// connection (and the boot of a container or pods) is a step of its own.
func (r *runner) connect(ctx context.Context, pw progresswriter.Writer, n drivers.Node, builder string) (*client.Client, error) {
	key := builder + "/" + n.Name()
	r.mu.Lock()
	first := !r.connected[key]
	r.connected[key] = true
	r.mu.Unlock()
	if !first {
		return n.Client(ctx)
	}
	var c *client.Client
	var err error
	stepAs(pw, "connecting to node "+key, func() (string, error) {
		if c, err = n.Client(ctx); err != nil && nodeLost(err) {
			// Unreachable is not a failure yet: the work may move to
			// another node (retry.go says so), and if it cannot, the
			// build's error says why; no error box for it here.
			return fmt.Sprintf("connecting to node %s: unavailable (%s)", key, drivers.ErrorLine(err)), nil
		}
		return "", err
	})
	return c, err
}

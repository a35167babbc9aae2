package plan

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers"
	bake "github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/names"
)

// check derives what a target asks of its builder and checks each
// requirement against the driver's capabilities and the user's --allow
// grants. Every failure is a diagnostic at the attribute that caused it.
func check(t *bake.Target, b *Builder, opt Options) hcl.Diagnostics {
	var diags hcl.Diagnostics
	need := func(f drivers.Feature, arg, attr, what string) {
		err := b.Caps.Supports(f, arg)
		if err == nil {
			return
		}
		ue := err.(*drivers.UnsupportedError)
		driver := b.Driver + " driver"
		if b.Probed != "" {
			driver += " (" + b.Probed + ")"
		}
		diags = append(diags, errorAt(t, attr, fmt.Sprintf("%s is not supported by the %s driver", capitalize(string(f)), b.Driver),
			fmt.Sprintf("Target %q %s, but builder %q uses the %s, where %s. Instead: %s.", t.Name, what, b.Name, driver, ue.Detail, ue.Instead)))
	}
	if len(t.Platforms) > 1 {
		need(drivers.FeatureMultiPlatform, "", "platforms", fmt.Sprintf("builds %d platforms (%s) into one image", len(t.Platforms), strings.Join(t.Platforms, ", ")))
	}
	if t.Network != nil {
		switch *t.Network {
		case "", "default", "none", "host":
		default:
			diags = append(diags, errorAt(t, "network", fmt.Sprintf("Network mode %q is not supported", *t.Network),
				fmt.Sprintf("Target %q asks for network %q; BuildKit runs RUN steps with network default, none or host (host needs --allow network.host).", t.Name, *t.Network)))
		}
	}
	for _, o := range t.Output {
		diags = append(diags, checkOutput(t, b, o, need)...)
	}
	for _, e := range t.Attest {
		if e["disabled"] != "true" {
			need(drivers.FeatureAttestations, "", "attest", fmt.Sprintf("attaches a %s attestation", e.Type()))
		}
	}
	for _, typ := range checkCaches(t, opt.Env, &diags) {
		need(drivers.FeatureCacheExport, typ, "cache-to", fmt.Sprintf("exports its cache (type=%s)", typ))
	}
	diags = append(diags, checkEntitlements(t, opt)...)
	if opt.CheckFiles {
		diags = append(diags, checkSecrets(t, opt.Workdir, opt.Env)...)
		diags = append(diags, checkSSH(t, opt.Workdir, opt.Env)...)
		diags = append(diags, checkBuildFiles(t, opt.Workdir)...)
	}
	return diags
}

// OutputTypes are the types of output a target can name.
var OutputTypes = []string{"image", "registry", "docker", "oci", "local", "tar", "cacheonly"}

// destKinds are the outputs that write to this machine, and what their
// dest names. (type=docker without dest loads into docker.)
var destKinds = map[string]string{"local": "a directory", "tar": "a tarball", "oci": "an OCI tarball"}

// Pushes tells whether an output pushes its image to a registry.
func Pushes(o bake.Entry) bool {
	return o.Type() == "registry" || o["push"] == "true"
}

// ImageName is the name an image output gives its result: its name=,
// else the target's tags (comma-separated, as the exporters take them).
func ImageName(t *bake.Target, o bake.Entry) string {
	if o["name"] != "" {
		return o["name"]
	}
	return strings.Join(t.Tags, ",")
}

// checkOutput checks one output of t: a known type, a name to push to,
// a destination for files, and what the builder must support.
func checkOutput(t *bake.Target, b *Builder, o bake.Entry, need func(f drivers.Feature, arg, attr, what string)) hcl.Diagnostics {
	var diags hcl.Diagnostics
	typ := o.Type()
	if !slices.Contains(OutputTypes, typ) {
		return hcl.Diagnostics{errorAt(t, "output", fmt.Sprintf("Unknown output type %q", typ),
			fmt.Sprintf("Target %q outputs type=%s; the types are %s and %s.", t.Name, typ, strings.Join(OutputTypes[:len(OutputTypes)-1], ", "), OutputTypes[len(OutputTypes)-1]))}
	}
	if Pushes(o) && ImageName(t, o) == "" {
		diags = append(diags, errorAt(t, "output", "A push needs a name",
			fmt.Sprintf("Target %q pushes its image (type=%s) but names none. Set tags = [\"REGISTRY/REPO:TAG\"], or name= in the output.", t.Name, typ)))
	}
	if what, ok := destKinds[typ]; ok && o["dest"] == "" {
		diags = append(diags, errorAt(t, "output", "Output needs a destination",
			fmt.Sprintf("Target %q outputs type=%s, which writes %s on this machine, but names no dest. Add dest=PATH (relative to the working directory), or dest=- for standard output.", t.Name, typ, what)))
	}
	switch typ {
	case "oci":
		need(drivers.FeatureTarballOutput, "", "output", "writes an oci tarball (type=oci)")
	case "docker":
		// A daemon whose own image store keeps indexes (the docker
		// driver with the containerd store) loads several platforms;
		// the docker exporter, a tarball or a load through it, does not.
		intoStore := b.Caps.ImageStoreExporter != "" && b.Caps.MultiPlatform && o["dest"] == ""
		if len(t.Platforms) > 1 && !intoStore {
			diags = append(diags, errorAt(t, "output", "A docker image holds one platform",
				fmt.Sprintf("Target %q builds %d platforms (%s), but type=docker (--load, or a docker tarball) takes one: the docker exporter cannot export a manifest list. Build one platform, push the image (type=registry), or write an OCI layout (type=oci).", t.Name, len(t.Platforms), strings.Join(t.Platforms, ", "))))
		}
		if o["dest"] != "" {
			need(drivers.FeatureTarballOutput, "", "output", "writes a docker tarball (type=docker,dest=...)")
		} else {
			need(drivers.FeatureLoad, "", "output", "loads its image into docker (type=docker)")
		}
	}
	return diags
}

// checkEntitlements requires --allow for privileged builds and for paths
// outside the working directory, as buildx does.
func checkEntitlements(t *bake.Target, opt Options) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, e := range t.Entitlements {
		if opt.Allow.grants(e) {
			continue
		}
		attr := "entitlements"
		if e == "network.host" && t.Network != nil && *t.Network == "host" && t.Ranges["entitlements"].Filename == "" {
			attr = "network"
		}
		diags = append(diags, errorAt(t, attr, "Entitlement not granted",
			fmt.Sprintf("Target %q needs the %s entitlement, which gives the build more power over the host. Grant it with --allow %s if you trust this build.", t.Name, e, e)))
	}
	if opt.Workdir == "" {
		return diags
	}
	fs := func(kind, attr, path string) {
		if path == "" || path == "-" || strings.Contains(path, "://") {
			return
		}
		abs := filepath.Clean(Abs(opt.Workdir, path))
		granted := opt.Allow.FSRead
		if kind == "fs.write" {
			granted = opt.Allow.FSWrite
		}
		if within(abs, opt.Workdir) || grantsPath(granted, abs) {
			return
		}
		diags = append(diags, errorAt(t, attr, "Path outside the working directory",
			fmt.Sprintf("Target %q %s %s, outside %s. Grant it with --allow %s=%s if that is intended.", t.Name, map[string]string{"fs.read": "reads", "fs.write": "writes"}[kind], abs, opt.Workdir, kind, abs)))
	}
	if t.Context != nil && isLocal(*t.Context) {
		fs("fs.read", "context", *t.Context)
	}
	for _, k := range names.SortedKeys(t.Contexts) {
		if v := t.Contexts[k]; v != nil && isLocal(*v) {
			fs("fs.read", "contexts", *v)
		}
	}
	for _, o := range t.Output {
		fs("fs.write", "output", o["dest"])
	}
	for _, c := range t.CacheTo {
		if c.Type() == "local" {
			fs("fs.write", "cache-to", c["dest"])
		}
	}
	for _, c := range t.CacheFrom {
		if c.Type() == "local" {
			fs("fs.read", "cache-from", c["src"])
		}
	}
	return diags
}

// errorAt is an error about target t at its attribute attr.
func errorAt(t *bake.Target, attr, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: at(t, attr)}
}

func at(t *bake.Target, attr string) *hcl.Range {
	if r, ok := t.Ranges[attr]; ok && r.Filename != "" {
		return r.Ptr()
	}
	if t.DefRange.Filename != "" {
		return t.DefRange.Ptr()
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// checkStdout allows one output streamed to standard output (dest=-) in
// the whole build: two would mix their bytes.
func checkStdout(sel *bake.Selection) hcl.Diagnostics {
	var streaming []*bake.Target
	for _, name := range sel.Order {
		t := sel.Targets[name]
		n := 0
		for _, o := range t.Output {
			if o["dest"] == "-" {
				n++
			}
		}
		if n > 1 {
			return hcl.Diagnostics{errorAt(t, "output", "Two outputs to standard output",
				fmt.Sprintf("Target %q streams %d outputs to standard output (dest=-), which would mix their bytes. Keep one, and write the others to files.", t.Name, n))}
		}
		if n == 1 {
			streaming = append(streaming, t)
		}
	}
	if len(streaming) < 2 {
		return nil
	}
	var diags hcl.Diagnostics
	for _, t := range streaming {
		diags = append(diags, errorAt(t, "output", "Several targets stream to standard output",
			fmt.Sprintf("Target %q streams its output to standard output (dest=-), and so do %d other targets of this build; their bytes would mix. Build them one at a time, or write to files.", t.Name, len(streaming)-1)))
	}
	return diags
}

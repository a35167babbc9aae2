package plan

import (
	"fmt"
	"path/filepath"
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
		push := o.Type() == "registry" || o["push"] == "true"
		if push && o["name"] == "" && len(t.Tags) == 0 {
			diags = append(diags, errorAt(t, "output", "A push needs a name",
				fmt.Sprintf("Target %q pushes its image (type=%s) but names none. Set tags = [\"REGISTRY/REPO:TAG\"], or name= in the output.", t.Name, o.Type())))
		}
		switch o.Type() {
		case "image", "registry", "local", "tar", "cacheonly":
		case "oci":
			need(drivers.FeatureTarballOutput, "", "output", "writes an oci tarball (type=oci)")
		case "docker":
			if len(t.Platforms) > 1 {
				diags = append(diags, errorAt(t, "output", "A docker image holds one platform",
					fmt.Sprintf("Target %q builds %d platforms (%s), but type=docker (--load, or a docker tarball) takes one: the docker exporter cannot export a manifest list. Build one platform, push the image (type=registry), or write an OCI layout (type=oci).", t.Name, len(t.Platforms), strings.Join(t.Platforms, ", "))))
			}
			if o["dest"] != "" {
				need(drivers.FeatureTarballOutput, "", "output", "writes a docker tarball (type=docker,dest=...)")
			} else {
				need(drivers.FeatureLoad, "", "output", "loads its image into docker (type=docker)")
			}
		default:
			diags = append(diags, errorAt(t, "output", fmt.Sprintf("Unknown output type %q", o.Type()),
				fmt.Sprintf("Target %q outputs type=%s; the types are image, registry, docker, oci, local, tar and cacheonly.", t.Name, o.Type())))
		}
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
		abs := path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(opt.Workdir, path)
		}
		abs = filepath.Clean(abs)
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

func isLocal(s string) bool {
	return s != "" && !bake.IsRemote(s) && !strings.HasPrefix(s, "target:")
}

func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
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

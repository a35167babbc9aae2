package hcl

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	composetypes "github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/go-units"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/bkx-dev/bkx/internal/names"
)

// composeTarget converts one service with a build section into a target,
// each attribute's range at the Compose attribute that set it.
func composeTarget(svc composetypes.ServiceConfig, senv map[string]string, project *composetypes.Project, loc *composeLocator, home string) (*Target, hcl.Diagnostics) {
	name := strings.ReplaceAll(svc.Name, ".", "_")
	def, _ := loc.locate("services", svc.Name)
	if !validName.MatchString(name) {
		return nil, hcl.Diagnostics{invalidName(name, def)}
	}
	t := &Target{Name: name, DefRange: def, Ranges: map[string]hcl.Range{}}
	c := &composeConv{t: t, loc: loc, svc: svc.Name, home: home}
	c.sources(svc.Build, senv, project)
	c.results(svc.Build)
	c.sandbox(svc.Build, project)
	if x, ok := svc.Build.Extensions["x-bake"]; ok {
		c.xbake(x)
	}
	// buildx sorts a service's SSH entries by id, x-bake's included.
	slices.SortStableFunc(t.SSH, func(a, b Entry) int { return strings.Compare(a["id"], b["id"]) })
	if len(t.Tags) == 0 && svc.Image != "" {
		// The image names the result when nothing else does.
		t.Tags = []string{svc.Image}
		t.Ranges["tags"], _ = loc.locate("services", svc.Name, "image")
	}
	return t, c.diags
}

// sources sets what the build reads: context, Dockerfile, args, labels,
// named contexts and stage.
func (c *composeConv) sources(b *composetypes.BuildConfig, senv map[string]string, project *composetypes.Project) {
	if b.Context != "" {
		c.set("context", composePath(b.Context, c.home), "context")
	}
	if b.Dockerfile != "" {
		c.set("dockerfile", b.Dockerfile, "dockerfile")
	}
	if b.DockerfileInline != "" {
		c.set("dockerfile-inline", b.DockerfileInline, "dockerfile_inline")
	}
	if len(b.Args) > 0 {
		c.set("args", composeArgs(b.Args, senv, project), "args")
	}
	if len(b.Labels) > 0 {
		labels := map[string]*string{}
		for k, v := range b.Labels {
			labels[k] = &v
		}
		c.set("labels", labels, "labels")
	}
	if len(b.AdditionalContexts) > 0 {
		ctxs := map[string]*string{}
		for k, v := range b.AdditionalContexts {
			if s, ok := strings.CutPrefix(v, composetypes.ServicePrefix); ok {
				v = "target:" + strings.ReplaceAll(s, ".", "_")
			} else {
				v = composePath(v, c.home)
			}
			ctxs[k] = &v
		}
		c.set("contexts", ctxs, "additional_contexts")
	}
	if b.Target != "" {
		c.set("target", b.Target, "target")
	}
}

// results sets what the build produces and how: tags, platforms, caches,
// pull, no-cache and attestations. (no_cache_filter and entitlements are
// not read, as in buildx.)
func (c *composeConv) results(b *composetypes.BuildConfig) {
	if len(b.Tags) > 0 {
		c.set("tags", slices.Clone([]string(b.Tags)), "tags")
	}
	if len(b.Platforms) > 0 {
		c.set("platforms", slices.Clone([]string(b.Platforms)), "platforms")
	}
	c.entries("cache-from", entryCache, b.CacheFrom, "cache_from")
	c.entries("cache-to", entryCache, b.CacheTo, "cache_to")
	if b.Pull {
		c.set("pull", true, "pull")
	}
	if b.NoCache {
		c.set("no-cache", true, "no_cache")
	}
	c.attest("sbom", b.SBOM)
	c.attest("provenance", b.Provenance)
}

// sandbox sets what the build's steps run with: network, /dev/shm size,
// ulimits, extra hosts, SSH and secrets.
func (c *composeConv) sandbox(b *composetypes.BuildConfig, project *composetypes.Project) {
	if b.Network != "" {
		c.set("network", b.Network, "network")
	}
	if b.ShmSize > 0 {
		c.set("shm-size", units.BytesSize(float64(b.ShmSize)), "shm_size")
	}
	if len(b.Ulimits) > 0 {
		c.ulimits(b.Ulimits)
	}
	if len(b.ExtraHosts) > 0 {
		hosts := map[string]*string{}
		for h, ips := range b.ExtraHosts {
			v := strings.Join(ips, ",")
			hosts[h] = &v
		}
		c.set("extra-hosts", hosts, "extra_hosts")
	}
	if len(b.SSH) > 0 {
		var list []string
		for _, k := range b.SSH {
			if k.Path == "" {
				list = append(list, k.ID)
			} else {
				list = append(list, k.ID+"="+composePath(k.Path, c.home))
			}
		}
		c.entries("ssh", entrySSH, list, "ssh")
	}
	if len(b.Secrets) > 0 {
		c.secrets(b.Secrets, project)
	}
}

// attest reads build.sbom or build.provenance as buildx does: a boolean
// turns the attestation on or off, anything else is its key=value list.
func (c *composeConv) attest(typ, v string) {
	if v == "" {
		return
	}
	s := "type=" + typ + "," + v
	if b, err := strconv.ParseBool(v); err == nil {
		s = "type=" + typ
		if !b {
			s += ",disabled=true"
		}
	}
	e, err := parseEntry(entryAttest, s)
	if err != nil {
		c.diags = append(c.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid " + typ,
			Detail:   fmt.Sprintf("Service %q: %s: %q is neither true, false nor key=value pairs. Write %s: \"true\", or %s.", c.svc, typ, v, typ, map[string]string{"sbom": "sbom: generator=IMAGE", "provenance": "provenance: mode=max"}[typ]),
			Subject:  c.at(typ).Ptr(),
		})
		return
	}
	c.set("attest", append(slices.Clone(c.t.Attest), e), typ)
}

// composeConv sets a target's attributes from one service, with ranges.
type composeConv struct {
	t     *Target
	loc   *composeLocator
	svc   string
	home  string // what "~" stands for
	diags hcl.Diagnostics
}

// at is the range of services.SVC.build.KEY...
func (c *composeConv) at(key ...string) hcl.Range {
	r, _ := c.loc.locate(append([]string{"services", c.svc, "build"}, key...)...)
	return r
}

// set stores v (of the field's Go type) in the field attr.
func (c *composeConv) set(attr string, v any, key ...string) {
	f := fieldByName[attr]
	tmp := &Target{}
	switch p := f.ptr(tmp).(type) {
	case **string:
		s := v.(string)
		*p = &s
	case **bool:
		b := v.(bool)
		*p = &b
	case *[]string:
		*p = v.([]string)
	case *map[string]*string:
		*p = v.(map[string]*string)
	case *[]Entry:
		*p = v.([]Entry)
	}
	mergeField(f, c.t, tmp)
	c.t.Ranges[attr] = c.at(key...)
}

// entries parses list as entries of kind into attr.
func (c *composeConv) entries(attr string, kind entryKind, list []string, key ...string) {
	if len(list) == 0 {
		return
	}
	out := []Entry{}
	for _, s := range list {
		e, err := parseEntry(kind, s)
		if err != nil {
			c.diags = append(c.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid " + attr + " entry",
				Detail:   fmt.Sprintf("Service %q: %v.", c.svc, err),
				Subject:  c.at(key...).Ptr(),
			})
			continue
		}
		if e != nil {
			out = append(out, e)
		}
	}
	c.set(attr, out, key...)
}

// secrets maps the service's build secrets to the top-level secrets they
// name: a file becomes src, an environment variable env; the id is the
// secret's name.
func (c *composeConv) secrets(refs []composetypes.ServiceSecretConfig, project *composetypes.Project) {
	out := []Entry{}
	for i, ref := range refs {
		s, ok := project.Secrets[ref.Source]
		if !ok {
			c.diags = append(c.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown secret",
				Detail:   fmt.Sprintf("Service %q uses secret %q, which the top-level secrets section does not define.%s Define it there with a file or an environment variable.", c.svc, ref.Source, names.Suggest(ref.Source, names.SortedKeys(project.Secrets))),
				Subject:  c.at("secrets", fmt.Sprint(i)).Ptr(),
			})
			continue
		}
		if s.External {
			c.diags = append(c.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "External secret",
				Detail:   fmt.Sprintf("Service %q uses secret %q, which is external: a build cannot read it (docker buildx bake refuses it too). Give the secret a file or an environment variable.", c.svc, ref.Source),
				Subject:  c.at("secrets", fmt.Sprint(i)).Ptr(),
			})
			continue
		}
		e := Entry{"id": ref.Source}
		switch {
		case s.File != "":
			e["src"] = composePath(s.File, c.home)
		case s.Environment != "":
			e["env"] = s.Environment
		}
		out = append(out, e)
	}
	c.set("secret", out, "secrets")
}

// composeArgs resolves build args: an arg without a value takes the
// service's environment, then the project's, and is left out when
// neither has it.
func composeArgs(args composetypes.MappingWithEquals, senv map[string]string, project *composetypes.Project) map[string]*string {
	out := map[string]*string{}
	for k, v := range args {
		if v == nil {
			if e, ok := senv[k]; ok {
				v = &e
			} else if e, ok := project.Environment[k]; ok {
				v = &e
			} else {
				continue
			}
		}
		s := *v
		out[k] = &s
	}
	return out
}

// serviceEnv is a service's environment as compose-go resolves it: its
// env_file files in order, then its environment section (a name without
// a value reads the project's environment). A missing label_file or
// required env_file is an error, as in buildx.
func serviceEnv(svc composetypes.ServiceConfig, project *composetypes.Project, aux map[string]File, loc *composeLocator) (map[string]string, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	missing := func(what, path string, at ...string) {
		r, _ := loc.locate(append([]string{"services", svc.Name}, at...)...)
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  what + " not found",
			Detail:   fmt.Sprintf("Service %q reads %s, which does not exist (paths are relative to the working directory, as in docker buildx bake). Create it, or fix the path.", svc.Name, path),
			Subject:  r.Ptr(),
		})
	}
	own := map[string]string{}
	for k, v := range svc.Environment {
		if v != nil {
			own[k] = *v
		} else if e, ok := project.Environment[k]; ok {
			own[k] = e
		}
	}
	env := map[string]string{}
	for _, ef := range svc.EnvFiles {
		f, ok := aux[filepath.Clean(ef.Path)]
		if !ok {
			if ef.Required {
				missing("Env file", ef.Path, "env_file")
			}
			continue
		}
		err := dotenv.ParseWithFormat(bytes.NewReader(f.Data), f.Name, env, func(k string) (string, bool) {
			if v, ok := project.Environment[k]; ok {
				return v, true
			}
			v, ok := own[k]
			return v, ok
		}, ef.Format)
		if err != nil {
			r, _ := loc.locate("services", svc.Name, "env_file")
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid env file",
				Detail:   fmt.Sprintf("Service %q: %s: %v. Write one NAME=value per line.", svc.Name, f.Name, err),
				Subject:  r.Ptr(),
			})
		}
	}
	for _, lf := range svc.LabelFiles {
		if _, ok := aux[filepath.Clean(lf)]; !ok {
			missing("Label file", lf, "label_file")
		}
	}
	for k, v := range own {
		env[k] = v
	}
	return env, diags
}

// ulimits prints ulimits as name=soft:hard, sorted by name (buildx's
// order is random). A single number (nproc: 65535) prints as name=0:0, as
// buildx reads only soft and hard: bkx does the same and warns.
func (c *composeConv) ulimits(u map[string]*composetypes.UlimitsConfig) {
	var out []string
	for _, name := range names.SortedKeys(u) {
		l := u[name]
		if l == nil {
			continue
		}
		if l.Single != 0 {
			c.diags = append(c.diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Ulimit read as 0:0",
				Detail:   fmt.Sprintf("Service %q: docker buildx bake reads %s: %d as %s=0:0 (soft and hard limit 0), and so does bkx, to build what buildx builds. Write %s: {soft: %d, hard: %d}.", c.svc, name, l.Single, name, name, l.Single, l.Single),
				Subject:  c.at("ulimits", name).Ptr(),
			})
		}
		out = append(out, fmt.Sprintf("%s=%d:%d", name, l.Soft, l.Hard))
	}
	c.set("ulimits", out, "ulimits")
}

// composePath cleans a local path as compose-go resolves it against an
// empty working directory ("./web" is "web"); "~" is the home directory,
// and remote contexts stay as written.
func composePath(p, home string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, composetypes.ServicePrefix) {
		return p
	}
	for _, prefix := range []string{"https://", "http://", "git://", "ssh://", "github.com/", "git@"} {
		if strings.HasPrefix(p, prefix) {
			return p
		}
	}
	if rest, ok := strings.CutPrefix(p, "~"); ok && home != "" {
		p = filepath.Join(home, rest)
	}
	return filepath.Clean(p)
}

// xbakeKeys are the bake attributes an x-bake extension may set.
var xbakeKeys = []string{"tags", "cache-from", "cache-to", "secret", "ssh", "platforms", "output", "pull", "no-cache", "no-cache-filter", "contexts"}

// xbake applies a build section's x-bake extension: bake attributes in
// bake's own names and forms, a single string standing for a list of one.
// Lists add to what the build section set; other attributes replace it.
func (c *composeConv) xbake(x any) {
	base := c.at("x-bake")
	m, ok := x.(map[string]any)
	if !ok {
		c.diags = append(c.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid x-bake",
			Detail:   fmt.Sprintf("Service %q: x-bake must be a mapping of bake attributes, such as tags: [...] or platforms: [...].", c.svc),
			Subject:  base.Ptr(),
		})
		return
	}
	for _, key := range names.SortedKeys(m) {
		r := c.at("x-bake", key)
		f := fieldByName[key]
		if f == nil || !slices.Contains(xbakeKeys, key) {
			c.diags = append(c.diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Unknown x-bake attribute",
				Detail:   fmt.Sprintf("x-bake has no %q: docker buildx bake ignores it, and so does bkx.%s Known: %s.", key, names.Suggest(key, xbakeKeys), strings.Join(xbakeKeys, ", ")),
				Subject:  r.Ptr(),
			})
			continue
		}
		v := yamlValue(m[key])
		if v.Type() == cty.String && f.kind != kString && f.kind != kBool && f.kind != kMap {
			v = cty.TupleVal([]cty.Value{v})
		}
		tmp := &Target{}
		attr := &hcl.Attribute{Name: key, Expr: hcl.StaticExpr(v, r), Range: r, NameRange: r}
		if d := decodeField(f, v, attr, tmp); d != nil {
			d.Detail = fmt.Sprintf("Service %q, x-bake: %s", c.svc, d.Detail)
			if strings.HasPrefix(d.Summary, "Wrong type") {
				want := map[fieldKind]string{kString: "a string", kBool: "true or false", kMap: fmt.Sprintf("a mapping, such as %s: {name: value}", key)}[f.kind]
				if want == "" {
					want = fmt.Sprintf("a list, such as %s: [a, b], or a single string", key)
				}
				d.Detail = fmt.Sprintf("Service %q, x-bake: %s must be %s.", c.svc, key, want)
			}
			c.diags = append(c.diags, d)
			continue
		}
		if f.kind == kList {
			// x-bake tags and platforms add to the build section's.
			p := f.ptr(tmp).(*[]string)
			*p = append(slices.Clone(*f.ptr(c.t).(*[]string)), *p...)
		}
		if f.kind == kEntries {
			p := f.ptr(tmp).(*[]Entry)
			*p = append(slices.Clone(*f.ptr(c.t).(*[]Entry)), *p...)
		}
		if f.kind == kMap {
			// The build section's contexts win over x-bake's.
			for k := range *f.ptr(c.t).(*map[string]*string) {
				delete(*f.ptr(tmp).(*map[string]*string), k)
			}
		}
		mergeField(f, c.t, tmp)
		c.t.Ranges[key] = r
	}
}

// yamlValue converts a value compose-go decoded from YAML to cty.
func yamlValue(v any) cty.Value {
	switch v := v.(type) {
	case nil:
		return cty.NullVal(cty.String)
	case string:
		return cty.StringVal(v)
	case bool:
		return cty.BoolVal(v)
	case int:
		return cty.NumberIntVal(int64(v))
	case int64:
		return cty.NumberIntVal(v)
	case uint64:
		return cty.NumberUIntVal(v)
	case float64:
		return cty.NumberFloatVal(v)
	case []any:
		if len(v) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(v))
		for i, e := range v {
			vals[i] = yamlValue(e)
		}
		return cty.TupleVal(vals)
	case map[string]any:
		if len(v) == 0 {
			return cty.EmptyObjectVal
		}
		vals := make(map[string]cty.Value, len(v))
		for k, e := range v {
			vals[k] = yamlValue(e)
		}
		return cty.ObjectVal(vals)
	}
	return cty.StringVal(fmt.Sprint(v))
}

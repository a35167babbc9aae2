package hcl

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/internal/names"
)

// setOverride is one --set TARGET.KEY[.SUB][+]=VALUE.
type setOverride struct {
	raw      string
	pattern  string
	key, sub string
	value    string
	hasValue bool
	append   bool
}

// setKeys maps --set key names to target attributes. buildx's names
// differ from the attribute names in places (platform, secrets).
var setKeys = map[string]string{
	"context": "context", "dockerfile": "dockerfile", "target": "target", "call": "call",
	"shm-size": "shm-size", "network": "network",
	"tags": "tags", "platform": "platforms",
	"output": "output", "cache-from": "cache-from", "cache-to": "cache-to",
	"secrets": "secret", "ssh": "ssh", "attest": "attest",
	"annotations": "annotations", "entitlements": "entitlements",
	"no-cache-filter": "no-cache-filter", "ulimits": "ulimits", "policy": "policy",
	"args": "args", "labels": "labels", "contexts": "contexts", "extra-hosts": "extra-hosts",
	"resources": "resources",
	"no-cache":  "no-cache", "pull": "pull",
	// push, load and secret.ID are handled specially.
	"push": "", "load": "", "secret": "",
}

// appendable lists keys that take +=; alwaysAppend those whose = appends.
var (
	appendable   = []string{"tags", "platform", "output", "cache-from", "cache-to", "secrets", "ssh", "no-cache-filter", "ulimits", "policy", "annotations", "attest", "entitlements"}
	alwaysAppend = []string{"annotations", "attest", "entitlements"}
	needsSub     = []string{"args", "labels", "contexts", "extra-hosts", "resources"}
)

func setError(raw, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid --set " + raw,
		Detail:   detail,
	}
}

// parseOverrides parses every --set value, reporting each malformed one.
func parseOverrides(set []string) ([]setOverride, hcl.Diagnostics) {
	var out []setOverride
	var diags hcl.Diagnostics
	for _, raw := range set {
		o := setOverride{raw: raw}
		left, value, hasValue := strings.Cut(raw, "=")
		o.value, o.hasValue = value, hasValue
		if strings.HasSuffix(left, "+") {
			left, o.append = strings.TrimSuffix(left, "+"), true
		}
		parts := strings.SplitN(left, ".", 3)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			diags = append(diags, setError(raw, "Write --set TARGET.KEY=VALUE, as in --set app.tags=acme/app:dev or --set '*.platform=linux/arm64'."))
			continue
		}
		o.pattern, o.key = parts[0], parts[1]
		if len(parts) == 3 {
			o.sub = parts[2]
		}
		attr, known := setKeys[o.key]
		switch {
		case !known:
			keys := names.SortedKeys(setKeys)
			diags = append(diags, setError(raw, fmt.Sprintf("unknown key: %s.%s Keys --set takes: %s.", o.key, names.Suggest(o.key, keys), strings.Join(keys, ", "))))
			continue
		case slices.Contains(needsSub, o.key) && o.sub == "":
			diags = append(diags, setError(raw, fmt.Sprintf("%s needs a name: --set %s.%s.NAME=VALUE.", o.key, o.pattern, o.key)))
			continue
		case o.sub != "" && !slices.Contains(needsSub, o.key) && o.key != "secret":
			diags = append(diags, setError(raw, fmt.Sprintf("%s takes no .%s part: --set %s.%s=VALUE.", o.key, o.sub, o.pattern, o.key)))
			continue
		case !hasValue && o.key != "args":
			diags = append(diags, setError(raw, fmt.Sprintf("No value: write --set %s=VALUE. Only args.NAME may omit the value, to take it from the environment.", left)))
			continue
		case o.append && !slices.Contains(appendable, o.key):
			diags = append(diags, setError(raw, fmt.Sprintf("%s does not support +=; use =.", o.key)))
			continue
		}
		_ = attr
		out = append(out, o)
	}
	return out, diags
}

// checkOverrides rejects patterns that match no target at all, and keeps
// the overrides for applyTo.
func (r *resolver) checkOverrides(overrides []setOverride) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, o := range overrides {
		if !r.matchesAny(o.pattern) {
			diags = append(diags, setError(o.raw, fmt.Sprintf("No target matches %q. Known targets: %s.%s", o.pattern, r.p.knownNames(), names.Suggest(o.pattern, r.p.TargetOrder))))
		}
	}
	r.overrides = overrides
	return diags
}

func (r *resolver) matchesAny(pattern string) bool {
	if _, ok := r.p.Targets[pattern]; ok {
		return true
	}
	for _, n := range r.p.TargetOrder {
		if ok, _ := path.Match(pattern, n); ok {
			return true
		}
	}
	return false
}

// applyTo applies the overrides whose pattern matches one target, as
// buildx does: the overrides of one key are taken together; for a list,
// the last one decides whether the file's list is kept (+=) or replaced
// (=), the values are added in order, and an empty value clears what came
// before it. push and load rewrite the outputs first, load before push.
func (r *resolver) applyTo(t *Target) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var keys []string
	byKey := map[string][]setOverride{}
	for _, o := range r.overrides {
		if ok, _ := path.Match(o.pattern, t.Name); !ok && o.pattern != t.Name {
			continue
		}
		k := o.key
		if o.sub != "" {
			k += "." + o.sub
		}
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], o)
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		return rewriteRank(a) - rewriteRank(b)
	})
	for _, k := range keys {
		group := byKey[k]
		last := group[len(group)-1]
		keep := last.append || slices.Contains(alwaysAppend, last.key)
		for i, o := range group {
			if err := r.applyOne(t, o, i == 0 && !keep); err != nil {
				diags = append(diags, setError(o.raw, err.Error()))
			}
		}
	}
	return diags
}

// rewriteRank orders load, then push, before every other key, as
// buildx applies them: an output given with --set replaces what they
// added.
func rewriteRank(key string) int {
	switch key {
	case "load":
		return -2
	case "push":
		return -1
	}
	return 0
}

func (r *resolver) applyOne(t *Target, o setOverride, replace bool) error {
	switch o.key {
	case "push":
		return setPush(t, o.value)
	case "load":
		return setLoad(t, o.value)
	case "secret":
		if o.sub == "" {
			o.key = "secrets"
			break
		}
		if o.append {
			return fmt.Errorf("secret.%s does not support +=", o.sub)
		}
		for i, e := range t.Secret {
			if e["id"] == o.sub {
				ne := Entry{"id": o.sub}
				if strings.HasPrefix(o.value, "env:") {
					ne["env"] = strings.TrimPrefix(o.value, "env:")
				} else {
					ne["src"] = o.value
				}
				t.Secret[i] = ne
				return nil
			}
		}
		return fmt.Errorf("secret %q must be declared in the target before it can be overridden", o.sub)
	}
	f := fieldByName[setKeys[o.key]]
	if replace || !o.append {
		// The value no longer comes from the file: drop its range.
		delete(t.Ranges, f.name)
	}
	switch p := f.ptr(t).(type) {
	case **string:
		v := o.value
		*p = &v
	case **bool:
		b, err := strconv.ParseBool(o.value)
		if err != nil {
			return fmt.Errorf("invalid value %s for boolean key %s: use true or false", o.value, o.key)
		}
		*p = &b
	case *[]string:
		// An empty = clears the list, file values included; an empty +=
		// adds nothing.
		if replace || (o.value == "" && !o.append) {
			*p = []string{}
		}
		if o.value != "" {
			*p = append(*p, o.value)
		}
	case *map[string]*string:
		v := o.value
		if !o.hasValue {
			// args.NAME with no value: from the environment, if set there.
			// With lookups disabled buildx sets it empty.
			if !r.p.opt.envLookupDisabled() {
				env, ok := r.p.opt.Env[o.sub]
				if !ok {
					return nil
				}
				v = env
			}
		}
		if *p == nil {
			*p = map[string]*string{}
		}
		(*p)[o.sub] = &v
	case *[]Entry:
		if replace || (o.value == "" && !o.append) {
			*p = []Entry{}
		}
		if o.value == "" {
			return nil
		}
		e, err := parseEntry(f.entry, o.value)
		if err != nil {
			return err
		}
		if e != nil {
			*p = append(*p, e)
		}
	}
	return nil
}

// setPush turns image outputs into pushes, adding one if the target has
// no output other than docker; push=false drops registry outputs.
func setPush(t *Target, value string) error {
	push, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("invalid value %s for boolean key push: use true or false", value)
	}
	if !push {
		t.Output = slices.DeleteFunc(t.Output, func(e Entry) bool { return e.Type() == "registry" })
		for i, e := range t.Output {
			if e.Type() == "image" {
				ne := maps.Clone(e)
				ne["push"] = "false"
				t.Output[i] = ne
			}
		}
		return nil
	}
	onlyDocker := true
	for i, e := range t.Output {
		switch e.Type() {
		case "image":
			ne := maps.Clone(e)
			ne["push"] = "true"
			t.Output[i] = ne
			onlyDocker = false
		case "docker":
		default:
			onlyDocker = false
		}
	}
	if onlyDocker {
		t.Output = append(t.Output, Entry{"type": "image", "push": "true"})
	}
	return nil
}

// setLoad adds a docker output unless the target exports files.
func setLoad(t *Target, value string) error {
	load, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("invalid value %s for boolean key load: use true or false", value)
	}
	if !load {
		return nil
	}
	for _, e := range t.Output {
		switch e.Type() {
		case "docker", "local", "tar":
			return nil
		}
	}
	t.Output = append(t.Output, Entry{"type": "docker"})
	return nil
}

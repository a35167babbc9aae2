package hcl

import (
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// Target is one resolved build target. A nil pointer, slice or map means
// "not set", which matters when definitions are merged: an empty list set
// by a child replaces its parent's list, an unset one keeps it.
type Target struct {
	Name string

	Description      *string
	Context          *string
	Dockerfile       *string
	DockerfileInline *string
	Target           *string
	Network          *string
	ShmSize          *string
	Call             *string
	Pull             *bool
	NoCache          *bool

	Tags          []string
	Platforms     []string
	Annotations   []string
	NoCacheFilter []string
	Ulimits       []string
	Entitlements  []string

	Args       map[string]*string
	Labels     map[string]*string
	Contexts   map[string]*string
	ExtraHosts map[string]*string
	Resources  map[string]*string

	Output    []Entry
	CacheFrom []Entry
	CacheTo   []Entry
	Attest    []Entry
	Secret    []Entry
	SSH       []Entry
	Policy    []Entry

	Inherits []string

	// bkx additions, unknown to buildx.
	Builder   *string
	DependsOn []string

	// Ranges holds, per attribute name, the range of the expression that
	// last set it; plan/ points its diagnostics there.
	Ranges   map[string]hcl.Range
	DefRange hcl.Range
	// Linked is true for a target pulled in only through a target: context.
	Linked bool
}

// fieldKind says how an attribute decodes, merges, overrides and prints.
type fieldKind int

const (
	kString        fieldKind = iota // *string, replaced
	kBool                           // *bool, replaced
	kList                           // []string, replaced
	kListAppend                     // []string, appended
	kMap                            // map[string]*string, merged per key
	kEntries                        // []Entry, replaced
	kEntriesAppend                  // []Entry, appended
	kInherits                       // []string of parent names, appended; consumed by resolution
)

// field describes one target attribute. The table below is the single
// place that knows the attributes: decoding, merging, --set, references
// and printing all read it.
type field struct {
	name  string    // attribute name in files and in --print
	kind  fieldKind //
	entry entryKind // for kEntries/kEntriesAppend
	ptr   func(*Target) any
}

var fields = []field{
	{name: "description", kind: kString, ptr: func(t *Target) any { return &t.Description }},
	{name: "context", kind: kString, ptr: func(t *Target) any { return &t.Context }},
	{name: "contexts", kind: kMap, ptr: func(t *Target) any { return &t.Contexts }},
	{name: "dockerfile", kind: kString, ptr: func(t *Target) any { return &t.Dockerfile }},
	{name: "dockerfile-inline", kind: kString, ptr: func(t *Target) any { return &t.DockerfileInline }},
	{name: "args", kind: kMap, ptr: func(t *Target) any { return &t.Args }},
	{name: "labels", kind: kMap, ptr: func(t *Target) any { return &t.Labels }},
	{name: "annotations", kind: kListAppend, ptr: func(t *Target) any { return &t.Annotations }},
	{name: "attest", kind: kEntriesAppend, entry: entryAttest, ptr: func(t *Target) any { return &t.Attest }},
	{name: "tags", kind: kList, ptr: func(t *Target) any { return &t.Tags }},
	{name: "cache-from", kind: kEntriesAppend, entry: entryCache, ptr: func(t *Target) any { return &t.CacheFrom }},
	{name: "cache-to", kind: kEntries, entry: entryCache, ptr: func(t *Target) any { return &t.CacheTo }},
	{name: "target", kind: kString, ptr: func(t *Target) any { return &t.Target }},
	{name: "secret", kind: kEntriesAppend, entry: entrySecret, ptr: func(t *Target) any { return &t.Secret }},
	{name: "ssh", kind: kEntriesAppend, entry: entrySSH, ptr: func(t *Target) any { return &t.SSH }},
	{name: "platforms", kind: kList, ptr: func(t *Target) any { return &t.Platforms }},
	{name: "output", kind: kEntries, entry: entryOutput, ptr: func(t *Target) any { return &t.Output }},
	{name: "pull", kind: kBool, ptr: func(t *Target) any { return &t.Pull }},
	{name: "no-cache", kind: kBool, ptr: func(t *Target) any { return &t.NoCache }},
	{name: "network", kind: kString, ptr: func(t *Target) any { return &t.Network }},
	{name: "no-cache-filter", kind: kListAppend, ptr: func(t *Target) any { return &t.NoCacheFilter }},
	{name: "shm-size", kind: kString, ptr: func(t *Target) any { return &t.ShmSize }},
	{name: "ulimits", kind: kListAppend, ptr: func(t *Target) any { return &t.Ulimits }},
	{name: "resources", kind: kMap, ptr: func(t *Target) any { return &t.Resources }},
	{name: "call", kind: kString, ptr: func(t *Target) any { return &t.Call }},
	{name: "entitlements", kind: kListAppend, ptr: func(t *Target) any { return &t.Entitlements }},
	{name: "extra-hosts", kind: kMap, ptr: func(t *Target) any { return &t.ExtraHosts }},
	{name: "policy", kind: kEntriesAppend, entry: entryPolicy, ptr: func(t *Target) any { return &t.Policy }},
	{name: "inherits", kind: kInherits, ptr: func(t *Target) any { return &t.Inherits }},
	{name: "builder", kind: kString, ptr: func(t *Target) any { return &t.Builder }},
	{name: "depends_on", kind: kList, ptr: func(t *Target) any { return &t.DependsOn }},
}

// blockOnlyAttrs are target attributes handled before decoding.
var blockOnlyAttrs = []string{"matrix", "name"}

var fieldByName = func() map[string]*field {
	m := make(map[string]*field, len(fields))
	for i := range fields {
		m[fields[i].name] = &fields[i]
	}
	return m
}()

// targetAttrNames lists every attribute a target block accepts.
func targetAttrNames() []string {
	names := slices.Clone(blockOnlyAttrs)
	for _, f := range fields {
		names = append(names, f.name)
	}
	return names
}

// merge applies src over dst with buildx's rules: scalars and replace-lists
// replace, maps merge per key (a null value never overrides), append-lists
// append. Ranges follow the values.
func (dst *Target) merge(src *Target) {
	for i := range fields {
		f := &fields[i]
		if mergeField(f, dst, src) {
			if r, ok := src.Ranges[f.name]; ok {
				if dst.Ranges == nil {
					dst.Ranges = map[string]hcl.Range{}
				}
				dst.Ranges[f.name] = r
			}
		}
	}
}

// mergeField merges one field and reports whether src had it set.
func mergeField(f *field, dst, src *Target) bool {
	switch d := f.ptr(dst).(type) {
	case **string:
		s := *f.ptr(src).(**string)
		if s != nil {
			v := *s
			*d = &v
		}
		return s != nil
	case **bool:
		s := *f.ptr(src).(**bool)
		if s != nil {
			v := *s
			*d = &v
		}
		return s != nil
	case *[]string:
		s := *f.ptr(src).(*[]string)
		if s == nil {
			return false
		}
		if f.kind == kListAppend || f.kind == kInherits {
			*d = append(slices.Clone(*d), s...)
			if *d == nil {
				*d = []string{}
			}
		} else {
			*d = slices.Clone(s)
		}
		return true
	case *map[string]*string:
		s := *f.ptr(src).(*map[string]*string)
		if s == nil {
			return false
		}
		if *d == nil {
			*d = map[string]*string{}
		} else {
			*d = maps.Clone(*d)
		}
		for k, v := range s {
			if v == nil {
				if _, ok := (*d)[k]; ok {
					continue
				}
			}
			(*d)[k] = v
		}
		return true
	case *[]Entry:
		s := *f.ptr(src).(*[]Entry)
		if s == nil {
			return false
		}
		if f.kind == kEntriesAppend {
			*d = append(slices.Clone(*d), s...)
		} else {
			*d = slices.Clone(s)
		}
		return true
	}
	panic("hcl: unhandled field type for " + f.name)
}

// normalize removes duplicates from list attributes (strings keep the
// first occurrence in place; entries as dedupeEntries says), and adds the entitlement that network=host implies, as
// buildx does before it prints or builds.
func (t *Target) normalize() {
	// One attestation per type and one secret per id first: a later
	// entry equal to an earlier one still replaces the ones between.
	t.Attest = lastOfEach(t.Attest, "type")
	t.Secret = lastOfEach(t.Secret, "id")
	for i := range fields {
		switch p := fields[i].ptr(t).(type) {
		case *[]string:
			if fields[i].kind != kInherits {
				*p = dedupe(*p)
			}
		case *[]Entry:
			*p = dedupeEntries(*p)
		}
	}
	t.addNetworkEntitlement()
}

// lastOfEach keeps one entry per value of key (one attestation per
// type, one secret per id): a later one (a child's, or --sbom) replaces
// an earlier one in its place.
func lastOfEach(list []Entry, key string) []Entry {
	var out []Entry
	for _, e := range list {
		i := slices.IndexFunc(out, func(o Entry) bool { return o[key] == e[key] })
		if i >= 0 {
			out[i] = e
		} else {
			out = append(out, e)
		}
	}
	return out
}

// addNetworkEntitlement adds the entitlement network=host implies.
func (t *Target) addNetworkEntitlement() {
	if t.Network != nil && *t.Network == "host" && !slices.Contains(t.Entitlements, "network.host") {
		t.Entitlements = append(t.Entitlements, "network.host")
	}
}

func dedupe(list []string) []string {
	if len(list) < 2 {
		return list
	}
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// dedupeEntries removes duplicate entries (outputs, caches, secrets,
// ssh, attestations) in buildx's order: walking back from the end, an
// element equal to an earlier one is swapped with the last element and
// dropped, so [a b a c d] becomes [a b d c].
func dedupeEntries(list []Entry) []Entry {
	if len(list) < 2 {
		return list
	}
	out := slices.Clone(list)
	for i := len(out) - 2; i >= 0; i-- {
		for j := i + 1; j < len(out); j++ {
			if maps.Equal(out[i], out[j]) {
				out[j] = out[len(out)-1]
				out = out[:len(out)-1]
				break
			}
		}
	}
	return out
}

// Group is a named selection of targets and groups.
type Group struct {
	Name        string
	Description string
	Targets     []string
	DefRange    hcl.Range
	TargetsRng  hcl.Range
	// Implicit is true for the group a matrix target creates.
	Implicit bool
}

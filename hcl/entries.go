package hcl

import (
	"encoding/csv"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Entry is one structured list item (an output, a cache source or
// destination, an attestation, a secret, an SSH socket or a policy), given
// in a file either as a CSV string ("type=local,dest=out") or as an object.
// Every value is kept as the string buildx would print.
type Entry map[string]string

type entryKind int

const (
	entryOutput entryKind = iota
	entryCache
	entryAttest
	entrySecret
	entrySSH
	entryPolicy
)

func (k entryKind) String() string {
	return [...]string{"output", "cache", "attestation", "secret", "ssh", "policy"}[k]
}

// Type returns the entry's "type" key.
func (e Entry) Type() string { return e["type"] }

// parseEntry parses the CSV form of an entry. An empty string is no
// entry (nil, nil), as buildx skips it.
func parseEntry(kind entryKind, s string) (Entry, error) {
	if s == "" {
		return nil, nil
	}
	if kind == entrySSH {
		// "id=path[,path...]" or just "id".
		id, paths, ok := strings.Cut(s, "=")
		e := Entry{"id": id}
		if ok {
			e["paths"] = paths
		}
		if id == "" {
			return nil, fmt.Errorf("an ssh entry needs an id, as in \"default\" or \"mykey=/path/to/key\"")
		}
		return e, nil
	}
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("cannot read %q as comma-separated key=value pairs: %v", s, err)
	}
	// One field that is not a type: the shorthand forms.
	if len(rec) == 1 && !strings.HasPrefix(rec[0], "type=") {
		switch {
		case kind == entryOutput && rec[0] == "-":
			return Entry{"type": "tar", "dest": "-"}, nil
		case kind == entryOutput:
			return Entry{"type": "local", "dest": rec[0]}, nil
		case kind == entryCache && !strings.Contains(rec[0], "="):
			return Entry{"type": "registry", "ref": rec[0]}, nil
		}
	}
	e := Entry{}
	for _, kv := range rec {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("%q in %q is not a key=value pair", kv, s)
		}
		// buildx's key handling differs per kind: output keys are
		// trimmed and lowercased, cache and secret keys lowercased only,
		// and of an attestation only "type" and "disabled" are found
		// whatever their case and spaces.
		switch kind {
		case entryOutput:
			k = strings.ToLower(strings.TrimSpace(k))
		case entryCache, entrySecret:
			k = strings.ToLower(k)
		case entryAttest:
			if t := strings.ToLower(strings.TrimSpace(k)); t == "type" || t == "disabled" {
				k = t
			}
		}
		if kind == entrySecret {
			switch k {
			case "source":
				k = "src"
			case "id", "type", "src", "env":
			default:
				return nil, fmt.Errorf("unexpected key %q in secret %q: use id, type, src (or source) and env", k, s)
			}
		}
		e[k] = v
	}
	// buildx checks a secret's type in the string form only.
	if t := e["type"]; kind == entrySecret && t != "" && t != "file" && t != "env" {
		return nil, fmt.Errorf("unsupported secret type %q: use type=file or type=env", t)
	}
	return e, e.check(kind)
}

// entryFromValue converts a list element, string or object, to an Entry.
func entryFromValue(kind entryKind, v cty.Value) (Entry, error) {
	if v.IsNull() {
		return nil, fmt.Errorf("a %s entry is null", kind)
	}
	ty := v.Type()
	if ty == cty.String {
		return parseEntry(kind, v.AsString())
	}
	if !ty.IsObjectType() && !ty.IsMapType() {
		return nil, fmt.Errorf("a %s entry must be a string such as \"type=local,dest=out\" or an object such as { type = \"local\", dest = \"out\" }, not %s", kind, ty.FriendlyName())
	}
	e := Entry{}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		key := k.AsString()
		if kind == entrySecret && key == "source" {
			key = "src"
		}
		if ev.IsNull() {
			if kind == entrySecret {
				continue // as buildx: a null secret field is absent
			}
			return nil, fmt.Errorf("%s entry key %q is null; remove it or give it a value", kind, key)
		}
		isList := ev.Type().IsListType() || ev.Type().IsTupleType() || ev.Type().IsSetType()
		if isList && !(kind == entrySSH && key == "paths") {
			return nil, fmt.Errorf("%s entry key %q must be a string, number or bool, not a list", kind, key)
		}
		if !isList && kind == entrySSH && key == "paths" {
			// As buildx, which decodes paths as a list of strings.
			return nil, fmt.Errorf("ssh entry key \"paths\" must be a list of strings, such as paths = [\"~/.ssh/id_ed25519\"], not %s", ev.Type().FriendlyName())
		}
		s, err := entryValueString(ev)
		if err != nil {
			return nil, fmt.Errorf("%s entry key %q: %v", kind, key, err)
		}
		e[key] = s
	}
	return e, e.check(kind)
}

func entryValueString(v cty.Value) (string, error) {
	ty := v.Type()
	if ty.IsListType() || ty.IsTupleType() || ty.IsSetType() {
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			s, err := entryValueString(ev)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return "", fmt.Errorf("must be a string, number or bool, not %s", ty.FriendlyName())
	}
	return s.AsString(), nil
}

// check validates the keys that every entry of a kind needs.
func (e Entry) check(kind entryKind) error {
	switch kind {
	case entryOutput, entryCache:
		if e["type"] == "" {
			return fmt.Errorf("a %s entry needs a type, as in type=%s", kind, map[entryKind]string{entryOutput: "local,dest=out", entryCache: "registry,ref=user/app:cache"}[kind])
		}
	case entrySecret:
		// A missing id is an error of the resolved target (validate), as
		// buildx refuses it when it resolves, not when it reads the file:
		// --list still works.
	case entrySSH:
		if e["id"] == "" {
			e["id"] = "default"
		}
	case entryAttest:
		if e["type"] == "" {
			return fmt.Errorf("an attestation needs a type: type=provenance or type=sbom")
		}
		// disabled is a bool: true is kept (printed as true), false
		// dropped.
		if v, ok := e["disabled"]; ok {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("disabled=%s in an attestation is not true or false", v)
			}
			if b {
				e["disabled"] = "true"
			} else {
				delete(e, "disabled")
			}
		}
	case entryPolicy:
		if e["filename"] == "" {
			return fmt.Errorf("a policy needs a filename, as in { filename = \"policy.rego\" }")
		}
	}
	return nil
}

// sortedKeys returns the entry's keys in print order: the fixed order of
// the kind first (for secrets and SSH, which buildx prints as structs),
// then the rest sorted.
func (e Entry) sortedKeys(kind entryKind) []string {
	var fixed []string
	switch kind {
	case entrySecret:
		// buildx prints a secret as its id and source only.
		var keys []string
		for _, k := range []string{"id", "src", "env"} {
			if _, ok := e[k]; ok {
				keys = append(keys, k)
			}
		}
		return keys
	case entrySSH:
		fixed = []string{"id", "paths"}
	}
	var keys, rest []string
	for _, k := range fixed {
		if _, ok := e[k]; ok {
			keys = append(keys, k)
		}
	}
	for k := range e {
		if !slices.Contains(fixed, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// SecretSource is where BuildKit reads a secret entry's value, as buildx
// hands it over: env= names a variable (read first when src= is given
// too), src= a file; with neither, the variable named like the id when
// env has it (set, even empty), else the file named like it. Exactly one
// of envName and file is set.
func (e Entry) SecretSource(env map[string]string) (envName, file string) {
	switch {
	case e["env"] != "":
		return e["env"], ""
	case e["src"] != "":
		return "", e["src"]
	}
	if _, ok := env[e["id"]]; ok {
		return e["id"], ""
	}
	return "", e["id"]
}

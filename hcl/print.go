package hcl

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/bkx-dev/bkx/internal/names"
)

// printOrder is the key order of a target in buildx's --print output.
// bkx-only attributes (builder, depends_on) are left out so that the
// output stays what buildx prints.
var printOrder = []string{
	"description", "annotations", "attest", "context", "contexts", "dockerfile", "dockerfile-inline",
	"args", "labels", "tags", "cache-from", "cache-to", "target", "secret", "ssh", "platforms",
	"output", "pull", "no-cache", "network", "no-cache-filter", "shm-size", "ulimits", "resources",
	"call", "entitlements", "extra-hosts", "policy",
}

// escaped lists the attributes whose strings --print escapes ("${" as
// "$${", "%{" as "%%{") so that the output reads back as a bake file.
var escaped = map[string]bool{"args": true, "labels": true, "annotations": true, "dockerfile-inline": true, "extra-hosts": true}

// numericResources print as numbers.
var resourceOrder = []string{"memory", "memory-swap", "cpu-shares", "cpu-period", "cpu-quota", "cpuset-cpus", "cpuset-mems"}
var numericResources = map[string]bool{"cpu-shares": true, "cpu-period": true, "cpu-quota": true}

// Print renders the selection as `docker buildx bake --print` does.
func (s *Selection) Print() []byte {
	var b bytes.Buffer
	b.WriteString(`{"group":{`)
	for i, name := range names.SortedKeys(s.Groups) {
		g := s.Groups[name]
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(&b, name)
		b.WriteString(`:{`)
		if g.Description != "" {
			b.WriteString(`"description":`)
			writeJSON(&b, g.Description)
			b.WriteByte(',')
		}
		b.WriteString(`"targets":`)
		writeJSON(&b, g.Targets) // nil prints null, as buildx prints a Compose file's empty default group
		b.WriteByte('}')
	}
	b.WriteString(`},"target":{`)
	for i, name := range names.SortedKeys(s.Targets) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(&b, name)
		b.WriteByte(':')
		writeTarget(&b, s.Targets[name])
	}
	b.WriteString(`}}`)
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		panic("hcl: invalid print JSON: " + err.Error())
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func writeTarget(b *bytes.Buffer, t *Target) {
	b.WriteByte('{')
	first := true
	key := func(k string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSON(b, k)
		b.WriteByte(':')
	}
	for _, name := range printOrder {
		f := fieldByName[name]
		esc := escaped[name]
		switch p := f.ptr(t).(type) {
		case **string:
			if *p == nil || (name == "description" && **p == "") {
				continue
			}
			key(name)
			writeJSON(b, escape(**p, esc))
		case **bool:
			if *p == nil {
				continue
			}
			key(name)
			writeJSON(b, **p)
		case *[]string:
			if len(*p) == 0 {
				continue
			}
			key(name)
			list := make([]string, len(*p))
			for i, s := range *p {
				list[i] = escape(s, esc)
			}
			writeJSON(b, list)
		case *map[string]*string:
			keys := presentKeys(*p)
			if len(keys) == 0 {
				continue
			}
			key(name)
			if name == "resources" {
				writeResources(b, *p)
				continue
			}
			b.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					b.WriteByte(',')
				}
				writeJSON(b, k)
				b.WriteByte(':')
				writeJSON(b, escape(*(*p)[k], esc))
			}
			b.WriteByte('}')
		case *[]Entry:
			if len(*p) == 0 {
				continue
			}
			key(name)
			b.WriteByte('[')
			for i, e := range *p {
				if i > 0 {
					b.WriteByte(',')
				}
				if f.entry == entryPolicy {
					writePolicy(b, e)
				} else {
					writeEntry(b, f.entry, e)
				}
			}
			b.WriteByte(']')
		}
	}
	b.WriteByte('}')
}

func presentKeys(m map[string]*string) []string {
	var keys []string
	for _, k := range names.SortedKeys(m) {
		if m[k] != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

func writeEntry(b *bytes.Buffer, kind entryKind, e Entry) {
	b.WriteByte('{')
	for i, k := range e.sortedKeys(kind) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(b, k)
		b.WriteByte(':')
		switch {
		case kind == entrySSH && k == "paths":
			writeJSON(b, strings.Split(e[k], ","))
		case kind == entryAttest && k == "disabled":
			b.WriteString("true")
		default:
			writeJSON(b, e[k])
		}
	}
	b.WriteByte('}')
}

// writePolicy prints a policy entry in the shape buildx prints.
func writePolicy(b *bytes.Buffer, e Entry) {
	boolean := func(k string) bool { return e[k] == "true" || e[k] == "1" }
	optional := func(k string) any {
		if v, ok := e[k]; ok {
			if k == "strict" {
				return boolean(k)
			}
			return v
		}
		return nil
	}
	writeJSON(b, map[string]any{
		"Files":    []map[string]any{{"Filename": e["filename"], "Data": nil}},
		"Reset":    boolean("reset"),
		"Disabled": boolean("disabled"),
		"Strict":   optional("strict"),
		"LogLevel": optional("log-level"),
	})
}

func writeResources(b *bytes.Buffer, m map[string]*string) {
	b.WriteByte('{')
	first := true
	for _, k := range append(resourceOrder, unknownKeys(m, resourceOrder)...) {
		v, ok := m[k]
		if !ok || v == nil {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSON(b, k)
		b.WriteByte(':')
		if numericResources[k] && json.Valid([]byte(*v)) {
			b.WriteString(*v)
		} else {
			writeJSON(b, *v)
		}
	}
	b.WriteByte('}')
}

func unknownKeys(m map[string]*string, known []string) []string {
	var out []string
	for _, k := range names.SortedKeys(m) {
		if !slices.Contains(known, k) {
			out = append(out, k)
		}
	}
	return out
}

func escape(s string, on bool) string {
	if !on {
		return s
	}
	s = strings.ReplaceAll(s, "${", "$${")
	return strings.ReplaceAll(s, "%{", "%%{")
}

// writeJSON encodes v as Go's encoding/json does (buildx's output escapes
// <, > and & the same way).
func writeJSON(b *bytes.Buffer, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic("hcl: " + err.Error())
	}
	b.Write(data)
}

// marshalValue renders a cty value as JSON.
func marshalValue(v cty.Value) ([]byte, error) {
	return ctyjson.Marshal(v, v.Type())
}

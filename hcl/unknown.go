package hcl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/internal/names"
)

// docker buildx bake ignores attributes and blocks it does not know, in
// targets, groups, variables and at the top level, so a file written for buildx (or for
// a newer buildx) resolves the same in bkx. bkx says so: each one is a
// located warning with a hint that fits, and --strict makes warnings
// errors.

// refusedByBuildx are the blocks whose unknown attributes buildx does not
// ignore but refuses (seen with buildx v0.38.2): they stay errors.
var refusedByBuildx = map[string]bool{"function": true, "validation": true}

// The summaries of HCL's own diagnostics for what a schema does not know.
const (
	hclUnsupportedArgument = "Unsupported argument"
	hclUnsupportedBlock    = "Unsupported block type"
	hclExtraneousJSON      = "Extraneous JSON object property"
)

// content reads a block's body against its schema. What the schema does
// not know is ignored, as buildx ignores it, with a warning; every other
// diagnostic is kept as it is. what names the block in messages, as in
// `target "app"`.
// ok is false when an error (not a warning) was reported.
func (ev *evaluator) content(body hcl.Body, schema *hcl.BodySchema, kind, what string) (content *hcl.BodyContent, ok bool) {
	content, diags := body.Content(schema)
	ok = true
	for _, d := range diags {
		if w := ev.unknownWarning(d, schema, kind, what); w != nil {
			d = w
		}
		ok = ok && d.Severity != hcl.DiagError
		ev.add(d)
	}
	if content == nil {
		content = &hcl.BodyContent{Attributes: hcl.Attributes{}}
	}
	return content, ok
}

// unknownWarning turns HCL's error for an unknown attribute or block into
// bkx's warning, or returns nil for any other diagnostic.
func (ev *evaluator) unknownWarning(d *hcl.Diagnostic, schema *hcl.BodySchema, kind, what string) *hcl.Diagnostic {
	if d.Subject == nil {
		return nil
	}
	isBlock := false
	switch d.Summary {
	case hclUnsupportedArgument, hclExtraneousJSON:
	case hclUnsupportedBlock:
		isBlock = true
	default:
		return nil
	}
	name := strings.Trim(string(d.Subject.SliceBytes(ev.source(d.Subject.Filename))), `"`)
	if name == "" {
		return nil
	}
	var attrs, blocks []string
	for _, a := range schema.Attributes {
		attrs = append(attrs, a.Name)
	}
	for _, b := range schema.Blocks {
		blocks = append(blocks, b.Type)
	}
	summary, noun := hclUnsupportedArgument, "attribute"
	if isBlock {
		summary, noun = hclUnsupportedBlock, "block"
	}
	hint := unknownHint(kind, name, isBlock, attrs, blocks)
	if refusedByBuildx[kind] {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  summary,
			Detail:   fmt.Sprintf("%s has no %s %q (docker buildx bake refuses it too).%s", upperFirst(what), noun, name, hint),
			Subject:  d.Subject,
		}
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  summary,
		Detail:   fmt.Sprintf("%s has no %s %q: docker buildx bake ignores it, and so does bkx.%s", upperFirst(what), noun, name, hint),
		Subject:  d.Subject,
	}
}

// unknownHint says what the writer most likely meant.
func unknownHint(kind, name string, isBlock bool, attrs, blocks []string) string {
	if kind == "target" {
		switch name {
		case "push":
			return ` To push, use output = ["type=image,push=true"] or --push.`
		case "load":
			return ` To load the image into docker, use output = ["type=docker"] or --load.`
		}
	}
	if isBlock && slices.Contains(attrs, name) {
		if kind == "target" && fieldByName[name] != nil && fieldByName[name].kind == kMap {
			return fmt.Sprintf(" %s is an attribute: %s = { ... }.", name, name)
		}
		return fmt.Sprintf(" %s is an attribute: %s = ...", name, name)
	}
	if !isBlock && slices.Contains(blocks, name) {
		return fmt.Sprintf(" %s is a block: %s { ... }.", name, name)
	}
	// depends-on for depends_on, cache_from for cache-from: the known
	// name spelled with the other separator.
	for _, k := range append(slices.Clone(attrs), blocks...) {
		if strings.EqualFold(strings.ReplaceAll(k, "_", "-"), strings.ReplaceAll(name, "_", "-")) {
			return fmt.Sprintf(" Did you mean %q?", k)
		}
	}
	known := attrs
	if isBlock {
		known = blocks
	}
	if s := names.Suggest(name, known); s != "" {
		return s
	}
	if len(known) > 0 && len(known) <= 12 {
		return fmt.Sprintf(" Known %ss: %s.", map[bool]string{false: "attribute", true: "block"}[isBlock], strings.Join(known, ", "))
	}
	return ""
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package plan

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/distribution/reference"
	"github.com/hashicorp/hcl/v2"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	bake "github.com/bkx-dev/bkx/hcl"
)

// fromTagWarnings warns about a target whose Dockerfile builds FROM an
// image that another selected target tags, when nothing orders the two:
// BuildKit pulls the image by name, so the target may build before the
// other one, or on a stale image. A named context of the FROM's name (the
// fix: contexts = { NAME = "target:OTHER" }) or a depends_on on the other
// target orders them, and silences the warning.
//
// It reads the Dockerfiles of local contexts (relative to workdir; with an
// empty workdir, only inline ones). A Dockerfile that cannot be read or
// parsed is left to the build to report.
func fromTagWarnings(sel *bake.Selection, workdir string) hcl.Diagnostics {
	type tagger struct{ target, tag string }
	tagged := map[string]tagger{}
	for _, name := range sel.Order {
		for _, tag := range sel.Targets[name].Tags {
			if ref, ok := normalizeRef(tag); ok {
				if _, seen := tagged[ref]; !seen {
					tagged[ref] = tagger{name, tag}
				}
			}
		}
	}
	if len(tagged) == 0 {
		return nil
	}
	var diags hcl.Diagnostics
	cache := map[string]*dockerfile{}
	for _, name := range sel.Order {
		t := sel.Targets[name]
		df := readDockerfile(t, workdir, cache)
		if df == nil {
			continue
		}
		for _, from := range df.bases(t.Args) {
			ref, ok := normalizeRef(from.image)
			other := tagged[ref]
			if !ok || other.target == "" || other.target == name || slices.Contains(t.DependsOn, other.target) || hasNamedContext(t, from.image, ref) {
				continue
			}
			diags = append(diags, fromTagWarning(t, sel.Targets[other.target], df, from, other.tag))
		}
	}
	return diags
}

func fromTagWarning(t, other *bake.Target, df *dockerfile, from baseImage, tag string) *hcl.Diagnostic {
	tagsAt := "its tags attribute"
	if r, ok := other.Ranges["tags"]; ok && r.Filename != "" {
		tagsAt = fmt.Sprintf("tags at %s:%d", r.Filename, r.Start.Line)
	}
	what := fmt.Sprintf("FROM %s", from.image)
	subject := df.lineRange(from.line)
	if df.inline {
		what = fmt.Sprintf("FROM %s (line %d of its dockerfile-inline)", from.image, from.line)
		subject = df.at
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  "Base image built by another target",
		Detail: fmt.Sprintf("Target %q builds %s, the image %q that target %q tags (%s), but nothing orders the two builds: %q may build first, or on a stale image. Build on what %q builds instead: add contexts = { %q = \"target:%s\" } to target %q.",
			t.Name, what, tag, other.Name, tagsAt, t.Name, other.Name, from.image, other.Name, t.Name),
		Subject: subject,
	}
}

// normalizeRef is an image reference in its full form, so that
// docker.io/library/alpine:latest and alpine compare equal.
func normalizeRef(s string) (string, bool) {
	named, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return "", false
	}
	return reference.TagNameOnly(named).String(), true
}

// hasNamedContext reports whether the target gives the FROM's image as a
// named context, under its name as written or an equal reference.
func hasNamedContext(t *bake.Target, image, ref string) bool {
	for k := range t.Contexts {
		if k == image {
			return true
		}
		if r, ok := normalizeRef(k); ok && r == ref {
			return true
		}
	}
	return false
}

// dockerfile is a parsed Dockerfile: the file's path as diagnostics name
// it (relative to the working directory) or, inline, the attribute.
type dockerfile struct {
	name   string
	data   []byte
	inline bool
	at     *hcl.Range // the dockerfile-inline attribute
	res    *parser.Result
	stages []instructions.Stage
	meta   []instructions.ArgCommand
}

// maxDockerfile bounds what is read: a Dockerfile is a few kilobytes.
const maxDockerfile = 1 << 20

// readDockerfile reads and parses a target's Dockerfile, or returns nil.
// Files are read once per path.
func readDockerfile(t *bake.Target, workdir string, cache map[string]*dockerfile) *dockerfile {
	if t.DockerfileInline != nil {
		df := &dockerfile{data: []byte(*t.DockerfileInline), inline: true}
		if r, ok := t.Ranges["dockerfile-inline"]; ok && r.Filename != "" {
			df.at = r.Ptr()
		} else if t.DefRange.Filename != "" {
			df.at = t.DefRange.Ptr()
		}
		return df.parse()
	}
	path, ok := t.DockerfilePath()
	if !ok || workdir == "" {
		return nil
	}
	abs, name := path, path
	if !filepath.IsAbs(path) {
		abs = filepath.Join(workdir, path)
	} else if rel, err := filepath.Rel(workdir, path); err == nil && !strings.HasPrefix(rel, "..") {
		name = rel
	}
	if df, ok := cache[abs]; ok {
		return df
	}
	cache[abs] = nil
	st, err := os.Stat(abs)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxDockerfile {
		return nil
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil
	}
	df := (&dockerfile{name: filepath.ToSlash(name), data: data}).parse()
	cache[abs] = df
	return df
}

func (df *dockerfile) parse() *dockerfile {
	res, err := parser.Parse(bytes.NewReader(df.data))
	if err != nil {
		return nil
	}
	stages, meta, err := instructions.Parse(res.AST, linter.New(&linter.Config{SkipAll: true}))
	if err != nil {
		return nil
	}
	df.res, df.stages, df.meta = res, stages, meta
	return df
}

// baseImage is the image a FROM names, with its line.
type baseImage struct {
	image string
	line  int
}

// bases are the images the stages build FROM, ARGs expanded with the
// target's args, else the ARG defaults. A FROM naming an earlier stage,
// scratch, or an ARG without a known value is left out.
func (df *dockerfile) bases(args map[string]*string) []baseImage {
	lex := shell.NewLex(df.res.EscapeToken)
	env := argEnv{}
	for _, a := range df.meta {
		for _, kv := range a.Args {
			if v := args[kv.Key]; v != nil {
				env[kv.Key] = *v
			} else if kv.Value != nil {
				if r, err := lex.ProcessWordWithMatches(*kv.Value, env); err == nil && len(r.Unmatched) == 0 {
					env[kv.Key] = r.Result
				}
			}
		}
	}
	var out []baseImage
	var stages []string
	for _, s := range df.stages {
		r, err := lex.ProcessWordWithMatches(s.BaseName, env)
		image := r.Result
		if err == nil && len(r.Unmatched) == 0 && image != "" && image != "scratch" && !slices.Contains(stages, strings.ToLower(image)) && len(s.Location) > 0 {
			out = append(out, baseImage{image: image, line: s.Location[0].Start.Line})
		}
		if s.Name != "" {
			stages = append(stages, s.Name)
		}
	}
	return out
}

// lineRange is the range of one line of the file.
func (df *dockerfile) lineRange(line int) *hcl.Range {
	off := 0
	for i := 1; i < line; i++ {
		n := bytes.IndexByte(df.data[off:], '\n')
		if n < 0 {
			break
		}
		off += n + 1
	}
	text := bytes.TrimRight(lineAt(df.data[off:]), "\r")
	return &hcl.Range{
		Filename: df.name,
		Start:    hcl.Pos{Line: line, Column: 1, Byte: off},
		End:      hcl.Pos{Line: line, Column: 1 + utf8.RuneCount(text), Byte: off + len(text)},
	}
}

func lineAt(b []byte) []byte {
	if n := bytes.IndexByte(b, '\n'); n >= 0 {
		return b[:n]
	}
	return b
}

// argEnv is the ARG values a FROM is expanded with.
type argEnv map[string]string

func (e argEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }

func (e argEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	return keys
}

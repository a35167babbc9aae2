package hcl

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// A build file may include others, a bkx addition that buildx does not
// know (to buildx, a top-level attribute is a variable):
//
//	include = ["services/*/build.hcl"]
//
// The rules:
//   - Only a list of string literals is an include list; any other value
//     of a top-level include is the variable buildx sees.
//   - Each entry is a path or a glob (path.Match syntax) relative to the
//     folder of the including file. The files come right after the file
//     that includes them, entry by entry, a glob's matches in lexical
//     order, each followed by its own includes (depth first), and are
//     merged as if named with -f in that order.
//   - A file is read once: the include of a file already read, or named
//     with -f (it stays where -f puts it), is skipped. An include back
//     into a file being expanded is a cycle, and an error.
//   - Parse knows an included file by the include entries of the others
//     (includeDirs), so a list of files read another way (the same files
//     at a git ref, for --changed-since) is read the same, and a file
//     another includes is an included file even when named with -f.
//   - An entry that names no file (a path that does not exist, a glob
//     that matches none) is an error at that entry.
//   - Relative local paths in an included file mean what they would if
//     bake ran in that file's folder: context (and the default context of
//     a target defined there), local named contexts (also oci-layout://),
//     secret sources, ssh key paths, output destinations and local cache
//     folders are rebased onto the folder, relative to the working
//     directory. The dockerfile stays relative to the context, as in
//     buildx. cwd:// paths and remote URLs are left alone.

// includeAttr is the top-level attribute that lists included files.
const includeAttr = "include"

// includeEntry is one entry of an include list, with its range.
type includeEntry struct {
	pattern string
	at      hcl.Range
}

// expandIncludes returns files with, after each, the files it includes
// (read through fsys), depth first.
func expandIncludes(fsys fs.FS, files []File) ([]File, hcl.Diagnostics) {
	x := &includer{fsys: fsys, read: map[string]bool{}}
	for _, f := range files {
		x.read[x.canonical(f.Name)] = true
	}
	for _, f := range files {
		x.expand(f)
	}
	return x.out, x.diags
}

type includer struct {
	fsys  fs.FS
	read  map[string]bool // every file read or to be read, by canonical name
	stack []string        // files being expanded, for cycles
	out   []File
	diags hcl.Diagnostics
	known []knownFile
}

type knownFile struct {
	name string
	info fs.FileInfo
}

// canonical is the name a file was first met under: the same file under
// another name (through "..", or a link) is recognized by os.SameFile
// where fsys is the operating system's.
func (x *includer) canonical(name string) string {
	name = path.Clean(name)
	info, err := fs.Stat(x.fsys, name)
	for _, k := range x.known {
		if k.name == name || (err == nil && k.info != nil && os.SameFile(k.info, info)) {
			return k.name
		}
	}
	if err != nil {
		info = nil
	}
	x.known = append(x.known, knownFile{name, info})
	return name
}

func (x *includer) expand(f File) {
	x.out = append(x.out, f)
	entries := includeList(f)
	if len(entries) == 0 {
		return
	}
	x.stack = append(x.stack, x.canonical(f.Name))
	defer func() { x.stack = x.stack[:len(x.stack)-1] }()
	dir := path.Dir(f.Name)
	for _, e := range entries {
		for _, name := range x.match(f.Name, dir, e) {
			name = x.canonical(name)
			if i := slices.Index(x.stack, name); i >= 0 {
				x.diags = append(x.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Include cycle",
					Detail: fmt.Sprintf("%s → %s. A build file cannot include itself, directly or through the files it includes. Remove %q from the include of %s, or narrow the pattern.",
						strings.Join(x.stack[i:], " → "), name, e.pattern, f.Name),
					Subject: e.at.Ptr(),
				})
				continue
			}
			if x.read[name] {
				continue
			}
			x.read[name] = true
			data, err := fs.ReadFile(x.fsys, name)
			if err != nil {
				x.diags = append(x.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Cannot read included file",
					Detail:   fmt.Sprintf("%s: %v. Make it readable, or remove %q from the include.", name, err, e.pattern),
					Subject:  e.at.Ptr(),
				})
				continue
			}
			x.expand(File{Name: name, Data: data})
		}
	}
}

// match returns the files an entry names, by clean name relative to
// fsys, reporting an entry that names none.
func (x *includer) match(from, dir string, e includeEntry) []string {
	fail := func(summary, detail string) []string {
		x.diags = append(x.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: e.at.Ptr()})
		return nil
	}
	p := e.pattern
	if !path.IsAbs(p) {
		p = path.Join(dir, p)
	}
	where := fmt.Sprintf("(%q is relative to the folder of %s)", e.pattern, from)
	var names []string
	if strings.ContainsAny(e.pattern, `*?[\`) {
		matches, err := fs.Glob(x.fsys, p)
		if err != nil {
			return fail("Invalid include pattern", fmt.Sprintf("%q is not a valid glob pattern: %v. Patterns use *, ? and [...] within one folder, as in services/*/build.hcl.", e.pattern, err))
		}
		for _, m := range matches {
			if st, err := fs.Stat(x.fsys, m); err == nil && st.Mode().IsRegular() {
				names = append(names, m)
			}
		}
		if len(names) == 0 {
			return fail("Include matches no file", fmt.Sprintf("No file matches %s %s. Check the pattern, or remove it from include.", p, where))
		}
	} else {
		st, err := fs.Stat(x.fsys, p)
		switch {
		case err != nil:
			return fail("Included file not found", fmt.Sprintf("%s does not exist %s. Check the path, or remove it from include.", p, where))
		case st.IsDir():
			return fail("Included file is a folder", fmt.Sprintf("%s is a folder. Include the build files in it, as in %q.", p, path.Join(e.pattern, "*.hcl")))
		case !st.Mode().IsRegular():
			return fail("Included file is not a regular file", fmt.Sprintf("%s is not a regular file. Include a build file.", p))
		}
		names = []string{p}
	}
	for i, n := range names {
		if isCompose(n) {
			return fail("Compose file included", fmt.Sprintf("%s is a Compose file; include reads build files (.hcl, .json) only. Name it with -f instead.", n))
		}
		names[i] = path.Clean(n)
	}
	return names
}

// includeList reads the include list of a file: the top-level include
// attribute when it is a list of string literals. A file that does not
// parse has none here; Parse reports why.
func includeList(f File) []includeEntry {
	if isCompose(f.Name) || !bytes.Contains(f.Data, []byte(includeAttr)) || checkNesting(f) != nil {
		return nil
	}
	var body hcl.Body
	if path.Ext(f.Name) == ".json" || (path.Ext(f.Name) != ".hcl" && looksLikeJSON(f.Data)) {
		hf, d := json.Parse(f.Data, f.Name)
		if d.HasErrors() {
			return nil
		}
		body = hf.Body
	} else {
		hf, d := hclsyntax.ParseConfig(f.Data, f.Name, hcl.InitialPos)
		if d.HasErrors() {
			return nil
		}
		body = hf.Body
	}
	content, _, d := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: includeAttr}}})
	if d.HasErrors() {
		return nil
	}
	a, ok := content.Attributes[includeAttr]
	if !ok {
		return nil
	}
	return stringLiterals(a.Expr)
}

// stringLiterals returns the elements of a list of string literals, or
// nil when the expression is anything else.
func stringLiterals(expr hcl.Expression) []includeEntry {
	exprs, d := hcl.ExprList(expr)
	if d.HasErrors() {
		return nil
	}
	out := make([]includeEntry, 0, len(exprs))
	for _, e := range exprs {
		v, d := e.Value(nil)
		if d.HasErrors() || v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.String) {
			return nil
		}
		out = append(out, includeEntry{pattern: v.AsString(), at: e.Range()})
	}
	return out
}

// includeDirs maps the name of each included file to its folder: the
// files that an include entry of another file names (as ReadFiles names
// them), so that any list of files, such as the same files read at a git
// ref, is read the same way.
func includeDirs(files []File) map[string]string {
	dirs := map[string]string{}
	for _, f := range files {
		for _, e := range includeList(f) {
			p := e.pattern
			if !path.IsAbs(p) {
				p = path.Join(path.Dir(f.Name), p)
			}
			for _, g := range files {
				if g.Name == f.Name || g.Aux {
					continue
				}
				if ok, _ := path.Match(p, path.Clean(g.Name)); ok || p == path.Clean(g.Name) {
					dirs[g.Name] = path.Dir(g.Name)
				}
			}
		}
	}
	return dirs
}

// rebaseIncluded rebases the relative local paths of every target
// attribute set in an included file onto that file's folder. The file
// that set an attribute is the one its range names (for a target defined
// in several files, the last that set it).
func (ev *evaluator) rebaseIncluded(dirs map[string]string) {
	if len(dirs) == 0 {
		return
	}
	for _, name := range ev.targetOrder {
		if inst := ev.targets[name]; inst != nil {
			inst.t.rebaseIncluded(dirs)
		}
	}
}

func (t *Target) rebaseIncluded(dirs map[string]string) {
	dirOf := func(attr string) (string, bool) {
		r, ok := t.Ranges[attr]
		if !ok {
			return "", false
		}
		dir, ok := dirs[r.Filename]
		return dir, ok
	}
	if dir, ok := dirOf("context"); ok && t.Context != nil && *t.Context != "" {
		c := rebaseLocal(dir, *t.Context)
		t.Context = &c
	}
	if dir, ok := dirOf("contexts"); ok {
		for k, v := range t.Contexts {
			if v == nil {
				continue
			}
			c := *v
			if p, ok := strings.CutPrefix(c, "oci-layout://"); ok {
				c = "oci-layout://" + rebaseLocal(dir, p)
			} else if !strings.HasPrefix(c, "target:") {
				c = rebaseLocal(dir, c)
			}
			t.Contexts[k] = &c
		}
	}
	rebaseEntries := func(attr string, list []Entry, key string, isPath func(Entry) bool) {
		dir, ok := dirOf(attr)
		if !ok {
			return
		}
		for i, e := range list {
			if v, has := e[key]; has && isPath(e) {
				e = maps.Clone(e)
				e[key] = rebaseLocal(dir, v)
				list[i] = e
			}
		}
	}
	local := func(e Entry) bool { return e.Type() == "local" }
	// (The src of a type=env secret names a variable.)
	rebaseEntries("secret", t.Secret, "src", func(e Entry) bool { return e.Type() != "env" })
	rebaseEntries("output", t.Output, "dest", func(Entry) bool { return true })
	rebaseEntries("cache-from", t.CacheFrom, "src", local)
	rebaseEntries("cache-to", t.CacheTo, "dest", local)
	if dir, ok := dirOf("ssh"); ok {
		for i, e := range t.SSH {
			if ps, has := e["paths"]; has && ps != "" {
				parts := strings.Split(ps, ",")
				for j, p := range parts {
					parts[j] = rebaseLocal(dir, p)
				}
				e = maps.Clone(e)
				e["paths"] = strings.Join(parts, ",")
				t.SSH[i] = e
			}
		}
	}
}

// rebaseLocal puts a relative local path under dir; absolute paths,
// cwd:// paths, remote URLs and "-" (standard input or output) are kept.
func rebaseLocal(dir, p string) string {
	if p == "" || p == "-" || path.IsAbs(p) || strings.HasPrefix(p, "cwd://") || IsRemote(p) || strings.HasPrefix(p, "~") {
		return p
	}
	return path.Join(dir, p)
}

// defaultContext gives a target defined in an included file, with no
// context of its own or inherited, that file's folder as its context.
func (p *Project) defaultContext(t *Target) {
	if t.Context != nil && *t.Context != "" {
		return
	}
	if dir, ok := p.includeDirs[t.DefRange.Filename]; ok {
		t.Context = &dir
	}
}

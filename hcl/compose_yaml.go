package hcl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	composetypes "github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"

	"github.com/bkx-dev/bkx/internal/names"
)

// composeLocator finds where a Compose attribute is written, for ranges.
type composeLocator struct {
	docs []yamlDoc
}

// yamlDoc is one Compose file's YAML tree (nil when it does not parse)
// and the byte offset of each line.
type yamlDoc struct {
	name  string
	data  []byte
	root  *yaml.Node
	lines []int
	// valid is true when the file is YAML.
	valid bool
}

func newComposeLocator(files []File) *composeLocator {
	l := &composeLocator{}
	for _, f := range files {
		d := yamlDoc{name: f.Name, data: f.Data, lines: []int{0}}
		for i, c := range f.Data {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
		var n yaml.Node
		d.valid = yaml.Unmarshal(f.Data, &n) == nil
		if d.valid && len(n.Content) > 0 {
			d.root = n.Content[0]
		}
		l.docs = append(l.docs, d)
	}
	return l
}

// locate finds the key at path (mapping keys and list indexes) in the
// last file that has it; when no file has all of it, the closest
// ancestor found.
func (l *composeLocator) locate(path ...string) (hcl.Range, bool) {
	for n := len(path); n > 0; n-- {
		for i := len(l.docs) - 1; i >= 0; i-- {
			if node := l.docs[i].find(path[:n]); node != nil {
				return l.docs[i].rangeOf(node), n == len(path)
			}
		}
	}
	return hcl.Range{}, false
}

// locateIn finds a dotted path from a compose-go message ("services.web.build.args")
// in one file; names may hold dots themselves.
func (l *composeLocator) locateIn(file, dotted string) (hcl.Range, bool) {
	for _, d := range l.docs {
		if d.name == file && d.root != nil {
			if node := d.findDotted(d.root, dotted, nil); node != nil {
				return d.rangeOf(node), true
			}
		}
	}
	return hcl.Range{}, false
}

// locateDotted is locateIn over every file, the last first.
func (l *composeLocator) locateDotted(dotted string) (hcl.Range, bool) {
	for i := len(l.docs) - 1; i >= 0; i-- {
		if r, ok := l.locateIn(l.docs[i].name, dotted); ok {
			return r, true
		}
	}
	return hcl.Range{}, false
}

// at is the range of one character at a line and column of file.
func (l *composeLocator) at(file string, line, col int) (hcl.Range, bool) {
	for _, d := range l.docs {
		if d.name == file && line >= 1 && line <= len(d.lines) {
			return d.rangeAt(line, col, 1), true
		}
	}
	return hcl.Range{}, false
}

// atByte is the range of the character at a byte offset of file.
func (l *composeLocator) atByte(file string, off int) (hcl.Range, bool) {
	for _, d := range l.docs {
		if d.name == file && off >= 0 && off <= len(d.data) {
			line, _ := slices.BinarySearch(d.lines, off+1)
			start := d.lines[line-1]
			return d.rangeAt(line, 1+utf8.RuneCount(d.data[start:off]), 1), true
		}
	}
	return hcl.Range{}, false
}

// fileNamed returns the file a compose-go message is about.
func (l *composeLocator) fileNamed(msg string) string {
	best := ""
	for _, d := range l.docs {
		for _, prefix := range []string{"failed to parse ", "validating "} {
			if strings.HasPrefix(msg, prefix+d.name+":") && len(d.name) > len(best) {
				best = d.name
			}
		}
	}
	return best
}

// serviceOrder lists the project's services in the order the files first
// write them, then any other (from an include) by name.
func (l *composeLocator) serviceOrder(p *composetypes.Project) []string {
	var out []string
	for _, d := range l.docs {
		if svcs := mapValue(d.root, "services"); svcs != nil {
			for i := 0; i+1 < len(svcs.Content); i += 2 {
				name := svcs.Content[i].Value
				if _, ok := p.Services[name]; ok && !slices.Contains(out, name) {
					out = append(out, name)
				}
			}
		}
	}
	for _, name := range names.SortedKeys(p.Services) {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// find walks path from the root; it returns the key node of the last
// mapping step (or the element of a list step).
func (d *yamlDoc) find(path []string) *yaml.Node {
	n, at := d.root, d.root
	for _, p := range path {
		if n == nil {
			return nil
		}
		n = yamlDeref(n)
		switch n.Kind {
		case yaml.MappingNode:
			k, v := mapEntry(n, p)
			if k == nil {
				return nil
			}
			n, at = v, k
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n, at = n.Content[i], n.Content[i]
		default:
			return nil
		}
	}
	return at
}

// findDotted walks a dotted path, matching the longest key at each step.
func (d *yamlDoc) findDotted(n *yaml.Node, dotted string, at *yaml.Node) *yaml.Node {
	if dotted == "" {
		return at
	}
	n = yamlDeref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		var best, bestVal *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if (dotted == k || strings.HasPrefix(dotted, k+".")) && (best == nil || len(k) > len(best.Value)) {
				best, bestVal = n.Content[i], n.Content[i+1]
			}
		}
		if best == nil {
			return nil
		}
		return d.findDotted(bestVal, strings.TrimPrefix(strings.TrimPrefix(dotted, best.Value), "."), best)
	case yaml.SequenceNode:
		p, rest, _ := strings.Cut(dotted, ".")
		i, err := strconv.Atoi(p)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil
		}
		return d.findDotted(n.Content[i], rest, n.Content[i])
	}
	return nil
}

// mapEntry finds a key in a mapping, also in the mappings it merges (<<).
func mapEntry(n *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "<<" {
			if m := yamlDeref(n.Content[i+1]); m != nil && m.Kind == yaml.MappingNode {
				if k, v := mapEntry(m, key); k != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n = yamlDeref(n); n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	_, v := mapEntry(n, key)
	return yamlDeref(v)
}

func yamlDeref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// rangeOf is the range of a node: a scalar on one line whole, else its
// first character.
func (d *yamlDoc) rangeOf(n *yaml.Node) hcl.Range {
	width := 1
	if n.Kind == yaml.ScalarNode && n.Style == 0 && !strings.Contains(n.Value, "\n") {
		width = len(n.Value)
	}
	return d.rangeAt(n.Line, n.Column, width)
}

// rangeAt converts a line and column (in characters) to a range of width
// bytes, kept on the line.
func (d *yamlDoc) rangeAt(line, col, width int) hcl.Range {
	if line < 1 || line > len(d.lines) {
		line, col = 1, 1
	}
	start := d.lines[line-1]
	end := len(d.data)
	if line < len(d.lines) {
		end = d.lines[line] - 1
	}
	off := start
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(d.data[off:end])
		off += size
	}
	stop := min(off+max(width, 1), end)
	if stop <= off {
		stop = off
	}
	return hcl.Range{
		Filename: d.name,
		Start:    hcl.Pos{Line: line, Column: col, Byte: off},
		End:      hcl.Pos{Line: line, Column: col + utf8.RuneCount(d.data[off:stop]), Byte: stop},
	}
}

// unsetVars warns, at the value, about each plain $VAR or ${VAR} that env
// does not set: it reads as "", as in buildx (which warns without a place).
func (d *yamlDoc) unsetVars(env map[string]string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.ScalarNode {
			for _, name := range plainRefs(n.Value) {
				if _, ok := env[name]; !ok {
					diags = append(diags, &hcl.Diagnostic{
						Severity: hcl.DiagWarning,
						Summary:  "Variable not set",
						Detail:   fmt.Sprintf("%s is not set, so it reads as an empty string (as in docker buildx bake). Set it in the environment or in .env, or give a default: ${%s:-default}.", name, name),
						Subject:  d.rangeOf(n).Ptr(),
					})
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.root)
	return diags
}

// plainRefs lists the variables a Compose string reads without a default
// or a condition ($VAR, ${VAR}); "$$" is a literal "$".
func plainRefs(s string) []string {
	var out []string
	isName := func(c byte, first bool) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		switch {
		case s[i+1] == '$':
			i++
		case s[i+1] == '{':
			j := i + 2
			for j < len(s) && isName(s[j], j == i+2) {
				j++
			}
			if j < len(s) && s[j] == '}' && j > i+2 {
				out = append(out, s[i+2:j])
			}
			// Skip the braces, nested ones too.
			depth := 1
			for j = i + 2; j < len(s) && depth > 0; j++ {
				switch s[j] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			i = j - 1
		case isName(s[i+1], true):
			j := i + 1
			for j < len(s) && isName(s[j], j == i+1) {
				j++
			}
			out = append(out, s[i+1:j])
			i = j - 1
		}
	}
	return out
}

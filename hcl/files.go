package hcl

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// File is one build file's name (as the user wrote it, used in every
// diagnostic) and contents.
type File struct {
	Name string
	Data []byte
	// Aux marks a file read for the Compose files, not a build file: the
	// working directory's .env (Compose files read their ${VAR} values
	// from the environment, then from it) and the services' env_file and
	// label_file files.
	Aux bool
}

// DefaultFiles are the files loaded, in this order and merged, when no file
// is named: the Compose names docker buildx bake looks for (read first,
// whatever the order, as buildx does), bkx's own names, then buildx's bake
// names.
var DefaultFiles = append(append([]string{}, composeFiles...),
	"build.hcl",
	"build.json",
	"build.override.hcl",
	"build.override.json",
	"docker-bake.json",
	"docker-bake.hcl",
	"docker-bake.override.json",
	"docker-bake.override.hcl",
)

// composeFiles are the Compose names buildx looks for, in its order (that
// of compose-go); a later one overrides an earlier one's services.
// compose.override.yaml is not among them: buildx does not read it.
var composeFiles = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}

// ReadFiles reads the build files to load. names are the -f arguments
// ("-" is stdin); with none, BUILDX_BAKE_FILE from env (a list split by
// BUILDX_BAKE_PATH_SEPARATOR, default ":") is used; with neither, every
// existing file of DefaultFiles. Paths are relative to fsys. Each file is
// followed by the files it includes (include.go). When Compose files are
// among them, the files they read are read too (Aux files).
func ReadFiles(fsys fs.FS, names []string, env map[string]string, stdin io.Reader) ([]File, hcl.Diagnostics) {
	if len(names) == 0 && env["BUILDX_BAKE_FILE"] != "" {
		sep := env["BUILDX_BAKE_PATH_SEPARATOR"]
		if sep == "" {
			sep = ":"
		}
		for _, n := range strings.Split(env["BUILDX_BAKE_FILE"], sep) {
			if n != "" {
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		for _, n := range DefaultFiles {
			if _, err := fs.Stat(fsys, n); err == nil {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "No build file found",
				Detail:   fmt.Sprintf("bkx looks for %s in the current directory. Create one of them, or name a file with -f.", strings.Join(DefaultFiles, ", ")),
			}}
		}
	}
	var files []File
	var diags hcl.Diagnostics
	for _, n := range names {
		var data []byte
		var err error
		if n == "-" {
			if stdin == nil {
				err = fmt.Errorf("no standard input")
			} else {
				data, err = io.ReadAll(stdin)
			}
		} else {
			data, err = fs.ReadFile(fsys, n)
		}
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Cannot read build file",
				Detail:   fmt.Sprintf("%s: %v. Check the -f argument or BUILDX_BAKE_FILE.", n, err),
			})
			continue
		}
		files = append(files, File{Name: n, Data: data})
	}
	files, idiags := expandIncludes(fsys, files)
	diags = append(diags, idiags...)
	files = append(files, readComposeAux(fsys, files, env)...)
	return files, diags
}

// isCompose reports whether a file name says Compose: *.yml or *.yaml,
// in any case, as buildx decides.
func isCompose(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yml" || ext == ".yaml"
}

// isBakeName reports whether a file name says HCL or JSON: buildx never
// reads those as Compose.
func isBakeName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".hcl" || ext == ".json"
}

// parseFiles parses every file, HCL or JSON by extension; other names are
// JSON when they start with "{" (an HCL body cannot), else HCL. It returns the parsed files
// in order and the parser, whose file map renders snippets.
func parseFiles(files []File) ([]*hcl.File, *hclparse.Parser, hcl.Diagnostics) {
	p := hclparse.NewParser()
	var out []*hcl.File
	var diags hcl.Diagnostics
	for _, f := range files {
		if d := checkNesting(f); d != nil {
			diags = append(diags, d)
			continue
		}
		var hf *hcl.File
		var d hcl.Diagnostics
		if path.Ext(f.Name) == ".json" || (path.Ext(f.Name) != ".hcl" && looksLikeJSON(f.Data)) {
			hf, d = p.ParseJSON(f.Data, f.Name)
		} else {
			hf, d = p.ParseHCL(f.Data, f.Name)
		}
		if !d.HasErrors() {
			d = append(d, checkNumbers(hf, f)...)
		}
		diags = append(diags, d...)
		if hf != nil && !d.HasErrors() {
			out = append(out, hf)
		}
	}
	return out, p, diags
}

func looksLikeJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

// maxNesting bounds how deeply brackets may nest. The HCL parsers recurse
// once per level; a hostile file nested a million deep would otherwise
// use a lot of stack before failing.
const maxNesting = 256

// checkNesting rejects files whose brackets nest deeper than maxNesting,
// pointing at the bracket that goes too deep. Brackets inside quoted
// strings and comments are counted too, which only errs on the safe side
// for absurd files.
func checkNesting(f File) *hcl.Diagnostic {
	depth, line, col := 0, 1, 1
	for i, c := range f.Data {
		switch c {
		case '{', '[', '(':
			depth++
			if depth > maxNesting {
				pos := hcl.Pos{Line: line, Column: col, Byte: i}
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Nesting too deep",
					Detail:   fmt.Sprintf("Brackets nest more than %d levels deep here. Flatten the expression or split it into variables.", maxNesting),
					Subject:  &hcl.Range{Filename: f.Name, Start: pos, End: hcl.Pos{Line: line, Column: col + 1, Byte: i + 1}},
				}
			}
		case '}', ']', ')':
			if depth > 0 {
				depth--
			}
		}
		if c == '\n' {
			line, col = line+1, 1
		} else if c&0xC0 != 0x80 {
			col++
		}
	}
	return nil
}

// maxExponent bounds the decimal exponent of number literals. Printing a
// number means writing every digit: 1e600000000 would take minutes and
// gigabytes, and nothing real needs more than a few hundred digits.
const maxExponent = 4096

// bigExponent finds a JSON number with a five-digit exponent; the
// surrounding characters keep digests and names ("sha256:1e12345ab") out.
var bigExponent = regexp.MustCompile(`(?:^|[\s\[{:,])-?[0-9]+(?:\.[0-9]+)?[eE][+-]?0*[0-9]{5,}(?:$|[\s\]},])`)

// checkNumbers rejects number literals too large to print. HCL literals
// are checked in the syntax tree; JSON files, which have no public tree,
// by pattern.
func checkNumbers(hf *hcl.File, f File) hcl.Diagnostics {
	tooBig := func(r hcl.Range) *hcl.Diagnostic {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Number too large",
			Detail:   fmt.Sprintf("Number literals may have at most %d digits. Write a smaller number, or a string.", maxExponent),
			Subject:  r.Ptr(),
		}
	}
	var diags hcl.Diagnostics
	if body, ok := hf.Body.(*hclsyntax.Body); ok {
		hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.Number && lit.Val.IsKnown() && !lit.Val.IsNull() {
				if bf := lit.Val.AsBigFloat(); !bf.IsInf() && abs(bf.MantExp(nil)) > maxExponent*10/3 {
					diags = append(diags, tooBig(lit.SrcRange))
				}
			}
			return nil
		})
		return diags
	}
	for _, loc := range bigExponent.FindAllIndex(f.Data, -1) {
		diags = append(diags, tooBig(rangeAt(f, loc[0], loc[1])))
	}
	return diags
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// rangeAt converts byte offsets in a file to a range.
func rangeAt(f File, start, end int) hcl.Range {
	pos := func(off int) hcl.Pos {
		line := 1 + bytes.Count(f.Data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(f.Data[:off], '\n')
		return hcl.Pos{Line: line, Column: col, Byte: off}
	}
	return hcl.Range{Filename: f.Name, Start: pos(start), End: pos(end)}
}

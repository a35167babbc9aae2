package hcl

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format returns an HCL build file in canonical layout, as `bkx fmt`
// writes it: hclwrite's layout (two spaces of indentation per nesting
// level, one space around operators and after commas, the `=` of
// consecutive attributes and their trailing comments aligned), line
// comments without trailing blanks, and exactly one newline at the end
// (none for an empty file). Comments are kept; heredocs and strings are
// left byte for byte. Formatting a formatted file returns it unchanged.
//
// Only whitespace between tokens changes, so the file means what it
// meant: the result is lexed again and compared token by token with the
// original, and any other difference is an error rather than a rewrite.
//
// A file that does not parse gets its diagnostics and no result; so does
// a JSON or Compose file, which is not formatted.
func Format(f File) ([]byte, hcl.Diagnostics) {
	if d := checkFormattable(f); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	if d := checkNesting(f); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	if _, diags := hclsyntax.ParseConfig(f.Data, f.Name, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	out := hclwrite.Format(f.Data)
	out = trimLineComments(out)
	out = endWithNewline(out)
	if !sameTokens(f.Data, out) {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot format this file safely",
			Detail:   fmt.Sprintf("Formatting %s would change more than the whitespace between tokens, so it is left as it is. This is a bug in bkx fmt: please report it with the file.", f.Name),
		}}
	}
	if _, diags := hclsyntax.ParseConfig(out, f.Name, hcl.InitialPos); diags.HasErrors() {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot format this file safely",
			Detail:   fmt.Sprintf("The formatted %s does not parse, so it is left as it is. This is a bug in bkx fmt: please report it with the file.", f.Name),
		}}
	}
	return out, nil
}

// checkFormattable refuses the files that are not HCL, by the rule
// parseFiles reads them with: *.json is JSON, *.yml and *.yaml are
// Compose, and another name starting with "{" is JSON.
func checkFormattable(f File) *hcl.Diagnostic {
	kind := ""
	switch ext := strings.ToLower(path.Ext(f.Name)); {
	case ext == ".hcl":
	case ext == ".json":
		kind = "a JSON build file"
	case isCompose(f.Name):
		kind = "a Compose file"
	case looksLikeJSON(f.Data):
		kind = "JSON"
	}
	if kind == "" {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Not an HCL file",
		Detail:   fmt.Sprintf("%s is %s; bkx fmt formats HCL build files only. Leave it out of the files to format.", f.Name, kind),
	}
}

// trimLineComments drops the blanks at the end of # and // comments.
func trimLineComments(src []byte) []byte {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	var out []byte
	last := 0
	for _, t := range toks {
		if t.Type != hclsyntax.TokenComment || !isLineComment(t.Bytes) {
			continue
		}
		body, eol := splitEOL(t.Bytes)
		trimmed := bytes.TrimRight(body, " \t")
		if len(trimmed) == len(body) {
			continue
		}
		out = append(out, src[last:t.Range.Start.Byte]...)
		out = append(out, trimmed...)
		out = append(out, eol...)
		last = t.Range.End.Byte
	}
	if out == nil {
		return src
	}
	return append(out, src[last:]...)
}

func isLineComment(b []byte) bool {
	return bytes.HasPrefix(b, []byte("#")) || bytes.HasPrefix(b, []byte("//"))
}

// splitEOL splits a line into its text and its line ending ("\n",
// "\r\n" or none).
func splitEOL(b []byte) (text, eol []byte) {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n")):
		return b[:len(b)-2], b[len(b)-2:]
	case bytes.HasSuffix(b, []byte("\n")):
		return b[:len(b)-1], b[len(b)-1:]
	}
	return b, nil
}

// endWithNewline ends a non-empty file with exactly one line ending, the
// file's own ("\r\n" when it uses them). After the last token, whitespace
// means nothing: a heredoc or line comment that ends the file ends there.
func endWithNewline(src []byte) []byte {
	trimmed := bytes.TrimRight(src, " \t\r\n")
	if len(trimmed) == 0 {
		return nil
	}
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	return append(trimmed[:len(trimmed):len(trimmed)], eol...)
}

// sameTokens reports whether two sources lex to the same tokens, but for
// the blanks that end a line comment and the line endings that end the
// file: the only differences Format may make besides the whitespace
// between tokens, which the lexer does not return.
func sameTokens(a, b []byte) bool {
	ta, tb := significantTokens(a), significantTokens(b)
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i].Type != tb[i].Type || !bytes.Equal(keptBytes(ta[i], i == len(ta)-1), keptBytes(tb[i], i == len(tb)-1)) {
			return false
		}
	}
	return true
}

// significantTokens lexes src, leaving out the newlines that end it and
// the end-of-file token.
func significantTokens(src []byte) hclsyntax.Tokens {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	for len(toks) > 0 {
		switch toks[len(toks)-1].Type {
		case hclsyntax.TokenEOF, hclsyntax.TokenNewline:
			toks = toks[:len(toks)-1]
			continue
		}
		break
	}
	return toks
}

// keptBytes is the part of a token formatting must keep: all of it, but
// for a line comment's trailing blanks, and, for the file's last token,
// the line ending it may carry (a line comment, a heredoc's closing
// marker).
func keptBytes(t hclsyntax.Token, last bool) []byte {
	b := t.Bytes
	if t.Type == hclsyntax.TokenComment && isLineComment(b) {
		text, eol := splitEOL(b)
		text = bytes.TrimRight(text, " \t")
		b = append(text[:len(text):len(text)], eol...)
	}
	if last {
		b = bytes.TrimRight(b, " \t\r\n")
	}
	return b
}

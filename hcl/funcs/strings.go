package funcs

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/Masterminds/semver/v3"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// stringFunc builds a pure function of one string parameter returning a
// string.
func stringFunc(desc, param string, impl func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: param, Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := impl(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(s), nil
		},
	})
}

// BasenameFunc returns the last element of a path (filepath.Base).
var BasenameFunc = stringFunc("Returns the last element of a path.", "path",
	func(s string) (string, error) { return filepath.Base(s), nil })

// DirnameFunc returns all but the last element of a path (filepath.Dir).
var DirnameFunc = stringFunc("Returns the directory of a path.", "path",
	func(s string) (string, error) { return filepath.Dir(s), nil })

// SanitizeFunc replaces every character (rune; an invalid UTF-8 byte counts
// as one) outside [A-Za-z0-9_-] with an underscore.
var SanitizeFunc = stringFunc(
	"Replaces all non-alphanumeric characters with a underscore, leaving only characters that are valid for a Bake target name.",
	"name",
	func(s string) (string, error) {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
		return b.String(), nil
	})

// makeHomeDirFunc returns homedir(), which yields the configured home
// directory.
func makeHomeDirFunc(home string) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the current user's home directory.",
		Type:        function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			if home == "" {
				return cty.NilVal, errors.New("home directory is not known")
			}
			return cty.StringVal(home), nil
		},
	})
}

// SemverCmpFunc reports whether a version satisfies a constraint, with the
// constraint syntax of github.com/Masterminds/semver/v3.
var SemverCmpFunc = function.New(&function.Spec{
	Description: "Returns true if version satisfies a constraint.",
	Params: []function.Parameter{
		{Name: "version", Type: cty.String},
		// "contraint" (sic) is the parameter name buildx reports in errors.
		{Name: "contraint", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, err := semver.NewVersion(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		c, err := semver.NewConstraint(args[1].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		return cty.BoolVal(c.Check(v)), nil
	},
})

// knownString returns the string of a known, non-null string value.
func knownString(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// guardIndent rejects a negative indent and results above maxResultBytes.
func guardIndent() function.Function {
	return wrap(stdlib.IndentFunc, func(args []cty.Value) error {
		n, ok := asFloat(args[0])
		s, ok2 := knownString(args[1])
		if !ok || !ok2 {
			return nil
		}
		if n < 0 {
			return function.NewArgErrorf(0, "number of spaces must not be negative")
		}
		if n > maxResultBytes || float64(len(s))+n*float64(strings.Count(s, "\n")) > maxResultBytes {
			return fmt.Errorf("%w: indented string would exceed %d bytes", errTooLarge, maxResultBytes)
		}
		return nil
	})
}

// guardReplace rejects replace() calls whose result would exceed
// maxResultBytes.
func guardReplace() function.Function {
	return wrap(stdlib.ReplaceFunc, func(args []cty.Value) error {
		s, ok1 := knownString(args[0])
		sub, ok2 := knownString(args[1])
		repl, ok3 := knownString(args[2])
		if !ok1 || !ok2 || !ok3 || len(repl) <= len(sub) {
			return nil
		}
		n := strings.Count(s, sub)
		if grow, ok := mulCapped(n, len(repl)-len(sub), maxResultBytes); !ok || len(s)+grow > maxResultBytes {
			return fmt.Errorf("%w: replaced string would exceed %d bytes", errTooLarge, maxResultBytes)
		}
		return nil
	})
}

// guardRegexReplace rejects regex_replace() calls with too many matches or
// whose result would exceed maxResultBytes. Invalid patterns are left to cty
// to report.
func guardRegexReplace() function.Function {
	return wrap(stdlib.RegexReplaceFunc, func(args []cty.Value) error {
		s, ok1 := knownString(args[0])
		pat, ok2 := knownString(args[1])
		repl, ok3 := knownString(args[2])
		if !ok1 || !ok2 || !ok3 {
			return nil
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil
		}
		maxMatches := DefaultMaxCollection / (re.NumSubexp() + 1)
		matches := re.FindAllStringSubmatchIndex(s, maxMatches+1)
		if len(matches) > maxMatches {
			return fmt.Errorf("%w: more than %d matches to replace", errTooLarge, maxMatches)
		}
		// Groups lie within the match, so one expansion is at most
		// len(repl) + dollars*matchLen bytes; only expand when that bound
		// fits the remaining budget, so the check itself stays bounded.
		dollars := strings.Count(repl, "$")
		total := len(s)
		var buf []byte
		for _, m := range matches {
			bound, ok := mulCapped(dollars, m[1]-m[0], maxResultBytes)
			if !ok || total+len(repl)+bound > maxResultBytes {
				return fmt.Errorf("%w: replaced string would exceed %d bytes", errTooLarge, maxResultBytes)
			}
			buf = re.ExpandString(buf[:0], repl, s, m)
			total += len(buf) - (m[1] - m[0])
			if total > maxResultBytes {
				return fmt.Errorf("%w: replaced string would exceed %d bytes", errTooLarge, maxResultBytes)
			}
		}
		return nil
	})
}

package funcs

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxFormatWidth caps the width and precision of a single format verb.
const maxFormatWidth = 1 << 16

// fmtVerb is what the guard needs to know about one verb of a format string.
type fmtVerb struct {
	argNum int // 1-based
	width  int
	prec   int
}

// scanFormat finds the verbs of a cty format string, following cty's grammar
// ('%' flags width precision argidx mode, "%%" escaping a percent sign). It
// stops silently at the first malformed verb, since cty stops formatting
// there too and reports the error itself. Widths or precisions above
// maxFormatWidth are an error.
func scanFormat(s string) ([]fmtVerb, error) {
	var verbs []fmtVerb
	next := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		for i < len(s) && (s[i] == '0' || s[i] == '#' || s[i] == '-' || s[i] == '+' || s[i] == ' ') {
			i++
		}
		v := fmtVerb{argNum: next}
		var ok bool
		if v.width, i, ok = scanNum(s, i); !ok {
			return nil, fmt.Errorf("format width at offset %d exceeds the maximum of %d", start, maxFormatWidth)
		}
		if i < len(s) && s[i] == '.' {
			if v.prec, i, ok = scanNum(s, i+1); !ok {
				return nil, fmt.Errorf("format precision at offset %d exceeds the maximum of %d", start, maxFormatWidth)
			}
		}
		if i < len(s) && s[i] == '[' {
			var n int
			if n, i, ok = scanNum(s, i+1); !ok || n == 0 || i >= len(s) || s[i] != ']' {
				return verbs, nil // malformed: cty reports it
			}
			i++
			v.argNum = n
		}
		if i >= len(s) || !isASCIILetter(s[i]) {
			return verbs, nil // malformed: cty reports it
		}
		verbs = append(verbs, v)
		next = v.argNum + 1
	}
	return verbs, nil
}

// scanNum reads decimal digits at s[i:], returning the value, the index after
// the digits and false if the value exceeds maxFormatWidth.
func scanNum(s string, i int) (int, int, bool) {
	n := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		if n > maxFormatWidth {
			return n, i, false
		}
		i++
	}
	return n, i, true
}

func isASCIILetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// renderedSize estimates (from above) the bytes needed to render v.
func renderedSize(v cty.Value, limit int) (int, error) {
	st, err := walk(v, walkLimits{nodes: limit, bytes: maxResultBytes, numbers: true})
	if err != nil {
		return 0, err
	}
	return st.bytes + 4*st.nodes + 8, nil
}

// guardFormat bounds widths, precisions and the estimated output size of
// cty's format.
func guardFormat(limit int) function.Function {
	return wrap(stdlib.FormatFunc, func(args []cty.Value) error {
		f, _ := args[0].Unmark()
		if !f.IsKnown() || f.IsNull() {
			return nil
		}
		verbs, err := scanFormat(f.AsString())
		if err != nil {
			return function.NewArgError(0, err)
		}
		sizes := make([]int, len(args))
		for i := 1; i < len(args); i++ {
			if sizes[i], err = renderedSize(args[i], limit); err != nil {
				return function.NewArgError(i, err)
			}
		}
		total := len(f.AsString())
		for _, v := range verbs {
			total += v.width + v.prec
			if v.argNum < len(args) {
				total += sizes[v.argNum]
			}
			if total > maxResultBytes {
				return fmt.Errorf("%w: formatted string would exceed %d bytes", errTooLarge, maxResultBytes)
			}
		}
		return nil
	})
}

// guardFormatList bounds widths, precisions, the number of results and the
// estimated total output size of cty's formatlist.
func guardFormatList(limit int) function.Function {
	return wrap(stdlib.FormatListFunc, func(args []cty.Value) error {
		f, _ := args[0].Unmark()
		if !f.IsKnown() || f.IsNull() {
			return nil
		}
		verbs, err := scanFormat(f.AsString())
		if err != nil {
			return function.NewArgError(0, err)
		}
		n := 1
		iterated := make([]bool, len(args))
		sizes := make([]int, len(args))
		for i := 1; i < len(args); i++ {
			a, _ := args[i].Unmark()
			if a.IsKnown() && !a.IsNull() && (a.Type().IsListType() || a.Type().IsTupleType()) {
				iterated[i] = true
				if l := a.LengthInt(); l > n {
					n = l
				}
			}
			if sizes[i], err = renderedSize(args[i], limit); err != nil {
				return function.NewArgError(i, err)
			}
		}
		if n > limit {
			return fmt.Errorf("%w: more than %d elements", errTooLarge, limit)
		}
		perItem := len(f.AsString())
		fixed := 0
		for _, v := range verbs {
			perItem += v.width + v.prec
			if v.argNum >= len(args) {
				continue
			}
			if iterated[v.argNum] {
				fixed += sizes[v.argNum]
			} else {
				perItem += sizes[v.argNum]
			}
			if perItem > maxResultBytes || fixed > maxResultBytes {
				return fmt.Errorf("%w: formatted strings would exceed %d bytes", errTooLarge, maxResultBytes)
			}
		}
		total, ok := mulCapped(n, perItem, maxResultBytes)
		if !ok || total+fixed > maxResultBytes {
			return fmt.Errorf("%w: formatted strings would exceed %d bytes", errTooLarge, maxResultBytes)
		}
		return nil
	})
}

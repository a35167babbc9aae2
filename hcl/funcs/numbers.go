package funcs

import (
	"errors"
	"math"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxParseIntLen caps the length of the string given to parseint; parsing
// huge digit strings is quadratic and the result only keeps 512 bits anyway.
const maxParseIntLen = 4096

var errDivisionByZero = errors.New("division by zero")

// isZero reports whether v is a known, non-null number equal to zero.
func isZero(v cty.Value) bool {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return false
	}
	return v.AsBigFloat().Sign() == 0
}

// asFloat returns the float64 approximation of a known number.
func asFloat(v cty.Value) (float64, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return 0, false
	}
	f, _ := v.AsBigFloat().Float64()
	return f, true
}

// DivideFunc is cty's divide, except that a zero divisor is an error
// (buildx returns infinity).
var DivideFunc = wrap(stdlib.DivideFunc, func(args []cty.Value) error {
	if isZero(args[1]) {
		return errDivisionByZero
	}
	return nil
})

// ModuloFunc is cty's modulo, except that a zero divisor is an error
// (buildx returns the dividend) and numbers of absurd magnitude are refused.
var ModuloFunc = wrap(stdlib.ModuloFunc, func(args []cty.Value) error {
	if isZero(args[1]) {
		return errDivisionByZero
	}
	for _, a := range args {
		if err := checkMagnitude(a); err != nil {
			return err
		}
	}
	return nil
})

// PowFunc is cty's pow (float64 math.Pow, so it is O(1) for any input and
// overflows to +Inf like buildx), failing cleanly when the result is NaN.
var PowFunc = wrap(stdlib.PowFunc, func(args []cty.Value) error {
	n, ok1 := asFloat(args[0])
	p, ok2 := asFloat(args[1])
	if ok1 && ok2 && math.IsNaN(math.Pow(n, p)) {
		return errors.New("result is not a number")
	}
	return nil
})

// LogFunc is cty's log, failing cleanly when the result is NaN.
var LogFunc = wrap(stdlib.LogFunc, func(args []cty.Value) error {
	n, ok1 := asFloat(args[0])
	b, ok2 := asFloat(args[1])
	if ok1 && ok2 && math.IsNaN(math.Log(n)/math.Log(b)) {
		return errors.New("result is not a number")
	}
	return nil
})

// guardParseInt bounds the length of the string given to cty's parseint.
func guardParseInt() function.Function {
	return wrap(stdlib.ParseIntFunc, func(args []cty.Value) error {
		v, _ := args[0].Unmark()
		if v.IsKnown() && !v.IsNull() && v.Type() == cty.String && len(v.AsString()) > maxParseIntLen {
			return function.NewArgErrorf(0, "number string is longer than %d characters", maxParseIntLen)
		}
		return nil
	})
}

// SignumFunc is cty's signum with the stricter argument handling buildx has
// (go-cty v1.17): the number must be a whole number within int64 range.
var SignumFunc = wrap(stdlib.SignumFunc, func(args []cty.Value) error {
	v, _ := args[0].Unmark()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	_, err := toInt64(v)
	return err
})

package funcs

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

const (
	// maxResultBytes caps the size in bytes of strings produced by
	// functions that can amplify their input (format, replace, indent, ...).
	maxResultBytes = 64 << 20
	// maxNumberExp caps the binary exponent of numbers handed to functions
	// that render them in positional notation or convert them to integers,
	// where a number like 1e600000000 would allocate hundreds of megabytes.
	maxNumberExp = 1 << 16
	// maxNestingDepth caps the nesting depth walked by recursive functions.
	maxNestingDepth = 1000
)

var errTooLarge = errors.New("result would be too large")

// precheck inspects the (already type-checked) arguments of a call before the
// wrapped implementation runs.
type precheck func(args []cty.Value) error

// wrap returns a function with the same signature as f that runs check before
// delegating to f. The check runs in the type-checking phase, because some
// cty functions (flatten, for one) do their heavy work there; checks must
// therefore tolerate unknown arguments. Errors from f (including argument
// errors) are returned unchanged.
func wrap(f function.Function, check precheck) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if err := check(args); err != nil {
				return cty.NilType, err
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return f.Call(args)
		},
	})
}

// walkLimits bounds a walk over a value.
type walkLimits struct {
	nodes   int  // maximum number of elements/attributes visited
	bytes   int  // maximum total bytes of strings visited
	depth   int  // maximum nesting depth
	numbers bool // check number magnitudes
}

// walkStats is the outcome of a bounded walk.
type walkStats struct {
	nodes int
	bytes int
	depth int
}

type walkItem struct {
	v     cty.Value
	depth int
}

// walk visits v iteratively (shared sub-values are counted every time they
// occur, as an encoder would) and fails as soon as a limit is exceeded.
func walk(v cty.Value, lim walkLimits) (walkStats, error) {
	var st walkStats
	stack := []walkItem{{v, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v, _ := it.v.Unmark()
		if it.depth > st.depth {
			st.depth = it.depth
		}
		if lim.depth > 0 && it.depth > lim.depth {
			return st, fmt.Errorf("value is nested more than %d levels deep", lim.depth)
		}
		if !v.IsKnown() || v.IsNull() {
			continue
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			st.bytes += len(v.AsString())
			if lim.bytes > 0 && st.bytes > lim.bytes {
				return st, fmt.Errorf("%w: more than %d bytes of strings", errTooLarge, lim.bytes)
			}
		case ty == cty.Number:
			if lim.numbers {
				if err := checkMagnitude(v); err != nil {
					return st, err
				}
			}
			st.bytes += numberTextSize(v)
			if lim.bytes > 0 && st.bytes > lim.bytes {
				return st, fmt.Errorf("%w: more than %d bytes of text", errTooLarge, lim.bytes)
			}
		case ty.IsListType() || ty.IsSetType() || ty.IsTupleType() ||
			ty.IsMapType() || ty.IsObjectType():
			n := v.LengthInt()
			st.nodes += n
			if lim.nodes > 0 && st.nodes > lim.nodes {
				return st, fmt.Errorf("%w: more than %d elements", errTooLarge, lim.nodes)
			}
			for it2 := v.ElementIterator(); it2.Next(); {
				_, ev := it2.Element()
				stack = append(stack, walkItem{ev, it.depth + 1})
			}
		}
	}
	return st, nil
}

// checkMagnitude rejects finite numbers whose binary exponent is beyond
// ±maxNumberExp.
func checkMagnitude(v cty.Value) error {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return nil
	}
	bf := v.AsBigFloat()
	if bf.IsInf() || bf.Sign() == 0 {
		return nil
	}
	exp := bf.MantExp(nil)
	if exp > maxNumberExp || exp < -maxNumberExp {
		return fmt.Errorf("number of binary magnitude 2^%d is too large or too small in magnitude to be processed (limit 2^±%d)", exp, maxNumberExp)
	}
	return nil
}

// numberTextSize estimates from above the length of the positional
// (non-exponent) text form of a known number.
func numberTextSize(v cty.Value) int {
	bf := v.AsBigFloat()
	if bf.IsInf() || bf.Sign() == 0 {
		return 4
	}
	exp := bf.MantExp(nil)
	if exp < 0 {
		exp = -exp
	}
	if exp <= 64 {
		return 24
	}
	// log10(2) ~ 0.30103, plus room for the 512-bit mantissa digits.
	return exp/3 + 160
}

// guardNumbers wraps f so that its arguments are walked (bounded by the
// default limits) and rejected if they contain a number of absurd magnitude
// or are too large to be processed.
func guardNumbers(limit int, f function.Function) function.Function {
	return wrap(f, func(args []cty.Value) error {
		for _, a := range args {
			if isCapsule(a) {
				continue
			}
			if _, err := walk(a, walkLimits{nodes: limit, bytes: maxResultBytes, numbers: true}); err != nil {
				return err
			}
		}
		return nil
	})
}

func isCapsule(v cty.Value) bool {
	return v.Type().IsCapsuleType()
}

// mulCapped multiplies a and b, reporting false when the result exceeds limit.
func mulCapped(a, b, limit int) (int, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	r := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(int64(b)))
	if !r.IsInt64() || r.Int64() > int64(limit) {
		return 0, false
	}
	return int(r.Int64()), true
}

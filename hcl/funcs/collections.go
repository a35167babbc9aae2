package funcs

import (
	"errors"
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// knownLen returns the length of a known, non-null collection or tuple.
func knownLen(v cty.Value) (int, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	ty := v.Type()
	if !(ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType()) {
		return 0, false
	}
	return v.LengthInt(), true
}

// guardConcat caps the number of elements produced by cty's concat.
func guardConcat(limit int) function.Function {
	return wrap(stdlib.ConcatFunc, func(args []cty.Value) error {
		total := 0
		for _, a := range args {
			n, _ := knownLen(a)
			total += n
			if total > limit {
				return fmt.Errorf("%w: more than %d elements", errTooLarge, limit)
			}
		}
		return nil
	})
}

// guardFlatten caps the nesting depth and the number of elements walked by
// cty's flatten.
func guardFlatten(limit int) function.Function {
	return wrap(stdlib.FlattenFunc, func(args []cty.Value) error {
		_, err := walk(args[0], walkLimits{nodes: limit, depth: maxNestingDepth})
		return err
	})
}

// guardSetProduct caps the number of elements produced by cty's setproduct.
func guardSetProduct(limit int) function.Function {
	return wrap(stdlib.SetProductFunc, func(args []cty.Value) error {
		total := len(args) // each product element is a tuple of len(args)
		for _, a := range args {
			n, ok := knownLen(a)
			if !ok {
				continue
			}
			var fits bool
			if total, fits = mulCapped(total, n, limit); !fits {
				return fmt.Errorf("%w: the product would have more than %d elements", errTooLarge, limit)
			}
		}
		return nil
	})
}

// IndexOfFunc returns the index of the first element of a list or tuple that
// is equal (same type and value) to the given value.
var IndexOfFunc = function.New(&function.Spec{
	Description: "Finds the element index for a given value in a list.",
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType},
		{Name: "value", Type: cty.DynamicPseudoType},
	},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list, val := args[0], args[1]
		ty := list.Type()
		if !(ty.IsListType() || ty.IsTupleType()) {
			return cty.NilVal, errors.New("argument must be a list or tuple")
		}
		if !list.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if list.LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot search an empty list")
		}
		for it := list.ElementIterator(); it.Next(); {
			i, v := it.Element()
			eq, err := stdlib.Equal(v, val)
			if err != nil {
				return cty.NilVal, err
			}
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return i, nil
			}
		}
		return cty.NilVal, errors.New("item not found")
	},
})

// ContainsFunc is cty's contains, except that a null value is rejected as in
// buildx (go-cty v1.17).
var ContainsFunc = func() function.Function {
	params := stdlib.ContainsFunc.Params()
	params[1].AllowNull = false
	return function.New(&function.Spec{
		Description: stdlib.ContainsFunc.Description(),
		Params:      params,
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return stdlib.ContainsFunc.Call(args)
		},
	})
}()

package funcs

import (
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

func bigList(n int) cty.Value {
	vals := make([]cty.Value, n)
	for i := range vals {
		vals[i] = cty.NumberIntVal(int64(i))
	}
	return cty.ListVal(vals)
}

// sharedTuple returns a tuple nested depth levels deep whose two elements
// are the same value at each level: 2^depth leaves in a small value. (Much
// deeper sharing cannot be defended here: cty's own Call walks argument
// values before any function code runs.)
func sharedTuple(depth int) cty.Value {
	v := cty.StringVal("x")
	for i := 0; i < depth; i++ {
		v = cty.TupleVal([]cty.Value{v, v})
	}
	return v
}

func deepTuple(depth int) cty.Value {
	v := cty.StringVal("x")
	for i := 0; i < depth; i++ {
		v = cty.TupleVal([]cty.Value{v})
	}
	return v
}

var huge = cty.MustParseNumberVal("1e600000000")

// hostileCase is a call with hostile arguments and the error it must give.
type hostileCase struct {
	name string
	fn   string
	args []cty.Value
	want string // error substring; "" when it only must return
}

func hostileCases() []hostileCase {
	mb := strings.Repeat("a", 1<<20)
	return []hostileCase{
		{"range huge", "range", []cty.Value{n(100000000)}, "more than 1024 values"},
		{"setproduct huge", "setproduct", []cty.Value{bigList(1000), bigList(1000), bigList(1000)}, "more than 1000000 elements"},
		{"chunklist negative", "chunklist", []cty.Value{bigList(3), n(-1)}, "must be positive"},
		{"format huge width", "format", []cty.Value{s("%999999999d"), n(1)}, "exceeds the maximum"},
		{"format overflowing width", "format", []cty.Value{s("%99999999999999999999999s"), s("a")}, "exceeds the maximum"},
		{"format huge precision", "format", []cty.Value{s("%.999999999f"), n(1)}, "exceeds the maximum"},
		{"format repeated arg", "format", []cty.Value{s(strings.Repeat("%[1]s", 100)), s(mb)}, "too large"},
		{"formatlist width x items", "formatlist", []cty.Value{s("%60000s"), bigList(10000)}, "too large"},
		{"formatlist scalar x items", "formatlist", []cty.Value{s("%s%s"), s(mb), bigList(1000)}, "too large"},
		{"format huge number", "format", []cty.Value{s("%d"), huge}, "magnitude"},
		{"jsonencode huge number", "jsonencode", []cty.Value{huge}, "magnitude"},
		{"floor huge number", "floor", []cty.Value{huge}, "magnitude"},
		{"int huge number", "int", []cty.Value{huge}, "magnitude"},
		{"modulo huge number", "modulo", []cty.Value{huge, n(3)}, "magnitude"},
		{"pow NaN", "pow", []cty.Value{n(-1), f(0.5)}, "not a number"},
		{"log NaN", "log", []cty.Value{n(-1), n(10)}, "not a number"},
		{"divide by zero", "divide", []cty.Value{n(1), n(0)}, "division by zero"},
		{"divide zero by zero", "divide", []cty.Value{n(0), n(0)}, "division by zero"},
		{"modulo by zero", "modulo", []cty.Value{n(1), n(0)}, "division by zero"},
		{"parseint huge string", "parseint", []cty.Value{s(strings.Repeat("9", 1<<20)), n(10)}, "longer than"},
		{"flatten deep", "flatten", []cty.Value{deepTuple(5000)}, "nested more than"},
		{"flatten shared", "flatten", []cty.Value{sharedTuple(21)}, "too large"},
		{"jsonencode shared", "jsonencode", []cty.Value{sharedTuple(21)}, "too large"},
		{"format %v shared", "format", []cty.Value{s("%v"), sharedTuple(21)}, "too large"},
		{"concat many", "concat", []cty.Value{bigList(400000), bigList(400000), bigList(400000)}, "too large"},
		{"replace amplification", "replace", []cty.Value{s(mb), s("a"), s(strings.Repeat("b", 1024))}, "too large"},
		{"regex_replace amplification", "regex_replace", []cty.Value{s(mb), s(""), s(strings.Repeat("$0", 100))}, "too large"},
		{"regex_replace many matches", "regex_replace", []cty.Value{s(strings.Repeat("a", 2<<20)), s("a"), s("b")}, "matches"},
		{"indent huge", "indent", []cty.Value{n(1 << 40), s("a\nb")}, "too large"},
		{"indent negative", "indent", []cty.Value{n(-1), s("a\nb")}, "negative"},
		{"bcrypt huge cost", "bcrypt", []cty.Value{s("x"), n(31)}, "exceeds the maximum"},
		{"cidrhost beyond space", "cidrhost", []cty.Value{s("::/0"), n(-1 << 62)}, ""},
	}
}

// BenchmarkHostile times each hostile call: each must be refused in well
// under a second (a few ms for most).
func BenchmarkHostile(b *testing.B) {
	fns := Stdlib(testOpts)
	for _, tc := range hostileCases() {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _ = fns[tc.fn].Call(tc.args)
			}
		})
	}
}

// TestHostile checks that hostile input fails with a clear error (how
// quickly is BenchmarkHostile's business, in package hcl).
func TestHostile(t *testing.T) {
	cases := hostileCases()
	fns := Stdlib(testOpts)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				v   cty.Value
				err error
			}
			done := make(chan result, 1)
			go func() {
				v, err := fns[tc.fn].Call(tc.args)
				done <- result{v, err}
			}()
			select {
			case r := <-done:
				if tc.want == "" {
					return // only needs to be quick
				}
				if r.err == nil {
					t.Fatalf("%s: got %#v, want error containing %q", tc.fn, r.v, tc.want)
				}
				if !strings.Contains(r.err.Error(), tc.want) {
					t.Errorf("%s: error %q does not contain %q", tc.fn, r.err, tc.want)
				}
			case <-time.After(time.Minute):
				// Not a speed target (BenchmarkHostile in hcl measures
				// these): a guard against a call that never ends.
				t.Fatalf("%s did not return within a minute", tc.fn)
			}
		})
	}
}

// TestHostileOK checks inputs that look hostile but are fine.
func TestHostileOK(t *testing.T) {
	fns := Stdlib(testOpts)
	cases := []struct {
		fn   string
		args []cty.Value
		want cty.Value
	}{
		{"pow", []cty.Value{n(10), n(1e9)}, cty.PositiveInfinity},
		{"chunklist", []cty.Value{bigList(2), n(0)}, cty.ListVal([]cty.Value{bigList(2)})},
		{"sanitize", []cty.Value{s("a\xffb\xc3")}, s("a_b_")},
		{"strlen", []cty.Value{s("a\xffb")}, n(3)},
		{"base64encode", []cty.Value{s("\xff")}, s("/w==")},
		{"regex", []cty.Value{s("(a+)+$"), s(strings.Repeat("a", 100000) + "b")}, cty.NilVal},
		{"format", []cty.Value{s("%20d"), n(1)}, s(strings.Repeat(" ", 19) + "1")},
		{"format", []cty.Value{s("%%%d%%"), n(1)}, s("%1%")},
	}
	for _, tc := range cases {
		got, err := fns[tc.fn].Call(tc.args)
		if tc.want == cty.NilVal {
			continue // only needs to be quick; error or not
		}
		if err != nil {
			t.Errorf("%s: %s", tc.fn, err)
			continue
		}
		if !got.RawEquals(tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.fn, got, tc.want)
		}
	}
}

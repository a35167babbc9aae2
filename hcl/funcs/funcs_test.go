package funcs

import (
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

var allNames = strings.Fields(`absolute add and base64decode base64encode basename bcrypt byteslen
bytesslice can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist
compact concat contains convert csvdecode dirname distinct divide element equal flatten floor format
formatdate formattimestamp formatlist greaterthan greaterthanorequalto hasindex homedir indent index
indexof int join jsondecode jsonencode keys length lessthan lessthanorequalto log lookup lower max md5
merge min modulo multiply negate not notequal or parseint pow range regex_replace regex regexall replace
reverse reverselist rsadecrypt sanitize semvercmp sethaselement setintersection setproduct setsubtract
setsymmetricdifference setunion sha1 sha256 sha512 signum slice sort split strlen substr subtract timeadd
timestamp title trim trimprefix trimspace trimsuffix try unixtimestampparse upper urlencode uuidv4 uuidv5
values zipmap`)

func TestNames(t *testing.T) {
	fns := Stdlib(Options{})
	if len(allNames) != 106 || len(fns) != len(allNames) {
		t.Errorf("have %d functions, want %d (list has %d)", len(fns), 106, len(allNames))
	}
	for _, n := range allNames {
		if _, ok := fns[n]; !ok {
			t.Errorf("missing function %q", n)
		}
	}
}

var (
	s   = cty.StringVal
	n   = cty.NumberIntVal
	f   = cty.NumberFloatVal
	b   = cty.BoolVal
	tup = cty.TupleVal
	lst = cty.ListVal
	ls  = func(v ...string) cty.Value {
		out := make([]cty.Value, len(v))
		for i, x := range v {
			out[i] = s(x)
		}
		return cty.ListVal(out)
	}
	obj = cty.ObjectVal
)

// exprClosure wraps HCL source as the expression argument try() and can()
// expect.
func exprClosure(t *testing.T, src string) cty.Value {
	expr, diags := hclsyntax.ParseExpression([]byte(src), "t.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return customdecode.ExpressionClosureVal(&customdecode.ExpressionClosure{
		Expression: expr, EvalContext: &hcl.EvalContext{},
	})
}

type callCase struct {
	fn   string
	args []cty.Value
	want cty.Value
}

func callCases(t *testing.T) []callCase {
	const pem = testRSAKey
	return []callCase{
		{"absolute", []cty.Value{f(-3.5)}, f(3.5)},
		{"add", []cty.Value{n(1), f(2.5)}, f(3.5)},
		{"and", []cty.Value{b(true), b(false)}, b(false)},
		{"base64decode", []cty.Value{s("aGVsbG8=")}, s("hello")},
		{"base64encode", []cty.Value{s("héllo")}, s("aMOpbGxv")},
		{"basename", []cty.Value{s("/a/b/c.txt")}, s("c.txt")},
		{"byteslen", []cty.Value{stdlib.BytesVal([]byte("abc"))}, n(3)},
		{"bytesslice", []cty.Value{stdlib.BytesVal([]byte("abc")), n(1), n(2)}, stdlib.BytesVal([]byte("bc"))},
		{"can", []cty.Value{exprClosure(t, `nonexist`)}, b(false)},
		{"ceil", []cty.Value{f(1.2)}, n(2)},
		{"chomp", []cty.Value{s("a\n\r\n")}, s("a")},
		{"chunklist", []cty.Value{ls("a", "b", "c"), n(2)}, lst([]cty.Value{ls("a", "b"), ls("c")})},
		{"cidrhost", []cty.Value{s("192.168.1.0/24"), n(-2)}, s("192.168.1.254")},
		{"cidrnetmask", []cty.Value{s("172.16.0.0/12")}, s("255.240.0.0")},
		{"cidrsubnet", []cty.Value{s("fd00::/48"), n(16), n(255)}, s("fd00:0:0:ff::/64")},
		{"cidrsubnets", []cty.Value{s("10.1.0.0/16"), n(4), n(4), n(8)}, ls("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24")},
		{"coalesce", []cty.Value{cty.NullVal(cty.String), s("a")}, s("a")},
		{"coalescelist", []cty.Value{cty.EmptyTupleVal, tup([]cty.Value{s("a")})}, tup([]cty.Value{s("a")})},
		{"compact", []cty.Value{ls("a", "", "b")}, ls("a", "b")},
		{"concat", []cty.Value{ls("a"), ls("b")}, ls("a", "b")},
		{"contains", []cty.Value{ls("a", "b"), s("b")}, b(true)},
		{"convert", []cty.Value{s("42"), typeexpr.TypeConstraintVal(cty.Number)}, n(42)},
		{"csvdecode", []cty.Value{s("a,b\n1,2")}, lst([]cty.Value{obj(map[string]cty.Value{"a": s("1"), "b": s("2")})})},
		{"dirname", []cty.Value{s("a//b/")}, s("a/b")},
		{"distinct", []cty.Value{ls("a", "b", "a")}, ls("a", "b")},
		{"divide", []cty.Value{n(7), n(2)}, f(3.5)},
		{"element", []cty.Value{ls("a", "b", "c"), n(4)}, s("b")},
		{"equal", []cty.Value{n(1), s("1")}, b(false)},
		{"flatten", []cty.Value{tup([]cty.Value{ls("a"), tup([]cty.Value{ls("b")})})}, tup([]cty.Value{s("a"), s("b")})},
		{"floor", []cty.Value{f(-1.5)}, n(-2)},
		{"format", []cty.Value{s("%05d|%-4s|%.2f"), n(42), s("ab"), f(3.14159)}, s("00042|ab  |3.14")},
		{"formatdate", []cty.Value{s("YYYY-MM-DD EEEE"), s("2025-09-16T12:00:00Z")}, s("2025-09-16 Tuesday")},
		{"formattimestamp", []cty.Value{s("YYYY-MM-DD'T'hh:mm:ssZ"), n(1445385600)}, s("2015-10-21T00:00:00Z")},
		{"formatlist", []cty.Value{s("%s-%d"), ls("a", "b"), n(1)}, ls("a-1", "b-1")},
		{"greaterthan", []cty.Value{n(1), n(2)}, b(false)},
		{"greaterthanorequalto", []cty.Value{n(2), n(2)}, b(true)},
		{"hasindex", []cty.Value{ls("a"), n(1)}, b(false)},
		{"homedir", nil, s("/tmp/fx/home")},
		{"indent", []cty.Value{n(2), s("a\nb")}, s("a\n  b")},
		{"index", []cty.Value{ls("a", "b"), n(1)}, s("b")},
		{"indexof", []cty.Value{ls("a", "b", "c"), s("b")}, n(1)},
		{"int", []cty.Value{f(-3.7)}, n(-3)},
		{"join", []cty.Value{s("-"), ls("a", "b"), ls("c")}, s("a-b-c")},
		{"jsondecode", []cty.Value{s(`{"a":[1]}`)}, obj(map[string]cty.Value{"a": tup([]cty.Value{n(1)})})},
		{"jsonencode", []cty.Value{obj(map[string]cty.Value{"a": n(1)})}, s(`{"a":1}`)},
		{"keys", []cty.Value{obj(map[string]cty.Value{"b": n(1), "a": n(2)})}, tup([]cty.Value{s("a"), s("b")})},
		{"length", []cty.Value{ls("a", "b")}, n(2)},
		{"lessthan", []cty.Value{n(1), n(2)}, b(true)},
		{"lessthanorequalto", []cty.Value{n(3), n(2)}, b(false)},
		{"log", []cty.Value{n(8), n(2)}, n(3)},
		{"lookup", []cty.Value{obj(map[string]cty.Value{"a": s("x")}), s("c"), s("none")}, s("none")},
		{"lower", []cty.Value{s("ÀB")}, s("àb")},
		{"max", []cty.Value{n(1), n(5), n(3)}, n(5)},
		{"md5", []cty.Value{s("hello")}, s("5d41402abc4b2a76b9719d911017c592")},
		{"merge", []cty.Value{obj(map[string]cty.Value{"a": n(1)}), obj(map[string]cty.Value{"a": n(3)})}, obj(map[string]cty.Value{"a": n(3)})},
		{"min", []cty.Value{n(1), n(-3)}, n(-3)},
		{"modulo", []cty.Value{n(-7), n(3)}, n(-1)},
		{"multiply", []cty.Value{n(2), f(3.5)}, n(7)},
		{"negate", []cty.Value{n(4)}, n(-4)},
		{"not", []cty.Value{b(true)}, b(false)},
		{"notequal", []cty.Value{n(1), n(2)}, b(true)},
		{"or", []cty.Value{b(false), b(true)}, b(true)},
		{"parseint", []cty.Value{s("ff"), n(16)}, n(255)},
		{"pow", []cty.Value{n(2), n(10)}, n(1024)},
		{"range", []cty.Value{n(1), n(10), n(3)}, lst([]cty.Value{n(1), n(4), n(7)})},
		{"regex_replace", []cty.Value{s("abc"), s("(b)"), s("[$1$1]")}, s("a[bb]c")},
		{"regex", []cty.Value{s(`(\d+)-(\d+)`), s("a12-34b")}, tup([]cty.Value{s("12"), s("34")})},
		{"regexall", []cty.Value{s(`\d`), s("a1b2")}, ls("1", "2")},
		{"replace", []cty.Value{s("abc"), s(""), s("-")}, s("-a-b-c-")},
		{"reverse", []cty.Value{s("👍🏽x")}, s("x👍🏽")},
		{"reverselist", []cty.Value{ls("a", "b")}, ls("b", "a")},
		{"rsadecrypt", []cty.Value{s(testRSACiphertext), s(pem)}, s("secret!")},
		{"sanitize", []cty.Value{s("Feature/Add-Login_Page")}, s("Feature_Add-Login_Page")},
		{"semvercmp", []cty.Value{s("3.23"), s(">= 3.20")}, b(true)},
		{"sethaselement", []cty.Value{cty.SetVal([]cty.Value{s("a")}), s("a")}, b(true)},
		{"setintersection", []cty.Value{cty.SetVal([]cty.Value{s("a"), s("b")}), cty.SetVal([]cty.Value{s("b")})}, cty.SetVal([]cty.Value{s("b")})},
		{"setproduct", []cty.Value{ls("a"), ls("b", "c")}, lst([]cty.Value{tup([]cty.Value{s("a"), s("b")}), tup([]cty.Value{s("a"), s("c")})})},
		{"setsubtract", []cty.Value{cty.SetVal([]cty.Value{s("a"), s("b")}), cty.SetVal([]cty.Value{s("b")})}, cty.SetVal([]cty.Value{s("a")})},
		{"setsymmetricdifference", []cty.Value{cty.SetVal([]cty.Value{s("a"), s("b")}), cty.SetVal([]cty.Value{s("b"), s("c")})}, cty.SetVal([]cty.Value{s("a"), s("c")})},
		{"setunion", []cty.Value{cty.SetVal([]cty.Value{s("a")}), cty.SetVal([]cty.Value{s("b")})}, cty.SetVal([]cty.Value{s("a"), s("b")})},
		{"sha1", []cty.Value{s("hello")}, s("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")},
		{"sha256", []cty.Value{s("hello")}, s("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")},
		{"sha512", []cty.Value{s("hello")}, s("9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043")},
		{"signum", []cty.Value{n(-5)}, n(-1)},
		{"slice", []cty.Value{ls("a", "b", "c"), n(1), n(3)}, ls("b", "c")},
		{"sort", []cty.Value{ls("b", "a", "10", "9")}, ls("10", "9", "a", "b")},
		{"split", []cty.Value{s(","), s("a,,b")}, ls("a", "", "b")},
		{"strlen", []cty.Value{s("héllo")}, n(5)},
		{"substr", []cty.Value{s("hello world"), n(1), n(4)}, s("ello")},
		{"subtract", []cty.Value{n(5), n(7)}, n(-2)},
		{"timeadd", []cty.Value{s("2025-01-01T00:00:00Z"), s("1h30m")}, s("2025-01-01T01:30:00Z")},
		{"timestamp", nil, s("2025-09-16T12:00:00Z")},
		{"title", []cty.Value{s("hello world-foo")}, s("Hello World-Foo")},
		{"trim", []cty.Value{s("xxaxx"), s("x")}, s("a")},
		{"trimprefix", []cty.Value{s("foobar"), s("foo")}, s("bar")},
		{"trimspace", []cty.Value{s("  a  ")}, s("a")},
		{"trimsuffix", []cty.Value{s("foobar"), s("bar")}, s("foo")},
		{"try", []cty.Value{exprClosure(t, `nonexist`), exprClosure(t, `"fallback"`)}, s("fallback")},
		{"unixtimestampparse", []cty.Value{n(1700000000)}, obj(map[string]cty.Value{
			"year": n(2023), "year_day": n(318), "day": n(14), "month": n(11), "month_name": s("November"),
			"weekday": n(2), "weekday_name": s("Tuesday"), "hour": n(22), "minute": n(13), "second": n(20),
			"rfc3339": s("2023-11-14T22:13:20Z"), "iso_year": n(2023), "iso_week": n(46),
		})},
		{"upper", []cty.Value{s("abç")}, s("ABÇ")},
		{"urlencode", []cty.Value{s("a b=c&d/é")}, s("a+b%3Dc%26d%2F%C3%A9")},
		{"uuidv5", []cty.Value{s("dns"), s("example.com")}, s("cfbff0d1-9375-5685-968c-48ce8b15ae17")},
		{"values", []cty.Value{obj(map[string]cty.Value{"b": n(1), "a": n(2)})}, tup([]cty.Value{n(2), n(1)})},
		{"zipmap", []cty.Value{ls("a", "b"), lst([]cty.Value{n(1), n(2)})}, cty.MapVal(map[string]cty.Value{"a": n(1), "b": n(2)})},
	}
}

func TestCall(t *testing.T) {
	fns := Stdlib(testOpts)
	covered := map[string]bool{"bcrypt": true, "uuidv4": true} // checked in TestImpure
	for _, tc := range callCases(t) {
		covered[tc.fn] = true
		t.Run(tc.fn, func(t *testing.T) {
			got, err := fns[tc.fn].Call(tc.args)
			if err != nil {
				t.Fatalf("%s: %s", tc.fn, err)
			}
			if tc.want.Type().IsCapsuleType() {
				g, w := got.EncapsulatedValue().(*[]byte), tc.want.EncapsulatedValue().(*[]byte)
				if string(*g) != string(*w) {
					t.Errorf("%s: got %q, want %q", tc.fn, *g, *w)
				}
				return
			}
			if !got.RawEquals(tc.want) {
				t.Errorf("%s\n got: %#v\nwant: %#v", tc.fn, got, tc.want)
			}
		})
	}
	var missing []string
	for _, name := range allNames {
		if !covered[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("functions without a Call case: %v", missing)
	}
}

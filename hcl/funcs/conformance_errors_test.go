package funcs

import (
	"strings"
	"testing"
)

// conformanceErrors are expressions buildx rejects, with the error detail it
// printed (our diagnostics must contain it).
var conformanceErrors = []struct{ expr, want string }{
	{`cidrhost("192.168.1.0/24", 256)`, `prefix of 24 does not accommodate a host numbered 256`},
	{`cidrhost("192.168.1.0/24", -257)`, `prefix of 24 does not accommodate a host numbered -257`},
	{`cidrhost("10.0.0.0/8", 16777216)`, `prefix of 8 does not accommodate a host numbered 16777216`},
	{`cidrhost("fd00::/64", 18446744073709551615)`, `value must be a whole number, between -9223372036854775808 and 9223372036854775807`},
	{`cidrhost("10.0.0.0/8", 1.5)`, `value must be a whole number`},
	{`cidrhost("bad", 1.5)`, `value must be a whole number`},
	{`cidrhost("10.0.0.0", 1)`, `invalid CIDR expression: invalid CIDR address: 10.0.0.0`},
	{`cidrhost("010.0.0.0/8", 1)`, `invalid CIDR expression: invalid CIDR address: 010.0.0.0/8`},
	{`cidrhost(" 10.0.0.0/8", 1)`, `invalid CIDR address:  10.0.0.0/8`},
	{`cidrhost("[fd00::]/64", 1)`, `invalid CIDR address: [fd00::]/64`},
	{`cidrhost("fe80::%eth0/64", 1)`, `invalid CIDR address: fe80::%eth0/64`},
	{`cidrnetmask("10.0.0.0/33")`, `invalid CIDR address: 10.0.0.0/33`},
	{`cidrsubnet("10.0.0.0/8", 8, 256)`, `prefix extension of 8 does not accommodate a subnet numbered 256`},
	{`cidrsubnet("10.0.0.0/8", 8, -1)`, `prefix extension of 8 does not accommodate a subnet numbered -1`},
	{`cidrsubnet("10.0.0.0/8", 25, 0)`, `insufficient address space to extend prefix of 8 by 25`},
	{`cidrsubnet("10.0.0.0/8", 33, 0)`, `may not extend prefix by more than 32 bits`},
	{`cidrsubnet("fd00::/48", 80, 1)`, `may not extend prefix by more than 32 bits`},
	{`cidrsubnet("10.0.0.0/8", 8, 1.5)`, `value must be a whole number`},
	{`cidrsubnets("10.0.0.0/8", 0)`, `Invalid value for "newbits" parameter: must extend prefix by at least one bit`},
	{`cidrsubnets("10.0.0.0/8", -1)`, `must extend prefix by at least one bit`},
	{`cidrsubnets("10.0.0.0/8", 1.5)`, `Invalid value for "newbits" parameter: value must be a whole number`},
	{`cidrsubnets("10.0.0.0/8", 1, 1, 1)`, `not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9`},
	{`cidrsubnets("10.0.0.0/8", 2, 1, 2)`, `not enough remaining address space for a subnet with a prefix of 10 bits after 10.128.0.0/9`},
	{`cidrsubnets("0.0.0.0/0", 1, 1, 1)`, `not enough remaining address space for a subnet with a prefix of 1 bits after 128.0.0.0/1`},
	{`cidrsubnets("10.0.0.0/8", 25)`, `would extend prefix to 33 bits, which is too long for an IPv4 address`},
	{`cidrsubnets("fd00::/120", 9)`, `would extend prefix to 129 bits, which is too long for an IPv6 address`},
	{`cidrsubnets("fd00::/16", 33)`, `may not extend prefix by more than 32 bits`},
	{`cidrsubnets("::ffff:10.0.0.0/104", 8, 4)`, `not enough remaining address space for a subnet with a prefix of 112 bits after <nil>`},
	{`cidrsubnets("::ffff:0.0.0.0/96", 1)`, `prefix of 97 bits after <nil>`},
	{`cidrsubnets("bad", 1)`, `Invalid value for "prefix" parameter: invalid CIDR expression: invalid CIDR address: bad`},
	{`unixtimestampparse(1.5)`, `Invalid value for "unix_timestamp" parameter: unix timestamp must be an integer`},
	{`unixtimestampparse(1e19)`, `unix timestamp must be an integer`},
	{`unixtimestampparse(true)`, `Invalid value for "unix_timestamp" parameter: number required, but have bool`},
	{`unixtimestampparse(null)`, `argument must not be null`},
	{`formattimestamp("X", "1445385600")`, `Invalid value for "time" parameter: timestamp string must be RFC3339`},
	{`formattimestamp("X", "garbage")`, `timestamp string must be RFC3339`},
	{`formattimestamp("X", "2015-10-21t00:00:00z")`, `timestamp string must be RFC3339`},
	{`formattimestamp("X", "2015-10-21T24:00:00Z")`, `timestamp string must be RFC3339`},
	{`formattimestamp("X", "2015-02-30T00:00:00Z")`, `timestamp string must be RFC3339`},
	{`formattimestamp("X", 1.5)`, `Invalid value for "time" parameter: unix timestamp must be an integer`},
	{`formattimestamp("X", 1e19)`, `unix timestamp must be an integer`},
	{`formattimestamp("X", -1e19)`, `unix timestamp must be an integer`},
	{`formattimestamp("YYYY", 1e18)`, `Invalid value for "time" parameter: not a valid RFC3339 timestamp: found "8740476-10-23T01:46:40Z" where "-" is expected`},
	{`formattimestamp("YYYY", "garbage")`, `not a valid RFC3339 timestamp: cannot use "garbage" as year`},
	{`formattimestamp("YYYY", "2015-10-21t00:00:00z")`, `not a valid RFC3339 timestamp: missing required time introducer 'T'`},
	{`formattimestamp("YYYY", "2015-10-21T00:00:00+24:00")`, `not a valid RFC3339 timestamp: cannot use "+24:00" as UTC offset`},
	{`formattimestamp("YYYY", "2015-02-30T00:00:00Z")`, `not a valid RFC3339 timestamp: day out of range`},
	{`formattimestamp("X", true)`, `Invalid value for "time" parameter: must be a string timestamp or a unix timestamp number`},
	{`formattimestamp("X", [1])`, `must be a string timestamp or a unix timestamp number`},
	{`formattimestamp("X", null)`, `argument must not be null`},
	{`formattimestamp("XX", 0)`, `Invalid value for "format" parameter: invalid date format verb "XX"`},
	{`formattimestamp("YYYY-MM-DD X", 0)`, `invalid date format verb "X"`},
	{`formatdate("X", "2015-10-21T00:00:00Z")`, `invalid date format verb "X"`},
	{`timeadd("2025-01-01T00:00:00Z", "1d")`, `time: unknown unit "d" in duration "1d"`},
	{`semvercmp("bad", ">=1.0")`, `invalid semantic version`},
	{`semvercmp("1.2.3.4", ">1")`, `invalid semantic version`},
	{`semvercmp("1.0.0", "bad")`, `improper constraint: bad`},
	{`semvercmp("", [1])`, `Invalid value for "contraint" parameter`},
	{`indexof(["a","b"], "c")`, `item not found`},
	{`indexof([1,2,"3"], 3)`, `item not found`},
	{`indexof([1,2,3], "3")`, `item not found`},
	{`indexof({a="x"}, "x")`, `argument must be a list or tuple`},
	{`indexof("abc", "a")`, `argument must be a list or tuple`},
	{`indexof([], "a")`, `cannot search an empty list`},
	{`indexof(["a"], null)`, `Invalid value for "value" parameter: argument must not be null`},
	{`sanitize([1])`, `Invalid value for "name" parameter`},
	{`basename([1])`, `Invalid value for "path" parameter`},
	{`md5([1])`, `Invalid value for "str" parameter`},
	{`uuidv5("foo", "x")`, `uuidv5() doesn't support namespace foo (invalid UUID length: 3)`},
	{`uuidv5("DNS", "x")`, `uuidv5() doesn't support namespace DNS (invalid UUID length: 3)`},
	{`uuidv5([1], "")`, `Invalid value for "namespace" parameter`},
	{`bcrypt("x", 4, 5)`, `bcrypt() takes no more than two arguments`},
	{`bcrypt("x", 4.5)`, `value must be a whole number`},
	{`bcrypt("x", 32)`, `error occured generating password crypto/bcrypt: cost 32 is outside allowed inclusive range 4..31`},
	{`bcrypt("0123456789012345678901234567890123456789012345678901234567890123456789abc")`, `error occured generating password bcrypt: password length exceeds 72 bytes`},
	{`bcrypt("x", [1])`, `Invalid value for "cost" parameter`},
	{`base64decode("/w==")`, `the result of decoding the the provided string is not valid UTF-8`},
	{`base64decode("abc")`, `failed to decode base64 data 'abc'`},
	{`base64decode("aGVs bG8=")`, `failed to decode base64 data 'aGVs bG8='`},
	{`rsadecrypt("!!", "x")`, `failed to decode input "!!": cipher text must be base64-encoded`},
	{`rsadecrypt("aGVsbG8=", "garbage")`, `failed to parse key: no key found`},
	{`rsadecrypt("", [1])`, `Invalid value for "privatekey" parameter`},
	{`and(true, false, true)`, `Function "and" expects only 2 argument(s)`},
	{`index(["a","b"], "b")`, `key for tuple must be number`},
	{`index({foo = "bar"}, "foo")`, `collection must be a list, a map or a tuple`},
	{`length("abc")`, `collection must be a list, a map or a tuple`},
	{`byteslen("abc")`, `Invalid value for "buf" parameter`},
	{`range(1025)`, `more than 1024 values were generated`},
	{`chunklist([1,2], -1)`, `the size argument must be positive`},
	{`parseint("zz", 10)`, `cannot parse "zz" as a base 10 integer`},
	{`parseint("0x1f", 16)`, `cannot parse "0x1f" as a base 16 integer`},
	{`divide(0, 0)`, `division by zero`}, // buildx: can't divide zero by zero
	{`multiply(pow(10,1e9), 0)`, `can't multiply zero by infinity`},
	{`subtract(pow(10,1e9), pow(10,1e9))`, `can't subtract infinity from itself`},
	{`signum(pow(10,1e9))`, `value must be a whole number`},
	{`max()`, `must pass at least one number`},
	{`format("%d", pow(10,1e9))`, `unsupported value for "%d" at 0: an integer is required`},
	{`format("%s")`, `not enough arguments for "%s" at 0: need index 1 but have 0 total`},
	{`format("%z", 1)`, `unsupported format verb 'z' in "%z" at offset 0`},
	{`format("%!", 1)`, `unrecognized format character '!' at offset 1`},
	{`regex_replace("abc", "(", "x")`, "error parsing regexp: missing closing ): `(`"},
	{`setproduct(["a"])`, `at least two arguments are required`},
	{`flatten(1)`, `can only flatten lists, sets and tuples`},
	{`jsonencode(divide(1, 1) / 0)`, `cannot serialize infinity as JSON`},
	{`homedir("x")`, `Function "homedir" expects only 0 argument(s)`},
	{`timestamp(1)`, `Function "timestamp" expects only 0 argument(s)`},
}

func TestConformanceErrors(t *testing.T) {
	for _, tc := range conformanceErrors {
		t.Run(tc.expr, func(t *testing.T) {
			v, diags := evalExpr(t, tc.expr)
			if !diags.HasErrors() {
				t.Fatalf("%s: got %#v, want error containing %q", tc.expr, v, tc.want)
			}
			if got := diags.Error(); !strings.Contains(got, tc.want) {
				t.Errorf("%s\n got error: %s\nwant substring: %s", tc.expr, got, tc.want)
			}
		})
	}
}

func init() {
	conformanceErrors = append(conformanceErrors, []struct{ expr, want string }{
		{`signum(0.5)`, `value must be a whole number`},
		{`signum(1e20)`, `value must be a whole number`},
		{`contains(["a", null], null)`, `Invalid value for "value" parameter: argument must not be null`},
	}...)
}

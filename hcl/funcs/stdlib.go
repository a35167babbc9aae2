package funcs

import (
	"time"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// DefaultMaxCollection is the default cap on the number of elements a single
// function call may create.
const DefaultMaxCollection = 1_000_000

// Options makes the impure functions hermetic and bounds resource use.
type Options struct {
	// Now is used by timestamp(); nil means time.Now.
	Now func() time.Time
	// HomeDir is returned by homedir(); homedir() fails when it is empty.
	HomeDir string
	// MaxCollection caps the number of elements any function may create
	// (setproduct, formatlist, flatten, ...); 0 means DefaultMaxCollection.
	MaxCollection int
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) maxCollection() int {
	if o.MaxCollection > 0 {
		return o.MaxCollection
	}
	return DefaultMaxCollection
}

// Stdlib returns the bake function set keyed by function name. Every call
// returns fresh function values bound to opts.
//
// Deliberate differences from buildx v0.38:
//   - divide(x, 0) and modulo(x, 0) fail with "division by zero" (buildx
//     returns infinity, or x for modulo).
//   - Resource caps: widths/precisions in format verbs, the size of
//     setproduct/formatlist/flatten/replace/indent results, nesting depth of
//     flatten, bcrypt cost (at most 16), parseint input length and the
//     magnitude of numbers fed to integer/decimal formatting all have limits;
//     exceeding them is an error where buildx would try (and maybe hang).
//   - pow and log fail with a clear error instead of a Go panic message when
//     the result is not a number (NaN).
//   - cidrsubnet with a negative newbits that makes the prefix length negative
//     is an error (buildx prints "<nil>").
//
// buildx v0.38.2 is built with go-cty v1.17.0 while this module uses v1.20.0.
// signum (whole int64 numbers only) and contains (null value rejected) keep
// the v1.17 behaviour; the other v1.20 changes (merge of typed null objects,
// coalesce with unknowns, newer Unicode grapheme tables) are inherited.
func Stdlib(opts Options) map[string]function.Function {
	limit := opts.maxCollection()
	return map[string]function.Function{
		"absolute":               stdlib.AbsoluteFunc,
		"add":                    stdlib.AddFunc,
		"and":                    stdlib.AndFunc,
		"base64decode":           Base64DecodeFunc,
		"base64encode":           Base64EncodeFunc,
		"basename":               BasenameFunc,
		"bcrypt":                 BcryptFunc,
		"byteslen":               stdlib.BytesLenFunc,
		"bytesslice":             stdlib.BytesSliceFunc,
		"can":                    tryfunc.CanFunc,
		"ceil":                   guardNumbers(limit, stdlib.CeilFunc),
		"chomp":                  stdlib.ChompFunc,
		"chunklist":              stdlib.ChunklistFunc,
		"cidrhost":               CidrHostFunc,
		"cidrnetmask":            CidrNetmaskFunc,
		"cidrsubnet":             CidrSubnetFunc,
		"cidrsubnets":            CidrSubnetsFunc,
		"coalesce":               stdlib.CoalesceFunc,
		"coalescelist":           stdlib.CoalesceListFunc,
		"compact":                stdlib.CompactFunc,
		"concat":                 guardConcat(limit),
		"contains":               ContainsFunc,
		"convert":                guardNumbers(limit, typeexpr.ConvertFunc),
		"csvdecode":              stdlib.CSVDecodeFunc,
		"dirname":                DirnameFunc,
		"distinct":               stdlib.DistinctFunc,
		"divide":                 DivideFunc,
		"element":                stdlib.ElementFunc,
		"equal":                  stdlib.EqualFunc,
		"flatten":                guardFlatten(limit),
		"floor":                  guardNumbers(limit, stdlib.FloorFunc),
		"format":                 guardFormat(limit),
		"formatdate":             stdlib.FormatDateFunc,
		"formatlist":             guardFormatList(limit),
		"formattimestamp":        FormatTimestampFunc,
		"greaterthan":            stdlib.GreaterThanFunc,
		"greaterthanorequalto":   stdlib.GreaterThanOrEqualToFunc,
		"hasindex":               stdlib.HasIndexFunc,
		"homedir":                makeHomeDirFunc(opts.HomeDir),
		"indent":                 guardIndent(),
		"index":                  stdlib.IndexFunc,
		"indexof":                IndexOfFunc,
		"int":                    guardNumbers(limit, stdlib.IntFunc),
		"join":                   stdlib.JoinFunc,
		"jsondecode":             stdlib.JSONDecodeFunc,
		"jsonencode":             guardNumbers(limit, stdlib.JSONEncodeFunc),
		"keys":                   stdlib.KeysFunc,
		"length":                 stdlib.LengthFunc,
		"lessthan":               stdlib.LessThanFunc,
		"lessthanorequalto":      stdlib.LessThanOrEqualToFunc,
		"log":                    LogFunc,
		"lookup":                 stdlib.LookupFunc,
		"lower":                  stdlib.LowerFunc,
		"max":                    stdlib.MaxFunc,
		"md5":                    MD5Func,
		"merge":                  stdlib.MergeFunc,
		"min":                    stdlib.MinFunc,
		"modulo":                 ModuloFunc,
		"multiply":               stdlib.MultiplyFunc,
		"negate":                 stdlib.NegateFunc,
		"not":                    stdlib.NotFunc,
		"notequal":               stdlib.NotEqualFunc,
		"or":                     stdlib.OrFunc,
		"parseint":               guardParseInt(),
		"pow":                    PowFunc,
		"range":                  stdlib.RangeFunc,
		"regex_replace":          guardRegexReplace(),
		"regex":                  stdlib.RegexFunc,
		"regexall":               stdlib.RegexAllFunc,
		"replace":                guardReplace(),
		"reverse":                stdlib.ReverseFunc,
		"reverselist":            stdlib.ReverseListFunc,
		"rsadecrypt":             RSADecryptFunc,
		"sanitize":               SanitizeFunc,
		"semvercmp":              SemverCmpFunc,
		"sethaselement":          stdlib.SetHasElementFunc,
		"setintersection":        stdlib.SetIntersectionFunc,
		"setproduct":             guardSetProduct(limit),
		"setsubtract":            stdlib.SetSubtractFunc,
		"setsymmetricdifference": stdlib.SetSymmetricDifferenceFunc,
		"setunion":               stdlib.SetUnionFunc,
		"sha1":                   SHA1Func,
		"sha256":                 SHA256Func,
		"sha512":                 SHA512Func,
		"signum":                 SignumFunc,
		"slice":                  stdlib.SliceFunc,
		"sort":                   stdlib.SortFunc,
		"split":                  stdlib.SplitFunc,
		"strlen":                 stdlib.StrlenFunc,
		"substr":                 stdlib.SubstrFunc,
		"subtract":               stdlib.SubtractFunc,
		"timeadd":                stdlib.TimeAddFunc,
		"timestamp":              makeTimestampFunc(opts.now),
		"title":                  stdlib.TitleFunc,
		"trim":                   stdlib.TrimFunc,
		"trimprefix":             stdlib.TrimPrefixFunc,
		"trimspace":              stdlib.TrimSpaceFunc,
		"trimsuffix":             stdlib.TrimSuffixFunc,
		"try":                    tryfunc.TryFunc,
		"unixtimestampparse":     UnixTimestampParseFunc,
		"upper":                  stdlib.UpperFunc,
		"urlencode":              URLEncodeFunc,
		"uuidv4":                 UUIDV4Func,
		"uuidv5":                 UUIDV5Func,
		"values":                 stdlib.ValuesFunc,
		"zipmap":                 stdlib.ZipmapFunc,
	}
}

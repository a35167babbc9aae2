package funcs

import (
	"strconv"
	"time"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"github.com/zclconf/go-cty/cty/gocty"
)

// makeTimestampFunc returns timestamp(), the current time (from now) as an
// RFC 3339 string in UTC.
func makeTimestampFunc(now func() time.Time) function.Function {
	return function.New(&function.Spec{
		Description: "Returns a string representation of the current date and time.",
		Type:        function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.StringVal(now().UTC().Format(time.RFC3339)), nil
		},
	})
}

// unixSeconds converts a number argument to whole unix seconds.
func unixSeconds(v cty.Value, argIdx int) (int64, error) {
	var n int64
	if err := gocty.FromCtyValue(v, &n); err != nil {
		return 0, function.NewArgErrorf(argIdx, "unix timestamp must be an integer")
	}
	return n, nil
}

// FormatTimestampFunc formats an RFC 3339 timestamp string or a unix
// timestamp (whole seconds) using formatdate's format syntax. The format "X"
// alone yields the unix timestamp in seconds, as a string.
var FormatTimestampFunc = function.New(&function.Spec{
	Description: `Formats a timestamp string in RFC 3339 syntax or a unix timestamp integer into another timestamp in some other machine-oriented time syntax, as described in the format string. The special format string "X" returns the unix timestamp in seconds.`,
	Params: []function.Parameter{
		{Name: "format", Type: cty.String},
		{Name: "time", Type: cty.DynamicPseudoType},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		format, tv := args[0].AsString(), args[1]
		var ts string
		switch tv.Type() {
		case cty.String:
			ts = tv.AsString()
			if format == "X" {
				t, err := time.Parse(time.RFC3339, ts)
				if err != nil {
					return cty.NilVal, function.NewArgErrorf(1, "timestamp string must be RFC3339")
				}
				return cty.StringVal(strconv.FormatInt(t.Unix(), 10)), nil
			}
		case cty.Number:
			n, err := unixSeconds(tv, 1)
			if err != nil {
				return cty.NilVal, err
			}
			if format == "X" {
				return cty.StringVal(strconv.FormatInt(n, 10)), nil
			}
			ts = time.Unix(n, 0).UTC().Format(time.RFC3339)
		default:
			return cty.NilVal, function.NewArgErrorf(1, "must be a string timestamp or a unix timestamp number")
		}
		return stdlib.FormatDate(args[0], cty.StringVal(ts))
	},
})

// unixTimestampType is the object type returned by unixtimestampparse.
var unixTimestampType = cty.Object(map[string]cty.Type{
	"year":         cty.Number,
	"year_day":     cty.Number,
	"day":          cty.Number,
	"month":        cty.Number,
	"month_name":   cty.String,
	"weekday":      cty.Number,
	"weekday_name": cty.String,
	"hour":         cty.Number,
	"minute":       cty.Number,
	"second":       cty.Number,
	"rfc3339":      cty.String,
	"iso_year":     cty.Number,
	"iso_week":     cty.Number,
})

// UnixTimestampParseFunc breaks a unix timestamp (whole seconds) down into
// its UTC calendar fields. weekday counts from Sunday = 0.
var UnixTimestampParseFunc = function.New(&function.Spec{
	Description: "Given a unix timestamp integer, will parse and return an object representation of that date and time. A unix timestamp is the number of seconds elapsed since January 1, 1970 UTC.",
	Params:      []function.Parameter{{Name: "unix_timestamp", Type: cty.Number}},
	Type:        function.StaticReturnType(unixTimestampType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := unixSeconds(args[0], 0)
		if err != nil {
			return cty.NilVal, err
		}
		t := time.Unix(n, 0).UTC()
		isoYear, isoWeek := t.ISOWeek()
		return cty.ObjectVal(map[string]cty.Value{
			"year":         cty.NumberIntVal(int64(t.Year())),
			"year_day":     cty.NumberIntVal(int64(t.YearDay())),
			"day":          cty.NumberIntVal(int64(t.Day())),
			"month":        cty.NumberIntVal(int64(t.Month())),
			"month_name":   cty.StringVal(t.Month().String()),
			"weekday":      cty.NumberIntVal(int64(t.Weekday())),
			"weekday_name": cty.StringVal(t.Weekday().String()),
			"hour":         cty.NumberIntVal(int64(t.Hour())),
			"minute":       cty.NumberIntVal(int64(t.Minute())),
			"second":       cty.NumberIntVal(int64(t.Second())),
			"rfc3339":      cty.StringVal(t.Format(time.RFC3339)),
			"iso_year":     cty.NumberIntVal(int64(isoYear)),
			"iso_week":     cty.NumberIntVal(int64(isoWeek)),
		}), nil
	},
})

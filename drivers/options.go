package drivers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bkx-dev/bkx/internal/names"
)

// Kind is how an option's value is read.
type Kind int

const (
	KindString    Kind = iota
	KindBool           // true/false/1/0
	KindInt            // a whole number
	KindDuration       // 30s, 2m
	KindEnum           // one of Values
	KindKeyValues      // k=v,k2=v2
)

// Option is one driver-opts key.
type Option struct {
	Name string
	Kind Kind
	// Prefix makes Name a prefix: "env." takes env.FOO, env.BAR...
	Prefix bool
	Values []string // for KindEnum
	Doc    string
}

// OptionError is one problem with a driver option.
type OptionError struct {
	Key    string
	Detail string
}

func (e *OptionError) Error() string { return fmt.Sprintf("driver option %q: %s", e.Key, e.Detail) }

// ValidateOptions checks opts against the driver's schema. Every problem
// is reported; an unknown key names the closest known one.
func ValidateOptions(d Driver, opts map[string]string) []*OptionError {
	schema := d.Options()
	var errs []*OptionError
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		o := findOption(schema, k)
		if o == nil {
			errs = append(errs, &OptionError{k, fmt.Sprintf("the %s driver has no such option.%s Options: %s.", d.Name(), names.Suggest(k, optionList(schema)), optionNames(schema))})
			continue
		}
		if o.Prefix && k == o.Name {
			errs = append(errs, &OptionError{k, fmt.Sprintf("name the key after the prefix, as in %sKEY=VALUE.", o.Name)})
			continue
		}
		if msg := o.check(opts[k]); msg != "" {
			errs = append(errs, &OptionError{k, msg})
		}
	}
	return errs
}

func findOption(schema []Option, key string) *Option {
	for i := range schema {
		o := &schema[i]
		if o.Name == key || (o.Prefix && strings.HasPrefix(key, o.Name)) {
			return o
		}
	}
	return nil
}

func (o *Option) check(v string) string {
	switch o.Kind {
	case KindBool:
		if _, err := strconv.ParseBool(v); err != nil {
			return fmt.Sprintf("%q is not true or false.", v)
		}
	case KindInt:
		if _, err := strconv.Atoi(v); err != nil {
			return fmt.Sprintf("%q is not a whole number.", v)
		}
	case KindDuration:
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			return fmt.Sprintf("%q is not a duration such as 30s or 2m.", v)
		}
	case KindEnum:
		for _, ok := range o.Values {
			if v == ok {
				return ""
			}
		}
		return fmt.Sprintf("%q is not one of %s.", v, strings.Join(o.Values, ", "))
	case KindKeyValues:
		if _, err := ParseKeyValues(v); err != nil {
			return err.Error()
		}
	}
	return ""
}

// ParseKeyValues reads "k=v,k2=v2".
func ParseKeyValues(s string) (map[string]string, error) {
	m := map[string]string{}
	if s == "" {
		return m, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not a key=value list such as a=1,b=2", s)
		}
		m[k] = v
	}
	return m, nil
}

func optionNames(schema []Option) string {
	names := make([]string, len(schema))
	for i, o := range schema {
		names[i] = o.Name
		if o.Prefix {
			names[i] += "*"
		}
	}
	return strings.Join(names, ", ")
}

func optionList(schema []Option) []string {
	list := make([]string, len(schema))
	for i, o := range schema {
		list[i] = o.Name
	}
	return list
}

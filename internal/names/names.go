// Package names has the small helpers every layer uses to talk about
// names in messages: the closest known name to a misspelled one, and
// quoted lists.
package names

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
)

// Suggest returns ` Did you mean "x"?` for the known name closest to
// name (case ignored), or "". A name of up to four letters may be one
// edit away, a longer one two: "push" is not a misspelled "ssh".
func Suggest(name string, known []string) string {
	limit := 2
	if len([]rune(name)) <= 4 {
		limit = 1
	}
	best, bestDist := "", 0
	for _, k := range known {
		d := levenshtein.Distance(strings.ToLower(name), strings.ToLower(k), nil)
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}

// Quoted joins names as "a", "b", "c".
func Quoted(list []string) string {
	q := make([]string, len(list))
	for i, n := range list {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// SortedKeys returns a map's keys in order.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package hcl

import (
	"fmt"
	"strings"

	"github.com/agext/levenshtein"
)

// suggest returns " Did you mean "x"?" for the known name closest to
// name, or "" when none is close.
func suggest(name string, known []string) string {
	best, bestDist := "", 0
	for _, k := range known {
		d := levenshtein.Distance(strings.ToLower(name), strings.ToLower(k), nil)
		if d < 3 && (best == "" || d < bestDist) {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}

func joinQuoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

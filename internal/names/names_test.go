package names

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"tags", "platforms", "target", "ssh"}
	for _, c := range []struct{ in, want string }{
		{"tagz", ` Did you mean "tags"?`},
		{"platfroms", ` Did you mean "platforms"?`},
		{"TARGET", ` Did you mean "target"?`},
		{"colour", ""},
		{"push", ""}, // not "ssh": two edits in four letters is a different word
		{"tag", ` Did you mean "tags"?`},
	} {
		if got := Suggest(c.in, known); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Quoted([]string{"a", "b"}); got != `"a", "b"` {
		t.Errorf("Quoted = %s", got)
	}
	if got := SortedKeys(map[string]int{"b": 1, "a": 2}); len(got) != 2 || got[0] != "a" {
		t.Errorf("SortedKeys = %v", got)
	}
}

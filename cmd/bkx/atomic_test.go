package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestBakePublishAtomic: with --publish=atomic, two targets that push,
// one of them failing, leave no tag in the registry (the summary says
// what would have been published); both succeeding, both tags exist and
// point at the built images. A third target is split over the test
// world's two nodes: its index is tagged in the same final step.
func TestBakePublishAtomic(t *testing.T) {
	t.Parallel()
	w := newBuildWorld(t)
	a, b, c := w.image("atomic-a"), w.image("atomic-b"), w.image("atomic-c")
	t.Cleanup(func() { deleteManifest(a); deleteManifest(b); deleteManifest(c) })
	file := func(fail string) string {
		return twoNodes(w.env, "linux/amd64", "linux/arm64") + fmt.Sprintf(`
variable "FAIL" { default = %q }
target "a" {
  dockerfile-inline = "FROM %s\nRUN echo a-%s\n"
  tags   = [%q]
  output = ["type=registry"]
}
target "b" {
  dockerfile-inline = "FROM %s\nRUN echo b-%s && test \"${FAIL}\" != b\n"
  tags   = [%q]
  output = ["type=registry"]
}
target "c" {
  dockerfile-inline = "FROM %s\nRUN echo c-%s\n"
  platforms = ["linux/amd64", "linux/arm64"]
  tags   = [%q]
  output = ["type=registry"]
}
group "default" { targets = ["a", "b", "c"] }
`, fail, w.env.BusyboxImage(), w.nonce, a, w.env.BusyboxImage(), w.nonce, b, w.env.BusyboxImage(), w.nonce, c)
	}
	w.file("build.hcl", file("b"))
	r := w.bake("bake", "--publish=atomic", "--keep-going", "--progress", "plain")
	if r.code != 1 {
		t.Fatalf("b must fail:\n%s", r)
	}
	for _, ref := range []string{a, b, c} {
		if _, err := tryManifest(ref); err == nil {
			t.Errorf("%s is tagged although b failed", ref)
		}
	}
	if !strings.Contains(r.stderr, "--publish=atomic: a target failed, so no tag moved. It would have published:") ||
		!strings.Contains(r.stderr, a+" → sha256:") || !strings.Contains(r.stderr, c+" → sha256:") {
		t.Errorf("the summary does not list what would have been published:\n%s", r.stderr)
	}

	w.file("build.hcl", file("none"))
	w.vars["BKX_PUBLISH"] = "atomic"
	r = w.bake("bake", "--progress", "plain", "--metadata-file", "md.json")
	if r.code != 0 {
		t.Fatal(r)
	}
	md := readMetadata(t, w.dir+"/md.json")
	for name, ref := range map[string]string{"a": a, "b": b} {
		got, err := tryManifest(ref)
		if err != nil {
			t.Errorf("%s not tagged: %v", ref, err)
			continue
		}
		if want, _ := md[name]["containerimage.digest"].(string); got != want {
			t.Errorf("%s points at %s, the build pushed %s", ref, got, want)
		}
	}
	if got := indexPlatforms(t, getManifest(t, c).body); len(got) != 2 {
		t.Errorf("%s: the split target's index has %v", c, got)
	}
	if !strings.Contains(r.stderr, "--publish=atomic: published 4 tags:") && !strings.Contains(r.stderr, "--publish=atomic: published 3 tags:") {
		t.Errorf("no publication summary:\n%s", r.stderr)
	}
}

package plan

import (
	"testing"
)

// TestDefaults: the plan decides buildx's default load and default
// provenance per target, from the builder's capabilities and the
// BUILDX_NO_DEFAULT_* variables, and --plan shows them.
func TestDefaults(t *testing.T) {
	p, sel := resolveIn(t, `builder "remote" {
  driver   = "remote"
  node "n" {
    endpoint    = "tcp://127.0.0.1:1"
    platforms   = ["linux/amd64", "linux/arm64"]
    driver-opts = { default-load = "true" }
  }
}
target "plain" {
  builder = "remote"
}
target "named" {
  builder = "remote"
  output  = ["type=image"]
  attest  = ["type=provenance,disabled=true"]
}
target "multi" {
  builder   = "remote"
  platforms = ["linux/amd64", "linux/arm64"]
}
target "ask" {
  builder = "remote"
  call    = "check"
}
`, "plain", "named", "multi", "ask")
	for _, c := range []struct {
		env            map[string]string
		load, attested []string
	}{
		{nil, []string{"plain"}, []string{"multi", "plain"}},
		{map[string]string{"BUILDX_NO_DEFAULT_LOAD": "1", "BUILDX_NO_DEFAULT_ATTESTATIONS": "true"}, nil, nil},
	} {
		pl, diags := Build(sel, p.Builders, Options{LocalPlatform: "linux/amd64", Env: c.env})
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		b := pl.Builders[0]
		var load, attested []string
		for _, name := range sel.Order {
			if b.DefaultLoad(sel.Targets[name]) {
				load = append(load, name)
			}
			if b.DefaultProvenance(sel.Targets[name]) != "" {
				attested = append(attested, name)
			}
		}
		if !equal(load, c.load) || !equal(attested, c.attested) {
			t.Errorf("env %v: loaded %v, want %v; provenance %v, want %v", c.env, load, c.load, attested, c.attested)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

package hcl

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestUnknownHints checks that each ignored attribute or block gets the
// hint that fits, never a wrong "did you mean".
func TestUnknownHints(t *testing.T) {
	src := `target "app" {
  push = true
  load = true
  depends-on = ["base"]
  args {
    A = "1"
  }
  tagz = ["x"]
  cache_from = ["type=local,src=c"]
  colour = "blue"
}
target "base" {}
variable "V" {
  validation = {}
}
`
	want := map[int][]string{
		2:  {`no attribute "push"`, `output = ["type=image,push=true"] or --push`},
		3:  {`no attribute "load"`, `output = ["type=docker"] or --load`},
		4:  {`Did you mean "depends_on"?`},
		5:  {`no block "args"`, `args is an attribute: args = { ... }`},
		8:  {`Did you mean "tags"?`},
		9:  {`Did you mean "cache-from"?`},
		10: {`no attribute "colour": docker buildx bake ignores it, and so does bkx.`},
		14: {`validation is a block: validation { ... }`},
	}
	p, diags := Parse([]File{{Name: "docker-bake.hcl", Data: []byte(src)}}, Options{})
	if diags.HasErrors() {
		t.Fatalf("errors: %v", diags)
	}
	seen := map[int]bool{}
	for _, d := range diags {
		if d.Severity != hcl.DiagWarning {
			t.Errorf("not a warning: %v", d)
		}
		line := d.Subject.Start.Line
		seen[line] = true
		for _, w := range want[line] {
			if !strings.Contains(d.Detail, w) {
				t.Errorf("line %d: %q does not say %q", line, d.Detail, w)
			}
		}
		if strings.Contains(d.Detail, `"ssh"`) {
			t.Errorf("line %d suggests ssh: %s", line, d.Detail)
		}
	}
	for line := range want {
		if !seen[line] {
			t.Errorf("line %d: no warning", line)
		}
	}
	if got := p.Targets["app"]; got == nil || got.Args != nil || got.Tags != nil {
		t.Errorf("ignored attributes leaked into the target: %+v", got)
	}
}

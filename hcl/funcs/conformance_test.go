package funcs

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// conformanceCase is an HCL expression and the string buildx produced for it
// when used as a bake arg value.
type conformanceCase struct {
	name, expr, want string
}

var testOpts = Options{
	Now:     func() time.Time { return time.Date(2025, 9, 16, 12, 0, 0, 0, time.UTC) },
	HomeDir: "/tmp/fx/home",
}

// evalExpr evaluates an HCL expression with the bake function set.
func evalExpr(t *testing.T, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %s", src, diags.Error())
	}
	return expr.Value(&hcl.EvalContext{Functions: Stdlib(testOpts)})
}

// TestConformance checks expressions against values recorded from buildx.
func TestConformance(t *testing.T) {
	for _, tc := range conformanceCases {
		t.Run(tc.name, func(t *testing.T) {
			v, diags := evalExpr(t, tc.expr)
			if diags.HasErrors() {
				t.Fatalf("%s: %s", tc.expr, diags.Error())
			}
			s, err := convert.Convert(v, cty.String)
			if err != nil {
				t.Fatalf("%s: result %#v is not a string: %s", tc.expr, v, err)
			}
			if got := s.AsString(); got != tc.want {
				t.Errorf("%s\n got: %q\nwant: %q", tc.expr, got, tc.want)
			}
		})
	}
}

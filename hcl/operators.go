package hcl

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/bkx-dev/bkx/hcl/funcs"
)

// The / and % operators of HCL call go-cty's divide and modulo, which
// return infinity for a zero divisor; buildx then prints "+Inf" without a
// word. bkx makes a zero divisor an error at the operator instead.
// hclsyntax keeps its operators in package variables, so this applies to
// every HCL expression the bkx process evaluates, which is what we want.
func init() {
	hclsyntax.OpDivide.Impl = funcs.DivideFunc
	hclsyntax.OpModulo.Impl = funcs.ModuloFunc
}

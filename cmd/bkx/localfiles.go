package main

import (
	hcl2 "github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/plan"
)

// The checks of what a selection reads from this machine (secret files,
// SSH keys, contexts, Dockerfiles) are the plan's: plan.CheckLocalFiles,
// and plan.Build with Options.CheckFiles.

// targetDiag is an error of target name at its attribute attr, or at the
// target's block when attr was not written.
func targetDiag(name string, t *hcl.Target, attr, summary, detail string) *hcl2.Diagnostic {
	_ = name // t.Name
	return plan.TargetError(t, attr, summary, detail)
}

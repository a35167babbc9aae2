package plan

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers"
	bake "github.com/bkx-dev/bkx/hcl"
)

// Plan is a checked build graph.
type Plan struct {
	// Builders used by the steps, in order of first use.
	Builders []*Builder `json:"builders"`
	// Steps in dependency order: every step comes after the steps it
	// depends on.
	Steps []*Step `json:"steps"`
}

// Builder is a builder as the plan sees it: its driver's static
// capabilities and its nodes' platforms.
type Builder struct {
	Name   string               `json:"name"`
	Driver string               `json:"driver"`
	Caps   drivers.Capabilities `json:"-"`
	// Probed says what the live daemon answered about its capabilities
	// (the docker driver's image store); empty when not asked.
	Probed string  `json:"probed,omitempty"`
	Nodes  []*Node `json:"nodes"`
	// Config is what drivers/ needs to make the builder.
	Config drivers.Config `json:"-"`
	// Range is where the builder is declared; nil when implicit.
	Range *hcl.Range `json:"-"`

	// noDefaultLoad and noDefaultAttest are BUILDX_NO_DEFAULT_LOAD and
	// BUILDX_NO_DEFAULT_ATTESTATIONS (Options.Env).
	noDefaultLoad, noDefaultAttest bool
}

// DefaultLoad tells whether target t, built on b, is loaded into docker
// though it names no output, as buildx does: b loads by default (the
// docker driver, default-load=true), t names no output, builds at most
// one platform (a docker image holds one) and is no --call question.
// BUILDX_NO_DEFAULT_LOAD turns it off.
func (b *Builder) DefaultLoad(t *bake.Target) bool {
	// Several platforms go into the daemon's store only when it keeps
	// indexes (the docker driver with the containerd image store), as
	// buildx loads them; elsewhere they stay in the build cache.
	multi := b.Caps.ImageStoreExporter != "" && b.Caps.MultiPlatform
	return b.Caps.DefaultLoad && !b.noDefaultLoad && len(t.Output) == 0 && (len(t.Platforms) <= 1 || multi) && CallRequest(t) == ""
}

// DefaultProvenance is the attestation buildx adds to a build of t on b
// that asks for none: minimal provenance, attached only by exporters that
// can attach it (an image or a layout, not a local folder). It is "" when
// b cannot attach attestations (dockerd's classic image store), when t
// names a provenance entry (disabled=true counts: it turns the default
// off) or is a --call question, and with BUILDX_NO_DEFAULT_ATTESTATIONS.
func (b *Builder) DefaultProvenance(t *bake.Target) string {
	if b.noDefaultAttest || CallRequest(t) != "" || b.Caps.Supports(drivers.FeatureAttestations, "") != nil {
		return ""
	}
	for _, e := range t.Attest {
		if e.Type() == "provenance" {
			return ""
		}
	}
	return "mode=min,inline-only=true"
}

// CallRequest is the frontend subrequest of a target's call (--call):
// check (lint), outline or targets; "" for a build.
func CallRequest(t *bake.Target) string {
	if t.Call == nil {
		return ""
	}
	switch *t.Call {
	case "check", "lint":
		return "frontend.lint"
	case "outline":
		return "frontend.outline"
	case "targets":
		return "frontend.targets"
	}
	return ""
}

// Node is one node of a builder.
type Node struct {
	Name string `json:"name"`
	// Platforms the node builds, the native one first; the others run
	// under emulation.
	Platforms []string `json:"platforms"`
	// Assumed is true when nobody declared the platforms and no live
	// answer was available: the local platform is assumed.
	Assumed bool `json:"assumed,omitempty"`
	// Native is how many of Platforms, from the first, the node builds
	// natively: all the declared ones, or the first of a live answer.
	Native int `json:"-"`
}

// Step is one (target, platform) built on one node.
type Step struct {
	// ID is "target" or "target@os/arch[/variant]".
	ID       string `json:"id"`
	Target   string `json:"target"`
	Platform string `json:"platform,omitempty"`
	Builder  string `json:"builder"`
	Node     string `json:"node"`
	Emulated bool   `json:"emulated,omitempty"`
	// DependsOn lists step IDs.
	DependsOn []string `json:"depends_on,omitempty"`
	// Outputs are the target's outputs in their CSV form.
	Outputs []string `json:"outputs,omitempty"`
	// Linked is true for a target built only as another's context.
	Linked bool `json:"linked,omitempty"`

	// Spec is the resolved target, for exec/.
	Spec *bake.Target `json:"-"`
}

// Options are the command-line inputs of planning.
type Options struct {
	// Builder is --builder: every target runs on it.
	Builder string
	// DefaultBuilder is the builder of a target that names none when
	// there is no --builder: the one `docker buildx use` selected; empty
	// means "default".
	DefaultBuilder string
	// LocalPlatform is the platform "local" means, and the one assumed
	// for nodes whose platforms are unknown.
	LocalPlatform string
	// Workdir is the directory paths are relative to; filesystem
	// entitlements are checked against it. Empty skips those checks.
	Workdir string
	// CheckFiles makes Build check what the selection reads from this
	// machine, relative to Workdir: secret files and SSH keys
	// (CheckLocalFiles), local contexts and Dockerfiles. Plans of trees
	// that are not on this machine leave it off.
	CheckFiles bool
	// Allow is what --allow grants (ParseAllow).
	Allow Allow
	// Env is the environment: caches read ACTIONS_* and AWS_* from it,
	// builders BUILDX_NO_DEFAULT_LOAD and BUILDX_NO_DEFAULT_ATTESTATIONS.
	Env map[string]string
	// NodePlatforms, when set, answers the platforms of a node whose
	// block declares none (from the live daemon). nil or an empty answer
	// means unknown.
	NodePlatforms func(builder, node string) []string
	// LiveCapabilities, when set, answers a builder's capabilities from
	// its live daemon (drivers.CapabilityProber): ok is false when the
	// builder cannot say, and the driver's static ones stand.
	LiveCapabilities func(builder string) (caps drivers.Capabilities, probed string, ok bool)
}

package drivertest

import (
	"slices"

	"github.com/bkx-dev/bkx/drivers"
)

// Abilities is what builders of a driver must be able to do, whatever
// the driver's own Capabilities say: the suite checks that Capabilities
// agrees, then does each of these on the real daemon.
type Abilities struct {
	// DefaultLoad: results go into docker when the target names no
	// output, whatever the driver options (others: default-load=true).
	DefaultLoad bool
	// Load: results can be loaded into a docker daemon.
	Load bool
	// MultiPlatform: several platforms in one image.
	MultiPlatform bool
	// Tarball: oci and docker outputs written to files.
	Tarball bool
	// CacheExport lists the cache-to types exported; nil means every one
	// of CacheTypes.
	CacheExport []string
	// Attestations: attestation manifests beside the image's.
	Attestations bool
	// BuildkitConfig: who configures buildkitd.
	BuildkitConfig drivers.Support
}

// Table is the capability matrix of the bake reference (section 2.1),
// with the docker daemon on its classic image store, and load into docker
// granted where a Docker API is reachable (the test world's dockerd is).
var Table = map[string]Abilities{
	"docker": {
		DefaultLoad:    true,
		Load:           true,
		CacheExport:    []string{"inline"},
		BuildkitConfig: drivers.Unsupported,
	},
	"docker-container": everything(drivers.Supported),
	"kubernetes":       everything(drivers.Supported),
	"remote":           everything(drivers.External),
}

func everything(config drivers.Support) Abilities {
	return Abilities{Load: true, MultiPlatform: true, Tarball: true, Attestations: true, BuildkitConfig: config}
}

// CacheTypes are BuildKit's cache export types.
var CacheTypes = []string{"registry", "local", "inline", "gha", "s3", "azblob"}

// Need is one thing a build can ask of its builder: a feature, qualified
// for cache export by the cache type.
type Need struct {
	Feature drivers.Feature
	Arg     string
}

func (n Need) String() string {
	if n.Arg != "" {
		return string(n.Feature) + " type=" + n.Arg
	}
	return string(n.Feature)
}

// Needs lists every Need, cache export once per type.
func Needs() []Need {
	needs := []Need{
		{Feature: drivers.FeatureMultiPlatform},
		{Feature: drivers.FeatureTarballOutput},
		{Feature: drivers.FeatureAttestations},
		{Feature: drivers.FeatureLoad},
		{Feature: drivers.FeatureBuildkitConfig},
	}
	for _, typ := range CacheTypes {
		needs = append(needs, Need{drivers.FeatureCacheExport, typ})
	}
	return needs
}

// Has says whether a driver with these abilities meets n.
func (a Abilities) Has(n Need) bool {
	switch n.Feature {
	case drivers.FeatureMultiPlatform:
		return a.MultiPlatform
	case drivers.FeatureTarballOutput:
		return a.Tarball
	case drivers.FeatureAttestations:
		return a.Attestations
	case drivers.FeatureLoad:
		return a.Load
	case drivers.FeatureBuildkitConfig:
		return a.BuildkitConfig == drivers.Supported
	case drivers.FeatureCacheExport:
		return a.CacheExport == nil || slices.Contains(a.CacheExport, n.Arg)
	}
	return false
}

// Lacks lists the needs a driver with these abilities does not meet.
func (a Abilities) Lacks() []Need {
	var out []Need
	for _, n := range Needs() {
		if !a.Has(n) {
			out = append(out, n)
		}
	}
	return out
}

package drivers

import (
	"fmt"
	"strconv"
)

// Capabilities is what a builder can do, known without any network.
type Capabilities struct {
	// DefaultLoad: results go into the docker daemon's image store when
	// the target names no output.
	DefaultLoad bool
	// CacheExport lists the cache-to types the driver can export; nil
	// means every type.
	CacheExport []string
	// TarballOutput: oci and docker outputs written to files.
	TarballOutput bool
	// MultiPlatform: one node builds several platforms into one image.
	MultiPlatform bool
	// BuildkitConfig says whether bkx can configure buildkitd.
	BuildkitConfig Support
	// Load: results can be loaded into a docker daemon (--load).
	Load bool
	// Unlock, when set, says what would give this builder the features it
	// lacks (the docker driver: turn on the containerd image store);
	// refusals offer it.
	Unlock string
	// MaxNodes is how many nodes a builder of this driver can have; 0
	// means no limit (the docker driver has one: the daemon's BuildKit).
	MaxNodes int
	// ImageStoreExporter, when set, is the exporter that writes an image
	// (type=image without push, type=docker without dest) straight into
	// the daemon's own image store ("moby" for the docker driver), where
	// others load a docker tarball.
	ImageStoreExporter string
}

// Support is a yes/no/managed-elsewhere answer.
type Support string

const (
	Supported   Support = "yes"
	Unsupported Support = "no"
	External    Support = "managed externally"
)

// Feature is something a target can ask of its builder.
type Feature string

const (
	FeatureCacheExport    Feature = "cache export"
	FeatureTarballOutput  Feature = "tarball output"
	FeatureMultiPlatform  Feature = "multi-platform build"
	FeatureLoad           Feature = "load into docker"
	FeatureBuildkitConfig Feature = "buildkitd configuration"
	FeatureAttestations   Feature = "attestation"
)

// Unsupported is the error Supports returns: it names the feature, the
// reason and what to use instead.
type UnsupportedError struct {
	Feature Feature
	Detail  string
	Instead string
}

func (e *UnsupportedError) Error() string {
	s := fmt.Sprintf("%s is not supported: %s", e.Feature, e.Detail)
	if e.Instead != "" {
		s += "; " + e.Instead
	}
	return s
}

// Supports returns nil when the builder can do f, else an
// *UnsupportedError saying why. arg qualifies f: the cache-to type for
// FeatureCacheExport.
func (c Capabilities) Supports(f Feature, arg string) error {
	instead := "use a docker-container, kubernetes or remote builder"
	if c.Unlock != "" {
		instead = c.Unlock + ", or " + instead
	}
	switch f {
	case FeatureCacheExport:
		if c.CacheExport == nil {
			return nil
		}
		for _, t := range c.CacheExport {
			if t == arg {
				return nil
			}
		}
		return &UnsupportedError{f, fmt.Sprintf("it exports only %v caches, not type=%s", c.CacheExport, arg), instead}
	case FeatureTarballOutput:
		if !c.TarballOutput {
			return &UnsupportedError{f, "it cannot write oci or docker tarballs", instead + ", or output type=image / type=local"}
		}
	case FeatureMultiPlatform:
		if !c.MultiPlatform {
			return &UnsupportedError{f, "it builds one platform per image", instead + ", or build one platform per target"}
		}
	case FeatureAttestations:
		// An attestation is a manifest of its own in the image's index.
		if !c.MultiPlatform {
			return &UnsupportedError{f, "it stores one manifest per image, with no room for attestation manifests", instead + ", or drop the attest entry"}
		}
	case FeatureLoad:
		if !c.Load {
			return &UnsupportedError{f, "it cannot reach a docker daemon", "push to a registry instead"}
		}
	case FeatureBuildkitConfig:
		switch c.BuildkitConfig {
		case Unsupported:
			return &UnsupportedError{f, "it runs the daemon's own BuildKit", "configure dockerd instead, or " + instead}
		case External:
			return &UnsupportedError{f, "its BuildKit is run by someone else", "configure that buildkitd where it runs"}
		}
	}
	return nil
}

// BuildKitCapabilities are those of a builder that runs BuildKit itself
// (a container, pods, or a remote buildkitd): every feature, loading into
// docker by default when the default-load driver option says so, and
// config saying who configures buildkitd.
func BuildKitCapabilities(opts map[string]string, config Support) Capabilities {
	load, _ := strconv.ParseBool(opts["default-load"])
	return Capabilities{
		DefaultLoad:    load,
		TarballOutput:  true,
		MultiPlatform:  true,
		BuildkitConfig: config,
		Load:           true,
	}
}

package plan

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/buildkit/util/entitlements"
)

// Allow is what --allow grants, read as buildx reads it: BuildKit's own
// entitlements (network.host, security.insecure, device[=NAME]), checked
// with BuildKit's entitlements package, and bake's (fs, fs.read, fs.write
// for paths outside the working directory; ssh; image, image.push,
// image.load for image names).
type Allow struct {
	// BuildKit lists the entitlements granted to the solve, as BuildKit
	// spells them ("network.host", "device=/dev/kvm").
	BuildKit []string
	// FSRead and FSWrite are the paths granted (absolute, or "*").
	FSRead, FSWrite []string
	// SSH grants forwarding this machine's SSH agent and keys.
	SSH bool
	// ImagePush and ImageLoad are the image name patterns granted.
	ImagePush, ImageLoad []string
}

// allowKeys are the keys --allow takes, for messages.
var allowKeys = []string{"network.host", "security.insecure", "device[=NAME]", "ssh", "fs=PATH", "fs.read=PATH", "fs.write=PATH", "image=NAME", "image.push=NAME", "image.load=NAME"}

// ParseAllow reads --allow values. wd makes relative paths absolute.
// An unknown entitlement is an error that lists the valid ones.
func ParseAllow(values []string, wd string) (Allow, error) {
	var a Allow
	for _, v := range values {
		key, val, hasVal := strings.Cut(v, "=")
		switch key {
		case "fs", "fs.read", "fs.write":
			if val == "" {
				return a, fmt.Errorf("invalid --allow %s: %s needs a path (%s=PATH, or %s=* for every path)", v, key, key, key)
			}
			p := val
			if p != "*" {
				p = filepath.Clean(Abs(wd, p))
			}
			if key != "fs.write" {
				a.FSRead = append(a.FSRead, p)
			}
			if key != "fs.read" {
				a.FSWrite = append(a.FSWrite, p)
			}
		case "ssh":
			if hasVal {
				return a, fmt.Errorf("invalid --allow %s: ssh takes no value", v)
			}
			a.SSH = true
		case "image", "image.push", "image.load":
			if val == "" {
				val = "*"
			}
			if key != "image.load" {
				a.ImagePush = append(a.ImagePush, val)
			}
			if key != "image.push" {
				a.ImageLoad = append(a.ImageLoad, val)
			}
		default:
			e, _, err := entitlements.Parse(v)
			if err != nil && key == string(entitlements.EntitlementDevice) {
				return a, fmt.Errorf("invalid --allow %s: %v; write device, or device=NAME[,alias=ALIAS]", v, err)
			}
			if err != nil {
				return a, fmt.Errorf("invalid --allow %s: unknown entitlement %q; use one of %s", v, key, strings.Join(allowKeys, ", "))
			}
			s := string(e)
			if e == entitlements.EntitlementDevice && val != "" {
				s = v
			}
			if !slices.Contains(a.BuildKit, s) {
				a.BuildKit = append(a.BuildKit, s)
			}
		}
	}
	return a, nil
}

// grants tells whether a target's entitlements entry e is granted: an
// exact match, or device=NAME under a bare device.
func (a Allow) grants(e string) bool {
	if slices.Contains(a.BuildKit, e) {
		return true
	}
	key, _, _ := strings.Cut(e, "=")
	return key == string(entitlements.EntitlementDevice) && slices.Contains(a.BuildKit, key)
}

// grantsPath tells whether path (absolute) may be read or written.
func grantsPath(paths []string, path string) bool {
	for _, p := range paths {
		if p == "*" || within(path, p) {
			return true
		}
	}
	return false
}

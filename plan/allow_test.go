package plan

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAllow(t *testing.T) {
	a, err := ParseAllow([]string{"network.host", "security.insecure", "device", "device=/dev/kvm", "ssh",
		"fs=shared", "fs.read=/etc", "fs.write=*", "image.push=localhost:5000/*", "image.load=app", "image", "network.host"}, "/work")
	if err != nil {
		t.Fatal(err)
	}
	want := Allow{
		BuildKit:  []string{"network.host", "security.insecure", "device", "device=/dev/kvm"},
		FSRead:    []string{"/work/shared", "/etc"},
		FSWrite:   []string{"/work/shared", "*"},
		SSH:       true,
		ImagePush: []string{"localhost:5000/*", "*"},
		ImageLoad: []string{"app", "*"},
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("ParseAllow =\n%+v\nwant\n%+v", a, want)
	}
	if !a.grants("device=/dev/fuse") || !a.grants("network.host") || a.grants("nosuch") {
		t.Errorf("grants: a bare device grants every device, nothing grants an unknown entitlement")
	}
	for _, c := range []struct{ in, want string }{
		{"network.hots", `unknown entitlement "network.hots"; use one of network.host, security.insecure, device[=NAME], ssh, fs=PATH`},
		{"fs.read", "fs.read needs a path"},
		{"ssh=x", "ssh takes no value"},
		{"device=/dev/kvm,colour=x", `unknown device config key "colour"; write device, or device=NAME`},
	} {
		if _, err := ParseAllow([]string{c.in}, "/work"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseAllow(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}

package plan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/drivers/drivertest"
	bake "github.com/bkx-dev/bkx/hcl"
)

// TestDriversRefuseWhatTheyLack plans, for every registered driver, a
// target needing each thing drivertest.Table says the driver must do:
// what the driver lacks is refused with an error at the attribute that
// asks for it, naming the feature and the driver; what it has is planned.
// The driver suite (drivers/drivertest) does the rest on real daemons.
func TestDriversRefuseWhatTheyLack(t *testing.T) {
	for _, name := range drivers.Names() {
		want, ok := drivertest.Table[name]
		if !ok {
			t.Errorf("driver %q is registered but has no row in drivertest.Table", name)
			continue
		}
		for _, n := range drivertest.Needs() {
			t.Run(name+"/"+n.String(), func(t *testing.T) {
				src, line := needing(name, n)
				p, diags := bake.Parse([]bake.File{{Name: "build.hcl", Data: []byte(src)}}, bake.Options{Env: map[string]string{}})
				if diags.HasErrors() {
					t.Fatal(diags.Error())
				}
				sel, diags := p.ResolveForBuild([]string{"t"}, nil)
				if diags.HasErrors() {
					t.Fatal(diags.Error())
				}
				_, diags = Build(sel, p.Builders, Options{LocalPlatform: "linux/amd64", Workdir: "/work/proj"})
				if want.Has(n) {
					if diags.HasErrors() {
						t.Fatalf("the %s driver must do %s, but the plan refused it: %s", name, n, diags.Error())
					}
					return
				}
				refusal(t, diags, name, n, line)
			})
		}
	}
	for name := range drivertest.Table {
		if _, ok := drivers.Lookup(name); !ok {
			t.Errorf("drivertest.Table has a row for %q, which is not a registered driver", name)
		}
	}
}

// refusal finds, among diags, one error at line of build.hcl that names
// feature n and the driver.
func refusal(t *testing.T, diags hcl.Diagnostics, driver string, n drivertest.Need, line int) {
	t.Helper()
	for _, d := range diags {
		if d.Severity != hcl.DiagError || d.Subject == nil || d.Subject.Filename != "build.hcl" || d.Subject.Start.Line != line {
			continue
		}
		text := strings.ToLower(d.Summary + " " + d.Detail)
		if strings.Contains(text, strings.ToLower(string(n.Feature))) && strings.Contains(text, driver+" driver") &&
			(n.Arg == "" || strings.Contains(text, "type="+n.Arg)) {
			return
		}
	}
	if !diags.HasErrors() {
		t.Fatalf("the %s driver lacks %s, but the plan accepted it", driver, n)
	}
	t.Fatalf("no error at build.hcl:%d naming %s and the %s driver: %s", line, n, driver, diags.Error())
}

// cacheEntries are cache-to entries of each type with the attributes it
// requires.
var cacheEntries = map[string]string{
	"registry": "type=registry,ref=localhost:5000/cache",
	"local":    "type=local,dest=cache",
	"inline":   "type=inline",
	"gha":      "type=gha,url=http://127.0.0.1:1/,token=t",
	"s3":       "type=s3,region=us-east-1,bucket=cache",
	"azblob":   "type=azblob,account_url=https://a.blob.core.windows.net,name=cache",
}

// needing is a build file whose target "t" needs n of a builder of the
// driver, and the line of the attribute that asks for it.
func needing(driver string, n drivertest.Need) (string, int) {
	builderAttr, targetAttr := "", ""
	switch n.Feature {
	case drivers.FeatureMultiPlatform:
		targetAttr = `platforms = ["linux/amd64", "linux/arm64"]`
	case drivers.FeatureTarballOutput:
		targetAttr = `output = ["type=oci,dest=out.tar"]`
	case drivers.FeatureAttestations:
		targetAttr = `attest = ["type=provenance,mode=min"]`
	case drivers.FeatureLoad:
		targetAttr = `output = ["type=docker"]`
	case drivers.FeatureCacheExport:
		targetAttr = fmt.Sprintf("cache-to = [%q]", cacheEntries[n.Arg])
	case drivers.FeatureBuildkitConfig:
		builderAttr = `buildkitd-config = "buildkitd.toml"`
	default:
		panic("drivers_test: no target needs " + n.String())
	}
	src := fmt.Sprintf(`builder "under-test" {
  driver    = %q
  platforms = ["linux/amd64", "linux/arm64"]
  %s
}
target "t" {
  builder = "under-test"
  %s
}
`, driver, builderAttr, targetAttr)
	if builderAttr != "" {
		return src, 4
	}
	return src, 8
}

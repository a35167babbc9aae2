package plan

import (
	"fmt"
	"strings"
	"testing"

	bake "github.com/bkx-dev/bkx/hcl"
)

// BenchmarkPlan plans 100, 1000 and 5000 targets (two platforms each, a
// target: dependency every fifth target, on a builder of four nodes) and
// reports ns/target. Planning 5000 targets must take well under a second.
func BenchmarkPlan(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		var src strings.Builder
		src.WriteString(`builder "default" {
  driver = "remote"
  node "a" {
    endpoint  = "tcp://127.0.0.1:1"
    platforms = ["linux/amd64", "linux/arm64"]
  }
  node "b" {
    endpoint  = "tcp://127.0.0.1:2"
    platforms = ["linux/amd64"]
  }
  node "c" {
    endpoint  = "tcp://127.0.0.1:3"
    platforms = ["linux/arm64"]
  }
  node "d" {
    endpoint  = "tcp://127.0.0.1:4"
    platforms = ["linux/amd64", "linux/arm64"]
  }
}
`)
		var names []string
		for i := 0; i < n; i++ {
			fmt.Fprintf(&src, "target \"t%d\" {\n  platforms = [\"linux/amd64\", \"linux/arm64\"]\n  output = [\"type=image,name=r/t%d,push=true\"]\n", i, i)
			if i%5 != 0 {
				fmt.Fprintf(&src, "  contexts = { dep = \"target:t%d\" }\n", i-1)
			}
			src.WriteString("}\n")
			names = append(names, fmt.Sprintf("t%d", i))
		}
		p, diags := bake.Parse([]bake.File{{Name: "build.hcl", Data: []byte(src.String())}}, bake.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		sel, diags := p.ResolveForBuild(names, nil)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		b.Run(fmt.Sprintf("targets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				pl, diags := Build(sel, p.Builders, Options{LocalPlatform: "linux/amd64", Workdir: "/work"})
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				if len(pl.Steps) != 2*n {
					b.Fatalf("%d steps", len(pl.Steps))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/target")
		})
	}
}

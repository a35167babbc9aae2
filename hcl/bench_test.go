package hcl

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// genBakeFile writes a bake file of about n targets that mixes what real
// files use: typed variables, a user function, inherits from hidden base
// targets, matrix blocks of ten, target: links and cross-target
// references. It returns the file and the names to resolve.
func genBakeFile(n int) ([]byte, []string) {
	var b strings.Builder
	b.WriteString(`variable "REGISTRY" { default = "registry.local:5000" }
variable "TAG" { default = "dev" }
variable "PLATFORMS" {
  type    = list(string)
  default = ["linux/amd64", "linux/arm64"]
}
function "img" {
  params = [name]
  result = "${REGISTRY}/${name}:${TAG}"
}
`)
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, `target "_base%d" {
  platforms = PLATFORMS
  args      = { BASE = "base-%d", TAG = TAG }
  labels    = { "org.opencontainers.image.vendor" = "acme" }
  cache-from = ["type=registry,ref=${REGISTRY}/cache:%d"]
}
`, i, i, i)
	}
	var names []string
	matrixTargets := n / 5 / 10
	plain := n - matrixTargets*10
	for i := 0; i < plain; i++ {
		name := fmt.Sprintf("svc-%d", i)
		names = append(names, name)
		fmt.Fprintf(&b, "target %q {\n  inherits = [\"_base%d\"]\n  tags = [img(%q), \"${TAG}-latest\"]\n  args = { N = \"%d\", UP = upper(TAG) }\n", name, i%10, name, i)
		if i > 0 && i%5 == 0 {
			fmt.Fprintf(&b, "  contexts = { dep = \"target:svc-%d\" }\n  labels = { from = target.svc-%d.args.N }\n", i-1, i-1)
		}
		b.WriteString("}\n")
	}
	for i := 0; i < matrixTargets; i++ {
		name := fmt.Sprintf("m%d", i)
		names = append(names, name)
		fmt.Fprintf(&b, `target %q {
  inherits = ["_base%d"]
  name     = "%s-${v}"
  matrix   = { v = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] }
  tags     = [img("%s-${v}")]
  args     = { V = v }
}
`, name, i%10, name, name)
	}
	return []byte(b.String()), names
}

// BenchmarkResolve parses, resolves and prints generated files of 100,
// 1000 and 5000 targets and reports ns/target: it must stay flat as n
// grows (linear time).
func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		data, names := genBakeFile(n)
		b.Run(fmt.Sprintf("targets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p, diags := Parse([]File{{Name: "docker-bake.hcl", Data: data}}, Options{Env: map[string]string{}})
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				sel, diags := p.Resolve(names, nil)
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				if len(sel.Targets) < n {
					b.Fatalf("resolved %d targets, want %d", len(sel.Targets), n)
				}
				sel.Print()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/target")
		})
	}
}

// BenchmarkBuildxPrint runs `docker buildx bake --print` on the same
// files, for a side-by-side figure, when BUILDX names a buildx binary.
func BenchmarkBuildxPrint(b *testing.B) {
	buildx := os.Getenv("BUILDX")
	if buildx == "" {
		b.Skip("set BUILDX to a docker-buildx binary to compare")
	}
	for _, n := range []int{100, 1000, 5000} {
		data, names := genBakeFile(n)
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("targets=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(buildx, append([]string{"bake", "--print"}, names...)...)
				cmd.Dir = dir
				cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir, "DOCKER_HOST=unix:///nonexistent.sock", "DOCKER_CONFIG=" + dir, "BUILDX_CONFIG=" + dir}
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out[:min(len(out), 2000)])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/target")
		})
	}
}

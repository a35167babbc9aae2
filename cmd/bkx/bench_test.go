package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bkx-dev/bkx/internal/testenv"
)

// BenchmarkBake20 builds N=20 small independent no-cache targets
// (FROM base, RUN echo N) on one buildkitd with bkx, then the same
// builds as 20 parallel buildctl processes, in the same run, and reports
// both wall times, their ratio and bkx's peak memory (max RSS).
// Issue 6 asks for bkx ≤ 0.70× parallel buildctl, in less than 60 MiB.
func BenchmarkBake20(b *testing.B) {
	env := testenv.Require(b, testenv.Buildkitd, testenv.Registry)
	const n = 20
	dir := b.TempDir()
	var hcl strings.Builder
	fmt.Fprintf(&hcl, "builder \"default\" {\n  driver = \"remote\"\n  endpoint = %q\n}\ngroup \"default\" {\n  targets = [", env.BuildkitdTCP())
	for i := 0; i < n; i++ {
		fmt.Fprintf(&hcl, "\"t%d\", ", i)
	}
	hcl.WriteString("]\n}\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&hcl, "target \"t%d\" {\n  dockerfile = \"Dockerfile.%d\"\n  no-cache = true\n}\n", i, i)
		df := fmt.Sprintf("FROM %s\nRUN echo %d\n", env.BusyboxImage(), i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("Dockerfile.%d", i)), []byte(df), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(hcl.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	var bkxTotal, ctlTotal time.Duration
	var maxRSS int64
	for i := 0; i < b.N; i++ {
		start := time.Now()
		cmd := exec.Command(os.Args[0])
		cmd.Dir = dir
		cmd.Env = []string{"BKX_TEST_MAIN=1", "BKX_TEST_ARGS=bake --progress quiet " + os.Getenv("BKX_BENCH_ARGS"), "PATH=/usr/bin:/bin", "HOME=" + dir}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("bkx bake: %v\n%s", err, out)
		}
		bkxTotal += time.Since(start)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxRSS {
			maxRSS = ru.Maxrss
		}

		start = time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for j := 0; j < n; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := exec.Command(env.Buildctl(), "--addr", env.BuildkitdTCP(), "build",
					"--frontend", "dockerfile.v0", "--local", "context="+dir, "--local", "dockerfile="+dir,
					"--opt", fmt.Sprintf("filename=Dockerfile.%d", j), "--no-cache", "--progress", "quiet")
				if out, err := c.CombinedOutput(); err != nil {
					errs <- fmt.Errorf("buildctl: %v\n%s", err, out)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		ctlTotal += time.Since(start)
	}
	bkxS := bkxTotal.Seconds() / float64(b.N)
	ctlS := ctlTotal.Seconds() / float64(b.N)
	b.ReportMetric(bkxS, "bkx-s/op")
	b.ReportMetric(ctlS, "buildctl-s/op")
	b.ReportMetric(bkxS/ctlS, "bkx/buildctl")
	b.ReportMetric(float64(maxRSS)/1024, "bkx-maxrss-MiB")
}

// BenchmarkTwoNodes builds 8 CPU-bound targets of one platform with
// each test-world buildkitd pinned to one core: on both nodes, then on
// one node only, in the same run. The ratio is the scaling figure
// (issue 7: near 2 is the goal).
func BenchmarkTwoNodes(b *testing.B) {
	env := testenv.Require(b, testenv.Buildkitd, testenv.Registry)
	for i := 0; i < 2; i++ {
		data, err := os.ReadFile(fmt.Sprintf("/run/bkx-testenv/pids/buildkitd%d.pid", i))
		if err != nil {
			b.Fatal(err)
		}
		pid := strings.TrimSpace(string(data))
		if out, err := exec.Command("taskset", "-a", "-pc", fmt.Sprint(i), pid).CombinedOutput(); err != nil {
			b.Fatalf("taskset: %v: %s", err, out)
		}
		b.Cleanup(func() { _ = exec.Command("taskset", "-a", "-pc", "0-1", pid).Run() })
	}
	tls := env.TLS()
	dir := b.TempDir()
	var hcl strings.Builder
	fmt.Fprintf(&hcl, `builder "both" {
  driver = "remote"
  node "n0" {
    endpoint = %q
    platforms = ["linux/amd64"]
  }
  node "n1" {
    endpoint = %q
    platforms = ["linux/amd64"]
    driver-opts = { cacert = %q, cert = %q, key = %q, servername = "localhost" }
  }
}
builder "one" {
  driver = "remote"
  endpoint = %q
  platforms = ["linux/amd64"]
}
group "default" {
  targets = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]
}
`, env.BuildkitdTCP(), env.BuildkitdTLS(), tls.CA, tls.Cert, tls.Key, env.BuildkitdTCP())
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&hcl, "target \"c%d\" {\n  dockerfile-inline = \"FROM %s\\nRUN i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo %d\\n\"\n  no-cache = true\n}\n", i, env.BusyboxImage(), i)
	}
	if err := os.WriteFile(filepath.Join(dir, "build.hcl"), []byte(hcl.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	run := func(builder string) time.Duration {
		start := time.Now()
		cmd := exec.Command(os.Args[0])
		cmd.Dir = dir
		cmd.Env = []string{"BKX_TEST_MAIN=1", "BKX_TEST_ARGS=bake --progress quiet --builder " + builder, "PATH=/usr/bin:/bin", "HOME=" + dir}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("bkx bake --builder %s: %v\n%s", builder, err, out)
		}
		return time.Since(start)
	}
	var both, one time.Duration
	for i := 0; i < b.N; i++ {
		both += run("both")
		one += run("one")
	}
	b.ReportMetric(both.Seconds()/float64(b.N), "two-nodes-s/op")
	b.ReportMetric(one.Seconds()/float64(b.N), "one-node-s/op")
	b.ReportMetric(one.Seconds()/both.Seconds(), "scaling")
}

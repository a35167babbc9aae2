package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	hcl2 "github.com/hashicorp/hcl/v2"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8s "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/bkx-dev/bkx/drivers/dockercontainer"
	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/testenv"
	"github.com/bkx-dev/bkx/plan"
)

// Builders made by docker buildx (issue 12): bkx reads buildx's store and
// drives the BuildKit buildx made, never a second one beside it.

// writeBuildxStore writes files of a buildx store, relative to its
// folder.
func writeBuildxStore(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildxDockerContainerStoreEntry covers buildx's docker-container
// builders without running one: buildx starts them privileged, which this
// machine refuses. The store entry is written as buildx v0.38.2 writes it
// (its shape observed for the remote and kubernetes drivers, and for a
// docker-container builder created but not started); bkx must map it to
// buildx's container buildx_buildkit_<node> and volume ..._state, make
// it the default after `docker buildx use`, and let the build files and
// bkx's builders file win over a builder of the same name.
func TestBuildxDockerContainerStoreEntry(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "docker", "buildx")
	writeBuildxStore(t, store, map[string]string{
		"instances/box":      `{"Name":"box","Driver":"docker-container","Nodes":[{"Name":"box0","Endpoint":"unix:///run/test/docker.sock","Platforms":[{"architecture":"arm64","os":"linux"}],"DriverOpts":{"image":"moby/buildkit:buildx-stable-1","network":"host","provenance-add-gha":"true"},"Flags":["--allow-insecure-entitlement=network.host"],"Files":null}],"Dynamic":false}`,
		"instances/shadowed": `{"Name":"shadowed","Driver":"remote","Nodes":[{"Name":"shadowed0","Endpoint":"tcp://10.0.0.9:1234","Platforms":null,"DriverOpts":null,"Flags":null,"Files":null}],"Dynamic":false}`,
		"instances/mine":     `{"Name":"mine","Driver":"remote","Nodes":[{"Name":"mine0","Endpoint":"tcp://10.0.0.9:1234","Platforms":null,"DriverOpts":null,"Flags":null,"Files":null}],"Dynamic":false}`,
		"current":            `{"Key":"unix:///run/test/docker.sock","Name":"box","Global":false}`,
	})
	writeBuildxStore(t, filepath.Join(dir, "config"), map[string]string{
		"bkx/builders.hcl": "builder \"mine\" {\n  driver   = \"remote\"\n  endpoint = \"tcp://10.0.0.1:1234\"\n}\n",
	})
	c := &cli{env: map[string]string{
		"HOME": dir, "DOCKER_CONFIG": filepath.Join(dir, "docker"), "XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"DOCKER_HOST": "unix:///run/test/docker.sock",
	}}
	opt := hcl.Options{Env: c.env}
	project, diags := hcl.Parse([]hcl.File{{Name: "docker-bake.hcl", Data: []byte(
		"builder \"shadowed\" {\n  driver   = \"remote\"\n  endpoint = \"tcp://10.0.0.2:1234\"\n}\ntarget \"app\" {\n  builder = \"shadowed\"\n}\n")}}, opt)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	set, diags := c.loadBuilderSet(project, opt, true) // as bkx builder ls
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Detail, "provenance-add-gha") || diags[0].Severity != hcl2.DiagWarning {
		t.Errorf("want one warning about provenance-add-gha, got %v", diags)
	}
	bs, diags := plan.Builders(set.blocks, plan.Options{LocalPlatform: "linux/amd64"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, name := range []string{"box"} {
		b := bs[name]
		if b == nil || b.Driver != dockercontainer.Name || len(b.Config.Nodes) != 1 {
			t.Fatalf("%s: %+v", name, b)
		}
		nc := b.Config.Nodes[0]
		ctr, vol := dockercontainer.NodeResources(b.Name, nc)
		if ctr != "buildx_buildkit_box0" || vol != "buildx_buildkit_box0_state" {
			t.Errorf("%s: container %q volume %q, want buildx's buildx_buildkit_box0(_state)", name, ctr, vol)
		}
		if nc.Name != "box0" || nc.Endpoint != "unix:///run/test/docker.sock" || !slices.Equal(nc.Platforms, []string{"linux/arm64"}) ||
			!slices.Equal(nc.BuildkitdFlags, []string{"--allow-insecure-entitlement=network.host"}) || nc.Opts["network"] != "host" {
			t.Errorf("%s: node %+v", name, nc)
		}
		if _, kept := nc.Opts["provenance-add-gha"]; kept {
			t.Errorf("%s: an option bkx does not have was kept", name)
		}
	}
	for name, want := range map[string]string{
		"box":      "buildx (docker buildx use)",
		"shadowed": sourceBuildFile, "mine": sourceUserFile,
	} {
		if got := set.source[name]; got != want {
			t.Errorf("source of %s: %q, want %q", name, got, want)
		}
	}
	if ep := bs["shadowed"].Config.Nodes[0].Endpoint; ep != "tcp://10.0.0.2:1234" {
		t.Errorf("the build file's builder must win over buildx's: %s", ep)
	}
	if ep := bs["mine"].Config.Nodes[0].Endpoint; ep != "tcp://10.0.0.1:1234" {
		t.Errorf("bkx's builders file must win over buildx's: %s", ep)
	}
	if got := set.buildxName("box"); got != "box" || set.current != "box" {
		t.Errorf("buildxName(box) = %q, current %q: box is buildx's and the default", got, set.current)
	}
	if _, ok := set.source[plan.DefaultBuilder]; ok {
		t.Errorf("the builder of docker buildx use is the default under its own name, not a copy named default: %v", set.source)
	}

	// A build loads only the buildx builders it may use, since planning
	// asks every builder it is given for its platforms.
	set, _ = c.loadBuilders(project, opt)
	if got := slices.Sorted(maps.Keys(set.source)); !slices.Equal(got, []string{"box", "mine", "shadowed"}) || set.current != "box" {
		t.Errorf("a build without --builder loaded %v, default %q", got, set.current)
	}
	c.builder = "box"
	set, _ = c.loadBuilders(project, opt)
	if got := slices.Sorted(maps.Keys(set.source)); !slices.Equal(got, []string{"box", "mine", "shadowed"}) {
		t.Errorf("a build with --builder box loaded %v", got)
	}
	c.builder = ""

	// Another docker endpoint: buildx's current builder is not this one's.
	c.env["DOCKER_HOST"] = "unix:///run/other.sock"
	set, _ = c.loadBuilderSet(nil, opt, true)
	if set.current != "" {
		t.Errorf("current builder of another endpoint became the default: %v", set.current)
	}
}

// buildxBinary is the docker buildx binary hack/buildx.sh builds (BUILDX
// overrides it). A missing binary fails the test: make test builds it.
func buildxBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BUILDX"); p != "" {
		return p
	}
	cache := os.Getenv("BKX_TESTENV_CACHE")
	if cache == "" {
		cache = "/var/cache/bkx-testenv"
	}
	version := os.Getenv("BUILDX_VERSION")
	if version == "" {
		version = "v0.38.2"
	}
	p := filepath.Join(cache, "buildx-"+version, "buildx")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no docker buildx binary at %s: run hack/buildx.sh (make test does), or set BUILDX to one", p)
	}
	return p
}

// TestBuildxBuilders runs the real docker buildx to create a remote
// builder on the test world's buildkitd node and a kubernetes builder
// (bootstrapped by buildx) in a namespace of its own, selects the
// kubernetes one with `docker buildx use`, and builds with bkx on both:
// with no --builder on the selected one, with --builder on the other. The
// build must land in the BuildKit that buildx made (its own history shows
// it), and no second Deployment or pod may appear.
func TestBuildxBuilders(t *testing.T) {
	env := testenv.Require(t, testenv.Buildkitd, testenv.K8s)
	bx := buildxBinary(t)
	dir := t.TempDir()
	vars := map[string]string{
		"HOME": filepath.Join(dir, "home"), "PATH": "/usr/bin:/bin",
		"BUILDX_CONFIG": filepath.Join(dir, "buildx"), "DOCKER_CONFIG": filepath.Join(dir, "docker"),
		"DOCKER_HOST": env.DockerHost(), "KUBECONFIG": env.Kubeconfig(),
	}
	buildx := func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bx, args...)
		for k, v := range vars {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("docker buildx %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run := func(args ...string) (int, string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		c := &cli{env: vars, wd: dir, stdin: strings.NewReader(""), stdout: &out, stderr: &errb, exit: func(int) {}}
		code := c.run(args)
		t.Logf("bkx %s: exit %d", strings.Join(args, " "), code)
		return code, out.String(), errb.String()
	}

	cs, ns := bxNamespace(t, env)
	kube, remote := testenv.UniqueName("bxk"), testenv.UniqueName("bxr")
	t.Cleanup(func() {
		for _, name := range []string{kube, remote} {
			cmd := exec.Command(bx, "rm", name)
			for k, v := range vars {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "not found") {
				t.Errorf("docker buildx rm %s: %v\n%s", name, err, out)
			}
		}
	})
	buildx("create", "--name", kube, "--driver", "kubernetes", "--driver-opt",
		"namespace="+ns+",image="+env.K8sBuildkitImage()+",qemu.install=false,timeout=180s")
	buildx("inspect", "--bootstrap", kube)
	buildx("create", "--name", remote, "--driver", "remote", env.BuildkitdTCP())
	buildx("use", kube)
	before := bxWorkloads(t, cs, ns)
	if want := kube + "0"; len(before.deployments) != 1 || before.deployments[0] != want || len(before.pods) != 1 {
		t.Fatalf("after buildx's bootstrap: %+v, want Deployment %s and one pod", before, want)
	}

	bxWrite(t, filepath.Join(dir, "Dockerfile"), "FROM scratch\nCOPY a /a\n")
	bxWrite(t, filepath.Join(dir, "a"), "from "+kube+"\n")
	bxWrite(t, filepath.Join(dir, "docker-bake.hcl"), "target \"app\" {\n  output = [\"type=local,dest=out\"]\n}\n")

	code, out, errs := run("builder", "ls")
	t.Logf("bkx builder ls:\n%s%s", out, errs)
	if code != 0 {
		t.Fatalf("builder ls: exit %d", code)
	}
	for _, want := range []string{kube, remote, "buildx (docker buildx use)"} {
		if !strings.Contains(out, want) {
			t.Errorf("builder ls lacks %q", want)
		}
	}
	if l := status2(out, kube+"0"); !strings.Contains(l, "running") {
		t.Errorf("kubernetes node: %q", l)
	}

	// No --builder: the builder `docker buildx use` selected.
	code, out, errs = run("bake", "--plan=text", "app")
	if code != 0 || !strings.Contains(out, kube+" (kubernetes driver)") || !strings.Contains(out, "node "+kube+"0") {
		t.Fatalf("plan without --builder: exit %d\n%s%s", code, out, errs)
	}
	md := filepath.Join(dir, "md.json")
	code, out, errs = run("bake", "--progress=plain", "--metadata-file", md, "app")
	if code != 0 {
		t.Fatalf("bake on the selected buildx builder: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "warning: Driver option left out") || !strings.Contains(errs, "qemu.install") {
		t.Errorf("want a warning about qemu.install, which bkx's kubernetes driver lacks:\n%s", errs)
	}
	if got := bxRead(t, filepath.Join(dir, "out", "a")); got != "from "+kube+"\n" {
		t.Errorf("out/a = %q", got)
	}
	checkBuildxHistory(t, buildx, kube, bxBuildRef(t, md, kube+"/"+kube+"0/"))
	if after := bxWorkloads(t, cs, ns); !slices.Equal(after.deployments, before.deployments) || !slices.Equal(after.pods, before.pods) {
		t.Errorf("bkx changed what buildx made: before %+v, after %+v", before, after)
	}

	// --builder names the other one.
	bxWrite(t, filepath.Join(dir, "a"), "from "+remote+"\n")
	code, out, errs = run("bake", "--builder", remote, "--progress=plain", "--metadata-file", md, "app")
	if code != 0 {
		t.Fatalf("bake --builder %s: exit %d\n%s%s", remote, code, out, errs)
	}
	if got := bxRead(t, filepath.Join(dir, "out", "a")); got != "from "+remote+"\n" {
		t.Errorf("out/a = %q", got)
	}
	checkBuildxHistory(t, buildx, remote, bxBuildRef(t, md, remote+"/"+remote+"0/"))

	// BUILDX_BUILDER, as buildx reads it.
	vars["BUILDX_BUILDER"] = remote
	if code, out, errs := run("bake", "--plan=text", "app"); code != 0 || !strings.Contains(out, remote+" (remote driver)") {
		t.Errorf("BUILDX_BUILDER=%s: exit %d\n%s%s", remote, code, out, errs)
	}
	delete(vars, "BUILDX_BUILDER")

	// bkx never removes what buildx made.
	if code, _, errs := run("builder", "rm", kube); code == 0 || !strings.Contains(errs, "docker buildx rm "+kube) {
		t.Errorf("builder rm of a buildx builder: exit %d\n%s", code, errs)
	}
	if after := bxWorkloads(t, cs, ns); !slices.Equal(after.deployments, before.deployments) || !slices.Equal(after.pods, before.pods) {
		t.Errorf("after the builds: before %+v, after %+v", before, after)
	}
}

// testNamespace makes a namespace of the test's own, so that the
// Deployments in it are the test's only, and deletes it at the end,
// waiting until its pods are gone.
func bxNamespace(t *testing.T, env *testenv.Env) (k8s.Interface, string) {
	t.Helper()
	rc, err := clientcmd.BuildConfigFromFlags("", env.Kubeconfig())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := k8s.NewForConfig(rc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ns := testenv.UniqueName("bxns")
	if _, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		grace := int64(1)
		_ = cs.AppsV1().Deployments(ns).DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{})
		_ = cs.CoreV1().Pods(ns).DeleteCollection(ctx, metav1.DeleteOptions{GracePeriodSeconds: &grace}, metav1.ListOptions{})
		if err := cs.CoreV1().Namespaces().Delete(ctx, ns, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			t.Errorf("deleting namespace %s: %v", ns, err)
		}
		for {
			_, err := cs.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				return
			}
			select {
			case <-ctx.Done():
				t.Errorf("namespace %s still there: %v", ns, err)
				return
			case <-time.After(time.Second):
			}
		}
	})
	// Pods need the namespace's default service account.
	for {
		if _, err := cs.CoreV1().ServiceAccounts(ns).Get(ctx, "default", metav1.GetOptions{}); err == nil {
			return cs, ns
		}
		select {
		case <-ctx.Done():
			t.Fatalf("namespace %s has no default service account", ns)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

type bxWorkloadNames struct {
	deployments, pods []string
}

// workloads lists the Deployments and live pods of a namespace, by name.
func bxWorkloads(t *testing.T, cs k8s.Interface, ns string) bxWorkloadNames {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deps, err := cs.AppsV1().Deployments(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var w bxWorkloadNames
	for _, d := range deps.Items {
		w.deployments = append(w.deployments, d.Name)
	}
	for _, p := range pods.Items {
		if p.DeletionTimestamp == nil {
			w.pods = append(w.pods, p.Name)
		}
	}
	slices.Sort(w.deployments)
	slices.Sort(w.pods)
	return w
}

// buildRef reads the solve ref of the app target from a metadata file,
// checking the builder/node prefix.
func bxBuildRef(t *testing.T, path, prefix string) string {
	t.Helper()
	var md map[string]map[string]any
	if err := json.Unmarshal([]byte(bxRead(t, path)), &md); err != nil {
		t.Fatal(err)
	}
	ref, _ := md["app"]["buildx.build.ref"].(string)
	if !strings.HasPrefix(ref, prefix) || len(ref) == len(prefix) {
		t.Fatalf("buildx.build.ref = %q, want %s<ref>", ref, prefix)
	}
	return strings.TrimPrefix(ref, prefix)
}

// checkBuildxHistory asks docker buildx for its builder's build history:
// the build bkx ran must be there, so it ran in the BuildKit buildx made.
func checkBuildxHistory(t *testing.T, buildx func(...string) string, builder, ref string) {
	t.Helper()
	out := buildx("--builder", builder, "history", "ls", "--format", "json")
	for _, line := range strings.Split(out, "\n") {
		var rec struct{ Ref string }
		if json.Unmarshal([]byte(line), &rec) == nil && strings.HasSuffix(rec.Ref, "/"+ref) {
			return
		}
	}
	t.Errorf("docker buildx history of %s lacks bkx's build %s:\n%s", builder, ref, out)
}

func bxWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func bxRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

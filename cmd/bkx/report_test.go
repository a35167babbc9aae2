package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where the test world puts Debian's chromium.
const chromiumPath = "/usr/bin/chromium"

// requireChromium fails (never skips, but under -short) when the browser
// that renders the report is not installed.
func requireChromium(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("renders a page in headless Chromium; skipped under -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("chromium is not installed (%v).\n"+
			"`make testenv` installs it (Debian's chromium package: apt-get install -y chromium; see hack/testenv/README.md), "+
			"or run `go test -short` to skip tests that need it.", err)
	}
}

// reportPage is what the test reads from the rendered page.
type reportPage struct {
	Status string
	Lanes  []string
	Bars   []struct {
		Target, Node, Platforms, Outcome, Title, Background string
		Width, Height                                       float64
	}
	Rows []struct {
		Target, Outcome string
		Cells           []string
	}
	Warnings  []string
	Failures  []string
	Arrows    int
	Resources []string
}

const readReport = `(() => {
  const lanes = [...document.querySelectorAll('.lane[data-node]')].map(l => l.dataset.node);
  const bars = [...document.querySelectorAll('.lane[data-node] .bar')].map(b => {
    const r = b.getBoundingClientRect();
    return {target: b.dataset.target, node: b.closest('.lane').dataset.node, platforms: b.dataset.platforms,
      outcome: b.dataset.outcome, title: b.title, background: getComputedStyle(b).backgroundColor,
      width: r.width, height: r.height};
  });
  const rows = [...document.querySelectorAll('#summary tbody tr')].map(r =>
    ({target: r.dataset.target, outcome: r.dataset.outcome, cells: [...r.cells].map(c => c.textContent)}));
  return {
    status: document.getElementById('status').textContent,
    lanes, bars, rows,
    warnings: [...document.querySelectorAll('#warnings li')].map(l => l.textContent),
    failures: [...document.querySelectorAll('#failures .failure')].map(f => f.dataset.target),
    arrows: document.querySelectorAll('svg.deps line').length,
    resources: performance.getEntriesByType('resource').map(e => e.name),
  };
})()`

// TestBakeReport: --report after a build over two nodes in which one
// target fails (--keep-going) writes one self-contained page. Opened in
// headless Chromium, it has a lane per node, every job's bar on the lane
// of the node the metadata names, the failed target's bar marked failed
// and the one that needed it skipped, the summary as printed, the
// warnings; it requests nothing but its own file. Built again, a target
// whose steps all come from the cache is drawn as such.
func TestBakeReport(t *testing.T) {
	requireChromium(t)
	w := newBuildWorld(t)
	w.file("build.hcl", twoNodes(w.env, "linux/amd64", "linux/arm64")+fmt.Sprintf(`
group "default" {
  targets = ["app", "tool", "bad", "after-bad"]
}
target "base" {
  dockerfile-inline = "FROM %[1]s\nRUN echo base-%[2]s > /base\n"
  platforms = ["linux/amd64", "linux/arm64"]
}
target "app" {
  contexts = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN echo app-%[2]s > /app\n"
  platforms = ["linux/amd64", "linux/arm64"]
}
target "tool" {
  dockerfile-inline = "FROM %[1]s as tool\nRUN echo tool-%[2]s > /tool\n"
  platforms = ["linux/arm64"]
}
target "bad" {
  dockerfile-inline = "FROM %[1]s\nRUN echo bad-%[2]s && exit 3\n"
  platforms = ["linux/amd64"]
}
target "after-bad" {
  contexts = { bad = "target:bad" }
  dockerfile-inline = "FROM bad\nRUN echo after-bad-%[2]s\n"
  platforms = ["linux/amd64"]
}
`, w.env.BusyboxImage(), w.nonce))
	r := w.bake("bake", "--keep-going", "--progress", "plain", "--metadata-file", "md.json", "--report", "out/report.html")
	if r.code != 1 {
		t.Fatal(r)
	}
	w.noPartials()
	path := filepath.Join(w.dir, "out/report.html")
	html := w.read("out/report.html")
	// Nothing in the page could fetch: no src, stylesheet link, import
	// or remote url().
	if m := regexp.MustCompile(`(?i)(\ssrc=|<link|@import|url\(\s*['"]?(https?:)?//|<script)`).FindString(html); m != "" {
		t.Errorf("the page refers to something to fetch (%q)", m)
	}

	page, requests, shot := renderReport(t, path)

	for _, l := range []string{"default/amd", "default/arm"} {
		if !slices.Contains(page.Lanes, l) {
			t.Errorf("no lane for node %s: %v", l, page.Lanes)
		}
	}
	// Every bar is drawn (the CSS applied), and every target the
	// metadata says was built has a bar on each node that built it.
	barOn := func(target, node string) (outcome string, found bool) {
		for _, b := range page.Bars {
			if b.Target == target && b.Node == node {
				return b.Outcome, true
			}
		}
		return "", false
	}
	for _, b := range page.Bars {
		if b.Width <= 0 || b.Height <= 0 || b.Title == "" {
			t.Errorf("bar %s on %s is not drawn (%vx%v) or has no tooltip (%q)", b.Target, b.Node, b.Width, b.Height, b.Title)
		}
	}
	md := readMetadata(t, filepath.Join(w.dir, "md.json"))
	for _, target := range []string{"app", "base", "tool"} {
		nodes, _ := md[target]["bkx.nodes"].([]any)
		if len(nodes) == 0 {
			t.Errorf("metadata has no node for %s: %v", target, md[target])
		}
		for _, n := range nodes {
			if outcome, ok := barOn(target, fmt.Sprint(n)); !ok || (outcome != "built" && outcome != "cached") {
				t.Errorf("%s was built on %v (metadata), the page has a bar %q there (%v)", target, n, outcome, ok)
			}
		}
	}
	if _, ok := md["bad"]; ok {
		t.Errorf("the failed target is in the metadata: %v", md["bad"])
	}
	// bad (linux/amd64) failed on the amd node; after-bad needed it.
	for _, b := range page.Bars {
		switch b.Target {
		case "bad":
			if b.Node != "default/amd" || b.Outcome != "failed" || b.Background != "rgb(214, 58, 58)" || !strings.Contains(b.Title, "exit code: 3") {
				t.Errorf("bad's bar: %+v, want failed on default/amd, red, with the error", b)
			}
		case "after-bad":
			if b.Outcome != "skipped" {
				t.Errorf("after-bad's bar: %+v, want skipped", b)
			}
		}
	}
	if _, ok := barOn("bad", "default/amd"); !ok {
		t.Errorf("no bar for bad: %+v", page.Bars)
	}
	if page.Arrows == 0 {
		t.Errorf("no arrow from base to app")
	}
	// The summary table is the summary bkx printed.
	rows := map[string]string{}
	for _, row := range page.Rows {
		rows[row.Target] = row.Outcome
		if len(row.Cells) != 7 {
			t.Errorf("summary row %v", row.Cells)
			continue
		}
		if row.Outcome == "built" || row.Outcome == "cached" {
			if !summaryHas(r.stderr, row.Target, row.Cells[1]+"  ") || !summaryHas(r.stderr, row.Target, row.Cells[4]) {
				t.Errorf("page row %v is not in the printed summary:\n%s", row.Cells, r.stderr)
			}
		}
	}
	if rows["bad"] != "failed" || rows["after-bad"] != "skipped" || rows["app"] == "" || rows["tool"] == "" {
		t.Errorf("summary rows %v", rows)
	}
	if page.Status != "failed" || !slices.Equal(page.Failures, []string{"bad"}) {
		t.Errorf("status %q, failures %v; want failed, [bad]", page.Status, page.Failures)
	}
	if !slices.ContainsFunc(page.Warnings, func(s string) bool { return strings.HasPrefix(s, "tool:") && strings.Contains(s, "FromAsCasing") }) {
		t.Errorf("the page does not list tool's FromAsCasing warning: %q", page.Warnings)
	}
	// The page loaded nothing but itself.
	for _, u := range append(requests, page.Resources...) {
		if u != "file://"+path && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s", u)
		}
	}
	if len(requests) == 0 {
		t.Errorf("no request seen at all: the network events were not recorded")
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(shot)); err != nil || cfg.Width == 0 || cfg.Height == 0 {
		t.Errorf("screenshot: %v (%dx%d)", err, cfg.Width, cfg.Height)
	}
	out := filepath.Join(t.TempDir(), "report.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("screenshot %s: %v", out, err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))

	// Built again, tool runs no step: its bar says all cached, and the
	// page says the build succeeded.
	if r := w.bake("bake", "tool", "--progress", "quiet", "--report", "out/again.html"); r.code != 0 {
		t.Fatal(r)
	}
	again := w.read("out/again.html")
	if !regexp.MustCompile(`<div class="bar o-cached" data-target="tool" [^>]*data-node="default/arm" data-outcome="cached"`).MatchString(again) ||
		!strings.Contains(again, `class="status ok">succeeded<`) {
		t.Errorf("the rebuild's page does not show tool all cached on default/arm, and success:\n%s", again)
	}
}

// renderReport opens the page in headless Chromium and returns what it
// shows, every URL it requested and a full-page screenshot (PNG).
func renderReport(t *testing.T, path string) (reportPage, []string, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	defer cancelBrowser()

	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatalf("opening the report: %v", err)
	}
	page, err := chromedp.Run(bctx, chromedp.Evaluate[reportPage](readReport))
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return page, slices.Clone(requests), shot
}

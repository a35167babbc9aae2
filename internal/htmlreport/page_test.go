package htmlreport

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func samplePage() *Page {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	return &Page{
		Title: "bkx bake: app, bad", Start: t0, End: at(10), Failed: true,
		Lanes: []Lane{{ID: "bkx", Name: "this machine (bkx)", Client: true}, {ID: "b/amd", Name: "b/amd"}, {ID: "b/arm", Name: "b/arm"}},
		Bars: []Bar{
			{Lane: "bkx", Label: "loading files", Start: at(0), End: at(0.2), Outcome: "client"},
			{Lane: "b/amd", Label: "base linux/amd64", Target: "base", Platforms: []string{"linux/amd64"}, Ready: at(0.2), Start: at(0.3), End: at(4), Outcome: "built"},
			{Lane: "b/amd", Label: "bad", Target: "bad", Ready: at(0.2), Start: at(0.2), End: at(2), Outcome: "failed", Detail: []string{"bad on b/amd", "error: token s3cr3t-value refused"}},
			{Lane: "b/amd", Label: "app linux/amd64", Target: "app", Ready: at(4), Start: at(5), End: at(10), Outcome: "cached", Deps: []int{1}},
			{Lane: "b/arm", Label: "after", Target: "after", End: at(2), Outcome: "skipped", Deps: []int{2}},
		},
		Summary:  Table{Header: []string{"TARGET", "NODE"}, Rows: []Row{{Target: "app", Outcome: "cached", Cells: []string{"app", "b/amd"}}}},
		Failures: []Failure{{Target: "bad", Text: "exit code: 3 (s3cr3t-value)"}},
		Warnings: []Warning{{Target: "app", Where: "Dockerfile:1", Text: "casing", URL: "https://docs.docker.com/go/dockerfile/rule/from-as-casing/"}},
	}
}

// TestLayout: bars that overlap in time on one lane get rows of their
// own, the lane grows, and a bar that never ran is a marker where it was
// given up.
func TestLayout(t *testing.T) {
	v := layout(samplePage())
	amd := v.Lanes[1]
	if len(amd.Bars) != 3 || amd.Height != 2*lanePad+2*rowPitch {
		t.Fatalf("lane b/amd: %d bars, height %d; want 3 bars on 2 rows", len(amd.Bars), amd.Height)
	}
	tops := map[string]int{}
	for _, b := range amd.Bars {
		tops[b.Target] = b.Top
	}
	if tops["base"] == tops["bad"] || tops["app"] != tops["base"] && tops["app"] != tops["bad"] {
		t.Errorf("rows %v: base and bad overlap, app fits after either", tops)
	}
	after := v.Lanes[2].Bars[0]
	if !after.Marker || after.Left != "19.400%" && after.Left != "20.000%" {
		t.Errorf("skipped bar: marker %v at %s", after.Marker, after.Left)
	}
	app := amd.Bars[2]
	if app.WaitLeft != "40.000%" || app.WaitWidth != "10.000%" || app.Left != "50.000%" || app.Width != "50.000%" {
		t.Errorf("app: wait %s+%s, bar %s+%s", app.WaitLeft, app.WaitWidth, app.Left, app.Width)
	}
	if len(v.Arrows) != 2 || v.Arrows[0].X1 != "40.000%" || v.Arrows[0].X2 != "40.000%" {
		t.Errorf("arrows %+v", v.Arrows)
	}
	if len(v.Ticks) != 6 || v.Ticks[5].Label != "10s" {
		t.Errorf("ticks %+v", v.Ticks)
	}
}

// TestRender: the page is whole, refers to nothing to fetch, and Mask
// hides a secret everywhere.
func TestRender(t *testing.T) {
	p := samplePage()
	p.Mask(func(s string) string { return strings.ReplaceAll(s, "s3cr3t-value", "***") })
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if strings.Contains(html, "s3cr3t") {
		t.Errorf("a masked value is on the page")
	}
	if m := regexp.MustCompile(`(?i)(\ssrc=|<link|@import|url\(\s*['"]?(https?:)?//|<script)`).FindString(html); m != "" {
		t.Errorf("the page refers to something to fetch: %q", m)
	}
	for _, want := range []string{`data-node="b/arm"`, `data-target="bad"`, `data-outcome="failed"`, `class="bar o-skipped marker"`,
		`<span id="status" class="status failed">failed</span>`, `href="https://docs.docker.com/go/dockerfile/rule/from-as-casing/"`, "</html>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if dir := os.Getenv("BKX_REPORT_SAMPLE"); dir != "" {
		_ = os.WriteFile(dir+"/sample.html", b.Bytes(), 0o644)
	}
}

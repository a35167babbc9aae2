package hcl

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// parseCompose parses one compose.yaml (plus optional other files) with
// env as the whole environment.
func parseCompose(t *testing.T, src string, env map[string]string, more ...File) (*Project, hcl.Diagnostics) {
	t.Helper()
	files := append([]File{{Name: "compose.yaml", Data: []byte(src)}}, more...)
	return Parse(files, Options{Env: env})
}

// errorAt finds the error with summary and checks that it names file at
// line.
func errorAt(t *testing.T, diags hcl.Diagnostics, summary, file string, line int) *hcl.Diagnostic {
	t.Helper()
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary == summary {
			if d.Subject == nil || d.Subject.Filename != file || d.Subject.Start.Line != line {
				t.Fatalf("%q at %v, want %s:%d", summary, d.Subject, file, line)
			}
			return d
		}
	}
	t.Fatalf("no %q error in:\n%s", summary, diags.Error())
	return nil
}

func TestComposeBrokenYAML(t *testing.T) {
	src := "services:\n  app:\n    build:\n      context: .\n     dockerfile: x\n"
	p, diags := parseCompose(t, src, nil)
	// The YAML parser places this one at the key before the bad line.
	d := errorAt(t, diags, "Invalid YAML", "compose.yaml", 4)
	if !strings.Contains(d.Detail, "compose.yaml") || !strings.Contains(d.Detail, "Fix") {
		t.Errorf("detail should name the file and say what to do: %s", d.Detail)
	}
	if p == nil || p.Files["compose.yaml"] == nil {
		t.Errorf("the Compose file should be in Files for the snippet")
	}
	if len(p.Targets) != 0 {
		t.Errorf("targets from a broken file: %v", p.Targets)
	}
}

func TestComposeDuplicateKeyAtDuplicate(t *testing.T) {
	src := "services:\n  a:\n    build: .\n  a:\n    build: ./x\n"
	_, diags := parseCompose(t, src, nil)
	errorAt(t, diags, "Invalid YAML", "compose.yaml", 4)
}

func TestComposeBuildString(t *testing.T) {
	src := "services:\n  web:\n    build: ./dir\n    image: acme/web\n  db:\n    image: postgres\n"
	p, diags := parseCompose(t, src, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	web := p.Targets["web"]
	if web == nil || deref(web.Context) != "dir" || len(web.Tags) != 1 || web.Tags[0] != "acme/web" {
		t.Fatalf("web = %+v", web)
	}
	if _, ok := p.Targets["db"]; ok {
		t.Errorf("a service without build became a target")
	}
	if g := p.Groups["default"]; g == nil || len(g.Targets) != 1 || g.Targets[0] != "web" {
		t.Errorf("default group = %+v", g)
	}
	if r := web.Ranges["context"]; r.Filename != "compose.yaml" || r.Start.Line != 3 {
		t.Errorf("context range = %v, want compose.yaml:3", r)
	}
}

func TestComposeLocatedErrors(t *testing.T) {
	cases := []struct {
		name, src, summary string
		line               int
	}{
		{"schema", "services:\n  a:\n    build:\n      contxt: .\n", "Invalid Compose file", 4},
		{"required-var", "services:\n  a:\n    build:\n      context: .\n      args:\n        A: ${REQ:?set REQ}\n", "Cannot interpolate Compose file", 6},
		{"service-name", "services:\n  \"web@1\":\n    build: .\n", "Invalid Compose file", 2},
		{"consistency", "services:\n  a:\n    build:\n      context: .\n  b:\n    build:\n      dockerfile: D\n      dockerfile_inline: FROM x\n", "Invalid Compose file", 5},
		{"empty", "x-only: 1\n", "Empty Compose file", 1},
		{"provenance", "services:\n  a:\n    build:\n      context: .\n      provenance: max\n", "Invalid provenance", 5},
		{"cache-entry", "services:\n  a:\n    build:\n      context: .\n      cache_from: [type=registry,ref=x]\n", "Invalid cache-from entry", 5},
		{"env-file", "services:\n  a:\n    env_file: missing.env\n    build: .\n", "Env file not found", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := parseCompose(t, c.src, nil)
			errorAt(t, diags, c.summary, "compose.yaml", c.line)
		})
	}
}

// TestComposeEnvironment checks that interpolation reads Options.Env, then
// .env, and never the process environment.
func TestComposeEnvironment(t *testing.T) {
	t.Setenv("FROM_PROCESS", "leaked")
	src := `services:
  a:
    build:
      context: .
      args:
        P: ${FROM_PROCESS:-unset}
        E: ${FROM_ENV}
        D: ${FROM_DOTENV}
        O: ${BOTH}
`
	dotEnv := File{Name: ".env", Data: []byte("FROM_DOTENV=dotenv\nBOTH=dotenv\n"), Aux: true}
	p, diags := parseCompose(t, src, map[string]string{"FROM_ENV": "env", "BOTH": "env"}, dotEnv)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := map[string]string{"P": "unset", "E": "env", "D": "dotenv", "O": "env"}
	for k, v := range want {
		if got := deref(p.Targets["a"].Args[k]); got != v {
			t.Errorf("args.%s = %q, want %q", k, got, v)
		}
	}
}

func TestComposeUnsetVariableWarning(t *testing.T) {
	src := "services:\n  a:\n    build:\n      context: .\n      args:\n        V: ${VERSION}\n        K: $$HOME ${X:-d}\n"
	_, diags := parseCompose(t, src, nil)
	var warned []string
	for _, d := range diags {
		if d.Summary == "Variable not set" {
			warned = append(warned, d.Detail)
			if d.Subject == nil || d.Subject.Start.Line != 6 {
				t.Errorf("warning at %v, want line 6", d.Subject)
			}
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "VERSION ") {
		t.Errorf("warnings = %q, want one for VERSION", warned)
	}
}

// TestComposeAndBake checks the merge: a bake target of a service's name
// merges over it, and bake expressions cannot read a service.
func TestComposeAndBake(t *testing.T) {
	src := "services:\n  web:\n    build:\n      context: ./web\n      args:\n        A: compose\n  api:\n    build: .\n"
	bake := File{Name: "docker-bake.hcl", Data: []byte(`target "web" {
  args = { B = "bake" }
}
target "ref" {
  tags = target.api.tags
}
`)}
	p, diags := parseCompose(t, src, nil, bake)
	d := errorAt(t, diags, "Unknown target", "docker-bake.hcl", 5)
	if !strings.Contains(d.Detail, "Compose service") {
		t.Errorf("detail should say web is a Compose service: %s", d.Detail)
	}
	web := p.Targets["web"]
	if deref(web.Context) != "web" || deref(web.Args["A"]) != "compose" || deref(web.Args["B"]) != "bake" {
		t.Errorf("merged web = context %q, args %v", deref(web.Context), web.Args)
	}
	if strings.Join(p.TargetOrder, " ") != "web api ref" {
		t.Errorf("order = %v, Compose targets first", p.TargetOrder)
	}
}

func TestComposeSniffing(t *testing.T) {
	compose := File{Name: "stack", Data: []byte("services:\n  s:\n    build: .\n")}
	bake := File{Name: "bakefile", Data: []byte("target \"h\" {}\n")}
	empty := File{Name: "compose.yaml"}
	p, diags := Parse([]File{compose, bake, empty}, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if p.Targets["s"] == nil || p.Targets["h"] == nil {
		t.Errorf("targets = %v, want s (Compose) and h (HCL)", p.TargetOrder)
	}
}

func TestReadFilesCompose(t *testing.T) {
	fsys := fstest.MapFS{
		"docker-bake.hcl":     {Data: []byte(`target "b" {}`)},
		"docker-compose.yaml": {Data: []byte("services:\n  a:\n    env_file: [app.env, {path: opt.env, required: false}]\n    build: .\n")},
		"compose.yaml":        {Data: []byte("services:\n  c:\n    build: .\n")},
		".env":                {Data: []byte("X=1\n")},
		"app.env":             {Data: []byte("Y=2\n")},
	}
	files, diags := ReadFiles(fsys, nil, nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var got []string
	for _, f := range files {
		name := f.Name
		if f.Aux {
			name += "(aux)"
		}
		got = append(got, name)
	}
	want := "compose.yaml docker-compose.yaml docker-bake.hcl .env(aux) app.env(aux)"
	if strings.Join(got, " ") != want {
		t.Errorf("files = %s, want %s", strings.Join(got, " "), want)
	}
	// Without a Compose file, no .env is read.
	files, _ = ReadFiles(fsys, []string{"docker-bake.hcl"}, nil, nil)
	if len(files) != 1 {
		t.Errorf("files = %v, want docker-bake.hcl alone", files)
	}
}

func TestComposeHostile(t *testing.T) {
	cases := map[string]string{
		"alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
			"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\nservices:\n  s:\n    build:\n      context: .\n      x-bake:\n        tags: *h\n",
		"deep-nesting":   "services:\n  s:\n    build:\n      context: .\n      x-bake:\n        tags: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n",
		"not-a-mapping":  "- a\n- b\n",
		"services-list":  "services:\n  - a\n",
		"build-number":   "services:\n  a:\n    build: 1\n",
		"xbake-scalar":   "services:\n  a:\n    build:\n      context: .\n      x-bake: 1\n",
		"xbake-wrong":    "services:\n  a:\n    build:\n      context: .\n      x-bake:\n        tags: {a: b}\n        pull: [1]\n",
		"invalid-utf8":   "services:\n  a:\n    build: \"\xff\xfe\"\n",
		"secrets-number": "services:\n  a:\n    build:\n      context: .\n      secrets: [1]\nsecrets:\n  \"1\":\n    environment: X\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			done := make(chan hcl.Diagnostics)
			go func() {
				_, diags := parseCompose(t, src, nil)
				done <- diags
			}()
			select {
			case diags := <-done:
				for _, d := range diags {
					if d.Severity == hcl.DiagError && d.Detail == "" {
						t.Errorf("error without detail: %s", d.Summary)
					}
				}
			case <-time.After(30 * time.Second):
				t.Fatal("no result after 30s")
			}
		})
	}
}

// FuzzCompose feeds arbitrary bytes to the Compose reader: it must
// return diagnostics, never panic or hang.
func FuzzCompose(f *testing.F) {
	f.Add([]byte("services:\n  a:\n    build:\n      context: ./a\n      args: [A=1, B]\n      x-bake:\n        tags: x\n"))
	f.Add([]byte("services:\n  a:\n    image: x\n    build: .\nsecrets:\n  s:\n    environment: S\n"))
	f.Add([]byte("services:\n  a.b:\n    build:\n      ulimits: {nofile: {soft: 1, hard: 2}}\n      ssh: [default]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, diags := Parse([]File{{Name: "compose.yaml", Data: data}, {Name: "docker-bake.hcl", Data: []byte(`target "a" {}`)}}, Options{Env: map[string]string{}})
		checkDiags(t, diags)
		if p == nil {
			t.Fatal("nil project")
		}
	})
}

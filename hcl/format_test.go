package hcl

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{{
		name: "layout and comments",
		in: `# The images.
variable "TAG" {default="latest"}   # trailing   
target "app" {
context="."
    // where it builds   
  tags=["app:${ TAG }","app:x"]
  args = {
    A=1
    LONGER=-1 # minus
  }
  /* a block
     comment */
}
`,
		want: `# The images.
variable "TAG" { default = "latest" } # trailing
target "app" {
  context = "."
  // where it builds
  tags = ["app:${TAG}", "app:x"]
  args = {
    A      = 1
    LONGER = -1 # minus
  }
  /* a block
     comment */
}
`,
	}, {
		name: "heredocs kept byte for byte",
		in:   "target \"a\" {\n\targs = {\n\t\tA = <<-EOT\n\t\t  hi  \n\t\tEOT\n\t}\n  x = <<EOT\n   keep  \nEOT\n}\n",
		want: "target \"a\" {\n  args = {\n    A = <<-EOT\n\t\t  hi  \n\t\tEOT\n  }\n  x = <<EOT\n   keep  \nEOT\n}\n",
	}, {
		name: "one newline at the end",
		in:   "\na = 1\n\n\n\n",
		want: "\na = 1\n",
	}, {
		name: "newline added",
		in:   "a = 1 # c  ",
		want: "a = 1 # c\n",
	}, {
		name: "CRLF kept",
		in:   "a=1\r\nbb = \"x\"   \r\n# c  \r\n\r\n",
		want: "a  = 1\r\nbb = \"x\"\r\n# c\r\n",
	}, {
		name: "empty",
		in:   "\n \n\t\n",
		want: "",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := Format(File{Name: "docker-bake.hcl", Data: []byte(tc.in)})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if string(got) != tc.want {
				t.Fatalf("got:\n%q\nwant:\n%q", got, tc.want)
			}
			again, diags := Format(File{Name: "docker-bake.hcl", Data: got})
			if diags.HasErrors() || !bytes.Equal(again, got) {
				t.Fatalf("formatting twice changed it:\n%q\n%q %v", got, again, diags)
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	for _, tc := range []struct{ name, file, in, summary, at string }{
		{"parse error", "docker-bake.hcl", "target \"a\" {\n  tags = [\"x\"\n}\n", "Missing item separator", "docker-bake.hcl:3:"},
		{"JSON by name", "docker-bake.json", `{"target": {}}`, "Not an HCL file", ""},
		{"JSON by content", "Bakefile", `{"target": {}}`, "Not an HCL file", ""},
		{"Compose", "compose.yaml", "services: {}\n", "Not an HCL file", ""},
		{"nesting", "docker-bake.hcl", "a = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", "Nesting too deep", "docker-bake.hcl:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, diags := Format(File{Name: tc.file, Data: []byte(tc.in)})
			if out != nil || !diags.HasErrors() {
				t.Fatalf("got %q, %v; want an error", out, diags)
			}
			d := diags[0]
			if tc.summary != "" && d.Summary != tc.summary {
				t.Errorf("summary %q, want %q", d.Summary, tc.summary)
			}
			if tc.at != "" {
				if d.Subject == nil {
					t.Fatalf("%s: no position", d.Summary)
				}
				if at := fmt.Sprintf("%s:%d:", d.Subject.Filename, d.Subject.Start.Line); at != tc.at {
					t.Errorf("at %s, want %s", at, tc.at)
				}
			}
		})
	}
}

// TestSameTokens checks the guard that keeps Format from changing what a
// file means.
func TestSameTokens(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"x = a * b\n", "x   =   a*b", true},
		{"x = a - b\n", "x = a-b\n", false}, // a-b is one name
		{"# c   \ny = 1\n", "# c\ny = 1\n\n", true},
		{"y = - -1\n", "y = --1\n", true},
		{"x = 1\n", "x = 2\n", false},
		{"x = \"a b\"\n", "x = \"a  b\"\n", false},
		{"x = <<EOT\n a\nEOT\n", "x = <<EOT\na\nEOT\n", false},
		{"a = 1\nb = 2\n", "a = 1 b = 2\n", false},
	} {
		if got := sameTokens([]byte(tc.a), []byte(tc.b)); got != tc.same {
			t.Errorf("sameTokens(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

// FuzzFormat checks, on whatever Format accepts, that formatting keeps
// the tokens, parses, and is idempotent.
func FuzzFormat(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, diags := Format(File{Name: "fuzz.hcl", Data: src})
		if diags.HasErrors() {
			for _, d := range diags {
				if d.Summary == "Cannot format this file safely" {
					t.Fatalf("%s\n%q", d.Detail, src)
				}
			}
			return
		}
		again, diags := Format(File{Name: "fuzz.hcl", Data: out})
		if diags.HasErrors() || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n%q\n%q\n%v", out, again, diags)
		}
	})
}

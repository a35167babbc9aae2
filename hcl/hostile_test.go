package hcl

import (
	"strings"
	"testing"
	"time"
)

// hostileCases are inputs meant to hang, exhaust memory or crash a naive
// evaluator. Each must end in an error located in the file. How fast they
// fail is measured by BenchmarkHostile; the test only guards against a
// hang with a generous deadline.
var hostileCases = []struct {
	name    string
	src     string
	summary string
}{
	{"deep-nesting", `target "a" { args = { A = ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + ` } }`, "Nesting too deep"},
	{"deep-nesting-json", `{"target": {"a": {"args": ` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat("}", 5000) + `}}}`, "Nesting too deep"},
	{"huge-range", `target "a" { tags = [for i in range(100000000) : "${i}"] }`, "Error in function call"},
	{"recursive-function", "function \"f\" {\n  params = [x]\n  result = f(x)\n}\ntarget \"a\" { args = { A = f(1) } }", "Function cycle"},
	{"huge-matrix", `target "a" {
  name = "a-${x}-${y}-${z}"
  matrix = { x = range(1000), y = range(1000), z = range(1000) }
}`, "Invalid matrix"},
	{"division-by-zero", `target "a" { args = { A = 1 / 0 } }`, "Operation failed"},
	{"modulo-by-zero", `target "a" { args = { A = 1 % 0 } }`, "Operation failed"},
	{"invalid-utf8", "target \"a\" { tags = [\"\xff\xfe\"] }", "Invalid character encoding"},
	{"huge-format-width", `target "a" { args = { A = format("%999999999d", 1) } }`, "Invalid function argument"},
	{"setproduct-blowup", `target "a" { args = { A = length(setproduct(range(1000), range(1000), range(1000))) } }`, "Error in function call"},
	{"huge-number", `target "a" { args = { A = 1e600000000 } }`, "Number too large"},
	{"huge-number-json", `{"target": {"a": {"args": {"A": 1e600000000}}}}`, "Number too large"},
	{"variable-cycle", "variable \"A\" { default = B }\nvariable \"B\" { default = A }", "Variable cycle"},
}

func TestHostileInputs(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan struct{})
			var diagsText string
			var located, found bool
			go func() {
				defer close(done)
				name := "hostile.hcl"
				if strings.HasPrefix(c.src, "{") {
					name = "hostile.json"
				}
				_, diags := Parse([]File{{Name: name, Data: []byte(c.src)}}, Options{})
				diagsText = diags.Error()
				for _, d := range diags {
					if d.Summary == c.summary {
						found = true
						located = d.Subject != nil && d.Subject.Filename == name
					}
				}
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("no result after 30s: the evaluator hangs")
			}
			if !found {
				t.Fatalf("want error %q, got: %s", c.summary, diagsText)
			}
			if !located {
				t.Fatalf("error %q has no position in the file", c.summary)
			}
		})
	}
}

// BenchmarkHostile measures how long each hostile input takes to fail
// (the goal is well under a second each).
func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases {
		b.Run(c.name, func(b *testing.B) {
			name := "hostile.hcl"
			if strings.HasPrefix(c.src, "{") {
				name = "hostile.json"
			}
			for i := 0; i < b.N; i++ {
				if _, diags := Parse([]File{{Name: name, Data: []byte(c.src)}}, Options{}); !diags.HasErrors() {
					b.Fatal("no error")
				}
			}
		})
	}
}

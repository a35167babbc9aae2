package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/bkx-dev/bkx/exec"
	"github.com/bkx-dev/bkx/hcl"
)

// parseCall reads --call as buildx does: a method (check is the
// Dockerfile frontend's lint; build, the default, changes nothing) and
// options, of which format=json|text is the one there is.
func parseCall(v string) (method string, jsonOut bool, err error) {
	fields, err := csv.NewReader(strings.NewReader(v)).Read()
	if err != nil {
		return "", false, fmt.Errorf("invalid --call %q: %w", v, err)
	}
	seen := false
	for _, field := range fields {
		if k, val, ok := strings.Cut(field, "="); ok {
			if k != "format" {
				return "", false, fmt.Errorf("invalid --call %q: unknown option %s; use METHOD[,format=json] with METHOD check, outline, targets or build", v, field)
			}
			jsonOut = val == "json"
			continue
		}
		if seen {
			return "", false, fmt.Errorf("invalid --call %q: one method only; use METHOD[,format=json]", v)
		}
		method, seen = field, true
	}
	if method == "check" {
		method = "lint"
	}
	return method, jsonOut, nil
}

// writeCallJSON prints --call's answers as buildx does with format=json:
// the resolved groups and targets, each target as {"build": TARGET,
// "check"|"outline"|"targets": ANSWER}.
func writeCallJSON(w io.Writer, sel *hcl.Selection, rep *exec.Report) error {
	var doc struct {
		Group  json.RawMessage            `json:"group,omitempty"`
		Target map[string]json.RawMessage `json:"target"`
	}
	if err := json.Unmarshal(sel.Print(), &doc); err != nil {
		return err
	}
	out := map[string]map[string]json.RawMessage{}
	for name, t := range doc.Target {
		out[name] = map[string]json.RawMessage{"build": t}
	}
	for _, r := range rep.Results {
		if r.Call == nil || out[r.Name] == nil {
			continue
		}
		key := callName(r.Call.Method)
		answer := json.RawMessage(r.Call.JSON)
		if !json.Valid(answer) {
			answer = json.RawMessage("{}")
		}
		out[r.Name][key] = answer
	}
	data, err := json.MarshalIndent(struct {
		Group  json.RawMessage                       `json:"group,omitempty"`
		Target map[string]map[string]json.RawMessage `json:"target"`
	}{doc.Group, out}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// callName is how buildx names a call's answer: the lint method is the
// check.
func callName(method string) string {
	if method == "lint" {
		return "check"
	}
	return method
}

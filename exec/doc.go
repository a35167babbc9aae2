// Package exec runs a plan: every step on the BuildKit node the plan
// assigned it, dependencies first and independent steps at the same
// time, with the Dockerfile frontend. A target's target: dependencies
// are solved in the same session and passed to the frontend as inputs,
// so they are built once (later solves of the same definition are cache
// hits). Files are written atomically. It asks drivers/ for clients and
// never parses HCL.
package exec

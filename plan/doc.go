// Package plan turns a resolved selection of targets (from hcl/) and the
// builders that will run them (drivers/ capabilities and node platforms)
// into a Plan: one step per (target, platform), ordered by dependencies,
// every requirement checked against the builder's driver, every step
// assigned to a node.
//
// It is deterministic: no network, no clock, no randomness; the same input
// gives byte-identical output. What it knows of the live world comes in
// through Options (node platforms, probed capabilities), and what it reads
// from disk is the build's own input (local files it checks, Dockerfiles
// for their FROM lines, git for --changed-since through its caller). Everything it rejects is an
// hcl.Diagnostic at the attribute that caused it, and it reports every
// problem at once. It knows nothing of HCL syntax or gRPC.
package plan

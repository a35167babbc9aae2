// Package plan turns a resolved selection of targets (from hcl/) and the
// builders that will run them (drivers/ capabilities and node platforms)
// into a Plan: one step per (target, platform), ordered by dependencies,
// every requirement checked against the builder's driver, every step
// assigned to a node.
//
// It is pure and deterministic: no network, no clock, no randomness; the
// same input gives byte-identical output. Everything it rejects is an
// hcl.Diagnostic at the attribute that caused it, and it reports every
// problem at once. It knows nothing of HCL syntax or gRPC.
package plan

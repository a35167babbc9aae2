// Package hcl turns bake files (HCL and its JSON syntax, and Compose files)
// into typed configuration, resolving them exactly as `docker buildx bake`
// does:
// variables with their environment overrides, user functions, the bake
// standard library, matrix expansion, inherits, --set overrides and
// target: links. Every problem is an hcl.Diagnostic with a source range.
//
// It owns the bake language and nothing about BuildKit: it never dials a
// daemon, never reads the process environment (the environment is a value
// in Options) and reads files only through what the caller hands it (the
// one exception: Compose include and extends files, which compose-go
// reads itself). Build files may include others (include.go); Format is
// `bkx fmt`'s formatting.
//
// The flow is Parse (files → Project, every block evaluated) then
// Project.Resolve (names and --set → Selection), whose Print renders the
// JSON that `docker buildx bake --print` prints.
package hcl

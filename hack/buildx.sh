#!/usr/bin/env bash
# Builds docker buildx from the Go module proxy, in a throwaway module
# outside this repository, and prints the binary's path. bkx never imports
# buildx: this binary is only run as a black box, by the benchmarks
# (side-by-side figures), by hack/conformance-record, and by the tests of
# builders made by buildx (make test builds it first).
#
#   BUILDX=$(hack/buildx.sh)
#
# Idempotent: the binary is kept under the test world's cache folder, so a
# second run prints the path at once. BUILDX_VERSION picks another release.
set -euo pipefail

version=${BUILDX_VERSION:-v0.38.2}
cache=${BKX_TESTENV_CACHE:-/var/cache/bkx-testenv}
out=$cache/buildx-$version/buildx
if [ -x "$out" ]; then
	echo "$out"
	exit 0
fi
go=${GO:-go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
(
	cd "$work"
	# Its own module and toolchain choice: nothing here touches bkx's go.mod.
	"$go" mod init bkx-buildx-blackbox
	GOFLAGS=-mod=mod "$go" get "github.com/docker/buildx@$version"
	GOFLAGS=-mod=mod "$go" build -o "$out.tmp" github.com/docker/buildx/cmd/buildx
) >&2
mv "$out.tmp" "$out"
echo "$out"

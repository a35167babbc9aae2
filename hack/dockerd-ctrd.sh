#!/usr/bin/env bash
# Builds a recent dockerd (and its docker-proxy) from the Go module proxy,
# for the test world's second dockerd, the one with the containerd image
# store (hack/testenv/up.sh, do_dockerd_ctrd). Debian's docker.io (20.10)
# has no containerd image store. Prints the folder that holds the binaries:
#
#   DIR=$(hack/dockerd-ctrd.sh)   # $DIR/dockerd, $DIR/docker-proxy
#
# github.com/docker/docker has no go.mod (it is +incompatible): its
# dependencies are pinned in vendor.mod, and its module zip holds no vendor
# tree. So the module's source is copied to a throwaway folder outside this
# repository, vendor.mod/vendor.sum become go.mod/go.sum, and it is built
# there with exactly moby's pins. Nothing here touches bkx's go.mod.
# Static (no cgo): the btrfs and zfs graph drivers are left out; the
# containerd image store needs neither. The containerd it talks to is
# Debian's (1.6.20, a child of dockerd), and so is runc.
#
# Idempotent: the binaries are kept under the test world's cache folder, so
# a second run prints the folder at once. On 2 cores a build takes about
# 9 minutes with empty Go build and module caches, and about 3 minutes right
# after up.sh's buildkit build (the two share many modules). DOCKERD_CTRD_VERSION
# picks another release of github.com/docker/docker (v28.x; v29 moved to
# github.com/moby/moby/v2).
set -euo pipefail

version=${DOCKERD_CTRD_VERSION:-v28.5.2}
cache=${BKX_TESTENV_CACHE:-/var/cache/bkx-testenv}
out=$cache/dockerd-$version
if [ -x "$out/dockerd" ] && [ -x "$out/docker-proxy" ]; then
	echo "$out"
	exit 0
fi
go=${GO:-go}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$cache"
rm -rf "$out.tmp"
(
	set -euo pipefail
	mod=github.com/docker/docker@$version+incompatible
	dir=$(cd "$work" && GOFLAGS=-mod=mod "$go" mod download -json "$mod" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -n "$dir" ] && [ -f "$dir/vendor.mod" ] || {
		echo "dockerd-ctrd.sh: $mod has no vendor.mod" >&2
		exit 1
	}
	cp -r "$dir" "$work/src"
	chmod -R u+w "$work/src"
	cd "$work/src"
	mv vendor.mod go.mod
	mv vendor.sum go.sum
	rm -rf vendor
	CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" "$go" build -trimpath \
		-tags 'exclude_graphdriver_btrfs exclude_graphdriver_zfs no_btrfs netgo osusergo' \
		-ldflags "-s -w -X github.com/docker/docker/dockerversion.Version=${version#v} -X github.com/docker/docker/dockerversion.GitCommit=bkx-testenv" \
		-o "$out.tmp/" ./cmd/dockerd ./cmd/docker-proxy
) >&2
rm -rf "$out"
mv "$out.tmp" "$out"
"$out/dockerd" --version >&2
echo "$out"

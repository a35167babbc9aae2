#!/usr/bin/env bash
# Shared helpers for the bkx test environment scripts (sourced, not run).
#
# Three folders, all owned by these scripts (override with the environment):
#   BKX_TESTENV_CACHE  built binaries, downloaded .debs, image tarballs; kept by
#                      `make testenv-down` so the next `make testenv` is fast.
#   BKX_TESTENV_STATE  daemon data (buildkitd roots, docker data-root, registry
#                      storage, TLS certs); removed by `make testenv-down`.
#   BKX_TESTENV_RUN    sockets, pid files, logs and the env file the tests read;
#                      removed by `make testenv-down`.
set -euo pipefail

BKX_TESTENV_CACHE=${BKX_TESTENV_CACHE:-/var/cache/bkx-testenv}
BKX_TESTENV_STATE=${BKX_TESTENV_STATE:-/var/lib/bkx-testenv}
BKX_TESTENV_RUN=${BKX_TESTENV_RUN:-/run/bkx-testenv}
export BKX_TESTENV_CACHE BKX_TESTENV_STATE BKX_TESTENV_RUN

TESTENV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$TESTENV_DIR/../.." && pwd)

CACHE=$BKX_TESTENV_CACHE
STATE=$BKX_TESTENV_STATE
RUN=$BKX_TESTENV_RUN
LOGS=$RUN/logs
PIDS=$RUN/pids
ENVD=$RUN/env.d          # one fragment per component, concatenated into $RUN/env
ENV_FILE=$RUN/env

# Fixed endpoints (documented in hack/testenv/README.md).
REGISTRY_ADDR=127.0.0.1:5000
REGISTRY_HOST=localhost:5000
BK0_TCP=127.0.0.1:1234         # node 0: plain TCP
BK1_TCP=127.0.0.1:1235         # node 1: TLS, client certificate required
BUSYBOX_IMAGE=$REGISTRY_HOST/bkx-test/busybox:latest
DOCKER_BRIDGE=bkx-docker0
DOCKER_BRIDGE_CIDR=172.29.250.1/24
# The docker-container driver's default image (same tag buildx-style drivers
# look for); the testenv builds it from the local buildkitd, nothing is pulled.
BUILDKIT_IMAGE=moby/buildkit:buildx-stable-1

log() { printf '%s\n' "$*" >&2; }
die() { printf 'testenv: error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }
# step NAME FUNC [ARGS...]: run one step, print how long it took.
STEP_TIMES=()
step() {
	local name=$1; shift
	local t0 t1 dt
	t0=$(now)
	log "==> $name"
	"$@"
	t1=$(now)
	dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
	log "    $name: ${dt}s"
	STEP_TIMES+=("$(printf '%-28s %7ss' "$name" "$dt")")
}
print_times() {
	log "---- step timings ----"
	local l
	for l in "${STEP_TIMES[@]}"; do log "  $l"; done
}

# is_running NAME: the process recorded in $PIDS/NAME.pid is alive.
is_running() {
	local f=$PIDS/$1.pid p
	[ -f "$f" ] || return 1
	p=$(cat "$f")
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null
}

# start_bg NAME CMD...: start a daemon in the background, record its pid, log to $LOGS/NAME.log.
start_bg() {
	local name=$1; shift
	mkdir -p "$LOGS" "$PIDS"
	# 9>&-: the daemon must not inherit the lock on $RUN/.lock.
	setsid nohup "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
	echo $! >"$PIDS/$name.pid"
	log "    started $name (pid $!)"
}

# stop_pid NAME [TIMEOUT_S]: stop the process recorded for NAME (TERM, then KILL).
stop_pid() {
	local name=$1 timeout=${2:-20} f=$PIDS/$1.pid p i
	[ -f "$f" ] || return 0
	p=$(cat "$f")
	if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
		kill -TERM "$p" 2>/dev/null || true
		for ((i = 0; i < timeout * 5; i++)); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.2
		done
		if kill -0 "$p" 2>/dev/null; then
			log "    $name (pid $p) did not stop, killing"
			kill -KILL "$p" 2>/dev/null || true
			sleep 0.2
		fi
		log "    stopped $name (pid $p)"
	fi
	rm -f "$f"
}

# wait_for DESC TIMEOUT_S CMD...: poll CMD until it succeeds.
wait_for() {
	local desc=$1 timeout=$2 i; shift 2
	for ((i = 0; i < timeout * 4; i++)); do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.25
	done
	return 1
}

# umount_under DIR...: lazily unmount everything mounted below DIR (deepest first).
umount_under() {
	local d m
	for d in "$@"; do
		[ -n "$d" ] || continue
		awk -v d="$d" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/self/mounts |
			sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
	done
}

# buildkit version pinned by go.mod (the `tool` lines build from it).
buildkit_version() {
	awk '$1 == "github.com/moby/buildkit" {print $2; exit}' "$REPO_ROOT/go.mod"
}
BUILDKIT_VERSION=${BUILDKIT_VERSION:-$(buildkit_version)}
[ -n "$BUILDKIT_VERSION" ] || die "cannot find github.com/moby/buildkit in $REPO_ROOT/go.mod"
BK_BIN=$CACHE/buildkit-$BUILDKIT_VERSION/bin

# apt_install PKG...: install the missing Debian packages without starting their services.
apt_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	log "    installing: ${missing[*]}"
	local made_policy=
	# Debian packages would start their own dockerd/registry/containerd on
	# install; we run our own instances, so keep the maintainer scripts from
	# starting services.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		made_policy=1
	fi
	local rc=0
	apt-get update -qq >&2 || rc=$?
	if [ $rc -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || rc=$?
	fi
	[ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
	[ $rc -eq 0 ] || die "apt-get install ${missing[*]} failed"
}

# write_env_fragment NAME: stdin -> $ENVD/NAME.env, then rebuild $ENV_FILE.
write_env_fragment() {
	mkdir -p "$ENVD"
	cat >"$ENVD/$1.env.tmp"
	mv "$ENVD/$1.env.tmp" "$ENVD/$1.env"
	rebuild_env
}
rebuild_env() {
	mkdir -p "$ENVD"
	{
		echo "# bkx test environment, written by hack/testenv; read by internal/testenv."
		echo "# Shell syntax (KEY=VALUE, no quoting needed): source it to use the endpoints."
		local f
		for f in "$ENVD"/*.env; do [ -f "$f" ] && cat "$f"; done
	} >"$ENV_FILE.tmp"
	mv "$ENV_FILE.tmp" "$ENV_FILE"
}

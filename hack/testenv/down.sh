#!/usr/bin/env bash
# Stop everything hack/testenv started (by pid) and remove what it made:
# the Kubernetes cluster (if up), dockerd and its containers, both buildkitd
# nodes, the registry, mounts below the state/run folders, the docker bridge,
# and the binfmt_misc mount / qemu-aarch64 handler if up.sh set them up.
# The cache ($BKX_TESTENV_CACHE: binaries, .debs, image tarballs) is kept;
# pass --purge-cache to remove it as well.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root"
purge=
[ "${1:-}" = --purge-cache ] && purge=1

if [ -d "$RUN" ]; then
	exec 9>"$RUN/.lock"
	flock -w 600 9 || die "another hack/testenv run holds $RUN/.lock"
fi

do_k8s_down() {
	if [ -d "$RUN/k8s" ] || [ -d "$STATE/k8s" ]; then
		bash "$TESTENV_DIR/k8s-down.sh"
	else
		log "    not running"
	fi
}

do_dockerd_down() {
	local sock=$RUN/docker.sock
	if is_running dockerd && [ -S "$sock" ]; then
		# Remove containers first so their mounts and shims go away cleanly.
		local ids
		ids=$(docker -H "unix://$sock" ps -aq 2>/dev/null || true)
		if [ -n "$ids" ]; then
			log "    removing containers: $(tr "\n" " " <<<"$ids")"
			# shellcheck disable=SC2086
			docker -H "unix://$sock" rm -f -v $ids >/dev/null 2>&1 || true
		fi
	fi
	stop_pid dockerd 30
	# The containerd-image-store dockerd (up.sh's do_dockerd_ctrd): it stops its containers and its containerd child.
	stop_pid dockerd-ctrd 30
	ip link del bkx-docker1 2>/dev/null || true
	# dockerd's managed containerd normally exits with dockerd.
	local cpid=$RUN/docker/containerd/containerd.pid p
	if [ -f "$cpid" ]; then
		p=$(cat "$cpid")
		if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
			kill -TERM "$p" 2>/dev/null || true
			sleep 1
			kill -KILL "$p" 2>/dev/null || true
			log "    stopped dockerd's containerd (pid $p)"
		fi
	fi
	if ip link show "$DOCKER_BRIDGE" >/dev/null 2>&1; then
		ip link del "$DOCKER_BRIDGE" && log "    removed bridge $DOCKER_BRIDGE"
	fi
}

do_daemons_down() {
	stop_pid buildkitd1
	stop_pid buildkitd0
	stop_pid registry
	stop_pid git-daemon
	stop_pid gitserver
	stop_pid s3server
	stop_pid sshd
	rm -f /etc/ssh/ssh_config.d/bkx-testenv.conf
}

do_binfmt_down() {
	if [ -f "$STATE/.enabled-qemu-aarch64" ]; then
		update-binfmts --disable qemu-aarch64 >&2 || true
		log "    disabled qemu-aarch64"
	fi
	if [ -f "$STATE/.mounted-binfmt" ] && mountpoint -q /proc/sys/fs/binfmt_misc; then
		umount /proc/sys/fs/binfmt_misc || true
		log "    unmounted binfmt_misc"
	fi
}

# Remove the (empty) cgroups our daemons made: bkx-testenv-* parents, and
# "buildkit", the default parent a buildkitd in a docker-container node with
# the host's /sys/fs/cgroup uses. rmdir leaves any cgroup still in use alone.
rm_cgroups() {
	local d
	for d in /sys/fs/cgroup/*/bkx-testenv-* /sys/fs/cgroup/bkx-testenv-* /sys/fs/cgroup/*/buildkit; do
		[ -d "$d" ] || continue
		find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
	done
}

do_remove() {
	rm_cgroups
	umount_under "$STATE" "$RUN"
	rm -rf "$STATE"
	# The run folder goes last: it holds the lock we are holding.
	rm -rf "$RUN"
	if [ -n "$purge" ]; then
		rm -rf "$CACHE"
		log "    removed cache $CACHE"
	fi
}

step "kubernetes" do_k8s_down
step "dockerd" do_dockerd_down
step "buildkitd, registry, git, s3" do_daemons_down
step "binfmt" do_binfmt_down
step "remove state" do_remove
print_times
log "testenv down"

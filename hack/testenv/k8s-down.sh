#!/usr/bin/env bash
# Stop the testenv Kubernetes cluster (by pid), remove its state and restore
# the sysctls the kubelet rewrote. The built binaries and images stay cached.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root"

K8S_VERSION=${K8S_VERSION:-1.34.4}
K8S_CACHE=$CACHE/k8s-v$K8S_VERSION
K8S_STATE=$STATE/k8s
K8S_RUN=$RUN/k8s
KB=$K8S_CACHE/bin
CTRD_SOCK=$K8S_RUN/containerd.sock
KUBECONFIG_ADMIN=$K8S_STATE/admin.kubeconfig
KC() { "$KB/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" --request-timeout=10s "$@"; }
CTR() { ctr -a "$CTRD_SOCK" -n k8s.io "$@"; }
PIDS=$K8S_RUN/pids
LOGS=$K8S_RUN/logs

if [ ! -d "$K8S_RUN" ] && [ ! -d "$K8S_STATE" ]; then
	log "k8s: nothing to stop"
	exit 0
fi
mkdir -p "$RUN"
exec 8>"$RUN/.lock-k8s"
flock -w 600 8 || die "another k8s-up/k8s-down run holds $RUN/.lock-k8s"

do_pods_down() {
	# Let the kubelet tear pods down (volumes, CNI DEL) while it still runs.
	if is_running kubelet && [ -x "$KB/kubectl" ] && KC get --raw /readyz >/dev/null 2>&1; then
		local ns
		for ns in $(KC get ns -o 'jsonpath={.items[*].metadata.name}'); do
			KC -n "$ns" delete deploy,rs,sts,ds,job --all --cascade=orphan --wait=false >/dev/null 2>&1 || true
			KC -n "$ns" delete pod --all --grace-period=1 --wait=false >/dev/null 2>&1 || true
		done
		wait_for "pods gone" 60 bash -c "[ -z \"\$('$KB/kubectl' --kubeconfig '$KUBECONFIG_ADMIN' get pods -A -o name 2>/dev/null)\" ]" ||
			log "    some pods did not terminate in 60s; removing their containers by force"
	else
		log "    cluster not answering; skipping pod deletion"
	fi
}

do_components_down() {
	local n
	for n in kubelet kube-scheduler kube-controller-manager kube-apiserver; do stop_pid "$n"; done
	if is_running containerd; then
		local t c
		for t in $(CTR tasks ls -q 2>/dev/null); do CTR tasks kill -s SIGKILL "$t" >/dev/null 2>&1 || true; done
		sleep 1
		for t in $(CTR tasks ls -q 2>/dev/null); do CTR tasks rm -f "$t" >/dev/null 2>&1 || true; done
		for c in $(CTR containers ls -q 2>/dev/null); do CTR containers rm "$c" >/dev/null 2>&1 || true; done
	fi
	stop_pid containerd
	stop_pid etcd
	# Leftover shims of our containerd (they outlive it by design).
	local p
	for p in $(pgrep -f "containerd-shim-runc-v2 -namespace k8s.io -address $CTRD_SOCK" || true); do
		kill -KILL "$p" 2>/dev/null && log "    killed leftover shim $p"
	done
}

do_k8s_cleanup() {
	umount_under "$K8S_STATE" "$K8S_RUN"
	# Paths the kubelet / CNI hard-code (shared/k8s-testenv.md, pitfall 8).
	rm -rf /var/lib/kubelet/device-plugins /var/lib/cni/results/bkx-* 2>/dev/null || true
	find /var/log/containers -maxdepth 1 -type l -delete 2>/dev/null || true
	# ...and their folders, when they are empty (i.e. we made them).
	rmdir /var/lib/kubelet /var/lib/cni/results /var/lib/cni /var/log/containers /var/log/pods /var/run/netns 2>/dev/null || true
	local cg
	for cg in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
		if [ -d "$cg" ]; then find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true; fi
	done
	if ip link show bkx-k8s0 >/dev/null 2>&1; then
		ip link del bkx-k8s0 && log "    removed bridge bkx-k8s0"
	fi
	local f=$K8S_STATE/sysctls.orig k v
	if [ -f "$f" ]; then
		while read -r k v; do
			[ -n "$k" ] && sysctl -qw "$k=$v"
		done <"$f"
		log "    restored sysctls: $(tr '\n' ' ' <"$f")"
	fi
	rm -rf "$K8S_STATE" "$K8S_RUN" "$ENVD/20-k8s.env"
	[ -d "$ENVD" ] && rebuild_env
	return 0
}

step "k8s pods" do_pods_down
step "k8s components" do_components_down
step "k8s cleanup" do_k8s_cleanup
print_times
log "k8s down"

#!/usr/bin/env bash
# Bring up a single-node Kubernetes cluster for the kubernetes driver's tests
# (item 7 of the testenv issue), following shared/k8s-testenv.md:
#   Kubernetes v1.34.4 binaries built from the k8s.io/kubernetes module (cached),
#   Debian's containerd (our own instance), etcd-server, runc and CNI plugins,
#   apiserver on https://127.0.0.1:6443, node "localhost", no kube-proxy/DNS.
#   Images (no registry pulls): pause, the testenv BuildKit image (same one
#   dockerd has; use imagePullPolicy: Never) and busybox, imported into containerd.
# Run after up.sh (it reuses the BuildKit image tarball). Idempotent.
#   k8s-up.sh --build-only   only build the binaries into the cache
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root"

K8S_VERSION=${K8S_VERSION:-1.34.4}
K8S_CACHE=$CACHE/k8s-v$K8S_VERSION       # binaries, images (kept)
K8S_STATE=$STATE/k8s                     # pki, kubeconfigs, containerd root, etcd, kubelet
K8S_RUN=$RUN/k8s                         # sockets, pids, logs
KB=$K8S_CACHE/bin
KIMG=$K8S_CACHE/images
CTRD_SOCK=$K8S_RUN/containerd.sock
KUBECONFIG_ADMIN=$K8S_STATE/admin.kubeconfig
KC() { "$KB/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
CTR() { ctr -a "$CTRD_SOCK" -n k8s.io "$@"; }
# pids/logs of the cluster live apart from the base environment's
PIDS=$K8S_RUN/pids
LOGS=$K8S_RUN/logs

mkdir -p "$CACHE" "$RUN"
exec 9>"$RUN/.lock-k8s"
flock -w 1800 9 || die "another k8s-up/k8s-down run holds $RUN/.lock-k8s"

do_k8s_packages() {
	apt_install containerd runc containernetworking-plugins etcd-server busybox-static gcc libc6-dev openssl curl iproute2
}

k8s_module_dir() { go env GOMODCACHE | sed "s|\$|/k8s.io/kubernetes@v$K8S_VERSION|"; }

do_k8s_binaries() {
	local b need_build=
	for b in kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl; do
		[ -x "$KB/$b" ] || need_build=1
	done
	if [ -z "$need_build" ]; then
		log "    cached: $KB"
		return 0
	fi
	command -v go >/dev/null || die "go is not in PATH"
	# A throwaway module outside the repo, with k8s's own replace block.
	local w=$K8S_CACHE/build
	mkdir -p "$w"
	(cd "$w" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" >/dev/null)
	local m
	m=$(k8s_module_dir)
	[ -f "$m/go.mod" ] || die "k8s.io/kubernetes@v$K8S_VERSION not in the module cache"
	if [ ! -f "$w/go.sum" ]; then
		{
			printf 'module example.com/bkx-k8sbuild\n\ngo 1.24.0\n\ngodebug default=go1.24\n\n'
			printf 'require k8s.io/kubernetes v%s\n\nreplace (\n' "$K8S_VERSION"
			sed -n '/^replace (/,/^)/p' "$m/go.mod" | grep '=>' |
				awk -v v="0.${K8S_VERSION#1.}" '{print "\t"$1" => "$1" v"v}'
			printf ')\n'
		} >"$w/go.mod"
		cat >"$w/tools.go" <<-'EOF'
			//go:build tools

			package tools

			import (
				_ "k8s.io/kubernetes/cmd/kube-apiserver"
				_ "k8s.io/kubernetes/cmd/kube-controller-manager"
				_ "k8s.io/kubernetes/cmd/kube-scheduler"
				_ "k8s.io/kubernetes/cmd/kubelet"
				_ "k8s.io/kubernetes/cmd/kubectl"
			)
		EOF
		(cd "$w" && go mod tidy) || { rm -f "$w/go.sum"; die "go mod tidy of the k8s build module failed"; }
	fi
	local minor=${K8S_VERSION#1.}
	minor=${minor%%.*}
	local v=v$K8S_VERSION
	local ld="-s -w -X k8s.io/component-base/version.gitVersion=$v -X k8s.io/component-base/version.gitMajor=1"
	ld+=" -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
	ld+=" -X k8s.io/client-go/pkg/version.gitVersion=$v -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
	rm -rf "$KB.tmp" && mkdir -p "$KB.tmp"
	log "    building kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kubectl $v (about 12 min cold on 2 cores)"
	(cd "$w" && CGO_ENABLED=0 go build -trimpath -ldflags "$ld" -o "$KB.tmp/" \
		k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
		k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kubectl)
	rm -rf "$KB" && mv "$KB.tmp" "$KB"
	"$KB/kubelet" --version >&2
}

# mkimg NAME:TAG ROOTFS CONFIG-FRAGMENT OUT.tar: a one-layer docker-archive.
mkimg() {
	local ref=$1 root=$2 frag=$3 out=$4 w diff cfg
	w=$(mktemp -d)
	tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$w/layer.tar" .
	diff=$(sha256sum "$w/layer.tar" | cut -d' ' -f1)
	printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"WorkingDir":"/",%s},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
		"$frag" "$diff" >"$w/config.json"
	cfg=$(sha256sum "$w/config.json" | cut -d' ' -f1)
	mv "$w/config.json" "$w/$cfg.json"
	printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$cfg" "$ref" >"$w/manifest.json"
	tar -C "$w" -cf "$out.tmp" manifest.json "$cfg.json" layer.tar
	mv "$out.tmp" "$out"
	rm -rf "$w"
}

do_k8s_images() {
	mkdir -p "$KIMG"
	if [ ! -f "$KIMG/pause-3.10.tar" ]; then
		local m w
		m=$(k8s_module_dir)
		w=$(mktemp -d)
		mkdir -p "$w/root"
		gcc -Os -static -o "$w/root/pause" "$m/build/pause/linux/pause.c" -DVERSION=3.10-bkx
		strip "$w/root/pause"
		mkimg localhost/pause:3.10 "$w/root" '"Cmd":["/pause"]' "$KIMG/pause-3.10.tar"
		rm -rf "$w"
	fi
	if [ ! -f "$KIMG/busybox-1.tar" ]; then
		local r a
		r=$(mktemp -d)
		mkdir -p "$r"/{bin,etc,tmp,proc,sys,dev,root}
		cp /bin/busybox "$r/bin/busybox"
		for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$r/bin/$a"; done
		echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
		echo 'root:x:0:' >"$r/etc/group"
		chmod 1777 "$r/tmp"
		mkimg localhost/busybox:1 "$r" '"Cmd":["sleep","infinity"]' "$KIMG/busybox-1.tar"
		rm -rf "$r"
	fi
	[ -f "$CACHE/buildkit-$BUILDKIT_VERSION/image.tar" ] ||
		die "no BuildKit image tarball in $CACHE/buildkit-$BUILDKIT_VERSION: run hack/testenv/up.sh (make testenv) first"
	log "    pause, busybox and $BUILDKIT_IMAGE tarballs ready"
}

do_k8s_config() {
	local P=$K8S_STATE/pki
	mkdir -p "$K8S_STATE" "$K8S_RUN" "$LOGS" "$PIDS"
	if [ ! -f "$P/tokens.csv" ]; then
		rm -rf "$P.tmp" && mkdir -p "$P.tmp"
		(
			cd "$P.tmp"
			openssl genrsa -out ca.key 2048 2>/dev/null
			openssl req -x509 -new -nodes -key ca.key -subj "/CN=bkx-testenv-k8s-ca" -days 3650 -out ca.crt
			openssl genrsa -out apiserver.key 2048 2>/dev/null
			cat >apiserver.cnf <<-'EOF'
				[req]
				distinguished_name = dn
				[dn]
				[ext]
				basicConstraints = CA:FALSE
				keyUsage = digitalSignature, keyEncipherment
				extendedKeyUsage = serverAuth
				subjectAltName = DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP:127.0.0.1, IP:10.96.0.1
			EOF
			openssl req -new -key apiserver.key -subj "/CN=kube-apiserver" -config apiserver.cnf -out apiserver.csr
			openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
				-extfile apiserver.cnf -extensions ext -out apiserver.crt 2>/dev/null
			openssl genrsa -out sa.key 2048 2>/dev/null
			openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
			tok() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
			{
				echo "$(tok),admin,admin,\"system:masters\""
				echo "$(tok),system:kube-controller-manager,kcm"
				echo "$(tok),system:kube-scheduler,sched"
				echo "$(tok),system:node:localhost,kubelet,\"system:nodes\""
			} >tokens.csv
			chmod 600 ./*.key tokens.csv
		)
		rm -rf "$P" && mv "$P.tmp" "$P"
	fi
	local n user token
	for n in admin kcm sched kubelet; do
		case $n in
		admin) user="admin" ;;
		kcm) user=system:kube-controller-manager ;;
		sched) user=system:kube-scheduler ;;
		kubelet) user=system:node:localhost ;;
		esac
		token=$(awk -F, -v u="$user" '$2 == u {print $1}' "$P/tokens.csv")
		cat >"$K8S_STATE/$n.kubeconfig" <<-EOF
			apiVersion: v1
			kind: Config
			clusters:
			- name: bkx-testenv
			  cluster:
			    server: https://127.0.0.1:6443
			    certificate-authority: $P/ca.crt
			users:
			- name: $n
			  user:
			    token: $token
			contexts:
			- name: bkx-testenv
			  context: {cluster: bkx-testenv, user: $n}
			current-context: bkx-testenv
		EOF
		chmod 600 "$K8S_STATE/$n.kubeconfig"
	done

	mkdir -p "$K8S_STATE/containerd" "$K8S_STATE/cni/net.d" "$K8S_STATE/cni/ipam" "$K8S_STATE/kubelet"
	cat >"$K8S_STATE/containerd/config.toml" <<-EOF
		version = 2
		root = "$K8S_STATE/containerd/root"
		state = "$K8S_RUN/containerd-state"
		disabled_plugins = ["io.containerd.internal.v1.tracing", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

		[grpc]
		  address = "$CTRD_SOCK"
		[ttrpc]
		  address = "$CTRD_SOCK.ttrpc"
		[debug]
		  address = ""
		[metrics]
		  address = ""

		[plugins."io.containerd.internal.v1.opt"]
		  path = "$K8S_STATE/containerd/opt"

		[plugins."io.containerd.grpc.v1.cri"]
		  sandbox_image = "localhost/pause:3.10"
		  enable_unprivileged_ports = false
		  # Hosts that withhold CAP_SYS_RESOURCE cannot lower oom_score_adj.
		  restrict_oom_score_adj = true
		  netns_mounts_under_state_dir = true
		  [plugins."io.containerd.grpc.v1.cri".containerd]
		    snapshotter = "overlayfs"
		    default_runtime_name = "runc"
		    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
		      runtime_type = "io.containerd.runc.v2"
		      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
		        SystemdCgroup = false
		        BinaryName = "/usr/sbin/runc"
		  [plugins."io.containerd.grpc.v1.cri".cni]
		    bin_dir = "/usr/lib/cni"
		    conf_dir = "$K8S_STATE/cni/net.d"
		    max_conf_num = 1
	EOF
	cat >"$K8S_STATE/cni/net.d/10-bkx.conflist" <<-EOF
		{
		  "cniVersion": "1.0.0",
		  "name": "bkx",
		  "plugins": [
		    {
		      "type": "bridge", "bridge": "bkx-k8s0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
		      "ipam": {
		        "type": "host-local", "dataDir": "$K8S_STATE/cni/ipam",
		        "ranges": [[{"subnet": "10.244.0.0/24"}]],
		        "routes": [{"dst": "0.0.0.0/0"}]
		      }
		    }
		  ]
		}
	EOF
	cat >"$K8S_STATE/kubelet/config.yaml" <<-EOF
		apiVersion: kubelet.config.k8s.io/v1beta1
		kind: KubeletConfiguration
		address: 127.0.0.1
		port: 10250
		readOnlyPort: 0
		healthzBindAddress: 127.0.0.1
		healthzPort: 10248
		authentication:
		  anonymous: {enabled: true}
		  webhook: {enabled: false}
		authorization:
		  mode: AlwaysAllow
		cgroupDriver: cgroupfs
		failCgroupV1: false
		containerRuntimeEndpoint: unix://$CTRD_SOCK
		imageServiceEndpoint: unix://$CTRD_SOCK
		failSwapOn: false
		clusterDomain: cluster.local
		clusterDNS: ["10.96.0.10"]
		resolvConf: /etc/resolv.conf
		podLogsDir: $K8S_STATE/kubelet/pod-logs
		serializeImagePulls: false
		protectKernelDefaults: false
		makeIPTablesUtilChains: false
		imageGCHighThresholdPercent: 100
		imageGCLowThresholdPercent: 99
		evictionHard: {memory.available: "100Mi", nodefs.available: "1%", nodefs.inodesFree: "1%", imagefs.available: "1%"}
		registerNode: true
		maxPods: 50
		syncFrequency: 10s
		nodeStatusUpdateFrequency: 10s
		runtimeRequestTimeout: 2m
	EOF
}

# The kubelet rewrites these sysctls; k8s-down.sh puts them back.
save_sysctls() {
	local f=$K8S_STATE/sysctls.orig
	[ -f "$f" ] && return 0
	sysctl -n vm.overcommit_memory kernel.panic kernel.panic_on_oops |
		paste -d' ' <(printf 'vm.overcommit_memory\nkernel.panic\nkernel.panic_on_oops\n') - >"$f"
}

containerd_ok() { CTR version >/dev/null 2>&1; }
etcd_ok() { curl -sf http://127.0.0.1:2379/health >/dev/null; }
apiserver_ok() { curl -sfk https://127.0.0.1:6443/readyz >/dev/null; }
node_ready() { KC get node localhost -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -qx True; }
sa_ready() { KC -n default get serviceaccount default && KC -n default get configmap kube-root-ca.crt; }

do_k8s_start() {
	local P=$K8S_STATE/pki
	save_sysctls
	if ! { is_running containerd && containerd_ok; }; then
		stop_pid containerd
		start_bg containerd containerd --config "$K8S_STATE/containerd/config.toml"
		wait_for containerd 30 containerd_ok || die "containerd did not come up; see $LOGS/containerd.log"
	fi
	local t
	for t in "$KIMG/pause-3.10.tar" "$KIMG/busybox-1.tar" "$CACHE/buildkit-$BUILDKIT_VERSION/image.tar"; do
		CTR images import "$t" >/dev/null || die "ctr import $t failed"
	done
	if ! { is_running etcd && etcd_ok; }; then
		stop_pid etcd
		etcd_ok && die "an etcd not started by us answers on 127.0.0.1:2379"
		mkdir -p "$K8S_STATE/etcd"
		start_bg etcd etcd --name bkx --data-dir "$K8S_STATE/etcd/data" \
			--listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
			--listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
			--initial-cluster bkx=http://127.0.0.1:2380 --listen-metrics-urls http://127.0.0.1:2381
		wait_for etcd 30 etcd_ok || die "etcd did not come up; see $LOGS/etcd.log"
	fi
	if ! { is_running kube-apiserver && apiserver_ok; }; then
		stop_pid kube-apiserver
		start_bg kube-apiserver "$KB/kube-apiserver" \
			--etcd-servers=http://127.0.0.1:2379 \
			--bind-address=127.0.0.1 --secure-port=6443 --advertise-address=127.0.0.1 \
			--tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \
			--client-ca-file="$P/ca.crt" --token-auth-file="$P/tokens.csv" \
			--authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
			--allow-privileged=true \
			--service-cluster-ip-range=10.96.0.0/24 \
			--service-account-issuer=https://kubernetes.default.svc.cluster.local \
			--service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
			--endpoint-reconciler-type=none \
			--kubelet-preferred-address-types=Hostname,InternalIP \
			--cert-dir="$K8S_STATE/apiserver-certs" --profiling=false
		wait_for apiserver 90 apiserver_ok || die "kube-apiserver not ready; see $LOGS/kube-apiserver.log"
	fi
	if ! is_running kube-controller-manager; then
		start_bg kube-controller-manager "$KB/kube-controller-manager" --kubeconfig="$K8S_STATE/kcm.kubeconfig" \
			--bind-address=127.0.0.1 --secure-port=10257 --leader-elect=false \
			--service-account-private-key-file="$P/sa.key" --root-ca-file="$P/ca.crt" \
			--use-service-account-credentials=true --allocate-node-cidrs=false --cluster-name=bkx-testenv --profiling=false
	fi
	if ! is_running kube-scheduler; then
		start_bg kube-scheduler "$KB/kube-scheduler" --kubeconfig="$K8S_STATE/sched.kubeconfig" \
			--bind-address=127.0.0.1 --secure-port=10259 --leader-elect=false --profiling=false
	fi
	if ! is_running kubelet; then
		start_bg kubelet "$KB/kubelet" --config="$K8S_STATE/kubelet/config.yaml" \
			--kubeconfig="$K8S_STATE/kubelet.kubeconfig" \
			--root-dir="$K8S_STATE/kubelet/root" --cert-dir="$K8S_STATE/kubelet/pki" \
			--hostname-override=localhost --v=1
	fi
	wait_for node 120 node_ready || die "node localhost not Ready; see $LOGS/kubelet.log"
	wait_for serviceaccount 120 sa_ready || die "default ServiceAccount / kube-root-ca.crt missing; see $LOGS/kube-controller-manager.log"
}

do_k8s_env() {
	write_env_fragment 20-k8s <<-EOF
		BKX_TESTENV_KUBECONFIG=$KUBECONFIG_ADMIN
		BKX_TESTENV_K8S_APISERVER=https://127.0.0.1:6443
		BKX_TESTENV_K8S_NAMESPACE=default
		BKX_TESTENV_K8S_BUILDKIT_IMAGE=$BUILDKIT_IMAGE
		BKX_TESTENV_KUBECTL=$KB/kubectl
	EOF
	log "    wrote $ENV_FILE"
}

T0=$(now)
step "k8s packages (apt)" do_k8s_packages
step "k8s v$K8S_VERSION binaries" do_k8s_binaries
if [ "${1:-}" = --build-only ]; then
	print_times
	exit 0
fi
step "k8s images" do_k8s_images
step "k8s config" do_k8s_config
step "k8s start" do_k8s_start
step "k8s env" do_k8s_env
print_times
log "k8s up in $(awk -v a="$T0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s; KUBECONFIG=$KUBECONFIG_ADMIN"

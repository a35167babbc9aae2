#!/usr/bin/env bash
# Bring up the bkx test environment (items 1-6 of the testenv issue):
#   - emulation for linux/arm64 (qemu-user-static + binfmt_misc)
#   - buildkitd + buildctl built from the buildkit version in go.mod
#   - two buildkitd nodes: node0 unix + tcp://127.0.0.1:1234,
#                          node1 unix + tcp://127.0.0.1:1235 (TLS, client cert required)
#   - a local OCI registry on 127.0.0.1:5000 (Debian's docker-registry)
#   - dockerd (Debian's docker.io) with its own data root and socket
#   - localhost:5000/bkx-test/busybox (linux/amd64 + linux/arm64), built FROM scratch
#   - the docker-container driver's BuildKit image, loaded into that dockerd
#   - an S3-compatible server on 127.0.0.1:9490 (hack/s3server) for the s3 cache
#   - a second dockerd (moby v28, built by hack/dockerd-ctrd.sh) with the
#     containerd image store, on unix:///run/bkx-testenv/dockerd-ctrd.sock
#   - sshd on 127.0.0.1:2222, so that ssh://bkx-testenv-ssh reaches that dockerd
#     through the docker CLI's ssh connection helper
#   - git servers: git daemon on 127.0.0.1:9418 and a token-protected smart HTTP
#     server on 127.0.0.1:9480, serving bkx-test/app.git (hack/testenv/gitrepo/app)
# Idempotent: whatever is already up and healthy is left alone, so a second run
# takes a few seconds. Writes every endpoint to $BKX_TESTENV_RUN/env.
# Must run as root.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root (it starts daemons and mounts binfmt_misc)"
mkdir -p "$CACHE" "$STATE" "$RUN" "$LOGS" "$PIDS"
exec 9>"$RUN/.lock"
flock -w 600 9 || die "another hack/testenv run holds $RUN/.lock"

BUILDCTL=$BK_BIN/buildctl
BUILDKITD=$BK_BIN/buildkitd
DOCKER_SOCK=$RUN/docker.sock
DOCKER="docker -H unix://$DOCKER_SOCK"
CERTS=$STATE/certs
bk_sock() { echo "$RUN/buildkitd$1/buildkitd.sock"; }

# ---------------------------------------------------------------------------
do_packages() {
	# runc: buildkitd's OCI worker; docker.io: dockerd 20.10 with BuildKit inside;
	# docker-registry: the local registry; qemu-user-static + binfmt-support:
	# linux/arm64 emulation; busybox-static: the amd64 half of the base image.
	# git: git daemon and git http-backend for remote bake definitions.
	# openssh-server/-client: an ssh docker host (ssh://bkx-testenv-ssh).
	# chromium: the headless browser that renders `bake --report` pages.
	apt_install runc docker.io docker-registry qemu-user-static binfmt-support \
		busybox-static openssl curl iproute2 ca-certificates util-linux git \
		openssh-server openssh-client chromium
}

do_binfmt() {
	if ! mountpoint -q /proc/sys/fs/binfmt_misc; then
		mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
		touch "$STATE/.mounted-binfmt"
	fi
	if ! grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
		update-binfmts --enable qemu-aarch64 >&2
		touch "$STATE/.enabled-qemu-aarch64"
	fi
	grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 ||
		die "qemu-aarch64 binfmt handler is not enabled (see /proc/sys/fs/binfmt_misc)"
}

do_busybox_debs() {
	local d=$CACHE/debs
	if ls "$d"/busybox-static_*_amd64.deb >/dev/null 2>&1 && ls "$d"/busybox-static_*_arm64.deb >/dev/null 2>&1; then
		log "    cached in $d"
		return 0
	fi
	mkdir -p "$d"
	local added=
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
		added=1
	fi
	local rc=0
	apt-get update -qq >&2 || rc=$?
	if [ $rc -eq 0 ]; then
		# apt-get download drops privileges to _apt: give it a folder it may write.
		local tmp
		tmp=$(mktemp -d) && chmod 777 "$tmp"
		(cd "$tmp" && apt-get download -qq busybox-static:amd64 busybox-static:arm64 >&2 && mv ./*.deb "$d/") || rc=$?
		rm -rf "$tmp"
	fi
	# Leave dpkg's architecture list as we found it: the .debs are cached.
	if [ -n "$added" ]; then
		dpkg --remove-architecture arm64 || true
	fi
	[ $rc -eq 0 ] || die "could not download busybox-static for amd64/arm64"
}

do_buildkit_binaries() {
	if [ -x "$BUILDKITD" ] && [ -x "$BUILDCTL" ]; then
		log "    cached: $BK_BIN ($BUILDKIT_VERSION)"
		return 0
	fi
	command -v go >/dev/null || die "go is not in PATH"
	local tmp=$BK_BIN.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	# Static binaries: the same buildkitd runs on the host and inside the
	# docker-container driver's image (which has no libc of its own).
	(cd "$REPO_ROOT" && CGO_ENABLED=0 go build -trimpath \
		-ldflags "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION -X github.com/moby/buildkit/version.Revision=bkx-testenv" \
		-o "$tmp/" github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl)
	rm -rf "$BK_BIN" && mv "$tmp" "$BK_BIN"
	"$BUILDKITD" --version >&2
}

do_certs() {
	if [ -f "$CERTS/client-key.pem" ]; then
		log "    present in $CERTS"
		return 0
	fi
	rm -rf "$CERTS.tmp" && mkdir -p "$CERTS.tmp"
	(
		cd "$CERTS.tmp"
		openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=bkx-testenv-ca" \
			-keyout ca-key.pem -out ca.pem 2>/dev/null
		printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext
		printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >client.ext
		for n in server client; do
			openssl req -newkey rsa:2048 -nodes -subj "/CN=bkx-testenv-$n" -keyout $n-key.pem -out $n.csr 2>/dev/null
			openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
				-extfile $n.ext -out $n.pem 2>/dev/null
		done
		rm -f ./*.csr ./*.ext ca.srl
		chmod 600 ./*-key.pem
	)
	rm -rf "$CERTS" && mv "$CERTS.tmp" "$CERTS"
}

registry_ok() { curl -sf -o /dev/null "http://$REGISTRY_ADDR/v2/"; }
do_registry() {
	if is_running registry && registry_ok; then
		log "    already up on $REGISTRY_ADDR"
		return 0
	fi
	stop_pid registry
	registry_ok && die "something else answers on $REGISTRY_ADDR; stop it first"
	mkdir -p "$STATE/registry/data"
	cat >"$STATE/registry/config.yml" <<-EOF
		version: 0.1
		log:
		  level: warn
		storage:
		  filesystem:
		    rootdirectory: $STATE/registry/data
		  delete:
		    enabled: true
		http:
		  addr: $REGISTRY_ADDR
	EOF
	start_bg registry docker-registry serve "$STATE/registry/config.yml"
	wait_for registry 30 registry_ok || die "registry did not come up; see $LOGS/registry.log"
}

# buildkitd_ok N: node N answers and lists linux/arm64 (so emulation was
# in place when it started).
buildkitd_ok() {
	local out
	out=$("$BUILDCTL" --addr "unix://$(bk_sock "$1")" debug workers 2>/dev/null) || return 1
	grep -q 'linux/arm64' <<<"$out"
}
buildkitd_config() {
	local n=$1
	cat <<-EOF
		# bkx testenv node $n
		# Bounded state: every test and benchmark run adds no-cache builds, and
		# an unbounded history and cache (tens of thousands of records) made
		# every later build measurably slower. History records go when they
		# are both past the newest 200 and older than 10 minutes.
		[history]
		  maxAge = "10m"
		  maxEntries = 200
		[worker.oci]
		  enabled = true
		  snapshotter = "overlayfs"
		  gc = true
		  # RUN steps' cgroups, removed by down.sh
		  defaultCgroupParent = "bkx-testenv-buildkitd$n"
		  [[worker.oci.gcpolicy]]
		    all = true
		    keepDuration = "1h"
		  [[worker.oci.gcpolicy]]
		    all = true
		    reservedSpace = "4GB"
		[worker.containerd]
		  enabled = false
		[registry."$REGISTRY_HOST"]
		  http = true
		[registry."$REGISTRY_ADDR"]
		  http = true
	EOF
}
start_buildkitd() {
	local n=$1 tcp=$2 tls=$3
	local root=$STATE/buildkitd$n sockdir=$RUN/buildkitd$n
	local config
	config=$(buildkitd_config "$n")
	# A node started with an older configuration is restarted with this one.
	if is_running "buildkitd$n" && buildkitd_ok "$n" && [ "$config" = "$(cat "$root/buildkitd.toml" 2>/dev/null)" ]; then
		log "    buildkitd$n already up"
		return 0
	fi
	stop_pid "buildkitd$n"
	mkdir -p "$root" "$sockdir"
	printf '%s\n' "$config" >"$root/buildkitd.toml"
	local args=(--config "$root/buildkitd.toml" --root "$root"
		--addr "unix://$sockdir/buildkitd.sock" --addr "tcp://$tcp"
		--otel-socket-path "$sockdir/otel-grpc.sock")
	if [ "$tls" = tls ]; then
		args+=(--tlscacert "$CERTS/ca.pem" --tlscert "$CERTS/server.pem" --tlskey "$CERTS/server-key.pem")
	fi
	start_bg "buildkitd$n" "$BUILDKITD" "${args[@]}"
}
do_buildkitd() {
	start_buildkitd 0 "$BK0_TCP" plain
	start_buildkitd 1 "$BK1_TCP" tls
	local n
	for n in 0 1; do
		wait_for "buildkitd$n" 60 buildkitd_ok $n ||
			die "buildkitd$n did not come up with linux/arm64; see $LOGS/buildkitd$n.log"
	done
}

docker_ok() { $DOCKER version >/dev/null 2>&1; }
# The same daemon on TCP with TLS and client certificates (the test CA),
# for docker contexts with TLS material.
DOCKER_TLS_ADDR=127.0.0.1:2376
docker_tls_ok() {
	curl -sf -o /dev/null --cacert "$CERTS/ca.pem" --cert "$CERTS/client.pem" --key "$CERTS/client-key.pem" \
		"https://$DOCKER_TLS_ADDR/_ping"
}
do_dockerd() {
	if is_running dockerd && docker_ok && docker_tls_ok; then
		log "    already up on unix://$DOCKER_SOCK and tcp://$DOCKER_TLS_ADDR (TLS)"
		return 0
	fi
	stop_pid dockerd 30
	# Our own bridge, so this dockerd never clashes with a docker0 of the host.
	if ! ip link show "$DOCKER_BRIDGE" >/dev/null 2>&1; then
		ip link add "$DOCKER_BRIDGE" type bridge
		ip addr add "$DOCKER_BRIDGE_CIDR" dev "$DOCKER_BRIDGE"
	fi
	ip link set "$DOCKER_BRIDGE" up
	mkdir -p "$STATE/docker" "$RUN/docker"
	echo '{"features": {"buildkit": true}}' >"$STATE/docker-daemon.json"
	# No iptables/ip_forward changes: nothing of ours is left in the host's
	# firewall or sysctls. Containers reach the host through the bridge address.
	start_bg dockerd dockerd \
		--config-file "$STATE/docker-daemon.json" \
		--data-root "$STATE/docker" --exec-root "$RUN/docker" \
		--pidfile "$RUN/docker/dockerd.pid" \
		-H "unix://$DOCKER_SOCK" -H "tcp://$DOCKER_TLS_ADDR" \
		--tlsverify --tlscacert "$CERTS/ca.pem" --tlscert "$CERTS/server.pem" --tlskey "$CERTS/server-key.pem" \
		--bridge "$DOCKER_BRIDGE" --iptables=false --ip-forward=false --ip-masq=false \
		--containerd-namespace bkx-testenv --containerd-plugins-namespace bkx-testenv-plugins \
		--cgroup-parent bkx-testenv-docker \
		--storage-driver overlay2
	wait_for dockerd 60 docker_ok || die "dockerd did not come up; see $LOGS/dockerd.log"
	wait_for dockerd-tls 30 docker_tls_ok || die "dockerd's TLS listener did not come up; see $LOGS/dockerd.log"
}

# busybox_ok: the registry holds an index with linux/amd64 and linux/arm64.
busybox_ok() {
	local idx
	idx=$(curl -sf -H 'Accept: application/vnd.oci.image.index.v1+json' \
		-H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
		"http://$REGISTRY_ADDR/v2/bkx-test/busybox/manifests/latest") || return 1
	grep -q '"arm64"' <<<"$idx" && grep -q '"amd64"' <<<"$idx"
}
do_busybox_image() {
	if busybox_ok; then
		log "    $BUSYBOX_IMAGE present"
		return 0
	fi
	local ctx=$RUN/busybox-ctx arch deb
	rm -rf "$ctx" && mkdir -p "$ctx"
	for arch in amd64 arm64; do
		deb=$(ls "$CACHE"/debs/busybox-static_*_$arch.deb | head -n1)
		local x=$ctx/x-$arch r=$ctx/rootfs-$arch
		dpkg-deb -x "$deb" "$x"
		mkdir -p "$r"/{bin,etc,tmp,root,proc,sys,dev,run,var}
		cp "$x/bin/busybox" "$r/bin/busybox"
		rm -rf "$x"
		echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
		echo 'root:x:0:' >"$r/etc/group"
		chmod 1777 "$r/tmp"
	done
	# Same busybox version for both arches, so the amd64 applet list fits both.
	local a
	for a in $("$ctx/rootfs-amd64/bin/busybox" --list); do
		[ "$a" = busybox ] && continue
		ln -s busybox "$ctx/rootfs-amd64/bin/$a"
		ln -s busybox "$ctx/rootfs-arm64/bin/$a"
	done
	cat >"$ctx/Dockerfile" <<-'EOF'
		FROM scratch
		ARG TARGETARCH
		COPY rootfs-${TARGETARCH}/ /
		ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
		CMD ["sh"]
	EOF
	"$BUILDCTL" --addr "unix://$(bk_sock 0)" build --progress plain \
		--frontend dockerfile.v0 --local context="$ctx" --local dockerfile="$ctx" \
		--opt platform=linux/amd64,linux/arm64 \
		--output "type=image,name=$BUSYBOX_IMAGE,push=true,registry.insecure=true" \
		>"$LOGS/busybox-build.log" 2>&1 || die "busybox image build failed; see $LOGS/busybox-build.log"
	rm -rf "$ctx"
	busybox_ok || die "$BUSYBOX_IMAGE is not in the registry after the push"
}

# The docker-container driver's image: the same static buildkitd/buildctl plus
# Debian's runc and its shared libraries, on top of the busybox image. Built
# by the local buildkitd as a docker archive (cached), loaded into dockerd.
bk_image_id() { sha256sum "$BUILDKITD" "$BUILDCTL" /usr/sbin/runc | sha256sum | cut -c1-16; }
do_buildkit_image() {
	local id tar
	id=$(bk_image_id)
	tar=$CACHE/buildkit-$BUILDKIT_VERSION/image-$id.tar
	if [ "$($DOCKER image inspect -f '{{index .Config.Labels "dev.bkx.testenv.id"}}' "$BUILDKIT_IMAGE" 2>/dev/null)" = "$id" ]; then
		log "    $BUILDKIT_IMAGE present in dockerd"
		return 0
	fi
	if [ ! -f "$tar" ]; then
		local ctx=$RUN/buildkit-ctx l
		rm -rf "$ctx" && mkdir -p "$ctx/root/usr/bin" "$ctx/root/var/lib/buildkit" "$ctx/root/run/buildkit" "$ctx/root/etc/buildkit"
		cp "$BUILDKITD" "$BUILDCTL" /usr/sbin/runc "$ctx/root/usr/bin/"
		for l in $(ldd /usr/sbin/runc | grep -o '/[^ ]*'); do
			mkdir -p "$ctx/root$(dirname "$l")"
			cp -L "$l" "$ctx/root$l"
		done
		cat >"$ctx/Dockerfile" <<-EOF
			FROM $BUSYBOX_IMAGE
			COPY root/ /
			LABEL dev.bkx.testenv.id=$id org.opencontainers.image.version=$BUILDKIT_VERSION
			VOLUME /var/lib/buildkit
			ENTRYPOINT ["buildkitd"]
		EOF
		"$BUILDCTL" --addr "unix://$(bk_sock 0)" build --progress plain \
			--frontend dockerfile.v0 --local context="$ctx" --local dockerfile="$ctx" \
			--opt platform=linux/amd64 \
			--output "type=docker,name=$BUILDKIT_IMAGE,dest=$tar.tmp" \
			>"$LOGS/buildkit-image-build.log" 2>&1 || die "buildkit image build failed; see $LOGS/buildkit-image-build.log"
		mv "$tar.tmp" "$tar"
		rm -rf "$ctx"
	fi
	$DOCKER load -q -i "$tar" >&2
	$DOCKER tag "$BUILDKIT_IMAGE" "moby/buildkit:$BUILDKIT_VERSION"
	ln -sf "$(basename "$tar")" "$CACHE/buildkit-$BUILDKIT_VERSION/image.tar"
}

# Does this machine withhold CAP_SYS_RESOURCE (bit 24 of the bounding set)?
# Then --privileged containers fail and the docker-container driver needs the
# capability workaround.
sys_resource_ok() {
	local bnd
	bnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
	(((0x$bnd >> 24) & 1))
}

# Git servers for remote bake definitions. Repositories live below
# $GIT_ROOT; tests add their own there (bkx-test/tests/...) and remove them.
GIT_ROOT=$STATE/git
GIT_DAEMON_ADDR=127.0.0.1:9418
GIT_HTTP_ADDR=127.0.0.1:9480
GIT_TOKEN=bkx-testenv-token
GITSERVER=$CACHE/bin/bkx-gitserver
git_daemon_ok() { git ls-remote "git://$GIT_DAEMON_ADDR/bkx-test/app.git" HEAD >/dev/null 2>&1; }
git_http_ok() {
	git -c http.extraHeader="Authorization: bearer $GIT_TOKEN" \
		ls-remote "http://$GIT_HTTP_ADDR/bkx-test/app.git" HEAD >/dev/null 2>&1
}
# seed_repo: bkx-test/app.git holds hack/testenv/gitrepo/app on branch main,
# tagged v1; rebuilt when those files change.
seed_repo() {
	local src=$TESTENV_DIR/gitrepo/app dst=$GIT_ROOT/bkx-test/app.git sum
	sum=$(cd "$src" && find . -type f | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
	if [ -f "$dst/bkx-seed" ] && [ "$(cat "$dst/bkx-seed")" = "$sum" ]; then
		return 0
	fi
	local work
	work=$(mktemp -d)
	cp -a "$src/." "$work/"
	(
		cd "$work"
		git init -q -b main
		git add -A
		git -c user.name=bkx-testenv -c user.email=testenv@bkx.invalid \
			commit -q -m "bkx test world: remote bake definition"
		git tag v1
	)
	rm -rf "$dst"
	mkdir -p "$(dirname "$dst")"
	git clone -q --bare "$work" "$dst"
	git -C "$dst" config uploadpack.allowReachableSHA1InWant true
	git -C "$dst" config http.receivepack false
	echo "$sum" >"$dst/bkx-seed"
	rm -rf "$work"
	log "    seeded $dst"
}
do_git() {
	mkdir -p "$GIT_ROOT" "$CACHE/bin"
	seed_repo
	if ! is_running git-daemon || ! git_daemon_ok; then
		stop_pid git-daemon
		start_bg git-daemon git daemon --reuseaddr --export-all --base-path="$GIT_ROOT" \
			--listen=127.0.0.1 --port="${GIT_DAEMON_ADDR##*:}" "$GIT_ROOT"
		wait_for git-daemon 30 git_daemon_ok || die "git daemon did not come up; see $LOGS/git-daemon.log"
	else
		log "    git daemon already up on $GIT_DAEMON_ADDR"
	fi
	if [ ! -x "$GITSERVER" ] || [ "$TESTENV_DIR/../gitserver/main.go" -nt "$GITSERVER" ]; then
		(cd "$REPO_ROOT" && go build -o "$GITSERVER.tmp" ./hack/gitserver) && mv "$GITSERVER.tmp" "$GITSERVER"
		stop_pid gitserver
	fi
	if ! is_running gitserver || ! git_http_ok; then
		stop_pid gitserver
		start_bg gitserver "$GITSERVER" -listen "$GIT_HTTP_ADDR" -root "$GIT_ROOT" -token "$GIT_TOKEN"
		wait_for gitserver 30 git_http_ok || die "git HTTP server did not come up; see $LOGS/gitserver.log"
	else
		log "    git HTTP server already up on $GIT_HTTP_ADDR"
	fi
	write_env_fragment 20-git <<-EOF
		BKX_TESTENV_GIT_ROOT=$GIT_ROOT
		BKX_TESTENV_GIT_DAEMON=git://$GIT_DAEMON_ADDR
		BKX_TESTENV_GIT_HTTP=http://$GIT_HTTP_ADDR
		BKX_TESTENV_GIT_TOKEN=$GIT_TOKEN
	EOF
}

# The S3-compatible server (gofakes3 in hack/s3server, its own module) for
# BuildKit's s3 cache; in memory, so a restart empties it.
S3_ADDR=127.0.0.1:9490
S3_BUCKET=bkx-cache
S3SERVER=$CACHE/bin/bkx-s3server
s3_ok() { curl -sf -o /dev/null "http://$S3_ADDR/$S3_BUCKET/"; }
do_s3() {
	mkdir -p "$CACHE/bin"
	if [ ! -x "$S3SERVER" ] || [ "$TESTENV_DIR/../s3server/main.go" -nt "$S3SERVER" ] || [ "$TESTENV_DIR/../s3server/go.mod" -nt "$S3SERVER" ]; then
		(cd "$TESTENV_DIR/../s3server" && go build -o "$S3SERVER.tmp" .) && mv "$S3SERVER.tmp" "$S3SERVER"
		stop_pid s3server
	fi
	if ! is_running s3server || ! s3_ok; then
		stop_pid s3server
		start_bg s3server "$S3SERVER" -listen "$S3_ADDR" -bucket "$S3_BUCKET"
		wait_for s3server 30 s3_ok || die "S3 server did not come up; see $LOGS/s3server.log"
	else
		log "    already up on $S3_ADDR"
	fi
	write_env_fragment 30-s3 <<-EOF
		BKX_TESTENV_S3=http://$S3_ADDR
		BKX_TESTENV_S3_BUCKET=$S3_BUCKET
	EOF
}

# An ssh docker host: sshd on 127.0.0.1:2222 with its own keys and
# config, whose sessions get DOCKER_HOST of the test dockerd, and a
# system-wide client entry (Host bkx-testenv-ssh) with the key and the
# known host, so that any process can use DOCKER_HOST=ssh://bkx-testenv-ssh
# as it would a real remote docker host. Nothing in ~/.ssh is touched.
SSH_ADDR=127.0.0.1
SSH_PORT=2222
SSH_DIR=$STATE/ssh
SSH_CLIENT_CONF=/etc/ssh/ssh_config.d/bkx-testenv.conf
ssh_ok() { ssh -o BatchMode=yes -o ConnectTimeout=5 bkx-testenv-ssh docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
do_sshd() {
	mkdir -p "$SSH_DIR" /run/sshd
	chmod 700 "$SSH_DIR"
	[ -f "$SSH_DIR/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/ssh_host_ed25519_key"
	[ -f "$SSH_DIR/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C bkx-testenv -f "$SSH_DIR/id_ed25519"
	cp "$SSH_DIR/id_ed25519.pub" "$SSH_DIR/authorized_keys"
	echo "[$SSH_ADDR]:$SSH_PORT $(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")" >"$SSH_DIR/known_hosts"
	cat >"$SSH_DIR/sshd_config" <<-EOF
		Port $SSH_PORT
		ListenAddress $SSH_ADDR
		HostKey $SSH_DIR/ssh_host_ed25519_key
		AuthorizedKeysFile $SSH_DIR/authorized_keys
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		PermitRootLogin prohibit-password
		AllowUsers root
		UsePAM no
		StrictModes no
		PidFile none
		SetEnv DOCKER_HOST=unix://$DOCKER_SOCK
	EOF
	mkdir -p "$(dirname "$SSH_CLIENT_CONF")"
	cat >"$SSH_CLIENT_CONF.tmp" <<-EOF
		# Written by bkx's hack/testenv: the test world's ssh docker host.
		Host bkx-testenv-ssh
		  HostName $SSH_ADDR
		  Port $SSH_PORT
		  User root
		  IdentityFile $SSH_DIR/id_ed25519
		  IdentitiesOnly yes
		  StrictHostKeyChecking yes
		  UserKnownHostsFile $SSH_DIR/known_hosts
	EOF
	mv "$SSH_CLIENT_CONF.tmp" "$SSH_CLIENT_CONF"
	if is_running sshd && ssh_ok; then
		log "    already up on $SSH_ADDR:$SSH_PORT"
	else
		stop_pid sshd
		start_bg sshd /usr/sbin/sshd -D -e -f "$SSH_DIR/sshd_config"
		wait_for sshd 30 ssh_ok || die "ssh docker host did not answer; see $LOGS/sshd.log"
	fi
	write_env_fragment 40-ssh <<-EOF
		BKX_TESTENV_SSH_DOCKER_HOST=ssh://bkx-testenv-ssh
		BKX_TESTENV_SSH_KEY=$SSH_DIR/id_ed25519
	EOF
}

# A second dockerd, recent (moby v28, built by hack/dockerd-ctrd.sh) and with
# the containerd image store, the default of current Docker Engine/Desktop:
# `docker info` shows driver-type io.containerd.snapshotter.v1, and its image
# store holds multi-platform images and attestations. Its own data root, exec
# root, socket, bridge, cgroup parent and containerd (a child of dockerd:
# Debian's containerd, with its state in the exec root). Like the first, it
# leaves iptables and ip_forward alone. localhost:5000 is plain HTTP to it
# (loopback registries are insecure by default).
DOCKERD_CTRD_SOCK=$RUN/dockerd-ctrd.sock
DOCKERD_CTRD_BRIDGE=bkx-docker1
DOCKERD_CTRD_BRIDGE_CIDR=172.29.251.1/24
dockerd_ctrd_ok() {
	curl -sf --unix-socket "$DOCKERD_CTRD_SOCK" http://d/info 2>/dev/null |
		grep -q '"DriverStatus":\[\["driver-type","io.containerd.snapshotter.v1"\]\]'
}
do_dockerd_ctrd() {
	local dir
	# Built once into the cache (3-9 minutes, see the script), then at once.
	dir=$(bash "$REPO_ROOT/hack/dockerd-ctrd.sh") || die "could not build dockerd; see above"
	# Up and healthy, and running this build (not another version): nothing to do.
	if is_running dockerd-ctrd && dockerd_ctrd_ok &&
		[ "$(readlink "/proc/$(cat "$PIDS/dockerd-ctrd.pid")/exe")" = "$dir/dockerd" ]; then
		log "    already up on unix://$DOCKERD_CTRD_SOCK"
	else
		start_dockerd_ctrd "$dir"
	fi
	write_env_fragment 50-dockerd-ctrd <<-EOF
		BKX_TESTENV_DOCKER_CTRD_HOST=unix://$DOCKERD_CTRD_SOCK
	EOF
}
start_dockerd_ctrd() {
	local dir=$1
	stop_pid dockerd-ctrd 30
	if ! ip link show "$DOCKERD_CTRD_BRIDGE" >/dev/null 2>&1; then
		ip link add "$DOCKERD_CTRD_BRIDGE" type bridge
		ip addr add "$DOCKERD_CTRD_BRIDGE_CIDR" dev "$DOCKERD_CTRD_BRIDGE"
	fi
	ip link set "$DOCKERD_CTRD_BRIDGE" up
	mkdir -p "$STATE/dockerd-ctrd" "$RUN/dockerd-ctrd"
	echo '{"features": {"buildkit": true, "containerd-snapshotter": true}}' >"$STATE/dockerd-ctrd-daemon.json"
	start_bg dockerd-ctrd "$dir/dockerd" \
		--config-file "$STATE/dockerd-ctrd-daemon.json" \
		--data-root "$STATE/dockerd-ctrd" --exec-root "$RUN/dockerd-ctrd" \
		--pidfile "$RUN/dockerd-ctrd/dockerd.pid" \
		-H "unix://$DOCKERD_CTRD_SOCK" \
		--bridge "$DOCKERD_CTRD_BRIDGE" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
		--userland-proxy-path "$dir/docker-proxy" \
		--containerd-namespace bkx-testenv-ctrd --containerd-plugins-namespace bkx-testenv-ctrd-plugins \
		--cgroup-parent bkx-testenv-dockerd-ctrd
	wait_for dockerd-ctrd 60 dockerd_ctrd_ok ||
		die "dockerd (containerd image store) did not come up with the containerd snapshotter; see $LOGS/dockerd-ctrd.log"
}

do_env() {
	local caps=privileged
	sys_resource_ok || caps=no-sys-resource
	write_env_fragment 10-base <<-EOF
		BKX_TESTENV_BUILDKIT_VERSION=$BUILDKIT_VERSION
		BKX_TESTENV_BUILDKITD=$BUILDKITD
		BKX_TESTENV_BUILDCTL=$BUILDCTL
		BKX_TESTENV_BUILDKITD0_UNIX=unix://$(bk_sock 0)
		BKX_TESTENV_BUILDKITD0_TCP=tcp://$BK0_TCP
		BKX_TESTENV_BUILDKITD1_UNIX=unix://$(bk_sock 1)
		BKX_TESTENV_BUILDKITD1_TLS=tcp://$BK1_TCP
		BKX_TESTENV_TLS_CA=$CERTS/ca.pem
		BKX_TESTENV_TLS_CERT=$CERTS/client.pem
		BKX_TESTENV_TLS_KEY=$CERTS/client-key.pem
		BKX_TESTENV_TLS_SERVER_NAME=localhost
		BKX_TESTENV_PLATFORMS=linux/amd64,linux/arm64
		BKX_TESTENV_REGISTRY=$REGISTRY_HOST
		BKX_TESTENV_BUSYBOX_IMAGE=$BUSYBOX_IMAGE
		BKX_TESTENV_DOCKER_HOST=unix://$DOCKER_SOCK
		BKX_TESTENV_DOCKER_TLS_HOST=tcp://$DOCKER_TLS_ADDR
		BKX_TESTENV_BUILDKIT_IMAGE=$BUILDKIT_IMAGE
		BKX_TESTENV_CONTAINER_SECURITY=$caps
	EOF
	log "    wrote $ENV_FILE"
}

T0=$(now)
step "packages (apt)" do_packages
step "binfmt linux/arm64" do_binfmt
step "busybox-static debs" do_busybox_debs
step "buildkit $BUILDKIT_VERSION binaries" do_buildkit_binaries
step "TLS certificates" do_certs
step "registry $REGISTRY_ADDR" do_registry
step "buildkitd nodes" do_buildkitd
step "dockerd" do_dockerd
step "busybox image" do_busybox_image
step "buildkit image for dockerd" do_buildkit_image
step "git servers" do_git
step "S3 server $S3_ADDR" do_s3
step "ssh docker host" do_sshd
step "dockerd (containerd store)" do_dockerd_ctrd
step "env file" do_env
print_times
log "testenv up in $(awk -v a="$T0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s; endpoints in $ENV_FILE"

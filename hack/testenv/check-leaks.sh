#!/usr/bin/env bash
# Fail if tests left anything behind in the running test environment:
# containers in the testenv dockerd, pods in the test cluster, or buildkitd /
# buildctl processes other than the two long-running nodes.
# Run after `go test` (make test does); the long-running daemons themselves are
# expected and are stopped by `make testenv-down`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -f "$ENV_FILE" ] || { log "testenv not running; nothing to check"; exit 0; }
# shellcheck disable=SC1090
. "$ENV_FILE"
bad=0

if [ -S "${BKX_TESTENV_DOCKER_HOST#unix://}" ]; then
	left=$(docker -H "$BKX_TESTENV_DOCKER_HOST" ps -a --format '{{.ID}} {{.Names}} {{.Status}}' 2>/dev/null || true)
	if [ -n "$left" ]; then
		log "leak: containers left in the testenv dockerd:"
		log "$left"
		bad=1
	fi
fi

if [ -S "${BKX_TESTENV_DOCKER_CTRD_HOST#unix://}" ]; then
	left=$(docker -H "$BKX_TESTENV_DOCKER_CTRD_HOST" ps -a --format '{{.ID}} {{.Names}} {{.Status}}' 2>/dev/null || true)
	if [ -n "$left" ]; then
		log "leak: containers left in the testenv dockerd with the containerd store:"
		log "$left"
		bad=1
	fi
fi

if [ -n "${BKX_TESTENV_KUBECONFIG:-}" ] && [ -f "$BKX_TESTENV_KUBECONFIG" ]; then
	left=$("$BKX_TESTENV_KUBECTL" --kubeconfig "$BKX_TESTENV_KUBECONFIG" --request-timeout=10s \
		get pods -A --no-headers 2>/dev/null || true)
	if [ -n "$left" ]; then
		log "leak: pods left in the test cluster:"
		log "$left"
		bad=1
	fi
fi

ours=" $(cat "$PIDS"/buildkitd*.pid 2>/dev/null | tr '\n' ' ') "
for p in $(pgrep -x buildkitd || true) $(pgrep -x buildctl || true); do
	case "$ours" in *" $p "*) continue ;; esac
	# buildkitd inside a leftover container is already reported above.
	log "leak: stray process $p: $(tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null)"
	bad=1
done

if [ $bad -ne 0 ]; then
	die "tests left things behind (see above)"
fi
log "no leftovers: no test containers, pods or stray buildkit processes"

#!/usr/bin/env bash
# Print which testenv daemons are up (by pid file) and the env file.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

show() {
	local dir=$1 f n p
	for f in "$dir"/*.pid; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .pid)
		p=$(cat "$f")
		if kill -0 "$p" 2>/dev/null; then
			printf '  %-26s up    pid %s\n' "$n" "$p"
		else
			printf '  %-26s DOWN  (stale pid %s)\n' "$n" "$p"
		fi
	done
}
if [ ! -f "$ENV_FILE" ]; then
	echo "testenv: not running (no $ENV_FILE); start it with: make testenv"
	exit 1
fi
echo "daemons:"
show "$PIDS"
show "$RUN/k8s/pids"
echo "env file $ENV_FILE:"
grep -v '^#' "$ENV_FILE" | sed 's/^/  /'

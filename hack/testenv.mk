# Test environment targets; included from the root Makefile
# (`include hack/testenv.mk`), or run alone: `make -f hack/testenv.mk testenv`.
# See hack/testenv/README.md for what each target starts and where.

TESTENV_SCRIPTS := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))/testenv
TESTENV_GO ?= go

.PHONY: testenv testenv-down testenv-k8s testenv-k8s-down testenv-status testenv-smoke testenv-purge testenv-check-leaks

## testenv: buildkitd x2 (unix, tcp, tls), dockerd, registry :5000, arm64 emulation, base images
testenv:
	@bash $(TESTENV_SCRIPTS)/up.sh

## testenv-k8s: a single-node Kubernetes cluster for the kubernetes driver (after testenv)
testenv-k8s: testenv
	@bash $(TESTENV_SCRIPTS)/k8s-up.sh

## testenv-down: stop every testenv daemon (and the cluster) and remove their state; keeps the cache
testenv-down:
	@bash $(TESTENV_SCRIPTS)/down.sh

## testenv-k8s-down: stop only the Kubernetes cluster
testenv-k8s-down:
	@bash $(TESTENV_SCRIPTS)/k8s-down.sh

## testenv-purge: testenv-down, then also remove the cache (binaries, .debs, image tarballs)
testenv-purge:
	@bash $(TESTENV_SCRIPTS)/down.sh --purge-cache

## testenv-status: show what is up
testenv-status:
	@bash $(TESTENV_SCRIPTS)/status.sh

## testenv-smoke: the per-component smoke tests against the running environment
testenv-smoke: testenv-k8s
	$(TESTENV_GO) test -count=1 ./internal/testenv/...
	@bash $(TESTENV_SCRIPTS)/check-leaks.sh

## testenv-check-leaks: fail if tests left containers, pods or stray buildkit processes behind
testenv-check-leaks:
	@bash $(TESTENV_SCRIPTS)/check-leaks.sh

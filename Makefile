# bkx — see README.md. `make demo` runs the main job on a real example,
# `make test` runs every test.
GO        ?= go
SHARED    ?= ../shared
FUZZTIME  ?= 15s
BENCHTIME ?= 3x
BIN       := bin/bkx

.PHONY: all build test buildx unit vet conformance fuzz bench demo clean

include hack/testenv.mk

all: build

build:
	$(GO) build -o $(BIN) ./cmd/bkx

# test: static checks; the test world (make testenv-k8s: buildkitd nodes,
# two dockerds, registry, emulation, git, S3 and ssh servers, a Kubernetes
# cluster; installed and started as needed, seconds when already up) and
# docker buildx (a black box for the tests of its builders); every
# package's tests against it, under the race detector; then a check that
# nothing leaked.
test: vet testenv-k8s buildx
	$(GO) test -race -count=1 -timeout 30m ./...
	@bash hack/testenv/check-leaks.sh

# buildx: the docker buildx binary that tests run as a black box (builders
# made by docker buildx), built once by hack/buildx.sh.
buildx:
	@bash hack/buildx.sh >/dev/null

# unit: the tests that need no daemon.
unit: vet
	$(GO) test -count=1 -short ./...

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# conformance: the shared cases recorded from docker buildx bake --print.
conformance:
	@test -d "$(SHARED)/conformance/bake" || { echo "no $(SHARED)/conformance/bake: set SHARED=path/to/shared"; exit 1; }
	BKX_CONFORMANCE_DIR="$(abspath $(SHARED)/conformance/bake)" $(GO) test -count=1 -run '^TestConformance$$' -v ./cmd/bkx

# fuzz: every fuzz target for FUZZTIME each.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./hcl
	$(GO) test -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime $(FUZZTIME) ./hcl
	$(GO) test -run '^$$' -fuzz '^FuzzFormat$$' -fuzztime $(FUZZTIME) ./hcl
	$(GO) test -run '^$$' -fuzz '^FuzzCompose$$' -fuzztime $(FUZZTIME) ./hcl

# bench: resolving (hcl) and planning (plan) 100/1000/5000 targets, in
# ns/target, with docker buildx bake --print on the same files; 20 builds
# by bkx, by docker buildx bake and by 20 parallel buildctl processes on
# the test world (cmd/bkx), with both bake tools' peak memory. buildx is
# built from the Go module proxy by hack/buildx.sh (once; BUILDX=path
# uses another binary) and only ever run as a black box.
bench: testenv
	@set -e; bx="$${BUILDX:-$$(bash hack/buildx.sh)}"; \
	BUILDX="$$bx" $(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./hcl ./hcl/funcs ./plan; \
	BUILDX="$$bx" $(GO) test -run '^$$' -bench . -benchtime 9x ./cmd/bkx

# demo: the main job on a real example: bkx plans and builds
# examples/hello (two targets, one used by the other through target:,
# linux/amd64 and linux/arm64) and pushes it to the local registry, then
# shows the pushed index and its platforms.
demo: build testenv
	@echo "== bkx bake --plan (examples/hello)"
	cd examples/hello && ../../$(BIN) bake --plan
	@echo "== bkx bake (examples/hello)"
	cd examples/hello && ../../$(BIN) bake --progress plain --metadata-file ../../bin/demo-metadata.json
	@echo "== what was pushed"
	$(GO) run ./hack/showimage localhost:5000/bkx-demo/app:dev

clean:
	rm -rf bin

# A small real project: a shared base stage and an app that uses it
# through a target: context, built for linux/amd64 and linux/arm64 and
# pushed as one multi-platform image. `make demo` runs it on the nodes
# of `make testenv`; point BUILDKIT_* at your own buildkitd to run it
# elsewhere.
variable "REGISTRY" {
  default = "localhost:5000"
}

variable "TAG" {
  default = "dev"
}

variable "BUILDKIT_ENDPOINT" {
  description = "The buildkitd to build on (make testenv's first node)."
  default     = "tcp://127.0.0.1:1234"
}

function "image" {
  params = [name]
  result = "${REGISTRY}/bkx-demo/${name}:${TAG}"
}

builder "default" {
  driver   = "remote"
  endpoint = BUILDKIT_ENDPOINT
}

group "default" {
  targets = ["app"]
}

target "_common" {
  platforms = ["linux/amd64", "linux/arm64"]
  args = {
    BASE = "${REGISTRY}/bkx-test/busybox:latest"
  }
}

target "base" {
  inherits = ["_common"]
  context  = "base"
  tags     = [image("base")]
}

target "app" {
  inherits = ["_common"]
  context  = "app"
  contexts = {
    base = "target:base"
  }
  tags = [image("app")]
  labels = {
    "org.opencontainers.image.title" = "bkx demo app"
  }
  output = ["type=image,push=true"]
}

# A small real project: a shared base stage and an app that uses it
# through a target: context, built for two platforms.
variable "REGISTRY" {
  default = "localhost:5000"
}

variable "TAG" {
  default = "dev"
}

function "image" {
  params = [name]
  result = "${REGISTRY}/bkx-demo/${name}:${TAG}"
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
  inherits   = ["_common"]
  context    = "base"
  tags       = [image("base")]
}

target "app" {
  inherits = ["_common"]
  context  = "app"
  contexts = {
    base = "target:base"
  }
  tags   = [image("app")]
  labels = {
    "org.opencontainers.image.title" = "bkx demo app"
  }
  output = ["type=image,push=true"]
}

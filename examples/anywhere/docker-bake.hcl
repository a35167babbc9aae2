# An example that runs on any Docker host, with a docker-container builder
# (see README.md, "Try it"): a shared base stage, an app that uses it
# through a target: context, loaded into your docker for your platform, and
# a release of both platforms written as one OCI archive (no registry
# needed). The same file works with docker buildx bake.
variable "BASE" {
  # Any busybox-like image; the test world sets its own (no Docker Hub there).
  default = "busybox:1.36"
}

variable "TAG" {
  default = "dev"
}

group "default" {
  targets = ["app"]
}

target "base" {
  context = "base"
  args    = { BASE = BASE }
}

target "app" {
  context  = "app"
  contexts = { base = "target:base" }
  tags     = ["bkx-example/app:${TAG}"]
  labels   = { "org.opencontainers.image.title" = "bkx example app" }
}

# Both platforms into one OCI archive (emulated where not native).
target "release" {
  inherits  = ["app"]
  platforms = ["linux/amd64", "linux/arm64"]
  output    = ["type=oci,dest=dist/app-oci.tar"]
}

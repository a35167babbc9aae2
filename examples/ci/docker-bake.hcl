# A project built by CI from this one file (see README.md, "CI"): a base
# stage and an app that uses it through a target: context, both for
# linux/amd64 and linux/arm64. `bkx matrix --split platforms` turns it into
# jobs: one per (target, platform) on native runners, then one that
# publishes each multi-platform image; `--run-cache` lets the app's jobs
# reuse what the base's jobs built, and `--changed-since` keeps only what a
# push changed. github-workflow.yml and gitlab-ci.yml run it.
variable "REGISTRY" {
  default = "localhost:5000"
}
variable "TAG" {
  default = "dev"
}
variable "BASE_IMAGE" {
  default = "busybox:1.36"
}
variable "BUILD_ID" {
  default = "local"
}

group "default" {
  targets = ["app"]
}

target "_platforms" {
  platforms = ["linux/amd64", "linux/arm64"]
}

target "base" {
  inherits = ["_platforms"]
  context  = "base"
  args     = { BASE_IMAGE = BASE_IMAGE, BUILD_ID = BUILD_ID }
  tags     = ["${REGISTRY}/bkx-example/ci-base:${TAG}"]
}

target "app" {
  inherits = ["_platforms"]
  context  = "app"
  contexts = { base = "target:base" }
  tags     = ["${REGISTRY}/bkx-example/ci-app:${TAG}"]
}

// origin: dubo-dubon-duponey/docker-base docker-bake.hcl (reduced)
variable "IMAGE_NAME" {
  default = "untitled"
}

variable "DEBOOTSTRAP_DATE" {
  default = "2020-01-01"
}

variable "DEBOOTSTRAP_SUITE" {
  default = "buster"
}

variable "BUILDER_BASE" {
  default = ""
}

variable "RUNTIME_BASE" {
  default = ""
}

variable "REGISTRY" {
  default = "docker.io"
}

variable "VENDOR" {
  default = "dubodubonduponey"
}

variable "IMAGE_TAG" {
  default = "latest"
}

variable "TITLE" {
  default = "No title"
}

variable "URL" {
  default = "unknown"
}

variable "APT_OPTIONS" {
  default = "Acquire::HTTP::User-Agent=DuboDubonDuponey/0.1"
}

variable "GO111MODULE" {
  default = "on"
}

variable "http_proxy" {
  default = ""
}

# Just a hack to workaround buildkit path funkyness
variable "PWD" {
  default = ""
}

target "shared" {
  dockerfile = "${PWD}/Dockerfile"
  context = "${PWD}"
  args = {
    APT_OPTIONS = "${APT_OPTIONS}"
    http_proxy = "${http_proxy}"
    GO111MODULE = "${GO111MODULE}"

    BUILDER_BASE = "${equal(BUILDER_BASE,"") ? "${REGISTRY}/dubodubonduponey/base:builder-${DEBOOTSTRAP_SUITE}-${DEBOOTSTRAP_DATE}" : "${BUILDER_BASE}"}"
    RUNTIME_BASE = "${equal(RUNTIME_BASE,"") ? "${REGISTRY}/dubodubonduponey/base:runtime-${DEBOOTSTRAP_SUITE}-${DEBOOTSTRAP_DATE}" : "${RUNTIME_BASE}"}"

    BUILD_TITLE = "${TITLE}"
    BUILD_URL = "${URL}"
    BUILD_DOCUMENTATION = "${URL}/blob/master/README.md"
    BUILD_REF_NAME = "${IMAGE_TAG}"
  }
  tags = [
    "${REGISTRY}/${VENDOR}/${IMAGE_NAME}:${IMAGE_TAG}",
  ]
  pull = true
  no-cache = false
  platforms = [
    "linux/amd64",
    "linux/arm64",
    "linux/arm/v7",
    "linux/arm/v6",
  ]
  cache-to = [
    "type=local,dest=${PWD}/cache/buildkit"
  ]
  cache-from = [
    "type=local,src=${PWD}/cache/buildkit"
  ]
}

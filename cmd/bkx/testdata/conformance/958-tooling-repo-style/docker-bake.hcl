variable "GO_VERSION" { default = null }
variable "DESTDIR" { default = "./bin" }
variable "TEST_COVERAGE" { default = null }
variable "GOLANGCI_LINT_MULTIPLATFORM" { default = "" }

target "_common" {
  args = {
    GO_VERSION = GO_VERSION
    BUILDKIT_CONTEXT_KEEP_GIT_DIR = 1
  }
}
group "default" {
  targets = ["binaries"]
}
group "validate" {
  targets = ["lint", "validate-vendor", "validate-docs"]
}
target "lint" {
  inherits = ["_common"]
  dockerfile = "./hack/dockerfiles/lint.Dockerfile"
  output = ["type=cacheonly"]
  platforms = GOLANGCI_LINT_MULTIPLATFORM != "" ? ["darwin/amd64", "linux/amd64", "windows/amd64"] : []
}
target "validate-vendor" {
  inherits = ["_common"]
  dockerfile = "./hack/dockerfiles/vendor.Dockerfile"
  target = "validate"
  output = ["type=cacheonly"]
}
target "validate-docs" {
  inherits = ["_common"]
  args = { FORMATS = "md,yaml" }
  dockerfile = "./hack/dockerfiles/docs.Dockerfile"
  target = "validate"
  output = ["type=cacheonly"]
}
target "binaries" {
  inherits = ["_common"]
  target = "binaries"
  output = [DESTDIR]
  platforms = ["local"]
}
target "binaries-cross" {
  inherits = ["binaries"]
  output = [DESTDIR]
  platforms = ["darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm/v6", "linux/arm/v7", "linux/arm64", "linux/ppc64le", "linux/riscv64", "linux/s390x", "windows/amd64", "windows/arm64"]
}
target "test" {
  inherits = ["_common"]
  target = "integration-test-base"
  output = ["${DESTDIR}/coverage"]
  args = { TEST_COVERAGE = TEST_COVERAGE }
}

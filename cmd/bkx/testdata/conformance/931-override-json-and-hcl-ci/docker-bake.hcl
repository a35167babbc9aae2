variable "REGISTRY" { default = "docker.io/acme" }
variable "GITHUB_SHA" { default = "0000000000000000000000000000000000000000" }
variable "GITHUB_REF_NAME" { default = "main" }
function "short" {
  params = [s]
  result = substr(s, 0, 7)
}
group "default" { targets = ["api", "worker"] }
target "_common" {
  args = { GIT_SHA = GITHUB_SHA, GIT_REF = GITHUB_REF_NAME }
  labels = { "org.opencontainers.image.revision" = GITHUB_SHA }
}
target "api" {
  inherits = ["_common"]
  tags = ["${REGISTRY}/api:${short(GITHUB_SHA)}", "${REGISTRY}/api:${replace(GITHUB_REF_NAME, "/", "-")}"]
}
target "worker" {
  inherits = ["api"]
  tags = ["${REGISTRY}/worker:${short(GITHUB_SHA)}"]
}

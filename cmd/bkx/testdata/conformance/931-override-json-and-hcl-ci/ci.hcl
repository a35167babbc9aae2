variable "CI_PUSH" {
  type = bool
  default = false
}
target "worker" {
  output = [CI_PUSH ? "type=registry" : "type=cacheonly"]
}

variable "TAG" {
  default = "v1.2.3"
  validation {
    condition = can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+$", TAG))
    error_message = "TAG must be semver."
  }
}
target "default" { tags = ["app:${TAG}"] }

variable "TAG" {
  default = "dev"
  validation {
    condition = TAG != "latest" || REGISTRY != "prod.io"
    error_message = "latest may not be pushed to ${REGISTRY}"
  }
}
variable "REGISTRY" { default = "dev.io" }

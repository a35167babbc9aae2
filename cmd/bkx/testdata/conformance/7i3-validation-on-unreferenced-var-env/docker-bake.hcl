variable "UNUSED" {
  default = "ok"
  validation {
    condition = UNUSED == "ok"
    error_message = "UNUSED must be ok"
  }
}
target "default" {}

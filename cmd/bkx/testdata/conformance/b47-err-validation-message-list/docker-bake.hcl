variable "V" {
  default = "x"
  validation {
    condition = false
    error_message = ["a"]
  }
}
target "app" {}

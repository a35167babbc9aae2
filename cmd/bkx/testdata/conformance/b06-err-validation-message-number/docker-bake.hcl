variable "V" {
  default = "x"
  validation {
    condition = V == "y"
    error_message = 42
  }
}
target "app" {}

variable "X" {
  default = "a"
  validation {
    condition = X == "b" ? "true" : "false"
    error_message = "X must be b"
  }
}
target "default" { args = { X = X } }
